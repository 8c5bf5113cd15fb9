// The judge's area's forms (/judge), shared by the browser and the server. Messages are i18n
// keys of the "judge" namespace (app/locales/*/judge.ts) and of contests:conflicts.
import { z } from "zod";
import { declareConflictSchema, entryCodeField } from "./conflicts.schema";

/** A unit's name [đơn vị công tác]: "Trường THPT Chu Văn An, quận Ba Đình, Hà Nội" fits easily. */
export const UNIT_MAX = 200;

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid");

/** The set of categories a form showed as checked, in one comparable string (sorted ids). */
export function expertiseKey(categoryIds: readonly string[]): string {
  return [...new Set(categoryIds)].sort().join(",");
}

/**
 * The page's actions, by `intent`. `expected` carries what the form showed (the unit, or the
 * expertise key), so that a change made meanwhile in another tab is not silently overwritten.
 * An empty unit clears it.
 */
export const judgeActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("unit"),
    unit: z.string().trim().max(UNIT_MAX, `validation.tooLong|{"max":${UNIT_MAX}}`).default(""),
    expected: z.string().default(""),
  }),
  z.object({
    intent: z.literal("expertise"),
    contestId: id,
    categoryIds: z.array(id).max(200, "validation.invalid").default([]),
    expected: z.string().default(""),
  }),
  z.object({
    intent: z.literal("declare"),
    contestId: id,
    entryCode: entryCodeField,
    reason: declareConflictSchema.shape.reason,
  }),
]);
export type JudgeAction = z.infer<typeof judgeActionSchema>;
