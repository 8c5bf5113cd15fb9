import { describe, expect, it } from "vitest";
import { defaultRubricTemplate } from "./default-template";
import { CRITERIA_MAX, isMultipleOfStep, rubricDraftSchema, type RubricDraftInput } from "./rubric-editor.schema";

function draft(overrides: Partial<RubricDraftInput> = {}): RubricDraftInput {
  return { ...defaultRubricTemplate("vi"), ...overrides };
}

function messages(input: unknown): Record<string, string[]> {
  const result = rubricDraftSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("rubricDraftSchema", () => {
  it("accepts the default template in both languages", () => {
    expect(rubricDraftSchema.safeParse(draft()).success).toBe(true);
    expect(rubricDraftSchema.safeParse(defaultRubricTemplate("en")).success).toBe(true);
  });

  it("fills a missing description and levels, and trims names", () => {
    const parsed = rubricDraftSchema.parse({ name: " R ", criteria: [{ name: "  Tư tưởng ", maxPoints: 10, step: 1, weight: 1 }] });
    expect(parsed).toEqual({ name: "R", criteria: [{ name: "Tư tưởng", description: "", maxPoints: 10, step: 1, weight: 1, levels: [] }] });
  });

  it("refuses a step that does not divide the maximum, within 1e-9", () => {
    const base = defaultRubricTemplate("vi").criteria[0]!;
    expect(messages(draft({ criteria: [{ ...base, maxPoints: 25, step: 2 }] }))).toEqual({ "criteria.0.step": ["rubrics:errors.stepNotDivisor"] });
    expect(messages(draft({ criteria: [{ ...base, maxPoints: 0.3, step: 0.1, levels: [] }] }))).toEqual({});
    expect(isMultipleOfStep(0.3, 0.1)).toBe(true);
    expect(isMultipleOfStep(1, 0.3)).toBe(false);
  });

  it("refuses all-zero weights, a negative weight and bad maxima", () => {
    const criteria = defaultRubricTemplate("vi").criteria.map((c) => ({ ...c, weight: 0 }));
    expect(messages(draft({ criteria }))).toEqual({ criteria: ["rubrics:errors.noPositiveWeight"] });
    const [first, ...rest] = defaultRubricTemplate("vi").criteria;
    expect(messages(draft({ criteria: [{ ...first!, weight: -1 }, ...rest] }))).toEqual({ "criteria.0.weight": ["rubrics:errors.weightNegative"] });
    expect(messages(draft({ criteria: [{ ...first!, maxPoints: 0, levels: [] }] }))["criteria.0.maxPoints"]).toEqual(["rubrics:errors.maxPointsPositive"]);
    expect(messages(draft({ criteria: [{ ...first!, maxPoints: 1001, levels: [] }] }))["criteria.0.maxPoints"]).toEqual([
      'rubrics:errors.maxPointsTooLarge|{"max":1000}',
    ]);
    expect(messages(draft({ criteria: [{ ...first!, step: 0 }] }))["criteria.0.step"]).toEqual(["rubrics:errors.stepPositive"]);
  });

  it("refuses empty names and a wrong number of criteria", () => {
    const [first] = defaultRubricTemplate("vi").criteria;
    expect(messages(draft({ criteria: [{ ...first!, name: "   " }] }))).toEqual({ "criteria.0.name": ["rubrics:errors.nameRequired"] });
    expect(messages(draft({ name: "" }))).toEqual({ name: ["rubrics:errors.rubricNameRequired"] });
    expect(messages(draft({ criteria: [{ ...first!, name: "x".repeat(201) }] }))).toEqual({ "criteria.0.name": ['rubrics:errors.nameTooLong|{"max":200}'] });
    expect(messages(draft({ criteria: [] }))).toEqual({ criteria: ["rubrics:errors.tooFewCriteria"] });
    const many = Array.from({ length: CRITERIA_MAX + 1 }, (_, i) => ({ ...first!, name: `C${i}` }));
    expect(messages(draft({ criteria: many }))).toEqual({ criteria: ['rubrics:errors.tooManyCriteria|{"max":20}'] });
  });

  it("refuses levels outside 0..max or upside down, and blank level labels", () => {
    const [first] = defaultRubricTemplate("vi").criteria;
    const levels = [{ from: 20, to: 30, label: "Quá" }, { from: 5, to: 1, label: "Ngược" }, { from: 0, to: 1, label: " " }];
    expect(messages(draft({ criteria: [{ ...first!, levels }] }))).toEqual({
      "criteria.0.levels.0": ["rubrics:errors.levelOutOfRange"],
      "criteria.0.levels.1": ["rubrics:errors.levelOutOfRange"],
      "criteria.0.levels.2.label": ["rubrics:errors.levelLabelRequired"],
    });
  });

  it("says which number is not a number", () => {
    const [first] = defaultRubricTemplate("vi").criteria;
    expect(messages(draft({ criteria: [{ ...first!, weight: "x" as unknown as number }] }))).toEqual({ "criteria.0.weight": ["rubrics:errors.notANumber"] });
  });
});
