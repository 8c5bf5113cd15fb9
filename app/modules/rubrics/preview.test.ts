import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRubricTemplate } from "./default-template";
import { previewCriteria, previewTotal, readNumber, rubricScale, type PreviewCriterion } from "./preview";

function criterion(key: string, maxPoints: number, step = 0.5, weight = 1): PreviewCriterion {
  return { key, name: key, description: "", maxPoints, step, weight, levels: [] };
}

/** A criterion on a step with a score on that step (as units of the step). */
const scored = fc.record({
  step: fc.constantFrom(0.25, 0.5, 1, 2),
  units: fc.integer({ min: 1, max: 80 }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("previewTotal", () => {
  it("with equal weights is the plain sum of the typed scores, on the sum of the maxima", () => {
    fc.assert(
      fc.property(fc.array(scored, { minLength: 1, maxLength: 8 }), (rows) => {
        const criteria = rows.map((r, i) => criterion(`c${i}`, r.units * r.step, r.step));
        const points = rows.map((r) => Math.floor(r.share * r.units) * r.step);
        const typed = Object.fromEntries(points.map((p, i) => [`c${i}`, String(p)]));
        const result = previewTotal(criteria, typed);
        expect(result.problems).toEqual({});
        expect(result.total).toBeCloseTo(points.reduce((s, p) => s + p, 0), 4);
        expect(result.scale).toBeCloseTo(criteria.reduce((s, c) => s + c.maxPoints, 0), 4);
      }),
    );
  });

  it("gives the scale for full marks and 0 for nothing typed, whatever the weights", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(scored, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 6 }), (rows) => {
        fc.pre(rows.some(([, w]) => w > 0));
        const criteria = rows.map(([r, w], i) => criterion(`c${i}`, r.units * r.step, r.step, w));
        const full = Object.fromEntries(criteria.map((c) => [c.key, String(c.maxPoints)]));
        expect(previewTotal(criteria, full).total).toBeCloseTo(previewTotal(criteria, full).scale!, 4);
        expect(previewTotal(criteria, {}).total).toBe(0);
      }),
    );
  });

  it("sets aside scores a judge could not enter and says why", () => {
    const criteria = [criterion("a", 25), criterion("b", 20), criterion("c", 10), criterion("d", 10)];
    const result = previewTotal(criteria, { a: "30", b: "12.3", c: "abc", d: "7,5" });
    expect(result.problems).toEqual({ a: "outOfRange", b: "offStep", c: "notANumber" });
    expect(result.total).toBe(7.5);
    expect(previewTotal(criteria, { a: "-1" }).problems).toEqual({ a: "outOfRange" });
  });

  it("weighs criteria as the stored total does", () => {
    const criteria = [criterion("a", 50, 1, 2), criterion("b", 50, 1, 1)];
    // (2·50 + 1·0) · 100 / (2·50 + 1·50) = 66.6667
    expect(previewTotal(criteria, { a: "50" }).total).toBe(66.6667);
  });

  it("shows no total while the rubric's own numbers are not valid", () => {
    expect(previewTotal([criterion("a", Number.NaN)], { a: "1" })).toEqual({ total: null, scale: null, problems: {} });
    expect(previewTotal([criterion("a", 10, 0.5, 0)], { a: "1" }).total).toBeNull();
    expect(previewTotal([criterion("a", 10, Number.NaN)], {}).total).toBeNull();
    expect(previewTotal([], {})).toEqual({ total: null, scale: 0, problems: {} });
  });
});

describe("reading the builder's fields", () => {
  it("reads numbers as typed, and nothing else", () => {
    expect(readNumber("12.5")).toBe(12.5);
    expect(readNumber(" 12,5 ")).toBe(12.5);
    expect(readNumber("")).toBeNaN();
    expect(readNumber("1e")).toBeNaN();
    expect(readNumber(undefined)).toBeNaN();
  });

  it("sums maxima without floating-point noise", () => {
    expect(rubricScale([0.1, 0.2])).toBe(0.3);
    expect(rubricScale(defaultRubricTemplate("vi").criteria.map((c) => c.maxPoints))).toBe(100);
    expect(rubricScale([10, 0])).toBeNull();
  });

  it("turns the form's string values into preview criteria under the list's keys", () => {
    const value = {
      name: "Thang điểm",
      criteria: [
        { name: " Tư tưởng ", description: "Mô tả", maxPoints: "25", step: "0.5", weight: "1", levels: [{ from: "20", to: "25", label: "Xuất sắc" }] },
        { name: "Hình thức", maxPoints: "", step: "x" },
      ],
    };
    expect(previewCriteria(value, ["k1", "k2", "k3"])).toEqual([
      { key: "k1", name: "Tư tưởng", description: "Mô tả", maxPoints: 25, step: 0.5, weight: 1, levels: [{ from: 20, to: 25, label: "Xuất sắc" }] },
      { key: "k2", name: "Hình thức", description: "", maxPoints: Number.NaN, step: Number.NaN, weight: Number.NaN, levels: [] },
      { key: "k3", name: "", description: "", maxPoints: Number.NaN, step: Number.NaN, weight: Number.NaN, levels: [] },
    ]);
    expect(previewCriteria(undefined, [])).toEqual([]);
  });
});
