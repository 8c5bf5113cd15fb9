// Who may score what (STYLE.md 6): the facts about one assignment, read scoped by the judge's id
// (`where: { id, judgeId }`, so another judge's assignment is simply not found), handed to the
// pure rules of ./access. Scoring functions call assignmentFacts inside their transaction, so the
// decision and the write see the same rows.
import { prisma, type Tx } from "#app/utils/db.server";
import { forbidden, notFound } from "#app/utils/http.server";
import { canRead, canRecuse, scoringAccess, type Access, type AssignmentFacts } from "./access";

export interface AssignmentContext {
  assignmentId: string;
  judgeId: string;
  contestId: string;
  roundId: string;
  panelId: string;
  entryId: string;
  facts: AssignmentFacts;
}

/** The judge's own assignment with the facts the rules need; null when it is not theirs (or does not exist). */
export async function assignmentFacts(db: Tx, judgeId: string, assignmentId: string): Promise<AssignmentContext | null> {
  const row = await db.assignment.findFirst({
    where: { id: assignmentId, judgeId },
    select: {
      id: true,
      status: true,
      roundId: true,
      panelId: true,
      entryId: true,
      round: { select: { contestId: true, rubricVersionId: true, judgingDeadline: true, contest: { select: { phase: true } } } },
      panel: { select: { judges: { where: { userId: judgeId }, select: { id: true } } } },
      entry: { select: { status: true } },
      scoresheet: { select: { status: true, reopenedAt: true, rubricVersionId: true } },
    },
  });
  if (!row) return null;
  const contestId = row.round.contestId;
  const [member, conflict, placement] = await Promise.all([
    db.contestMember.count({ where: { contestId, userId: judgeId, role: "JUDGE", revokedAt: null } }),
    db.conflictOfInterest.count({ where: { judgeId, entryId: row.entryId, status: { in: ["CONFIRMED", "PENDING"] } } }),
    db.roundEntry.findUnique({ where: { roundId_entryId: { roundId: row.roundId, entryId: row.entryId } }, select: { status: true } }),
  ]);
  return {
    assignmentId: row.id,
    judgeId,
    contestId,
    roundId: row.roundId,
    panelId: row.panelId,
    entryId: row.entryId,
    facts: {
      status: row.status,
      phase: row.round.contest.phase,
      judgeMember: member > 0,
      seated: row.panel.judges.length > 0,
      conflicted: conflict > 0,
      entryEligible: row.entry.status === "ELIGIBLE",
      roundEntry: placement?.status ?? null,
      rubricVersionId: row.scoresheet?.rubricVersionId ?? row.round.rubricVersionId,
      deadline: row.round.judgingDeadline,
      sheet: row.scoresheet ? { status: row.scoresheet.status, reopenedAt: row.scoresheet.reopenedAt } : null,
    },
  };
}

/** What the judge may do with the assignment now (read: false when it is not theirs). */
export async function assignmentAccess(judgeId: string, assignmentId: string, now: Date = new Date()): Promise<Access> {
  const ctx = await assignmentFacts(prisma, judgeId, assignmentId);
  return ctx ? scoringAccess(ctx.facts, now) : { read: false };
}

/**
 * canScoreAssignment: the judge of an ACTIVE assignment in a JUDGING contest, seated on its
 * panel, with no conflict on the pair, before the round's deadline (if any), on a sheet not yet
 * submitted. Never for a recused pair. (./access has every rule.)
 */
export async function canScoreAssignment(judgeId: string, assignmentId: string, now: Date = new Date()): Promise<boolean> {
  const access = await assignmentAccess(judgeId, assignmentId, now);
  return access.read && access.write;
}

/** Whether the judge may recuse from the assignment now (./access canRecuse). */
export async function canRecuseAssignment(judgeId: string, assignmentId: string): Promise<boolean> {
  const ctx = await assignmentFacts(prisma, judgeId, assignmentId);
  return ctx ? canRecuse(ctx.facts) : false;
}

type Who = { id: string };

/** The judge's desk is for unrevoked judges of some contest; anyone else is refused with 403. */
export async function requireJudge(user: Who) {
  const seats = await prisma.contestMember.count({ where: { userId: user.id, role: "JUDGE", revokedAt: null } });
  if (seats === 0) forbidden();
}

/** An assignment the user may read as its judge (./access canRead); anyone else gets 404, so its existence does not leak. */
export async function requireAssignmentReader(user: Who, assignmentId: string) {
  const ctx = await assignmentFacts(prisma, user.id, assignmentId);
  if (!ctx || !canRead(ctx.facts)) notFound();
}
