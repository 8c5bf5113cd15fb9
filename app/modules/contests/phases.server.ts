// Applying the lifecycle (phases.ts) to the database: by hand (transitionContest) and on
// schedule (runDuePhaseChanges). The only writer of Contest.phase.
//
// Concurrency: the transaction first locks the contest row (a no-op write), then the phase is
// changed by a conditional update (WHERE phase = the phase the guard saw), so of two
// transitions racing from the same phase exactly one changes a row; the other is refused
// (changedMeanwhile when it named the phase it expected, else by the guard) and writes nothing. A scheduled change is
// claimed by setting its doneAt where doneAt is still null, in the same transaction as the
// transition, so it runs once even when two workers run at the same time, and a crash rolls
// the claim back with the change.
import type { ContestPhase } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { countOpenDisagreements } from "#app/modules/scoring/discrepancies.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { lockContest } from "./lock.server";
import { checkTransition, type PhaseFacts } from "./phases";

export interface TransitionInput {
  contestId: string;
  to: ContestPhase;
  /** null for the scheduler. */
  actorId: string | null;
  ip?: string | null;
  /** The phase the caller saw (the page the organizer submitted); refused if it has changed since. */
  from?: ContestPhase;
  /** The instant of the check; the server's clock by default. */
  now?: Date;
}

export type TransitionResult =
  | { ok: true; from: ContestPhase; to: ContestPhase }
  | { ok: false; reasons: string[]; from: ContestPhase | null };

/** Everything the guards of phases.ts look at, read inside the caller's transaction. */
export async function gatherPhaseFacts(tx: Tx, contestId: string, now: Date): Promise<PhaseFacts | null> {
  const contest = await tx.contest.findUnique({ where: { id: contestId }, select: { closesAt: true } });
  if (!contest) return null;

  const [categoryCount, criteria, submittedEntryCount, uncheckedEntryCount, eligibleEntryCount, roundCount, firstRound] =
    await Promise.all([
      tx.category.count({ where: { contestId } }),
      tx.criterion.count({ where: { rubricVersion: { rubric: { contestId } } } }),
      tx.entry.count({
        where: { contestId, OR: [{ submittedAt: { not: null } }, { status: { in: ["SUBMITTED", "ELIGIBLE", "DISQUALIFIED"] } }] },
      }),
      tx.entry.count({ where: { contestId, status: "SUBMITTED" } }),
      tx.entry.count({ where: { contestId, status: "ELIGIBLE" } }),
      tx.round.count({ where: { contestId } }),
      tx.round.findFirst({
        where: { contestId },
        orderBy: { position: "asc" },
        select: { id: true, readsPerEntry: true, rubricVersion: { select: { _count: { select: { criteria: true } } } } },
      }),
    ]);

  let entriesWithoutPanel = 0;
  let entriesShortOfJudges = 0;
  if (firstRound) {
    const onPanel = { roundId: firstRound.id, panelId: { not: null } };
    entriesWithoutPanel = await tx.entry.count({ where: { contestId, status: "ELIGIBLE", roundEntries: { none: onPanel } } });
    const panelled = await tx.roundEntry.findMany({
      where: { ...onPanel, entry: { status: "ELIGIBLE" } },
      select: { entryId: true },
    });
    const reads = await tx.assignment.groupBy({
      by: ["entryId"],
      where: { roundId: firstRound.id, status: "ACTIVE" },
      _count: { _all: true },
    });
    const readsOf = new Map(reads.map((r) => [r.entryId, r._count._all]));
    entriesShortOfJudges = panelled.filter((re) => (readsOf.get(re.entryId) ?? 0) < firstRound.readsPerEntry).length;
  }

  const inContest = { round: { contestId } };
  const [scoresheetCount, pendingScoresheets, publicationCount, openDisagreements] = await Promise.all([
    tx.scoresheet.count({ where: { assignment: inContest } }),
    tx.assignment.count({
      where: { ...inContest, status: "ACTIVE", OR: [{ scoresheet: { is: null } }, { scoresheet: { is: { status: "DRAFT" } } }] },
    }),
    tx.publication.count({ where: { contestId } }),
    countOpenDisagreements(tx, contestId),
  ]);

  return {
    now,
    categoryCount,
    hasRubricWithCriteria: criteria > 0,
    closesAt: contest.closesAt,
    submittedEntryCount,
    uncheckedEntryCount,
    eligibleEntryCount,
    roundCount,
    firstRoundHasRubric: (firstRound?.rubricVersion?._count.criteria ?? 0) > 0,
    entriesWithoutPanel,
    entriesShortOfJudges,
    scoresheetCount,
    pendingScoresheets,
    openDisagreements,
    publicationCount,
  };
}

/**
 * One transition inside the caller's transaction (for callers that change more in the same
 * commit, e.g. publishing writes the snapshot and then moves to PUBLISHED). Writes the audit
 * record "contest.phase" {from, to} only when the phase changed.
 */
export async function transitionContestTx(tx: Tx, input: TransitionInput, extra: Record<string, unknown> = {}): Promise<TransitionResult> {
  const now = input.now ?? new Date();
  // Lock the contest row before reading anything: a write as the first statement makes a second
  // SQLite connection (another app instance) wait for this commit instead of failing with a busy
  // snapshot at the update below, and on PostgreSQL it serialises transitions of one contest.
  await lockContest(tx, input.contestId);
  const current = await tx.contest.findUnique({ where: { id: input.contestId }, select: { phase: true } });
  if (!current) return { ok: false, reasons: ["contests:phase.errors.notFound"], from: null };
  const from = current.phase;
  if (input.from && input.from !== from) return { ok: false, reasons: ["contests:phase.errors.changedMeanwhile"], from };

  const facts = await gatherPhaseFacts(tx, input.contestId, now);
  if (!facts) return { ok: false, reasons: ["contests:phase.errors.notFound"], from: null };
  const check = checkTransition(from, input.to, facts);
  if (!check.ok) return { ok: false, reasons: check.reasons, from };

  const changed = await tx.contest.updateMany({
    where: { id: input.contestId, phase: from },
    data: { phase: input.to },
  });
  if (changed.count !== 1) return { ok: false, reasons: ["contests:phase.errors.changedMeanwhile"], from };

  await audit(tx, {
    actorId: input.actorId,
    contestId: input.contestId,
    action: "contest.phase",
    targetType: "Contest",
    targetId: input.contestId,
    data: { from, to: input.to, ...extra },
    ip: input.ip ?? null,
  });
  return { ok: true, from, to: input.to };
}

/** Moves a contest to another phase if the lifecycle allows it now; logged. Authorization is the caller's. */
export async function transitionContest(input: TransitionInput): Promise<TransitionResult> {
  return prisma.$transaction((tx) => transitionContestTx(tx, input));
}

export interface ScheduledRun {
  phaseChangeId: string;
  contestId: string;
  to: ContestPhase;
  outcome: "applied" | "refused";
  reasons: string[];
}

/**
 * Applies the scheduled phase changes due at `now` (runAt ≤ now, not done), oldest first,
 * each exactly once. A change the guard refuses is marked done all the same and recorded as
 * "contest.phaseRefused" {from, to, phaseChangeId, reasons}: the organizer sees why in the
 * audit log and changes the phase by hand once the problem is fixed. Rows another worker has
 * claimed meanwhile are left out of the result.
 */
export async function runDuePhaseChanges(now: Date): Promise<ScheduledRun[]> {
  const due = await prisma.phaseChange.findMany({
    where: { doneAt: null, runAt: { lte: now } },
    orderBy: [{ runAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, contestId: true, toPhase: true },
  });
  const runs: ScheduledRun[] = [];
  for (const change of due) {
    const run = await prisma.$transaction(async (tx): Promise<ScheduledRun | null> => {
      // The contest row first, as every writer of a contest does (the editor re-plans these rows
      // under the same lock), so the two never wait for each other in opposite orders.
      await lockContest(tx, change.contestId);
      const claimed = await tx.phaseChange.updateMany({ where: { id: change.id, doneAt: null }, data: { doneAt: now } });
      if (claimed.count !== 1) return null;
      const base = { phaseChangeId: change.id, contestId: change.contestId, to: change.toPhase };
      const result = await transitionContestTx(tx, { contestId: change.contestId, to: change.toPhase, actorId: null, now }, {
        phaseChangeId: change.id,
      });
      if (result.ok) return { ...base, outcome: "applied", reasons: [] };
      await audit(tx, {
        actorId: null,
        contestId: change.contestId,
        action: "contest.phaseRefused",
        targetType: "Contest",
        targetId: change.contestId,
        data: { from: result.from, to: change.toPhase, phaseChangeId: change.id, reasons: result.reasons },
      });
      return { ...base, outcome: "refused", reasons: result.reasons };
    });
    if (run) runs.push(run);
  }
  return runs;
}
