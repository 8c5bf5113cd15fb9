// Forms for conflicts of interest, shared by the browser and the server. Messages are i18n keys
// of the "contests" namespace (app/locales/*/contests.ts, conflicts.errors).
import { z } from "zod";

export const CONFLICT_REASON_MIN = 3;
export const CONFLICT_REASON_MAX = 500;

/** A judge's declaration of a conflict of interest on one entry: the reason is required. */
export const declareConflictSchema = z.object({
  reason: z
    .string({ required_error: "contests:conflicts.errors.reasonRequired", invalid_type_error: "contests:conflicts.errors.reasonRequired" })
    .trim()
    .min(1, "contests:conflicts.errors.reasonRequired")
    // Checked only once the reason is there, so an empty one gets one message, not two.
    .pipe(
      z
        .string()
        .min(CONFLICT_REASON_MIN, `contests:conflicts.errors.reasonTooShort|{"min":${CONFLICT_REASON_MIN}}`)
        .max(CONFLICT_REASON_MAX, `contests:conflicts.errors.reasonTooLong|{"max":${CONFLICT_REASON_MAX}}`),
    ),
});
export type DeclareConflictInput = z.infer<typeof declareConflictSchema>;

export const CONFLICT_DECISIONS = ["CONFIRMED", "DISMISSED"] as const;
export type ConflictDecision = (typeof CONFLICT_DECISIONS)[number];

/** The secretary's decision on a conflict. */
export const decideConflictSchema = z.object({
  decision: z.enum(CONFLICT_DECISIONS, { errorMap: () => ({ message: "contests:conflicts.errors.decision" }) }),
});
