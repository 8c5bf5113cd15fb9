import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairPreferenceCost } from "./assign";
import { pickJudges, type PickCandidate } from "./pick";

const candidate = fc.record({
  load: fc.integer({ min: 0, max: 6 }),
  capacityLeft: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 3 })),
  expertise: fc.integer({ min: 0, max: 3 }),
  willing: fc.boolean(),
  unwilling: fc.boolean(),
  excluded: fc.boolean(),
  linksSeat: fc.boolean(),
});
const problem = fc
  .tuple(fc.array(candidate, { minLength: 0, maxLength: 8 }), fc.integer({ min: 0, max: 4 }), fc.integer())
  .map(([cs, need, seed]) => ({ candidates: cs.map((c, i): PickCandidate => ({ ...c, judgeId: `j${i}` })), need, seed }));

/** The cost the whole-round flow gives a set of judges for one entry: [unlinked seats left, Σ marginal load, Σ preference]. */
function cost(set: PickCandidate[]): [number, number, number] {
  return [
    -set.filter((c) => c.linksSeat).length,
    set.reduce((s, c) => s + 2 * c.load + 1, 0),
    set.reduce((s, c) => s + pairPreferenceCost(c.expertise, c.willing, c.unwilling), 0),
  ];
}

const less = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
};

/** Exhaustive search: the best feasible set of the largest size up to `need`. */
function bruteForce(candidates: PickCandidate[], need: number): { size: number; cost: number[] } {
  const usable = candidates.filter((c) => !c.excluded && c.capacityLeft >= 1);
  const size = Math.min(need, usable.length);
  let best: number[] | null = null;
  for (let mask = 0; mask < 1 << usable.length; mask++) {
    const set = usable.filter((_, i) => mask & (1 << i));
    if (set.length !== size) continue;
    const c = cost(set);
    if (!best || less(c, best)) best = c;
  }
  return { size, cost: best ?? [0, 0, 0] };
}

describe("pickJudges", () => {
  it("costs the same as an exhaustive search, picks only eligible distinct judges, and reports what is short", () => {
    fc.assert(
      fc.property(problem, ({ candidates, need, seed }) => {
        const result = pickJudges(candidates, need, seed);
        const byId = new Map(candidates.map((c) => [c.judgeId, c]));
        const picked = result.picked.map((id) => byId.get(id)!);
        expect(new Set(result.picked).size).toBe(result.picked.length);
        for (const c of picked) expect(!c.excluded && c.capacityLeft >= 1).toBe(true);
        const best = bruteForce(candidates, need);
        expect(picked.length).toBe(best.size);
        expect(result.short).toBe(need - best.size);
        expect(cost(picked)).toEqual(best.cost);
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the candidates, and a seed picks the same judges every time", () => {
    fc.assert(
      fc.property(problem, ({ candidates, need, seed }) => {
        const once = pickJudges(candidates, need, seed).picked;
        expect(pickJudges([...candidates].reverse(), need, seed).picked).toEqual(once);
        expect(pickJudges(candidates, need, seed).picked).toEqual(once);
      }),
    );
  });

  it("prefers the least-loaded judge, then the one with expertise", () => {
    const base = { capacityLeft: Number.POSITIVE_INFINITY, willing: false, unwilling: false, excluded: false, linksSeat: false };
    const result = pickJudges(
      [
        { ...base, judgeId: "busy-expert", load: 5, expertise: 3 },
        { ...base, judgeId: "free", load: 2, expertise: 0 },
        { ...base, judgeId: "free-expert", load: 2, expertise: 2 },
      ],
      2,
      1,
    );
    expect(result.picked).toEqual(["free-expert", "free"]);
  });
});
