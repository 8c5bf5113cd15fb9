// GET /organize/:contestId/entries.xlsx: the contest's entries table as XLSX (the list's filter,
// every matching entry) for its organizers and secretaries; anyone else gets 404 (403 signed out).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { entriesWorkbook } from "#app/modules/entries/export.server";
import { entryFilterSchema } from "#app/modules/entries/submission.schema";
import { orNotFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: entryFilterSchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  const { filename, bytes } = orNotFound(await entriesWorkbook(contestId, submission.value, await getLanguage(request)));
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
