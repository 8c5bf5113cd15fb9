// GET /organize/:contestId/results/:roundId/minutes/:panelId: a panel's scoring minutes for the
// round as PDF, in the reader's language, for the contest's organizers; anyone else gets 404 (403
// when signed out), as does a round or panel of another contest.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { minutesDocument } from "#app/modules/rankings/documents/documents.server";
import { download } from "#app/utils/download.server";
import { orNotFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return download(orNotFound(await minutesDocument(contestId, params.roundId ?? "", params.panelId ?? "", await getLanguage(request))));
}
