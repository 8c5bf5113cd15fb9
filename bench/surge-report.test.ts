import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { percentile, ratios, surgeChart, surgePanels, type Row } from "./surge-report";

function row(setup: Row["setup"], scenario: Row["scenario"], concurrency: number, rps: number, p95: number): Row {
  return {
    setup,
    instances: setup === "pg2" ? 2 : 1,
    database: setup === "pg2" ? "postgresql" : "sqlite",
    scenario,
    concurrency,
    requests: 100,
    seconds: 100 / rps,
    rps,
    p50: p95 / 2,
    p95,
    p99: p95 * 1.2,
    errors: 0,
    statusCounts: { "200": 100 },
    acknowledged: 100,
    stored: 100,
    missing: 0,
    serverCpuMs: 50,
    databaseCpuMs: setup === "pg2" ? 10 : null,
    clientCpuMs: 2,
    loadAverage: 3,
    serverErrors: {},
  };
}

describe("percentile", () => {
  it("takes the nearest rank: the smallest value with at least p % of the values at or below it", () => {
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 10); // 10, 20, …, 200
    expect(percentile(sorted, 50)).toBe(100); // rank 10 of 20
    expect(percentile(sorted, 95)).toBe(190); // rank 19
    expect(percentile(sorted, 99)).toBe(200); // rank 19.8 → 20
    expect(percentile(sorted, 0)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe("ratios", () => {
  it("pairs pg2 with sqlite at the same scenario and concurrency, and skips what has no partner", () => {
    const rows = [
      row("sqlite", "upload", 8, 10, 400),
      row("pg2", "upload", 8, 8, 600),
      row("sqlite", "scoring", 8, 50, 100),
      row("pg2", "scoring", 8, 60, 90),
      row("pg2", "scoring", 32, 70, 300),
    ];
    expect(ratios(rows)).toEqual([
      { setup: "pg2/sqlite", scenario: "upload", concurrency: 8, rpsRatio: 0.8, p95Ratio: 1.5 },
      { setup: "pg2/sqlite", scenario: "scoring", concurrency: 8, rpsRatio: 1.2, p95Ratio: 0.9 },
    ]);
  });
});

describe("the chart", () => {
  const rows = [
    row("pg2", "upload", 32, 9, 900),
    row("sqlite", "upload", 2, 3, 200),
    row("sqlite", "upload", 32, 12, 800),
    row("pg2", "upload", 2, 2, 300),
    row("sqlite", "scoring", 2, 20, 50),
    row("pg2", "scoring", 2, 15, 80),
  ];

  it("has throughput and p95 panels for each scenario, one line per setup in order of concurrency", () => {
    const panels = surgePanels(rows);
    expect(panels.map((p) => p.title)).toEqual(["Uploads: throughput", "Uploads: 95th percentile latency", "Autosaves: throughput", "Autosaves: 95th percentile latency"]);
    expect(panels[0]!.series.map((s) => [s.name, s.points])).toEqual([
      ["one instance, SQLite", [[2, 3], [32, 12]]],
      ["two instances, one PostgreSQL", [[2, 2], [32, 9]]],
    ]);
    expect(panels[3]!.series.map((s) => s.points)).toEqual([[[2, 50]], [[2, 80]]]);
  });

  it("renders one polyline per setup and panel and names the machine", () => {
    const svg = surgeChart(rows, { cores: 2, node: "v20.20.2" });
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg).svg;
    expect(([doc.polyline].flat() as { "data-series": string }[]).map((l) => l["data-series"])).toEqual(
      Array.from({ length: 4 }, () => ["one instance, SQLite", "two instances, one PostgreSQL"]).flat(),
    );
    expect(svg).toContain("2 cores, Node v20.20.2, 1-min load average 3.0–3.0");
  });
});
