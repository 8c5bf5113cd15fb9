import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { icc1 } from "./agreement";
import { agreementByPanel, criterionAverages, deviationReading, judgeStatistics, largestCompleteBlock, meanWithInterval, type SheetRow } from "./judging";

const sheet = (entryId: string, judgeId: string, total: number, panelId = "p1"): SheetRow => ({ entryId, judgeId, panelId, total });

describe("judgeStatistics", () => {
  // e1 read by A, B, C; e2 by A and B; e3 by A alone.
  const sheets = [sheet("e1", "A", 70), sheet("e1", "B", 80), sheet("e1", "C", 90), sheet("e2", "A", 60), sheet("e2", "B", 70), sheet("e3", "A", 50)];

  it("compares each judge with the other readers of the same entries (hand computation)", () => {
    const byJudge = new Map(judgeStatistics(sheets).map((j) => [j.judgeId, j]));
    // A: e1 70 − (80 + 90)/2 = −15, e2 60 − 70 = −10, e3 has no co-reader: mean −12.5 over 2,
    // sd √12.5, interval ±t(0.975; 1)·√12.5/√2 = ±12.706·2.5.
    const a = byJudge.get("A")!;
    expect(a.totals).toMatchObject({ count: 3, mean: 60, median: 60, min: 50, max: 70 });
    expect(a.deviation).toMatchObject({ mean: -12.5, entries: 2 });
    expect(a.deviation!.sd).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(a.deviation!.ci![0]).toBeCloseTo(-12.5 - 12.7062047 * 2.5, 5);
    expect(a.deviation!.ci![1]).toBeCloseTo(-12.5 + 12.7062047 * 2.5, 5);
    // B: e1 80 − 80 = 0, e2 70 − 60 = +10. C: e1 90 − 75 = +15, one entry so no interval.
    expect(byJudge.get("B")!.deviation).toMatchObject({ mean: 5, entries: 2 });
    expect(byJudge.get("C")!.deviation).toEqual({ mean: 15, entries: 1, sd: null, ci: null });
  });

  it("keeps a judge's panels apart", () => {
    const rows = judgeStatistics([sheet("e1", "A", 70, "p1"), sheet("e1", "B", 80, "p1"), sheet("e9", "A", 40, "p2"), sheet("e9", "C", 50, "p2")]);
    expect(rows.filter((r) => r.judgeId === "A").map((r) => [r.panelId, r.totals.mean, r.deviation!.mean])).toEqual([
      ["p1", 70, -10],
      ["p2", 40, -10],
    ]);
  });

  /** Entries with a common level, read by k of m judges; judge 0 adds `bias` to every score. */
  const design = fc.record({
    levels: fc.array(fc.integer({ min: 40, max: 90 }), { minLength: 3, maxLength: 30 }),
    m: fc.integer({ min: 3, max: 8 }),
    k: fc.integer({ min: 2, max: 3 }),
    bias: fc.integer({ min: -20, max: 20 }),
    offset: fc.nat(),
  });

  it("finds a judge who adds a constant to every score: deviation = bias, the co-readers' −bias/(k − 1)", () => {
    fc.assert(
      fc.property(design, ({ levels, m, k, bias, offset }) => {
        const rows: SheetRow[] = [];
        levels.forEach((level, i) => {
          // Judge 0 reads every entry, with k − 1 others taken in turn.
          const readers = [0, ...Array.from({ length: k - 1 }, (_, r) => 1 + ((i + offset + r) % (m - 1)))];
          for (const j of readers) rows.push(sheet(`e${i}`, `J${j}`, level + (j === 0 ? bias : 0)));
        });
        const stats = judgeStatistics(rows);
        for (const s of stats) {
          expect(s.deviation!.mean).toBeCloseTo(s.judgeId === "J0" ? bias : -bias / (k - 1), 9);
          if (s.deviation!.ci) expect(s.deviation!.ci[1] - s.deviation!.ci[0]).toBeCloseTo(0, 9); // no noise, no doubt
        }
      }),
    );
  });

  it("has deviations that cancel out over all sheets, whatever the order of the rows", () => {
    const rows = fc.array(
      fc.record({ e: fc.integer({ min: 0, max: 9 }), j: fc.integer({ min: 0, max: 5 }), total: fc.integer({ min: 0, max: 200 }).map((n) => n / 2) }),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(rows, (raw) => {
        const unique = new Map(raw.map((r) => [`${r.e}-${r.j}`, sheet(`e${r.e}`, `J${r.j}`, r.total)]));
        const list = [...unique.values()];
        const stats = judgeStatistics(list);
        const sum = stats.reduce((s, j) => s + (j.deviation ? j.deviation.mean * j.deviation.entries : 0), 0);
        expect(sum).toBeCloseTo(0, 6);
        const key = (xs: ReturnType<typeof judgeStatistics>) => [...xs].sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1));
        const reversed = key(judgeStatistics([...list].reverse()));
        key(stats).forEach((s, i) => {
          expect(reversed[i]!.totals).toEqual(s.totals);
          expect(reversed[i]!.deviation?.mean ?? null).toBeCloseTo(s.deviation?.mean ?? 0, 9);
        });
      }),
    );
  });
});

describe("meanWithInterval", () => {
  it("gives no interval for one difference and none at all for no difference", () => {
    expect(meanWithInterval([])).toBeNull();
    expect(meanWithInterval([3])).toEqual({ mean: 3, entries: 1, sd: null, ci: null });
    // Differences 1, 2, 3: mean 2, sd 1, interval 2 ± t(0.975; 2)/√3 = 2 ± 4.3027/1.7321.
    const r = meanWithInterval([1, 2, 3])!;
    expect(r.ci![0]).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5);
  });
});

describe("deviationReading", () => {
  it("reads harsh or lenient only when the interval leaves out 0", () => {
    expect(deviationReading(meanWithInterval([-6, -5, -7]))).toBe("harsh");
    expect(deviationReading(meanWithInterval([6, 5, 7]))).toBe("lenient");
    expect(deviationReading(meanWithInterval([-6, 5, 2]))).toBe("even");
    expect(deviationReading(meanWithInterval([-20]))).toBe("notEnough");
    expect(deviationReading(null)).toBe("notEnough");
  });
});

describe("largestCompleteBlock", () => {
  const panel = (rows: [string, Record<string, number>][]) => new Map(rows.map(([e, scores]) => [e, new Map(Object.entries(scores))]));

  it("keeps the block holding the most scores", () => {
    // Four entries read by A, B, C (12 scores) against those read by A, B, D (2 entries, 6 scores).
    const abc = panel([
      ["e1", { A: 60, B: 62, C: 65 }],
      ["e2", { A: 70, B: 75, C: 72 }],
      ["e3", { A: 80, B: 78, C: 85 }],
      ["e4", { A: 50, B: 55, C: 52 }],
      ["e5", { A: 66, B: 64, D: 60 }],
      ["e6", { A: 90, B: 88, D: 91 }],
    ]);
    expect(largestCompleteBlock(abc)).toMatchObject({ judgeIds: ["A", "B", "C"], judges: 3, entries: 4 });
    // Five entries read by A and B only, two by A, B, C: the pair's block has 7 entries (14 scores).
    const ab = panel([
      ...["e1", "e2", "e3", "e4", "e5"].map((e, i): [string, Record<string, number>] => [e, { A: 50 + i, B: 52 + i }]),
      ["e6", { A: 60, B: 61, C: 70 }],
      ["e7", { A: 40, B: 45, C: 42 }],
    ]);
    expect(largestCompleteBlock(ab)).toMatchObject({ judgeIds: ["A", "B"], entries: 7, w: 1 });
  });

  it("prefers more judges on a tie, and gives nothing below three entries", () => {
    // {A, B, C}: 4 entries × 3 = 12 scores; {A, B}: 6 entries × 2 = 12 as well.
    const tie = panel([
      ["e1", { A: 60, B: 62, C: 65 }],
      ["e2", { A: 70, B: 75, C: 72 }],
      ["e3", { A: 80, B: 78, C: 85 }],
      ["e4", { A: 55, B: 50, C: 58 }],
      ["e5", { A: 80, B: 78 }],
      ["e6", { A: 81, B: 79 }],
    ]);
    expect(largestCompleteBlock(tie)).toMatchObject({ judgeIds: ["A", "B", "C"], entries: 4 });
    tie.set("e7", new Map([["A", 82], ["B", 80]]));
    expect(largestCompleteBlock(tie)).toMatchObject({ judgeIds: ["A", "B"], entries: 7 });
    expect(largestCompleteBlock(panel([["e1", { A: 1, B: 2 }], ["e2", { A: 3, B: 4 }]]))).toBeNull();
  });
});

describe("agreementByPanel", () => {
  it("computes ICC(1) per panel on entries with two scores, and over the round", () => {
    const rows = [
      sheet("e1", "A", 60), sheet("e1", "B", 62), sheet("e1", "C", 65),
      sheet("e2", "A", 70), sheet("e2", "B", 75),
      sheet("e3", "A", 80), sheet("e3", "C", 85),
      sheet("e4", "B", 50), // one score: not shared
      sheet("f1", "D", 50, "p2"), sheet("f1", "E", 90, "p2"),
      sheet("f2", "D", 70, "p2"), sheet("f2", "E", 60, "p2"),
    ];
    const { panels, round } = agreementByPanel(rows);
    const p1 = panels.find((p) => p.panelId === "p1")!;
    expect(p1).toMatchObject({ entriesScored: 4, entriesShared: 3 });
    expect(p1.icc!.single).toBeCloseTo(icc1([[60, 62, 65], [70, 75], [80, 85]])!.single, 12);
    // Only two entries in panel 2: not enough data.
    expect(panels.find((p) => p.panelId === "p2")).toMatchObject({ entriesScored: 2, entriesShared: 2, icc: null, w: null });
    expect(round!.entries).toBe(5);
  });
});

describe("criterionAverages", () => {
  it("gives each criterion's mean as a share of its maximum, in the criteria's order", () => {
    const rows = criterionAverages(
      [
        { id: "c1", name: "Tư tưởng, quan điểm", maxPoints: 25 },
        { id: "c2", name: "Hình thức, ngôn ngữ, sáng tạo", maxPoints: 10 },
      ],
      new Map([["c2", { sum: 21, count: 3 }]]),
    );
    expect(rows).toEqual([
      { criterionId: "c1", name: "Tư tưởng, quan điểm", maxPoints: 25, count: 0, mean: null, share: null },
      { criterionId: "c2", name: "Hình thức, ngôn ngữ, sáng tạo", maxPoints: 10, count: 3, mean: 7, share: 0.7 },
    ]);
  });
});
