import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "#app/utils/random";
import {
  ANONYMOUS_CODE_ALPHABET,
  ANONYMOUS_CODE_PATTERN,
  anonymousCode,
  distinctAnonymousCodes,
  entryCode,
} from "./codes";

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** A random source that replays the given numbers in a loop. */
function replay(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

/** Spearman's rank correlation between position and the codes' sort order. */
function rankCorrelation(codes: string[]): number {
  const n = codes.length;
  const order = codes.map((code, i) => ({ code, i })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  let d2 = 0;
  order.forEach(({ i }, rank) => (d2 += (rank - i) ** 2));
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe("entryCode", () => {
  it("is the prefix and the zero-padded sequence", () => {
    expect(entryCode("QB-", 7)).toBe("QB-0007");
    expect(entryCode("", 123)).toBe("0123");
    expect(entryCode("PS-", 12345)).toBe("PS-12345");
  });

  it("round-trips and sorts like the sequence up to 9999", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{0,4}-?$/), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }), (prefix, a, b) => {
        const ca = entryCode(prefix, a);
        expect(ca).toMatch(new RegExp(`^${prefix}\\d{4}$`));
        expect(Number(ca.slice(prefix.length))).toBe(a);
        expect(Math.sign(ca.localeCompare(entryCode(prefix, b)))).toBe(Math.sign(a - b));
      }),
    );
  });

  it("refuses sequences that are not positive integers", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => entryCode("X-", bad)).toThrow(RangeError);
  });
});

describe("anonymousCode", () => {
  it("has the documented format for any random source", () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 20 }), (values) => {
        expect(anonymousCode(replay(values))).toMatch(ANONYMOUS_CODE_PATTERN);
      }),
    );
  });

  it("never uses characters that read alike (0/O, 1/I/L)", () => {
    for (const c of "01OIL") expect(ANONYMOUS_CODE_ALPHABET).not.toContain(c);
    expect(new Set(ANONYMOUS_CODE_ALPHABET).size).toBe(ANONYMOUS_CODE_ALPHABET.length);
  });

  it("honours a prefix and length", () => {
    expect(anonymousCode(seededRandom(1), { prefix: "", length: 8 })).toMatch(/^[23456789ABCDEGHKMNPQRSTUVXY]{8}$/);
  });

  it("is deterministic for a given seeded random", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const a = seededRandom(s);
        const b = seededRandom(s);
        const first = Array.from({ length: 10 }, () => anonymousCode(a));
        const second = Array.from({ length: 10 }, () => anonymousCode(b));
        expect(second).toEqual(first);
      }),
    );
  });

  it("is unrelated to submission order: codes drawn in order are neither sorted nor rank-correlated", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const codes = distinctAnonymousCodes(seededRandom(s), 300);
        const ascending = [...codes].sort();
        expect(codes).not.toEqual(ascending);
        expect(codes).not.toEqual([...ascending].reverse());
        // For 300 independent draws the correlation's standard deviation is about 0.058.
        expect(Math.abs(rankCorrelation(codes))).toBeLessThan(0.3);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a random source outside [0, 1)", () => {
    expect(() => anonymousCode(() => 1)).toThrow(RangeError);
    expect(() => anonymousCode(() => -0.1)).toThrow(RangeError);
    expect(() => anonymousCode(() => Number.NaN)).toThrow(RangeError);
  });
});

describe("distinctAnonymousCodes", () => {
  it("gives distinct codes that avoid the ones already taken", () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 200 }), (s, count) => {
        const taken = new Set(distinctAnonymousCodes(seededRandom(s ^ 0x5bd1e995), 50));
        const codes = distinctAnonymousCodes(seededRandom(s), count, taken);
        expect(codes).toHaveLength(count);
        expect(new Set(codes).size).toBe(count);
        for (const c of codes) expect(taken.has(c)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it("retries on collision with a poor random source", () => {
    // A source that repeats itself often still yields distinct codes.
    const codes = distinctAnonymousCodes(replay([0.1, 0.1, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5]), 5, new Set(), { length: 1 });
    expect(new Set(codes).size).toBe(5);
  });
});
