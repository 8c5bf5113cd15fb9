import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { parseCriterionPoints, scoresheetSummary, scoresheetTotal, storedCriterionPoints, type TotalCriterion } from "./total";

const STEP = 0.5;

/** A rubric of 1–8 criteria with maxima on the step and the given weight generator. */
function rubric(weight: fc.Arbitrary<number>) {
  return fc
    .array(fc.tuple(fc.integer({ min: 1, max: 60 }), weight), { minLength: 1, maxLength: 8 })
    .map((rows) => rows.map(([units, w], i): TotalCriterion => ({ id: `c${i}`, maxPoints: units * STEP, weight: w })));
}

/** A rubric with points for every criterion, each on the step within 0..max. */
function sheet(weight: fc.Arbitrary<number>) {
  return rubric(weight).chain((criteria) =>
    fc
      .tuple(...criteria.map((c) => fc.integer({ min: 0, max: c.maxPoints / STEP }).map((u) => u * STEP)))
      .map((pts) => ({ criteria, points: Object.fromEntries(criteria.map((c, i) => [c.id, pts[i]!])) as Record<string, number> })),
  );
}

const positiveWeight = fc.integer({ min: 1, max: 40 }).map((n) => n / 4);
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("scoresheetTotal", () => {
  it("is the plain sum of points when every weight is 1", () => {
    fc.assert(
      fc.property(sheet(fc.constant(1)), ({ criteria, points }) => {
        expect(scoresheetTotal(criteria, points)).toBe(sum(Object.values(points)));
      }),
    );
  });

  it("stays within 0 and the sum of the maxima, reaching both ends", () => {
    fc.assert(
      fc.property(sheet(positiveWeight), ({ criteria, points }) => {
        const total = scoresheetTotal(criteria, points);
        const scale = sum(criteria.map((c) => c.maxPoints));
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(scale);
        expect(scoresheetTotal(criteria, Object.fromEntries(criteria.map((c) => [c.id, c.maxPoints])))).toBeCloseTo(scale, 9);
        expect(scoresheetTotal(criteria, {})).toBe(0);
      }),
    );
  });

  it("does not change when every weight is multiplied by the same factor", () => {
    fc.assert(
      fc.property(sheet(positiveWeight), fc.integer({ min: 1, max: 12 }), ({ criteria, points }, k) => {
        const scaled = criteria.map((c) => ({ ...c, weight: c.weight * k }));
        expect(scoresheetTotal(scaled, points)).toBeCloseTo(scoresheetTotal(criteria, points), 3);
      }),
    );
  });

  it("never goes down when a criterion's points go up", () => {
    fc.assert(
      fc.property(sheet(positiveWeight), fc.nat(), ({ criteria, points }, pick) => {
        const c = criteria[pick % criteria.length]!;
        const more = { ...points, [c.id]: Math.min(c.maxPoints, points[c.id]! + STEP) };
        expect(scoresheetTotal(criteria, more)).toBeGreaterThanOrEqual(scoresheetTotal(criteria, points));
      }),
    );
  });

  it("reads a Map and a Record alike, in any criterion order", () => {
    fc.assert(
      fc.property(sheet(positiveWeight), ({ criteria, points }) => {
        const total = scoresheetTotal(criteria, points);
        expect(scoresheetTotal(criteria, new Map(Object.entries(points)))).toBe(total);
        expect(scoresheetTotal([...criteria].reverse(), points)).toBeCloseTo(total, 3);
      }),
    );
  });

  it("counts a criterion of weight 2 twice as much as one of weight 1", () => {
    const criteria = [
      { id: "a", maxPoints: 10, weight: 2 },
      { id: "b", maxPoints: 10, weight: 1 },
    ];
    // (2·10 + 1·0) · 20 / 30
    expect(scoresheetTotal(criteria, { a: 10, b: 0 })).toBe(13.3333);
    expect(scoresheetTotal(criteria, { a: 0, b: 10 })).toBe(6.6667);
  });

  it("gives the default rubric's 100-point scale", () => {
    const criteria = defaultRubricTemplate("vi").criteria.map((c, i) => ({ ...c, id: String(i) }));
    expect(scoresheetTotal(criteria, { 0: 20.5, 1: 19, 2: 15.5, 3: 16, 4: 8 })).toBe(79);
  });

  it("treats missing criteria as 0 and refuses unknown ones or bad numbers", () => {
    const criteria = [{ id: "a", maxPoints: 10, weight: 1 }];
    expect(scoresheetTotal(criteria, {})).toBe(0);
    expect(scoresheetTotal([], {})).toBe(0);
    expect(() => scoresheetTotal(criteria, { z: 1 })).toThrow(RangeError);
    expect(() => scoresheetTotal(criteria, { a: Number.NaN })).toThrow(RangeError);
    expect(() => scoresheetTotal([{ id: "a", maxPoints: 10, weight: 0 }], { a: 1 })).toThrow(RangeError);
    expect(() => scoresheetTotal([{ id: "a", maxPoints: 10, weight: -1 }], { a: 1 })).toThrow(RangeError);
  });
});

describe("scoresheetSummary", () => {
  it("counts the criteria at their maximum and keeps every scored criterion's points, leaving out empty ones", () => {
    const criteria = [
      { id: "a", maxPoints: 25 },
      { id: "b", maxPoints: 20 },
      { id: "c", maxPoints: 10 },
    ];
    const summary = scoresheetSummary(criteria, { a: 25, b: 19.5, c: 10 });
    expect(summary.topMarks).toBe(2);
    expect(parseCriterionPoints(summary.criterionPoints)).toEqual({ a: 25, b: 19.5, c: 10 });
    const draft = scoresheetSummary(criteria, new Map([["b", 20]]));
    expect(draft).toEqual({ topMarks: 1, criterionPoints: JSON.stringify({ b: 20 }) });
    expect(scoresheetSummary(criteria, {})).toEqual({ topMarks: 0, criterionPoints: "{}" });
  });

  it("reads back what the database's own JSON functions write (the migration's backfill)", () => {
    // SQLite's json_group_object writes 20.0, PostgreSQL's json_object_agg spaces around colons.
    expect(parseCriterionPoints('{"a":20.0,"b":7.5}')).toEqual({ a: 20, b: 7.5 });
    expect(parseCriterionPoints('{ "a" : 20, "b" : 7.5 }')).toEqual({ a: 20, b: 7.5 });
    for (const stored of ['{"a":20.0,"b":7.5}', '{ "a" : 20, "b" : 7.5 }', JSON.stringify({ a: 20, b: 7.5 })]) {
      expect([storedCriterionPoints(stored, "a"), storedCriterionPoints(stored, "b"), storedCriterionPoints(stored, "c")]).toEqual([20, 7.5, undefined]);
    }
  });

  it("agrees with the points it was given, whatever the rubric (property)", () => {
    fc.assert(
      fc.property(rubric(fc.constant(1)), fc.array(fc.nat(), { maxLength: 8 }), (criteria, draws) => {
        const points: Record<string, number> = {};
        criteria.forEach((c, i) => {
          if (draws[i] !== undefined) points[c.id] = (draws[i]! % (c.maxPoints / STEP + 1)) * STEP;
        });
        const summary = scoresheetSummary(criteria, points);
        expect(parseCriterionPoints(summary.criterionPoints)).toEqual(points);
        expect(summary.topMarks).toBe(criteria.filter((c) => points[c.id] === c.maxPoints).length);
        for (const c of criteria) expect(storedCriterionPoints(summary.criterionPoints, c.id)).toBe(points[c.id]);
      }),
    );
  });
});
