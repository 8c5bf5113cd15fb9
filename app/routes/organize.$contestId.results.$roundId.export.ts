// GET /organize/:contestId/results/:roundId/export?format=xlsx|csv: the round's ranking with a
// column per criterion and per judge, in the reader's language, for the contest's organizers;
// anyone else gets 404 (403 when signed out), as does a round of another contest.
import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { rankingQuerySchema } from "#app/modules/rankings/documents/documents.schema";
import { rankingDocument } from "#app/modules/rankings/documents/documents.server";
import { download } from "#app/utils/download.server";
import { orNotFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: rankingQuerySchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  return download(orNotFound(await rankingDocument(contestId, params.roundId ?? "", await getLanguage(request), submission.value.format)));
}
