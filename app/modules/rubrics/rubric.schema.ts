// Rubric shapes shared by the browser and the server. A criterion's level descriptors are stored
// as JSON in Criterion.levels; this module is their one serialiser.
import { z } from "zod";

export const DEFAULT_STEP = 0.5;
export const DEFAULT_WEIGHT = 1;

export const LEVEL_LABEL_MAX = 80;
export const LEVELS_MAX = 10;

/** A level descriptor: scores from `from` to `to` (both included) earn `label`. */
export const levelSchema = z.object({
  from: z.number({ invalid_type_error: "rubrics:errors.notANumber" }).min(0, "rubrics:errors.levelOutOfRange"),
  to: z.number({ invalid_type_error: "rubrics:errors.notANumber" }).min(0, "rubrics:errors.levelOutOfRange"),
  label: z
    .string({ required_error: "rubrics:errors.levelLabelRequired" })
    .trim()
    .min(1, "rubrics:errors.levelLabelRequired")
    .max(LEVEL_LABEL_MAX, `rubrics:errors.levelLabelTooLong|{"max":${LEVEL_LABEL_MAX}}`),
});
export type RubricLevel = z.infer<typeof levelSchema>;

export const levelsSchema = z.array(levelSchema).max(LEVELS_MAX, `rubrics:errors.tooManyLevels|{"max":${LEVELS_MAX}}`);

export function serializeLevels(levels: RubricLevel[]): string {
  return JSON.stringify(levelsSchema.parse(levels));
}

/** Reads Criterion.levels; a damaged value reads as no levels rather than breaking a page. */
export function parseLevels(json: string): RubricLevel[] {
  try {
    const parsed = levelsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export interface CriterionTemplate {
  name: string;
  description: string;
  maxPoints: number;
  step: number;
  weight: number;
  /** Highest level first. */
  levels: RubricLevel[];
}

/** Criteria as Criterion rows of one version: positions follow the list's order, levels as JSON. */
export function criterionRows(criteria: readonly CriterionTemplate[]) {
  return criteria.map((c, position) => ({
    position,
    name: c.name,
    description: c.description,
    maxPoints: c.maxPoints,
    step: c.step,
    weight: c.weight,
    levels: serializeLevels(c.levels),
  }));
}

export interface RubricTemplate {
  name: string;
  criteria: CriterionTemplate[];
}
