// Benchmark of the automatic assignment solver (app/modules/panels/assign.ts).
//
//   npm run bench:assign -- --entries 100000 --judges 1000 --reads 3 --conflict-rate 0.01 --json
//
// Default mode (the issue's interface): generates one problem with the seeded PRNG of
// bench/generators/random.ts (judges split into panels of about --panel-size judges, default 10;
// entries spread evenly over the panels; 4 categories, expertise 0–3 per judge and category, 2 %
// willing and 2 % unwilling pairs, conflicts at --conflict-rate per (entry, judge) pair of a panel),
// solves it once and prints one JSON line (--json) or a summary: time, loads, violations, and the
// cost next to independent lower bounds recomputed here. Bad or missing arguments: usage, exit 2.
//
// --compare: the multi-size comparison recorded in BENCHMARKS.md. Panels of about 100 entries and
// 10–15 judges; 100, 1,000, 10,000 and 100,000 entries (or --entries N). A baseline, a greedy
// round-robin assigner written here (not an app/ module), runs on the same instance in the same run,
// so figures read as ratios. Every (size, method) runs in a child process started with --expose-gc,
// so its peak RSS is its own: we report the time (median of the repetitions), the heap still held
// by the result after a full GC, and the growth of the peak RSS during the solve (an upper bound of
// the peak heap growth).

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  assignJudges,
  DEFAULT_ASSIGN_WEIGHTS,
  pairPreferenceCost,
  type AssignPair,
  type AssignPanel,
  type AssignProblem,
  type JudgePreference,
} from "#app/modules/panels/assign";
import { Rng } from "./generators/random";

const USAGE = `usage: npm run bench:assign -- --entries N --judges J [--reads K] [--conflict-rate R] [--panel-size P] [--seed S] [--json]
       npm run bench:assign -- --compare [--entries N] [--reads K] [--conflict-rate R] [--seed S] [--json]

  one problem (default mode):
  --entries N        entries, an integer 1..1000000 (required)
  --judges J         judges, an integer 1..100000 (required); split into panels of about P judges
  --panel-size P     judges per panel (default 10); entries are spread evenly over the panels
  --reads K          reads per entry, an integer 1..10 (default 3)
  --conflict-rate R  share of (judge, entry) pairs of a panel in conflict, 0 <= R < 1 (default 0.01)
  --seed S           generator and solver seed, an integer (default 42)
  --json             one JSON line instead of a readable summary

  --compare          the multi-size comparison with the greedy baseline recorded in BENCHMARKS.md
                     (panels of about 100 entries and 10-15 judges; 100, 1000, 10000 and 100000
                     entries unless --entries N is given)`;

interface Options {
  json: boolean;
  compare: boolean;
  sizes: number[];
  entries?: number;
  judges?: number;
  panelSize: number;
  reads: number;
  conflictRate: number;
  seed: number;
  child?: { method: Method; entries: number };
}

type Method = "solver" | "greedy";

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
    else if (a === "--seed") o.seed = num(a, argv[++i], Number.isSafeInteger);
    else if (a === "--child") {
      const [method, entries] = (argv[++i] ?? "").split(":");
      if (method !== "solver" && method !== "greedy") fail(`bad --child ${method}`);
      o.child = { method, entries: Number(entries) };
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument: ${a}`);
  }
  if (o.compare || o.child) {
    if (o.judges !== undefined) fail("--judges does not apply to --compare (its panels have 10-15 judges)");
    if (o.entries !== undefined) o.sizes = [o.entries];
  } else {
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
  minLoad: number;
  maxLoad: number;
  maxPanelSpread: number;
  conflictsViolated: number;
  entriesShort: number;
  loadCost: number;
  preferenceCost: number;
  /** Independent lower bounds: balanced loads per panel; k cheapest eligible judges per entry. */
  loadLowerBound: number;
  preferenceLowerBound: number;
}

function quality(problem: AssignProblem, assignment: Map<string, string[]> | null): Quality {
  const conflicts = new Set((problem.conflicts ?? []).map((c) => `${c.entryId}|${c.judgeId}`));
  const prefs = new Map((problem.preferences ?? []).map((p) => [p.judgeId, p]));
  const willing = new Set((problem.preferences ?? []).flatMap((p) => (p.willing ?? []).map((e) => `${e}|${p.judgeId}`)));
  const unwilling = new Set((problem.preferences ?? []).flatMap((p) => (p.unwilling ?? []).map((e) => `${e}|${p.judgeId}`)));
  const cost = (entryId: string, categoryId: string, judgeId: string) =>
    pairPreferenceCost(
      prefs.get(judgeId)?.expertise?.[categoryId] ?? 0,
      willing.has(`${entryId}|${judgeId}`),
      unwilling.has(`${entryId}|${judgeId}`),
      DEFAULT_ASSIGN_WEIGHTS,
    );
  const q: Quality = {
    assignments: 0,
    minLoad: Infinity,
    maxLoad: 0,
    maxPanelSpread: 0,
    conflictsViolated: 0,
    entriesShort: 0,
    loadCost: 0,
    preferenceCost: 0,
    loadLowerBound: 0,
    preferenceLowerBound: 0,
  };
  const k = problem.reads;
  for (const panel of problem.panels) {
    const loads = new Map(panel.judges.map((j) => [j.id, 0]));
    for (const entry of panel.entries) {
      const judges = assignment?.get(entry.id) ?? [];
      if (new Set(judges).size !== k || judges.some((j) => !loads.has(j))) q.entriesShort++;
      for (const judgeId of judges) {
        q.assignments++;
        if (conflicts.has(`${entry.id}|${judgeId}`)) q.conflictsViolated++;
        loads.set(judgeId, (loads.get(judgeId) ?? 0) + 1);
        q.preferenceCost += cost(entry.id, entry.categoryId, judgeId);
      }
      const eligible = panel.judges
        .filter((j) => !conflicts.has(`${entry.id}|${j.id}`))
        .map((j) => cost(entry.id, entry.categoryId, j.id))
        .sort((a, b) => a - b);
      q.preferenceLowerBound += eligible.slice(0, k).reduce((s, c) => s + c, 0);
    }
    const values = [...loads.values()];
    for (const l of values) q.loadCost += l * l;
    q.minLoad = Math.min(q.minLoad, ...values);
    q.maxLoad = Math.max(q.maxLoad, ...values);
    q.maxPanelSpread = Math.max(q.maxPanelSpread, Math.max(...values) - Math.min(...values));
    const m = panel.judges.length;
    const total = k * panel.entries.length;
    const base = Math.floor(total / m);
    const extra = total - base * m;
    q.loadLowerBound += extra * (base + 1) ** 2 + (m - extra) * base ** 2;
  }
  return q;
}

// ------------------------------------------------------------------------------- child

function runChild(o: Options, method: Method, entries: number): void {
  const problem = generate(entries, o.reads, o.conflictRate, o.seed);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.resourceUsage().maxRSS; // KiB
  const reps = entries <= 1_000 ? 7 : entries <= 10_000 ? 3 : 1;
  const times: number[] = [];
  let assignment: Map<string, string[]> | null = null;
  let ok = true;
  let heapRetained = 0;
  let peakRssGrowth = 0;
  for (let r = 0; r < reps; r++) {
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
    if (r === 0) {
      peakRssGrowth = (process.resourceUsage().maxRSS - rssBefore) * 1024;
      gc?.();
      heapRetained = process.memoryUsage().heapUsed - heapBefore;
    }
  }
  times.sort((a, b) => a - b);
  const judges = new Set(problem.panels.flatMap((p) => p.judges.map((j) => j.id))).size;
  console.log(
    JSON.stringify({
      bench: "assign",
      method,
      entries,
      panels: problem.panels.length,
      judges,
      reads: o.reads,
      conflicts: problem.conflicts?.length ?? 0,
      seed: o.seed,
      ok,
      seconds: times[Math.floor(times.length / 2)],
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
  const g0 = performance.now();
  const problem = generateShaped(entries, judges, o.panelSize, o.reads, o.conflictRate, o.seed);
  const generateSeconds = (performance.now() - g0) / 1000;
  const t0 = performance.now();
  const result = assignJudges(problem);
  const seconds = (performance.now() - t0) / 1000;
  const q = quality(problem, result.ok ? result.assignment : null);
  const panelJudges = problem.panels.map((p) => p.judges.length);
  const row = {
    bench: "assign",
    seconds: Number(seconds.toFixed(3)),
    entries,
    judges,
    reads: o.reads,
    conflictRate: o.conflictRate,
    panels: problem.panels.length,
    judgesPerPanel: [Math.min(...panelJudges), Math.max(...panelJudges)],
    conflicts: problem.conflicts?.length ?? 0,
    seed: o.seed,
    ok: result.ok,
    assignments: q.assignments,
    minLoad: q.minLoad === Infinity ? 0 : q.minLoad,
    maxLoad: q.maxLoad,
    maxPanelSpread: q.maxPanelSpread,
    conflictsViolated: q.conflictsViolated,
    entriesShort: q.entriesShort,
    uncovered: result.ok ? 0 : result.uncovered.length,
    // The solver's cost (lexicographic: Σ load² per panel, then preference) next to independent
    // lower bounds recomputed here from the instance: perfectly balanced loads, and every entry's
    // k cheapest eligible judges ignoring load (not reachable once loads are balanced).
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
    console.log(`assignment: ${f(entries)} entries, ${f(judges)} judges in ${row.panels} panels of ${row.judgesPerPanel.join("-")}, k=${o.reads}, conflict rate ${o.conflictRate}, seed ${o.seed}`);
    console.log(`  solved in ${seconds.toFixed(3)} s (generated in ${generateSeconds.toFixed(3)} s), ${result.ok ? "feasible" : `INFEASIBLE: ${row.uncovered} entries cannot be covered`}`);
    console.log(`  ${f(q.assignments)} assignments, loads ${row.minLoad}..${q.maxLoad} (max spread in a panel ${q.maxPanelSpread})`);
    console.log(`  conflicts violated ${q.conflictsViolated}, entries short ${q.entriesShort}`);
    console.log(`  Σ load² ${f(q.loadCost)} (balanced lower bound ${f(q.loadLowerBound)}${q.loadCost === q.loadLowerBound ? ", reached" : ""})`);
    console.log(`  preference cost ${f(q.preferenceCost)} (lower bound ignoring load ${f(q.preferenceLowerBound)})`);
  }
  if (q.conflictsViolated > 0 || (result.ok && q.entriesShort > 0)) process.exitCode = 1;
}

// ------------------------------------------------------------------------------- parent

type Row = Record<string, number | string | boolean>;

function runInChild(o: Options, method: Method, entries: number): Row {
  const file = fileURLToPath(import.meta.url);
  const args = ["--expose-gc", "--import", "tsx", file, "--compare", "--child", `${method}:${entries}`];
  args.push("--reads", String(o.reads), "--conflict-rate", String(o.conflictRate), "--seed", String(o.seed));
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`child ${method}:${entries} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Row;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return runChild(o, o.child.method, o.child.entries);
  if (!o.compare) return runSingle(o);
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  if (!o.json) {
    console.log(`assignment benchmark: k=${o.reads}, conflict rate ${o.conflictRate}, seed ${o.seed}, node ${process.version}`);
    console.log(
      "entries | panels | judges | solver s | greedy s | time × | solver heap MB (retained / peak RSS Δ) | greedy heap MB | spread s/g | load cost s/g (LB) | pref cost s/g (LB) | violations s/g",
    );
  }
  for (const entries of o.sizes) {
    const s = runInChild(o, "solver", entries);
    const g = runInChild(o, "greedy", entries);
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
        s.panels,
        s.judges,
        Number(s.seconds).toFixed(3),
        Number(g.seconds).toFixed(4),
        timeRatio.toFixed(0),
        `${mb(Number(s.heapRetainedBytes))} / ${mb(Number(s.peakRssGrowthBytes))}`,
        `${mb(Number(g.heapRetainedBytes))} / ${mb(Number(g.peakRssGrowthBytes))}`,
        `${s.maxPanelSpread}/${g.maxPanelSpread}`,
        `${s.loadCost}/${g.loadCost} (${s.loadLowerBound})`,
        `${s.preferenceCost}/${g.preferenceCost} (${s.preferenceLowerBound})`,
        `${Number(s.conflictsViolated) + Number(s.entriesShort)}/${Number(g.conflictsViolated) + Number(g.entriesShort)}`,
      ].join(" | "),
    );
  }
}

main();
