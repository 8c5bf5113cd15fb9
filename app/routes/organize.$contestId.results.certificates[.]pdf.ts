// GET /organize/:contestId/results/certificates.pdf?version=n&entry=<id>: the certificates of a
// publication (the latest by default), one page per prize winner, or one winner's, in the reader's
// language, for the contest's organizers; anyone else gets 404 (403 when signed out).
import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { certificatesQuerySchema } from "#app/modules/rankings/documents/documents.schema";
import { certificatesDocument } from "#app/modules/rankings/documents/documents.server";
import { download } from "#app/utils/download.server";
import { orNotFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: certificatesQuerySchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  const { version, entry } = submission.value;
  return download(orNotFound(await certificatesDocument(contestId, await getLanguage(request), { version, entryId: entry })));
}
