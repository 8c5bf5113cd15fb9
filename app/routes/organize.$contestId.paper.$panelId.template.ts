// GET /organize/:contestId/paper/:panelId/template?format=xlsx|csv: a panel's blank paper
// scoresheet template in the reader's language, for the contest's secretaries and organizers;
// anyone else gets 404 (403 when signed out).
import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { templateQuerySchema } from "#app/modules/scoring/paper.schema";
import { paperTemplate } from "#app/modules/scoring/paper.server";
import { notFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: templateQuerySchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  const file = await paperTemplate(contestId, params.panelId ?? "", await getLanguage(request), submission.value.format);
  if (!("body" in file)) {
    if (file.status === "notFound") notFound();
    return Response.json({ error: file.error }, { status: 409 });
  }
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
