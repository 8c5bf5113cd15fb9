// GET /organize/:contestId/entries/:entryId/file/:versionId: the original file of an entry's
// version, for the contest's organizers and secretaries only (never judges: they read the masked
// text). Anyone else: 404 (signed out: 403). Sent as an attachment, never rendered in the page.
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { getVersionFile } from "#app/modules/entries/staff.server";
import { KIND_EXTENSIONS } from "#app/modules/storage/files.schema";
import { openStoredFile } from "#app/modules/storage/upload.server";
import { orNotFound } from "#app/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const file = orNotFound(await getVersionFile(contestId, params.entryId ?? "", params.versionId ?? ""));
  const stream = await openStoredFile(file);
  // Named by the entry code and version (the entrant's own name for it may be anything).
  const name = `${file.entryCode ?? "entry"}-v${file.number}${KIND_EXTENSIONS[file.kind][0]}`;
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
