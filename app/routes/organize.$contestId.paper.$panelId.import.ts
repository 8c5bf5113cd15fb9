// POST /organize/:contestId/paper/:panelId/import: the paper import sent by the page's script, its
// progress streamed back while the sheets are written in one transaction (utils/progress-stream):
// {"type":"progress","stage":"checking"}, {"type":"progress","stage":"writing","written","total"}…,
// then {"type":"done","status","reply"} with the page's answer (modules/scoring/paper-replies).
// The same checks as the page's action; a form or file the import cannot take: 400 with the
// reply as JSON. For the contest's secretaries and organizers (anyone else, or another contest's
// panel: 404).
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { paperImportReply, type PaperReply } from "#app/modules/scoring/paper-replies.server";
import { PAPER_FORM, PAPER_MAX_BYTES, paperActionSchema } from "#app/modules/scoring/paper.schema";
import { getPaperPanel, importPaper, type PaperProgress } from "#app/modules/scoring/paper.server";
import { keepReceived } from "#app/modules/storage/keep.server";
import { filePartError, withUploadForm } from "#app/modules/storage/multipart.server";
import { orNotFound } from "#app/utils/http.server";
import { progressResponse } from "#app/utils/progress-stream.server";
import { clientIp } from "#app/utils/request.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const panelId = params.panelId ?? "";
  orNotFound(await getPaperPanel(contestId, panelId));
  return withUploadForm(request, { maxBytes: PAPER_MAX_BYTES }, async ({ fields, file }) => {
    const submission = parseWithZod(fields, { schema: paperActionSchema });
    const refuse = (result: PaperReply["result"]) =>
      Response.json({ type: "done", status: 400, reply: { form: PAPER_FORM, result, preview: null, notice: null } satisfies PaperReply }, { status: 400 });
    if (submission.status !== "success") return refuse(submission.reply());
    if (submission.value.intent !== "import") return refuse(submission.reply({ formErrors: ["validation.invalid"] }));
    const fileError = filePartError(file, PAPER_MAX_BYTES);
    if (fileError || file.status !== "received") return refuse(submission.reply({ fieldErrors: { file: [fileError ?? "files:errors.noFile"] } }));
    const input = submission.value;
    const kept = await keepReceived(file.received);
    return progressResponse<PaperProgress, { status: number; reply: PaperReply | null }>(async (report) => {
      try {
        const result = await importPaper({
          contestId,
          panelId,
          file: { path: kept.path, sha256: file.received.sha256, originalName: file.received.originalName },
          expectedSha256: input.sha256,
          expectedPlan: input.plan,
          actorId: user.id,
          ip: clientIp(request),
          onProgress: report,
        });
        const answer = paperImportReply(submission, result);
        // The panel went away meanwhile: nothing to show but the status.
        return answer === "notFound" ? { status: 404, reply: null } : answer;
      } finally {
        await kept.release();
      }
    });
  });
}
