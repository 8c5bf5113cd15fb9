import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AssignInputError,
  assignJudges,
  DEFAULT_ASSIGN_WEIGHTS,
  pairPreferenceCost,
  type AssignPair,
  type AssignPanel,
  type AssignProblem,
  type AssignSuccess,
} from "./assign";
import { mulberry32 } from "#app/utils/random";

// ---------------------------------------------------------------- generators

interface GenOptions {
  minJudges?: number;
  maxPanels: number;
  maxJudges: number;
  maxEntries: number;
  maxReads: number;
  conflictRate: number;
  caps: boolean;
  previous: boolean;
}

/** A random problem: panels of judges (optionally capped) and entries, conflicts, preferences. */
function problemArb(o: GenOptions): fc.Arbitrary<AssignProblem> {
  const categories = ["c0", "c1", "c2"];
  return fc
    .record({
      shape: fc.array(fc.tuple(fc.integer({ min: o.minJudges ?? 0, max: o.maxJudges }), fc.integer({ min: 0, max: o.maxEntries })), {
        minLength: 1,
        maxLength: o.maxPanels,
      }),
      reads: fc.integer({ min: 1, max: o.maxReads }),
      seed: fc.integer(),
      noise: fc.integer(),
    })
    .map(({ shape, reads, seed, noise }) => {
      // fast-check's doubles lean towards 0 and 1; a seeded uniform stream gives realistic rates.
      const r = mulberry32(noise);
      const panels: AssignPanel[] = shape.map(([judges, entries], p) => ({
        id: `p${p}`,
        judges: Array.from({ length: judges }, (_, j) => ({
          id: `p${p}j${j}`,
          ...(o.caps && r() < 0.7 ? { cap: Math.floor(r() * (entries + 1)) } : {}),
        })),
        entries: Array.from({ length: entries }, (_, e) => ({ id: `p${p}e${e}`, categoryId: categories[Math.floor(r() * 3)]! })),
      }));
      const conflicts: AssignPair[] = [];
      const previous: AssignPair[] = [];
      const preferences = panels.flatMap((panel) =>
        panel.judges.map((judge) => {
          const willing: string[] = [];
          const unwilling: string[] = [];
          for (const entry of panel.entries) {
            if (r() < o.conflictRate) conflicts.push({ entryId: entry.id, judgeId: judge.id });
            if (o.previous && r() < 0.3) previous.push({ entryId: entry.id, judgeId: judge.id });
            const s = r();
            if (s < 0.15) willing.push(entry.id);
            else if (s < 0.3) unwilling.push(entry.id);
          }
          const expertise = Object.fromEntries(categories.map((c) => [c, Math.floor(r() * 4)]));
          return { judgeId: judge.id, expertise, willing, unwilling };
        }),
      );
      return { panels, reads, seed, conflicts, preferences, ...(o.previous ? { previous } : {}) };
    });
}

const tiny: GenOptions = { maxPanels: 2, maxJudges: 4, maxEntries: 4, maxReads: 2, conflictRate: 0.25, caps: true, previous: false };
const small: GenOptions = { maxPanels: 3, maxJudges: 7, maxEntries: 12, maxReads: 3, conflictRate: 0.15, caps: false, previous: false };

// ---------------------------------------------------------------- independent brute force

const key = (entryId: string, judgeId: string) => `${entryId}|${judgeId}`;

function lookup(problem: AssignProblem) {
  const conflicts = new Set((problem.conflicts ?? []).map((c) => key(c.entryId, c.judgeId)));
  const previous = new Set((problem.previous ?? []).map((c) => key(c.entryId, c.judgeId)));
  const pref = (panel: AssignPanel, e: number, j: number) => {
    const entry = panel.entries[e]!;
    const judge = panel.judges[j]!;
    const p = (problem.preferences ?? []).find((x) => x.judgeId === judge.id);
    return pairPreferenceCost(
      p?.expertise?.[entry.categoryId] ?? 0,
      p?.willing?.includes(entry.id) ?? false,
      p?.unwilling?.includes(entry.id) ?? false,
      { ...DEFAULT_ASSIGN_WEIGHTS, ...problem.weights },
    );
  };
  const eligible = (panel: AssignPanel, e: number) =>
    panel.judges.map((_, j) => j).filter((j) => !conflicts.has(key(panel.entries[e]!.id, panel.judges[j]!.id)));
  return { conflicts, previous, pref, eligible };
}

function subsets(items: number[], maxSize: number, exactSize?: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (exactSize === undefined || acc.length === exactSize) out.push([...acc]);
    if (acc.length === maxSize) return;
    for (let i = start; i < items.length; i++) {
      acc.push(items[i]!);
      rec(i + 1, acc);
      acc.pop();
    }
  };
  rec(0, []);
  return out;
}

/** Enumerates every choice of one subset per entry, respecting caps; calls visit with the loads. */
function enumerate(panel: AssignPanel, entries: number[], options: number[][][], visit: (choice: number[][], loads: number[]) => void) {
  const caps = panel.judges.map((j) => j.cap ?? Infinity);
  const loads = panel.judges.map(() => 0);
  const choice: number[][] = [];
  const rec = (i: number) => {
    if (i === entries.length) return visit(choice, loads);
    for (const s of options[i]!) {
      if (s.some((j) => loads[j]! + 1 > caps[j]!)) continue;
      for (const j of s) loads[j]!++;
      choice.push(s);
      rec(i + 1);
      choice.pop();
      for (const j of s) loads[j]!--;
    }
  };
  rec(0);
}

/** The most reads that can be given to `entries` of a panel (at most k each), by enumeration. */
function bruteMaxReads(problem: AssignProblem, panel: AssignPanel, entries: number[]): number {
  const { eligible } = lookup(problem);
  const options = entries.map((e) => subsets(eligible(panel, e), problem.reads));
  let best = 0;
  enumerate(panel, entries, options, (choice) => {
    best = Math.max(
      best,
      choice.reduce((s, c) => s + c.length, 0),
    );
  });
  return best;
}

/** The lexicographically best [−kept, Σload², preference] over all complete assignments, or null. */
function bruteOptimum(problem: AssignProblem, panel: AssignPanel): [number, number, number] | null {
  const { eligible, pref, previous } = lookup(problem);
  const entries = panel.entries.map((_, e) => e);
  const options = entries.map((e) => subsets(eligible(panel, e), problem.reads, problem.reads));
  let best: [number, number, number] | null = null;
  enumerate(panel, entries, options, (choice, loads) => {
    let kept = 0;
    let p = 0;
    choice.forEach((js, e) =>
      js.forEach((j) => {
        if (previous.has(key(panel.entries[e]!.id, panel.judges[j]!.id))) kept++;
        p += pref(panel, e, j);
      }),
    );
    const cost: [number, number, number] = [
      -kept,
      loads.reduce((s, l) => s + l * l, 0),
      p,
    ];
    if (best === null || cost[0] < best[0] || (cost[0] === best[0] && (cost[1] < best[1] || (cost[1] === best[1] && cost[2] < best[2] - 1e-9)))) {
      best = cost;
    }
  });
  return best;
}

// ---------------------------------------------------------------- invariants

function checkValid(problem: AssignProblem, result: AssignSuccess) {
  const { conflicts } = lookup(problem);
  const counted = new Map<string, number>();
  for (const panel of problem.panels) {
    const judgeIds = new Set(panel.judges.map((j) => j.id));
    for (const entry of panel.entries) {
      const judges = result.assignment.get(entry.id)!;
      expect(judges).toHaveLength(problem.reads);
      expect(new Set(judges).size).toBe(problem.reads);
      for (const judgeId of judges) {
        expect(judgeIds.has(judgeId)).toBe(true);
        expect(conflicts.has(key(entry.id, judgeId))).toBe(false);
        counted.set(`${panel.id}|${judgeId}`, (counted.get(`${panel.id}|${judgeId}`) ?? 0) + 1);
      }
    }
    const panelLoads = result.panels.find((p) => p.panelId === panel.id)!;
    for (const judge of panel.judges) {
      const load = counted.get(`${panel.id}|${judge.id}`) ?? 0;
      expect(panelLoads.loads.get(judge.id)).toBe(load);
      if (judge.cap !== undefined) expect(load).toBeLessThanOrEqual(judge.cap);
    }
  }
  expect(result.assignment.size).toBe(problem.panels.reduce((s, p) => s + p.entries.length, 0));
}

// ---------------------------------------------------------------- tests

describe("assignJudges", () => {
  it("gives every entry exactly k distinct, non-conflicted judges of its own panel, within caps", () => {
    fc.assert(
      fc.property(problemArb({ ...small, caps: true }), (problem) => {
        const result = assignJudges(problem);
        if (result.ok) checkValid(problem, result);
        else expect(result.uncovered.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps loads within one of each other when there are no caps and no conflicts", () => {
    fc.assert(
      fc.property(problemArb({ ...small, conflictRate: 0 }), (problem) => {
        const result = assignJudges(problem);
        const feasible = problem.panels.every((p) => p.entries.length === 0 || p.judges.length >= problem.reads);
        expect(result.ok).toBe(feasible);
        if (!result.ok) return;
        checkValid(problem, result);
        for (const p of result.panels) expect(p.maxLoad - p.minLoad).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic for a seed, and the seed never changes the cost", () => {
    fc.assert(
      fc.property(problemArb({ ...small, caps: true }), fc.integer(), (problem, otherSeed) => {
        const a = assignJudges(problem);
        const b = assignJudges(structuredClone(problem));
        expect(b).toEqual(a);
        const c = assignJudges({ ...problem, seed: otherSeed });
        expect(c.ok).toBe(a.ok);
        if (a.ok && c.ok) {
          expect(c.cost.kept).toBe(a.cost.kept);
          expect(c.cost.load).toBe(a.cost.load);
          expect(c.cost.preference).toBeCloseTo(a.cost.preference, 9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("reports infeasible panels and names the uncovered entries (checked by enumeration)", () => {
    fc.assert(
      fc.property(problemArb({ ...tiny, conflictRate: 0.4 }), (problem) => {
        const result = assignJudges(problem);
        const { eligible } = lookup(problem);
        for (const panel of problem.panels) {
          const all = panel.entries.map((_, e) => e);
          const demand = problem.reads * all.length;
          const best = bruteMaxReads(problem, panel, all);
          const short = result.ok ? undefined : result.shortPanels.find((s) => s.panelId === panel.id);
          if (best === demand) {
            expect(short).toBeUndefined();
            continue;
          }
          expect(result.ok).toBe(false);
          expect(short?.missingReads).toBe(demand - best);
          if (result.ok) continue;
          const named = new Set(result.uncovered.filter((u) => u.panelId === panel.id).map((u) => u.entryId));
          const inSet = all.filter((e) => named.has(panel.entries[e]!.id));
          const outside = all.filter((e) => !named.has(panel.entries[e]!.id));
          // The named entries cannot be covered together; all the others can.
          expect(bruteMaxReads(problem, panel, inSet)).toBeLessThan(problem.reads * inSet.length);
          expect(bruteMaxReads(problem, panel, outside)).toBe(problem.reads * outside.length);
          for (const e of all) {
            const count = eligible(panel, e).length;
            const u = result.uncovered.find((x) => x.entryId === panel.entries[e]!.id);
            // An entry with fewer than k eligible judges is always named, with that reason.
            if (count < problem.reads) expect(u).toMatchObject({ reason: "too-few-eligible-judges", eligibleJudges: count });
            if (u) expect(u.eligibleJudges).toBe(count);
            if (u?.reason === "insufficient-capacity") expect(count).toBeGreaterThanOrEqual(problem.reads);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is optimal: its cost equals the best of all assignments on tiny problems", () => {
    fc.assert(
      fc.property(problemArb({ ...tiny, maxPanels: 1, previous: true }), (problem) => {
        const panel = problem.panels[0]!;
        const best = bruteOptimum(problem, panel);
        const result = assignJudges(problem);
        expect(result.ok).toBe(best !== null);
        if (!result.ok || best === null) return;
        checkValid(problem, result);
        expect(-result.cost.kept).toBe(best[0]);
        expect(result.cost.load).toBe(best[1]);
        expect(result.cost.preference).toBeCloseTo(best[2], 9);
      }),
      { numRuns: 300 },
    );
  });

  it("re-run moves only the invalidated pairs when a judge drops out or a conflict is added", () => {
    fc.assert(
      fc.property(
        problemArb({ minJudges: 5, maxPanels: 2, maxJudges: 12, maxEntries: 25, maxReads: 3, conflictRate: 0.05, caps: false, previous: false }),
        fc.nat(),
        fc.nat(),
        (problem, pickJudge, pickPair) => {
          const first = assignJudges(problem);
          fc.pre(first.ok);
          if (!first.ok) return;
          const previous = [...first.assignment].flatMap(([entryId, judgeIds]) => judgeIds.map((judgeId) => ({ entryId, judgeId })));
          fc.pre(previous.length > 0);

          // A conflict is declared on one assigned pair.
          const pair = previous[pickPair % previous.length]!;
          const withConflict = { ...problem, conflicts: [...(problem.conflicts ?? []), pair], previous, seed: problem.seed + 1 };
          // A judge of that pair's panel drops out.
          const panelOf = problem.panels.find((p) => p.entries.some((e) => e.id === pair.entryId))!;
          const dropped = panelOf.judges[pickJudge % panelOf.judges.length]!.id;
          const withoutJudge = {
            ...problem,
            previous,
            panels: problem.panels.map((p) => (p === panelOf ? { ...p, judges: p.judges.filter((j) => j.id !== dropped) } : p)),
          };

          for (const [changed, invalid] of [
            [withConflict, [pair]],
            [withoutJudge, previous.filter((x) => x.judgeId === dropped && panelOf.entries.some((e) => e.id === x.entryId))],
          ] as const) {
            const { eligible } = lookup(changed);
            // Without caps a repair keeping every valid pair exists iff every entry keeps k eligible judges.
            const repairable = changed.panels.every((p) => p.entries.every((_, e) => eligible(p, e).length >= changed.reads));
            const again = assignJudges(changed);
            expect(again.ok).toBe(repairable);
            if (!again.ok) continue;
            checkValid(changed, again);
            expect(again.changes.removed).toHaveLength(invalid.length);
            expect(again.changes.added).toHaveLength(invalid.length);
            expect(again.changes.kept).toHaveLength(previous.length - invalid.length);
            expect(again.cost.kept).toBe(previous.length - invalid.length);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("prefers expert and willing judges, avoids unwilling ones, at equal load", () => {
    const panel = {
      id: "p",
      judges: ["a", "b", "c", "d"].map((id) => ({ id })),
      entries: [
        { id: "poem", categoryId: "youth" },
        { id: "essay", categoryId: "adult" },
      ],
    };
    const result = assignJudges({
      panels: [panel],
      reads: 2,
      seed: 7,
      preferences: [
        { judgeId: "a", expertise: { youth: 3 } },
        { judgeId: "b", expertise: { youth: 2 }, unwilling: ["poem"] },
        { judgeId: "c", expertise: { adult: 1 } },
        { judgeId: "d", willing: ["essay"] },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.assignment.get("poem")).toEqual(["a", "c"]);
    expect(result.assignment.get("essay")).toEqual(["b", "d"]);
    expect([...result.loads.values()]).toEqual([1, 1, 1, 1]);
  });

  it("names the entry that has more conflicts than the panel has spare judges", () => {
    const result = assignJudges({
      panels: [{ id: "p", judges: [{ id: "a" }, { id: "b" }, { id: "c" }], entries: [{ id: "e1", categoryId: "x" }, { id: "e2", categoryId: "x" }] }],
      reads: 2,
      seed: 1,
      conflicts: [
        { entryId: "e1", judgeId: "a" },
        { entryId: "e1", judgeId: "b" },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      uncovered: [{ entryId: "e1", panelId: "p", reason: "too-few-eligible-judges", eligibleJudges: 1 }],
      shortPanels: [{ panelId: "p", missingReads: 1 }],
    });
  });

  it("reports total capacity below k × entries", () => {
    const result = assignJudges({
      panels: [{ id: "p", judges: [{ id: "a", cap: 1 }, { id: "b", cap: 1 }, { id: "c", cap: 1 }], entries: [{ id: "e1", categoryId: "x" }, { id: "e2", categoryId: "x" }] }],
      reads: 2,
      seed: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.shortPanels).toEqual([{ panelId: "p", missingReads: 1 }]);
    expect(result.uncovered.map((u) => [u.entryId, u.reason])).toEqual([
      ["e1", "insufficient-capacity"],
      ["e2", "insufficient-capacity"],
    ]);
  });

  it("refuses malformed input", () => {
    const panels = [{ id: "p", judges: [{ id: "a" }], entries: [{ id: "e", categoryId: "x" }] }];
    expect(() => assignJudges({ panels, reads: 0, seed: 1 })).toThrow(AssignInputError);
    expect(() => assignJudges({ panels: [...panels, { ...panels[0]!, id: "q" }], reads: 1, seed: 1 })).toThrow(/more than one panel/);
    expect(() => assignJudges({ panels: [{ ...panels[0]!, judges: [{ id: "a", cap: -1 }] }], reads: 1, seed: 1 })).toThrow(/cap/);
  });
});
