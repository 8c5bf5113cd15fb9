import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankEntries, type RankItem, type TieDecision } from "./rank";
import { criterionKey, type TieBreakStep } from "./tie-break.schema";

const FORM = criterionKey("Hình thức, ngôn ngữ");
const IDEA = criterionKey("Tư tưởng, quan điểm");

/** Items with few distinct values, so ties are common; some without a score. */
const itemsArb = fc
  .array(
    fc.record({
      score: fc.option(fc.constantFrom(60, 70, 75, 80), { nil: null, freq: 6 }),
      form: fc.constantFrom(5, 7, 9),
      idea: fc.constantFrom(15, 20),
      topMarks: fc.constantFrom(0, 0.5, 1),
    }),
    { maxLength: 25 },
  )
  .map((rows) =>
    rows.map((r, i): RankItem => ({ entryId: `e${i}`, score: r.score, criteria: { [FORM]: r.form, [IDEA]: r.idea }, topMarks: r.topMarks })),
  );

const chainArb = fc.subarray<TieBreakStep>([{ kind: "criterion", name: "Hình thức, ngôn ngữ" }, { kind: "topMarks" }, { kind: "criterion", name: "Tư tưởng, quan điểm" }]).chain((steps) =>
  fc.constantFrom(steps, [...steps, { kind: "chair" } as TieBreakStep]),
);

/** The oracle: a is placed above b when its score, then each automatic step in turn, is higher. */
function better(a: RankItem, b: RankItem, chain: readonly TieBreakStep[]): boolean {
  const key = (x: RankItem) => [
    x.score!,
    ...chain.flatMap((s) => (s.kind === "criterion" ? [x.criteria[criterionKey(s.name)]!] : s.kind === "topMarks" ? [x.topMarks] : [])),
  ];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]!;
  return false;
}

describe("rankEntries", () => {
  it("gives competition ranks: 1 + the number of entries placed strictly above", () => {
    fc.assert(
      fc.property(itemsArb, chainArb, (items, chain) => {
        const { ranked, unranked } = rankEntries(items, chain);
        const scored = items.filter((i) => i.score !== null);
        expect(unranked).toEqual(items.filter((i) => i.score === null).map((i) => i.entryId));
        expect(ranked).toHaveLength(scored.length);
        const rank = new Map(ranked.map((r) => [r.entryId, r.rank]));
        for (const a of scored) {
          expect(rank.get(a.entryId)).toBe(1 + scored.filter((b) => better(b, a, chain)).length);
        }
      }),
    );
  });

  it("shows ties as ties: entries equal on every step share a rank, and the next rank skips", () => {
    fc.assert(
      fc.property(itemsArb, chainArb, (items, chain) => {
        const { ranked, groups } = rankEntries(items, chain);
        let expected = 1;
        for (const g of groups) {
          expect(g.rank).toBe(expected);
          expected += g.entryIds.length;
        }
        for (const r of ranked) expect(r.tied).toBe(groups.find((g) => g.entryIds.includes(r.entryId))!.entryIds.length > 1);
        // Ranks never decrease down the list, and a higher score is never placed lower.
        for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.rank).toBeGreaterThanOrEqual(ranked[i - 1]!.rank);
        const byId = new Map(items.map((i) => [i.entryId, i]));
        for (let i = 1; i < ranked.length; i++) expect(byId.get(ranked[i]!.entryId)!.score!).toBeLessThanOrEqual(byId.get(ranked[i - 1]!.entryId)!.score!);
        // A group carries the score all its entries have.
        for (const g of groups) for (const id of g.entryIds) expect(g.score).toBe(byId.get(id)!.score);
      }),
    );
  });

  it("keeps the given order inside a tie (a stable listing)", () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const { groups } = rankEntries(items, []);
        for (const g of groups) {
          const positions = g.entryIds.map((id) => items.findIndex((i) => i.entryId === id));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
      }),
    );
  });

  it("breaks ties by the chain in order and says which step did", () => {
    const items: RankItem[] = [
      { entryId: "a", score: 80, criteria: { [FORM]: 7, [IDEA]: 20 }, topMarks: 0 },
      { entryId: "b", score: 80, criteria: { [FORM]: 9, [IDEA]: 15 }, topMarks: 0 },
      { entryId: "c", score: 80, criteria: { [FORM]: 9, [IDEA]: 15 }, topMarks: 1 },
      { entryId: "d", score: 90, criteria: { [FORM]: 1, [IDEA]: 1 }, topMarks: 0 },
    ];
    const chain: TieBreakStep[] = [{ kind: "criterion", name: "  HÌNH THỨC,  ngôn ngữ " }, { kind: "topMarks" }];
    const { ranked, ties } = rankEntries(items, chain);
    expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([
      ["d", 1],
      ["c", 2],
      ["b", 3],
      ["a", 4],
    ]);
    expect(ranked.map((r) => r.separatedBy)).toEqual([null, { by: "score" }, { by: "step", step: 1 }, { by: "step", step: 0 }]);
    expect(ties).toEqual([]);
    // Without the chain, the three 80s tie at rank 2 and the next rank is 5.
    const plain = rankEntries([...items, { entryId: "e", score: 70, criteria: {}, topMarks: 0 }], []);
    expect(plain.ranked.map((r) => r.rank)).toEqual([1, 2, 2, 2, 5]);
    expect(plain.ties).toEqual([{ rank: 2, entryIds: ["a", "b", "c"], decision: "none" }]);
  });

  it("skips a criterion the round's rubric does not have", () => {
    const items: RankItem[] = [
      { entryId: "a", score: 80, criteria: {}, topMarks: 0 },
      { entryId: "b", score: 80, criteria: {}, topMarks: 1 },
    ];
    const { ranked } = rankEntries(items, [{ kind: "criterion", name: "Không có" }, { kind: "topMarks" }]);
    expect(ranked.map((r) => [r.entryId, r.rank, r.separatedBy])).toEqual([
      ["b", 1, null],
      ["a", 2, { by: "step", step: 1 }],
    ]);
  });

  it("applies a decision made for exactly the tie group, and reports one made for another group as stale", () => {
    fc.assert(
      fc.property(itemsArb, fc.nat(), (items, pick) => {
        const first = rankEntries(items, []);
        fc.pre(first.ties.length > 0);
        const tie = first.ties[pick % first.ties.length]!;
        // The decision reverses the group's order, keeping the last two tied when there are three or more.
        const order = new Map(tie.entryIds.map((id, i) => [id, Math.min(tie.entryIds.length - i, Math.max(2, tie.entryIds.length - 1))]));
        const decision: TieDecision = { entryIds: [...tie.entryIds].reverse(), order };
        const decided = rankEntries(items, [], [decision]);
        expect(decided.ties.find((t) => t.rank === tie.rank)!.decision).toBe("applied");
        const rankOf = new Map(decided.ranked.map((r) => [r.entryId, r.rank]));
        for (const a of tie.entryIds)
          for (const b of tie.entryIds) {
            if (order.get(a)! < order.get(b)!) expect(rankOf.get(a)!).toBeLessThan(rankOf.get(b)!);
            if (order.get(a) === order.get(b)) expect(rankOf.get(a)).toBe(rankOf.get(b));
          }
        // Entries outside the group keep their ranks.
        for (const r of first.ranked) if (!tie.entryIds.includes(r.entryId)) expect(rankOf.get(r.entryId)).toBe(r.rank);

        // The same decision once the group has grown (another entry joined the tie) is not applied.
        const joiner: RankItem = { ...items.find((i) => i.entryId === tie.entryIds[0])!, entryId: "joiner" };
        const grown = rankEntries([...items, joiner], [], [decision]);
        const grownTie = grown.ties.find((t) => t.entryIds.includes("joiner"))!;
        expect(grownTie.decision).toBe("stale");
        expect(new Set(grown.ranked.filter((r) => grownTie.entryIds.includes(r.entryId)).map((r) => r.rank)).size).toBe(1);
      }),
    );
  });
});
