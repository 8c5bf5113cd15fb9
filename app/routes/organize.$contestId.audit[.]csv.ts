// GET /organize/:contestId/audit.csv: the contest's audit log as CSV (the page's filter, every
// matching row), for its organizers; anyone else gets 404 (403 when signed out).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { auditFilterSchema } from "#app/modules/audit/audit.schema";
import { auditCsv } from "#app/modules/audit/audit-log.server";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { orNotFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: auditFilterSchema });
  if (submission.status !== "success") {
    return Response.json(submission.reply(), { status: 400 });
  }
  const { filename, csv } = orNotFound(await auditCsv(contestId, submission.value, await getLanguage(request)));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
