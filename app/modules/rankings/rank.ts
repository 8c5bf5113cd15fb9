// Ranking the entries of one category in one round (issue 6, item 2). Pure.
//
// Entries are ordered by score (higher first; scores arrive rounded, see aggregate.ts), then by
// the declared tie-break chain (tie-break.schema.ts): each criterion step compares the entries'
// mean points on that criterion, the topMarks step their top marks per read, both higher first. Entries
// still equal on every automatic step form a tie group. A recorded decision (the chair's order, or
// the organizer's decision at a prize boundary or the advance cut) orders a tie group only when it
// was made for exactly that group: if the group has changed since (scores changed after judging was
// reopened), the decision is stale, it is not applied and the group is reported so.
//
// Ranks are competition ranks ("1, 2, 2, 4"): an entry's rank is 1 + the number of entries placed
// strictly above it. Entries without a score are not ranked (returned apart).
import type { TieBreakStep } from "./tie-break.schema";
import { criterionKey } from "./tie-break.schema";

export interface RankItem {
  entryId: string;
  /** The round's score (rounded), or null without reads. */
  score: number | null;
  /** Mean points per criterion, keyed by criterionKey(name), rounded as scores are. */
  criteria: Readonly<Record<string, number>>;
  /** Criteria scored at their maximum, per read. */
  topMarks: number;
}

/** A recorded order of one tie group: lower comes first, equal numbers stay tied. */
export interface TieDecision {
  entryIds: readonly string[];
  order: ReadonlyMap<string, number>;
}

/** What separates an entry from the one placed just above it. */
export type Separation = { by: "score" } | { by: "step"; step: number } | { by: "decision" } | null;

export interface RankedEntry {
  entryId: string;
  rank: number;
  /** Whether another entry shares the rank. */
  tied: boolean;
  separatedBy: Separation;
}

/** Entries equal on the score and every automatic step of the chain. */
export interface TieGroup {
  /** The rank the group shares before any decision. */
  rank: number;
  entryIds: string[];
  decision: "applied" | "stale" | "none";
}

/** Entries sharing one final rank, in order. */
export interface RankGroup {
  rank: number;
  /** The score its entries share (a group never spans two scores). */
  score: number;
  entryIds: string[];
}

export interface Ranking {
  ranked: RankedEntry[];
  groups: RankGroup[];
  ties: TieGroup[];
  unranked: string[];
}

/** An automatic key after the score: a chain step other than the chair's, with its index in the chain. */
export type AutomaticKey = { kind: "criterion"; criterion: string; step: number } | { kind: "topMarks"; step: number };

/** The chain's automatic keys after the score, in order (the chair's step has none); criteria by criterionKey. */
export function automaticKeys(chain: readonly TieBreakStep[]): AutomaticKey[] {
  return chain.flatMap((step, i): AutomaticKey[] =>
    step.kind === "criterion" ? [{ kind: "criterion", criterion: criterionKey(step.name), step: i }] : step.kind === "topMarks" ? [{ kind: "topMarks", step: i }] : [],
  );
}

/** Separations shared by every entry they describe (one object per kind, not one per entry). */
const BY_SCORE: Separation = Object.freeze({ by: "score" });
const BY_DECISION: Separation = Object.freeze({ by: "decision" });

/** The key of a criterion none of the entry's sheets has: below every mean, so such an entry comes after. */
export const MISSING_CRITERION = Number.NEGATIVE_INFINITY;

/** The automatic keys of an item: its score, then one value per automatic key. */
function keys(item: RankItem, auto: readonly AutomaticKey[]): number[] {
  return [item.score!, ...auto.map((k) => (k.kind === "criterion" ? (item.criteria[k.criterion] ?? MISSING_CRITERION) : item.topMarks))];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/**
 * Ranks the items (see above). Items with equal keys keep the order they came in (give them in a
 * stable order, e.g. by entry code, so pages and documents list ties alike).
 */
export function rankEntries(items: readonly RankItem[], chain: readonly TieBreakStep[], decisions: readonly TieDecision[] = []): Ranking {
  const unranked = items.filter((i) => i.score === null).map((i) => i.entryId);
  const auto = automaticKeys(chain);
  const scored = items.filter((i) => i.score !== null);
  const width = 1 + auto.length;
  const values = new Float64Array(scored.length * width);
  scored.forEach((item, i) => values.set(keys(item, auto), i * width));
  return rankByKeys(
    scored.map((i) => i.entryId),
    values,
    chain,
    decisions,
    unranked,
  );
}

/**
 * rankEntries on the scored entries' keys laid out in one array: entry i's keys (its score, then
 * one per automatic key, see automaticKeys) are values[i · width … (i + 1) · width). `unranked`: the
 * entries without a score, in order.
 */
export function rankByKeys(entryIds: readonly string[], values: Float64Array, chain: readonly TieBreakStep[], decisions: readonly TieDecision[], unranked: string[]): Ranking {
  const auto = automaticKeys(chain);
  const width = 1 + auto.length;
  const n = entryIds.length;
  const byStep: Separation[] = auto.map((k) => Object.freeze({ by: "step" as const, step: k.step }));
  // Higher first on the first key that differs; equal keys keep their order (the index decides).
  const compare = (a: number, b: number) => {
    for (let k = 0; k < width; k++) {
      const x = values[a * width + k]!;
      const y = values[b * width + k]!;
      if (x !== y) return y - x > 0 ? 1 : -1;
    }
    return a - b;
  };
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(compare);
  // differs[i]: the first key on which the entries placed i − 1 and i differ (width when none).
  const differs = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    const a = order[i - 1]! * width;
    const b = order[i]! * width;
    let k = 0;
    while (k < width && values[a + k] === values[b + k]) k++;
    differs[i] = k;
  }

  const ranked: RankedEntry[] = [];
  const groups: RankGroup[] = [];
  const ties: TieGroup[] = [];
  let placed = 0;
  // Tie groups on the automatic keys, with the key that separates each group from the one above.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && differs[end] === width) end++;
    const ids: string[] = [];
    for (let i = start; i < end; i++) ids.push(entryIds[order[i]!]!);
    const separatedAt = start === 0 ? null : differs[start]!;
    const score = values[order[start]! * width]!;
    start = end;
    const groupRank = placed + 1;
    const separation: Separation = separatedAt === null ? null : separatedAt === 0 ? BY_SCORE : byStep[separatedAt - 1]!;
    if (ids.length === 1) {
      groups.push({ rank: groupRank, score, entryIds: ids });
      ranked.push({ entryId: ids[0]!, rank: groupRank, tied: false, separatedBy: separation });
      placed += 1;
      continue;
    }
    let parts: string[][] = [ids];
    const decision = decisions.find((d) => sameSet(d.entryIds, ids));
    const touched = !decision && decisions.some((d) => d.entryIds.some((id) => ids.includes(id)));
    ties.push({ rank: groupRank, entryIds: ids, decision: decision ? "applied" : touched ? "stale" : "none" });
    if (decision) {
      const place = (id: string) => decision.order.get(id) ?? Number.POSITIVE_INFINITY;
      const order = [...ids].sort((a, b) => place(a) - place(b));
      parts = [];
      for (const id of order) {
        const last = parts.at(-1);
        if (last && place(last[0]!) === place(id)) last.push(id);
        else parts.push([id]);
      }
    }
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      const rank = placed + 1;
      groups.push({ rank, score, entryIds: part });
      for (let i = 0; i < part.length; i++) {
        ranked.push({ entryId: part[i]!, rank, tied: part.length > 1, separatedBy: i > 0 ? null : p === 0 ? separation : BY_DECISION });
      }
      placed += part.length;
    }
  }
  return { ranked, groups, ties, unranked };
}
