import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entrySpreads, isWide, openDisagreements, spreadOf, type SubmittedTotal } from "./discrepancies";

/** Totals on a 0.25 grid within 0..100, as the default rubric's halves and quarters give. */
const total = fc.integer({ min: 0, max: 400 }).map((n) => n / 4);
const threshold = fc.integer({ min: 0, max: 200 }).map((n) => n / 4);
const entryId = fc.constantFrom("e1", "e2", "e3", "e4");

const sheets = fc.array(
  fc.record({ entryId, total, submittedAt: fc.integer({ min: 0, max: 1_000 }) }),
  { maxLength: 24 },
);

const byEntry = (list: readonly SubmittedTotal[], id: string) => list.filter((s) => s.entryId === id).map((s) => s.total);

describe("spreadOf", () => {
  it("is max − min for two totals or more, 0 below, and does not depend on the order", () => {
    fc.assert(
      fc.property(fc.array(total, { maxLength: 8 }), (list) => {
        const spread = spreadOf(list);
        if (list.length < 2) expect(spread).toBe(0);
        else expect(spread).toBeCloseTo(Math.max(...list) - Math.min(...list), 9);
        expect(spread).toBeGreaterThanOrEqual(0);
        expect(spreadOf([...list].reverse())).toBe(spread);
      }),
    );
  });

  it("rounds away floating-point noise, so 80.3 − 70.1 is exactly 10.2", () => {
    expect(80.3 - 70.1).not.toBe(10.2);
    expect(spreadOf([80.3, 70.1])).toBe(10.2);
    expect(isWide(spreadOf([80.3, 70.1]), 10.2)).toBe(false);
  });

  it("refuses a total that is not a number", () => {
    expect(() => spreadOf([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("entrySpreads and openDisagreements", () => {
  it("flags exactly the entries whose spread is above the threshold when nothing is resolved", () => {
    fc.assert(
      fc.property(sheets, threshold, (list, limit) => {
        const flagged = new Set(openDisagreements(list, limit));
        for (const id of new Set(list.map((s) => s.entryId))) {
          const totals = byEntry(list, id);
          const wide = totals.length >= 2 && Math.max(...totals) - Math.min(...totals) > limit + 1e-9;
          expect(flagged.has(id), `${id}: ${totals.join(", ")} vs ${limit}`).toBe(wide);
        }
      }),
    );
  });

  it("never flags at the threshold itself, and flags just above it", () => {
    fc.assert(
      fc.property(total, threshold, (low, limit) => {
        const at = [
          { entryId: "e1", total: low, submittedAt: 1 },
          { entryId: "e1", total: low + limit, submittedAt: 2 },
        ];
        expect(openDisagreements(at, limit)).toEqual([]);
        const above = [...at, { entryId: "e1", total: low + limit + 0.25, submittedAt: 3 }];
        expect(openDisagreements(above, limit)).toEqual(["e1"]);
      }),
    );
  });

  it("flags nothing without a threshold, nor an entry with a single total", () => {
    fc.assert(
      fc.property(sheets, (list) => {
        expect(openDisagreements(list, null)).toEqual([]);
        const single = list.filter((s, i) => list.findIndex((o) => o.entryId === s.entryId) === i);
        expect(openDisagreements(single, 0)).toEqual([]);
      }),
    );
  });

  it("is unflagged by a resolution recorded at or after the last submission, and flagged again by a later one", () => {
    fc.assert(
      fc.property(sheets, threshold, fc.integer({ min: 0, max: 1_000 }), (list, limit, at) => {
        const resolutions = [...new Set(list.map((s) => s.entryId))].map((id) => ({ entryId: id, at }));
        const spreads = entrySpreads(list, limit, resolutions);
        for (const e of spreads) {
          const last = Math.max(...list.filter((s) => s.entryId === e.entryId).map((s) => s.submittedAt));
          expect(e.resolved).toBe(at >= last);
          expect(e.flagged).toBe(e.wide && at < last);
        }
      }),
    );
  });

  it("keeps a resolution of one entry from settling another", () => {
    const list = [
      { entryId: "a", total: 90, submittedAt: 1 },
      { entryId: "a", total: 60, submittedAt: 2 },
      { entryId: "b", total: 85, submittedAt: 1 },
      { entryId: "b", total: 55, submittedAt: 2 },
    ];
    expect(openDisagreements(list, 10, [{ entryId: "a", at: 5 }])).toEqual(["b"]);
    // Only the latest resolution counts, whatever the order they are given in.
    expect(openDisagreements(list, 10, [{ entryId: "b", at: 9 }, { entryId: "b", at: 0 }])).toEqual(["a"]);
  });

  it("does not change when a total inside the range is added", () => {
    fc.assert(
      fc.property(total, total, threshold, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, limit, share) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const two = [
          { entryId: "e", total: low, submittedAt: 1 },
          { entryId: "e", total: high, submittedAt: 1 },
        ];
        const middle = Math.round((low + (high - low) * share) * 4) / 4;
        const three = [...two, { entryId: "e", total: middle, submittedAt: 1 }];
        expect(entrySpreads(three, limit)[0]).toMatchObject({ spread: entrySpreads(two, limit)[0]!.spread, flagged: entrySpreads(two, limit)[0]!.flagged });
      }),
    );
  });

  it("reports min, max and the totals of each entry in first-appearance order", () => {
    const spreads = entrySpreads(
      [
        { entryId: "x", total: 70, submittedAt: new Date(1) },
        { entryId: "y", total: 50, submittedAt: new Date(1) },
        { entryId: "x", total: 88.5, submittedAt: new Date(2) },
      ],
      15,
    );
    expect(spreads).toEqual([
      { entryId: "x", totals: [70, 88.5], min: 70, max: 88.5, spread: 18.5, wide: true, resolved: false, flagged: true },
      { entryId: "y", totals: [50], min: 50, max: 50, spread: 0, wide: false, resolved: false, flagged: false },
    ]);
  });

  it("refuses a negative threshold", () => {
    expect(() => entrySpreads([], -1)).toThrow(RangeError);
  });
});
