// GET /contests/:slug/banner: the contest's banner image, streamed from the store with its
// content type. Public once the contest is public; while it is a draft, for its staff only
// (anyone else: 404, as for the page).
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { getContestBanner } from "#app/modules/contests/public.server";
import { openStoredFile } from "#app/modules/storage/upload.server";
import { orNotFound } from "#app/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const banner = orNotFound(await getContestBanner(params.slug ?? "", user));
  const etag = `"${banner.sha256}"`;
  const headers = {
    "Content-Type": banner.mimeType,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": banner.public ? "public, max-age=300" : "private, no-store",
    ETag: etag,
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  const stream = await openStoredFile(banner);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: { ...headers, "Content-Length": String(banner.size) } });
}
