// GET /contests/:slug/results.json?version=n: a published version's content exactly as stored and
// hashed, so anyone can check its SHA-256 against the one the results page shows (the latest
// version without ?version). 404 when there is no such publication.
import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicationText, publicResults } from "#app/modules/rankings/public.server";
import { resultsQuerySchema } from "#app/modules/rankings/results.schema";
import { notFound, orNotFound } from "#app/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: resultsQuerySchema });
  if (submission.status !== "success") notFound();
  const version = submission.value.version ?? orNotFound(await publicResults(slug)).latest;
  const { text, sha256 } = orNotFound(await publicationText(slug, version));
  return new Response(text, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-results-v${version}.json"`,
      "X-Content-SHA256": sha256,
    },
  });
}
