// Which scheduled phase changes a contest should have pending, from its opening and closing
// times (issue 3, "Schedule"). Pure: the caller passes the clock. settings.server.ts brings the
// PhaseChange rows in line with this plan whenever the times or the phase change, and
// runDuePhaseChanges (phases.server.ts) carries them out.
//
// - OPEN at the opening time, while the contest is a draft and that time is still ahead;
// - CLOSED at the closing time plus the grace minutes, while the contest is a draft or open
//   (for an open contest even when that instant has passed: the next run closes it; a draft
//   whose deadline has passed cannot open any more, so nothing is planned for it).
import type { ContestPhase } from "./phases";

export interface ScheduleInput {
  phase: ContestPhase;
  opensAt: Date | null;
  closesAt: Date | null;
  graceMinutes: number;
}

export interface PlannedChange {
  toPhase: ContestPhase;
  runAt: Date;
}

/** The instant entries stop being accepted: the deadline plus the grace minutes. */
export function closingInstant(closesAt: Date, graceMinutes: number): Date {
  return new Date(closesAt.getTime() + graceMinutes * 60_000);
}

export function plannedPhaseChanges(contest: ScheduleInput, now: Date): PlannedChange[] {
  const planned: PlannedChange[] = [];
  if (contest.phase === "DRAFT" && contest.opensAt && contest.opensAt.getTime() > now.getTime()) {
    planned.push({ toPhase: "OPEN", runAt: contest.opensAt });
  }
  if ((contest.phase === "DRAFT" || contest.phase === "OPEN") && contest.closesAt) {
    const runAt = closingInstant(contest.closesAt, contest.graceMinutes);
    if (contest.phase === "OPEN" || runAt.getTime() > now.getTime()) planned.push({ toPhase: "CLOSED", runAt });
  }
  return planned;
}
