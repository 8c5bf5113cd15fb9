// The one way the rounds, panels and assignment routes answer a refusal (./refusal): 404 for
// notFound, 400 with field errors for invalid input, 409 with a translated form message for a
// stale form or a rule of the current state. `form` names the form the answer belongs to, so a
// page with several forms shows it at the right one.
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { notFound } from "#app/utils/http.server";
import { CHANGED_MEANWHILE_MESSAGE, type Refusal } from "./refusal";

interface Replier {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

export function replyRefusal(submission: Replier, refusal: Refusal, form: string) {
  switch (refusal.status) {
    case "notFound":
      return notFound();
    case "invalid":
      return data({ form, result: submission.reply({ fieldErrors: refusal.fieldErrors }), notice: null }, { status: 400 });
    case "changedMeanwhile":
      // Without the submitted values: the form shows what is stored now, which someone else changed.
      return data({ form, result: { ...submission.reply({ formErrors: [CHANGED_MEANWHILE_MESSAGE] }), initialValue: null }, notice: null }, { status: 409 });
    case "refused":
      return data({ form, result: submission.reply({ formErrors: [refusal.error] }), notice: null }, { status: 409 });
  }
}
