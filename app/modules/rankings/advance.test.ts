import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { proposeAdvance } from "./advance";
import { rankEntries, type RankItem } from "./rank";

const scoresArb = fc.array(fc.option(fc.constantFrom(50, 60, 65, 70, 80, 90), { nil: null, freq: 8 }), { maxLength: 20 });

const items = (scores: (number | null)[]): RankItem[] => scores.map((score, i) => ({ entryId: `e${i}`, score, criteria: {}, topMarks: 0 }));

describe("proposeAdvance", () => {
  const category = (scores: (number | null)[]) => {
    const ranking = rankEntries(items(scores), []);
    return {
      categoryId: "c",
      groups: ranking.groups,
      unranked: ranking.unranked,
    };
  };

  it("TOP_N: the N best advance, a tie straddling the cut is flagged and left undecided", () => {
    fc.assert(
      fc.property(scoresArb, fc.integer({ min: 1, max: 10 }), (scores, n) => {
        const c = category(scores);
        const p = proposeAdvance({ rule: "TOP_N", value: n, categories: [c] });
        const all = scores.map((_, i) => `e${i}`);
        expect([...p.advancing, ...p.eliminated, ...p.undecided].sort()).toEqual([...all].sort());
        expect(p.advancing.length).toBeLessThanOrEqual(n);
        const rankOf = new Map(c.groups.flatMap((g) => g.entryIds.map((id) => [id, g.rank] as const)));
        for (const a of p.advancing) for (const e of p.eliminated) if (rankOf.has(e)) expect(rankOf.get(a)!).toBeLessThan(rankOf.get(e)!);
        for (const id of c.unranked) expect(p.eliminated).toContain(id);
        const straddling = c.groups.filter((g) => g.rank <= n && g.rank + g.entryIds.length - 1 > n);
        expect(p.cutTies.map((t) => t.entryIds)).toEqual(straddling.map((g) => g.entryIds));
        if (straddling.length === 0) expect(p.advancing.length).toBe(Math.min(n, scores.filter((s) => s !== null).length));
      }),
    );
  });

  it("THRESHOLD: every entry at or above the value advances; ties are never cut", () => {
    fc.assert(
      fc.property(scoresArb, fc.constantFrom(55, 65, 70, 100), (scores, value) => {
        const p = proposeAdvance({ rule: "THRESHOLD", value, categories: [category(scores)] });
        expect(p.cutTies).toEqual([]);
        expect(new Set(p.advancing)).toEqual(new Set(scores.flatMap((s, i) => (s !== null && s >= value ? [`e${i}`] : []))));
      }),
    );
  });

  it("MANUAL: the organizer's list, unscored entries included", () => {
    const p = proposeAdvance({ rule: "MANUAL", value: null, categories: [category([80, null, 60])], manual: new Set(["e1", "e2", "other"]) });
    expect(p).toEqual({ advancing: ["e2", "e1"], eliminated: ["e0"], undecided: [], cutTies: [] });
  });
});
