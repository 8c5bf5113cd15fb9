// The figures of the deadline-surge benchmark (bench/surge.bench.ts) from its measurements:
// latency percentiles, the ratios of two instances on PostgreSQL against one on SQLite, the chart.
import { chartSvg, type ChartPanel, type Series } from "./chart";

export const SETUPS = ["sqlite", "pg2"] as const;
export type Setup = (typeof SETUPS)[number];
export const SCENARIOS = ["upload", "scoring"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One measurement: one JSON line of the benchmark. */
export interface Row {
  setup: Setup;
  instances: number;
  database: "sqlite" | "postgresql";
  scenario: Scenario;
  concurrency: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not the success answer, plus connection errors and timeouts. */
  errors: number;
  statusCounts: Record<string, number>;
  acknowledged: number;
  stored: number;
  /** Acknowledged requests not found stored (expected 0). */
  missing: number;
  /** CPU milliseconds per request of the server processes (all instances; SQLite's work included). */
  serverCpuMs: number;
  /** CPU milliseconds per request of PostgreSQL's backends for the database; null on SQLite. */
  databaseCpuMs: number | null;
  /** CPU milliseconds per request of the load generator (autocannon in the benchmark's process). */
  clientCpuMs: number;
  loadAverage: number;
  /** Errors the servers logged during the run, by their message (blank space collapsed, cut at 240 characters). */
  serverErrors: Record<string, number>;
}

export interface Ratio {
  setup: "pg2/sqlite";
  scenario: Scenario;
  concurrency: number;
  /** Throughput of pg2 divided by sqlite's: above 1, pg2 served more requests per second. */
  rpsRatio: number;
  /** 95th percentile latency of pg2 divided by sqlite's: above 1, pg2 was slower. */
  p95Ratio: number;
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** The nearest-rank percentile (p in 0–100) of values sorted ascending; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** pg2 against sqlite for each (scenario, concurrency) measured with both. */
export function ratios(rows: readonly Row[]): Ratio[] {
  const out: Ratio[] = [];
  for (const pg2 of rows.filter((r) => r.setup === "pg2")) {
    const sqlite = rows.find((r) => r.setup === "sqlite" && r.scenario === pg2.scenario && r.concurrency === pg2.concurrency);
    if (!sqlite) continue;
    out.push({
      setup: "pg2/sqlite",
      scenario: pg2.scenario,
      concurrency: pg2.concurrency,
      rpsRatio: round(pg2.rps / sqlite.rps, 2),
      p95Ratio: round(pg2.p95 / sqlite.p95, 2),
    });
  }
  return out;
}

const STYLE: Record<Setup, Pick<Series, "name" | "color" | "dashed">> = {
  sqlite: { name: "one instance, SQLite", color: "#1d4ed8" },
  pg2: { name: "two instances, one PostgreSQL", color: "#c2410c", dashed: true },
};

/** Four panels (uploads and autosaves; throughput and p95) by concurrency, one line per setup. */
export function surgePanels(rows: readonly Row[]): ChartPanel[] {
  const series = (scenario: Scenario, value: (r: Row) => number): Series[] =>
    SETUPS.filter((s) => rows.some((r) => r.setup === s && r.scenario === scenario)).map((s) => ({
      ...STYLE[s],
      points: rows
        .filter((r) => r.setup === s && r.scenario === scenario)
        .sort((a, b) => a.concurrency - b.concurrency)
        .map((r) => [r.concurrency, value(r)] as const),
    }));
  return [
    { title: "Uploads: throughput", yLabel: "requests per second", scenario: "upload" as const, value: (r: Row) => r.rps },
    { title: "Uploads: 95th percentile latency", yLabel: "ms", scenario: "upload" as const, value: (r: Row) => r.p95 },
    { title: "Autosaves: throughput", yLabel: "requests per second", scenario: "scoring" as const, value: (r: Row) => r.rps },
    { title: "Autosaves: 95th percentile latency", yLabel: "ms", scenario: "scoring" as const, value: (r: Row) => r.p95 },
  ].map((p) => ({ title: p.title, xLabel: "concurrent clients", xLog: true, yLabel: p.yLabel, series: series(p.scenario, p.value) }));
}

/** The chart's SVG, with the machine in its footnote. */
export function surgeChart(rows: readonly Row[], machine: { cores: number; node: string }): string {
  const load = rows.map((r) => r.loadAverage);
  const note =
    `${machine.cores} cores, Node ${machine.node}, 1-min load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} ` +
    `during the runs; PostgreSQL and the load generator on the same machine`;
  return chartSvg(surgePanels(rows), note);
}
