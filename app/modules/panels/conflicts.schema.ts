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

export const CONFLICT_STATUSES = ["PENDING", "CONFIRMED", "DISMISSED"] as const;
export const CONFLICT_SOURCES = ["DECLARED", "DETECTED"] as const;

/** Rows per page of the conflicts screen. */
export const CONFLICT_PAGE_SIZE = 50;
/** Up to this many coded entries the declaration form offers a select; beyond, the code is typed. */
export const ENTRY_SELECT_MAX = 300;
export const ENTRY_CODE_MAX = 40;

const filterId = z.string().trim().max(64, "validation.invalid").optional();

/** The conflicts screen's filter (a GET form): status, source, judge, and the page. */
export const conflictFilterSchema = z.object({
  status: z.enum(CONFLICT_STATUSES, { errorMap: () => ({ message: "validation.invalid" }) }).optional(),
  source: z.enum(CONFLICT_SOURCES, { errorMap: () => ({ message: "validation.invalid" }) }).optional(),
  judge: filterId,
  page: z.coerce
    .number({ invalid_type_error: "validation.invalid" })
    .int("validation.invalid")
    .min(1, "validation.invalid")
    .max(100_000, "validation.invalid")
    .optional(),
});
export type ConflictFilter = z.infer<typeof conflictFilterSchema>;

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid");

/** An entry code [mã bài dự thi] as typed (or chosen) in a declaration form. */
export const entryCodeField = z
  .string({ required_error: "contests:conflicts.errors.codeRequired" })
  .trim()
  .min(1, "contests:conflicts.errors.codeRequired")
  .max(ENTRY_CODE_MAX, `validation.tooLong|{"max":${ENTRY_CODE_MAX}}`);

/**
 * The conflicts screen's actions, by `intent`: run detection; decide a conflict (with the
 * status the page showed, `expected`); declare a conflict on a judge's behalf.
 */
export const conflictActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("detect") }),
  z.object({
    intent: z.literal("decide"),
    conflictId: id,
    decision: decideConflictSchema.shape.decision,
    expected: z.enum(CONFLICT_STATUSES, { errorMap: () => ({ message: "validation.invalid" }) }),
  }),
  z.object({
    intent: z.literal("declare"),
    judgeId: z.string({ required_error: "contests:conflicts.errors.judgeRequired" }).trim().min(1, "contests:conflicts.errors.judgeRequired").max(64, "validation.invalid"),
    entryCode: entryCodeField,
    reason: declareConflictSchema.shape.reason,
  }),
]);
export type ConflictAction = z.infer<typeof conflictActionSchema>;
