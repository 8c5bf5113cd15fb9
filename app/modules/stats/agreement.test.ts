import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { icc1, iccReading, kendallW, midranks } from "./agreement";

// Shrout, P. E. & Fleiss, J. L. (1979), "Intraclass correlations: uses in assessing rater
// reliability", Psychological Bulletin 86(2), Table 2: six targets, four judges. The paper gives
// ICC(1,1) = .17 and ICC(1,4) = .44 (MSB = 11.24, MSW = 6.26); R's psych::ICC reports the 95 %
// interval of ICC(1) as −0.13 to 0.72.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

/** Scores on a half-point step, as judges give them. */
const score = fc.integer({ min: 0, max: 200 }).map((n) => n / 2);
/** 2–15 entries with 2–5 scores each. */
const groups = fc.array(fc.array(score, { minLength: 2, maxLength: 5 }), { minLength: 2, maxLength: 15 });

function shuffle<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % keys.length]! + i / 1000 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

describe("icc1", () => {
  it("reproduces Shrout and Fleiss's ICC(1,1) and ICC(1,k) to 3 decimals", () => {
    const r = icc1(SHROUT_FLEISS)!;
    expect(r.msb).toBeCloseTo(11.24, 2);
    expect(r.msw).toBeCloseTo(6.26, 2);
    expect(r.single).toBeCloseTo(0.166, 3);
    expect(r.average).toBeCloseTo(0.443, 3);
    expect(r.singleCi[0]).toBeCloseTo(-0.13, 2);
    expect(r.singleCi[1]).toBeCloseTo(0.72, 2);
    expect(r).toMatchObject({ entries: 6, scores: 24, k0: 4 });
  });

  it("uses the adjusted group size when entries have different numbers of scores (hand computation)", () => {
    // Entries [1, 2], [3, 5, 4], [6, 6]: N = 7, mean 27/7; SSB = 285/14 so MSB = 285/28,
    // SSW = 0.5 + 2 + 0 so MSW = 5/8; k₀ = (7 − 17/7)/2 = 16/7; ICC(1) = 107/123, ICC(1,k) = 1 − MSW/MSB = 107/114.
    const r = icc1([[1, 2], [3, 5, 4], [6, 6], [7]])!;
    expect(r.msb).toBeCloseTo(285 / 28, 12);
    expect(r.msw).toBeCloseTo(5 / 8, 12);
    expect(r.k0).toBeCloseTo(16 / 7, 12);
    expect(r.single).toBeCloseTo(107 / 123, 12);
    expect(r.average).toBeCloseTo(107 / 114, 12);
    expect(r).toMatchObject({ entries: 3, scores: 7 }); // the entry with one score is left out
  });

  it("lies between −1/(k₀ − 1) and 1, inside its own interval, with ICC(1,k) at least ICC(1) when positive", () => {
    fc.assert(
      fc.property(groups, (g) => {
        const r = icc1(g);
        if (!r) return;
        expect(r.single).toBeLessThanOrEqual(1);
        expect(r.single).toBeGreaterThanOrEqual(-1 / (r.k0 - 1) - 1e-12);
        expect(r.singleCi[0]).toBeLessThanOrEqual(r.single + 1e-9);
        expect(r.singleCi[1]).toBeGreaterThanOrEqual(r.single - 1e-9);
        expect(r.singleCi[1]).toBeLessThanOrEqual(1);
        if (r.average !== null && r.single > 0) expect(r.average).toBeGreaterThanOrEqual(r.single - 1e-12);
        if (r.average !== null) expect(r.average).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("is exactly 1 when the judges of each entry agree and entries differ", () => {
    fc.assert(
      fc.property(fc.uniqueArray(score, { minLength: 2, maxLength: 12 }), fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 12, maxLength: 12 }), (values, sizes) => {
        const r = icc1(values.map((v, i) => Array.from({ length: sizes[i]! }, () => v)))!;
        expect(r.single).toBe(1);
        expect(r.average).toBe(1);
        expect(r.singleCi).toEqual([1, 1]);
      }),
    );
  });

  it("does not depend on the order of entries or of an entry's scores, nor on the scale", () => {
    fc.assert(
      fc.property(groups, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 10 }), score, (g, keys, a, b) => {
        const r = icc1(g);
        const permuted = icc1(shuffle(g, keys).map((scores) => shuffle(scores, [...keys].reverse())));
        const rescaled = icc1(g.map((scores) => scores.map((x) => a * x + b)));
        if (!r) {
          expect(permuted).toBeNull();
          expect(rescaled).toBeNull();
          return;
        }
        expect(permuted!.single).toBeCloseTo(r.single, 9);
        expect(rescaled!.single).toBeCloseTo(r.single, 9);
        expect(rescaled!.singleCi[0]).toBeCloseTo(r.singleCi[0], 9);
      }),
    );
  });

  it("is not defined with fewer than two entries of two scores, or when every score is the same", () => {
    expect(icc1([])).toBeNull();
    expect(icc1([[70, 80, 75]])).toBeNull();
    expect(icc1([[70, 80], [60]])).toBeNull();
    expect(icc1([[70, 70], [70, 70, 70]])).toBeNull();
    expect(icc1([[70, 80], [60, 65]])).not.toBeNull();
  });

  it("reaches its lower bound when entries do not differ at all but judges do", () => {
    const r = icc1([[60, 80], [80, 60], [70, 70]])!;
    expect(r.msb).toBe(0);
    expect(r.single).toBeCloseTo(-1, 12); // −1/(k₀ − 1) with k₀ = 2
    expect(r.average).toBeNull();
  });
});

describe("iccReading", () => {
  it("follows Koo and Li's bands, lower bounds included", () => {
    expect([-0.2, 0.49, 0.5, 0.74, 0.75, 0.89, 0.9, 1].map(iccReading)).toEqual(["poor", "poor", "moderate", "moderate", "good", "good", "excellent", "excellent"]);
  });
});

describe("midranks", () => {
  it("gives tied values their mean rank and counts the ties", () => {
    expect(midranks([30, 10, 20, 20])).toEqual({ ranks: [4, 1, 2.5, 2.5], ties: 6 });
    expect(midranks([5, 5, 5])).toEqual({ ranks: [2, 2, 2], ties: 24 });
  });
});

/** Spearman's correlation of two rankings without ties. */
function spearman(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const rx = midranks(x).ranks;
  const ry = midranks(y).ranks;
  const d2 = rx.reduce((s, r, i) => s + (r - ry[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/** m judges × n entries of distinct scores per judge (so no ties). */
const untiedBlock = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 12 }))
  .chain(([m, n]) => fc.array(fc.uniqueArray(score, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));
const block = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 12 }))
  .chain(([m, n]) => fc.array(fc.array(fc.integer({ min: 0, max: 8 }).map((u) => 60 + u * 2.5), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

describe("kendallW", () => {
  it("reproduces Siegel's example to 3 decimals", () => {
    // Siegel, S. (1956), Nonparametric Statistics for the Behavioral Sciences, p. 230: three
    // judges rank six objects; W = .16.
    const r = kendallW([
      [1, 6, 3, 2, 5, 4],
      [1, 5, 6, 4, 2, 3],
      [6, 3, 2, 5, 4, 1],
    ])!;
    expect(r.w).toBeCloseTo(0.162, 3);
    expect(r).toMatchObject({ judges: 3, entries: 6 });
  });

  it("corrects for ties (Shrout and Fleiss's table, judges as raters)", () => {
    // Rank sums 17, 6, 19, 7.5, 23.5, 11 (mean 14): S = 239.5; five tied pairs, Σ(t³ − t) = 30;
    // W = 12·239.5 / (16·210 − 4·30) = 2874 / 3240.
    const byJudge = SHROUT_FLEISS[0]!.map((_, j) => SHROUT_FLEISS.map((row) => row[j]!));
    expect(kendallW(byJudge)!.w).toBeCloseTo(2874 / 3240, 12);
  });

  it("lies between 0 and 1 and is 1 when every judge orders the entries alike, ties included", () => {
    fc.assert(
      fc.property(block, fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }), (b, factors) => {
        const r = kendallW(b);
        if (r) {
          expect(r.w).toBeGreaterThanOrEqual(0);
          expect(r.w).toBeLessThanOrEqual(1);
        }
        // Every judge gives the first judge's scores through an increasing map: perfect concordance.
        const alike = b.map((_, j) => b[0]!.map((x) => factors[j]! * x + j));
        const same = kendallW(alike);
        if (same) expect(same.w).toBeCloseTo(1, 12);
        else expect(new Set(b[0]).size).toBe(1);
      }),
    );
  });

  it("equals (1 + (m − 1)·mean Spearman ρ)/m without ties", () => {
    fc.assert(
      fc.property(untiedBlock, (b) => {
        const m = b.length;
        let sum = 0;
        let pairs = 0;
        for (let i = 0; i < m; i++)
          for (let j = i + 1; j < m; j++) {
            sum += spearman(b[i]!, b[j]!);
            pairs++;
          }
        expect(kendallW(b)!.w).toBeCloseTo((1 + (m - 1) * (sum / pairs)) / m, 10);
      }),
    );
  });

  it("does not depend on the order of judges or entries", () => {
    fc.assert(
      fc.property(block, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (b, keys) => {
        const n = b[0]!.length;
        const order = shuffle([...Array(n).keys()], keys);
        const permuted = shuffle(b, [...keys].reverse()).map((row) => order.map((i) => row[i]!));
        const r = kendallW(b);
        const p = kendallW(permuted);
        if (!r) expect(p).toBeNull();
        else expect(p!.w).toBeCloseTo(r.w, 12);
      }),
    );
  });

  it("is 0 for two judges in opposite orders, and not defined without two judges, two entries and some variation", () => {
    expect(kendallW([[1, 2, 3, 4], [4, 3, 2, 1]])!.w).toBeCloseTo(0, 12);
    expect(kendallW([[1, 2, 3]])).toBeNull();
    expect(kendallW([[1], [2]])).toBeNull();
    expect(kendallW([[5, 5, 5], [7, 7, 7]])).toBeNull();
    expect(() => kendallW([[1, 2], [1]])).toThrow(RangeError);
  });
});
