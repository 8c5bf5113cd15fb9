import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PHASES } from "./phases";
import { closingInstant, plannedPhaseChanges } from "./schedule";

const NOW = new Date("2026-05-01T00:00:00Z");
const OPENS = new Date("2026-05-10T01:00:00Z");
const CLOSES = new Date("2026-06-30T16:59:00Z");
const PAST = new Date("2026-04-01T00:00:00Z");

describe("plannedPhaseChanges", () => {
  it("plans the opening and the closing (plus grace) of a draft", () => {
    expect(plannedPhaseChanges({ phase: "DRAFT", opensAt: OPENS, closesAt: CLOSES, graceMinutes: 15 }, NOW)).toEqual([
      { toPhase: "OPEN", runAt: OPENS },
      { toPhase: "CLOSED", runAt: new Date("2026-06-30T17:14:00Z") },
    ]);
  });

  it("plans no opening that is already past, and no closing without a deadline", () => {
    expect(plannedPhaseChanges({ phase: "DRAFT", opensAt: PAST, closesAt: CLOSES, graceMinutes: 0 }, NOW)).toEqual([
      { toPhase: "CLOSED", runAt: CLOSES },
    ]);
    expect(plannedPhaseChanges({ phase: "DRAFT", opensAt: OPENS, closesAt: null, graceMinutes: 0 }, NOW)).toEqual([
      { toPhase: "OPEN", runAt: OPENS },
    ]);
    expect(plannedPhaseChanges({ phase: "DRAFT", opensAt: NOW, closesAt: null, graceMinutes: 0 }, NOW)).toEqual([]);
  });

  it("an open contest only gets its closing, even when the deadline has just passed", () => {
    expect(plannedPhaseChanges({ phase: "OPEN", opensAt: OPENS, closesAt: CLOSES, graceMinutes: 0 }, NOW)).toEqual([
      { toPhase: "CLOSED", runAt: CLOSES },
    ]);
    expect(plannedPhaseChanges({ phase: "OPEN", opensAt: null, closesAt: PAST, graceMinutes: 10 }, NOW)).toEqual([
      { toPhase: "CLOSED", runAt: closingInstant(PAST, 10) },
    ]);
    expect(plannedPhaseChanges({ phase: "DRAFT", opensAt: null, closesAt: PAST, graceMinutes: 10 }, NOW)).toEqual([]);
  });

  it("plans nothing from Closed on, and only edges of the lifecycle before (property)", () => {
    const date = fc.option(fc.date({ min: new Date("2025-01-01"), max: new Date("2028-01-01"), noInvalidDate: true }));
    fc.assert(
      fc.property(fc.constantFrom(...PHASES), date, date, fc.nat(1440), (phase, opensAt, closesAt, graceMinutes) => {
        const plan = plannedPhaseChanges({ phase, opensAt, closesAt, graceMinutes }, NOW);
        if (phase !== "DRAFT" && phase !== "OPEN") expect(plan).toEqual([]);
        for (const change of plan) {
          expect(change.toPhase === "OPEN" ? phase === "DRAFT" : change.toPhase === "CLOSED").toBe(true);
          if (change.toPhase === "OPEN") expect(change.runAt.getTime()).toBeGreaterThan(NOW.getTime());
        }
        expect(new Set(plan.map((c) => c.toPhase)).size).toBe(plan.length);
      }),
    );
  });
});
