import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distributeEntries, type DistributeEntry, type DistributePanel } from "./distribute";

const CATEGORIES = ["c0", "c1", "c2", "c3"];

/** Panels (some of a category, some of the even split) and entries, some already on a panel. */
const problemArb = fc
  .record({
    panels: fc.array(fc.option(fc.constantFrom(...CATEGORIES), { nil: null }), { maxLength: 6 }),
    entries: fc.array(fc.tuple(fc.constantFrom(...CATEGORIES), fc.option(fc.nat({ max: 8 }), { nil: null })), { maxLength: 60 }),
  })
  .map(({ panels, entries }) => {
    const ps: DistributePanel[] = panels.map((categoryId, i) => ({ id: `p${i}`, categoryId }));
    const es: DistributeEntry[] = entries.map(([categoryId, current], i) => ({
      id: `e${String(i).padStart(3, "0")}`,
      categoryId,
      // Indices past the panel list stand for a panel that is gone.
      currentPanelId: current === null ? null : `p${current}`,
    }));
    return { panels: ps, entries: es };
  });

const fresh = problemArb.map(({ panels, entries }) => ({ panels, entries: entries.map((e) => ({ ...e, currentPanelId: null })) }));

/** The panels an entry may go to. */
function poolOf(panels: readonly DistributePanel[], categoryId: string): string[] {
  const own = panels.filter((p) => p.categoryId === categoryId).map((p) => p.id);
  return own.length > 0 ? own : panels.filter((p) => p.categoryId === null).map((p) => p.id);
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("distributeEntries", () => {
  it("places every entry at most once, and reports each in exactly one outcome", () => {
    fc.assert(
      fc.property(problemArb, ({ panels, entries }) => {
        const r = distributeEntries(panels, entries);
        const all = [...r.kept, ...r.moved, ...r.placed, ...r.unplaced];
        expect([...all].sort()).toEqual(entries.map((e) => e.id).sort());
        expect(new Set(all).size).toBe(all.length);
        expect([...r.placement.keys()].sort()).toEqual([...r.kept, ...r.moved, ...r.placed].sort());
      }),
    );
  });

  it("sends entries to their category's panels, else to the even-split panels, else reports them", () => {
    fc.assert(
      fc.property(problemArb, ({ panels, entries }) => {
        const r = distributeEntries(panels, entries);
        const unplaced = new Set(r.unplaced);
        for (const e of entries) {
          const pool = poolOf(panels, e.categoryId);
          if (pool.length === 0) expect(unplaced.has(e.id)).toBe(true);
          else expect(pool).toContain(r.placement.get(e.id));
        }
      }),
    );
  });

  it("from scratch, keeps the panels of each pool within one entry of each other", () => {
    fc.assert(
      fc.property(fresh, ({ panels, entries }) => {
        const r = distributeEntries(panels, entries);
        const pools = new Set(CATEGORIES.map((c) => poolOf(panels, c).join(",")));
        for (const pool of pools) {
          if (!pool) continue;
          const counts = pool.split(",").map((id) => [...r.placement.values()].filter((p) => p === id).length);
          const used = entries.some((e) => poolOf(panels, e.categoryId).join(",") === pool);
          if (used) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("keeps exactly the entries whose panel is still valid, and moves only the others", () => {
    fc.assert(
      fc.property(problemArb, ({ panels, entries }) => {
        const r = distributeEntries(panels, entries);
        const kept = new Set(r.kept);
        for (const e of entries) {
          const valid = e.currentPanelId !== null && poolOf(panels, e.categoryId).includes(e.currentPanelId);
          expect(kept.has(e.id)).toBe(valid);
          if (valid) expect(r.placement.get(e.id)).toBe(e.currentPanelId);
          if (r.moved.includes(e.id)) expect(e.currentPanelId).not.toBeNull();
          if (r.placed.includes(e.id)) expect(e.currentPanelId).toBeNull();
        }
      }),
    );
  });

  it("puts a placed entry only on a panel at most one above any other panel of its pool", () => {
    fc.assert(
      fc.property(problemArb, ({ panels, entries }) => {
        const r = distributeEntries(panels, entries);
        const count = (id: string) => [...r.placement.values()].filter((p) => p === id).length;
        for (const id of [...r.moved, ...r.placed]) {
          const e = entries.find((x) => x.id === id)!;
          const on = r.placement.get(id)!;
          for (const other of poolOf(panels, e.categoryId)) expect(count(on)).toBeLessThanOrEqual(count(other) + 1);
        }
      }),
    );
  });

  it("changes nothing when run again on its own result", () => {
    fc.assert(
      fc.property(problemArb, ({ panels, entries }) => {
        const first = distributeEntries(panels, entries);
        const again = distributeEntries(
          panels,
          entries.map((e) => ({ ...e, currentPanelId: first.placement.get(e.id) ?? null })),
        );
        expect(again.placement).toEqual(first.placement);
        expect(again.moved).toEqual([]);
        expect(again.placed).toEqual([]);
        expect(again.kept.length).toBe(first.placement.size);
      }),
    );
  });

  it("gives the same result whatever the order of its input", () => {
    fc.assert(
      fc.property(problemArb, fc.integer(), ({ panels, entries }, seed) => {
        const a = distributeEntries(panels, entries);
        const b = distributeEntries(shuffle(panels, seed), shuffle(entries, seed + 1));
        expect(b.placement).toEqual(a.placement);
        expect(b.unplaced).toEqual(a.unplaced);
      }),
    );
  });

  it("spreads each category evenly over the even-split panels", () => {
    const panels = [
      { id: "a", categoryId: null },
      { id: "b", categoryId: null },
      { id: "c", categoryId: "teachers" },
    ];
    const entries = [
      ...Array.from({ length: 4 }, (_, i) => ({ id: `s${i}`, categoryId: "students", currentPanelId: null })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `w${i}`, categoryId: "workers", currentPanelId: null })),
      ...Array.from({ length: 3 }, (_, i) => ({ id: `t${i}`, categoryId: "teachers", currentPanelId: null })),
    ];
    const r = distributeEntries(panels, entries);
    const on = (panel: string, prefix: string) => [...r.placement].filter(([e, p]) => p === panel && e.startsWith(prefix)).length;
    expect([on("a", "s"), on("b", "s"), on("a", "w"), on("b", "w")]).toEqual([2, 2, 2, 2]);
    expect(on("c", "t")).toBe(3);
    expect(on("a", "t") + on("b", "t")).toBe(0);
  });

  it("after a panel's category changes, moves only that panel's entries, to the least-filled panels", () => {
    const before = distributeEntries(
      [
        { id: "p1", categoryId: null },
        { id: "p2", categoryId: null },
        { id: "p3", categoryId: null },
      ],
      Array.from({ length: 9 }, (_, i) => ({ id: `e${i}`, categoryId: i < 6 ? "x" : "y", currentPanelId: null })),
    );
    // p3 now takes only category "y": its "x" entries go to p1/p2, and the "y" entries elsewhere come to it.
    const panels = [
      { id: "p1", categoryId: null },
      { id: "p2", categoryId: null },
      { id: "p3", categoryId: "y" },
    ];
    const entries = Array.from({ length: 9 }, (_, i) => ({
      id: `e${i}`,
      categoryId: i < 6 ? "x" : "y",
      currentPanelId: before.placement.get(`e${i}`)!,
    }));
    const after = distributeEntries(panels, entries);
    for (const e of entries) {
      const stays = (e.categoryId === "y") === (e.currentPanelId === "p3");
      expect(after.kept.includes(e.id), e.id).toBe(stays);
    }
    expect([...after.placement].filter(([, p]) => p === "p3").map(([e]) => e).sort()).toEqual(["e6", "e7", "e8"]);
    const p1 = [...after.placement.values()].filter((p) => p === "p1").length;
    expect(Math.abs(p1 - (6 - p1))).toBeLessThanOrEqual(1);
  });

  it("refuses duplicate ids", () => {
    expect(() => distributeEntries([{ id: "p", categoryId: null }, { id: "p", categoryId: "c" }], [])).toThrow(RangeError);
  });
});
