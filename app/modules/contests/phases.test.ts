import { describe, expect, it } from "vitest";
import { checkTransition, isEdge, nextPhases, type PhaseFacts, PHASES, reasonKey, TRANSITIONS } from "./phases";

const NOW = new Date("2026-05-01T00:00:00Z");

/** Facts under which every guarded edge may be taken. */
function ready(overrides: Partial<PhaseFacts> = {}): PhaseFacts {
  return {
    now: NOW,
    categoryCount: 2,
    hasRubricWithCriteria: true,
    closesAt: new Date("2026-06-01T00:00:00Z"),
    submittedEntryCount: 0,
    uncheckedEntryCount: 0,
    eligibleEntryCount: 10,
    roundCount: 1,
    firstRoundHasRubric: true,
    entriesWithoutPanel: 0,
    entriesShortOfJudges: 0,
    scoresheetCount: 0,
    pendingScoresheets: 0,
    openDisagreements: 0,
    publicationCount: 1,
    ...overrides,
  };
}

const keys = (facts: Partial<PhaseFacts>, from: Parameters<typeof checkTransition>[0], to: Parameters<typeof checkTransition>[1]) => {
  const r = checkTransition(from, to, ready(facts));
  return r.ok ? [] : r.reasons.map(reasonKey);
};

describe("the lifecycle's edges", () => {
  const allowed: [string, string][] = [
    ["DRAFT", "OPEN"],
    ["DRAFT", "ARCHIVED"],
    ["OPEN", "CLOSED"],
    ["OPEN", "DRAFT"],
    ["CLOSED", "OPEN"],
    ["CLOSED", "JUDGING"],
    ["JUDGING", "CLOSED"],
    ["JUDGING", "FINALIZING"],
    ["FINALIZING", "JUDGING"],
    ["FINALIZING", "PUBLISHED"],
    ["PUBLISHED", "FINALIZING"],
    ["PUBLISHED", "ARCHIVED"],
    ["ARCHIVED", "PUBLISHED"],
  ];

  it("are exactly the documented table", () => {
    const edges = PHASES.flatMap((from) => nextPhases(from).map((to) => [from, to]));
    expect(edges.sort()).toEqual([...allowed].sort());
  });

  for (const [from, to] of allowed) {
    it(`${from} → ${to} is taken when its guard holds`, () => {
      expect(checkTransition(from as never, to as never, ready())).toEqual({ ok: true });
    });
  }

  it("refuses every other pair, including staying put, whatever the facts", () => {
    for (const from of PHASES) {
      for (const to of PHASES) {
        if (isEdge(from, to)) continue;
        expect(checkTransition(from, to, ready())).toEqual({ ok: false, reasons: ["contests:phase.errors.notAllowed"] });
      }
    }
  });

  it("the forward path visits every phase in order", () => {
    for (let i = 0; i + 1 < PHASES.length; i++) expect(isEdge(PHASES[i]!, PHASES[i + 1]!)).toBe(true);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...PHASES].sort());
  });
});

describe("guards", () => {
  it("Draft → Open needs a category, a rubric with criteria and a future deadline", () => {
    expect(keys({ categoryCount: 0 }, "DRAFT", "OPEN")).toEqual(["contests:phase.errors.noCategory"]);
    expect(keys({ hasRubricWithCriteria: false }, "DRAFT", "OPEN")).toEqual(["contests:phase.errors.noRubric"]);
    expect(keys({ closesAt: null }, "DRAFT", "OPEN")).toEqual(["contests:phase.errors.noDeadline"]);
    expect(keys({ closesAt: NOW }, "DRAFT", "OPEN")).toEqual(["contests:phase.errors.deadlinePassed"]);
    // Every reason at once, so the organizer fixes everything in one visit.
    expect(keys({ categoryCount: 0, hasRubricWithCriteria: false, closesAt: null }, "DRAFT", "OPEN")).toEqual([
      "contests:phase.errors.noCategory",
      "contests:phase.errors.noRubric",
      "contests:phase.errors.noDeadline",
    ]);
  });

  it("Open → Draft only before the first submission, with the count", () => {
    expect(checkTransition("OPEN", "DRAFT", ready({ submittedEntryCount: 3 }))).toEqual({
      ok: false,
      reasons: ['contests:phase.errors.hasSubmissions|{"count":3}'],
    });
  });

  it("Closed → Open (extension) needs the deadline moved into the future first", () => {
    expect(keys({ closesAt: new Date(NOW.getTime() - 1) }, "CLOSED", "OPEN")).toEqual(["contests:phase.errors.deadlinePassed"]);
    expect(keys({ closesAt: null }, "CLOSED", "OPEN")).toEqual(["contests:phase.errors.noDeadline"]);
    expect(keys({ submittedEntryCount: 50 }, "CLOSED", "OPEN")).toEqual([]);
  });

  it("Closed → Judging needs checked, eligible, panelled and fully assigned entries and a round with a rubric", () => {
    expect(keys({ uncheckedEntryCount: 2 }, "CLOSED", "JUDGING")).toEqual(["contests:phase.errors.entriesUnchecked"]);
    expect(keys({ eligibleEntryCount: 0 }, "CLOSED", "JUDGING")).toEqual(["contests:phase.errors.noEligibleEntries"]);
    expect(keys({ roundCount: 0, firstRoundHasRubric: false }, "CLOSED", "JUDGING")).toEqual(["contests:phase.errors.noRound"]);
    expect(keys({ firstRoundHasRubric: false }, "CLOSED", "JUDGING")).toEqual(["contests:phase.errors.roundWithoutRubric"]);
    expect(keys({ entriesWithoutPanel: 4 }, "CLOSED", "JUDGING")).toEqual(["contests:phase.errors.entriesWithoutPanel"]);
    expect(checkTransition("CLOSED", "JUDGING", ready({ entriesShortOfJudges: 7 }))).toEqual({
      ok: false,
      reasons: ['contests:phase.errors.entriesShortOfJudges|{"count":7}'],
    });
  });

  it("Judging → Closed only before any score is saved", () => {
    expect(keys({ scoresheetCount: 1 }, "JUDGING", "CLOSED")).toEqual(["contests:phase.errors.scoringStarted"]);
  });

  it("Judging → Finalizing needs every scoresheet submitted and no open disagreement", () => {
    expect(keys({ pendingScoresheets: 5 }, "JUDGING", "FINALIZING")).toEqual(["contests:phase.errors.scoresheetsPending"]);
    expect(keys({ openDisagreements: 1 }, "JUDGING", "FINALIZING")).toEqual(["contests:phase.errors.disagreementsOpen"]);
  });

  it("Finalizing → Published and Archived → Published need a results snapshot", () => {
    expect(keys({ publicationCount: 0 }, "FINALIZING", "PUBLISHED")).toEqual(["contests:phase.errors.noPublication"]);
    expect(keys({ publicationCount: 0 }, "ARCHIVED", "PUBLISHED")).toEqual(["contests:phase.errors.noPublication"]);
  });

  it("unguarded edges hold whatever the facts", () => {
    const worst = ready({
      categoryCount: 0,
      hasRubricWithCriteria: false,
      closesAt: null,
      submittedEntryCount: 9,
      uncheckedEntryCount: 9,
      eligibleEntryCount: 0,
      roundCount: 0,
      firstRoundHasRubric: false,
      entriesWithoutPanel: 9,
      entriesShortOfJudges: 9,
      scoresheetCount: 9,
      pendingScoresheets: 9,
      openDisagreements: 9,
      publicationCount: 0,
    });
    for (const [from, to] of [
      ["DRAFT", "ARCHIVED"],
      ["OPEN", "CLOSED"],
      ["FINALIZING", "JUDGING"],
      ["PUBLISHED", "FINALIZING"],
      ["PUBLISHED", "ARCHIVED"],
    ] as const) {
      expect(checkTransition(from, to, worst)).toEqual({ ok: true });
    }
  });
});
