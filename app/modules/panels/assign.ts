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
// Algorithm: successive shortest paths with Johnson potentials (one unit per augmentation). A panel
// has few judges, so the search runs on the judges only: a residual path alternates entries and
// judges, and the cheapest way to move some entry from judge a to judge b (or to start a path at
// judge b) is kept in a lazy heap per judge pair, so each augmentation is a dense Dijkstra over
// the m judges (O(m²) plus heap updates) rather than a search of the panel's n·m arcs. Initial
// potentials are the exact distances with no flow, so negative pair costs are fine. At the end,
// the flow is maximum and of minimum cost for that value; when it is short of k·entries the panel
// is infeasible and the entries reachable from the source in the residual graph (the smallest
// minimum cut, the same for every maximum flow) are named. Memory per panel is O(n·m + m²) (dense
// pair tables, one heap per judge pair): fine for panels of tens of judges, not for one panel of
// thousands of judges, which would need sparse candidate lists per entry.
//
// The seed only breaks ties: it shuffles the order of the panel's entries and judges before the
// search, so among equally cheap assignments a different seed may pick a different one, and the
// same seed always picks the same one.
//
// Out of scope for now: calibration across panels through shared judges. A judge may sit on
// several panels; each panel is solved on its own, a cap applies per panel, and the reported total
// load of a judge is the sum over panels.
import { mulberry32 } from "#app/utils/random";

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

/**
 * A binary min-heap of entry indices keyed by a pair (k0, k2) compared lexicographically, ties
 * broken by the smaller entry index (so the order, hence the result, is deterministic).
 */
class PairHeap {
  readonly ids: number[] = [];
  readonly k0: number[] = [];
  readonly k2: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  private less(i: number, j: number): boolean {
    const { k0, k2, ids } = this;
    if (k0[i] !== k0[j]) return k0[i]! < k0[j]!;
    if (k2[i] !== k2[j]) return k2[i]! < k2[j]!;
    return ids[i]! < ids[j]!;
  }
  private swap(i: number, j: number): void {
    const { k0, k2, ids } = this;
    const a = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = a;
    const b = k0[i]!;
    k0[i] = k0[j]!;
    k0[j] = b;
    const c = k2[i]!;
    k2[i] = k2[j]!;
    k2[j] = c;
  }
  push(id: number, key0: number, key2: number): void {
    let i = this.ids.length;
    this.ids.push(id);
    this.k0.push(key0);
    this.k2.push(key2);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): void {
    const last = this.ids.length - 1;
    this.swap(0, last);
    this.ids.pop();
    this.k0.pop();
    this.k2.pop();
    const size = last;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && this.less(c + 1, c)) c++;
      if (!this.less(c, i)) break;
      this.swap(c, i);
      i = c;
    }
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

  const cap = new Int32Array(m);
  const judgeIds: string[] = [];
  const judgeExpertise: (Readonly<Record<string, number>> | undefined)[] = [];
  for (let j = 0; j < m; j++) {
    const judge = panel.judges[judgeOrder[j]!]!;
    cap[j] = judge.cap === undefined ? n : Math.min(judge.cap, n);
    judgeIds.push(judge.id);
    judgeExpertise.push(ctx.expertise.get(judge.id));
  }

  // Dense pair tables, row = entry (internal order), column = judge (internal order): a panel has
  // few judges, so n × m stays small, and the flow on entry → judge arcs is `assigned`.
  const allowed = new Uint8Array(n * m);
  const keepC = new Float64Array(n * m);
  const prefC = new Float64Array(n * m);
  const eligible = new Int32Array(n); // by input index
  for (let e = 0; e < n; e++) {
    const entry = panel.entries[entryOrder[e]!]!;
    const conflicted = ctx.conflicts.get(entry.id);
    const kept = ctx.previous.get(entry.id);
    let count = 0;
    for (let j = 0; j < m; j++) {
      const judgeId = judgeIds[j]!;
      if (conflicted?.has(judgeId)) continue;
      const r = e * m + j;
      const stance = ctx.stance.get(judgeId + SEP + entry.id) ?? 0;
      allowed[r] = 1;
      keepC[r] = kept?.has(judgeId) ? -1 : 0;
      prefC[r] = pairPreferenceCost(judgeExpertise[j]?.[entry.categoryId] ?? 0, stance > 0, stance < 0, ctx.weights);
      count++;
    }
    eligible[entryOrder[e]!] = count;
  }
  const assigned = new Uint8Array(n * m);
  const supplied = new Int32Array(n);
  const load = new Int32Array(m);

  // The residual graph, seen from the judges. A shortest path alternates entries and judges:
  //   S → e₀ → j₁ → e₁ → j₂ → … → j_r → T,
  // where e₀ still needs reads, e_i is assigned to j_i and not to j_{i+1} (it moves from j_i to
  // j_{i+1}), and j_r has capacity left. So the only distances that matter are between judges:
  // the arc S ⇒ j costs min over e₀ of c(e₀, j), the arc a ⇒ b costs min over movable e of
  // c(e, b) − c(e, a). Lazy heaps keep these minima (an entry is dropped from a heap when found
  // invalid at the top, and pushed again whenever it becomes valid), so each augmentation is a
  // dense Dijkstra on m judges instead of a search through every entry. A shortest walk may use
  // one entry twice (moved off two different judges onto two others); it is still a valid
  // augmentation, as every arc is used at most once.
  const fromSource: PairHeap[] = [];
  for (let j = 0; j < m; j++) {
    const h = new PairHeap();
    for (let e = 0; e < n; e++) if (allowed[e * m + j]) h.push(e, keepC[e * m + j]!, prefC[e * m + j]!);
    fromSource.push(h);
  }
  const between: PairHeap[] = Array.from({ length: m * m }, () => new PairHeap());
  const pushBetween = (e: number, a: number, b: number) => {
    const ra = e * m + a;
    const rb = e * m + b;
    between[a * m + b]!.push(e, keepC[rb]! - keepC[ra]!, prefC[rb]! - prefC[ra]!);
  };
  const assign = (e: number, j: number) => {
    const row = e * m;
    assigned[row + j] = 1;
    for (let b = 0; b < m; b++) if (b !== j && allowed[row + b] && !assigned[row + b]) pushBetween(e, j, b);
  };
  const unassign = (e: number, j: number) => {
    const row = e * m;
    assigned[row + j] = 0;
    for (let c = 0; c < m; c++) if (assigned[row + c]) pushBetween(e, c, j);
    if (supplied[e]! < k) fromSource[j]!.push(e, keepC[row + j]!, prefC[row + j]!);
  };
  /** The cheapest entry that can start a path at judge j, or −1. */
  const topSource = (j: number): number => {
    const h = fromSource[j]!;
    while (h.size > 0) {
      const e = h.ids[0]!;
      if (supplied[e]! < k && !assigned[e * m + j]) return e;
      h.pop();
    }
    return -1;
  };
  /** The cheapest entry that can move from judge a to judge b, or −1. */
  const topBetween = (a: number, b: number): number => {
    const h = between[a * m + b]!;
    while (h.size > 0) {
      const e = h.ids[0]!;
      if (assigned[e * m + a] && !assigned[e * m + b]) return e;
      h.pop();
    }
    return -1;
  };

  // Johnson potentials of the judges (the load component of a judge's distance is always 0):
  // initially, with no flow, the exact distance is the cheapest arc into the judge.
  const pi0 = new Float64Array(m);
  const pi2 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (topSource(j) < 0) continue; // unreachable judge: its potential never matters
    pi0[j] = fromSource[j]!.k0[0]!;
    pi2[j] = fromSource[j]!.k2[0]!;
  }

  const r0 = new Float64Array(m);
  const r2 = new Float64Array(m);
  const done = new Uint8Array(m);
  const viaEntry = new Int32Array(m);
  const fromJudge = new Int32Array(m);
  const path: number[] = [];

  let remaining = k * n;
  while (remaining > 0) {
    // Dijkstra on reduced costs, over the m judges.
    r0.fill(Infinity);
    r2.fill(Infinity);
    done.fill(0);
    for (let j = 0; j < m; j++) {
      const e = topSource(j);
      if (e < 0) continue;
      const h = fromSource[j]!;
      r0[j] = h.k0[0]! - pi0[j]!;
      r2[j] = h.k2[0]! - pi2[j]!;
      viaEntry[j] = e;
      fromJudge[j] = -1;
    }
    for (;;) {
      let u = -1;
      for (let j = 0; j < m; j++) {
        if (done[j] || r0[j] === Infinity) continue;
        if (u < 0 || r0[j]! < r0[u]! || (r0[j] === r0[u] && r2[j]! < r2[u]!)) u = j;
      }
      if (u < 0) break;
      done[u] = 1;
      for (let b = 0; b < m; b++) {
        if (done[b] || b === u) continue;
        const e = topBetween(u, b);
        if (e < 0) continue;
        const h = between[u * m + b]!;
        const c0 = r0[u]! + h.k0[0]! + pi0[u]! - pi0[b]!;
        const c2 = r2[u]! + h.k2[0]! + pi2[u]! - pi2[b]!;
        if (c0 < r0[b]! || (c0 === r0[b] && c2 < r2[b]!)) {
          r0[b] = c0;
          r2[b] = c2;
          viaEntry[b] = e;
          fromJudge[b] = u;
        }
      }
    }

    // The sink: judge j → T costs (0, 2·load + 1, 0), the next unit of its convex load cost.
    let best = -1;
    let b0 = Infinity;
    let b1 = Infinity;
    let b2 = Infinity;
    for (let j = 0; j < m; j++) {
      if (!done[j] || load[j]! >= cap[j]!) continue;
      const t0 = r0[j]! + pi0[j]!;
      const t1 = 2 * load[j]! + 1;
      const t2 = r2[j]! + pi2[j]!;
      if (t0 < b0 || (t0 === b0 && (t1 < b1 || (t1 === b1 && t2 < b2)))) {
        best = j;
        b0 = t0;
        b1 = t1;
        b2 = t2;
      }
    }
    if (best < 0) break; // maximum flow reached

    // Potentials become the exact distances, so reduced costs stay non-negative.
    for (let j = 0; j < m; j++) {
      if (!done[j]) continue;
      pi0[j]! += r0[j]!;
      pi2[j]! += r2[j]!;
    }

    // Augment one unit: collect the path (judge, entry, previous judge)…, then apply it.
    path.length = 0;
    for (let j = best; ; ) {
      const a = fromJudge[j]!;
      path.push(j, viaEntry[j]!, a);
      if (a < 0) break;
      j = a;
    }
    supplied[path[path.length - 2]!]!++;
    for (let i = 0; i < path.length; i += 3) {
      const e = path[i + 1]!;
      const a = path[i + 2]!;
      if (a >= 0) unassign(e, a);
      assign(e, path[i]!);
    }
    load[best]!++;
    remaining--;
  }

  const chosen: number[][] = Array.from({ length: n }, () => []);
  let kept = 0;
  let preference = 0;
  for (let e = 0; e < n; e++) {
    for (let j = 0; j < m; j++) {
      const r = e * m + j;
      if (!assigned[r]) continue;
      chosen[entryOrder[e]!]!.push(judgeOrder[j]!);
      if (keepC[r]! < 0) kept++;
      preference += prefC[r]!;
    }
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
    // Nodes: entries 0..n-1, judges n..n+m-1.
    const seen = new Uint8Array(n + m);
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
        for (let j = 0; j < m; j++) {
          if (allowed[u * m + j] && !assigned[u * m + j] && !seen[n + j]) {
            seen[n + j] = 1;
            stack.push(n + j);
          }
        }
      } else {
        const j = u - n;
        for (let e = 0; e < n; e++) {
          if (assigned[e * m + j] && !seen[e]) {
            seen[e] = 1;
            stack.push(e);
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
