// When the judges of an entry disagree (DOMAIN.md, "Judging"): pure, no database, no clock.
//
// An entry's spread in a round is max − min of its submitted totals (Scoresheet.total, computed
// by ./total), counted on ACTIVE assignments only; fewer than two totals spread 0. The spread is
// rounded to the totals' own decimals (TOTAL_DECIMALS), so floating-point noise never decides
// the edge. An entry is flagged when its spread is strictly above the round's threshold
// (Round.spreadThreshold; none set: nothing is flagged). A spread equal to the threshold is not.
//
// The chair answers a flag with a resolution (Resolution). RESOLVED settles the disagreement as
// the chair saw it: the entry is no longer flagged while no sheet of it is submitted after the
// resolution (a reopened sheet submitted again, a paper sheet imported, an extra reader's sheet
// bring the question back if the spread is still wide). EXTRA_READER only records that another
// reader was asked for; it settles nothing by itself.
import { TOTAL_DECIMALS } from "./total";

export interface SubmittedTotal {
  entryId: string;
  total: number;
  /** When the sheet was submitted (ms since the epoch, or a Date). */
  submittedAt: Date | number;
}

export interface ResolutionMark {
  entryId: string;
  /** When the chair recorded RESOLVED. */
  at: Date | number;
}

export interface EntrySpread {
  entryId: string;
  /** Submitted totals, in the order given. */
  totals: number[];
  min: number;
  max: number;
  spread: number;
  /** The spread is above the threshold (resolved or not). */
  wide: boolean;
  /** A RESOLVED resolution at or after the last submission. */
  resolved: boolean;
  /** wide and not resolved: the entry needs the chair. */
  flagged: boolean;
}

const ms = (at: Date | number) => (typeof at === "number" ? at : at.getTime());
const factor = 10 ** TOTAL_DECIMALS;

/** max − min, rounded to the totals' decimals; 0 for fewer than two totals. */
export function spreadOf(totals: readonly number[]): number {
  if (totals.length < 2) return 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of totals) {
    if (!Number.isFinite(t)) throw new RangeError(`a total must be a finite number, got ${t}`);
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return Math.round((max - min) * factor) / factor;
}

/** Whether a spread is above the threshold (strictly); never with no threshold. */
export function isWide(spread: number, threshold: number | null): boolean {
  return threshold !== null && spread > threshold;
}

/**
 * Every entry with at least one submitted total, with its spread and whether it is flagged,
 * in the order entries first appear in `totals`.
 */
export function entrySpreads(
  totals: readonly SubmittedTotal[],
  threshold: number | null,
  resolutions: readonly ResolutionMark[] = [],
): EntrySpread[] {
  if (threshold !== null && !(Number.isFinite(threshold) && threshold >= 0)) throw new RangeError(`threshold must be zero or more, got ${threshold}`);
  const byEntry = new Map<string, { totals: number[]; last: number }>();
  for (const s of totals) {
    const cur = byEntry.get(s.entryId);
    if (cur) {
      cur.totals.push(s.total);
      cur.last = Math.max(cur.last, ms(s.submittedAt));
    } else {
      byEntry.set(s.entryId, { totals: [s.total], last: ms(s.submittedAt) });
    }
  }
  const lastResolved = new Map<string, number>();
  for (const r of resolutions) lastResolved.set(r.entryId, Math.max(lastResolved.get(r.entryId) ?? Number.NEGATIVE_INFINITY, ms(r.at)));

  return [...byEntry].map(([entryId, { totals: list, last }]) => {
    const spread = spreadOf(list);
    const wide = isWide(spread, threshold);
    const resolvedAt = lastResolved.get(entryId);
    const resolved = resolvedAt !== undefined && resolvedAt >= last;
    return {
      entryId,
      totals: list,
      min: Math.min(...list),
      max: Math.max(...list),
      spread,
      wide,
      resolved,
      flagged: wide && !resolved,
    };
  });
}

/** The entries that need the chair (wide and not resolved), in first-appearance order. */
export function openDisagreements(
  totals: readonly SubmittedTotal[],
  threshold: number | null,
  resolutions: readonly ResolutionMark[] = [],
): string[] {
  return entrySpreads(totals, threshold, resolutions)
    .filter((e) => e.flagged)
    .map((e) => e.entryId);
}
