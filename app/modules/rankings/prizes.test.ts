import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocatePrizes, tierAt, type PrizeTierInput } from "./prizes";
import { rankEntries, type RankItem } from "./rank";

const tiersArb = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 })
  .map((counts) => counts.map((count, i): PrizeTierInput => ({ id: `t${i + 1}`, rank: i + 1, name: `Giải ${i + 1}`, count })));

const scoresArb = fc.array(fc.option(fc.constantFrom(50, 60, 65, 70, 80, 90), { nil: null, freq: 8 }), { maxLength: 20 });

const items = (scores: (number | null)[]): RankItem[] => scores.map((score, i) => ({ entryId: `e${i}`, score, criteria: {}, topMarks: 0 }));

describe("allocatePrizes", () => {
  it("gives each group the tier of its positions, and flags a group whose positions carry different tiers", () => {
    fc.assert(
      fc.property(scoresArb, tiersArb, (scores, tiers) => {
        const { groups } = rankEntries(items(scores), []);
        const { prizes, straddles, awarded } = allocatePrizes(groups, tiers);
        const at = tierAt(tiers);
        for (const g of groups) {
          const spanned = new Set(Array.from({ length: g.entryIds.length }, (_, k) => at(g.rank + k)));
          const flagged = straddles.some((s) => s.rank === g.rank);
          expect(flagged).toBe(spanned.size > 1);
          for (const id of g.entryIds) expect(prizes.get(id)).toBe(spanned.size > 1 ? undefined : at(g.rank));
        }
        // No tier is given more often than its count, and tiers are given best first.
        for (const t of tiers) expect(awarded.get(t.id)!).toBeLessThanOrEqual(t.count);
        const rankOfTier = new Map(tiers.map((t) => [t.id, t.rank]));
        const decided = groups.filter((g) => prizes.get(g.entryIds[0]!) !== undefined);
        for (let i = 1; i < decided.length; i++) {
          const above = prizes.get(decided[i - 1]!.entryIds[0]!);
          const below = prizes.get(decided[i]!.entryIds[0]!);
          if (below) expect(above && rankOfTier.get(above)! <= rankOfTier.get(below)!).toBeTruthy();
        }
      }),
    );
  });

  it("gives exactly the counts when nobody is tied", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 20 }), tiersArb, (scores, tiers) => {
        const { groups } = rankEntries(items(scores), []);
        const { straddles, awarded } = allocatePrizes(groups, tiers);
        expect(straddles).toEqual([]);
        let left = scores.length;
        for (const t of tiers) {
          expect(awarded.get(t.id)).toBe(Math.min(t.count, left));
          left = Math.max(0, left - t.count);
        }
      }),
    );
  });

  it("flags a tie across the Second/Third boundary and lets the organizer's decision resolve it", () => {
    const tiers: PrizeTierInput[] = [
      { id: "nhat", rank: 1, name: "Giải Nhất", count: 1 },
      { id: "nhi", rank: 2, name: "Giải Nhì", count: 2 },
      { id: "ba", rank: 3, name: "Giải Ba", count: 3 },
    ];
    const list = items([95, 90, 85, 85, 85, 70, 60]);
    const first = rankEntries(list, []);
    const before = allocatePrizes(first.groups, tiers);
    expect(before.straddles).toEqual([{ rank: 3, entryIds: ["e2", "e3", "e4"], tierIds: ["nhi", "ba"] }]);
    expect(["e2", "e3", "e4"].map((id) => before.prizes.get(id))).toEqual([undefined, undefined, undefined]);
    expect(before.prizes.get("e5")).toBe("ba");
    expect(before.prizes.get("e6")).toBe(null);

    // The organizer puts e4 first; e2 and e3 stay tied, which no longer straddles anything.
    const decided = rankEntries(list, [], [{ entryIds: ["e2", "e3", "e4"], order: new Map([["e4", 1], ["e2", 2], ["e3", 2]]) }]);
    const after = allocatePrizes(decided.groups, tiers);
    expect(after.straddles).toEqual([]);
    expect(["e4", "e2", "e3"].map((id) => after.prizes.get(id))).toEqual(["nhi", "ba", "ba"]);
    expect(after.awarded).toEqual(new Map([["nhat", 1], ["nhi", 2], ["ba", 3]]));
  });

  it("flags a tie across the last prize", () => {
    const tiers: PrizeTierInput[] = [{ id: "kk", rank: 4, name: "Giải Khuyến khích", count: 2 }];
    const { groups } = rankEntries(items([80, 70, 70]), []);
    expect(allocatePrizes(groups, tiers).straddles).toEqual([{ rank: 2, entryIds: ["e1", "e2"], tierIds: ["kk", null] }]);
  });
});
