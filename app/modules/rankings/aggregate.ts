// Aggregation of a round's judges' totals into one score per entry (issue 6, item 1). Pure: plain
// data in, plain data out; no database, no clock. Totals are Scoresheet.total, computed only by
// app/modules/scoring/total.ts: this module reads them and never recomputes one.
//
// For every entry of the round it gives, side by side:
//   - the raw mean of its judges' totals;
//   - the trimmed mean: the highest and the lowest total dropped when the entry has at least
//     TRIM_MIN_READS reads (with 3 reads that is the median); with fewer, the plain mean, marked
//     untrimmed;
//   - the adjusted score of the additive judge-effect model below;
// and the score the round ranks by: the one its method names (MEAN, TRIMMED_MEAN, NORMALIZED),
// rounded to SCORE_DECIMALS (equal after rounding is a tie, see docs/decisions/0013-results.md).
//
// The additive model. Every read is   total(e, j) = m(e) + b(j) + noise:   m(e) is what an
// average judge would give the entry, b(j) judge j's effect (positive: lenient, negative: harsh).
// It is fitted by least squares separately in each connected component of the judge–entry graph
// (two judges are connected when they read a common entry, directly or through others), with
//   - the judge effects of each component summing to zero. This is the anchor: within a component
//     only differences between judges are identified, so the component's average judge is taken as
//     of average severity. Components that share no judge (separate panels) are therefore each
//     anchored on their own judges, and their levels are compared as the judges gave them: real
//     differences between the entries of two panels are kept; a panel whose judges are all harsh
//     cannot be told from a panel of weaker entries (nothing in the data can tell them apart).
//   - a ridge penalty (SEVERITY_PRIOR_READS − n(j)) · b(j)² for a judge with n(j) < SEVERITY_PRIOR_READS
//     reads: as if each missing read had been given at average severity. A judge seen on one entry is
//     not trusted with a full severity of their own; their effect shrinks towards 0 (by about
//     n/SEVERITY_PRIOR_READS), and the entry keeps most of the judge's total. Judges with
//     SEVERITY_PRIOR_READS reads or more are not penalised, so on such data a constant shift of one
//     judge's totals is removed exactly: the shifted judge's effect rises by the shift relative to
//     every other judge, and every difference between adjusted scores stays what it was (the
//     component's common level moves by shift / number of judges, the anchor's share).
// The fit is well defined whatever the data: an entry read once gets its one total less the judge's
// (shrunk) effect; a component with one judge has effect 0 and adjusted = raw; an entry without
// reads has no score (null). Entries read fewer times than planned are flagged by the caller
// (`reads` is given per entry).
//
// Solving: the entry effects are eliminated (m(e) = mean over its reads of total − b(j)), leaving for
// the J judges of a component the symmetric system  (N + Λ − C) b + ν·1 = r,  Σ b = 0,  where N holds
// the judges' read counts, Λ the penalties, C(i, j) = Σ over entries read by both of 1 / reads(e),
// r(j) = Σ over j's reads of (total − the entry's raw mean) and ν the constraint's multiplier. It is
// solved by Gaussian elimination with partial pivoting: O(J³) per component, a few milliseconds for
// hundreds of judges. The bordered matrix is nonsingular because a connected component's
// N − C is a graph Laplacian whose only null direction (all effects equal) the constraint removes.

export const AGGREGATION_METHODS = ["MEAN", "TRIMMED_MEAN", "NORMALIZED"] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** The trimmed mean drops the highest and the lowest total from this many reads on. */
export const TRIM_MIN_READS = 3;
/** Judges with fewer reads than this have their effect shrunk towards 0 (see above). */
export const SEVERITY_PRIOR_READS = 5;
/** Scores are ranked (and shown) rounded to this many decimals; equal after rounding is a tie. */
export const SCORE_DECIMALS = 2;

/** One submitted scoresheet: the judge's total for the entry. */
export interface Read {
  entryId: string;
  judgeId: string;
  total: number;
}

export interface AggregateInput {
  method: AggregationMethod;
  /** Every entry of the round (those without reads get no score). */
  entryIds: readonly string[];
  reads: readonly Read[];
  /** Overrides SEVERITY_PRIOR_READS (0: no shrinkage). */
  priorReads?: number;
}

export interface EntryAggregate {
  entryId: string;
  reads: number;
  /** Raw mean of the totals, rounded to SCORE_DECIMALS; null without reads. */
  rawMean: number | null;
  /** Trimmed mean (the raw mean when untrimmed), rounded; null without reads. */
  trimmedMean: number | null;
  /** Whether the trimmed mean dropped a highest and a lowest total. */
  trimmed: boolean;
  /** m(e) of the additive model, rounded; null without reads. */
  adjusted: number | null;
  /** The score the round ranks by (its method's), rounded; null without reads. */
  score: number | null;
  /** The same values before rounding. */
  exact: { rawMean: number | null; trimmedMean: number | null; adjusted: number | null };
  /** Index of the entry's component in `components`; null without reads. */
  component: number | null;
}

export interface JudgeEffect {
  judgeId: string;
  reads: number;
  /** b(j): positive when the judge gives more than an average judge of the component, negative when less. */
  effect: number;
  /** The effect was shrunk towards 0 (fewer than the prior's reads). */
  shrunk: boolean;
  component: number;
}

export interface Component {
  judgeIds: string[];
  entryIds: string[];
}

export interface AggregateResult {
  method: AggregationMethod;
  entries: EntryAggregate[];
  judges: JudgeEffect[];
  components: Component[];
}

/** Rounds a score to SCORE_DECIMALS, half up, after taking off floating-point noise (1e-8). */
export function roundScore(value: number): number {
  const noiseFree = Math.round(value * 1e8); // an integer count of 1e-8
  const factor = 10 ** SCORE_DECIMALS;
  return Math.round(noiseFree / (1e8 / factor)) / factor;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The mean without one highest and one lowest value, from TRIM_MIN_READS values on. */
export function trimmedMean(values: readonly number[]): { value: number; trimmed: boolean } {
  if (values.length < TRIM_MIN_READS) return { value: mean(values), trimmed: false };
  const sorted = [...values].sort((a, b) => a - b);
  return { value: mean(sorted.slice(1, -1)), trimmed: true };
}

/** Solves A x = b in place by Gaussian elimination with partial pivoting (A square, nonsingular). */
export function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new Error("singular system");
    if (pivot !== col) {
      [a[pivot], a[col]] = [a[col]!, a[pivot]!];
      [b[pivot], b[col]] = [b[col]!, b[pivot]!];
    }
    const rowCol = a[col]!;
    for (let row = col + 1; row < n; row++) {
      const r = a[row]!;
      const f = r[col]! / rowCol[col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) r[k]! -= f * rowCol[k]!;
      b[row]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let s = b[row]!;
    const r = a[row]!;
    for (let k = row + 1; k < n; k++) s -= r[k]! * x[k]!;
    x[row] = s / r[row]!;
  }
  return x;
}

/** Connected components of the judge–entry graph of the reads (union–find). */
function components(reads: readonly Read[]): Component[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const r of reads) {
    const e = `e:${r.entryId}`;
    const j = `j:${r.judgeId}`;
    add(e);
    add(j);
    const a = find(e);
    const b = find(j);
    if (a !== b) parent.set(a, b);
  }
  const byRoot = new Map<string, Component>();
  // Components in the order their first node appears, for a stable numbering.
  for (const node of parent.keys()) {
    const root = find(node);
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { judgeIds: [], entryIds: [] }));
    if (node.startsWith("j:")) c.judgeIds.push(node.slice(2));
    else c.entryIds.push(node.slice(2));
  }
  return [...byRoot.values()];
}

/** Judge effects of one component (see the model above). */
function fitComponent(component: Component, readsOf: Map<string, Read[]>, priorReads: number): Map<string, number> {
  const J = component.judgeIds.length;
  const index = new Map(component.judgeIds.map((id, i) => [id, i]));
  const a = Array.from({ length: J + 1 }, () => new Array<number>(J + 1).fill(0));
  const rhs = new Array<number>(J + 1).fill(0);
  const counts = new Array<number>(J).fill(0);
  for (const entryId of component.entryIds) {
    const reads = readsOf.get(entryId)!;
    const n = reads.length;
    const raw = mean(reads.map((r) => r.total));
    for (const r of reads) {
      const j = index.get(r.judgeId)!;
      counts[j]! += 1;
      rhs[j]! += r.total - raw;
      for (const other of reads) a[j]![index.get(other.judgeId)!]! -= 1 / n;
    }
  }
  for (let j = 0; j < J; j++) {
    a[j]![j]! += counts[j]! + Math.max(0, priorReads - counts[j]!);
    a[j]![J] = 1;
    a[J]![j] = 1;
  }
  const x = solveLinear(a, rhs);
  return new Map(component.judgeIds.map((id, j) => [id, x[j]!]));
}

/** The round's scores by its method, with the raw and adjusted scores and each judge's effect (see above). */
export function aggregate(input: AggregateInput): AggregateResult {
  const priorReads = input.priorReads ?? SEVERITY_PRIOR_READS;
  const entrySet = new Set(input.entryIds);
  const readsOf = new Map<string, Read[]>();
  const seen = new Set<string>();
  for (const r of input.reads) {
    if (!entrySet.has(r.entryId)) throw new RangeError(`read of an entry outside the round: ${r.entryId}`);
    if (!Number.isFinite(r.total)) throw new RangeError(`total must be a finite number (${r.entryId}, ${r.judgeId})`);
    const pair = `${r.entryId}\u0000${r.judgeId}`;
    if (seen.has(pair)) throw new RangeError(`two reads of ${r.entryId} by ${r.judgeId}`);
    seen.add(pair);
    const list = readsOf.get(r.entryId) ?? [];
    list.push(r);
    readsOf.set(r.entryId, list);
  }

  const comps = components(input.reads);
  const componentOf = new Map<string, number>();
  const effects = new Map<string, number>();
  const judgeReads = new Map<string, number>();
  for (const r of input.reads) judgeReads.set(r.judgeId, (judgeReads.get(r.judgeId) ?? 0) + 1);
  comps.forEach((c, i) => {
    for (const e of c.entryIds) componentOf.set(e, i);
    for (const [judgeId, effect] of fitComponent(c, readsOf, priorReads)) effects.set(judgeId, effect);
  });

  const entries = input.entryIds.map((entryId): EntryAggregate => {
    const reads = readsOf.get(entryId) ?? [];
    if (reads.length === 0) {
      return {
        entryId,
        reads: 0,
        rawMean: null,
        trimmedMean: null,
        trimmed: false,
        adjusted: null,
        score: null,
        exact: { rawMean: null, trimmedMean: null, adjusted: null },
        component: null,
      };
    }
    const totals = reads.map((r) => r.total);
    const raw = mean(totals);
    const trim = trimmedMean(totals);
    const adjusted = mean(reads.map((r) => r.total - effects.get(r.judgeId)!));
    const exactScore = input.method === "MEAN" ? raw : input.method === "TRIMMED_MEAN" ? trim.value : adjusted;
    return {
      entryId,
      reads: reads.length,
      rawMean: roundScore(raw),
      trimmedMean: roundScore(trim.value),
      trimmed: trim.trimmed,
      adjusted: roundScore(adjusted),
      score: roundScore(exactScore),
      exact: { rawMean: raw, trimmedMean: trim.value, adjusted },
      component: componentOf.get(entryId)!,
    };
  });

  const judges = comps.flatMap((c, i) =>
    c.judgeIds.map((judgeId): JudgeEffect => {
      const reads = judgeReads.get(judgeId)!;
      return { judgeId, reads, effect: effects.get(judgeId)!, shrunk: reads < priorReads, component: i };
    }),
  );
  return { method: input.method, entries, judges, components: comps };
}
