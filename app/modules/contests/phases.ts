// The contest lifecycle as an explicit state machine (DOMAIN.md, "Contest lifecycle").
// Pure: no database, no clock. The server side (phases.server.ts) gathers PhaseFacts and
// applies a transition; routes and the scheduler go through it, never set Contest.phase.
//
// Every allowed edge, and what must hold to take it:
//
// | from       | to         | why an organizer takes it                         | guard (refusal key, "contests:phase.errors.*")                         |
// |------------|------------|---------------------------------------------------|-----------------------------------------------------------------------|
// | DRAFT      | OPEN       | open the call for entries (by hand or scheduled)  | ≥1 category (noCategory); a rubric with ≥1 criterion (noRubric);      |
// |            |            |                                                   | a deadline (noDeadline) still in the future (deadlinePassed)          |
// | DRAFT      | ARCHIVED   | abandon a contest that never opened               | none                                                                  |
// | OPEN       | CLOSED     | the deadline (+ grace) has come, or close early   | none (closing early is the organizer's decision, and it is logged)    |
// | OPEN       | DRAFT      | opened by mistake: back to editing                | no entry submitted yet (hasSubmissions)                               |
// | CLOSED     | OPEN       | extend the window before judging starts           | the deadline, moved first in the editor, is in the future             |
// |            |            |                                                   | (noDeadline, deadlinePassed)                                          |
// | CLOSED     | JUDGING    | start judging                                     | no submitted entry awaits the eligibility check (entriesUnchecked);   |
// |            |            |                                                   | ≥1 eligible entry (noEligibleEntries); ≥1 round (noRound); the first  |
// |            |            |                                                   | round has a rubric version with criteria (roundWithoutRubric); every  |
// |            |            |                                                   | eligible entry is on a panel of the first round (entriesWithoutPanel) |
// |            |            |                                                   | and has the round's k active judges (entriesShortOfJudges)            |
// | JUDGING    | CLOSED     | back out: the assignment was wrong                | no score saved yet, not even a draft (scoringStarted)                 |
// | JUDGING    | FINALIZING | judging is done: compute and decide results       | every active assignment's scoresheet submitted (scoresheetsPending);  |
// |            |            |                                                   | no disagreement flag left open (disagreementsOpen)                    |
// | FINALIZING | JUDGING    | reopen judging (extra reader, reopened sheet)     | none                                                                  |
// | FINALIZING | PUBLISHED  | publish the results                               | a results snapshot exists (noPublication)                             |
// | PUBLISHED  | FINALIZING | prepare a correction (a new snapshot version)     | none (the correction's reason is required by the snapshot itself)    |
// | PUBLISHED  | ARCHIVED   | file the contest away; results stay public        | none                                                                  |
// | ARCHIVED   | PUBLISHED  | archived by mistake                               | a results snapshot exists (noPublication)                             |
//
// Anything else (skipping a phase, going back from judging to open, leaving Draft for
// anything but Open/Archived, staying in the same phase) is refused with notAllowed.
// Reasons are i18n keys in the "contests" namespace; a count travels as "key|{json}",
// the project's one error contract (see useErrorText in app/components/forms.tsx).
import type { ContestPhase } from "#app/generated/sqlite/enums";

export type { ContestPhase };

/** The phases in their forward order. */
export const PHASES = [
  "DRAFT",
  "OPEN",
  "CLOSED",
  "JUDGING",
  "FINALIZING",
  "PUBLISHED",
  "ARCHIVED",
] as const satisfies readonly ContestPhase[];

/** What the guards look at; plain data gathered by phases.server.ts (or built by a test). */
export interface PhaseFacts {
  /** The instant of the check (the guard has no clock of its own). */
  now: Date;
  categoryCount: number;
  /** At least one rubric version of the contest has at least one criterion. */
  hasRubricWithCriteria: boolean;
  /** The submission deadline (UTC instant), or null when not set. */
  closesAt: Date | null;
  /** Entries that were ever submitted (submitted, eligible, disqualified or withdrawn after submitting). */
  submittedEntryCount: number;
  /** Entries in state SUBMITTED: the secretary has not decided their eligibility yet. */
  uncheckedEntryCount: number;
  eligibleEntryCount: number;
  roundCount: number;
  /** The first round (lowest position) has a rubric version with at least one criterion. */
  firstRoundHasRubric: boolean;
  /** Eligible entries that are not on a panel of the first round. */
  entriesWithoutPanel: number;
  /** Eligible entries of the first round with fewer active judges than its reads per entry. */
  entriesShortOfJudges: number;
  /** Scoresheets of any state (a saved draft counts: scoring has started). */
  scoresheetCount: number;
  /** Active assignments whose scoresheet is missing or not submitted. */
  pendingScoresheets: number;
  /** Entries flagged for disagreement with no chair resolution yet. */
  openDisagreements: number;
  publicationCount: number;
}

export type TransitionCheck = { ok: true } | { ok: false; reasons: string[] };

type Guard = (facts: PhaseFacts) => string[];

const counted = (key: string, count: number) => `${key}|${JSON.stringify({ count })}`;

function deadlineAhead(f: PhaseFacts): string[] {
  if (!f.closesAt) return ["contests:phase.errors.noDeadline"];
  return f.closesAt.getTime() > f.now.getTime() ? [] : ["contests:phase.errors.deadlinePassed"];
}

function hasPublication(f: PhaseFacts): string[] {
  return f.publicationCount > 0 ? [] : ["contests:phase.errors.noPublication"];
}

const none: Guard = () => [];

/** The allowed edges and their guards: the table above, as data. */
export const TRANSITIONS: Readonly<Record<ContestPhase, Partial<Record<ContestPhase, Guard>>>> = {
  DRAFT: {
    OPEN: (f) => [
      ...(f.categoryCount > 0 ? [] : ["contests:phase.errors.noCategory"]),
      ...(f.hasRubricWithCriteria ? [] : ["contests:phase.errors.noRubric"]),
      ...deadlineAhead(f),
    ],
    ARCHIVED: none,
  },
  OPEN: {
    CLOSED: none,
    DRAFT: (f) => (f.submittedEntryCount > 0 ? [counted("contests:phase.errors.hasSubmissions", f.submittedEntryCount)] : []),
  },
  CLOSED: {
    OPEN: deadlineAhead,
    JUDGING: (f) => {
      const reasons: string[] = [];
      if (f.uncheckedEntryCount > 0) reasons.push(counted("contests:phase.errors.entriesUnchecked", f.uncheckedEntryCount));
      if (f.eligibleEntryCount === 0) reasons.push("contests:phase.errors.noEligibleEntries");
      if (f.roundCount === 0) reasons.push("contests:phase.errors.noRound");
      else if (!f.firstRoundHasRubric) reasons.push("contests:phase.errors.roundWithoutRubric");
      if (f.entriesWithoutPanel > 0) reasons.push(counted("contests:phase.errors.entriesWithoutPanel", f.entriesWithoutPanel));
      if (f.entriesShortOfJudges > 0) reasons.push(counted("contests:phase.errors.entriesShortOfJudges", f.entriesShortOfJudges));
      return reasons;
    },
  },
  JUDGING: {
    CLOSED: (f) => (f.scoresheetCount > 0 ? ["contests:phase.errors.scoringStarted"] : []),
    FINALIZING: (f) => [
      ...(f.pendingScoresheets > 0 ? [counted("contests:phase.errors.scoresheetsPending", f.pendingScoresheets)] : []),
      ...(f.openDisagreements > 0 ? [counted("contests:phase.errors.disagreementsOpen", f.openDisagreements)] : []),
    ],
  },
  FINALIZING: {
    JUDGING: none,
    PUBLISHED: hasPublication,
  },
  PUBLISHED: {
    FINALIZING: none,
    ARCHIVED: none,
  },
  ARCHIVED: {
    PUBLISHED: hasPublication,
  },
};

/** The phases reachable from `from` in one step (whatever the facts). */
export function nextPhases(from: ContestPhase): ContestPhase[] {
  return PHASES.filter((to) => TRANSITIONS[from][to] !== undefined);
}

export function isEdge(from: ContestPhase, to: ContestPhase): boolean {
  return TRANSITIONS[from][to] !== undefined;
}

/** Whether the contest may go from `from` to `to` given the facts; if not, every reason at once. */
export function checkTransition(from: ContestPhase, to: ContestPhase, facts: PhaseFacts): TransitionCheck {
  const guard = TRANSITIONS[from][to];
  if (!guard) return { ok: false, reasons: ["contests:phase.errors.notAllowed"] };
  const reasons = guard(facts);
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/** The i18n key of a reason, without its parameters. */
export function reasonKey(reason: string): string {
  return reason.split("|", 1)[0]!;
}
