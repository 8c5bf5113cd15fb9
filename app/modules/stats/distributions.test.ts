import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fCdf, fQuantile, logGamma, regularizedBeta, tCritical } from "./distributions";

describe("logGamma", () => {
  it("gives ln((n − 1)!) at the integers and ln √π at ½", () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 10);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe("regularizedBeta", () => {
  it("matches closed forms", () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(2, 5) = 1 − (1 − x)^5·(1 + 5x) (integrating the density by parts).
    expect(regularizedBeta(0.37, 1, 1)).toBeCloseTo(0.37, 14);
    expect(regularizedBeta(0.6, 3, 1)).toBeCloseTo(0.216, 14);
    expect(regularizedBeta(0.3, 2, 5)).toBeCloseTo(1 - 0.7 ** 5 * (1 + 5 * 0.3), 13);
    // The arcsine distribution: I_x(½, ½) = (2/π)·asin(√x).
    expect(regularizedBeta(0.9, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.9)), 12);
  });

  it("is symmetric, I_x(a, b) = 1 − I_{1−x}(b, a), and increasing in x", () => {
    const shape = fc.double({ min: 0.2, max: 200, noNaN: true });
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), shape, shape, (x, y, a, b) => {
        expect(regularizedBeta(x, a, b)).toBeCloseTo(1 - regularizedBeta(1 - x, b, a), 9);
        const [lo, hi] = x < y ? [x, y] : [y, x];
        expect(regularizedBeta(lo, a, b)).toBeLessThanOrEqual(regularizedBeta(hi, a, b) + 1e-12);
      }),
    );
  });
});

describe("F and t quantiles", () => {
  it("match the printed tables", () => {
    // Upper critical values of F and t as printed in statistical tables (to the tables' digits).
    expect(fQuantile(0.95, 3, 20)).toBeCloseTo(3.098, 3);
    expect(fQuantile(0.975, 5, 18)).toBeCloseTo(3.382, 3);
    expect(fQuantile(0.975, 18, 5)).toBeCloseTo(6.362, 3);
    expect(fQuantile(0.99, 10, 100)).toBeCloseTo(2.503, 3);
    expect(fQuantile(0.5, 1, 1)).toBeCloseTo(1, 9);
    expect(tCritical(0.95, 1)).toBeCloseTo(12.706, 3);
    expect(tCritical(0.95, 2)).toBeCloseTo(4.303, 3);
    expect(tCritical(0.95, 10)).toBeCloseTo(2.228, 3);
    expect(tCritical(0.95, 30)).toBeCloseTo(2.042, 3);
    expect(tCritical(0.95, 1e6)).toBeCloseTo(1.96, 2);
  });

  it("inverts the distribution function", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (p, d1, d2) => {
        expect(fCdf(fQuantile(p, d1, d2), d1, d2)).toBeCloseTo(p, 8);
      }),
    );
  });

  it("refuses probabilities outside (0, 1)", () => {
    expect(() => fQuantile(0, 2, 2)).toThrow(RangeError);
    expect(() => fQuantile(1, 2, 2)).toThrow(RangeError);
  });
});
