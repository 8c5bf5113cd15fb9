// Manual overrides of a round's assignment (issue 3, item 7) and the current assignment as the
// organizer adjusts it: per panel, its entries by its judges.
//
// The contract with the automatic assignment (./assignment.server):
//   - a manual addition is an Assignment row ACTIVE with source MANUAL (a new row, or the pair's
//     REMOVED row reactivated); the solver keeps it (it counts toward k and loads) while valid;
//   - a manual removal sets the row to REMOVED with source MANUAL; re-runs never assign that pair
//     again automatically;
//   - a pair holding a score (a scoresheet with a point, or submitted) is never removed.
// An addition is valid when the entry is in the round on a panel (status IN, entry ELIGIBLE), the
// judge sits on that panel, has no CONFIRMED or PENDING conflict of interest with the entry, did
// not recuse from it, and is not already active on it. Each write runs in one transaction with the
// contest row locked (lockContest) and its audit record ("assignment.manualAdd",
// "assignment.manualRemove"); either changes the round's fingerprint, so a preview made before it
// can no longer be applied.
//
// Authorization is the caller's (an organizer of the contest); queries are scoped by contest and round.
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import { NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "./refusal";

/** Entries per page of the current assignment. */
export const BOARD_PAGE_SIZE = 50;

interface PairInput {
  contestId: string;
  roundId: string;
  entryId: string;
  judgeId: string;
  actorId: string | null;
  ip?: string | null;
}

async function lockedRound(tx: Tx, contestId: string, roundId: string) {
  if (!(await lockContest(tx, contestId))) throw new RefusalError(NOT_FOUND);
  const round = await tx.round.findFirst({ where: { id: roundId, contestId }, select: { id: true } });
  if (!round) throw new RefusalError(NOT_FOUND);
  return round;
}

const scoredWhere = { OR: [{ status: "SUBMITTED" as const }, { scores: { some: {} } }] };

/** Assigns a judge to an entry by hand (see the contract above). */
export async function addManualAssignment(input: PairInput): Promise<{ ok: true; reactivated: boolean } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      await lockedRound(tx, input.contestId, input.roundId);
      const roundEntry = await tx.roundEntry.findUnique({
        where: { roundId_entryId: { roundId: input.roundId, entryId: input.entryId } },
        select: { panelId: true, status: true, entry: { select: { status: true, contestId: true } } },
      });
      if (!roundEntry || roundEntry.entry.contestId !== input.contestId) throw new RefusalError(NOT_FOUND);
      if (!roundEntry.panelId || roundEntry.status !== "IN" || roundEntry.entry.status !== "ELIGIBLE") {
        throw new RefusalError(refused("rounds:errors.manual.entryNotOpen"));
      }
      const panelId = roundEntry.panelId;
      const [seat, conflict, row] = await Promise.all([
        tx.panelJudge.count({ where: { panelId, userId: input.judgeId } }),
        tx.conflictOfInterest.count({ where: { judgeId: input.judgeId, entryId: input.entryId, status: { in: ["CONFIRMED", "PENDING"] } } }),
        tx.assignment.findUnique({
          where: { roundId_entryId_judgeId: { roundId: input.roundId, entryId: input.entryId, judgeId: input.judgeId } },
          select: { id: true, status: true, source: true, panelId: true },
        }),
      ]);
      if (seat === 0) throw new RefusalError(refused("rounds:errors.manual.notOnPanel"));
      if (conflict > 0) throw new RefusalError(refused("rounds:errors.manual.conflict"));
      if (row?.status === "ACTIVE") throw new RefusalError(refused("rounds:errors.manual.alreadyAssigned"));
      if (row?.status === "RECUSED") throw new RefusalError(refused("rounds:errors.manual.recused"));

      const after = { status: "ACTIVE" as const, source: "MANUAL" as const };
      let targetId: string;
      if (row) {
        await tx.assignment.update({ where: { id: row.id }, data: { ...after, panelId } });
        targetId = row.id;
      } else {
        const created = await tx.assignment.create({
          data: { roundId: input.roundId, panelId, entryId: input.entryId, judgeId: input.judgeId, ...after },
          select: { id: true },
        });
        targetId = created.id;
      }
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "assignment.manualAdd",
        targetType: "Assignment",
        targetId,
        data: {
          roundId: input.roundId,
          entryId: input.entryId,
          judgeId: input.judgeId,
          panelId,
          before: row ? { status: row.status, source: row.source, panelId: row.panelId } : null,
          after: { ...after, panelId },
        },
        ip: input.ip ?? null,
      });
      return { ok: true as const, reactivated: row !== null };
    }),
  );
}

/** Removes a judge from an entry by hand (see the contract above); refused when the pair holds a score. */
export async function removeManualAssignment(input: PairInput): Promise<{ ok: true } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      await lockedRound(tx, input.contestId, input.roundId);
      const row = await tx.assignment.findUnique({
        where: { roundId_entryId_judgeId: { roundId: input.roundId, entryId: input.entryId, judgeId: input.judgeId } },
        select: { id: true, status: true, source: true, panelId: true, entry: { select: { contestId: true } } },
      });
      if (row && row.entry.contestId !== input.contestId) throw new RefusalError(NOT_FOUND);
      if (!row || row.status !== "ACTIVE") throw new RefusalError(refused("rounds:errors.manual.notAssigned"));
      const scored = await tx.scoresheet.count({ where: { assignmentId: row.id, ...scoredWhere } });
      if (scored > 0) throw new RefusalError(refused("rounds:errors.manual.scored"));
      const after = { status: "REMOVED" as const, source: "MANUAL" as const };
      await tx.assignment.update({ where: { id: row.id }, data: after });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "assignment.manualRemove",
        targetType: "Assignment",
        targetId: row.id,
        data: {
          roundId: input.roundId,
          entryId: input.entryId,
          judgeId: input.judgeId,
          panelId: row.panelId,
          before: { status: row.status, source: row.source },
          after,
        },
        ip: input.ip ?? null,
      });
      return { ok: true as const };
    }),
  );
}

// ───────────────────────────── the current assignment ─────────────────────────────

export type BoardCell =
  | { kind: "active"; source: "AUTO" | "MANUAL" | "EXTRA_READER"; scored: boolean }
  | { kind: "removed"; manual: boolean }
  | { kind: "recused" }
  | { kind: "conflict" }
  | { kind: "none" };

/**
 * One panel's current assignment, a page of its entries (by entry code) by its judges, with
 * what each cell allows; judges who left the panel but still hold active pairs there are shown
 * after the seated ones (the next run moves their pairs). `panelId` picks the panel (the first
 * by name when missing or not the round's).
 */
export async function getAssignmentBoard(db: Tx, input: { roundId: string; panelId?: string | null; page?: number }) {
  const panels = sortByName(
    await db.panel.findMany({ where: { roundId: input.roundId }, select: { id: true, name: true, _count: { select: { roundEntries: true } } } }),
    (p) => p.name,
  );
  const panel = panels.find((p) => p.id === input.panelId) ?? panels[0];
  const panelList = panels.map((p) => ({ id: p.id, name: p.name, entries: p._count.roundEntries }));
  if (!panel) return { panels: panelList, panel: null };

  const total = panel._count.roundEntries;
  const pages = Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pages);
  const [seats, roundEntries] = await Promise.all([
    db.panelJudge.findMany({ where: { panelId: panel.id }, select: { userId: true, isChair: true, maxLoad: true, user: { select: { name: true } } } }),
    db.roundEntry.findMany({
      where: { roundId: input.roundId, panelId: panel.id },
      orderBy: [{ entry: { entryCode: "asc" } }, { entryId: "asc" }],
      skip: (page - 1) * BOARD_PAGE_SIZE,
      take: BOARD_PAGE_SIZE,
      select: { entryId: true, status: true, entry: { select: { entryCode: true, title: true, status: true } } },
    }),
  ]);
  const entryIds = roundEntries.map((r) => r.entryId);
  const [rows, conflicts, loads] = await Promise.all([
    db.assignment.findMany({
      where: { roundId: input.roundId, entryId: { in: entryIds } },
      select: {
        entryId: true,
        judgeId: true,
        status: true,
        source: true,
        judge: { select: { name: true } },
        scoresheet: { select: { status: true, _count: { select: { scores: true } } } },
      },
    }),
    db.conflictOfInterest.findMany({
      where: { entryId: { in: entryIds }, status: { in: ["CONFIRMED", "PENDING"] } },
      select: { entryId: true, judgeId: true },
    }),
    db.assignment.groupBy({ by: ["judgeId"], where: { panelId: panel.id, status: "ACTIVE" }, _count: { _all: true } }),
  ]);

  const seated = new Set(seats.map((s) => s.userId));
  const leftPanel = new Map<string, string>();
  for (const r of rows) if (r.status === "ACTIVE" && !seated.has(r.judgeId)) leftPanel.set(r.judgeId, r.judge.name);
  const loadOf = new Map(loads.map((l) => [l.judgeId, l._count._all]));
  const judges = [
    ...sortByName(seats, (s) => s.user.name).map((s) => ({ id: s.userId, name: s.user.name, isChair: s.isChair, cap: s.maxLoad, seated: true, load: loadOf.get(s.userId) ?? 0 })),
    ...sortByName([...leftPanel], ([, name]) => name).map(([id, name]) => ({ id, name, isChair: false, cap: null, seated: false, load: loadOf.get(id) ?? 0 })),
  ];

  const key = (entryId: string, judgeId: string) => `${entryId}\u0000${judgeId}`;
  const rowOf = new Map(rows.map((r) => [key(r.entryId, r.judgeId), r]));
  const conflicted = new Set(conflicts.map((c) => key(c.entryId, c.judgeId)));
  const cellOf = (entryId: string, judgeId: string): BoardCell => {
    const r = rowOf.get(key(entryId, judgeId));
    if (r?.status === "ACTIVE") {
      const scored = r.scoresheet !== null && (r.scoresheet.status === "SUBMITTED" || r.scoresheet._count.scores > 0);
      return { kind: "active", source: r.source, scored };
    }
    if (r?.status === "RECUSED") return { kind: "recused" };
    if (conflicted.has(key(entryId, judgeId))) return { kind: "conflict" };
    if (r?.status === "REMOVED") return { kind: "removed", manual: r.source === "MANUAL" };
    return { kind: "none" };
  };

  return {
    panels: panelList,
    panel: {
      id: panel.id,
      name: panel.name,
      page,
      pages,
      total,
      judges,
      entries: roundEntries.map((re) => {
        const cells = judges.map((j) => cellOf(re.entryId, j.id));
        return {
          entryId: re.entryId,
          entryCode: re.entry.entryCode,
          title: re.entry.title,
          open: re.status === "IN" && re.entry.status === "ELIGIBLE",
          reads: cells.filter((c) => c.kind === "active").length,
          cells,
        };
      }),
    },
  };
}

export type AssignmentBoard = Awaited<ReturnType<typeof getAssignmentBoard>>;
