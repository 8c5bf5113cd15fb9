import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileSorted, summarize } from "./describe";

const values = fc.array(fc.integer({ min: 0, max: 200 }).map((n) => n / 2), { minLength: 1, maxLength: 60 });

describe("summarize", () => {
  it("gives the quartiles of linear interpolation (R's default, Excel's QUARTILE.INC)", () => {
    // QUARTILE.INC({1,2,3,4}; 1) = 1.75, median 2.5, QUARTILE.INC(…; 3) = 3.25.
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, mean: 2.5, median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4, sd: Math.sqrt(5 / 3) });
    expect(summarize([70, 80, 90])).toMatchObject({ median: 80, q1: 75, q3: 85, sd: 10 });
    expect(summarize([62.5])).toEqual({ count: 1, mean: 62.5, median: 62.5, q1: 62.5, q3: 62.5, min: 62.5, max: 62.5, sd: null });
    expect(summarize([])).toBeNull();
  });

  it("orders min ≤ Q1 ≤ median ≤ Q3 ≤ max with the mean between the extremes, whatever the order", () => {
    fc.assert(
      fc.property(values, (xs) => {
        const s = summarize(xs)!;
        expect(s.min).toBeLessThanOrEqual(s.q1);
        expect(s.q1).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.q3);
        expect(s.q3).toBeLessThanOrEqual(s.max);
        expect(s.mean).toBeGreaterThanOrEqual(s.min);
        expect(s.mean).toBeLessThanOrEqual(s.max);
        expect(summarize([...xs].reverse())).toEqual(s);
        if (xs.length > 1) expect(s.sd).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("has no spread for equal values, exactly", () => {
    expect(summarize([0.1, 0.1, 0.1])).toMatchObject({ mean: 0.1, q1: 0.1, q3: 0.1 });
  });
});

describe("quantileSorted", () => {
  it("is the value itself at a rank and interpolates between ranks", () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const q = quantileSorted(sorted, p);
        const h = (sorted.length - 1) * p;
        expect(q).toBeGreaterThanOrEqual(sorted[Math.floor(h)]!);
        expect(q).toBeLessThanOrEqual(sorted[Math.ceil(h)]!);
        expect(quantileSorted(sorted, 0)).toBe(sorted[0]);
        expect(quantileSorted(sorted, 1)).toBe(sorted.at(-1));
      }),
    );
  });
});
