// What the submitted scoresheets of a round say about the judging: each judge's distribution of
// totals, how far each judge scores from the other readers of the same entries, criterion
// averages, and the agreement within each panel. Pure: plain rows in, plain figures out, one pass
// over the rows plus sorting (fine for 20,000 entries read three times).
//
// Harsh or lenient. A judge's totals alone cannot say it: a judge who happened to read weaker
// essays scores lower. What can is the comparison with the co-readers: for every entry the judge
// scored that someone else also scored, the judge's total minus the mean of the other readers'
// totals. Its mean over those entries is the judge's co-reader deviation (negative: harsher than
// the co-readers, positive: more lenient), with a 95 % t interval from the differences' spread;
// an interval that excludes 0 is a systematic difference, not the luck of the draw.
//
// Agreement per panel (see agreement.ts): ICC(1) on every entry of the panel with at least two
// scores; Kendall's W on the panel's largest complete block. The block's judges are the readers
// of some entry (at least two of them), its entries every entry all of them scored, and the
// block kept is the one holding the most scores (more judges first on a tie, then the judges'
// ids, so the choice is deterministic). Neither is shown on fewer than AGREEMENT_MIN_ENTRIES
// entries: the interval of two entries spans nearly everything.

import { CONFIDENCE, icc1, kendallW, type Icc1, type KendallW } from "./agreement";
import { mean, sampleVariance, summarize, type Summary } from "./describe";
import { tCritical } from "./distributions";

/** Fewer entries than this, and a panel's agreement reads "not enough data". */
export const AGREEMENT_MIN_ENTRIES = 3;
/**
 * Reader sets tried as a block's judges, the most frequent first. A panel of ten judges reading
 * three each has at most 120; a panel of hundreds has thousands of tiny ones, none of which
 * would make a block of any size, so trying the most frequent keeps the search linear.
 */
export const MAX_BLOCK_CANDIDATES = 64;

/** One submitted scoresheet: who read which entry, on which panel, and its stored total. */
export interface SheetRow {
  entryId: string;
  judgeId: string;
  panelId: string;
  total: number;
}

export interface Deviation {
  /** Mean of (judge's total − mean of the other readers' totals) over the compared entries. */
  mean: number;
  /** Entries the judge shares with at least one other reader. */
  entries: number;
  sd: number | null;
  /** The 95 % t interval of the mean; null for a single entry. */
  ci: readonly [number, number] | null;
}

export interface JudgeStats {
  panelId: string;
  judgeId: string;
  totals: Summary;
  deviation: Deviation | null;
}

/** The mean of differences with its t interval (null below two differences). */
export function meanWithInterval(differences: readonly number[], confidence = CONFIDENCE): Deviation | null {
  if (differences.length === 0) return null;
  const m = mean(differences);
  const variance = sampleVariance(differences);
  if (variance === null) return { mean: m, entries: 1, sd: null, ci: null };
  const half = (tCritical(confidence, differences.length - 1) * Math.sqrt(variance)) / Math.sqrt(differences.length);
  return { mean: m, entries: differences.length, sd: Math.sqrt(variance), ci: [m - half, m + half] };
}

export type DeviationReading = "harsh" | "lenient" | "even" | "notEnough";

/** Harsher or more lenient than the co-readers when the interval leaves out 0; no reading without an interval. */
export function deviationReading(deviation: Deviation | null): DeviationReading {
  if (!deviation?.ci) return "notEnough";
  if (deviation.ci[1] < 0) return "harsh";
  if (deviation.ci[0] > 0) return "lenient";
  return "even";
}

/**
 * Per judge and panel: the distribution of the judge's totals and the co-reader deviation (the
 * other readers of an entry are everyone else who submitted a sheet for it in the round).
 */
export function judgeStatistics(sheets: readonly SheetRow[]): JudgeStats[] {
  const byEntry = new Map<string, { sum: number; count: number }>();
  for (const s of sheets) {
    const e = byEntry.get(s.entryId) ?? { sum: 0, count: 0 };
    e.sum += s.total;
    e.count += 1;
    byEntry.set(s.entryId, e);
  }
  const byJudge = new Map<string, { panelId: string; judgeId: string; totals: number[]; differences: number[] }>();
  for (const s of sheets) {
    const key = `${s.panelId}\u0000${s.judgeId}`;
    let j = byJudge.get(key);
    if (!j) byJudge.set(key, (j = { panelId: s.panelId, judgeId: s.judgeId, totals: [], differences: [] }));
    j.totals.push(s.total);
    const e = byEntry.get(s.entryId)!;
    if (e.count > 1) j.differences.push(s.total - (e.sum - s.total) / (e.count - 1));
  }
  return [...byJudge.values()].map((j) => ({
    panelId: j.panelId,
    judgeId: j.judgeId,
    totals: summarize(j.totals)!,
    deviation: meanWithInterval(j.differences),
  }));
}

export interface Block extends KendallW {
  judgeIds: string[];
}

export interface PanelAgreement {
  panelId: string;
  /** Entries of the panel with at least one submitted sheet. */
  entriesScored: number;
  /** Entries with at least two, the ones ICC(1) can use. */
  entriesShared: number;
  icc: Icc1 | null;
  w: Block | null;
}

/** The scores of each entry (entries with at least one), keyed by entry. */
function scoresByEntry(sheets: readonly SheetRow[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const s of sheets) {
    let e = out.get(s.entryId);
    if (!e) out.set(s.entryId, (e = new Map()));
    e.set(s.judgeId, s.total);
  }
  return out;
}

/** ICC(1) over entries' scores, null when undefined or below the minimum of entries. */
function iccOf(entries: Map<string, Map<string, number>>): Icc1 | null {
  const r = icc1([...entries.values()].map((e) => [...e.values()]));
  return r && r.entries >= AGREEMENT_MIN_ENTRIES ? r : null;
}

/** The largest complete block of a panel's scores (see above), and Kendall's W on it. */
export function largestCompleteBlock(entries: ReadonlyMap<string, ReadonlyMap<string, number>>): Block | null {
  const readerSets = new Map<string, { judges: string[]; count: number }>();
  for (const scores of entries.values()) {
    if (scores.size < 2) continue;
    const judges = [...scores.keys()].sort();
    const key = judges.join("\u0000");
    const set = readerSets.get(key);
    if (set) set.count++;
    else readerSets.set(key, { judges, count: 1 });
  }
  const candidates = [...readerSets.entries()]
    .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, MAX_BLOCK_CANDIDATES)
    .map(([, set]) => set.judges);
  const entriesOf = new Map<string, string[]>(); // judge → entries the judge scored
  for (const [entryId, scores] of entries) {
    for (const judge of scores.keys()) {
      const list = entriesOf.get(judge);
      if (list) list.push(entryId);
      else entriesOf.set(judge, [entryId]);
    }
  }
  let best: { judges: string[]; entryIds: string[] } | null = null;
  for (const judges of candidates) {
    // Every entry of the block was scored by each of its judges: look through the shortest list.
    const shortest = judges.reduce((a, b) => (entriesOf.get(a)!.length <= entriesOf.get(b)!.length ? a : b));
    const entryIds = entriesOf.get(shortest)!.filter((id) => judges.every((j) => entries.get(id)!.has(j)));
    if (entryIds.length < AGREEMENT_MIN_ENTRIES) continue;
    const size = judges.length * entryIds.length;
    const bestSize = best ? best.judges.length * best.entryIds.length : -1;
    if (
      !best ||
      size > bestSize ||
      (size === bestSize && judges.length > best.judges.length) ||
      (size === bestSize && judges.length === best.judges.length && judges.join() < best.judges.join())
    ) {
      best = { judges, entryIds };
    }
  }
  if (!best) return null;
  const matrix = best.judges.map((j) => best.entryIds.map((e) => entries.get(e)!.get(j)!));
  const w = kendallW(matrix);
  return w ? { ...w, judgeIds: best.judges } : null;
}

/** Agreement within each panel, and ICC(1) over the whole round (every entry, whatever its panel). */
export function agreementByPanel(sheets: readonly SheetRow[]): { panels: PanelAgreement[]; round: Icc1 | null } {
  const byPanel = new Map<string, SheetRow[]>();
  for (const s of sheets) {
    const list = byPanel.get(s.panelId);
    if (list) list.push(s);
    else byPanel.set(s.panelId, [s]);
  }
  const panels = [...byPanel].map(([panelId, rows]): PanelAgreement => {
    const entries = scoresByEntry(rows);
    return {
      panelId,
      entriesScored: entries.size,
      entriesShared: [...entries.values()].filter((e) => e.size >= 2).length,
      icc: iccOf(entries),
      w: largestCompleteBlock(entries),
    };
  });
  return { panels, round: iccOf(scoresByEntry(sheets)) };
}

export interface CriterionInput {
  id: string;
  name: string;
  maxPoints: number;
}

export interface CriterionAverage {
  criterionId: string;
  name: string;
  maxPoints: number;
  /** Scores of submitted sheets on this criterion. */
  count: number;
  /** Mean points, and the mean as a share of the criterion's maximum (0..1); null without scores. */
  mean: number | null;
  share: number | null;
}

/** Mean points per criterion, in the criteria's order, from per-criterion sums and counts. */
export function criterionAverages(criteria: readonly CriterionInput[], sums: ReadonlyMap<string, { sum: number; count: number }>): CriterionAverage[] {
  return criteria.map((c) => {
    const s = sums.get(c.id);
    const m = s && s.count > 0 ? s.sum / s.count : null;
    return { criterionId: c.id, name: c.name, maxPoints: c.maxPoints, count: s?.count ?? 0, mean: m, share: m === null ? null : m / c.maxPoints };
  });
}
