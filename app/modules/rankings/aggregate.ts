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
// r(j) = Σ over j's reads of (total − the entry's raw mean) and ν the constraint's multiplier.
// N − C is the Laplacian of a connected graph: positive semidefinite with "all effects equal" as its
// only null direction. Without penalties, r sums to 0, the system is solved by conjugate gradients
// and centred (ν = 0); with penalties the matrix is positive definite and b = A⁻¹r − ν·A⁻¹1 with ν
// making the effects sum to 0 (two solves). The matrix is never built: a product with it is one
// pass over the component's reads, so a round of 100,000 entries whose panels are all joined
// through shared judges (one component of a thousand judges) costs a few dozen passes over its
// reads, where a dense elimination would cost J³ (docs/decisions/0024-aggregation-speed.md).

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
  const sorted = Float64Array.from(values);
  return { value: sortedInnerMean(sorted, 0, sorted.length), trimmed: true };
}

/**
 * Sorts values[from … to) ascending in place (insertion sort: an entry has a handful of reads;
 * stable, as Array.prototype.sort) and returns the mean of all but the first and the last, summed
 * in ascending order.
 */
function sortedInnerMean(values: Float64Array, from: number, to: number): number {
  for (let i = from + 1; i < to; i++) {
    const v = values[i]!;
    let k = i - 1;
    while (k >= from && values[k]! - v > 0) {
      values[k + 1] = values[k]!;
      k--;
    }
    values[k + 1] = v;
  }
  let sum = 0;
  for (let i = from + 1; i < to - 1; i++) sum += values[i]!;
  return sum / (to - from - 2);
}

/**
 * Solves A x = b for a symmetric positive (semi)definite A given as a product `apply(x, out)`
 * (out = A x), by conjugate gradients with a diagonal (Jacobi) preconditioner, to a residual of
 * CG_TOLERANCE relative to b. With A singular, b must lie in A's range (then a solution is found).
 */
export function conjugateGradient(apply: (x: Float64Array, out: Float64Array) => void, diagonal: Float64Array, b: Float64Array): Float64Array {
  const n = b.length;
  const x = new Float64Array(n);
  const r = Float64Array.from(b);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let bb = 0;
  for (let i = 0; i < n; i++) bb += b[i]! * b[i]!;
  if (bb === 0) return x;
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = diagonal[i]! > 0 ? 1 / diagonal[i]! : 1;
  let rz = 0;
  for (let i = 0; i < n; i++) {
    z[i] = inv[i]! * r[i]!;
    p[i] = z[i]!;
    rz += r[i]! * z[i]!;
  }
  const limit = CG_TOLERANCE * CG_TOLERANCE * bb;
  for (let iteration = 0; iteration < 10 * n + 100; iteration++) {
    apply(p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i]! * q[i]!;
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    let rr = 0;
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * p[i]!;
      r[i]! -= alpha * q[i]!;
      rr += r[i]! * r[i]!;
    }
    if (rr <= limit) break;
    let rzNext = 0;
    for (let i = 0; i < n; i++) {
      z[i] = inv[i]! * r[i]!;
      rzNext += r[i]! * z[i]!;
    }
    const beta = rzNext / rz;
    rz = rzNext;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return x;
}

/** Residual of the conjugate gradients relative to the right-hand side. */
const CG_TOLERANCE = 1e-13;

/**
 * The reads with entries and judges numbered: what the fit works on. computeFromInputs
 * (results.server.ts) numbers them while joining the rows it read; `aggregate` numbers its input.
 */
export interface NumberedReads {
  /** The entries by number (entries without reads included) and the judges by number. */
  entryIds: readonly string[];
  judgeIds: readonly string[];
  /** Per read: its entry's and judge's numbers, and its total. */
  entry: Int32Array;
  judge: Int32Array;
  total: Float64Array;
}

/** The reads numbered and grouped by entry: the reads of entry e are readOrder[readStart[e] … readStart[e + 1]). */
interface Indexed extends NumberedReads {
  readStart: Int32Array;
  readOrder: Int32Array;
}

/** Every entry's and judge's figures by number (see aggregate for their meaning, before rounding). */
export interface NumberedAggregate {
  method: AggregationMethod;
  priorReads: number;
  /** Per entry. */
  reads: Int32Array;
  rawMean: Float64Array;
  trimmedMean: Float64Array;
  trimmed: Uint8Array;
  adjusted: Float64Array;
  /** The entry's component, −1 without reads. */
  component: Int32Array;
  /** Per judge. */
  effect: Float64Array;
  judgeReads: Int32Array;
  /** Judges and entries (numbers) of each component, in order of first appearance in the reads. */
  components: { judges: number[]; entries: number[] }[];
}

/** Connected components of the judge–entry graph (union–find over judges), numbered in order of first appearance. */
function connectedComponents(ix: Indexed): { list: { judges: number[]; entries: number[] }[] } {
  const J = ix.judgeIds.length;
  const parent = new Int32Array(J);
  for (let j = 0; j < J; j++) parent[j] = j;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const E = ix.entryIds.length;
  for (let e = 0; e < E; e++) {
    if (ix.readStart[e + 1] === ix.readStart[e]) continue;
    const first = ix.judge[ix.readOrder[ix.readStart[e]!]!]!;
    for (let k = ix.readStart[e]! + 1; k < ix.readStart[e + 1]!; k++) {
      const a = find(first);
      const b = find(ix.judge[ix.readOrder[k]!]!);
      if (a !== b) parent[a] = b;
    }
  }
  // Components in the order their first node appears in the reads, judges and entries within each
  // in order of first appearance too, for a stable numbering.
  const number = new Int32Array(J).fill(-1);
  const list: { judges: number[]; entries: number[] }[] = [];
  const entrySeen = new Uint8Array(E);
  const judgeSeen = new Uint8Array(J);
  for (let i = 0; i < ix.entry.length; i++) {
    const j = ix.judge[i]!;
    const root = find(j);
    if (number[root] === -1) {
      number[root] = list.length;
      list.push({ judges: [], entries: [] });
    }
    const c = number[root]!;
    const e = ix.entry[i]!;
    if (!entrySeen[e]) {
      entrySeen[e] = 1;
      list[c]!.entries.push(e);
    }
    if (!judgeSeen[j]) {
      judgeSeen[j] = 1;
      list[c]!.judges.push(j);
    }
  }
  return { list };
}

/** Judge effects of one component (see the model above), into `effect` by judge number. */
/**
 * Fits the effects of one component's judges into `effect`. `local`: scratch of one slot per judge
 * of the round, for the judges' numbers within the component.
 */
function fitComponent(ix: Indexed, component: { judges: number[]; entries: number[] }, rawMean: Float64Array, priorReads: number, effect: Float64Array, local: Int32Array) {
  const J = component.judges.length;
  if (J === 1) {
    effect[component.judges[0]!] = 0;
    return;
  }
  component.judges.forEach((j, i) => (local[j] = i));
  // The component's reads, entry by entry: local judge numbers, 1 / reads of the entry.
  let reads = 0;
  for (const e of component.entries) reads += ix.readStart[e + 1]! - ix.readStart[e]!;
  const spanStart = new Int32Array(component.entries.length + 1);
  const readJudges = new Int32Array(reads);
  const weights = new Float64Array(reads);
  let at = 0;
  let span = 0;
  const diagonal = new Float64Array(J);
  const penalty = new Float64Array(J);
  const counts = new Float64Array(J);
  const rhs = new Float64Array(J);
  for (const e of component.entries) {
    const from = ix.readStart[e]!;
    const to = ix.readStart[e + 1]!;
    const w = 1 / (to - from);
    for (let k = from; k < to; k++) {
      const read = ix.readOrder[k]!;
      const j = local[ix.judge[read]!]!;
      readJudges[at] = j;
      weights[at++] = w;
      counts[j]! += 1;
      rhs[j]! += ix.total[read]! - rawMean[e]!;
      diagonal[j]! -= w; // C(j, j)
    }
    spanStart[++span] = at;
  }
  let penalised = false;
  for (let j = 0; j < J; j++) {
    penalty[j] = Math.max(0, priorReads - counts[j]!);
    if (penalty[j]! > 0) penalised = true;
    diagonal[j]! += counts[j]! + penalty[j]!;
  }
  const spanCount = span;
  // out = (N + Λ − C) x, C(i, j) = Σ over entries read by both of 1 / reads(e).
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let j = 0; j < J; j++) out[j] = (counts[j]! + penalty[j]!) * x[j]!;
    for (let s = 0; s < spanCount; s++) {
      const from = spanStart[s]!;
      const to = spanStart[s + 1]!;
      let mean = 0;
      for (let k = from; k < to; k++) mean += x[readJudges[k]!]!;
      mean *= weights[from]!;
      for (let k = from; k < to; k++) out[readJudges[k]!]! -= mean;
    }
  };
  let b: Float64Array;
  if (!penalised) {
    // A Laplacian: singular along "all effects equal", which the constraint fixes; r sums to 0.
    b = conjugateGradient(apply, diagonal, rhs);
    let mean = 0;
    for (let j = 0; j < J; j++) mean += b[j]!;
    mean /= J;
    for (let j = 0; j < J; j++) b[j]! -= mean;
  } else {
    // Nonsingular: b = A⁻¹(r − ν·1) with ν chosen so that the effects sum to 0.
    const x = conjugateGradient(apply, diagonal, rhs);
    const y = conjugateGradient(apply, diagonal, new Float64Array(J).fill(1));
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < J; j++) {
      sx += x[j]!;
      sy += y[j]!;
    }
    const nu = sx / sy;
    b = new Float64Array(J);
    for (let j = 0; j < J; j++) b[j] = x[j]! - nu * y[j]!;
  }
  for (let j = 0; j < J; j++) effect[component.judges[j]!] = b[j]!;
}

/** The round's scores by its method, with the raw and adjusted scores and each judge's effect (see above). */
export function aggregate(input: AggregateInput): AggregateResult {
  const entryNumber = new Map<string, number>();
  for (const id of input.entryIds) if (!entryNumber.has(id)) entryNumber.set(id, entryNumber.size);
  const judgeNumber = new Map<string, number>();
  const judgeIds: string[] = [];
  const R = input.reads.length;
  const entry = new Int32Array(R);
  const judge = new Int32Array(R);
  const total = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    const r = input.reads[i]!;
    const e = entryNumber.get(r.entryId);
    if (e === undefined) throw new RangeError(`read of an entry outside the round: ${r.entryId}`);
    let j = judgeNumber.get(r.judgeId);
    if (j === undefined) {
      j = judgeIds.length;
      judgeNumber.set(r.judgeId, j);
      judgeIds.push(r.judgeId);
    }
    entry[i] = e;
    judge[i] = j;
    total[i] = r.total;
  }
  const entryIds = [...entryNumber.keys()];
  const agg = aggregateNumbered(input.method, { entryIds, judgeIds, entry, judge, total }, input.priorReads);
  return {
    method: input.method,
    entries: input.entryIds.map((entryId) => entryAggregate(agg, entryNumber.get(entryId)!, entryId)),
    judges: judgeEffects(agg, judgeIds),
    components: agg.components.map((c) => ({ judgeIds: c.judges.map((j) => judgeIds[j]!), entryIds: c.entries.map((e) => entryIds[e]!) })),
  };
}

/** aggregate on reads already numbered: every entry's and judge's figures in typed arrays. */
export function aggregateNumbered(method: AggregationMethod, reads: NumberedReads, priorReads: number = SEVERITY_PRIOR_READS): NumberedAggregate {
  const { entry, judge, total, entryIds, judgeIds } = reads;
  const E = entryIds.length;
  const J = judgeIds.length;
  const R = entry.length;
  const readCount = new Int32Array(E);
  const judgeReads = new Int32Array(J);
  for (let i = 0; i < R; i++) {
    if (!Number.isFinite(total[i]!)) throw new RangeError(`total must be a finite number (${entryIds[entry[i]!]}, ${judgeIds[judge[i]!]})`);
    readCount[entry[i]!]! += 1;
    judgeReads[judge[i]!]! += 1;
  }
  const readStart = new Int32Array(E + 1);
  for (let e = 0; e < E; e++) readStart[e + 1] = readStart[e]! + readCount[e]!;
  const fill = readStart.slice(0, E);
  const readOrder = new Int32Array(R);
  for (let i = 0; i < R; i++) readOrder[fill[entry[i]!]!++] = i;
  // Two reads of one entry by one judge: the entry's reads are few, so compare them pairwise.
  for (let e = 0; e < E; e++) {
    for (let a = readStart[e]!; a < readStart[e + 1]!; a++) {
      for (let b = a + 1; b < readStart[e + 1]!; b++) {
        if (judge[readOrder[a]!] === judge[readOrder[b]!]) throw new RangeError(`two reads of ${entryIds[e]} by ${judgeIds[judge[readOrder[a]!]!]}`);
      }
    }
  }
  const ix: Indexed = { ...reads, readStart, readOrder };

  const rawMean = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    let sum = 0;
    for (let k = readStart[e]!; k < readStart[e + 1]!; k++) sum += total[readOrder[k]!]!;
    rawMean[e] = readStart[e + 1]! > readStart[e]! ? sum / (readStart[e + 1]! - readStart[e]!) : 0;
  }
  const comps = connectedComponents(ix);
  const effect = new Float64Array(J);
  const component = new Int32Array(E).fill(-1);
  const local = new Int32Array(J);
  comps.list.forEach((c, i) => {
    for (const e of c.entries) component[e] = i;
    fitComponent(ix, c, rawMean, priorReads, effect, local);
  });

  // The trimmed and adjusted means; the entry's totals are sorted in a scratch copy.
  const trimmed = new Uint8Array(E);
  const trimmedMeans = new Float64Array(E);
  const adjusted = new Float64Array(E);
  const scratch = new Float64Array(R);
  for (let e = 0; e < E; e++) {
    const from = readStart[e]!;
    const to = readStart[e + 1]!;
    if (to === from) continue;
    let adjustedSum = 0;
    for (let k = from; k < to; k++) {
      const read = readOrder[k]!;
      scratch[k] = total[read]!;
      adjustedSum += total[read]! - effect[judge[read]!]!;
    }
    adjusted[e] = adjustedSum / (to - from);
    if (to - from < TRIM_MIN_READS) trimmedMeans[e] = rawMean[e]!;
    else {
      trimmed[e] = 1;
      trimmedMeans[e] = sortedInnerMean(scratch, from, to);
    }
  }
  return { method, priorReads, reads: readCount, rawMean, trimmedMean: trimmedMeans, trimmed, adjusted, component, effect, judgeReads, components: comps.list };
}

/** The score entry number e ranks by: its method's mean, rounded; null without reads. */
export function entryScore(agg: NumberedAggregate, e: number): number | null {
  if (agg.reads[e] === 0) return null;
  return roundScore(agg.method === "MEAN" ? agg.rawMean[e]! : agg.method === "TRIMMED_MEAN" ? agg.trimmedMean[e]! : agg.adjusted[e]!);
}

/** The aggregate of entry number e (see EntryAggregate). */
export function entryAggregate(agg: NumberedAggregate, e: number, entryId: string): EntryAggregate {
  const reads = agg.reads[e]!;
  if (reads === 0) {
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
  const raw = agg.rawMean[e]!;
  const trim = agg.trimmedMean[e]!;
  const adjusted = agg.adjusted[e]!;
  return {
    entryId,
    reads,
    rawMean: roundScore(raw),
    trimmedMean: roundScore(trim),
    trimmed: agg.trimmed[e] === 1,
    adjusted: roundScore(adjusted),
    score: entryScore(agg, e),
    exact: { rawMean: raw, trimmedMean: trim, adjusted },
    component: agg.component[e]!,
  };
}

/** Every judge's effect, component by component (judges by number in `judgeIds`). */
export function judgeEffects(agg: NumberedAggregate, judgeIds: readonly string[]): JudgeEffect[] {
  return agg.components.flatMap((c, i) =>
    c.judges.map((j): JudgeEffect => ({ judgeId: judgeIds[j]!, reads: agg.judgeReads[j]!, effect: agg.effect[j]!, shrunk: agg.judgeReads[j]! < agg.priorReads, component: i })),
  );
}
