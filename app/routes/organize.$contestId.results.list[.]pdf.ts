// GET /organize/:contestId/results/list.pdf?version=n|draft=on: the list of prize winners for the
// award decision, in the reader's language (a draft before the first publication, or on request),
// for the contest's organizers; anyone else gets 404 (403 when signed out).
import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { resultsListQuerySchema } from "#app/modules/rankings/documents/documents.schema";
import { resultsListDocument } from "#app/modules/rankings/documents/documents.server";
import { download } from "#app/utils/download.server";
import { orNotFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: resultsListQuerySchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  return download(orNotFound(await resultsListDocument(contestId, await getLanguage(request), submission.value)));
}
