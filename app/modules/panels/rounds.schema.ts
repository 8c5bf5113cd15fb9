// The rounds page's forms (issue 3, item 4), shared by the browser and the server, and the
// round's one policy that depends on scores. Messages are i18n keys of the "rounds" namespace.
//
// A round: its name, the rubric version its judges score with, reads per entry (k), the spread of
// judges' totals above which an entry is flagged, the rule for who advances (top N per category, a
// score threshold, or a manual list), the aggregation of judges' totals, when judges see others'
// scores, and a judging deadline typed on the contest's clock ("YYYY-MM-DDTHH:mm" in its zone).
import { z } from "zod";
import { zonedLocalToUtc } from "#app/modules/contests/phases-clock";

export const ROUND_NAME_MAX = 100;
export const READS_MIN = 1;
export const READS_MAX = 15;
export const SPREAD_MAX = 1000;
export const TOP_N_MAX = 10_000;
export const THRESHOLD_MAX = 10_000;

export const ADVANCE_RULES = ["TOP_N", "THRESHOLD", "MANUAL"] as const;
export const AGGREGATION_METHODS = ["MEAN", "TRIMMED_MEAN", "NORMALIZED"] as const;
export const SCORE_VISIBILITIES = ["NEVER", "AFTER_OWN", "ALWAYS"] as const;
export type AdvanceRuleName = (typeof ADVANCE_RULES)[number];

/** What a new round starts with (the form shows them). */
export const ROUND_DEFAULTS = {
  readsPerEntry: 3,
  advanceRule: "MANUAL",
  aggregation: "NORMALIZED",
  scoreVisibility: "AFTER_OWN",
} as const satisfies { readsPerEntry: number; advanceRule: AdvanceRuleName; aggregation: string; scoreVisibility: string };

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A wall-clock time "YYYY-MM-DDTHH:mm" that exists on the calendar (2026-02-30T10:00 does not). */
export function isLocalDateTime(value: string): boolean {
  if (!LOCAL_DATE_TIME.test(value)) return false;
  try {
    zonedLocalToUtc(value, "UTC");
    return true;
  } catch {
    return false;
  }
}

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid");
const number = (required: string) => z.number({ required_error: required, invalid_type_error: "rounds:errors.notANumber" });

/** The fields of a round's form, as a plain object (refined by checkRoundFields). */
export const roundFieldsObject = z.object({
  name: z
    .string({ required_error: "rounds:errors.nameRequired" })
    .trim()
    .min(1, "rounds:errors.nameRequired")
    .max(ROUND_NAME_MAX, `rounds:errors.nameTooLong|{"max":${ROUND_NAME_MAX}}`),
  rubricVersionId: z.string().trim().max(64, "validation.invalid").optional(),
  readsPerEntry: number("rounds:errors.readsRequired")
    .int("rounds:errors.wholeNumber")
    .min(READS_MIN, `rounds:errors.readsRange|{"min":${READS_MIN},"max":${READS_MAX}}`)
    .max(READS_MAX, `rounds:errors.readsRange|{"min":${READS_MIN},"max":${READS_MAX}}`),
  spreadThreshold: number("rounds:errors.notANumber")
    .finite("rounds:errors.notANumber")
    .gt(0, "rounds:errors.spreadPositive")
    .max(SPREAD_MAX, `rounds:errors.spreadTooLarge|{"max":${SPREAD_MAX}}`)
    .optional(),
  advanceRule: z.enum(ADVANCE_RULES, { errorMap: () => ({ message: "rounds:errors.advanceRule" }) }),
  advanceValue: number("rounds:errors.notANumber").finite("rounds:errors.notANumber").optional(),
  aggregation: z.enum(AGGREGATION_METHODS, { errorMap: () => ({ message: "validation.invalid" }) }),
  scoreVisibility: z.enum(SCORE_VISIBILITIES, { errorMap: () => ({ message: "validation.invalid" }) }),
  judgingDeadline: z.string().trim().refine(isLocalDateTime, "rounds:errors.deadlineInvalid").optional(),
});
export type RoundFields = z.infer<typeof roundFieldsObject>;

/** The advance rule's value: a whole N ≥ 1 for TOP_N, a score ≥ 0 for THRESHOLD, nothing for MANUAL. */
export function checkRoundFields(value: Pick<RoundFields, "advanceRule" | "advanceValue">, ctx: z.RefinementCtx) {
  const v = value.advanceValue;
  const issue = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["advanceValue"], message });
  if (value.advanceRule === "TOP_N") {
    if (v === undefined) issue("rounds:errors.topNRequired");
    else if (!Number.isInteger(v) || v < 1 || v > TOP_N_MAX) issue(`rounds:errors.topNRange|{"max":${TOP_N_MAX}}`);
  } else if (value.advanceRule === "THRESHOLD") {
    if (v === undefined) issue("rounds:errors.thresholdRequired");
    else if (v < 0 || v > THRESHOLD_MAX) issue(`rounds:errors.thresholdRange|{"max":${THRESHOLD_MAX}}`);
  }
}

/** The advance value stored for a rule: none for a manual list. */
export function advanceValueFor(fields: Pick<RoundFields, "advanceRule" | "advanceValue">): number | null {
  return fields.advanceRule === "MANUAL" ? null : (fields.advanceValue ?? null);
}

const createRoundObject = roundFieldsObject.extend({ intent: z.literal("create") });
const moveRoundObject = z.object({
  intent: z.literal("move"),
  roundId: id,
  direction: z.enum(["up", "down"], { errorMap: () => ({ message: "validation.invalid" }) }),
  /** The round's position on the page the organizer saw. */
  position: z.number({ invalid_type_error: "validation.invalid", required_error: "validation.invalid" }).int("validation.invalid"),
});
const deleteRoundObject = z.object({ intent: z.literal("delete"), roundId: id });

/** The create form of the rounds page. */
export const createRoundSchema = createRoundObject.superRefine(checkRoundFields);

/** Every action of /organize/:contestId/rounds. */
export const roundsActionSchema = z
  .discriminatedUnion("intent", [createRoundObject, moveRoundObject, deleteRoundObject])
  .superRefine((value, ctx) => {
    if (value.intent === "create") checkRoundFields(value, ctx);
  });
export type RoundsAction = z.infer<typeof roundsActionSchema>;

/** The settings form of a round's page (posted with the revision it was loaded at). */
export const updateRoundObject = roundFieldsObject.extend({
  intent: z.literal("updateRound"),
  revision: z.string({ required_error: "validation.invalid" }).trim().min(1, "validation.invalid").max(64, "validation.invalid"),
});
export const updateRoundSchema = updateRoundObject.superRefine(checkRoundFields);

// ───────────────────────────── the policy scores put on a round ─────────────────────────────

/** What a round's judges' scores depend on: once a score exists in the round these cannot change. */
export const SCORE_BOUND_ROUND_FIELDS = ["readsPerEntry", "rubricVersionId"] as const;
export type ScoreBoundRoundField = (typeof SCORE_BOUND_ROUND_FIELDS)[number];

/**
 * The changes a round's scores forbid: k (a judge's read would stop or start counting) and the
 * rubric version (saved scoresheets use the version they were scored on). Empty when the round
 * holds no score (a scoresheet with a point or a submitted one), or when neither field changes.
 */
export function scoreBoundChanges(
  current: Record<ScoreBoundRoundField, number | string | null>,
  next: Record<ScoreBoundRoundField, number | string | null>,
  roundHasScores: boolean,
): ScoreBoundRoundField[] {
  if (!roundHasScores) return [];
  return SCORE_BOUND_ROUND_FIELDS.filter((field) => current[field] !== next[field]);
}
