// Who may read and who may write a scoresheet, as pure decisions over facts the policy gathers
// (./policies.server): no database, no clock (the time is passed in). Tested rule by rule.
//
// Reading (the sheet's page, the entry's masked text): the judge's own assignment, ACTIVE (not
// recused, not removed), its entry still eligible, no conflict of interest on the pair (CONFIRMED,
// or a PENDING detection: treated as a conflict until the secretariat dismisses it, as the
// assignment does), the judge still an unrevoked judge of the contest, and the contest judging or
// finalizing its results (before judging starts nothing is shown; once results are published the
// sheets belong to the results). Anything else reads as "not found".
//
// Writing (saving a draft, submitting) additionally needs: the contest in JUDGING, the judge still
// seated on the assignment's panel, the entry still in the round (not advanced or eliminated: the
// round is over for it), a rubric version to score with, a sheet that is not submitted, and the
// round's judging deadline not passed. After the deadline a sheet stays readable and its draft is
// kept as it is (never submitted on the judge's behalf); the organizer can move the deadline in the
// round's settings. A sheet the chair reopened after the deadline stays writable until it is
// submitted again: reopening is the chair's explicit decision to have it changed.
import type { AssignmentStatus, ContestPhase, RoundEntryStatus, ScoresheetStatus, ScoreVisibility } from "#app/generated/sqlite/enums";

export interface AssignmentFacts {
  status: AssignmentStatus;
  phase: ContestPhase;
  /** An unrevoked JUDGE membership of the contest. */
  judgeMember: boolean;
  /** A seat on the assignment's panel. */
  seated: boolean;
  /** A CONFIRMED or PENDING conflict of interest on the pair. */
  conflicted: boolean;
  entryEligible: boolean;
  /** The entry's place in the round (null: not in the round). */
  roundEntry: RoundEntryStatus | null;
  /** The version the sheet is scored on: the sheet's own, else the round's. */
  rubricVersionId: string | null;
  deadline: Date | null;
  sheet: { status: ScoresheetStatus; reopenedAt: Date | null } | null;
}

export const READ_ONLY_REASONS = ["submitted", "deadlinePassed", "notJudging", "noRubric", "leftPanel", "roundOver"] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

export type Access = { read: false } | { read: true; write: true } | { read: true; write: false; reason: ReadOnlyReason };

const READABLE_PHASES: readonly ContestPhase[] = ["JUDGING", "FINALIZING"];

/** Whether the contest's phase shows judges their assignments at all. */
export function judgingVisible(phase: ContestPhase): boolean {
  return READABLE_PHASES.includes(phase);
}

/** Whether the judge may read the assignment's entry and sheet. */
export function canRead(f: AssignmentFacts): boolean {
  return f.status === "ACTIVE" && f.judgeMember && f.entryEligible && !f.conflicted && judgingVisible(f.phase);
}

/** Whether the deadline has passed for this sheet at `now` (a sheet reopened after it is exempt). */
export function pastDeadline(f: Pick<AssignmentFacts, "deadline" | "sheet">, now: Date): boolean {
  if (!f.deadline || now.getTime() < f.deadline.getTime()) return false;
  const reopenedAt = f.sheet?.status === "DRAFT" ? f.sheet.reopenedAt : null;
  return !(reopenedAt && reopenedAt.getTime() >= f.deadline.getTime());
}

/** What the judge may do with the assignment's sheet at `now` (see the top of the file). */
export function scoringAccess(f: AssignmentFacts, now: Date): Access {
  if (!canRead(f)) return { read: false };
  const readOnly = (reason: ReadOnlyReason): Access => ({ read: true, write: false, reason });
  if (f.sheet?.status === "SUBMITTED") return readOnly("submitted");
  if (f.phase !== "JUDGING") return readOnly("notJudging");
  if (!f.seated) return readOnly("leftPanel");
  if (f.roundEntry !== "IN") return readOnly("roundOver");
  if (!f.rubricVersionId) return readOnly("noRubric");
  if (pastDeadline(f, now)) return readOnly("deadlinePassed");
  return { read: true, write: true };
}

/**
 * Whether the judge may recuse from the assignment (declare a conflict and leave it): a readable
 * assignment of a contest in JUDGING whose sheet is not submitted. The deadline does not matter:
 * a conflict is a conflict whenever it is found.
 */
export function canRecuse(f: AssignmentFacts): boolean {
  return canRead(f) && f.phase === "JUDGING" && f.sheet?.status !== "SUBMITTED";
}

/** Whether a judge sees the other judges' submitted scores on the entry, by the round's rule. */
export function othersVisible(rule: ScoreVisibility, ownSubmitted: boolean): boolean {
  if (rule === "ALWAYS") return true;
  if (rule === "AFTER_OWN") return ownSubmitted;
  return false;
}

export const DESK_STATES = ["notStarted", "draft", "submitted", "onHold"] as const;
export type DeskState = (typeof DESK_STATES)[number];

/**
 * Where an assignment stands on the judge's desk: on hold while a conflict is on the pair (it
 * cannot be opened), else by its sheet (a sheet without any score or note is not started).
 */
export function deskState(f: { conflicted: boolean; sheet: { status: ScoresheetStatus; started: boolean } | null }): DeskState {
  if (f.conflicted) return "onHold";
  if (f.sheet?.status === "SUBMITTED") return "submitted";
  return f.sheet?.started ? "draft" : "notStarted";
}
