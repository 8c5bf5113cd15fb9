import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

/** Shuffles an object's keys (recursively), keeping its content. */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, reorder(v, seed)] as const);
    entries.sort(([a], [b]) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
    return Object.fromEntries(seed % 2 ? entries.reverse() : entries);
  }
  return value;
}

/** Whether a -0 hides anywhere in the value (JSON.stringify writes it as 0, so its text cannot tell). */
function hasNegativeZero(value: unknown): boolean {
  if (Object.is(value, -0)) return true;
  if (value && typeof value === "object") return Object.values(value).some(hasNegativeZero);
  return false;
}

// -0 is written 0 on purpose (tested below), so it does not read back as itself.
const jsonArb = fc.jsonValue().filter((v) => !hasNegativeZero(v));

describe("canonicalJson", () => {
  it("reads back as the same value and does not depend on key order", () => {
    fc.assert(
      fc.property(jsonArb, fc.integer({ min: 0, max: 100 }), (value, seed) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(value);
        expect(canonicalJson(reorder(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it("sorts keys, drops undefined, writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "Giải Nhất"], c: undefined, é: -0 })).toBe('{"a":[true,null,"Giải Nhất"],"b":1,"é":0}');
    expect(canonicalJson({ B: 1, a: 2, "10": 3, "9": 4 })).toBe('{"10":3,"9":4,"B":1,"a":2}');
  });

  it("refuses what JSON cannot hold faithfully", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});
