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

  it("escapes text and lists each series once in the legend", () => {
    expect(svg).toContain("Seconds &amp; entries");
    expect(svg.match(/>solver<\/text>/g)).toHaveLength(1);
    expect(svg).toContain("shared machine");
  });
});
