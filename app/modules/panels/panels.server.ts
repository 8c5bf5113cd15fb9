// Panels of a round and their seats in the database (issue 3, item 5), each write in one
// transaction with its audit record, the contest row locked first (lockContest).
//
// A panel either takes one category's entries (categoryId) or a share of the even split (null).
// Rules:
//   - names are unique in a round (the database says so too); the category is one of the contest's;
//   - a panel is deleted only while it has no assignment row (a scoresheet may hang on one); its
//     entries lose their panel and the next distribution places them again;
//   - its category changes only while it has no active assignment (its entries would all move);
//   - seats: only the contest's judges (JUDGE members, not revoked); one judge may sit on several
//     panels, once on each; at most one chair per panel; a cap (maxLoad) per seat, none = no cap;
//   - a judge leaves a panel ("drops out") only while holding no score on it: a scored pair can
//     never be removed, so the round could not be re-assigned (the judge's other pairs move at
//     the next assignment run).
// A stale panel form (the panel's revision changed since it was loaded) is refused.
//
// Authorization is the caller's (an organizer of the contest); every query is scoped by contest
// and round, so a panel of another round or contest is not found.
import crypto from "node:crypto";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import { defaultLanguage, getFixedT, isLanguage } from "#app/utils/i18n";
import { countDefaultEntrySet } from "./distribute.server";
import { CHANGED_MEANWHILE, invalid, NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "./refusal";
import { getRoundSettings } from "./rounds.server";

const sameName = new Intl.Collator("vi", { sensitivity: "accent" });

interface Who {
  actorId: string | null;
  ip?: string | null;
}

interface PanelScope {
  contestId: string;
  roundId: string;
  panelId: string;
}

export function panelRevision(panel: { name: string; categoryId: string | null }): string {
  return crypto.createHash("sha256").update(JSON.stringify([panel.name, panel.categoryId])).digest("hex").slice(0, 20);
}

/** Locks the contest and finds the panel in its round and contest, or throws a not-found refusal. */
async function lockedPanel(tx: Tx, scope: PanelScope) {
  if (!(await lockContest(tx, scope.contestId))) throw new RefusalError(NOT_FOUND);
  const panel = await tx.panel.findFirst({
    where: { id: scope.panelId, roundId: scope.roundId, round: { contestId: scope.contestId } },
    select: { id: true, name: true, categoryId: true },
  });
  if (!panel) throw new RefusalError(NOT_FOUND);
  return panel;
}

async function checkPanelFields(tx: Tx, scope: { contestId: string; roundId: string }, fields: { name: string; categoryId: string | null }, exceptPanelId: string | null) {
  const errors: Record<string, string[]> = {};
  const others = await tx.panel.findMany({ where: { roundId: scope.roundId, ...(exceptPanelId ? { id: { not: exceptPanelId } } : {}) }, select: { name: true } });
  if (others.some((o) => sameName.compare(o.name, fields.name) === 0)) errors.name = ["rounds:errors.panelNameTaken"];
  if (fields.categoryId && (await tx.category.count({ where: { id: fields.categoryId, contestId: scope.contestId } })) === 0) {
    errors.categoryId = ["rounds:errors.categoryUnknown"];
  }
  return errors;
}

/** A new panel of the round, logged as "panel.create". */
export async function createPanel(
  input: Who & { contestId: string; roundId: string; name: string; categoryId: string | null },
): Promise<{ ok: true; panelId: string } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      if ((await tx.round.count({ where: { id: input.roundId, contestId: input.contestId } })) === 0) throw new RefusalError(NOT_FOUND);
      const fields = { name: input.name, categoryId: input.categoryId || null };
      const errors = await checkPanelFields(tx, input, fields, null);
      if (Object.keys(errors).length > 0) throw new RefusalError(invalid(errors));
      const panel = await tx.panel.create({ data: { roundId: input.roundId, ...fields }, select: { id: true } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.create",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, after: fields },
        ip: input.ip ?? null,
      });
      return { ok: true as const, panelId: panel.id };
    }),
  );
}

/** Renames a panel or changes its category (not while it has active assignments), logged as "panel.update". */
export async function updatePanel(
  input: Who & PanelScope & { name: string; categoryId: string | null; revision: string },
): Promise<{ ok: true; changed: boolean } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const panel = await lockedPanel(tx, input);
      if (panelRevision(panel) !== input.revision) throw new RefusalError(CHANGED_MEANWHILE);
      const next = { name: input.name, categoryId: input.categoryId || null };
      const errors = await checkPanelFields(tx, input, next, panel.id);
      if (next.categoryId !== panel.categoryId && (await tx.assignment.count({ where: { panelId: panel.id, status: "ACTIVE" } })) > 0) {
        errors.categoryId = ["rounds:errors.categoryFixedByAssignments"];
      }
      if (Object.keys(errors).length > 0) throw new RefusalError(invalid(errors));
      const before = { name: panel.name, categoryId: panel.categoryId };
      if (before.name === next.name && before.categoryId === next.categoryId) return { ok: true as const, changed: false };
      await tx.panel.update({ where: { id: panel.id }, data: next });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.update",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, before, after: next },
        ip: input.ip ?? null,
      });
      return { ok: true as const, changed: true };
    }),
  );
}

/** Deletes a panel without assignments, logged as "panel.delete"; its entries wait for the next distribution. */
export async function deletePanel(input: Who & PanelScope): Promise<{ ok: true; name: string } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const panel = await lockedPanel(tx, input);
      if ((await tx.assignment.count({ where: { panelId: panel.id } })) > 0) throw new RefusalError(refused("rounds:errors.panelHasAssignments"));
      const [judges, entries] = await Promise.all([
        tx.panelJudge.findMany({ where: { panelId: panel.id }, orderBy: { userId: "asc" }, select: { userId: true, isChair: true, maxLoad: true } }),
        tx.roundEntry.count({ where: { panelId: panel.id } }),
      ]);
      await tx.panel.delete({ where: { id: panel.id } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.delete",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, before: { name: panel.name, categoryId: panel.categoryId, judges }, entries },
        ip: input.ip ?? null,
      });
      return { ok: true as const, name: panel.name };
    }),
  );
}

/** Seats one of the contest's judges on the panel (with an optional cap), logged as "panel.addJudge". */
export async function addPanelJudge(
  input: Who & PanelScope & { userId: string; maxLoad: number | null },
): Promise<{ ok: true; name: string } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const panel = await lockedPanel(tx, input);
      const member = await tx.contestMember.findFirst({
        where: { contestId: input.contestId, userId: input.userId, role: "JUDGE", revokedAt: null },
        select: { user: { select: { name: true } } },
      });
      if (!member) throw new RefusalError(invalid({ userId: ["rounds:errors.notAJudge"] }));
      if ((await tx.panelJudge.count({ where: { panelId: panel.id, userId: input.userId } })) > 0) {
        throw new RefusalError(invalid({ userId: ["rounds:errors.alreadySeated"] }));
      }
      await tx.panelJudge.create({ data: { panelId: panel.id, userId: input.userId, maxLoad: input.maxLoad } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.addJudge",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, judgeId: input.userId, after: { maxLoad: input.maxLoad } },
        ip: input.ip ?? null,
      });
      return { ok: true as const, name: member.user.name };
    }),
  );
}

async function seatOf(tx: Tx, panelId: string, userId: string) {
  const seat = await tx.panelJudge.findUnique({
    where: { panelId_userId: { panelId, userId } },
    select: { id: true, isChair: true, maxLoad: true, user: { select: { name: true } } },
  });
  // The page showed a seat that is gone: someone changed the panel meanwhile.
  if (!seat) throw new RefusalError(CHANGED_MEANWHILE);
  return seat;
}

/** Sets (or clears, with null) a seated judge's cap on the panel, logged as "panel.updateJudge". */
export async function setPanelJudgeCap(
  input: Who & PanelScope & { userId: string; maxLoad: number | null },
): Promise<{ ok: true; name: string; changed: boolean } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const panel = await lockedPanel(tx, input);
      const seat = await seatOf(tx, panel.id, input.userId);
      if (seat.maxLoad === input.maxLoad) return { ok: true as const, name: seat.user.name, changed: false };
      await tx.panelJudge.update({ where: { id: seat.id }, data: { maxLoad: input.maxLoad } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.updateJudge",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, judgeId: input.userId, before: { maxLoad: seat.maxLoad }, after: { maxLoad: input.maxLoad } },
        ip: input.ip ?? null,
      });
      return { ok: true as const, name: seat.user.name, changed: true };
    }),
  );
}

/** Makes a seated judge the panel's chair (the previous chair, if any, stays a member), logged as "panel.setChair". */
export async function setPanelChair(input: Who & PanelScope & { userId: string }): Promise<{ ok: true; name: string } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const panel = await lockedPanel(tx, input);
      const seat = await seatOf(tx, panel.id, input.userId);
      const previous = await tx.panelJudge.findFirst({ where: { panelId: panel.id, isChair: true }, select: { userId: true } });
      if (seat.isChair) return { ok: true as const, name: seat.user.name };
      await tx.panelJudge.updateMany({ where: { panelId: panel.id, isChair: true }, data: { isChair: false } });
      await tx.panelJudge.update({ where: { id: seat.id }, data: { isChair: true } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.setChair",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, before: { chairId: previous?.userId ?? null }, after: { chairId: input.userId } },
        ip: input.ip ?? null,
      });
      return { ok: true as const, name: seat.user.name };
    }),
  );
}

/**
 * A judge leaves the panel ("drops out"), logged as "panel.removeJudge" with the seat they had
 * and how many active pairs the next assignment run will move. Refused while they hold a score
 * on the panel.
 */
export async function removePanelJudge(input: Who & PanelScope & { userId: string }): Promise<{ ok: true; name: string; activePairs: number } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const panel = await lockedPanel(tx, input);
      const seat = await seatOf(tx, panel.id, input.userId);
      const scored = await tx.assignment.count({
        where: {
          panelId: panel.id,
          judgeId: input.userId,
          status: "ACTIVE",
          scoresheet: { OR: [{ status: "SUBMITTED" }, { scores: { some: {} } }] },
        },
      });
      if (scored > 0) throw new RefusalError(refused(`rounds:errors.judgeHasScores|${JSON.stringify({ count: scored })}`));
      const activePairs = await tx.assignment.count({ where: { panelId: panel.id, judgeId: input.userId, status: "ACTIVE" } });
      await tx.panelJudge.delete({ where: { id: seat.id } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "panel.removeJudge",
        targetType: "Panel",
        targetId: panel.id,
        data: { roundId: input.roundId, judgeId: input.userId, before: { isChair: seat.isChair, maxLoad: seat.maxLoad }, activePairs },
        ip: input.ip ?? null,
      });
      return { ok: true as const, name: seat.user.name, activePairs };
    }),
  );
}

// ───────────────────────────── the round's page ─────────────────────────────

/**
 * Everything the round's page shows: its settings (see rounds.server), its panels with their
 * seats and counts, the contest's categories and judges, and where the round's entries stand.
 * Null when the round is not the contest's.
 */
/**
 * The name a new panel is offered: "Tiểu ban n" in the contest's language (panel names are the
 * contest's content, like round names), n one more than the panels there are, or the next free
 * one when that name is taken (after a panel was deleted or renamed).
 */
export function defaultPanelName(contestLocale: string, existing: readonly string[]): string {
  const t = getFixedT(isLanguage(contestLocale) ? contestLocale : defaultLanguage);
  for (let n = existing.length + 1; ; n++) {
    const name = t("rounds:panels.defaultName", { n });
    if (!existing.some((e) => sameName.compare(e, name) === 0)) return name;
  }
}

export async function getRoundPage(contestId: string, roundId: string) {
  const settings = await getRoundSettings(prisma, contestId, roundId);
  if (!settings) return null;
  const [panels, categories, members, placements, entrySet, activeSeats] = await Promise.all([
    prisma.panel.findMany({
      where: { roundId },
      select: {
        id: true,
        name: true,
        categoryId: true,
        category: { select: { name: true } },
        judges: { select: { userId: true, isChair: true, maxLoad: true, user: { select: { name: true, email: true } } } },
        _count: { select: { roundEntries: true, assignments: true } },
      },
    }),
    prisma.category.findMany({ where: { contestId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    prisma.contestMember.findMany({
      where: { contestId, role: "JUDGE", revokedAt: null },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.roundEntry.groupBy({ by: ["panelId"], where: { roundId }, _count: { _all: true } }),
    countDefaultEntrySet(prisma, { id: roundId, contestId, position: settings.round.position }),
    prisma.assignment.groupBy({
      by: ["panelId", "judgeId"],
      where: { roundId, status: "ACTIVE" },
      _count: { _all: true },
    }),
  ]);
  const activeOf = new Map(activeSeats.map((s) => [`${s.panelId}\u0000${s.judgeId}`, s._count._all]));
  const withoutPanel = placements.find((p) => p.panelId === null)?._count._all ?? 0;
  const placed = placements.filter((p) => p.panelId !== null).reduce((n, p) => n + p._count._all, 0);
  return {
    ...settings,
    categories,
    judges: sortByName(
      members.map((m) => m.user),
      (u) => u.name,
    ),
    panels: sortByName(panels, (p) => p.name).map((p) => ({
      id: p.id,
      name: p.name,
      categoryId: p.categoryId,
      categoryName: p.category?.name ?? null,
      revision: panelRevision(p),
      entries: p._count.roundEntries,
      assignments: p._count.assignments,
      judges: sortByName(p.judges, (j) => j.user.name).map((j) => ({
        userId: j.userId,
        name: j.user.name,
        email: j.user.email,
        isChair: j.isChair,
        maxLoad: j.maxLoad,
        activePairs: activeOf.get(`${p.id}\u0000${j.userId}`) ?? 0,
      })),
    })),
    distribution: { entrySet, onPanels: placed, withoutPanel },
    newPanelName: defaultPanelName(settings.contest.locale, panels.map((p) => p.name)),
  };
}

export type RoundPage = NonNullable<Awaited<ReturnType<typeof getRoundPage>>>;
