// Entries of a round to its panels in the database (issue 3, item 5): the pure distribution
// (./distribute) over the round's entry set and panels, written as RoundEntry rows in one
// transaction (the contest row locked first) with its audit record "round.distribute".
//
// The entry set is a parameter (which entries advance is issue 6's rule). By default: the first
// round takes the contest's ELIGIBLE entries; a later round takes the entries the previous round
// marked ADVANCED, if still ELIGIBLE.
//
// What a run writes:
//   - a RoundEntry (status IN) for each entry of the set without one, on its panel or on none
//     when no panel can take it (reported);
//   - a new panel for an entry whose panel is no longer valid for it (the panel now takes another
//     category); no panel when none can take it; every other entry stays where it is;
//   - the RoundEntry rows (status IN) of entries that left the set are deleted (the next
//     assignment run removes their pairs, as for any entry that left the round).
// Rows ADVANCED or ELIMINATED (the round is over for them) are never touched.
//
// Authorization is the caller's (an organizer of the contest).
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import { distributeEntries } from "./distribute";
import { NOT_FOUND, orRefusal, RefusalError, type Refusal } from "./refusal";

/** Rows per statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface RoundRef {
  id: string;
  contestId: string;
  position: number;
}

/** Which entries take part in a round. */
export type EntrySet = (db: Tx, round: RoundRef) => Promise<{ id: string; categoryId: string }[]>;

/** The entries of the default entry set, as a query: see defaultEntrySet. */
async function defaultEntrySetWhere(db: Tx, round: RoundRef) {
  const previous = await db.round.findFirst({
    where: { contestId: round.contestId, position: { lt: round.position } },
    orderBy: { position: "desc" },
    select: { id: true },
  });
  return {
    contestId: round.contestId,
    status: "ELIGIBLE" as const,
    ...(previous ? { roundEntries: { some: { roundId: previous.id, status: "ADVANCED" as const } } } : {}),
  };
}

/** The first round: the contest's ELIGIBLE entries; a later one: the previous round's ADVANCED entries still ELIGIBLE. */
export const defaultEntrySet: EntrySet = async (db, round) =>
  db.entry.findMany({ where: await defaultEntrySetWhere(db, round), orderBy: { id: "asc" }, select: { id: true, categoryId: true } });

/** How many entries the default entry set holds (without reading them). */
export async function countDefaultEntrySet(db: Tx, round: RoundRef): Promise<number> {
  return db.entry.count({ where: await defaultEntrySetWhere(db, round) });
}

export interface PanelCount {
  panelId: string;
  name: string;
  categoryName: string | null;
  before: number;
  after: number;
}

export interface DistributionOutcome {
  ok: true;
  panels: PanelCount[];
  kept: number;
  moved: number;
  placed: number;
  /** Rows of entries that left the round's entry set. */
  removed: number;
  unplacedCount: number;
  /** Entries no panel can take (their category has no panel and there is no even-split panel), the first 500. */
  unplaced: { entryId: string; entryCode: string | null; title: string; categoryName: string }[];
}

/** Distributes the round's entries to its panels (see above) and reports counts per panel before and after. */
export async function distributeRoundEntries(input: {
  contestId: string;
  roundId: string;
  actorId: string | null;
  ip?: string | null;
  entrySet?: EntrySet;
}): Promise<DistributionOutcome | Refusal> {
  const entrySet = input.entrySet ?? defaultEntrySet;
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const round = await tx.round.findFirst({ where: { id: input.roundId, contestId: input.contestId }, select: { id: true, contestId: true, position: true } });
      if (!round) throw new RefusalError(NOT_FOUND);

      const [panels, rows, entries] = await Promise.all([
        tx.panel.findMany({ where: { roundId: round.id }, orderBy: { id: "asc" }, select: { id: true, name: true, categoryId: true, category: { select: { name: true } } } }),
        tx.roundEntry.findMany({ where: { roundId: round.id }, orderBy: { id: "asc" }, select: { id: true, entryId: true, panelId: true, status: true } }),
        entrySet(tx, round),
      ]);
      const rowOf = new Map(rows.map((r) => [r.entryId, r]));
      const inSet = new Set(entries.map((e) => e.id));
      const open = entries.filter((e) => (rowOf.get(e.id)?.status ?? "IN") === "IN");
      const result = distributeEntries(
        panels.map((p) => ({ id: p.id, categoryId: p.categoryId })),
        open.map((e) => ({ id: e.id, categoryId: e.categoryId, currentPanelId: rowOf.get(e.id)?.panelId ?? null })),
      );

      // Counts per panel: before from the rows, after from the rows that stay plus the new placement.
      const before = new Map<string, number>();
      const after = new Map<string, number>();
      const bump = (m: Map<string, number>, k: string | null) => k && m.set(k, (m.get(k) ?? 0) + 1);
      for (const r of rows) bump(before, r.panelId);
      for (const r of rows) if (r.status !== "IN") bump(after, r.panelId);
      for (const panelId of result.placement.values()) bump(after, panelId);

      // Writes: new rows, changed panels, rows that left the set.
      const removedIds = rows.filter((r) => r.status === "IN" && !inSet.has(r.entryId)).map((r) => r.id);
      for (const ids of chunks(removedIds)) await tx.roundEntry.deleteMany({ where: { id: { in: ids } } });
      const fresh = open.filter((e) => !rowOf.has(e.id)).map((e) => ({ roundId: round.id, entryId: e.id, panelId: result.placement.get(e.id) ?? null }));
      for (const data of chunks(fresh)) await tx.roundEntry.createMany({ data });
      const target = new Map<string | null, string[]>();
      for (const e of open) {
        const row = rowOf.get(e.id);
        const panelId = result.placement.get(e.id) ?? null;
        if (!row || row.panelId === panelId) continue;
        const ids = target.get(panelId) ?? [];
        ids.push(row.id);
        target.set(panelId, ids);
      }
      for (const [panelId, ids] of target) {
        for (const part of chunks(ids)) await tx.roundEntry.updateMany({ where: { id: { in: part } }, data: { panelId } });
      }

      const counts: PanelCount[] = sortByName(panels, (p) => p.name).map((p) => ({
        panelId: p.id,
        name: p.name,
        categoryName: p.category?.name ?? null,
        before: before.get(p.id) ?? 0,
        after: after.get(p.id) ?? 0,
      }));
      const unplacedRows = await tx.entry.findMany({
        where: { id: { in: result.unplaced.slice(0, CHUNK) } },
        select: { id: true, entryCode: true, title: true, category: { select: { name: true } } },
      });
      const unplaced = unplacedRows
        .map((e) => ({ entryId: e.id, entryCode: e.entryCode, title: e.title, categoryName: e.category.name }))
        .sort((a, b) => (a.entryCode ?? a.entryId).localeCompare(b.entryCode ?? b.entryId, "vi", { numeric: true }));

      const summary = {
        kept: result.kept.length,
        moved: result.moved.length,
        placed: result.placed.length,
        removed: removedIds.length,
        unplaced: result.unplaced.length,
      };
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "round.distribute",
        targetType: "Round",
        targetId: round.id,
        data: {
          ...summary,
          before: Object.fromEntries(counts.map((c) => [c.panelId, c.before])),
          after: Object.fromEntries(counts.map((c) => [c.panelId, c.after])),
        },
        ip: input.ip ?? null,
      });
      return { ok: true as const, panels: counts, ...summary, unplacedCount: summary.unplaced, unplaced };
    }, LONG_TRANSACTION),
  );
}
