import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { chartSvg } from "./chart";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

describe("chartSvg", () => {
  const svg = chartSvg(
    [
      {
        title: "Seconds & entries",
        xLabel: "entries",
        yLabel: "seconds",
        xLog: true,
        yLog: true,
        series: [
          { name: "solver", color: "#1d4ed8", points: [[100, 0.01], [1000, 0.05], [100000, 2]] },
          { name: "greedy", color: "#b91c1c", dashed: true, points: [[100, 0.0001], [100000, 0.2]] },
        ],
      },
      { title: "Spread", xLabel: "entries", yLabel: "max − min", xLog: true, series: [{ name: "solver", color: "#1d4ed8", points: [[100, 1], [100000, 4]] }] },
    ],
    "shared machine",
  );
  const doc = parser.parse(svg).svg;
  const lines = [doc.polyline].flat() as { "data-series": string; points: string; "stroke-dasharray"?: string }[];

  it("draws one line per series and panel, through every point, inside the drawing", () => {
    expect(lines.map((l) => l["data-series"])).toEqual(["solver", "greedy", "solver"]);
    const counts = lines.map((l) => l.points.split(" ").length);
    expect(counts).toEqual([3, 2, 2]);
    for (const l of lines) {
      for (const p of l.points.split(" ")) {
        const [x, y] = p.split(",").map(Number) as [number, number];
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(Number(doc.width));
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(Number(doc.height));
      }
    }
    expect(lines[1]!["stroke-dasharray"]).toBe("5 3");
  });

  it("places points in order on a logarithmic axis: equal ratios, equal distances", () => {
    const xs = lines[0]!.points.split(" ").map((p) => Number(p.split(",")[0]));
    // 100 → 1000 is one decade, 1000 → 100000 two.
    expect(xs[2]! - xs[1]!).toBeCloseTo(2 * (xs[1]! - xs[0]!), 0);
    const ys = lines[0]!.points.split(" ").map((p) => Number(p.split(",")[1]));
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeGreaterThan(ys[2]!);
  });

  it("wraps a legend wider than the chart onto more rows, inside the drawing", () => {
    const series = Array.from({ length: 5 }, (_, i) => ({ name: `series ${i}`, color: "#000000", points: [[1, 1], [10, 2]] as [number, number][] }));
    const wide = parser.parse(chartSvg([{ title: "t", xLabel: "x", yLabel: "y", series }], "a note")).svg;
    const texts = [wide.text].flat() as ({ x: string; y: string; "#text": string } | string)[];
    const legend = texts.filter((t): t is { x: string; y: string; "#text": string } => typeof t === "object" && String(t["#text"]).startsWith("series "));
    expect(legend).toHaveLength(5);
    expect(new Set(legend.map((t) => t.y)).size).toBeGreaterThan(1);
    for (const t of legend) expect(Number(t.x)).toBeLessThan(Number(wide.width));
    const note = texts.find((t) => typeof t === "object" && t["#text"] === "a note") as { y: string };
    expect(Number(note.y)).toBeGreaterThan(Math.max(...legend.map((t) => Number(t.y))));
    expect(Number(note.y)).toBeLessThanOrEqual(Number(wide.height));
  });

  it("escapes text and lists each series once in the legend", () => {
    expect(svg).toContain("Seconds &amp; entries");
    expect(svg.match(/>solver<\/text>/g)).toHaveLength(1);
    expect(svg).toContain("shared machine");
  });

  it("extends a linear axis to the first tick past the highest point, so every point lies inside its panel", () => {
    // 0..12 with steps of 5 and 0..0.63 with steps of 0.2: the last points fall between ticks.
    const one = parser.parse(chartSvg([{ title: "t", xLabel: "x", yLabel: "y", series: [{ name: "s", color: "#000", points: [[0, 0.1], [6, 0.4], [12, 0.63]] }] }])).svg;
    const gridX = ([one.line].flat() as { x1: string; x2: string; y1: string; y2: string }[]).filter((l) => l.x1 === l.x2).map((l) => Number(l.x1));
    const gridY = ([one.line].flat() as { x1: string; x2: string; y1: string; y2: string }[]).filter((l) => l.y1 === l.y2).map((l) => Number(l.y1));
    for (const p of ([one.polyline].flat() as { points: string }[])[0]!.points.split(" ")) {
      const [x, y] = p.split(",").map(Number) as [number, number];
      expect(x).toBeLessThanOrEqual(Math.max(...gridX) + 1e-9);
      expect(y).toBeGreaterThanOrEqual(Math.min(...gridY) - 1e-9);
    }
  });
});
