import { describe, expect, it } from "vitest";
import { kendallTauB, topIndices, topOverlap } from "./order-agreement";

describe("kendallTauB", () => {
  it("is 1 for an order with itself and -1 with its reverse", () => {
    const x = [3, 1, 4, 1.5, 9, 2.6];
    expect(kendallTauB(x, x)).toBe(1);
    expect(kendallTauB(x, x.map((v) => -v))).toBe(-1);
  });

  it("counts concordant and discordant pairs (one swap among four: (5 − 1) / 6)", () => {
    expect(kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
    // Two swaps among four: pairs (1,2) and (3,4) discordant: (4 − 2) / 6.
    expect(kendallTauB([1, 2, 3, 4], [2, 1, 4, 3])).toBeCloseTo(2 / 6, 12);
  });

  it("corrects for ties (tau-b): one tie in each scoring gives 4 / √(5·5)", () => {
    // Pairs: (0,1) (0,2) (0,3) (1,3) concordant; (1,2) tied in x; (2,3) tied in y.
    expect(kendallTauB([1, 2, 2, 3], [1, 2, 3, 3])).toBeCloseTo(0.8, 12);
  });

  it("is 0 when a scoring is constant, and refuses scorings of different lengths", () => {
    expect(kendallTauB([1, 2, 3], [5, 5, 5])).toBe(0);
    expect(() => kendallTauB([1, 2], [1])).toThrow(RangeError);
  });

  it("does not depend on the scale of either scoring", () => {
    const x = [0.3, 0.1, 0.7, 0.2, 0.9];
    const y = [12, 30, 45, 11, 50];
    expect(kendallTauB(x.map((v) => v * 100 - 7), y)).toBe(kendallTauB(x, y));
  });
});

describe("topOverlap", () => {
  it("takes the k highest, ties in index order", () => {
    expect(topIndices([5, 9, 9, 1, 7], 3)).toEqual([1, 2, 4]);
  });

  it("is the share of the truly best k found among the k best by score", () => {
    const truth = [10, 9, 8, 7, 6, 5];
    expect(topOverlap(truth, truth, 3)).toBe(1);
    // Best three by score: indices 0, 1, 5; the truly best are 0, 1, 2: two of three.
    expect(topOverlap([10, 9, 1, 2, 3, 8], truth, 3)).toBeCloseTo(2 / 3, 12);
    expect(topOverlap([1, 2, 3, 4, 5, 6], truth, 3)).toBe(0);
  });

  it("uses every item when k exceeds their number", () => {
    expect(topOverlap([1, 2], [2, 1], 10)).toBe(1);
  });
});
