// The chair's view's forms (/judge/panels/:panelId), shared by the browser and the server: one
// POST per action with an intent. Messages are i18n keys.
import { z } from "zod";

/** The longest reason a chair may give (a resolution, an extra reader, a reopened sheet). */
export const CHAIR_REASON_MAX = 1000;
/** How often a panel's judges may be reminded, all senders together. */
export const REMINDER_WINDOW_HOURS = 6;

/** How the chair's actions say no (besides 404 and a stale form). */
export const CHAIR_ERRORS = {
  notJudging: "chair:errors.notJudging",
  notFlagged: "chair:errors.notFlagged",
  notSubmitted: "chair:errors.notSubmitted",
  nothingToRemind: "chair:errors.nothingToRemind",
} as const;

const id = z.string({ required_error: "validation.invalid" }).trim().min(1, "validation.invalid").max(64, "validation.invalid");
const tooLong = `validation.tooLong|${JSON.stringify({ max: CHAIR_REASON_MAX })}`;
const requiredReason = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(CHAIR_REASON_MAX, tooLong);
const optionalReason = z.string().trim().max(CHAIR_REASON_MAX, tooLong).optional().default("");

export const chairActionSchema = z.discriminatedUnion("intent", [
  /** The disagreement is settled: the chair says why (e.g. "the panel agreed on 78 after discussion"). */
  z.object({ intent: z.literal("resolve"), entryId: id, reason: requiredReason }),
  /** One more judge of the panel reads the entry. */
  z.object({ intent: z.literal("extraReader"), entryId: id, reason: optionalReason }),
  /** A submitted sheet goes back to its judge as a draft; `version` is the sheet's as the page showed it. */
  z.object({
    intent: z.literal("reopen"),
    scoresheetId: id,
    version: z.number({ required_error: "validation.invalid", invalid_type_error: "validation.invalid" }).int("validation.invalid").min(0, "validation.invalid"),
    reason: requiredReason,
  }),
  /** E-mails the judges with unfinished sheets on the panel. */
  z.object({ intent: z.literal("remind") }),
]);
export type ChairAction = z.infer<typeof chairActionSchema>;
