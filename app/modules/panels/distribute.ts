// Entries of a round to its panels (issue 3, item 5): a pure function, no database, no clock.
//
// Where an entry may go (its pool):
//   - the panels of its category, when the round has any;
//   - otherwise the panels without a category (the even split);
//   - otherwise nowhere: the entry is reported as unplaced.
// Pools are disjoint (a panel has one category or none), so each pool is balanced on its own.
//
// A re-distribution keeps every entry whose current panel is in its pool (an assignment may hang
// on it) and only places the others: each goes to the panel of its pool with the fewest entries,
// then the fewest entries of its category (so an even split also spreads each category), then
// the smallest panel id. Placing one entry at a time on a least-filled panel is water-filling:
// counts end as even as the kept entries allow, and from scratch within one of each other.
//
// Deterministic and independent of input order: entries and panels are sorted by id first.

export interface DistributePanel {
  id: string;
  /** Entries of this category go to this panel; null: a share of the even split. */
  categoryId: string | null;
}

export interface DistributeEntry {
  id: string;
  categoryId: string;
  /** The panel the entry is on now (null or a panel of another round: none). */
  currentPanelId: string | null;
}

export interface DistributeResult {
  /** entryId → panelId, for every entry placed (kept, moved or new). */
  placement: Map<string, string>;
  /** Entries left on their current panel. */
  kept: string[];
  /** Entries that had a panel no longer valid for them and got another one. */
  moved: string[];
  /** Entries without a panel that got one. */
  placed: string[];
  /** Entries no panel can take (their category has no panel and there is no even-split panel); their panel, if any, is lost. */
  unplaced: string[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Splits entries among panels as described above. Throws on duplicate entry or panel ids. */
export function distributeEntries(panels: readonly DistributePanel[], entries: readonly DistributeEntry[]): DistributeResult {
  const sortedPanels = [...panels].sort(byId);
  const sortedEntries = [...entries].sort(byId);
  for (const list of [sortedPanels, sortedEntries]) {
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.id === list[i - 1]!.id) throw new RangeError(`duplicate id: ${list[i]!.id}`);
    }
  }

  // The pool of each category and the even-split pool.
  const categoryPools = new Map<string, string[]>();
  const generalPool: string[] = [];
  for (const p of sortedPanels) {
    if (p.categoryId === null) generalPool.push(p.id);
    else categoryPools.set(p.categoryId, [...(categoryPools.get(p.categoryId) ?? []), p.id]);
  }
  const poolOf = (categoryId: string): string[] => categoryPools.get(categoryId) ?? generalPool;

  const count = new Map<string, number>(sortedPanels.map((p) => [p.id, 0]));
  const categoryCount = new Map<string, number>(); // panelId\0categoryId → entries
  const ck = (panelId: string, categoryId: string) => `${panelId}\u0000${categoryId}`;
  const put = (panelId: string, categoryId: string) => {
    count.set(panelId, count.get(panelId)! + 1);
    categoryCount.set(ck(panelId, categoryId), (categoryCount.get(ck(panelId, categoryId)) ?? 0) + 1);
  };

  const result: DistributeResult = { placement: new Map(), kept: [], moved: [], placed: [], unplaced: [] };
  const toPlace: DistributeEntry[] = [];
  for (const e of sortedEntries) {
    const pool = poolOf(e.categoryId);
    if (e.currentPanelId !== null && pool.includes(e.currentPanelId)) {
      result.placement.set(e.id, e.currentPanelId);
      result.kept.push(e.id);
      put(e.currentPanelId, e.categoryId);
    } else if (pool.length === 0) {
      result.unplaced.push(e.id);
    } else {
      toPlace.push(e);
    }
  }

  // Category by category (in id order of entries within), so each category spreads evenly too.
  toPlace.sort((a, b) => (a.categoryId < b.categoryId ? -1 : a.categoryId > b.categoryId ? 1 : byId(a, b)));
  for (const e of toPlace) {
    let best: string | null = null;
    for (const panelId of poolOf(e.categoryId)) {
      if (best === null) {
        best = panelId;
        continue;
      }
      const c = count.get(panelId)! - count.get(best)!;
      const cc = (categoryCount.get(ck(panelId, e.categoryId)) ?? 0) - (categoryCount.get(ck(best, e.categoryId)) ?? 0);
      if (c < 0 || (c === 0 && cc < 0)) best = panelId;
    }
    result.placement.set(e.id, best!);
    put(best!, e.categoryId);
    (e.currentPanelId === null ? result.placed : result.moved).push(e.id);
  }
  return result;
}
