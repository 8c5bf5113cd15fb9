// Benchmark of the automatic assignment solver (app/modules/panels/assign.ts).
//
//   npm run bench:assign -- --entries 100000 --judges 1000 --reads 3 --conflict-rate 0.01 --json
//   npm run bench:assign -- --entries 100000 --judges 1000 --reads 3 --conflict-rate 0.01 --shared 0.1 --json
//
// Default mode (the issue's interface): generates one problem with the seeded PRNG of
// bench/generators/random.ts (judges split into panels of about --panel-size judges, default 10;
// entries spread evenly over the panels; 4 categories, expertise 0–3 per judge and category, 2 %
// willing and 2 % unwilling pairs, conflicts at --conflict-rate per (entry, judge) pair of a panel;
// with --shared S, a share S of the judges also sits on a second, random panel), solves it once and
// prints one JSON line (--json) or a summary: time, loads, links, violations, and the cost next to
// lower bounds recomputed here from the instance. Bad or missing arguments: usage, exit 2.
//
// --compare: the multi-size comparison recorded in BENCHMARKS.md. Panels of about 100 entries and
// 10–15 judges; 100, 1,000, 10,000 and 100,000 entries (or --entries N), each without and with
// shared judges (--shared, default 0.1 here). A baseline, a greedy round-robin assigner written
// here (not an app/ module), runs on the same instance in the same run, so figures read as ratios.
// Every (size, variant, method) runs in a child process started with --expose-gc, so its peak RSS
// is its own: we report the time (median of the repetitions, wall clock and CPU), the heap still
// held by the result after a full GC, and the growth of the peak RSS during the solve (an upper
// bound of the peak heap growth). --chart FILE also writes an SVG chart of the comparison.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  assignJudges,
  DEFAULT_ASSIGN_WEIGHTS,
  pairPreferenceCost,
  type AssignPair,
  type AssignPanel,
  type AssignProblem,
  type JudgePreference,
} from "#app/modules/panels/assign";
import { chartSvg, type Series } from "./chart";
import { Rng } from "./generators/random";

const USAGE = `usage: npm run bench:assign -- --entries N --judges J [--reads K] [--conflict-rate R] [--panel-size P] [--shared S] [--seed S] [--json]
       npm run bench:assign -- --compare [--entries N] [--reads K] [--conflict-rate R] [--shared S] [--seed S] [--json] [--chart FILE]

  one problem (default mode):
  --entries N        entries, an integer 1..1000000 (required)
  --judges J         judges, an integer 1..100000 (required); split into panels of about P judges
  --panel-size P     judges per panel (default 10); entries are spread evenly over the panels
  --reads K          reads per entry, an integer 1..10 (default 3)
  --conflict-rate R  share of (judge, entry) pairs of a panel in conflict, 0 <= R < 1 (default 0.01)
  --shared S         share of judges who also sit on a second, random panel, 0 <= S <= 1
                     (default 0; --compare: the second variant, default 0.1)
  --seed S           generator and solver seed, an integer (default 42)
  --json             one JSON line instead of a readable summary

  --compare          the multi-size comparison with the greedy baseline recorded in BENCHMARKS.md
                     (panels of about 100 entries and 10-15 judges; 100, 1000, 10000 and 100000
                     entries unless --entries N is given; without and with shared judges)
  --chart FILE       with --compare: also write an SVG chart of the comparison to FILE`;

type Method = "solver" | "greedy";

interface Options {
  json: boolean;
  compare: boolean;
  sizes: number[];
  entries?: number;
  judges?: number;
  panelSize: number;
  reads: number;
  conflictRate: number;
  shared?: number;
  seed: number;
  chart?: string;
  child?: { method: Method; entries: number; shared: number };
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, compare: false, sizes: [100, 1_000, 10_000, 100_000], panelSize: 10, reads: 3, conflictRate: 0.01, seed: 42 };
  const num = (flag: string, v: string | undefined, ok: (n: number) => boolean) => {
    const n = v === undefined || v.trim() === "" ? NaN : Number(v);
    if (v === undefined || !Number.isFinite(n) || !ok(n)) fail(`bad value for ${flag}: ${v ?? "(missing)"}`);
    return n;
  };
  const int = (lo: number, hi: number) => (n: number) => Number.isInteger(n) && n >= lo && n <= hi;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") o.json = true;
    else if (a === "--compare") o.compare = true;
    else if (a === "--entries") o.entries = num(a, argv[++i], int(1, 1_000_000));
    else if (a === "--judges") o.judges = num(a, argv[++i], int(1, 100_000));
    else if (a === "--panel-size") o.panelSize = num(a, argv[++i], int(1, 100_000));
    else if (a === "--reads") o.reads = num(a, argv[++i], int(1, 10));
    else if (a === "--conflict-rate") o.conflictRate = num(a, argv[++i], (n) => n >= 0 && n < 1);
    else if (a === "--shared") o.shared = num(a, argv[++i], (n) => n >= 0 && n <= 1);
    else if (a === "--seed") o.seed = num(a, argv[++i], Number.isSafeInteger);
    else if (a === "--chart") {
      o.chart = argv[++i];
      if (!o.chart || o.chart.startsWith("--")) fail("--chart needs a file name");
    } else if (a === "--child") {
      const [method, entries, shared] = (argv[++i] ?? "").split(":");
      if (method !== "solver" && method !== "greedy") fail(`bad --child ${method}`);
      o.child = { method, entries: Number(entries), shared: Number(shared) };
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument: ${a}`);
  }
  if (o.compare || o.child) {
    if (o.judges !== undefined) fail("--judges does not apply to --compare (its panels have 10-15 judges)");
    if (o.entries !== undefined) o.sizes = [o.entries];
  } else {
    if (o.chart !== undefined) fail("--chart applies to --compare only");
    if (o.entries === undefined) fail("missing --entries");
    if (o.judges === undefined) fail("missing --judges");
    if (o.judges < o.reads) fail(`--judges ${o.judges} is fewer than --reads ${o.reads}`);
  }
  return o;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

// ------------------------------------------------------------------------------- instance

const ENTRIES_PER_PANEL = 100;
const CATEGORIES = ["c0", "c1", "c2", "c3"];

/** For each judge of a panel: conflicts at `conflictRate`, a few willing/unwilling entries, expertise. */
function drawStances(
  rng: Rng,
  judges: readonly { id: string }[],
  panelEntries: readonly { id: string }[],
  conflictRate: number,
  conflicts: AssignPair[],
  preferences: JudgePreference[],
) {
  for (const judge of judges) {
    const willing: string[] = [];
    const unwilling: string[] = [];
    for (const entry of panelEntries) {
      if (rng.chance(conflictRate)) conflicts.push({ entryId: entry.id, judgeId: judge.id });
      const s = rng.next();
      if (s < 0.02) willing.push(entry.id);
      else if (s < 0.04) unwilling.push(entry.id);
    }
    preferences.push({ judgeId: judge.id, expertise: Object.fromEntries(CATEGORIES.map((c) => [c, rng.int(0, 3)])), willing, unwilling });
  }
}

/** The --compare shape: panels of about 100 entries and 10–15 judges. */
export function generate(entries: number, reads: number, conflictRate: number, seed: number): AssignProblem {
  const rng = Rng.seeded(seed, `assign:${entries}`);
  const panelCount = Math.max(1, Math.round(entries / ENTRIES_PER_PANEL));
  const panels: AssignPanel[] = [];
  const conflicts: AssignPair[] = [];
  const preferences: JudgePreference[] = [];
  let next = 0;
  for (let p = 0; p < panelCount; p++) {
    const size = Math.floor((entries * (p + 1)) / panelCount) - Math.floor((entries * p) / panelCount);
    const judges = Array.from({ length: rng.int(10, 15) }, (_, j) => ({ id: `p${p}j${j}` }));
    const panelEntries = Array.from({ length: size }, () => ({ id: `e${next++}`, categoryId: rng.pick(CATEGORIES) }));
    drawStances(rng, judges, panelEntries, conflictRate, conflicts, preferences);
    panels.push({ id: `p${p}`, judges, entries: panelEntries });
  }
  return { panels, reads, conflicts, preferences, seed };
}

/**
 * The issue's shape: `judges` split into panels of about `panelSize` judges (as even as possible),
 * the entries spread evenly over the panels, categories, expertise and stances as in `generate`,
 * and each (entry, judge) pair of a panel in conflict with probability `conflictRate`.
 */
export function generateShaped(
  entries: number,
  judges: number,
  panelSize: number,
  reads: number,
  conflictRate: number,
  seed: number,
): AssignProblem {
  const rng = Rng.seeded(seed, `assign-shaped:${entries}:${judges}:${panelSize}`);
  const panelCount = Math.max(1, Math.min(Math.round(judges / panelSize), Math.floor(judges / reads)));
  const panels: AssignPanel[] = [];
  const conflicts: AssignPair[] = [];
  const preferences: JudgePreference[] = [];
  const share = (total: number, p: number) => Math.floor((total * (p + 1)) / panelCount) - Math.floor((total * p) / panelCount);
  let nextEntry = 0;
  let nextJudge = 0;
  for (let p = 0; p < panelCount; p++) {
    const panelJudges = Array.from({ length: share(judges, p) }, () => ({ id: `j${nextJudge++}` }));
    const panelEntries = Array.from({ length: share(entries, p) }, () => ({ id: `e${nextEntry++}`, categoryId: rng.pick(CATEGORIES) }));
    drawStances(rng, panelJudges, panelEntries, conflictRate, conflicts, preferences);
    panels.push({ id: `p${p}`, judges: panelJudges, entries: panelEntries });
  }
  return { panels, reads, conflicts, preferences, seed };
}

/**
 * Gives a share of the judges a second seat on another panel, drawn uniformly (so panels get
 * joined through shared judges), with conflicts at the same rate and a few willing and unwilling
 * pairs for that panel's entries. Drawn from a stream of its own: with `shared` = 0 the instance is
 * exactly the one without second seats.
 */
export function addSecondSeats(problem: AssignProblem, shared: number, conflictRate: number, seed: number): AssignProblem {
  if (shared <= 0 || problem.panels.length < 2) return problem;
  const rng = Rng.seeded(seed, "second-seats");
  const panels = problem.panels.map((p) => ({ ...p, judges: [...p.judges] }));
  const conflicts = [...(problem.conflicts ?? [])];
  const preferences = (problem.preferences ?? []).map((p) => ({ ...p, willing: [...(p.willing ?? [])], unwilling: [...(p.unwilling ?? [])] }));
  const prefOf = new Map(preferences.map((p) => [p.judgeId, p]));
  problem.panels.forEach((panel, p) => {
    for (const judge of panel.judges) {
      if (!rng.chance(shared)) continue;
      let q = rng.int(0, panels.length - 2);
      if (q >= p) q++;
      const other = panels[q]!;
      other.judges.push({ id: judge.id });
      const pref = prefOf.get(judge.id)!;
      for (const entry of other.entries) {
        if (rng.chance(conflictRate)) conflicts.push({ entryId: entry.id, judgeId: judge.id });
        const x = rng.next();
        if (x < 0.02) pref.willing.push(entry.id);
        else if (x < 0.04) pref.unwilling.push(entry.id);
      }
    }
  });
  return { ...problem, panels, conflicts, preferences };
}

// ------------------------------------------------------------------------------- baseline

/** The baseline: each panel hands entries to the next non-conflicted judges in turn. Not optimal. */
function greedyRoundRobin(problem: AssignProblem): Map<string, string[]> | null {
  const conflicts = new Set((problem.conflicts ?? []).map((c) => `${c.entryId}|${c.judgeId}`));
  const out = new Map<string, string[]>();
  for (const panel of problem.panels) {
    let turn = 0;
    for (const entry of panel.entries) {
      const chosen: string[] = [];
      for (let tries = 0; tries < panel.judges.length && chosen.length < problem.reads; tries++) {
        const judge = panel.judges[turn++ % panel.judges.length]!;
        if (!conflicts.has(`${entry.id}|${judge.id}`)) chosen.push(judge.id);
      }
      if (chosen.length < problem.reads) return null;
      out.set(entry.id, chosen);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------- checks

interface Quality {
  assignments: number;
  /** Smallest and largest total load of a judge (over all their panels). */
  minLoad: number;
  maxLoad: number;
  /** Largest max − min of reads within one panel (seat loads). */
  maxPanelSpread: number;
  /** Largest max − min of judges' total loads within a group of panels joined by shared judges. */
  maxComponentSpread: number;
  conflictsViolated: number;
  entriesShort: number;
  /** Groups of two or more panels joined by shared judges; panels sharing no judge. */
  components: number;
  largestComponentPanels: number;
  isolatedPanels: number;
  /** Seats of judges with seats on two or more panels, and those of them with no read. */
  sharedSeats: number;
  unlinkedSeats: number;
  /** Σ over judges of (total load)², and its bound: loads spread evenly within each group of panels. */
  loadCost: number;
  loadLowerBound: number;
  preferenceCost: number;
  /** Every entry's k cheapest eligible judges, ignoring load: not reachable once loads are balanced. */
  preferenceLowerBound: number;
}

/** Recomputes everything from the instance and the assignment; shares nothing with the solver. */
function quality(problem: AssignProblem, assignment: Map<string, string[]> | null): Quality {
  const conflicts = new Map<string, Set<string>>();
  for (const c of problem.conflicts ?? []) {
    if (!conflicts.has(c.entryId)) conflicts.set(c.entryId, new Set());
    conflicts.get(c.entryId)!.add(c.judgeId);
  }
  const expertise = new Map((problem.preferences ?? []).map((p) => [p.judgeId, p.expertise ?? {}]));
  const stance = new Map<string, Map<string, number>>();
  for (const p of problem.preferences ?? []) {
    for (const [list, v] of [[p.willing ?? [], 1], [p.unwilling ?? [], -1]] as const) {
      for (const e of list) {
        if (!stance.has(e)) stance.set(e, new Map());
        stance.get(e)!.set(p.judgeId, v);
      }
    }
  }
  const cost = (entryId: string, categoryId: string, judgeId: string) => {
    const s = stance.get(entryId)?.get(judgeId) ?? 0;
    return pairPreferenceCost(expertise.get(judgeId)?.[categoryId] ?? 0, s > 0, s < 0, DEFAULT_ASSIGN_WEIGHTS);
  };
  const q: Quality = {
    assignments: 0,
    minLoad: 0,
    maxLoad: 0,
    maxPanelSpread: 0,
    maxComponentSpread: 0,
    conflictsViolated: 0,
    entriesShort: 0,
    components: 0,
    largestComponentPanels: 0,
    isolatedPanels: 0,
    sharedSeats: 0,
    unlinkedSeats: 0,
    loadCost: 0,
    loadLowerBound: 0,
    preferenceCost: 0,
    preferenceLowerBound: 0,
  };
  const k = problem.reads;
  const total = new Map<string, number>();
  const panelsOf = new Map<string, number[]>();
  problem.panels.forEach((panel, p) => {
    const loads = new Map(panel.judges.map((j) => [j.id, 0]));
    for (const j of panel.judges) {
      if (!total.has(j.id)) total.set(j.id, 0);
      if (panel.entries.length > 0) panelsOf.set(j.id, [...(panelsOf.get(j.id) ?? []), p]);
    }
    for (const entry of panel.entries) {
      const judges = assignment?.get(entry.id) ?? [];
      if (new Set(judges).size !== k || judges.some((j) => !loads.has(j))) q.entriesShort++;
      for (const judgeId of judges) {
        q.assignments++;
        if (conflicts.get(entry.id)?.has(judgeId)) q.conflictsViolated++;
        loads.set(judgeId, (loads.get(judgeId) ?? 0) + 1);
        total.set(judgeId, (total.get(judgeId) ?? 0) + 1);
        q.preferenceCost += cost(entry.id, entry.categoryId, judgeId);
      }
      const eligible = panel.judges
        .filter((j) => !conflicts.get(entry.id)?.has(j.id))
        .map((j) => cost(entry.id, entry.categoryId, j.id))
        .sort((a, b) => a - b);
      q.preferenceLowerBound += eligible.slice(0, k).reduce((s, c) => s + c, 0);
    }
    const values = [...loads.values()];
    if (values.length > 0) q.maxPanelSpread = Math.max(q.maxPanelSpread, Math.max(...values) - Math.min(...values));
  });
  // Groups of panels joined by judges seated on two or more panels with entries (union–find).
  const up = problem.panels.map((_, p) => p);
  const find = (p: number): number => (up[p] === p ? p : (up[p] = find(up[p]!)));
  for (const list of panelsOf.values()) for (const p of list.slice(1)) up[find(p)] = find(list[0]!);
  const groups = new Map<number, Set<string>>();
  const groupPanels = new Map<number, number>();
  problem.panels.forEach((panel, p) => {
    const g = find(p);
    groupPanels.set(g, (groupPanels.get(g) ?? 0) + 1);
    if (!groups.has(g)) groups.set(g, new Set());
    for (const j of panel.judges) groups.get(g)!.add(j.id);
  });
  for (const [g, n] of groupPanels) {
    if (n > 1) q.components++;
    else if (problem.panels[g]!.entries.length > 0) q.isolatedPanels++;
    q.largestComponentPanels = Math.max(q.largestComponentPanels, n);
  }
  for (const [g, judges] of groups) {
    const loads = [...judges].map((j) => total.get(j) ?? 0);
    if (loads.length === 0) continue;
    q.maxComponentSpread = Math.max(q.maxComponentSpread, Math.max(...loads) - Math.min(...loads));
    const reads = problem.panels.reduce((s, panel, p) => s + (find(p) === g ? k * panel.entries.length : 0), 0);
    const base = Math.floor(reads / loads.length);
    const extra = reads - base * loads.length;
    q.loadLowerBound += extra * (base + 1) ** 2 + (loads.length - extra) * base ** 2;
  }
  for (const [judgeId, list] of panelsOf) {
    if (list.length < 2) continue;
    for (const p of list) {
      q.sharedSeats++;
      if (!problem.panels[p]!.entries.some((e) => assignment?.get(e.id)?.includes(judgeId))) q.unlinkedSeats++;
    }
  }
  const loads = [...total.values()];
  q.minLoad = loads.length ? Math.min(...loads) : 0;
  q.maxLoad = loads.length ? Math.max(...loads) : 0;
  for (const l of loads) q.loadCost += l * l;
  return q;
}

// ------------------------------------------------------------------------------- child

function runChild(o: Options, method: Method, entries: number, shared: number): void {
  const problem = addSecondSeats(generate(entries, o.reads, o.conflictRate, o.seed), shared, o.conflictRate, o.seed);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.resourceUsage().maxRSS; // KiB
  const reps = entries <= 1_000 ? 7 : entries <= 10_000 ? 5 : 3;
  const times: number[] = [];
  const cpu: number[] = [];
  let assignment: Map<string, string[]> | null = null;
  let ok = true;
  let heapRetained = 0;
  let peakRssGrowth = 0;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage().user;
    const t0 = performance.now();
    if (method === "solver") {
      const result = assignJudges(problem);
      ok = result.ok;
      assignment = result.ok ? result.assignment : null;
    } else {
      assignment = greedyRoundRobin(problem);
      ok = assignment !== null;
    }
    times.push((performance.now() - t0) / 1000);
    cpu.push((process.cpuUsage().user - c0) / 1e6);
    if (r === 0) {
      peakRssGrowth = (process.resourceUsage().maxRSS - rssBefore) * 1024;
      gc?.();
      heapRetained = process.memoryUsage().heapUsed - heapBefore;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const judges = new Set(problem.panels.flatMap((p) => p.judges.map((j) => j.id))).size;
  console.log(
    JSON.stringify({
      bench: "assign",
      method,
      shared,
      entries,
      panels: problem.panels.length,
      judges,
      reads: o.reads,
      conflicts: problem.conflicts?.length ?? 0,
      seed: o.seed,
      ok,
      seconds: median(times),
      cpuSeconds: median(cpu),
      repetitions: reps,
      heapRetainedBytes: heapRetained,
      peakRssGrowthBytes: peakRssGrowth,
      ...quality(problem, assignment),
    }),
  );
}

// ------------------------------------------------------------------------------- single problem

/** The issue's interface: one generated problem, solved once, one JSON line or a short summary. */
function runSingle(o: Options): void {
  const entries = o.entries!;
  const judges = o.judges!;
  const shared = o.shared ?? 0;
  const g0 = performance.now();
  const problem = addSecondSeats(generateShaped(entries, judges, o.panelSize, o.reads, o.conflictRate, o.seed), shared, o.conflictRate, o.seed);
  const generateSeconds = (performance.now() - g0) / 1000;
  const c0 = process.cpuUsage().user;
  const t0 = performance.now();
  const result = assignJudges(problem);
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (process.cpuUsage().user - c0) / 1e6;
  const q = quality(problem, result.ok ? result.assignment : null);
  const panelJudges = problem.panels.map((p) => p.judges.length);
  const row = {
    bench: "assign",
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    entries,
    judges,
    reads: o.reads,
    conflictRate: o.conflictRate,
    shared,
    panels: problem.panels.length,
    judgesPerPanel: [Math.min(...panelJudges), Math.max(...panelJudges)],
    seats: panelJudges.reduce((a, b) => a + b, 0),
    conflicts: problem.conflicts?.length ?? 0,
    seed: o.seed,
    ok: result.ok,
    assignments: q.assignments,
    minLoad: q.minLoad,
    maxLoad: q.maxLoad,
    maxPanelSpread: q.maxPanelSpread,
    maxComponentSpread: q.maxComponentSpread,
    conflictsViolated: q.conflictsViolated,
    entriesShort: q.entriesShort,
    uncovered: result.ok ? 0 : result.uncovered.length,
    components: q.components,
    largestComponentPanels: q.largestComponentPanels,
    isolatedPanels: q.isolatedPanels,
    sharedSeats: q.sharedSeats,
    unlinkedSeats: q.unlinkedSeats,
    // The solver's cost (lexicographic: kept, unlinked seats, Σ total load², preference) next to
    // independent lower bounds recomputed here from the instance: no unlinked seat, loads spread
    // evenly within each group of joined panels, and every entry's k cheapest eligible judges
    // ignoring load (not reachable once loads are balanced).
    unlinkedLowerBound: 0,
    loadCost: q.loadCost,
    loadLowerBound: q.loadLowerBound,
    preferenceCost: q.preferenceCost,
    preferenceLowerBound: q.preferenceLowerBound,
    solverCost: result.ok ? result.cost : null,
    generateSeconds: Number(generateSeconds.toFixed(3)),
    node: process.version,
  };
  if (o.json) {
    console.log(JSON.stringify(row));
  } else {
    const f = (x: number) => x.toLocaleString("en-US");
    console.log(
      `assignment: ${f(entries)} entries, ${f(judges)} judges in ${row.panels} panels of ${row.judgesPerPanel.join("-")} seats, k=${o.reads}, ` +
        `conflict rate ${o.conflictRate}, shared ${shared}, seed ${o.seed}`,
    );
    console.log(`  solved in ${seconds.toFixed(3)} s (CPU ${cpuSeconds.toFixed(3)} s; generated in ${generateSeconds.toFixed(3)} s), ${result.ok ? "feasible" : `INFEASIBLE: ${row.uncovered} entries cannot be covered`}`);
    console.log(`  ${f(q.assignments)} assignments, total loads ${q.minLoad}..${q.maxLoad} (max spread in a group of panels ${q.maxComponentSpread}, in a panel ${q.maxPanelSpread})`);
    console.log(`  ${q.components} groups of joined panels (largest ${q.largestComponentPanels}), ${q.isolatedPanels} panels sharing no judge, ${q.unlinkedSeats} of ${q.sharedSeats} shared seats unlinked`);
    console.log(`  conflicts violated ${q.conflictsViolated}, entries short ${q.entriesShort}`);
    console.log(`  Σ load² ${f(q.loadCost)} (even-spread lower bound ${f(q.loadLowerBound)}${q.loadCost === q.loadLowerBound ? ", reached" : ""})`);
    console.log(`  preference cost ${f(q.preferenceCost)} (lower bound ignoring load ${f(q.preferenceLowerBound)})`);
  }
  if (q.conflictsViolated > 0 || (result.ok && q.entriesShort > 0)) process.exitCode = 1;
}

// ------------------------------------------------------------------------------- parent

type Row = Record<string, number | string | boolean>;

function runInChild(o: Options, method: Method, entries: number, shared: number): Row {
  const file = fileURLToPath(import.meta.url);
  const args = ["--expose-gc", "--import", "tsx", file, "--compare", "--child", `${method}:${entries}:${shared}`];
  args.push("--reads", String(o.reads), "--conflict-rate", String(o.conflictRate), "--seed", String(o.seed));
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`child ${method}:${entries}:${shared} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Row;
}

function writeChart(file: string, rows: { s: Row; g: Row }[], shared: number): void {
  const pick = (variant: number, method: "s" | "g", f: (r: Row) => number) =>
    rows.filter((r) => Number(r.s.shared) === variant).map((r) => [Number(r[method].entries), f(r[method])] as const);
  const series = (f: (r: Row) => number, positive = false): Series[] => {
    const keep = (pts: (readonly [number, number])[]) => (positive ? pts.map(([x, y]) => [x, Math.max(y, 1e-5)] as const) : pts);
    return [
      { name: "solver", color: "#1d4ed8", points: keep(pick(0, "s", f)) },
      { name: `solver, ${shared * 100}% of judges on two panels`, color: "#1d4ed8", dashed: true, points: keep(pick(shared, "s", f)) },
      { name: "greedy baseline", color: "#b91c1c", points: keep(pick(0, "g", f)) },
      { name: `greedy, ${shared * 100}% of judges on two panels`, color: "#b91c1c", dashed: true, points: keep(pick(shared, "g", f)) },
    ];
  };
  const gap = (r: Row) => (100 * (Number(r.preferenceCost) - Number(r.preferenceLowerBound))) / Math.abs(Number(r.preferenceLowerBound));
  const svg = chartSvg(
    [
      { title: "Time (median, solving only)", xLabel: "entries", yLabel: "seconds", xLog: true, yLog: true, series: series((r) => Number(r.seconds), true) },
      { title: "Load spread in a group of panels", xLabel: "entries", yLabel: "max − min total load", xLog: true, series: series((r) => Number(r.maxComponentSpread)) },
      { title: "Preference cost above its lower bound", xLabel: "entries", yLabel: "% of the bound", xLog: true, series: series(gap) },
    ],
    `k=${rows[0]?.s.reads}, seed ${rows[0]?.s.seed}; ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
  );
  writeFileSync(file, svg);
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return runChild(o, o.child.method, o.child.entries, o.child.shared);
  if (!o.compare) return runSingle(o);
  const shared = o.shared ?? 0.1;
  const variants = shared > 0 ? [0, shared] : [0];
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  if (!o.json) {
    console.log(`assignment benchmark: k=${o.reads}, conflict rate ${o.conflictRate}, seed ${o.seed}, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(
      "entries | shared | panels | judges | solver s (cpu) | greedy s | time × | solver heap MB (retained / peak RSS Δ) | greedy heap MB | component spread s/g | unlinked seats s/g | load cost s/g (LB) | pref cost s/g (LB) | violations s/g",
    );
  }
  const rows: { s: Row; g: Row }[] = [];
  for (const entries of o.sizes) {
    for (const variant of variants) {
      const s = runInChild(o, "solver", entries, variant);
      const g = runInChild(o, "greedy", entries, variant);
      rows.push({ s, g });
      const timeRatio = Number(s.seconds) / Number(g.seconds);
      const heapRatio = Number(s.heapRetainedBytes) / Math.max(1, Number(g.heapRetainedBytes));
      if (o.json) {
        console.log(JSON.stringify(g));
        console.log(JSON.stringify({ ...s, timeRatioVsGreedy: timeRatio, heapRatioVsGreedy: heapRatio }));
        continue;
      }
      console.log(
        [
          entries,
          variant,
          s.panels,
          s.judges,
          `${Number(s.seconds).toFixed(3)} (${Number(s.cpuSeconds).toFixed(3)})`,
          Number(g.seconds).toFixed(4),
          timeRatio.toFixed(0),
          `${mb(Number(s.heapRetainedBytes))} / ${mb(Number(s.peakRssGrowthBytes))}`,
          `${mb(Number(g.heapRetainedBytes))} / ${mb(Number(g.peakRssGrowthBytes))}`,
          `${s.maxComponentSpread}/${g.maxComponentSpread}`,
          `${s.unlinkedSeats}/${g.unlinkedSeats} of ${s.sharedSeats}`,
          `${s.loadCost}/${g.loadCost} (${s.loadLowerBound})`,
          `${s.preferenceCost}/${g.preferenceCost} (${s.preferenceLowerBound})`,
          `${Number(s.conflictsViolated) + Number(s.entriesShort)}/${Number(g.conflictsViolated) + Number(g.entriesShort)}`,
        ].join(" | "),
      );
    }
  }
  if (o.chart) writeChart(o.chart, rows, shared);
}

// Run when executed (not when imported by a test or a script).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
