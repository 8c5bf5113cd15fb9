// How well one order of the entries recovers another (the judging simulation's measures). Pure.

/**
 * Kendall's tau-b between two scorings of the same items (x[i] and y[i] belong to item i): over
 * every pair, (concordant − discordant) / √((pairs − ties in x)(pairs − ties in y)). 1 when the
 * orders agree, −1 when one is the other reversed; a pair tied in either scoring counts as neither,
 * and the denominator's tie terms keep tied scores from pulling the value towards 0 unfairly.
 * O(n²): the simulation ranks a few thousand entries. 0 when either scoring is constant.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError("kendallTauB: the two scorings must have the same length");
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    for (let j = i + 1; j < n; j++) {
      const dx = x[j]! - xi;
      const dy = y[j]! - yi;
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      if (dx === 0 || dy === 0) continue;
      if (dx > 0 === dy > 0) concordant++;
      else discordant++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  return denominator === 0 ? 0 : (concordant - discordant) / denominator;
}

/**
 * Indices of the k highest scores, highest first; equal scores keep the order of their indices
 * (the simulation's entry order is random with respect to quality, so this favours nobody).
 */
export function topIndices(scores: readonly number[], k: number): number[] {
  return scores
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}

/** The share of the truly best k (by `truth`) that the k best by `scores` contain, 0..1. */
export function topOverlap(scores: readonly number[], truth: readonly number[], k: number): number {
  if (scores.length !== truth.length) throw new RangeError("topOverlap: the two scorings must have the same length");
  const size = Math.min(k, scores.length);
  if (size === 0) return 1;
  const best = new Set(topIndices(truth, size));
  return topIndices(scores, size).filter((i) => best.has(i)).length / size;
}
