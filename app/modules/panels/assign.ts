// Automatic assignment of judges to entries: a pure, exact min-cost-flow solver.
//
// No database, no clock, no randomness except the seed passed in (STYLE.md, rule 4).
//
// Model, one flow network per panel (100k entries split in panels never build a global graph):
//
//   source ──(cap k, cost 0)──▶ entry ──(cap 1, pair cost; omitted when conflicted)──▶ judge
//   judge ──(unit edges, the t-th unit costs 2t−1, so a load L costs L²; at most the cap)──▶ sink
//
// The unit load edges are not materialised: because their costs are convex, the cheapest one left
// is always the next one, so the judge→sink arc is priced from the judge's current load.
//
// Costs are lexicographic triples [kept, load, preference], compared component by component:
//   1. kept: −1 for every pair of the previous assignment that is still valid (re-run mode), so a
//      re-run keeps as many valid pairs as any feasible solution can, and moves only what must move;
//   2. load: Σ L² over the panel's judges; with a fixed total this is smallest exactly when loads
//      are as even as the conflicts and caps allow (within one of each other whenever possible);
//   3. preference: Σ over pairs of −expertise·w.expertise − willing·w.willing + unwilling·w.unwilling.
// Comparing triples instead of summing scaled weights keeps the integer parts exact at any size.
//
// Algorithm: successive shortest paths with Johnson potentials and Dijkstra on the residual graph
// (one unit per augmentation). Initial potentials come from the acyclic initial graph, so negative
// pair costs are fine. At the end, the flow is maximum and of minimum cost for that value; when it
// is short of k·entries the panel is infeasible and the entries reachable from the source in the
// residual graph (the smallest minimum cut, the same for every maximum flow) are named.
//
// The seed only breaks ties: it shuffles the order of the panel's entries and judges before the
// search, so among equally cheap assignments a different seed may pick a different one, and the
// same seed always picks the same one.
//
// Out of scope for now: calibration across panels through shared judges. A judge may sit on
// several panels; each panel is solved on its own, a cap applies per panel, and the reported total
// load of a judge is the sum over panels.

export interface AssignJudge {
  id: string;
  /** Maximum number of entries this judge reads in this panel (an integer ≥ 0). */
  cap?: number;
}

export interface AssignEntry {
  id: string;
  categoryId: string;
}

export interface AssignPanel {
  id: string;
  judges: readonly AssignJudge[];
  entries: readonly AssignEntry[];
}

/** One (entry, judge) pair: a read, a conflict, or a pair of a previous assignment. */
export interface AssignPair {
  entryId: string;
  judgeId: string;
}

export interface JudgePreference {
  judgeId: string;
  /** categoryId → expertise (higher is better); missing categories count as 0. */
  expertise?: Readonly<Record<string, number>>;
  /** Entries the judge asked to read. */
  willing?: readonly string[];
  /** Entries the judge would rather not read (a penalty, not a conflict). */
  unwilling?: readonly string[];
}

export interface AssignWeights {
  expertise: number;
  willing: number;
  unwilling: number;
}

export const DEFAULT_ASSIGN_WEIGHTS: Readonly<AssignWeights> = Object.freeze({ expertise: 1, willing: 2, unwilling: 4 });

export interface AssignProblem {
  panels: readonly AssignPanel[];
  /** Reads per entry (k), an integer ≥ 1. */
  reads: number;
  /** Pairs that must never be assigned. */
  conflicts?: readonly AssignPair[];
  preferences?: readonly JudgePreference[];
  /** The assignment being re-run: every still-valid pair is kept if any feasible solution can. */
  previous?: readonly AssignPair[];
  weights?: Partial<AssignWeights>;
  /** Breaks ties between equally good assignments; never changes the cost. */
  seed: number;
}

/** The three cost components, minimised in this order. */
export interface AssignCost {
  /** Pairs of `previous` that were kept (maximised, so it enters the cost negated). */
  kept: number;
  /** Σ over panels and judges of (load in that panel)². */
  load: number;
  /** Σ over assigned pairs of the preference cost (lower is better). */
  preference: number;
}

export interface PanelLoads {
  panelId: string;
  /** judgeId → reads in this panel, for every judge of the panel (0 included). */
  loads: Map<string, number>;
  minLoad: number;
  maxLoad: number;
}

export interface AssignChanges {
  kept: AssignPair[];
  added: AssignPair[];
  /** Pairs of `previous` no longer assigned (invalidated ones included). */
  removed: AssignPair[];
}

export interface AssignSuccess {
  ok: true;
  /** entryId → its k judge ids, in the panel's judge order. */
  assignment: Map<string, string[]>;
  /** judgeId → total reads over all panels. */
  loads: Map<string, number>;
  panels: PanelLoads[];
  cost: AssignCost;
  changes: AssignChanges;
}

export type UncoveredReason =
  /** Fewer than k judges of the panel are free of conflict with this entry. */
  | "too-few-eligible-judges"
  /** Enough eligible judges, but their caps are used up by the entries named with this one. */
  | "insufficient-capacity";

export interface UncoveredEntry {
  entryId: string;
  panelId: string;
  reason: UncoveredReason;
  /** Judges of the panel without a conflict with this entry. */
  eligibleJudges: number;
}

export interface AssignFailure {
  ok: false;
  /**
   * Entries that cannot all be covered: per panel, the smallest set of entries whose demand
   * (k each) exceeds what the judges they can reach can give. Every other entry could be covered.
   */
  uncovered: UncoveredEntry[];
  /** Per infeasible panel, how many reads are missing at best. */
  shortPanels: { panelId: string; missingReads: number }[];
  /** A diagnostic for logs (user-facing text is built from the codes above, through i18n). */
  message: string;
}

export type AssignResult = AssignSuccess | AssignFailure;

export class AssignInputError extends RangeError {
  override name = "AssignInputError";
}

/** The preference cost of one pair (lower is better), exported so tests and tools share the formula. */
export function pairPreferenceCost(
  expertise: number,
  willing: boolean,
  unwilling: boolean,
  weights: Readonly<AssignWeights> = DEFAULT_ASSIGN_WEIGHTS,
): number {
  return -expertise * weights.expertise - (willing ? weights.willing : 0) + (unwilling ? weights.unwilling : 0);
}

// ---------------------------------------------------------------------------------------------

const SEP = "\u0000";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
function permutation(n: number, next: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

function groupPairs(pairs: readonly AssignPair[] | undefined): Map<string, Set<string>> {
  const byEntry = new Map<string, Set<string>>();
  for (const { entryId, judgeId } of pairs ?? []) {
    let set = byEntry.get(entryId);
    if (!set) byEntry.set(entryId, (set = new Set()));
    set.add(judgeId);
  }
  return byEntry;
}

interface Context {
  k: number;
  weights: AssignWeights;
  conflicts: Map<string, Set<string>>;
  previous: Map<string, Set<string>>;
  expertise: Map<string, Readonly<Record<string, number>>>;
  /** judgeId + SEP + entryId → +1 willing, −1 unwilling. */
  stance: Map<string, number>;
}

interface PanelOutcome {
  /** Per entry (input order): judge indices (input order) assigned. */
  chosen: number[][];
  loads: Int32Array;
  missingReads: number;
  /** Entry indices (input order) in the deficient set, when missingReads > 0. */
  deficient: number[];
  eligible: Int32Array;
  kept: number;
  load: number;
  preference: number;
}

/** An indexed binary min-heap over node ids, ordered by three key arrays lexicographically. */
class TripleHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  size = 0;
  constructor(
    capacity: number,
    private readonly k0: Float64Array,
    private readonly k1: Float64Array,
    private readonly k2: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }
  private less(a: number, b: number): boolean {
    const { k0, k1, k2 } = this;
    if (k0[a] !== k0[b]) return k0[a]! < k0[b]!;
    if (k1[a] !== k1[b]) return k1[a]! < k1[b]!;
    if (k2[a] !== k2[b]) return k2[a]! < k2[b]!;
    return a < b;
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }
  /** Inserts v or restores order after its key decreased. */
  upsert(v: number): void {
    let i = this.pos[v]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = v;
      this.pos[v] = i;
    }
    this.up(i);
  }
  pop(): number {
    const top = this.heap[0]!;
    this.pos[top] = -1;
    const last = this.heap[--this.size]!;
    if (this.size > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }
  private up(i: number): void {
    const h = this.heap;
    const v = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = h[p]!;
      if (!this.less(v, pv)) break;
      h[i] = pv;
      this.pos[pv] = i;
      i = p;
    }
    h[i] = v;
    this.pos[v] = i;
  }
  private down(i: number): void {
    const h = this.heap;
    const v = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.less(h[c + 1]!, h[c]!)) c++;
      if (!this.less(h[c]!, v)) break;
      h[i] = h[c]!;
      this.pos[h[i]!] = i;
      i = c;
    }
    h[i] = v;
    this.pos[v] = i;
  }
}

function solvePanel(panel: AssignPanel, ctx: Context, seed: number): PanelOutcome {
  const { k } = ctx;
  const n = panel.entries.length;
  const m = panel.judges.length;
  const next = mulberry32(seed);
  // Seeded orders: internal index → input index.
  const entryOrder = permutation(n, next);
  const judgeOrder = permutation(m, next);

  // Nodes: entries 0..n-1, judges n..n+m-1, sink T = n+m, source S = n+m+1.
  const T = n + m;
  const S = n + m + 1;
  const N = n + m + 2;

  const cap = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const c = panel.judges[judgeOrder[j]!]!.cap;
    cap[j] = c === undefined ? n : Math.min(c, n);
  }

  // Entry → judge arcs in CSR form, plus each judge's incoming arcs.
  const eStart = new Int32Array(n + 1);
  const arcJudge: number[] = [];
  const arcKeep: number[] = [];
  const arcPref: number[] = [];
  const eligible = new Int32Array(n); // by input index
  for (let e = 0; e < n; e++) {
    eStart[e] = arcJudge.length;
    const entry = panel.entries[entryOrder[e]!]!;
    const conflicted = ctx.conflicts.get(entry.id);
    const kept = ctx.previous.get(entry.id);
    for (let j = 0; j < m; j++) {
      const judgeId = panel.judges[judgeOrder[j]!]!.id;
      if (conflicted?.has(judgeId)) continue;
      const stance = ctx.stance.get(judgeId + SEP + entry.id) ?? 0;
      const expertise = ctx.expertise.get(judgeId)?.[entry.categoryId] ?? 0;
      arcJudge.push(j);
      arcKeep.push(kept?.has(judgeId) ? -1 : 0);
      arcPref.push(pairPreferenceCost(expertise, stance > 0, stance < 0, ctx.weights));
    }
    eligible[entryOrder[e]!] = arcJudge.length - eStart[e]!;
  }
  eStart[n] = arcJudge.length;
  const A = arcJudge.length;
  const arcEntry = new Int32Array(A);
  for (let e = 0; e < n; e++) for (let a = eStart[e]!; a < eStart[e + 1]!; a++) arcEntry[a] = e;
  const jStart = new Int32Array(m + 1);
  for (let a = 0; a < A; a++) jStart[arcJudge[a]! + 1]!++;
  for (let j = 0; j < m; j++) jStart[j + 1]! += jStart[j]!;
  const jArcs = new Int32Array(A);
  {
    const fill = jStart.slice(0, m);
    for (let a = 0; a < A; a++) jArcs[fill[arcJudge[a]!]!++] = a;
  }
  const keepC = Float64Array.from(arcKeep);
  const prefC = Float64Array.from(arcPref);

  const flow = new Uint8Array(A);
  const supplied = new Int32Array(n);
  const load = new Int32Array(m);

  // Potentials: exact distances in the initial (acyclic) graph.
  const p0 = new Float64Array(N);
  const p1 = new Float64Array(N);
  const p2 = new Float64Array(N);
  {
    let t0 = Infinity;
    let t1 = Infinity;
    let t2 = Infinity;
    for (let j = 0; j < m; j++) {
      let b0 = Infinity;
      const b1 = 0;
      let b2 = Infinity;
      for (let i = jStart[j]!; i < jStart[j + 1]!; i++) {
        const a = jArcs[i]!;
        if (keepC[a]! < b0 || (keepC[a] === b0 && prefC[a]! < b2)) {
          b0 = keepC[a]!;
          b2 = prefC[a]!;
        }
      }
      if (b0 === Infinity) continue; // unreachable judge: its potential never matters
      p0[n + j] = b0;
      p1[n + j] = b1;
      p2[n + j] = b2;
      if (cap[j]! > 0) {
        const c1 = b1 + 1;
        if (b0 < t0 || (b0 === t0 && (c1 < t1 || (c1 === t1 && b2 < t2)))) {
          t0 = b0;
          t1 = c1;
          t2 = b2;
        }
      }
    }
    if (t0 !== Infinity) {
      p0[T] = t0;
      p1[T] = t1;
      p2[T] = t2;
    }
  }

  const d0 = new Float64Array(N);
  const d1 = new Float64Array(N);
  const d2 = new Float64Array(N);
  const done = new Uint8Array(N);
  const parent = new Int32Array(N);
  const heap = new TripleHeap(N, d0, d1, d2);

  let remaining = k * n;
  while (remaining > 0) {
    d0.fill(Infinity);
    d1.fill(Infinity);
    d2.fill(Infinity);
    done.fill(0);
    heap.clear();
    d0[S] = 0;
    d1[S] = 0;
    d2[S] = 0;
    heap.upsert(S);

    // Relaxes u → v with the arc cost (c0, c1, c2), reduced by the potentials.
    const relax = (u: number, v: number, c0: number, c1: number, c2: number, via: number) => {
      if (done[v]) return;
      const n0 = d0[u]! + c0 + p0[u]! - p0[v]!;
      const n1 = d1[u]! + c1 + p1[u]! - p1[v]!;
      const n2 = d2[u]! + c2 + p2[u]! - p2[v]!;
      if (n0 < d0[v]! || (n0 === d0[v] && (n1 < d1[v]! || (n1 === d1[v] && n2 < d2[v]!)))) {
        d0[v] = n0;
        d1[v] = n1;
        d2[v] = n2;
        parent[v] = via;
        heap.upsert(v);
      }
    };

    while (heap.size > 0) {
      const u = heap.pop();
      done[u] = 1;
      if (u === T) break;
      if (u === S) {
        for (let e = 0; e < n; e++) if (supplied[e]! < k) relax(S, e, 0, 0, 0, -1);
      } else if (u < n) {
        for (let a = eStart[u]!; a < eStart[u + 1]!; a++) {
          if (flow[a] === 0) relax(u, n + arcJudge[a]!, keepC[a]!, 0, prefC[a]!, a);
        }
      } else {
        const j = u - n;
        if (load[j]! < cap[j]!) relax(u, T, 0, 2 * load[j]! + 1, 0, j);
        for (let i = jStart[j]!; i < jStart[j + 1]!; i++) {
          const a = jArcs[i]!;
          if (flow[a] === 1) relax(u, arcEntry[a]!, -keepC[a]!, 0, -prefC[a]!, a);
        }
      }
    }
    if (!done[T]) break; // maximum flow reached

    // Keep reduced costs non-negative: π(v) += min(d(v), d(T)).
    const t0 = d0[T]!;
    const t1 = d1[T]!;
    const t2 = d2[T]!;
    for (let v = 0; v < N; v++) {
      if (done[v]) {
        p0[v]! += d0[v]!;
        p1[v]! += d1[v]!;
        p2[v]! += d2[v]!;
      } else {
        p0[v]! += t0;
        p1[v]! += t1;
        p2[v]! += t2;
      }
    }

    // Augment one unit along the path T ← judge ← entry (← judge ← entry)* ← S.
    let j = parent[T]!;
    load[j]!++;
    for (;;) {
      const a = parent[n + j]!; // forward arc entry → judge
      flow[a] = 1;
      const e = arcEntry[a]!;
      const back = parent[e]!;
      if (back < 0) {
        supplied[e]!++;
        break;
      }
      flow[back] = 0; // the path reroutes this entry away from judge arcJudge[back]
      j = arcJudge[back]!;
    }
    remaining--;
  }

  const chosen: number[][] = Array.from({ length: n }, () => []);
  let kept = 0;
  let preference = 0;
  for (let a = 0; a < A; a++) {
    if (!flow[a]) continue;
    chosen[entryOrder[arcEntry[a]!]!]!.push(judgeOrder[arcJudge[a]!]!);
    if (keepC[a]! < 0) kept++;
    preference += prefC[a]!;
  }
  for (const list of chosen) list.sort((x, y) => x - y);
  const loads = new Int32Array(m);
  let loadCost = 0;
  for (let j = 0; j < m; j++) {
    loads[judgeOrder[j]!] = load[j]!;
    loadCost += load[j]! * load[j]!;
  }

  const deficient: number[] = [];
  if (remaining > 0) {
    // Entries reachable from the source in the residual graph: the smallest minimum cut.
    const seen = new Uint8Array(N);
    const stack: number[] = [];
    for (let e = 0; e < n; e++) {
      if (supplied[e]! < k) {
        seen[e] = 1;
        stack.push(e);
      }
    }
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (u < n) {
        for (let a = eStart[u]!; a < eStart[u + 1]!; a++) {
          const v = n + arcJudge[a]!;
          if (flow[a] === 0 && !seen[v]) {
            seen[v] = 1;
            stack.push(v);
          }
        }
      } else {
        const j = u - n;
        for (let i = jStart[j]!; i < jStart[j + 1]!; i++) {
          const a = jArcs[i]!;
          const v = arcEntry[a]!;
          if (flow[a] === 1 && !seen[v]) {
            seen[v] = 1;
            stack.push(v);
          }
        }
      }
    }
    for (let e = 0; e < n; e++) if (seen[e]) deficient.push(entryOrder[e]!);
    deficient.sort((x, y) => x - y);
  }

  return { chosen, loads, missingReads: remaining, deficient, eligible, kept, load: loadCost, preference };
}

function validate(problem: AssignProblem): void {
  const { reads } = problem;
  if (!Number.isInteger(reads) || reads < 1) throw new AssignInputError(`reads must be an integer ≥ 1, got ${reads}`);
  if (!Number.isFinite(problem.seed)) throw new AssignInputError("seed must be a finite number");
  const panelIds = new Set<string>();
  const entryIds = new Set<string>();
  for (const panel of problem.panels) {
    if (panelIds.has(panel.id)) throw new AssignInputError(`panel ${panel.id} is listed twice`);
    panelIds.add(panel.id);
    const judgeIds = new Set<string>();
    for (const judge of panel.judges) {
      if (judgeIds.has(judge.id)) throw new AssignInputError(`judge ${judge.id} is listed twice in panel ${panel.id}`);
      judgeIds.add(judge.id);
      if (judge.cap !== undefined && (!Number.isInteger(judge.cap) || judge.cap < 0)) {
        throw new AssignInputError(`cap of judge ${judge.id} must be an integer ≥ 0, got ${judge.cap}`);
      }
    }
    for (const entry of panel.entries) {
      if (entryIds.has(entry.id)) throw new AssignInputError(`entry ${entry.id} belongs to more than one panel`);
      entryIds.add(entry.id);
    }
  }
  for (const p of problem.preferences ?? []) {
    for (const [category, value] of Object.entries(p.expertise ?? {})) {
      if (!Number.isFinite(value)) throw new AssignInputError(`expertise of judge ${p.judgeId} in ${category} is not a number`);
    }
  }
  const w = { ...DEFAULT_ASSIGN_WEIGHTS, ...problem.weights };
  if (![w.expertise, w.willing, w.unwilling].every(Number.isFinite)) throw new AssignInputError("weights must be finite");
}

/**
 * Assigns k distinct, non-conflicted judges of its own panel to every entry, at minimum cost
 * (see the header of this file), or reports the entries that cannot be covered.
 * Throws AssignInputError on malformed input (duplicate ids, bad k or caps).
 */
export function assignJudges(problem: AssignProblem): AssignResult {
  validate(problem);
  const expertise = new Map<string, Readonly<Record<string, number>>>();
  const stance = new Map<string, number>();
  for (const p of problem.preferences ?? []) {
    if (p.expertise) expertise.set(p.judgeId, { ...expertise.get(p.judgeId), ...p.expertise });
    for (const entryId of p.willing ?? []) stance.set(p.judgeId + SEP + entryId, 1);
    for (const entryId of p.unwilling ?? []) stance.set(p.judgeId + SEP + entryId, -1);
  }
  const ctx: Context = {
    k: problem.reads,
    weights: { ...DEFAULT_ASSIGN_WEIGHTS, ...problem.weights },
    conflicts: groupPairs(problem.conflicts),
    previous: groupPairs(problem.previous),
    expertise,
    stance,
  };

  const assignment = new Map<string, string[]>();
  const totalLoads = new Map<string, number>();
  const panels: PanelLoads[] = [];
  const uncovered: UncoveredEntry[] = [];
  const shortPanels: AssignFailure["shortPanels"] = [];
  const cost: AssignCost = { kept: 0, load: 0, preference: 0 };

  const seedMix = mulberry32(problem.seed);
  for (const panel of problem.panels) {
    const out = solvePanel(panel, ctx, Math.floor(seedMix() * 4294967296));
    if (out.missingReads > 0) {
      shortPanels.push({ panelId: panel.id, missingReads: out.missingReads });
      for (const e of out.deficient) {
        const eligibleJudges = out.eligible[e]!;
        uncovered.push({
          entryId: panel.entries[e]!.id,
          panelId: panel.id,
          reason: eligibleJudges < ctx.k ? "too-few-eligible-judges" : "insufficient-capacity",
          eligibleJudges,
        });
      }
      continue;
    }
    panel.entries.forEach((entry, e) => {
      assignment.set(
        entry.id,
        out.chosen[e]!.map((j) => panel.judges[j]!.id),
      );
    });
    const loads = new Map<string, number>();
    let minLoad = Infinity;
    let maxLoad = -Infinity;
    panel.judges.forEach((judge, j) => {
      const l = out.loads[j]!;
      loads.set(judge.id, l);
      totalLoads.set(judge.id, (totalLoads.get(judge.id) ?? 0) + l);
      minLoad = Math.min(minLoad, l);
      maxLoad = Math.max(maxLoad, l);
    });
    panels.push({ panelId: panel.id, loads, minLoad: m0(minLoad), maxLoad: m0(maxLoad) });
    cost.kept += out.kept;
    cost.load += out.load;
    cost.preference += out.preference;
  }

  if (shortPanels.length > 0) {
    const missing = shortPanels.reduce((s, p) => s + p.missingReads, 0);
    return {
      ok: false,
      uncovered,
      shortPanels,
      message:
        `${uncovered.length} entr${uncovered.length === 1 ? "y" : "ies"} cannot get ${ctx.k} reads ` +
        `(${missing} read${missing === 1 ? "" : "s"} missing in ${shortPanels.length} panel${shortPanels.length === 1 ? "" : "s"}): ` +
        uncovered.map((u) => `${u.entryId} (${u.reason}, ${u.eligibleJudges} eligible)`).join(", "),
    };
  }

  const changes: AssignChanges = { kept: [], added: [], removed: [] };
  for (const [entryId, judgeIds] of assignment) {
    const before = ctx.previous.get(entryId);
    for (const judgeId of judgeIds) (before?.has(judgeId) ? changes.kept : changes.added).push({ entryId, judgeId });
  }
  for (const [entryId, judgeIds] of ctx.previous) {
    const now = assignment.get(entryId);
    for (const judgeId of judgeIds) if (!now?.includes(judgeId)) changes.removed.push({ entryId, judgeId });
  }

  return { ok: true, assignment, loads: totalLoads, panels, cost, changes };
}

/** An empty panel has no judges: report its loads as 0 rather than ±Infinity. */
function m0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
