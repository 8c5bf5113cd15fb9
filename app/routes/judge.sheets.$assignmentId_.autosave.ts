// POST /judge/sheets/:assignmentId/autosave: the scoring page's autosave (JSON). It posts the same
// fields as the sheet's form and only ever saves a draft (submitting is the page's own button).
// Answers, as JSON:
//   200 {status: "saved", sheet}                the stored sheet, with its new version;
//   400 {status: "invalid", fieldErrors}         nothing saved;
//   409 {status: "conflict", current}            saved meanwhile elsewhere: nothing saved, the stored copy;
//   409 {status: "readOnly", reason, current}    submitted, past the deadline...: nothing saved.
// Signed out: 403; not the judge's assignment (or not readable): 404.
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireAssignmentReader } from "#app/modules/scoring/policies.server";
import { scoresheetFormSchema } from "#app/modules/scoring/scoresheet.schema";
import { saveScoresheet } from "#app/modules/scoring/scoresheets.server";
import { notFound } from "#app/utils/http.server";
import { clientIp } from "#app/utils/request.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = params.assignmentId ?? "";
  await requireAssignmentReader(user, assignmentId);
  const submission = parseWithZod(await request.formData(), { schema: scoresheetFormSchema });
  if (submission.status !== "success") return Response.json({ status: "invalid", fieldErrors: submission.error ?? {} }, { status: 400 });
  const outcome = await saveScoresheet({ judgeId: user.id, assignmentId, form: { ...submission.value, intent: "save" }, ip: clientIp(request) });
  if (outcome.ok) return Response.json({ status: "saved", sheet: outcome.sheet });
  switch (outcome.status) {
    case "notFound":
      return notFound();
    case "invalid":
      return Response.json({ status: "invalid", fieldErrors: outcome.fieldErrors }, { status: 400 });
    case "conflict":
      return Response.json({ status: "conflict", current: outcome.current }, { status: 409 });
    case "readOnly":
      return Response.json({ status: "readOnly", reason: outcome.reason, current: outcome.current }, { status: 409 });
  }
}
