// The rubric builder's form, shared by the browser and the server (STYLE.md 3): one schema for
// a whole rubric draft. Messages are i18n keys of the "rubrics" namespace; a key may carry its
// interpolation values after a "|" as JSON, as elsewhere in the portal.
import { z } from "zod";
import { levelsSchema, type RubricLevel } from "./rubric.schema";

export const RUBRIC_NAME_MAX = 200;
export const CRITERION_NAME_MAX = 200;
export const CRITERION_DESCRIPTION_MAX = 2000;
export const CRITERION_MAX_POINTS = 1000;
export const CRITERIA_MIN = 1;
export const CRITERIA_MAX = 20;
/** Tolerance for "maxPoints is a multiple of step" (floating-point steps such as 0.1). */
export const STEP_EPSILON = 1e-9;

/** Whether `value` is a whole number of `step`s, within STEP_EPSILON. */
export function isMultipleOfStep(value: number, step: number): boolean {
  if (!(step > 0)) return false;
  const units = value / step;
  return Math.abs(units - Math.round(units)) <= STEP_EPSILON;
}

const numberField = (required: string, invalid: string) => z.number({ required_error: required, invalid_type_error: invalid });

export const criterionDraftSchema = z
  .object({
    name: z
      .string({ required_error: "rubrics:errors.nameRequired" })
      .trim()
      .min(1, "rubrics:errors.nameRequired")
      .max(CRITERION_NAME_MAX, `rubrics:errors.nameTooLong|{"max":${CRITERION_NAME_MAX}}`),
    description: z
      .string()
      .trim()
      .max(CRITERION_DESCRIPTION_MAX, `rubrics:errors.descriptionTooLong|{"max":${CRITERION_DESCRIPTION_MAX}}`)
      .default(""),
    maxPoints: numberField("rubrics:errors.maxPointsRequired", "rubrics:errors.notANumber")
      .finite("rubrics:errors.notANumber")
      .gt(0, "rubrics:errors.maxPointsPositive")
      .max(CRITERION_MAX_POINTS, `rubrics:errors.maxPointsTooLarge|{"max":${CRITERION_MAX_POINTS}}`),
    step: numberField("rubrics:errors.stepRequired", "rubrics:errors.notANumber")
      .finite("rubrics:errors.notANumber")
      .gt(0, "rubrics:errors.stepPositive"),
    weight: numberField("rubrics:errors.weightRequired", "rubrics:errors.notANumber")
      .finite("rubrics:errors.notANumber")
      .min(0, "rubrics:errors.weightNegative"),
    levels: levelsSchema.default([]),
  })
  .superRefine((c, ctx) => {
    if (c.step > 0 && c.maxPoints > 0 && !isMultipleOfStep(c.maxPoints, c.step)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["step"], message: "rubrics:errors.stepNotDivisor" });
    }
    c.levels.forEach((level: RubricLevel, i) => {
      if (level.from > level.to || level.to > c.maxPoints) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["levels", i], message: "rubrics:errors.levelOutOfRange" });
      }
    });
  });

export const rubricDraftSchema = z
  .object({
    name: z
      .string({ required_error: "rubrics:errors.rubricNameRequired" })
      .trim()
      .min(1, "rubrics:errors.rubricNameRequired")
      .max(RUBRIC_NAME_MAX, `rubrics:errors.nameTooLong|{"max":${RUBRIC_NAME_MAX}}`),
    criteria: z
      .array(criterionDraftSchema, { required_error: "rubrics:errors.tooFewCriteria" })
      .min(CRITERIA_MIN, "rubrics:errors.tooFewCriteria")
      .max(CRITERIA_MAX, `rubrics:errors.tooManyCriteria|{"max":${CRITERIA_MAX}}`),
  })
  .superRefine((r, ctx) => {
    if (r.criteria.length > 0 && !r.criteria.some((c) => c.weight > 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["criteria"], message: "rubrics:errors.noPositiveWeight" });
    }
  });

/** A valid draft: criteria in the order they will be shown (position = index). */
export type RubricDraft = z.infer<typeof rubricDraftSchema>;
/** What a form may submit before parsing (description and levels may be left out). */
export type RubricDraftInput = z.input<typeof rubricDraftSchema>;

/**
 * What the builder sends back besides the draft: the version id and revision it loaded (the
 * concurrency token of saveRubric). Plain hidden fields, always the latest loaded values.
 */
export const rubricTokenSchema = z.object({
  expectedVersionId: z.string().min(1, "rubrics:errors.changedMeanwhile"),
  expectedRevision: z.string().min(1, "rubrics:errors.changedMeanwhile"),
});

/** The builder's query string: `?version=n` opens an older version to read. */
export const rubricVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });
