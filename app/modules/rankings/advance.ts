// Which entries of a round go on to the next one, by the round's rule (issue 6, item 2). Pure.
//
//   TOP_N      the N best of each category: a group sharing a rank whose positions all lie within
//              N advances, one entirely after N does not; a group straddling the cut (rank ≤ N <
//              rank + size − 1) is flagged and left undecided until the organizer decides (its
//              decision orders the group, see rank.ts);
//   THRESHOLD  every entry whose score (rounded, as ranked) is at least the value: equal scores are
//              always on the same side, so no tie is ever cut;
//   MANUAL     the organizer's list.
// Entries without a score (no submitted read) advance only by the organizer's list.
import type { RankGroup } from "./rank";

export type AdvanceRule = "TOP_N" | "THRESHOLD" | "MANUAL";

export interface CategoryRanking {
  categoryId: string;
  groups: readonly RankGroup[];
  unranked: readonly string[];
}

export interface CutTie {
  categoryId: string;
  rank: number;
  entryIds: string[];
}

export interface AdvanceProposal {
  advancing: string[];
  eliminated: string[];
  /** Entries of groups straddling the cut: neither advancing nor eliminated yet. */
  undecided: string[];
  cutTies: CutTie[];
}

export interface AdvanceInput {
  rule: AdvanceRule;
  /** N for TOP_N, the threshold for THRESHOLD; unused for MANUAL. */
  value: number | null;
  categories: readonly CategoryRanking[];
  /** The organizer's list (MANUAL). */
  manual?: ReadonlySet<string>;
}

export function proposeAdvance(input: AdvanceInput): AdvanceProposal {
  const advancing: string[] = [];
  const eliminated: string[] = [];
  const undecided: string[] = [];
  const cutTies: CutTie[] = [];
  for (const c of input.categories) {
    if (input.rule === "MANUAL") {
      for (const g of c.groups) for (const id of g.entryIds) (input.manual?.has(id) ? advancing : eliminated).push(id);
      for (const id of c.unranked) (input.manual?.has(id) ? advancing : eliminated).push(id);
      continue;
    }
    eliminated.push(...c.unranked);
    if (input.rule === "THRESHOLD") {
      const threshold = input.value ?? Number.POSITIVE_INFINITY;
      for (const g of c.groups) (g.score >= threshold ? advancing : eliminated).push(...g.entryIds);
      continue;
    }
    const n = input.value ?? 0;
    for (const g of c.groups) {
      const last = g.rank + g.entryIds.length - 1;
      if (last <= n) advancing.push(...g.entryIds);
      else if (g.rank > n) eliminated.push(...g.entryIds);
      else {
        undecided.push(...g.entryIds);
        cutTies.push({ categoryId: c.categoryId, rank: g.rank, entryIds: [...g.entryIds] });
      }
    }
  }
  return { advancing, eliminated, undecided, cutTies };
}
