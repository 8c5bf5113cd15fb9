// Inter-rater agreement of judges' totals: the intraclass correlation ICC(1) and Kendall's W. Pure.
//
// Which ICC. Each entry of a panel is read by k of the panel's m judges, and which k differs from
// entry to entry (assignment balances loads and avoids conflicts). The two-way models, ICC(2,1)
// and ICC(3,1), need every judge to score every entry: they separate a judge's own level from
// the error, which only a fully crossed design allows. With judges nested in entries the honest
// model is the one-way random-effects model, ICC(1) of Shrout and Fleiss (1979): each entry's
// scores are a sample of judges, and how much a judge is harsh or lenient counts as
// disagreement. It measures absolute agreement of a single judge's score, and is the lowest of
// the three on the same data (a conservative figure). ICC(1,k) is the reliability of the mean of
// the k judges' scores, which is what the mean aggregation ranks by.
//
// One-way ANOVA over the entries that have at least two scores (n entries, N scores, nᵢ per
// entry): MSB = Σ nᵢ(x̄ᵢ − x̄)² / (n − 1), MSW = Σᵢ Σⱼ (xᵢⱼ − x̄ᵢ)² / (N − n). Entries may have
// different numbers of scores (a draft not yet submitted, an extra reader), so k is the
// adjusted mean group size k₀ = (N − Σ nᵢ²/N) / (n − 1), which is k when every entry has k.
//   ICC(1)   = (MSB − MSW) / (MSB + (k₀ − 1)·MSW), between −1/(k₀ − 1) and 1;
//   ICC(1,k) = (MSB − MSW) / MSB.
// The confidence interval is Shrout and Fleiss's, from F = MSB/MSW with (n − 1, N − n) degrees
// of freedom (with k₀ for k: approximate when group sizes differ). Undefined with fewer than
// two such entries, or when every score is the same (nothing to agree or disagree on).
//
// Kendall's W (coefficient of concordance) needs a complete block: m judges who all scored the
// same n entries. Each judge's scores become ranks (ties get their mean rank); with Rᵢ the rank
// sum of entry i and Tⱼ = Σ(t³ − t) over judge j's groups of t tied scores,
//   W = 12·Σ(Rᵢ − m(n + 1)/2)² / (m²(n³ − n) − m·Σ Tⱼ),
// between 0 (no common ordering) and 1 (every judge orders the entries alike). Undefined for
// fewer than two judges or entries, or when every judge gave every entry the same score.

import { fQuantile } from "./distributions";

/** The level of every confidence interval shown. */
export const CONFIDENCE = 0.95;

export interface Icc1 {
  /** ICC(1): how far one judge's score can be trusted (absolute agreement). */
  single: number;
  /** Its confidence interval (lower, upper). */
  singleCi: readonly [number, number];
  /** ICC(1,k): the reliability of the mean of k₀ judges' scores; null when MSB is 0 (unbounded below). */
  average: number | null;
  averageCi: readonly [number, number] | null;
  /** Entries with at least two scores, the ones it is computed on. */
  entries: number;
  /** Scores of those entries. */
  scores: number;
  /** Adjusted mean number of scores per entry (k₀). */
  k0: number;
  msb: number;
  msw: number;
}

function sumOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function squaredDeviations(values: readonly number[], m: number): number {
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return ss;
}

/**
 * ICC(1) and ICC(1,k) with their confidence intervals, from each entry's scores (entries with
 * fewer than two scores are left out); null when not defined (see above).
 */
export function icc1(groups: readonly (readonly number[])[], confidence = CONFIDENCE): Icc1 | null {
  const used = groups.filter((g) => g.length >= 2);
  const n = used.length;
  if (n < 2) return null;
  const N = used.reduce((s, g) => s + g.length, 0);
  const grand = used.reduce((s, g) => s + sumOf(g), 0) / N;
  let ssb = 0;
  let ssw = 0;
  let sumSquaredSizes = 0;
  for (const g of used) {
    // Equal scores have their own value as mean, exactly (a computed mean may be off by a hair).
    const m = g.every((v) => v === g[0]) ? g[0]! : sumOf(g) / g.length;
    ssb += g.length * (m - grand) * (m - grand);
    ssw += squaredDeviations(g, m);
    sumSquaredSizes += g.length * g.length;
  }
  const df1 = n - 1;
  const df2 = N - n;
  const msb = ssb / df1;
  const msw = ssw / df2;
  const k0 = (N - sumSquaredSizes / N) / df1;
  const denominator = msb + (k0 - 1) * msw;
  if (!(denominator > 0)) return null;
  const single = (msb - msw) / denominator;
  const average = msb > 0 ? (msb - msw) / msb : null;
  if (msw === 0) {
    return { single, singleCi: [1, 1], average, averageCi: [1, 1], entries: n, scores: N, k0, msb, msw };
  }
  const upperTail = 1 - (1 - confidence) / 2;
  const f = msb / msw;
  const fLow = f / fQuantile(upperTail, df1, df2);
  const fHigh = f * fQuantile(upperTail, df2, df1);
  const singleCi = [(fLow - 1) / (fLow + k0 - 1), (fHigh - 1) / (fHigh + k0 - 1)] as const;
  const averageCi = msb > 0 ? ([1 - 1 / fLow, 1 - 1 / fHigh] as const) : null;
  return { single, singleCi, average, averageCi, entries: n, scores: N, k0, msb, msw };
}

/** Ranks 1..n of the values, ascending, ties sharing their mean rank; and Σ(t³ − t) over ties. */
export function midranks(values: readonly number[]): { ranks: number[]; ties: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  let ties = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) ranks[order[j]!.i] = rank;
    const t = end - start + 1;
    ties += t * t * t - t;
    start = end + 1;
  }
  return { ranks, ties };
}

export interface KendallW {
  w: number;
  judges: number;
  entries: number;
}

/**
 * Kendall's W with the correction for ties, over a complete block: scores[j][i] is judge j's
 * score of entry i, every judge scoring every entry. Null when not defined (see above).
 */
export function kendallW(scores: readonly (readonly number[])[]): KendallW | null {
  const m = scores.length;
  const n = scores[0]?.length ?? 0;
  if (m < 2 || n < 2) return null;
  if (scores.some((row) => row.length !== n)) throw new RangeError("kendallW: every judge must score every entry of the block");
  const rankSums = new Array<number>(n).fill(0);
  let ties = 0;
  for (const row of scores) {
    const r = midranks(row);
    ties += r.ties;
    r.ranks.forEach((rank, i) => (rankSums[i]! += rank));
  }
  const expected = (m * (n + 1)) / 2;
  let s = 0;
  for (const r of rankSums) s += (r - expected) * (r - expected);
  const denominator = m * m * (n * n * n - n) - m * ties;
  if (!(denominator > 0)) return null;
  return { w: Math.min(1, Math.max(0, (12 * s) / denominator)), judges: m, entries: n };
}

export type IccReading = "poor" | "moderate" | "good" | "excellent";

/** Koo and Li's (2016) bands for reading an ICC: below 0.5 poor, 0.75 moderate, 0.9 good, then excellent. */
export function iccReading(value: number): IccReading {
  if (value < 0.5) return "poor";
  if (value < 0.75) return "moderate";
  if (value < 0.9) return "good";
  return "excellent";
}
