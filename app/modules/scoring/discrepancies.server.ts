// Reading what ./discrepancies decides from the database: a round's submitted totals (ACTIVE
// assignments only) and the chair's RESOLVED resolutions. The chair's view, the phase guard
// (Judging → Finalizing, contests/phases.server) and the paper import all read it here.
import type { Tx } from "#app/utils/db.server";
import { entrySpreads, type EntrySpread, type ResolutionMark, type SubmittedTotal } from "./discrepancies";

export interface RoundDisagreements {
  threshold: number | null;
  /** Entries with at least one submitted total. */
  spreads: EntrySpread[];
}

/** The submitted totals of a round's ACTIVE assignments (of these entries only, when given). */
export async function submittedTotals(db: Tx, roundId: string, entryIds?: readonly string[]): Promise<SubmittedTotal[]> {
  const rows = await db.scoresheet.findMany({
    where: {
      status: "SUBMITTED",
      total: { not: null },
      assignment: { roundId, status: "ACTIVE", ...(entryIds ? { entryId: { in: [...entryIds] } } : {}) },
    },
    orderBy: { id: "asc" },
    select: { total: true, submittedAt: true, updatedAt: true, assignment: { select: { entryId: true } } },
  });
  return rows.map((s) => ({ entryId: s.assignment.entryId, total: s.total!, submittedAt: s.submittedAt ?? s.updatedAt }));
}

/** When the chair recorded RESOLVED for the round's entries (of these entries only, when given). */
export async function resolvedMarks(db: Tx, roundId: string, entryIds?: readonly string[]): Promise<ResolutionMark[]> {
  const rows = await db.resolution.findMany({
    where: { roundId, kind: "RESOLVED", ...(entryIds ? { entryId: { in: [...entryIds] } } : {}) },
    select: { entryId: true, createdAt: true },
  });
  return rows.map((r) => ({ entryId: r.entryId, at: r.createdAt }));
}

/** The spreads of a round's entries (of these entries only, when given); null for a missing round. */
export async function roundDisagreements(db: Tx, roundId: string, entryIds?: readonly string[]): Promise<RoundDisagreements | null> {
  const round = await db.round.findUnique({ where: { id: roundId }, select: { spreadThreshold: true } });
  if (!round) return null;
  const [totals, marks] = await Promise.all([submittedTotals(db, roundId, entryIds), resolvedMarks(db, roundId, entryIds)]);
  return { threshold: round.spreadThreshold, spreads: entrySpreads(totals, round.spreadThreshold, marks) };
}

/** Entries of the contest's rounds that need their chair (flagged and not resolved), all rounds together. */
export async function countOpenDisagreements(db: Tx, contestId: string): Promise<number> {
  const rounds = await db.round.findMany({ where: { contestId, spreadThreshold: { not: null } }, select: { id: true } });
  let open = 0;
  for (const round of rounds) {
    const found = await roundDisagreements(db, round.id);
    open += found?.spreads.filter((s) => s.flagged).length ?? 0;
  }
  return open;
}
