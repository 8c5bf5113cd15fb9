// Prizes of one category from its final ranking (issue 6, item 2). Pure.
//
// Tiers are allocated in order (rank 1 = First prize) to positions: with First 1, Second 2 and
// Third 3, positions 1 | 2–3 | 4–6 carry them, and positions after the last tier carry none. A
// group of entries sharing a rank occupies the positions rank … rank + size − 1; it receives the
// tier of those positions when they all carry the same one. When they carry different ones the tie
// straddles a boundary: it is flagged and its entries get no prize until the organizer decides
// (the decision, with a reason, orders the group, see rank.ts; once no part of the group straddles,
// the allocation goes on by position). Nothing here breaks a tie silently. Entries after a decided
// group keep their positions, so a co-award is made by raising the tier's count, not here.
import type { RankGroup } from "./rank";

export interface PrizeTierInput {
  id: string;
  /** 1 = the highest tier. */
  rank: number;
  name: string;
  count: number;
}

export interface Straddle {
  rank: number;
  entryIds: string[];
  /** The tiers the group's positions carry, highest first; null for positions past the last tier. */
  tierIds: (string | null)[];
}

export interface PrizeAllocation {
  /** The tier of each ranked entry: an id, null (no prize) or undefined while its group straddles. */
  prizes: Map<string, string | null | undefined>;
  straddles: Straddle[];
  /** Prizes given per tier id. */
  awarded: Map<string, number>;
}

/** The tier (id) carried by each position 1 … n, for tiers in rank order; null past the last. */
export function tierAt(tiers: readonly PrizeTierInput[]): (position: number) => string | null {
  const ordered = [...tiers].filter((t) => t.count > 0).sort((a, b) => a.rank - b.rank);
  const ends: number[] = [];
  let end = 0;
  for (const t of ordered) ends.push((end += t.count));
  return (position) => {
    const i = ends.findIndex((e) => position <= e);
    return i === -1 ? null : ordered[i]!.id;
  };
}

/** Allocates the tiers to the ranked groups (see above). */
export function allocatePrizes(groups: readonly RankGroup[], tiers: readonly PrizeTierInput[]): PrizeAllocation {
  const at = tierAt(tiers);
  const prizes = new Map<string, string | null | undefined>();
  const straddles: Straddle[] = [];
  const awarded = new Map<string, number>(tiers.map((t) => [t.id, 0]));
  for (const g of groups) {
    const spanned: (string | null)[] = [];
    for (let p = g.rank; p < g.rank + g.entryIds.length; p++) {
      const tier = at(p);
      if (!spanned.includes(tier)) spanned.push(tier);
    }
    if (spanned.length > 1) {
      straddles.push({ rank: g.rank, entryIds: [...g.entryIds], tierIds: spanned });
      for (const id of g.entryIds) prizes.set(id, undefined);
      continue;
    }
    const tier = spanned[0] ?? null;
    for (const id of g.entryIds) prizes.set(id, tier);
    if (tier) awarded.set(tier, (awarded.get(tier) ?? 0) + g.entryIds.length);
  }
  return { prizes, straddles, awarded };
}
