// Automatic assignment of judges to entries: a pure, exact min-cost-flow solver.
//
// No database, no clock, no randomness except the seed passed in (STYLE.md, rule 4).
//
// Components. A judge may sit on several panels (one seat per panel, each with its own cap). A
// judge is *shared* when they hold reading seats (cap ≠ 0) on two or more panels that have entries.
// Panels joined through shared judges form a *component*; each component is one flow network and
// is solved exactly on its own (a round of 100k entries never builds one global graph, and panels
// that share nobody stay independent). Within a component a judge's load is their TOTAL number of
// reads over its panels; caps stay per seat.
//
//   entry ──(cap 1, pair cost; no arc when conflicted or fixed)──▶ seat (judge j in panel P)
//   seat ──(cap = the seat's cap; unit edges: each read of a shared judge's seat up to the seat's
//           linking target costs −1 "linkShort", the others 0)──▶ judge
//   judge ──(unit edges, the t-th read costs 2t − 1, so a load L costs L²)──▶ sink
//
// Every entry supplies k units (minus its fixed pairs); each unit must reach the sink. The unit
// edges are never materialised: their costs are convex, so the cheapest one left is the next one
// and each arc is priced from the current flow.
//
// Costs are lexicographic 4-vectors [kept, linkShort, load, preference], compared component by
// component (never summed with weights, so the integer parts stay exact at any size):
//   1. kept: −1 for every pair of the previous assignment that is still valid (re-run mode). A
//      re-run keeps as many valid pairs as any feasible solution can and moves only what must move:
//      judges may already be reading, so stability outranks everything else.
//   2. linkShort: over the seats of shared judges, the reads missing below each seat's linking
//      target (linkTargets: the judge's fair share of the component's load divided over their
//      seats, at least 1, at most LINK_READS, the seat's cap and the panel's entries). A shared judge who reads
//      in every panel they sit on links those panels in the judge–entry graph, so judge severities
//      can be fitted across panels and scores calibrated; how well depends on how many reads carry
//      the link: with one read in the second panel the judge's severity there rests on one total
//      and the calibration barely beats the plain mean (BENCHMARKS.md, "Calibration"), with a fair
//      share in each it recovers most of what knowing the severities would. This comes before load
//      because the targets of a judge add up to at most their fair share, so meeting them need not
//      unbalance loads; it comes after kept because a re-run must not pull a judge off an essay
//      they already hold just to create a link. Per seat the cost is −1, …, −1, 0, 0, … per read
//      (−1 up to the target): convex. The cost also reports `unlinked`, the seats with no read.
//   3. load: Σ over judges of L², L the judge's total over the component; with a fixed total this
//      is smallest exactly when loads are as even as the constraints allow (see "within one").
//      Convex per judge.
//   4. preference: Σ over pairs of −expertise·w.expertise − willing·w.willing + unwilling·w.unwilling.
// Both the linking and the load terms are convex per seat / per judge, so a min-cost flow is exact.
//
// "Within one", precisely: in the result no read can move from a judge a to a judge b whose total
// load is two or more below without costing a kept pair or a linked seat. That is, if b sits on
// the panel of an entry that a reads, b is free of conflict with it and does not read it, b's seat
// there is below its cap, the pair (entry, a) is not fixed, and moving the read loses no kept pair
// and loses no more linking reads than it gains, then L(a) ≤ L(b) + 1. For a panel whose judges sit on
// no other panel, with no caps, conflicts, fixed or previous pairs, that is the familiar
// max − min ≤ 1; judges who cannot take each other's reads are not compared.
//
// Fixed pairs (manual additions) are part of the solution whatever they cost: they count toward
// their entry's k, their judge's load and seat cap, and they count toward their seat's linking target. A fixed pair whose
// judge does not sit on the entry's panel, or that is conflicted, is an input error
// (AssignInputError): the caller decides which manual pairs are still valid. More fixed judges
// than k on an entry, or more fixed reads on a seat than its cap, are reported as uncovered
// entries ("too-many-fixed", "fixed-over-cap"), never trimmed.
//
// Algorithm: successive shortest paths with Johnson potentials, one source at a time: each unit
// of an entry's demand is one Dijkstra from that entry to the sink. (Augmenting a min-cost flow
// along a shortest path from any node with supply keeps it min-cost for its supplies; an entry
// that cannot reach the sink never can later, since no augmenting path enters a closed residual
// set; so the end flow is a maximum flow of minimum cost, whatever the order of the entries.)
// The search runs over seats and judges only: a residual path alternates
//   entry ⇒ seat ⇒ seat ⇒ … (an entry moves from one seat to another of its panel)
//   seat → judge → seat of the same judge in another panel (the judge trades a read there for one
//   here: its total stays the same) ⇒ … → judge → sink,
// and the cheapest entry to move from seat a to seat b of a panel is kept in a lazy heap per
// ordered seat pair, so an entry's candidate list is its own panel's seats (sparse) and no table
// spans a whole component. What keeps the searches short at 100k entries:
//   - the search stops when the sink is settled; settled nodes v get π(v) += d(v) − d(sink), the
//     others keep theirs (every potential moves by min(d, d(sink)), up to a common shift), and the
//     sink's potential is then raised to the largest value that keeps every judge → sink arc
//     non-negative (a heap over judges), so the next search settles only nodes nearer than the
//     cheapest way out;
//   - look-ahead: a label that improves is carried at once along seat → judge → sink, and the sink
//     wins ties, so a search ends without settling the many nodes tied at its final distance
//     (integer preferences make large plateaus of equal distances);
//   - order: panel by panel, in breadth-first order over shared judges, each panel's entries in a
//     seeded order. A panel's entries first meet its own judges at low load, and the processed
//     panels form one region; taking the entries of all panels in turn made every search sweep
//     the component's plateau of equal loads (three to four times more work).
// Memory per component: O(Σ n·m) pair tables and O(Σ m²) heaps over its panels (n entries, m
// judges per panel); a single panel of thousands of judges would need a different move structure.
//
// Infeasibility: when an entry cannot reach the sink, the entries reachable in the residual graph
// from the short ones (the smallest minimum cut, the same for every maximum flow) are named, each
// with a reason; every other entry could be covered.
//
// The seed only breaks ties: it shuffles the order of the panels, of the entries and of each
// panel's judges, so among equally cheap assignments a different seed may pick a different one,
// and the same seed always picks the same one.
import { seededRandom } from "#app/utils/random";

export interface AssignJudge {
  id: string;
  /** Maximum number of entries this judge reads in this panel (an integer ≥ 0); fixed pairs count. */
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

/** One (entry, judge) pair: a read, a conflict, a fixed pair, or a pair of a previous assignment. */
export interface AssignPair {
  entryId: string;
  judgeId: string;
}

/** A judge's seat on a panel. */
export interface SeatRef {
  judgeId: string;
  panelId: string;
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
  /** Pairs that must never be assigned (conflicts of interest, recusals, pairs removed by hand). */
  conflicts?: readonly AssignPair[];
  preferences?: readonly JudgePreference[];
  /** The assignment being re-run: every still-valid pair is kept if any feasible solution can. */
  previous?: readonly AssignPair[];
  /**
   * Pairs that are part of the solution whatever they cost (manual additions). Each judge must sit
   * on the entry's panel and be free of conflict with it (else AssignInputError).
   */
  fixed?: readonly AssignPair[];
  weights?: Partial<AssignWeights>;
  /** Breaks ties between equally good assignments; never changes the cost. */
  seed: number;
}

/** The four cost components, minimised in this order (see the header). */
export interface AssignCost {
  /** Pairs of `previous` in the result (maximised, so it enters the cost negated). */
  kept: number;
  /** Seats of shared judges without a read (reported; the cost minimised is linkShort). */
  unlinked: number;
  /** Σ over shared judges' seats of the reads missing below the seat's linking target (linkTargets). */
  linkShort: number;
  /** Σ over judges of (total load)². */
  load: number;
  /** Σ over assigned pairs (fixed ones included) of the preference cost (lower is better). */
  preference: number;
}

export interface PanelLoads {
  panelId: string;
  /** judgeId → reads in this panel, for every judge of the panel (0 included). */
  loads: Map<string, number>;
  minLoad: number;
  maxLoad: number;
}

/** Panels joined through shared judges: solved together, loads balanced over them. */
export interface PanelGroup {
  /** In the order of the problem's panels. */
  panelIds: string[];
  /** Judges with reading seats on two or more of these panels (sorted). */
  sharedJudgeIds: string[];
}

export interface AssignComponent extends PanelGroup {
  /** Seats of shared judges left without a read (no optimal solution links them). */
  unlinkedSeats: SeatRef[];
  /**
   * The panels with entries grouped by the result's reads (two panels are together when a judge
   * reads in both, transitively). One group: the component's scores can be calibrated as one.
   */
  readGroups: string[][];
  /** Smallest and largest total load among the component's judges. */
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
  /** Every component, in the order of their first panel. */
  components: AssignComponent[];
  /** Panels with entries that share no judge with any other panel with entries: not calibratable. */
  isolatedPanelIds: string[];
  cost: AssignCost;
  changes: AssignChanges;
}

export type UncoveredReason =
  /** Fewer than k judges of the panel are free of conflict with this entry. */
  | "too-few-eligible-judges"
  /** Enough eligible judges, but their caps are used up by the entries named with this one. */
  | "insufficient-capacity"
  /** More fixed (manual) judges than k. */
  | "too-many-fixed"
  /** A fixed judge of this entry holds more fixed reads on the panel than their cap. */
  | "fixed-over-cap";

export interface UncoveredEntry {
  entryId: string;
  panelId: string;
  reason: UncoveredReason;
  /** Judges of the panel free of conflict with this entry (fixed ones included). */
  eligibleJudges: number;
  /** Fixed judges of this entry. */
  fixedJudges: number;
}

export interface AssignFailure {
  ok: false;
  /**
   * Entries that block a complete assignment. For the flow reasons, per component, the smallest
   * set of entries whose demand exceeds what the judges they can reach can give: every other entry
   * could be covered. Entries with too many fixed judges or on an over-full seat are named as well.
   */
  uncovered: UncoveredEntry[];
  /** Per component short of reads: its panels and how many reads are missing at best. */
  shortComponents: { panelIds: string[]; missingReads: number }[];
  components: PanelGroup[];
  isolatedPanelIds: string[];
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
  fixed: Map<string, Set<string>>;
  expertise: Map<string, Readonly<Record<string, number>>>;
  /** entryId → judgeId → +1 willing, −1 unwilling. */
  stance: Map<string, Map<string, number>>;
  /** Judges with reading seats on two or more panels with entries. */
  shared: Set<string>;
  /** seatKey(panel, judge) → linking target of a shared judge's seat (linkTargets). */
  linkTarget: Map<string, number>;
}

/**
 * A binary min-heap of entry indices keyed by a pair (k0, k3) compared lexicographically, ties
 * broken by the smaller entry index (so the order, hence the result, is deterministic).
 */
class PairHeap {
  readonly ids: number[] = [];
  readonly k0: number[] = [];
  readonly k3: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  private less(i: number, j: number): boolean {
    const { k0, k3, ids } = this;
    if (k0[i] !== k0[j]) return k0[i]! < k0[j]!;
    if (k3[i] !== k3[j]) return k3[i]! < k3[j]!;
    return ids[i]! < ids[j]!;
  }
  private swap(i: number, j: number): void {
    const { k0, k3, ids } = this;
    const a = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = a;
    const b = k0[i]!;
    k0[i] = k0[j]!;
    k0[j] = b;
    const c = k3[i]!;
    k3[i] = k3[j]!;
    k3[j] = c;
  }
  push(id: number, key0: number, key3: number): void {
    let i = this.ids.length;
    this.ids.push(id);
    this.k0.push(key0);
    this.k3.push(key3);
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
    this.k3.pop();
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

/**
 * A binary min-heap of node indices keyed by 4-vectors compared lexicographically, ties broken by
 * the smaller node index. Stale entries are skipped by the caller.
 */
class VectorHeap {
  private node = new Int32Array(64);
  private key = new Float64Array(256);
  size = 0;
  clear(): void {
    this.size = 0;
  }
  private less(i: number, j: number): boolean {
    const k = this.key;
    const a = 4 * i;
    const b = 4 * j;
    if (k[a] !== k[b]) return k[a]! < k[b]!;
    if (k[a + 1] !== k[b + 1]) return k[a + 1]! < k[b + 1]!;
    if (k[a + 2] !== k[b + 2]) return k[a + 2]! < k[b + 2]!;
    if (k[a + 3] !== k[b + 3]) return k[a + 3]! < k[b + 3]!;
    return this.node[i]! < this.node[j]!;
  }
  private swap(i: number, j: number): void {
    const n = this.node;
    const t = n[i]!;
    n[i] = n[j]!;
    n[j] = t;
    const k = this.key;
    for (let c = 0; c < 4; c++) {
      const u = k[4 * i + c]!;
      k[4 * i + c] = k[4 * j + c]!;
      k[4 * j + c] = u;
    }
  }
  push(v: number, a: number, b: number, c: number, d: number): void {
    if (this.size === this.node.length) {
      const node = new Int32Array(this.node.length * 2);
      node.set(this.node);
      const key = new Float64Array(this.key.length * 2);
      key.set(this.key);
      this.node = node;
      this.key = key;
    }
    let i = this.size++;
    this.node[i] = v;
    const k = this.key;
    k[4 * i] = a;
    k[4 * i + 1] = b;
    k[4 * i + 2] = c;
    k[4 * i + 3] = d;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  topNode(): number {
    return this.node[0]!;
  }
  topKey(c: number): number {
    return this.key[c]!;
  }
  pop(): void {
    const last = --this.size;
    if (last > 0) this.swap(0, last);
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && this.less(c + 1, c)) c++;
      if (!this.less(c, i)) break;
      this.swap(c, i);
      i = c;
    }
  }
}

interface ComponentOutcome {
  /** Per panel of the component, per entry (input order): judge indices (input order) assigned. */
  chosen: number[][][];
  /** Per panel, per judge (input order): reads in the panel (fixed ones included). */
  seatLoads: Int32Array[];
  /** judgeId → total load. */
  judgeLoads: Map<string, number>;
  missingReads: number;
  /** Uncovered entries: [panel index in the component, entry input index, reason]. */
  uncovered: [number, number, UncoveredReason][];
  /** Per panel, per entry (input order). */
  eligible: Int32Array[];
  fixedCount: Int32Array[];
  kept: number;
  unlinked: number;
  linkShort: number;
  load: number;
  preference: number;
  unlinkedSeats: SeatRef[];
}

function solveComponent(panels: readonly AssignPanel[], ctx: Context, seed: number): ComponentOutcome {
  const { k } = ctx;
  const next = seededRandom(seed);
  const P = panels.length;

  // ---- seats (judge of a panel, in a seeded order per panel) and judges
  const seatStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) seatStart[p + 1] = seatStart[p]! + panels[p]!.judges.length;
  const S = seatStart[P]!;
  const seatPanel = new Int32Array(S);
  const seatInput = new Int32Array(S); // the judge's index in its panel's input list
  const seatJudge = new Int32Array(S);
  const seatCap = new Int32Array(S); // remaining cap after fixed reads
  const seatFixed = new Int32Array(S);
  const seatFlow = new Int32Array(S);
  const seatShared = new Uint8Array(S);
  const seatTarget = new Int32Array(S); // linking reads wanted on a shared judge's seat (linkTargets), else 0
  const judgeIndex = new Map<string, number>();
  const judgeIds: string[] = [];
  const entryStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) {
    const panel = panels[p]!;
    const order = permutation(panel.judges.length, next);
    for (let j = 0; j < panel.judges.length; j++) {
      const s = seatStart[p]! + j;
      const judge = panel.judges[order[j]!]!;
      let J = judgeIndex.get(judge.id);
      if (J === undefined) {
        judgeIndex.set(judge.id, (J = judgeIds.length));
        judgeIds.push(judge.id);
      }
      seatPanel[s] = p;
      seatInput[s] = order[j]!;
      seatJudge[s] = J;
      seatCap[s] = judge.cap === undefined ? panel.entries.length : Math.min(judge.cap, panel.entries.length);
      seatShared[s] = ctx.shared.has(judge.id) && judge.cap !== 0 && panel.entries.length > 0 ? 1 : 0;
      seatTarget[s] = seatShared[s] ? (ctx.linkTarget.get(seatKey(panel.id, judge.id)) ?? 1) : 0;
    }
    entryStart[p + 1] = entryStart[p]! + panel.entries.length;
  }
  const JN = judgeIds.length;
  const judgeSeatStart = new Int32Array(JN + 1);
  for (let s = 0; s < S; s++) judgeSeatStart[seatJudge[s]! + 1]!++;
  for (let J = 0; J < JN; J++) judgeSeatStart[J + 1]! += judgeSeatStart[J]!;
  const judgeSeats = new Int32Array(S);
  {
    const fill = judgeSeatStart.slice(0, JN);
    for (let s = 0; s < S; s++) judgeSeats[fill[seatJudge[s]!]!++] = s;
  }
  const judgeLoad = new Int32Array(JN); // fixed + flow, over all seats

  // ---- entries (internal index = panel block, input order within it) and their pair rows
  const N = entryStart[P]!;
  const entryPanel = new Int32Array(N);
  const rowBase = new Int32Array(N + 1);
  for (let p = 0; p < P; p++) {
    const m = seatStart[p + 1]! - seatStart[p]!;
    for (let i = entryStart[p]!; i < entryStart[p + 1]!; i++) {
      entryPanel[i] = p;
      rowBase[i + 1] = rowBase[i]! + m;
    }
  }
  const R = rowBase[N]!;
  const allowed = new Uint8Array(R);
  const assigned = new Uint8Array(R);
  const fixedPair = new Uint8Array(R);
  const keepC = new Float64Array(R);
  const prefC = new Float64Array(R);
  const demand = new Int32Array(N);
  const eligible = new Int32Array(N);
  const fixedCount = new Int32Array(N);
  const seatExpertise: (Readonly<Record<string, number>> | undefined)[] = [];
  for (let s = 0; s < S; s++) seatExpertise.push(ctx.expertise.get(judgeIds[seatJudge[s]!]!));
  for (let p = 0; p < P; p++) {
    const panel = panels[p]!;
    const s0 = seatStart[p]!;
    const m = seatStart[p + 1]! - s0;
    panel.entries.forEach((entry, i) => {
      const stances = ctx.stance.get(entry.id);
      const e = entryStart[p]! + i;
      const conflicted = ctx.conflicts.get(entry.id);
      const previous = ctx.previous.get(entry.id);
      const fixed = ctx.fixed.get(entry.id);
      let count = 0;
      let fixedHere = 0;
      for (let j = 0; j < m; j++) {
        const judgeId = judgeIds[seatJudge[s0 + j]!]!;
        if (conflicted?.has(judgeId)) continue;
        const r = rowBase[e]! + j;
        const stance = stances?.get(judgeId) ?? 0;
        keepC[r] = previous?.has(judgeId) ? -1 : 0;
        prefC[r] = pairPreferenceCost(seatExpertise[s0 + j]?.[entry.categoryId] ?? 0, stance > 0, stance < 0, ctx.weights);
        count++;
        if (fixed?.has(judgeId)) {
          fixedPair[r] = 1;
          fixedHere++;
          seatFixed[s0 + j]!++;
          judgeLoad[seatJudge[s0 + j]!]!++;
        } else {
          allowed[r] = 1;
        }
      }
      eligible[e] = count;
      fixedCount[e] = fixedHere;
      demand[e] = Math.max(0, k - fixedHere);
    });
  }
  const overCap = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    if (seatFixed[s]! > seatCap[s]!) overCap[s] = 1;
    seatCap[s] = Math.max(0, seatCap[s]! - seatFixed[s]!);
  }

  // ---- moves between seats of a panel: one lazy heap per ordered seat pair (a, b) holds the
  // entries assigned to a and not to b, keyed by the cost of moving them: c(e, b) − c(e, a).
  const heapStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) {
    const m = seatStart[p + 1]! - seatStart[p]!;
    heapStart[p + 1] = heapStart[p]! + m * m;
  }
  const between: PairHeap[] = Array.from({ length: heapStart[P]! }, () => new PairHeap());
  // The top of every heap in flat arrays (one seat's heaps side by side): a relaxation reads these
  // and touches a heap only to drop a stale top.
  const topEntry = new Int32Array(heapStart[P]!).fill(-1);
  const topK0 = new Float64Array(heapStart[P]!);
  const topK3 = new Float64Array(heapStart[P]!);
  const refresh = (idx: number) => {
    const h = between[idx]!;
    if (h.size === 0) {
      topEntry[idx] = -1;
      return;
    }
    topEntry[idx] = h.ids[0]!;
    topK0[idx] = h.k0[0]!;
    topK3[idx] = h.k3[0]!;
  };
  const pushMove = (idx: number, e: number, key0: number, key3: number) => {
    const t = topEntry[idx]!;
    between[idx]!.push(e, key0, key3);
    if (t < 0 || key0 < topK0[idx]! || (key0 === topK0[idx] && (key3 < topK3[idx]! || (key3 === topK3[idx] && e < t)))) refresh(idx);
  };
  const assign = (e: number, j: number) => {
    const p = entryPanel[e]!;
    const m = seatStart[p + 1]! - seatStart[p]!;
    const row = rowBase[e]!;
    assigned[row + j] = 1;
    const h = heapStart[p]! + j * m;
    for (let b = 0; b < m; b++) {
      const rb = row + b;
      if (b !== j && allowed[rb] && !assigned[rb]) pushMove(h + b, e, keepC[rb]! - keepC[row + j]!, prefC[rb]! - prefC[row + j]!);
    }
  };
  const unassign = (e: number, j: number) => {
    const p = entryPanel[e]!;
    const m = seatStart[p + 1]! - seatStart[p]!;
    const row = rowBase[e]!;
    assigned[row + j] = 0;
    const rj = row + j;
    for (let a = 0; a < m; a++) {
      const ra = row + a;
      if (assigned[ra]) pushMove(heapStart[p]! + a * m + j, e, keepC[rj]! - keepC[ra]!, prefC[rj]! - prefC[ra]!);
    }
  };
  /** The heap index of the cheapest entry that can move from seat a to seat b of panel p, or −1. */
  const topBetween = (idx: number, a: number, b: number): number => {
    for (;;) {
      const e = topEntry[idx]!;
      if (e < 0) return -1;
      const row = rowBase[e]!;
      if (assigned[row + a] && !assigned[row + b]) return e;
      between[idx]!.pop();
      refresh(idx);
    }
  };

  // ---- the search graph: node 0 is the sink, 1..JN the judges, JN+1..JN+S the seats. Ties are
  // broken by the smaller node, so at equal distance the sink comes first, then judges, then
  // seats: a search stops as soon as a path at the smallest distance is complete.
  const V = 1 + S + JN;
  const SEAT = 1 + JN;
  const pot = new Float64Array(4 * V);
  const dist = new Float64Array(4 * V);
  const seen = new Int32Array(V); // search stamp when dist is set
  const done = new Int32Array(V); // search stamp when settled
  const parent = new Int32Array(V); // previous node on the path, −1 for the source entry
  const via = new Int32Array(V); // the entry moved into a seat from its parent seat, or −1
  const settled: number[] = [];
  const heap = new VectorHeap();
  let stamp = 0;

  // Initial potentials (no flow: only seat → judge and judge → sink arcs exist; an entry has no
  // arc into it until it is searched from, so its own potential is free): a seat whose first read
  // links it (−1) starts at +1 and every judge at 0, so the seat → judge arcs are tight and all
  // judges look alike to the sink.
  for (let s = 0; s < S; s++) if (seatCap[s]! > 0 && seatFixed[s]! < seatTarget[s]!) pot[4 * (SEAT + s) + 1] = 1;
  // The sink's potential: the lexicographically smallest (0, 0, 2L + 1, 0) + π(judge), kept in a
  // lazy heap of judges. Every change of a judge's key pushes the new key, so an entry whose key
  // differs from the judge's current one is stale.
  const sinkHeap = new VectorHeap();
  const sinkKey = (J: number, c: number) => pot[4 * (1 + J) + c]! + (c === 2 ? 2 * judgeLoad[J]! + 1 : 0);
  const pushSinkKey = (J: number) => sinkHeap.push(J, sinkKey(J, 0), sinkKey(J, 1), sinkKey(J, 2), sinkKey(J, 3));
  const raiseSink = () => {
    if (sinkHeap.size > 4 * JN + 64) {
      // Mostly stale keys: rebuild from the current ones (amortised O(1) per push).
      sinkHeap.clear();
      for (let J = 0; J < JN; J++) pushSinkKey(J);
    }
    while (sinkHeap.size > 0) {
      const J = sinkHeap.topNode();
      if (
        sinkHeap.topKey(0) === sinkKey(J, 0) &&
        sinkHeap.topKey(1) === sinkKey(J, 1) &&
        sinkHeap.topKey(2) === sinkKey(J, 2) &&
        sinkHeap.topKey(3) === sinkKey(J, 3)
      ) {
        for (let c = 0; c < 4; c++) pot[c] = sinkHeap.topKey(c);
        return;
      }
      sinkHeap.pop();
    }
  };
  for (let J = 0; J < JN; J++) pushSinkKey(J);
  raiseSink();

  /** Sets node v's label if it improves it; true when it did. */
  const relax = (v: number, d0: number, d1: number, d2: number, d3: number, from: number, entry: number): boolean => {
    const o = 4 * v;
    if (seen[v] === stamp) {
      if (done[v] === stamp) return false;
      const a0 = dist[o]!;
      const a1 = dist[o + 1]!;
      const a2 = dist[o + 2]!;
      const a3 = dist[o + 3]!;
      if (!(d0 < a0 || (d0 === a0 && (d1 < a1 || (d1 === a1 && (d2 < a2 || (d2 === a2 && d3 < a3)))))))
        return false;
    }
    seen[v] = stamp;
    dist[o] = d0;
    dist[o + 1] = d1;
    dist[o + 2] = d2;
    dist[o + 3] = d3;
    parent[v] = from;
    via[v] = entry;
    heap.push(v, d0, d1, d2, d3);
    return true;
  };
  // Look-ahead: a label that improves is carried at once along seat → judge → sink. Tentative
  // labels are lengths of real paths, so this never breaks Dijkstra; it puts the sink in the heap
  // as soon as any node with a tight way out is labelled, and the sink wins ties (node 0), so a
  // search ends without settling the many nodes tied at its final distance.
  // A judge with a single seat is never expanded (its only other arc leads back to the seat it
  // was reached from), so it is labelled without entering the heap ("quiet"); when the search
  // ends, the quiet judges nearer than the sink are moved like settled nodes (their label is then
  // exact: it comes from their settled seat).
  const quiet: number[] = [];
  /** Labels judge node w (reached from node `from`) and, looking ahead, the sink. */
  const reachJudge = (w: number, d0: number, d1: number, d2: number, d3: number, from: number) => {
    const J = w - 1;
    if (judgeSeatStart[J + 1]! - judgeSeatStart[J]! > 1) {
      if (!relax(w, d0, d1, d2, d3, from, -1)) return;
    } else {
      const ow = 4 * w;
      if (seen[w] === stamp && !(d0 < dist[ow]! || (d0 === dist[ow] && (d1 < dist[ow + 1]! || (d1 === dist[ow + 1] && (d2 < dist[ow + 2]! || (d2 === dist[ow + 2] && d3 < dist[ow + 3]!)))))))
        return;
      if (seen[w] !== stamp) quiet.push(w);
      seen[w] = stamp;
      dist[ow] = d0;
      dist[ow + 1] = d1;
      dist[ow + 2] = d2;
      dist[ow + 3] = d3;
      parent[w] = from;
      via[w] = -1;
    }
    const o = 4 * w;
    // The sink is kept out of the heap: its label is compared with the heap's top before each pop.
    const t0 = d0 + pot[o]! - pot[0]!;
    const t1 = d1 + pot[o + 1]! - pot[1]!;
    const t2 = d2 + pot[o + 2]! + 2 * judgeLoad[w - 1]! + 1 - pot[2]!;
    const t3 = d3 + pot[o + 3]! - pot[3]!;
    if (seen[0] === stamp && !(t0 < dist[0]! || (t0 === dist[0] && (t1 < dist[1]! || (t1 === dist[1] && (t2 < dist[2]! || (t2 === dist[2] && t3 < dist[3]!)))))))
      return;
    seen[0] = stamp;
    dist[0] = t0;
    dist[1] = t1;
    dist[2] = t2;
    dist[3] = t3;
    parent[0] = w;
  };
  /** Labels seat node v (from node `from`, moving `entry` or −1) and, looking ahead, its judge. */
  const reachSeat = (v: number, d0: number, d1: number, d2: number, d3: number, from: number, entry: number) => {
    if (!relax(v, d0, d1, d2, d3, from, entry)) return;
    const s = v - SEAT;
    if (seatFlow[s]! >= seatCap[s]!) return;
    const link = seatFixed[s]! + seatFlow[s]! < seatTarget[s]! ? -1 : 0;
    const w = 1 + seatJudge[s]!;
    const o = 4 * v;
    const ow = 4 * w;
    reachJudge(w, d0 + pot[o]! - pot[ow]!, d1 + link + pot[o + 1]! - pot[ow + 1]!, d2 + pot[o + 2]! - pot[ow + 2]!, d3 + pot[o + 3]! - pot[ow + 3]!, v);
  };

  /** One unit from entry e to the sink along a shortest path; false when the sink is unreachable. */
  const augment = (e: number): boolean => {
    stamp++;
    heap.clear();
    settled.length = 0;
    quiet.length = 0;
    const p0 = entryPanel[e]!;
    const s00 = seatStart[p0]!;
    const m0 = seatStart[p0 + 1]! - s00;
    const row0 = rowBase[e]!;
    for (let j = 0; j < m0; j++) {
      const r = row0 + j;
      if (!allowed[r] || assigned[r]) continue;
      const v = SEAT + s00 + j;
      const o = 4 * v;
      reachSeat(v, keepC[r]! - pot[o]!, -pot[o + 1]!, -pot[o + 2]!, prefC[r]! - pot[o + 3]!, -1, -1);
    }
    while (heap.size > 0) {
      const u = heap.topNode();
      if (seen[0] === stamp) {
        // The sink goes first when its label is not above the heap's top.
        const k0 = heap.topKey(0);
        const k1 = heap.topKey(1);
        const k2 = heap.topKey(2);
        const k3 = heap.topKey(3);
        if (!(k0 < dist[0]! || (k0 === dist[0] && (k1 < dist[1]! || (k1 === dist[1] && (k2 < dist[2]! || (k2 === dist[2] && k3 < dist[3]!)))))))
          break;
      }
      heap.pop();
      if (done[u] === stamp) continue;
      done[u] = stamp;
      settled.push(u);
      const ou = 4 * u;
      const du0 = dist[ou]! + pot[ou]!;
      const du1 = dist[ou + 1]! + pot[ou + 1]!;
      const du2 = dist[ou + 2]! + pot[ou + 2]!;
      const du3 = dist[ou + 3]! + pot[ou + 3]!;
      if (u >= SEAT) {
        // A seat (its judge was labelled with it): move one of its entries to another seat.
        const s = u - SEAT;
        if (seatFlow[s]! > 0) {
          const p = seatPanel[s]!;
          const sp = seatStart[p]!;
          const m = seatStart[p + 1]! - sp;
          const a = s - sp;
          const hp = heapStart[p]! + a * m;
          for (let b = 0; b < m; b++) {
            if (b === a) continue;
            const v = SEAT + sp + b;
            if (done[v] === stamp) continue;
            const idx = hp + b;
            const moved = topBetween(idx, a, b);
            if (moved < 0) continue;
            const o = 4 * v;
            reachSeat(v, du0 + topK0[idx]! - pot[o]!, du1 - pot[o + 1]!, du2 - pot[o + 2]!, du3 + topK3[idx]! - pot[o + 3]!, u, moved);
          }
        }
      } else {
        // A judge (the sink was labelled with it): give up a read in one of its seats.
        const J = u - 1;
        for (let i = judgeSeatStart[J]!; i < judgeSeatStart[J + 1]!; i++) {
          const s = judgeSeats[i]!;
          const v = SEAT + s;
          if (seatFlow[s] === 0 || done[v] === stamp) continue;
          const unlink = seatFixed[s]! + seatFlow[s]! <= seatTarget[s]! ? 1 : 0;
          const o = 4 * v;
          reachSeat(v, du0 - pot[o]!, du1 + unlink - pot[o + 1]!, du2 - pot[o + 2]!, du3 - pot[o + 3]!, u, -1);
        }
      }
    }
    if (seen[0] !== stamp) return false;

    // Potentials: settled nodes move by d(v) − d(sink), the others (the sink included) stay.
    const D0 = dist[0]!;
    const D1 = dist[1]!;
    const D2 = dist[2]!;
    const D3 = dist[3]!;
    for (const v of quiet) {
      const o = 4 * v;
      const a0 = dist[o]!;
      const a1 = dist[o + 1]!;
      const a2 = dist[o + 2]!;
      const a3 = dist[o + 3]!;
      if (a0 < D0 || (a0 === D0 && (a1 < D1 || (a1 === D1 && (a2 < D2 || (a2 === D2 && a3 < D3)))))) settled.push(v);
    }
    for (const v of settled) {
      const o = 4 * v;
      pot[o]! += dist[o]! - D0;
      pot[o + 1]! += dist[o + 1]! - D1;
      pot[o + 2]! += dist[o + 2]! - D2;
      pot[o + 3]! += dist[o + 3]! - D3;
    }

    // Apply the path, walking back from the sink.
    let v = parent[0]!;
    const last = v - 1;
    judgeLoad[last]!++;
    while (v >= 0) {
      const u = parent[v]!;
      if (v < SEAT) {
        // judge v reached from seat u: one more read through that seat
        seatFlow[u - SEAT]!++;
      } else if (u > 0 && u < SEAT) {
        // seat v reached from its judge: the judge gives up one read there
        seatFlow[v - SEAT]!--;
      } else {
        // seat v reached from seat u (an entry moves) or from the source entry
        const s = v - SEAT;
        const sp = seatStart[seatPanel[s]!]!;
        if (u < 0) {
          assign(e, s - sp);
        } else {
          const moved = via[v]!;
          unassign(moved, u - SEAT - sp);
          assign(moved, s - sp);
        }
      }
      v = u;
    }
    for (const w of settled) if (w < SEAT) pushSinkKey(w - 1);
    pushSinkKey(last);
    raiseSink();
    return true;
  };

  // ---- solve: entries in a seeded order, one unit at a time
  const supplied = new Int32Array(N);
  // Panel by panel (each panel's entries in a seeded order), the panels in breadth-first order
  // over shared judges from a seeded start: a panel's entries then meet its own judges at low load
  // first and the processed panels stay one connected region, so searches stay near their panel
  // instead of sweeping the component's plateau of equal loads (taking entries of all panels in
  // turn made searches three to four times longer). Any order gives the same optimum.
  const order = new Int32Array(N);
  {
    const neighbours: number[][] = Array.from({ length: P }, () => []);
    for (let J = 0; J < JN; J++) {
      for (let i = judgeSeatStart[J]!; i < judgeSeatStart[J + 1]!; i++) {
        for (let i2 = judgeSeatStart[J]!; i2 < judgeSeatStart[J + 1]!; i2++) {
          if (i !== i2) neighbours[seatPanel[judgeSeats[i]!]!]!.push(seatPanel[judgeSeats[i2]!]!);
        }
      }
    }
    const start = permutation(P, next);
    const queued = new Uint8Array(P);
    const panelOrder: number[] = [];
    for (const first of start) {
      if (queued[first]) continue;
      queued[first] = 1;
      panelOrder.push(first);
      for (let head = panelOrder.length - 1; head < panelOrder.length; head++) {
        for (const q of neighbours[panelOrder[head]!]!) {
          if (queued[q]) continue;
          queued[q] = 1;
          panelOrder.push(q);
        }
      }
    }
    let at = 0;
    for (const p of panelOrder) {
      const n = entryStart[p + 1]! - entryStart[p]!;
      const within = permutation(n, next);
      for (let j = 0; j < n; j++) order[at++] = entryStart[p]! + within[j]!;
    }
  }
  let missingReads = 0;
  for (let i = 0; i < N; i++) {
    const e = order[i]!;
    while (supplied[e]! < demand[e]!) {
      if (!augment(e)) break;
      supplied[e]!++;
    }
    missingReads += demand[e]! - supplied[e]!;
  }

  // ---- the outcome, in input order
  const chosen: number[][][] = [];
  const seatLoads: Int32Array[] = [];
  const eligibleOut: Int32Array[] = [];
  const fixedOut: Int32Array[] = [];
  let kept = 0;
  let preference = 0;
  for (let p = 0; p < P; p++) {
    const s0 = seatStart[p]!;
    const m = seatStart[p + 1]! - s0;
    const n = panels[p]!.entries.length;
    const lists: number[][] = [];
    for (let i = 0; i < n; i++) {
      const e = entryStart[p]! + i;
      const list: number[] = [];
      for (let j = 0; j < m; j++) {
        const r = rowBase[e]! + j;
        if (!assigned[r] && !fixedPair[r]) continue;
        list.push(seatInput[s0 + j]!);
        if (keepC[r]! < 0) kept++;
        preference += prefC[r]!;
      }
      list.sort((x, y) => x - y);
      lists.push(list);
    }
    chosen.push(lists);
    const loads = new Int32Array(m);
    for (let j = 0; j < m; j++) loads[seatInput[s0 + j]!] = seatFixed[s0 + j]! + seatFlow[s0 + j]!;
    seatLoads.push(loads);
    eligibleOut.push(eligible.slice(entryStart[p]!, entryStart[p + 1]!));
    fixedOut.push(fixedCount.slice(entryStart[p]!, entryStart[p + 1]!));
  }
  let unlinked = 0;
  let linkShort = 0;
  const unlinkedSeats: SeatRef[] = [];
  for (let p = 0; p < P; p++) {
    for (let j = 0; j < panels[p]!.judges.length; j++) {
      const s = seatStart[p]! + j;
      linkShort += Math.max(0, seatTarget[s]! - seatFixed[s]! - seatFlow[s]!);
      if (seatShared[s] && seatFixed[s]! + seatFlow[s]! === 0) {
        unlinked++;
        unlinkedSeats.push({ judgeId: judgeIds[seatJudge[s]!]!, panelId: panels[p]!.id });
      }
    }
  }
  let load = 0;
  const judgeLoads = new Map<string, number>();
  for (let J = 0; J < JN; J++) {
    load += judgeLoad[J]! * judgeLoad[J]!;
    judgeLoads.set(judgeIds[J]!, judgeLoad[J]!);
  }

  // ---- uncovered entries: fixed pairs at fault, and the smallest minimum cut of the flow
  const reason = new Map<number, UncoveredReason>();
  for (let e = 0; e < N; e++) {
    if (fixedCount[e]! > k) {
      reason.set(e, "too-many-fixed");
      continue;
    }
    const sp = seatStart[entryPanel[e]!]!;
    const m = seatStart[entryPanel[e]! + 1]! - sp;
    for (let j = 0; j < m; j++) if (fixedPair[rowBase[e]! + j] && overCap[sp + j]) reason.set(e, "fixed-over-cap");
  }
  if (missingReads > 0) {
    // Residual reachability from the short entries. Nodes: entries 0..N−1, seats N..N+S−1,
    // judges N+S..; the sink is never reached (the flow is maximum).
    const mark = new Uint8Array(N + S + JN);
    const stack: number[] = [];
    for (let e = 0; e < N; e++) {
      if (supplied[e]! < demand[e]!) {
        mark[e] = 1;
        stack.push(e);
      }
    }
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (u < N) {
        const sp = seatStart[entryPanel[u]!]!;
        const m = seatStart[entryPanel[u]! + 1]! - sp;
        for (let j = 0; j < m; j++) {
          const r = rowBase[u]! + j;
          const w = N + sp + j;
          if (allowed[r] && !assigned[r] && !mark[w]) {
            mark[w] = 1;
            stack.push(w);
          }
        }
      } else if (u < N + S) {
        const s = u - N;
        const p = seatPanel[s]!;
        const j = s - seatStart[p]!;
        for (let e = entryStart[p]!; e < entryStart[p + 1]!; e++) {
          if (assigned[rowBase[e]! + j] && !mark[e]) {
            mark[e] = 1;
            stack.push(e);
          }
        }
        const w = N + S + seatJudge[s]!;
        if (seatFlow[s]! < seatCap[s]! && !mark[w]) {
          mark[w] = 1;
          stack.push(w);
        }
      } else {
        const J = u - N - S;
        for (let i = judgeSeatStart[J]!; i < judgeSeatStart[J + 1]!; i++) {
          const s = judgeSeats[i]!;
          if (seatFlow[s]! > 0 && !mark[N + s]) {
            mark[N + s] = 1;
            stack.push(N + s);
          }
        }
      }
    }
    for (let e = 0; e < N; e++) {
      if (mark[e] && !reason.has(e)) reason.set(e, eligible[e]! < k ? "too-few-eligible-judges" : "insufficient-capacity");
    }
  }
  const uncovered: [number, number, UncoveredReason][] = [...reason]
    .sort((a, b) => a[0] - b[0])
    .map(([e, why]) => [entryPanel[e]!, e - entryStart[entryPanel[e]!]!, why]);

  return {
    chosen,
    seatLoads,
    judgeLoads,
    missingReads,
    uncovered,
    eligible: eligibleOut,
    fixedCount: fixedOut,
    kept,
    unlinked,
    linkShort,
    load,
    preference,
    unlinkedSeats,
  };
}

function validate(problem: AssignProblem): void {
  const { reads } = problem;
  if (!Number.isInteger(reads) || reads < 1) throw new AssignInputError(`reads must be an integer ≥ 1, got ${reads}`);
  if (!Number.isFinite(problem.seed)) throw new AssignInputError("seed must be a finite number");
  const panelIds = new Set<string>();
  const panelOfEntry = new Map<string, AssignPanel>();
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
      if (panelOfEntry.has(entry.id)) throw new AssignInputError(`entry ${entry.id} belongs to more than one panel`);
      panelOfEntry.set(entry.id, panel);
    }
  }
  const conflicts = new Set((problem.conflicts ?? []).map((c) => c.entryId + SEP + c.judgeId));
  const fixed = new Set<string>();
  for (const { entryId, judgeId } of problem.fixed ?? []) {
    const panel = panelOfEntry.get(entryId);
    if (!panel) throw new AssignInputError(`fixed pair (${entryId}, ${judgeId}): the entry is in no panel`);
    if (!panel.judges.some((j) => j.id === judgeId)) {
      throw new AssignInputError(`fixed pair (${entryId}, ${judgeId}): the judge does not sit on panel ${panel.id}`);
    }
    const key = entryId + SEP + judgeId;
    if (conflicts.has(key)) throw new AssignInputError(`fixed pair (${entryId}, ${judgeId}) is conflicted`);
    if (fixed.has(key)) throw new AssignInputError(`fixed pair (${entryId}, ${judgeId}) is listed twice`);
    fixed.add(key);
  }
  for (const p of problem.preferences ?? []) {
    for (const [category, value] of Object.entries(p.expertise ?? {})) {
      if (!Number.isFinite(value)) throw new AssignInputError(`expertise of judge ${p.judgeId} in ${category} is not a number`);
    }
  }
  const w = { ...DEFAULT_ASSIGN_WEIGHTS, ...problem.weights };
  if (![w.expertise, w.willing, w.unwilling].every(Number.isFinite)) throw new AssignInputError("weights must be finite");
}

/** Panels joined through shared judges (union–find over the panels with entries). */
function panelComponents(panels: readonly PanelSeats[]): PanelStructure {
  const seatsOf = new Map<string, number[]>();
  panels.forEach((panel, p) => {
    if (panel.entryCount === 0) return;
    for (const judge of panel.judges) {
      if (judge.cap === 0) continue;
      let list = seatsOf.get(judge.id);
      if (!list) seatsOf.set(judge.id, (list = []));
      list.push(p);
    }
  });
  const up = panels.map((_, p) => p);
  const find = (p: number): number => {
    while (up[p] !== p) {
      up[p] = up[up[p]!]!;
      p = up[p]!;
    }
    return p;
  };
  const shared = new Set<string>();
  for (const [judgeId, list] of seatsOf) {
    if (list.length < 2) continue;
    shared.add(judgeId);
    for (const p of list) {
      const a = find(list[0]!);
      const b = find(p);
      if (a !== b) up[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const byRoot = new Map<number, number[]>();
  panels.forEach((_, p) => {
    const r = find(p);
    let list = byRoot.get(r);
    if (!list) byRoot.set(r, (list = []));
    list.push(p);
  });
  const groups = [...byRoot.values()];
  const sharedOf = groups.map((g) => {
    const set = new Set<string>();
    for (const p of g) for (const j of panels[p]!.judges) if (shared.has(j.id)) set.add(j.id);
    return [...set].sort();
  });
  return { groups, shared, sharedOf, seatsOf };
}

/** A panel as linkTargets sees it: its seats and how many entries it holds. */
export interface PanelSeats {
  id: string;
  judges: readonly AssignJudge[];
  entryCount: number;
}

interface PanelStructure {
  groups: number[][];
  shared: Set<string>;
  sharedOf: string[][];
  /** judgeId → the panels (indices) with entries where the judge holds a reading seat. */
  seatsOf: Map<string, number[]>;
}

/**
 * The most linking reads asked of one seat. Ten reads estimate a panel's level relative to the
 * judge's other panel within about a third of one read's noise, which is most of the gain
 * (BENCHMARKS.md, "Calibration"); more would tie the judge's reads to the seat and stop loads
 * from balancing between panels (a shared judge is the only way reads move between them).
 */
export const LINK_READS = 10;

/** The key of a seat in linkTargets' map. */
export const seatKey = (panelId: string, judgeId: string): string => panelId + SEP + judgeId;

/**
 * How many reads of each shared judge's seat count as linking reads (see "linkShort" in the
 * header), keyed by seatKey; seats of judges who are not shared are absent. For a judge with s
 * reading seats in a component whose mean load is M (k × its entries ÷ its judges with a reading
 * seat): min(the seat's cap, the panel's entries, LINK_READS, max(1, ⌊M ÷ s⌋)). The targets of
 * one judge add up to at most their fair share of the component's reads (or one per seat when
 * that share is smaller), so linking never asks a shared judge to read more than the others, and
 * to at most LINK_READS per seat, so in a large round the rest of their reads stay free to
 * balance loads between panels.
 */
export function linkTargets(panels: readonly PanelSeats[], reads: number): Map<string, number> {
  return targetsOf(panels, reads, panelComponents(panels));
}

function targetsOf(panels: readonly PanelSeats[], reads: number, structure: PanelStructure): Map<string, number> {
  const targets = new Map<string, number>();
  for (const group of structure.groups) {
    let entries = 0;
    const readers = new Set<string>();
    for (const p of group) {
      const panel = panels[p]!;
      if (panel.entryCount === 0) continue;
      entries += panel.entryCount;
      for (const j of panel.judges) if (j.cap !== 0) readers.add(j.id);
    }
    if (readers.size === 0) continue;
    const mean = (reads * entries) / readers.size;
    for (const p of group) {
      const panel = panels[p]!;
      if (panel.entryCount === 0) continue;
      for (const j of panel.judges) {
        if (j.cap === 0 || !structure.shared.has(j.id)) continue;
        const seats = structure.seatsOf.get(j.id)!.length;
        targets.set(seatKey(panel.id, j.id), Math.min(j.cap ?? Infinity, panel.entryCount, LINK_READS, Math.max(1, Math.floor(mean / seats))));
      }
    }
  }
  return targets;
}

/** Groups of panels (with entries) connected by judges reading in both. */
function readGroups(panels: readonly AssignPanel[], chosen: number[][][]): string[][] {
  const withEntries = panels.map((p, i) => i).filter((i) => panels[i]!.entries.length > 0);
  const up = new Map(withEntries.map((i) => [i, i]));
  const find = (p: number): number => {
    while (up.get(p) !== p) p = up.get(p)!;
    return p;
  };
  const firstPanelOf = new Map<string, number>();
  for (const p of withEntries) {
    const readers = new Set<string>();
    chosen[p]!.forEach((js) => js.forEach((j) => readers.add(panels[p]!.judges[j]!.id)));
    for (const judgeId of readers) {
      const q = firstPanelOf.get(judgeId);
      if (q === undefined) firstPanelOf.set(judgeId, p);
      else {
        const a = find(p);
        const b = find(q);
        if (a !== b) up.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const byRoot = new Map<number, string[]>();
  for (const p of withEntries) {
    const r = find(p);
    let list = byRoot.get(r);
    if (!list) byRoot.set(r, (list = []));
    list.push(panels[p]!.id);
  }
  return [...byRoot.values()];
}

/**
 * Assigns k distinct, non-conflicted judges of its own panel to every entry, at minimum cost
 * (see the header of this file), or reports the entries that cannot be covered.
 * Throws AssignInputError on malformed input (duplicate ids, bad k or caps, invalid fixed pairs).
 */
export function assignJudges(problem: AssignProblem): AssignResult {
  validate(problem);
  const expertise = new Map<string, Readonly<Record<string, number>>>();
  const stance = new Map<string, Map<string, number>>();
  const setStance = (entryId: string, judgeId: string, value: number) => {
    let byJudge = stance.get(entryId);
    if (!byJudge) stance.set(entryId, (byJudge = new Map()));
    byJudge.set(judgeId, value);
  };
  for (const p of problem.preferences ?? []) {
    if (p.expertise) expertise.set(p.judgeId, { ...expertise.get(p.judgeId), ...p.expertise });
    for (const entryId of p.willing ?? []) setStance(entryId, p.judgeId, 1);
    for (const entryId of p.unwilling ?? []) setStance(entryId, p.judgeId, -1);
  }
  const shapes = problem.panels.map((p) => ({ id: p.id, judges: p.judges, entryCount: p.entries.length }));
  const structure = panelComponents(shapes);
  const ctx: Context = {
    k: problem.reads,
    weights: { ...DEFAULT_ASSIGN_WEIGHTS, ...problem.weights },
    conflicts: groupPairs(problem.conflicts),
    previous: groupPairs(problem.previous),
    fixed: groupPairs(problem.fixed),
    expertise,
    stance,
    shared: structure.shared,
    linkTarget: targetsOf(shapes, problem.reads, structure),
  };

  const assignment = new Map<string, string[]>();
  const totalLoads = new Map<string, number>();
  const panelLoads = new Map<string, PanelLoads>();
  const components: AssignComponent[] = [];
  const uncovered: UncoveredEntry[] = [];
  const shortComponents: AssignFailure["shortComponents"] = [];
  const cost: AssignCost = { kept: 0, unlinked: 0, linkShort: 0, load: 0, preference: 0 };
  // Components of two or more panels hold only panels with entries (see panelComponents).
  const isolatedPanelIds = structure.groups
    .filter((g) => g.length === 1 && problem.panels[g[0]!]!.entries.length > 0)
    .map((g) => problem.panels[g[0]!]!.id);

  const seedMix = seededRandom(problem.seed);
  structure.groups.forEach((group, g) => {
    const panels = group.map((p) => problem.panels[p]!);
    const out = solveComponent(panels, ctx, Math.floor(seedMix() * 4294967296));
    const panelIds = panels.map((p) => p.id);
    if (out.missingReads > 0) shortComponents.push({ panelIds, missingReads: out.missingReads });
    for (const [p, i, reason] of out.uncovered) {
      uncovered.push({
        entryId: panels[p]!.entries[i]!.id,
        panelId: panels[p]!.id,
        reason,
        eligibleJudges: out.eligible[p]![i]!,
        fixedJudges: out.fixedCount[p]![i]!,
      });
    }
    if (out.uncovered.length > 0) return;
    let minLoad = Infinity;
    let maxLoad = -Infinity;
    for (const [judgeId, l] of out.judgeLoads) {
      // A judge of an empty panel also shows up (with no reads) in that panel's own component.
      totalLoads.set(judgeId, (totalLoads.get(judgeId) ?? 0) + l);
      minLoad = Math.min(minLoad, l);
      maxLoad = Math.max(maxLoad, l);
    }
    panels.forEach((panel, p) => {
      panel.entries.forEach((entry, i) => {
        assignment.set(
          entry.id,
          out.chosen[p]![i]!.map((j) => panel.judges[j]!.id),
        );
      });
      const loads = new Map<string, number>();
      let lo = Infinity;
      let hi = -Infinity;
      panel.judges.forEach((judge, j) => {
        const l = out.seatLoads[p]![j]!;
        loads.set(judge.id, l);
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      });
      panelLoads.set(panel.id, { panelId: panel.id, loads, minLoad: m0(lo), maxLoad: m0(hi) });
    });
    components.push({
      panelIds,
      sharedJudgeIds: structure.sharedOf[g]!,
      unlinkedSeats: out.unlinkedSeats,
      readGroups: readGroups(panels, out.chosen),
      minLoad: m0(minLoad),
      maxLoad: m0(maxLoad),
    });
    cost.kept += out.kept;
    cost.unlinked += out.unlinked;
    cost.linkShort += out.linkShort;
    cost.load += out.load;
    cost.preference += out.preference;
  });

  if (uncovered.length > 0) {
    const missing = shortComponents.reduce((s, c) => s + c.missingReads, 0);
    return {
      ok: false,
      uncovered,
      shortComponents,
      components: structure.groups.map((group, g) => ({
        panelIds: group.map((p) => problem.panels[p]!.id),
        sharedJudgeIds: structure.sharedOf[g]!,
      })),
      isolatedPanelIds,
      message:
        `${uncovered.length} entr${uncovered.length === 1 ? "y" : "ies"} cannot get ${ctx.k} reads ` +
        `(${missing} read${missing === 1 ? "" : "s"} missing in ${shortComponents.length} group${shortComponents.length === 1 ? "" : "s"} of panels): ` +
        uncovered.map((u) => `${u.entryId} (${u.reason}, ${u.eligibleJudges} eligible, ${u.fixedJudges} fixed)`).join(", "),
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

  return {
    ok: true,
    assignment,
    loads: totalLoads,
    panels: problem.panels.map((p) => panelLoads.get(p.id)!),
    components,
    isolatedPanelIds,
    cost,
    changes,
  };
}

/** An empty panel has no judges: report its loads as 0 rather than ±Infinity. */
function m0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
