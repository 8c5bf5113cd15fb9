// Descriptive statistics of a list of numbers: the summary a box plot draws. Pure.
//
// Quartiles and the median interpolate linearly between order statistics (Hyndman and Fan's
// type 7: the default of R and NumPy, and Excel's QUARTILE.INC): for sorted x₁ ≤ … ≤ xₙ the
// p-quantile is x at position h = (n − 1)·p + 1, interpolated between x⌊h⌋ and x⌈h⌉.
// The standard deviation is the sample one (divisor n − 1), undefined for fewer than 2 values.

export interface Summary {
  count: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** Sample standard deviation; null for a single value. */
  sd: number | null;
}

/** The arithmetic mean (NaN for no values). */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The p-quantile (0 ≤ p ≤ 1) of values sorted ascending, by linear interpolation (type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a === b ? a : a + (h - lo) * (b - a);
}

/** Sample variance about the mean (two passes, so large equal offsets do not cancel digits). */
export function sampleVariance(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return ss / (values.length - 1);
}

/** Count, mean, median, quartiles, extremes and standard deviation; null for no values. */
export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const variance = sampleVariance(sorted);
  return {
    count: sorted.length,
    // Rounding can put the mean of equal values a hair outside them; it never lies outside.
    mean: Math.min(sorted[sorted.length - 1]!, Math.max(sorted[0]!, mean(sorted))),
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    sd: variance === null ? null : Math.sqrt(variance),
  };
}
