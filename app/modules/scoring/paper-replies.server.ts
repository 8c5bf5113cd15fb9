// The one way the paper import answers (the page's action and its streaming twin, the import
// route): what the page shows for an import's result, with the HTTP status it stands for.
import type { SubmissionResult } from "@conform-to/react";
import { PAPER_FORM } from "./paper.schema";
import type { ImportResult, PaperPreview } from "./paper.server";

export interface PaperReply {
  form: typeof PAPER_FORM;
  result: SubmissionResult<string[]>;
  preview: PaperPreview | null;
  notice: { key: string; values: Record<string, number> } | null;
}

interface Replier {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; resetForm?: boolean }): SubmissionResult<string[]>;
}

/** The page's answer to an import, or "notFound" (the caller answers 404). */
export function paperImportReply(submission: Replier, result: ImportResult): { status: number; reply: PaperReply } | "notFound" {
  const reply = (body: Omit<PaperReply, "form">, status = 200): { status: number; reply: PaperReply } => ({ status, reply: { form: PAPER_FORM, ...body } });
  if (result.ok) {
    const notice = { key: "chair:paper.notices.imported", values: { count: result.imported, drafts: result.replacedDrafts } };
    return reply({ result: submission.reply({ resetForm: true }), preview: null, notice });
  }
  switch (result.status) {
    case "notFound":
      return "notFound";
    case "invalid":
      return reply({ result: submission.reply(), preview: result.preview, notice: null }, 400);
    case "stale":
      return reply({ result: submission.reply({ formErrors: [result.error] }), preview: result.preview, notice: null }, 409);
    default:
      return reply({ result: submission.reply({ formErrors: [result.error] }), preview: null, notice: null }, 409);
  }
}
