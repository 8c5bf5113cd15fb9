// How well each aggregation method (app/modules/rankings/aggregate.ts) recovers the true order of
// the entries, next to an oracle that knows the judges' severities.
//
//   npm run bench:judging -- --json
//   npm run bench:judging -- --json --chart bench/judging-methods.svg
//
// A seeded simulation (bench/generators/judging-sim.ts): --entries entries (default 1000) of known
// true quality (N(70, 8) on the 100-point scale), --panels panels (default 10) of --panel-size
// judges (default 10), --shared of the judges (default 0.1) also on a second panel, --reads reads
// per entry (default 3) assigned by the real solver (--assignment random: k judges of the panel
// drawn at random, a well-mixed judge–entry graph, for comparison); each judge has a severity ~ N(0, --severity)
// (default 5 points) and a noise sd uniform in [½, 1½]·--noise (default 5 points); totals on the
// rubric's step of 0.5. Each method ranks the round by its score as published (rounded to
// SCORE_DECIMALS); the oracle by the mean of (total − true severity). Measures, against the true
// quality, over the whole round: Kendall's tau-b, and the share of the true top --top (default 10)
// among the method's top --top. Averaged over --seeds rounds (default 10; the standard deviation
// over seeds is given too). One JSON line per method (--json) or a table; `default` marks the
// method a new round starts with (ROUND_DEFAULTS). --chart FILE also sweeps the severity
// (0, 2, …, 12 points) with both assignments and writes an SVG chart: tau per method and the oracle
// with the solver's and with random readers, and the top-k overlap with the solver's.
import { writeFileSync } from "node:fs";
import { ROUND_DEFAULTS } from "#app/modules/panels/rounds.schema";
import { aggregate, AGGREGATION_METHODS, roundScore, type AggregationMethod } from "#app/modules/rankings/aggregate";
import { chartSvg, type Series } from "./chart";
import { oracleScores, simulateRound, type SimulationParams } from "./generators/judging-sim";
import { kendallTauB, topOverlap } from "./generators/order-agreement";
import { Rng } from "./generators/random";

const USAGE = `usage: npm run bench:judging -- [--entries N] [--panels P] [--panel-size S] [--reads K] [--shared X] [--assignment solver|random]
                             [--severity SD] [--noise SD] [--seeds N] [--seed S] [--top K] [--json] [--chart FILE]`;

interface Options extends SimulationParams {
  seeds: number;
  seed: number;
  top: number;
  json: boolean;
  chart?: string;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv: string[]): Options {
  const o: Options = { entries: 1000, panels: 10, judgesPerPanel: 10, reads: 3, shared: 0.1, severitySd: 5, noiseSd: 5, seeds: 10, seed: 42, top: 10, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (min: number, max: number, integer = true) => {
      const raw = argv[++i];
      const v = Number(raw);
      if (raw === undefined || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) fail(`${a} needs ${integer ? "an integer" : "a number"} from ${min} to ${max}`);
      return v;
    };
    if (a === "--entries") o.entries = num(2, 20_000);
    else if (a === "--panels") o.panels = num(1, 1000);
    else if (a === "--panel-size") o.judgesPerPanel = num(1, 1000);
    else if (a === "--reads") o.reads = num(1, 20);
    else if (a === "--shared") o.shared = num(0, 1, false);
    else if (a === "--severity") o.severitySd = num(0, 50, false);
    else if (a === "--noise") o.noiseSd = num(0, 50, false);
    else if (a === "--seeds") o.seeds = num(1, 1000);
    else if (a === "--seed") o.seed = num(0, 2 ** 31);
    else if (a === "--top") o.top = num(1, 1000);
    else if (a === "--json") o.json = true;
    else if (a === "--assignment") {
      const v = argv[++i];
      if (v !== "solver" && v !== "random") fail("--assignment is solver or random");
      o.assignment = v;
    }
    else if (a === "--chart") {
      o.chart = argv[++i];
      if (!o.chart || o.chart.startsWith("--")) fail("--chart needs a file name");
    } else fail(`unknown argument ${a}`);
  }
  if (o.reads > o.judgesPerPanel) fail("--reads cannot exceed --panel-size");
  return o;
}

const o = parse(process.argv.slice(2));
type Row = { kendallTau: number; top: number; oracleKendallTau: number; oracleTop: number };
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Every method's and the oracle's agreement with the truth on `seeds` simulated rounds. */
function evaluate(params: SimulationParams) {
  const perMethod = new Map<AggregationMethod, Row[]>(AGGREGATION_METHODS.map((m) => [m, []]));
  let components = 0;
  for (let s = 0; s < o.seeds; s++) {
    const round = simulateRound(params, Rng.seeded(o.seed + s, "judging-bench"));
    const ids = round.entries.map((e) => e.id);
    const truth = round.entries.map((e) => e.quality);
    const oracleOf = oracleScores(round);
    // Ranked as published: rounded to SCORE_DECIMALS. Every entry is read, so none is null.
    const oracle = ids.map((id) => roundScore(oracleOf.get(id)!));
    const oracleKendallTau = kendallTauB(oracle, truth);
    const oracleTop = topOverlap(oracle, truth, o.top);
    for (const method of AGGREGATION_METHODS) {
      const result = aggregate({ method, entryIds: ids, reads: round.reads });
      components += method === "NORMALIZED" ? result.components.length : 0;
      const scores = result.entries.map((e) => e.score!);
      perMethod.get(method)!.push({ kendallTau: kendallTauB(scores, truth), top: topOverlap(scores, truth, o.top), oracleKendallTau, oracleTop });
    }
  }
  return { perMethod, components: components / o.seeds };
}

const { perMethod, components } = evaluate(o);
const topKey = `top${o.top}Overlap`;
const lines = AGGREGATION_METHODS.map((method) => {
  const rows = perMethod.get(method)!;
  return {
    bench: "judging",
    method,
    default: method === ROUND_DEFAULTS.aggregation,
    kendallTau: r4(mean(rows.map((r) => r.kendallTau))),
    kendallTauSd: r4(sd(rows.map((r) => r.kendallTau))),
    [topKey]: r4(mean(rows.map((r) => r.top))),
    [`${topKey}Sd`]: r4(sd(rows.map((r) => r.top))),
    oracleKendallTau: r4(mean(rows.map((r) => r.oracleKendallTau))),
    [`oracle${topKey[0]!.toUpperCase()}${topKey.slice(1)}`]: r4(mean(rows.map((r) => r.oracleTop))),
    entries: o.entries,
    panels: o.panels,
    judges: o.panels * o.judgesPerPanel,
    reads: o.reads,
    shared: o.shared,
    assignment: o.assignment ?? "solver",
    severitySd: o.severitySd,
    noiseSd: o.noiseSd,
    components: Math.round(components * 100) / 100,
    seeds: o.seeds,
    seed: o.seed,
  };
});

if (o.json) for (const line of lines) console.log(JSON.stringify(line));
else {
  console.log(`${o.entries} entries, ${o.panels} panels of ${o.judgesPerPanel} judges (${o.shared} shared), ${o.reads} reads; severity sd ${o.severitySd}, noise sd ${o.noiseSd}; ${o.seeds} seeds; ${components} component(s)`);
  console.log(`method        tau     top-${o.top}   (oracle: tau ${lines[0]!.oracleKendallTau}, top-${o.top} ${lines[0]![`oracle${topKey[0]!.toUpperCase()}${topKey.slice(1)}`]})`);
  for (const l of lines) console.log(`${(l.method + (l.default ? "*" : "")).padEnd(13)} ${String(l.kendallTau).padEnd(7)} ${l[topKey]}`);
}

if (o.chart) {
  const severities = [0, 2, 4, 6, 8, 10, 12];
  const sweeps = (["solver", "random"] as const).map((assignment) => severities.map((severitySd) => ({ severitySd, ...evaluate({ ...o, severitySd, assignment }) })));
  const colors: Record<AggregationMethod | "ORACLE", string> = { MEAN: "#1f77b4", TRIMMED_MEAN: "#ff7f0e", NORMALIZED: "#2ca02c", ORACLE: "#555555" };
  const series = (sweep: (typeof sweeps)[number], pick: (r: Row) => number, oracle: (r: Row) => number): Series[] => [
    ...AGGREGATION_METHODS.map((method) => ({
      name: method === ROUND_DEFAULTS.aggregation ? `${method} (default)` : method,
      color: colors[method],
      points: sweep.map((s) => [s.severitySd, mean(s.perMethod.get(method)!.map(pick))] as const),
    })),
    { name: "oracle (true severities)", color: colors.ORACLE, dashed: true, points: sweep.map((s) => [s.severitySd, mean(s.perMethod.get("MEAN")!.map(oracle))] as const) },
  ];
  const x = "judges' severity sd (points)";
  const svg = chartSvg(
    [
      { title: "Kendall's tau, solver's assignment", xLabel: x, yLabel: "tau-b with the true order", series: series(sweeps[0]!, (r) => r.kendallTau, (r) => r.oracleKendallTau) },
      { title: "Kendall's tau, random readers", xLabel: x, yLabel: "tau-b with the true order", series: series(sweeps[1]!, (r) => r.kendallTau, (r) => r.oracleKendallTau) },
      { title: `True top ${o.top} in the top ${o.top}, solver`, xLabel: x, yLabel: "share", series: series(sweeps[0]!, (r) => r.top, (r) => r.oracleTop) },
    ],
    `${o.entries} entries, ${o.panels} panels of ${o.judgesPerPanel} judges (${o.shared * 100} % also on a second panel), ${o.reads} reads, noise sd ${o.noiseSd}; mean of ${o.seeds} seeds`,
  );
  writeFileSync(o.chart, svg);
}
