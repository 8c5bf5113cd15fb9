import { describe, expect, it } from "vitest";
import { canRecuse, deskState, othersVisible, scoringAccess, type AssignmentFacts } from "./access";

const NOW = new Date("2026-11-20T03:00:00Z");
const LATER = new Date("2026-11-21T03:00:00Z");
const EARLIER = new Date("2026-11-19T03:00:00Z");

const writable: AssignmentFacts = {
  status: "ACTIVE",
  phase: "JUDGING",
  judgeMember: true,
  seated: true,
  conflicted: false,
  entryEligible: true,
  roundEntry: "IN",
  rubricVersionId: "rv1",
  deadline: LATER,
  sheet: null,
};

describe("scoringAccess", () => {
  it("lets the judge write an active, unconflicted assignment of a judging contest before the deadline", () => {
    expect(scoringAccess(writable, NOW)).toEqual({ read: true, write: true });
    expect(scoringAccess({ ...writable, deadline: null }, NOW)).toEqual({ read: true, write: true });
    expect(scoringAccess({ ...writable, sheet: { status: "DRAFT", reopenedAt: null } }, NOW)).toEqual({ read: true, write: true });
  });

  it("hides the assignment entirely when it is recused, removed, conflicted, not eligible, or the judge was revoked", () => {
    for (const facts of [
      { ...writable, status: "RECUSED" as const },
      { ...writable, status: "REMOVED" as const },
      { ...writable, conflicted: true },
      { ...writable, entryEligible: false },
      { ...writable, judgeMember: false },
    ]) {
      expect(scoringAccess(facts, NOW)).toEqual({ read: false });
    }
  });

  it("shows nothing before judging starts or after results are published", () => {
    for (const phase of ["DRAFT", "OPEN", "CLOSED", "PUBLISHED", "ARCHIVED"] as const) {
      expect(scoringAccess({ ...writable, phase }, NOW), phase).toEqual({ read: false });
    }
  });

  it("is read-only, with the reason, when submitted, finalizing, off the panel, out of the round or without a rubric", () => {
    expect(scoringAccess({ ...writable, sheet: { status: "SUBMITTED", reopenedAt: null } }, NOW)).toEqual({ read: true, write: false, reason: "submitted" });
    expect(scoringAccess({ ...writable, phase: "FINALIZING" }, NOW)).toEqual({ read: true, write: false, reason: "notJudging" });
    expect(scoringAccess({ ...writable, seated: false }, NOW)).toEqual({ read: true, write: false, reason: "leftPanel" });
    expect(scoringAccess({ ...writable, roundEntry: "ADVANCED" }, NOW)).toEqual({ read: true, write: false, reason: "roundOver" });
    expect(scoringAccess({ ...writable, roundEntry: null }, NOW)).toEqual({ read: true, write: false, reason: "roundOver" });
    expect(scoringAccess({ ...writable, rubricVersionId: null }, NOW)).toEqual({ read: true, write: false, reason: "noRubric" });
  });

  it("is read-only from the deadline on, unless the chair reopened the sheet after it", () => {
    expect(scoringAccess({ ...writable, deadline: EARLIER }, NOW)).toEqual({ read: true, write: false, reason: "deadlinePassed" });
    expect(scoringAccess({ ...writable, deadline: NOW }, NOW)).toEqual({ read: true, write: false, reason: "deadlinePassed" });
    const reopenedBefore = { ...writable, deadline: EARLIER, sheet: { status: "DRAFT" as const, reopenedAt: new Date("2026-11-18T00:00:00Z") } };
    expect(scoringAccess(reopenedBefore, NOW)).toEqual({ read: true, write: false, reason: "deadlinePassed" });
    const reopenedAfter = { ...writable, deadline: EARLIER, sheet: { status: "DRAFT" as const, reopenedAt: new Date("2026-11-19T10:00:00Z") } };
    expect(scoringAccess(reopenedAfter, NOW)).toEqual({ read: true, write: true });
  });
});

describe("canRecuse", () => {
  it("allows recusing from a readable assignment while judging until it is submitted, deadline or not", () => {
    expect(canRecuse(writable)).toBe(true);
    expect(canRecuse({ ...writable, deadline: EARLIER })).toBe(true);
    expect(canRecuse({ ...writable, sheet: { status: "DRAFT", reopenedAt: null } })).toBe(true);
    expect(canRecuse({ ...writable, sheet: { status: "SUBMITTED", reopenedAt: null } })).toBe(false);
    expect(canRecuse({ ...writable, phase: "FINALIZING" })).toBe(false);
    expect(canRecuse({ ...writable, status: "RECUSED" })).toBe(false);
  });
});

describe("othersVisible", () => {
  it("follows the round's rule", () => {
    expect([othersVisible("NEVER", false), othersVisible("NEVER", true)]).toEqual([false, false]);
    expect([othersVisible("AFTER_OWN", false), othersVisible("AFTER_OWN", true)]).toEqual([false, true]);
    expect([othersVisible("ALWAYS", false), othersVisible("ALWAYS", true)]).toEqual([true, true]);
  });
});

describe("deskState", () => {
  it("names where an assignment stands", () => {
    expect(deskState({ conflicted: false, sheet: null })).toBe("notStarted");
    expect(deskState({ conflicted: false, sheet: { status: "DRAFT", started: false } })).toBe("notStarted");
    expect(deskState({ conflicted: false, sheet: { status: "DRAFT", started: true } })).toBe("draft");
    expect(deskState({ conflicted: false, sheet: { status: "SUBMITTED", started: true } })).toBe("submitted");
    expect(deskState({ conflicted: true, sheet: { status: "DRAFT", started: true } })).toBe("onHold");
  });
});
