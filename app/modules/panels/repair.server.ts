// Changing the assignment of ONE entry while the rest of the round stays as it is (issue 5):
//   - repairEntry: after a recusal (or a judge leaving), bring the entry back to the round's k
//     readers from its panel;
//   - addExtraReader: the chair's answer to a disagreement, one more reader on top of k
//     (source EXTRA_READER, which the automatic assignment never touches).
// The judges are chosen by ./pick (the round's min-cost flow restricted to this entry, with every
// other pair fixed): never one with a CONFIRMED or PENDING conflict, one who recused, one an
// organizer removed by hand, or one already reading the entry; within the judge's cap in the
// panel; the least-loaded in the round first, then by stated preference, ties by the seed.
//
// Each call runs in one transaction with the contest row locked (contests/lock.server), like every
// other assignment writer, and writes its audit record. A pair's REMOVED row (removed by a re-run,
// not by hand) is reactivated rather than duplicated (the row is unique per round, entry, judge).
// Authorization is the caller's (the judge recusing, the panel's chair, an organizer); queries
// are scoped by contest and round.
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { linkTargets, seatKey, type AssignJudge, type PanelSeats } from "./assign";
import { pickJudges, type PickCandidate } from "./pick";
import { NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "./refusal";

export interface EntryChangeInput {
  contestId: string;
  roundId: string;
  entryId: string;
  actorId: string | null;
  ip?: string | null;
  /** Breaks ties between equally good judges. */
  seed?: number;
}

export interface EntryChange {
  ok: true;
  /** The judges given the entry, cheapest first. */
  added: { judgeId: string; name: string }[];
  /** Reads that could not be filled (repair: short of k; extra reader: 0 or 1). */
  short: number;
}

/** Everything the choice needs about the entry, its panel and its judges, read in the transaction. */
async function context(tx: Tx, input: EntryChangeInput) {
  if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
  const round = await tx.round.findFirst({ where: { id: input.roundId, contestId: input.contestId }, select: { id: true, readsPerEntry: true } });
  if (!round) throw new RefusalError(NOT_FOUND);
  const placement = await tx.roundEntry.findUnique({
    where: { roundId_entryId: { roundId: round.id, entryId: input.entryId } },
    select: { panelId: true, status: true, entry: { select: { categoryId: true, status: true } } },
  });
  if (!placement || placement.status !== "IN" || placement.entry.status !== "ELIGIBLE" || !placement.panelId) {
    throw new RefusalError(NOT_FOUND);
  }
  const panelId = placement.panelId;
  const [seats, roundSeats, panelEntries, rows, roundLoads, panelLoads, conflicts] = await Promise.all([
    tx.panelJudge.findMany({ where: { panelId }, select: { userId: true, maxLoad: true, user: { select: { name: true } } } }),
    // Every seat of the round and its panels' entries (as the whole-round assignment counts them),
    // for the seats' linking targets (./assign linkTargets).
    tx.panelJudge.findMany({ where: { panel: { roundId: round.id } }, select: { panelId: true, userId: true, maxLoad: true } }),
    tx.roundEntry.groupBy({
      by: ["panelId"],
      where: { roundId: round.id, status: "IN", panelId: { not: null }, entry: { status: "ELIGIBLE" } },
      _count: { _all: true },
    }),
    tx.assignment.findMany({ where: { roundId: round.id, entryId: input.entryId }, select: { id: true, judgeId: true, status: true, source: true } }),
    tx.assignment.groupBy({ by: ["judgeId"], where: { roundId: round.id, status: "ACTIVE" }, _count: { _all: true } }),
    tx.assignment.groupBy({ by: ["judgeId"], where: { panelId, status: "ACTIVE" }, _count: { _all: true } }),
    tx.conflictOfInterest.findMany({
      where: { contestId: input.contestId, entryId: input.entryId, status: { in: ["CONFIRMED", "PENDING"] } },
      select: { judgeId: true },
    }),
  ]);
  const preferences = await tx.judgePreference.findMany({
    where: { contestId: input.contestId, userId: { in: seats.map((s) => s.userId) } },
    select: { userId: true, kind: true, categoryId: true, entryId: true },
  });
  const seated = new Set(seats.map((s) => s.userId));
  const conflicted = new Set(conflicts.map((c) => c.judgeId));
  const rowOf = new Map(rows.map((r) => [r.judgeId, r]));
  const loadOf = new Map(roundLoads.map((l) => [l.judgeId, l._count._all]));
  const panelLoadOf = new Map(panelLoads.map((l) => [l.judgeId, l._count._all]));
  const entryCount = new Map(panelEntries.map((g) => [g.panelId, g._count._all]));
  const shapes = new Map<string, PanelSeats & { judges: AssignJudge[] }>();
  for (const seat of roundSeats) {
    let shape = shapes.get(seat.panelId);
    if (!shape) shapes.set(seat.panelId, (shape = { id: seat.panelId, judges: [], entryCount: entryCount.get(seat.panelId) ?? 0 }));
    shape.judges.push(seat.maxLoad === null ? { id: seat.userId } : { id: seat.userId, cap: seat.maxLoad });
  }
  const targets = linkTargets([...shapes.values()], round.readsPerEntry);

  const candidates: PickCandidate[] = seats.map((s) => {
    const row = rowOf.get(s.userId);
    const mine = preferences.filter((p) => p.userId === s.userId);
    return {
      judgeId: s.userId,
      load: loadOf.get(s.userId) ?? 0,
      capacityLeft: s.maxLoad === null ? Number.POSITIVE_INFINITY : s.maxLoad - (panelLoadOf.get(s.userId) ?? 0),
      expertise: mine.some((p) => p.kind === "EXPERTISE" && p.categoryId === placement.entry.categoryId) ? 1 : 0,
      willing: mine.some((p) => p.kind === "WILLING" && p.entryId === input.entryId),
      unwilling: mine.some((p) => p.kind === "UNWILLING" && p.entryId === input.entryId),
      linksSeat: (panelLoadOf.get(s.userId) ?? 0) < (targets.get(seatKey(panelId, s.userId)) ?? 0),
      excluded:
        conflicted.has(s.userId) ||
        row?.status === "ACTIVE" ||
        row?.status === "RECUSED" ||
        (row?.status === "REMOVED" && row.source === "MANUAL"),
    };
  });
  // Readers counting toward k: active, not extra, still on the panel and free of conflict.
  const validReaders = rows.filter((r) => r.status === "ACTIVE" && r.source !== "EXTRA_READER" && seated.has(r.judgeId) && !conflicted.has(r.judgeId));
  const names = new Map(seats.map((s) => [s.userId, s.user.name]));
  return { round, panelId, candidates, rowOf, validReaders, names };
}

async function give(
  tx: Tx,
  ctx: Awaited<ReturnType<typeof context>>,
  input: EntryChangeInput,
  judgeIds: string[],
  source: "AUTO" | "EXTRA_READER",
) {
  for (const judgeId of judgeIds) {
    const row = ctx.rowOf.get(judgeId);
    if (row) {
      await tx.assignment.update({ where: { id: row.id }, data: { status: "ACTIVE", source, panelId: ctx.panelId } });
    } else {
      await tx.assignment.create({ data: { roundId: ctx.round.id, panelId: ctx.panelId, entryId: input.entryId, judgeId, source, status: "ACTIVE" } });
    }
  }
  return judgeIds.map((judgeId) => ({ judgeId, name: ctx.names.get(judgeId) ?? "" }));
}

/**
 * Brings the entry back to the round's k readers from its panel (after a recusal or a departure),
 * changing nothing else; audited "assignment.repair" {entryId, added, short}. Adds what it can when
 * fewer judges are available and reports how many reads are missing.
 */
export async function repairEntry(input: EntryChangeInput): Promise<EntryChange | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const ctx = await context(tx, input);
      const need = Math.max(0, ctx.round.readsPerEntry - ctx.validReaders.length);
      if (need === 0) return { ok: true as const, added: [], short: 0 };
      const { picked, short } = pickJudges(ctx.candidates, need, input.seed ?? 1);
      const added = await give(tx, ctx, input, picked, "AUTO");
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "assignment.repair",
        targetType: "Entry",
        targetId: input.entryId,
        data: { roundId: input.roundId, added: picked, short },
        ip: input.ip ?? null,
      });
      return { ok: true as const, added, short };
    }),
  );
}

/**
 * One more reader for the entry on top of k (source EXTRA_READER), chosen as above; audited
 * "assignment.extraReader". Refused with rounds:repair.noExtraReader when no judge of the panel
 * can take it.
 */
export async function addExtraReader(input: EntryChangeInput): Promise<EntryChange | Refusal> {
  return orRefusal(() => prisma.$transaction((tx) => addExtraReaderTx(tx, input)));
}

/**
 * addExtraReader inside the caller's transaction (the chair's view records its Resolution in the
 * same commit). A refusal is thrown as a RefusalError: run it under orRefusal.
 */
export async function addExtraReaderTx(tx: Tx, input: EntryChangeInput): Promise<EntryChange> {
  const ctx = await context(tx, input);
  const { picked } = pickJudges(ctx.candidates, 1, input.seed ?? 1);
  if (picked.length === 0) throw new RefusalError(refused("rounds:repair.noExtraReader"));
  const added = await give(tx, ctx, input, picked, "EXTRA_READER");
  await audit(tx, {
    actorId: input.actorId,
    contestId: input.contestId,
    action: "assignment.extraReader",
    targetType: "Entry",
    targetId: input.entryId,
    data: { roundId: input.roundId, judgeId: picked[0] },
    ip: input.ip ?? null,
  });
  return { ok: true as const, added, short: 0 };
}
