import { describe, expect, it } from "vitest";
import { ROUND_DEFAULTS } from "#app/modules/panels/rounds.schema";
import { aggregate } from "#app/modules/rankings/aggregate";
import { oracleScores, simulateRound, type SimulationParams } from "./judging-sim";
import { kendallTauB } from "./order-agreement";
import { Rng } from "./random";

const base: SimulationParams = { entries: 60, panels: 3, judgesPerPanel: 5, reads: 3, shared: 0.4, severitySd: 6, noiseSd: 4 };

describe("simulateRound", () => {
  it("gives every entry k reads by distinct judges seated on its panel, totals on the 0.5 step within 0..100", () => {
    const round = simulateRound(base, Rng.seeded(7, "sim-test"));
    const panelOf = new Map(round.panels.flatMap((p) => p.entries.map((e) => [e.id, p] as const)));
    const readers = new Map<string, string[]>();
    for (const r of round.reads) {
      readers.set(r.entryId, [...(readers.get(r.entryId) ?? []), r.judgeId]);
      expect(panelOf.get(r.entryId)!.judges.map((j) => j.id)).toContain(r.judgeId);
      expect(r.total % 0.5).toBe(0);
      expect(r.total).toBeGreaterThanOrEqual(0);
      expect(r.total).toBeLessThanOrEqual(100);
    }
    expect(readers.size).toBe(base.entries);
    for (const judges of readers.values()) expect(new Set(judges).size).toBe(base.reads);
  });

  it("without severity and noise gives each entry its quality on the step, which the oracle returns", () => {
    const round = simulateRound({ ...base, severitySd: 0, noiseSd: 0 }, Rng.seeded(3, "sim-test"));
    const oracle = oracleScores(round);
    for (const e of round.entries) {
      const expected = Math.round(e.quality * 2) / 2;
      expect(round.reads.filter((r) => r.entryId === e.id).every((r) => r.total === expected)).toBe(true);
      expect(oracle.get(e.id)).toBe(expected);
    }
  });

  it("shifts a judge's totals by the judge's severity, which the oracle takes off", () => {
    const round = simulateRound({ ...base, severitySd: 10, noiseSd: 0, qualityMean: 50, qualitySd: 3 }, Rng.seeded(11, "sim-test"));
    const quality = new Map(round.entries.map((e) => [e.id, e.quality]));
    const severity = new Map(round.judges.map((j) => [j.id, j.severity]));
    for (const r of round.reads) expect(Math.abs(r.total - (quality.get(r.entryId)! + severity.get(r.judgeId)!))).toBeLessThanOrEqual(0.25 + 1e-9);
    const oracle = oracleScores(round);
    for (const e of round.entries) expect(Math.abs(oracle.get(e.id)! - e.quality)).toBeLessThanOrEqual(0.25 + 1e-9);
  });

  it("draws k distinct judges of the entry's panel with the random assignment too", () => {
    const round = simulateRound({ ...base, assignment: "random" }, Rng.seeded(9, "sim-test"));
    const panelOf = new Map(round.panels.flatMap((p) => p.entries.map((e) => [e.id, p] as const)));
    const readers = new Map<string, string[]>();
    for (const r of round.reads) readers.set(r.entryId, [...(readers.get(r.entryId) ?? []), r.judgeId]);
    expect(readers.size).toBe(base.entries);
    for (const [entryId, judges] of readers) {
      expect(new Set(judges).size).toBe(base.reads);
      for (const j of judges) expect(panelOf.get(entryId)!.judges.map((s) => s.id)).toContain(j);
    }
  });

  it("is reproducible from its seed", () => {
    expect(simulateRound(base, Rng.seeded(5, "x")).reads).toEqual(simulateRound(base, Rng.seeded(5, "x")).reads);
  });
});

describe("the round's default aggregation on the solver's assignment", () => {
  it("recovers the true order better than the plain mean when judges' severities spread as much as their noise", () => {
    // The bench:judging setting, smaller: panels linked through shared judges, severity sd = noise sd.
    const params: SimulationParams = { entries: 400, panels: 4, judgesPerPanel: 10, reads: 3, shared: 0.2, severitySd: 5, noiseSd: 5 };
    expect(ROUND_DEFAULTS.aggregation).toBe("NORMALIZED");
    const tau = { MEAN: [] as number[], NORMALIZED: [] as number[], oracle: [] as number[] };
    for (let seed = 1; seed <= 3; seed++) {
      const round = simulateRound(params, Rng.seeded(seed, "default-method"));
      const ids = round.entries.map((e) => e.id);
      const truth = round.entries.map((e) => e.quality);
      for (const method of ["MEAN", "NORMALIZED"] as const) {
        const scores = aggregate({ method, entryIds: ids, reads: round.reads }).entries.map((e) => e.score!);
        tau[method].push(kendallTauB(scores, truth));
      }
      const oracle = oracleScores(round);
      tau.oracle.push(kendallTauB(ids.map((id) => oracle.get(id)!), truth));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // Clearly better than the mean, and at most a third of the mean's distance from the oracle.
    expect(mean(tau.NORMALIZED) - mean(tau.MEAN)).toBeGreaterThan(0.03);
    expect(mean(tau.oracle) - mean(tau.NORMALIZED)).toBeLessThan((mean(tau.oracle) - mean(tau.MEAN)) * 0.67);
  });
});
