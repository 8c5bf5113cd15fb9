// Reading a contest's audit log: the organizers' viewer and its CSV export. Read-only: the
// log has one writer (audit.server.ts) and the database refuses UPDATE and DELETE on it.
// Every query is scoped by contestId; the caller has checked canManageContest.
import { stringify } from "csv-stringify/sync";
import { zonedLocalToUtc, zoneOffsetMs } from "#app/modules/contests/phases-clock";
import { prisma, type Prisma } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { AUDIT_PAGE_SIZE, SYSTEM_ACTOR, auditActionKey, type AuditFilter } from "./audit.schema";

export interface AuditChange {
  before: unknown;
  after: unknown;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  /** The record's data, parsed; a value that is not a JSON object is kept as { raw }. */
  data: Record<string, unknown>;
  /** Before/after when the data holds them ({before, after}, or a phase's {from, to}). */
  change: AuditChange | null;
  /** The data without the keys shown as the change. */
  details: Record<string, unknown>;
  ip: string | null;
}

export interface AuditPage {
  contest: { id: string; title: string; slug: string; timeZone: string };
  rows: AuditRow[];
  /** Cursor of the next (older) page, if there is one: pass as `before`. */
  olderThan: number | null;
  /** Cursor of the previous (newer) page, if there is one: pass as `after`. */
  newerThan: number | null;
  /** For the filter's select boxes: everyone and everything in this contest's log. */
  actors: { id: string; name: string; email: string }[];
  hasSystemActor: boolean;
  actions: string[];
}

const rowSelect = {
  id: true,
  at: true,
  action: true,
  targetType: true,
  targetId: true,
  data: true,
  ip: true,
  actor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditLogSelect;

type RawRow = Prisma.AuditLogGetPayload<{ select: typeof rowSelect }>;

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return { raw: value };
  } catch {
    return { raw: text };
  }
}

/** Splits a record's data into its change (before/after) and the other details. */
export function splitChange(data: Record<string, unknown>): { change: AuditChange | null; details: Record<string, unknown> } {
  const pick = (beforeKey: string, afterKey: string) => {
    const { [beforeKey]: before, [afterKey]: after, ...details } = data;
    return { change: { before, after }, details };
  };
  if ("before" in data || "after" in data) return pick("before", "after");
  if ("from" in data && "to" in data) return pick("from", "to");
  return { change: null, details: data };
}

function toRow(raw: RawRow): AuditRow {
  const data = parseData(raw.data);
  return { ...raw, data, ...splitChange(data) };
}

/** The day after a calendar day "YYYY-MM-DD". */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The filter as a query of this contest's log (cursors aside). Days are the contest's days. */
function filterWhere(contestId: string, timeZone: string, filter: AuditFilter): Prisma.AuditLogWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (filter.from) at.gte = zonedLocalToUtc(`${filter.from}T00:00`, timeZone);
  if (filter.to) at.lt = zonedLocalToUtc(`${nextDay(filter.to)}T00:00`, timeZone);
  return {
    contestId,
    ...(filter.actor ? { actorId: filter.actor === SYSTEM_ACTOR ? null : filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { at } : {}),
  };
}

async function contestClock(contestId: string) {
  return prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, slug: true, timeZone: true } });
}

/**
 * One page of a contest's audit log, newest first, filtered; keyset pagination on id
 * (`before`: the page older than that id; `after`: the page newer than it). Null when the
 * contest does not exist.
 */
export async function listContestAudit(contestId: string, filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage | null> {
  const contest = await contestClock(contestId);
  if (!contest) return null;
  const where = filterWhere(contestId, contest.timeZone, filter);

  let raw: RawRow[];
  if (filter.after !== undefined && filter.before === undefined) {
    // Going back: the page just newer than the cursor, read upwards, then shown newest first.
    raw = await prisma.auditLog.findMany({ where: { AND: [where, { id: { gt: filter.after } }] }, select: rowSelect, orderBy: { id: "asc" }, take: pageSize });
    raw.reverse();
  } else {
    const cursor = filter.before !== undefined ? { id: { lt: filter.before } } : {};
    raw = await prisma.auditLog.findMany({ where: { AND: [where, cursor] }, select: rowSelect, orderBy: { id: "desc" }, take: pageSize });
  }

  const newest = raw[0]?.id;
  const oldest = raw.at(-1)?.id;
  const exists = async (id: Prisma.IntFilter) =>
    (await prisma.auditLog.findFirst({ where: { AND: [where, { id }] }, select: { id: true } })) !== null;
  const [hasOlder, hasNewer, actorIds, actions] = await Promise.all([
    oldest !== undefined ? exists({ lt: oldest }) : Promise.resolve(false),
    newest !== undefined ? exists({ gt: newest }) : Promise.resolve(false),
    prisma.auditLog.findMany({ where: { contestId }, distinct: ["actorId"], select: { actorId: true } }),
    prisma.auditLog.findMany({ where: { contestId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  const ids = actorIds.map((a) => a.actorId).filter((id): id is string => id !== null);
  const actors = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });

  return {
    contest,
    rows: raw.map(toRow),
    olderThan: hasOlder && oldest !== undefined ? oldest : null,
    newerThan: hasNewer && newest !== undefined ? newest : null,
    actors: sortByName(actors, (a) => a.name),
    hasSystemActor: actorIds.some((a) => a.actorId === null),
    actions: actions.map((a) => a.action),
  };
}

/** An instant as "YYYY-MM-DDTHH:mm:ss+07:00" in the contest's time zone. */
export function zonedIso(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMs(instant, timeZone);
  const wall = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const json = (value: unknown) => (value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));

const CSV_BATCH = 1000;
const CSV_COLUMNS = ["id", "at", "actorName", "actorEmail", "action", "actionLabel", "targetType", "targetId", "before", "after", "data", "ip"] as const;

/**
 * The contest's audit log as CSV (every row the filter matches, newest first; the page cursor
 * is ignored): UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese right,
 * headers and action labels in `lng`, times with the contest's UTC offset. Null when the
 * contest does not exist.
 */
export async function auditCsv(contestId: string, filter: AuditFilter, lng: Language = "vi"): Promise<{ filename: string; csv: string } | null> {
  const contest = await contestClock(contestId);
  if (!contest) return null;
  const t = getFixedT(lng);
  const where = filterWhere(contestId, contest.timeZone, filter);
  const chunks = [stringify([CSV_COLUMNS.map((c) => t(`audit:csv.${c}`))])];
  let before: number | undefined;
  for (;;) {
    const batch = await prisma.auditLog.findMany({
      where: { AND: [where, before !== undefined ? { id: { lt: before } } : {}] },
      select: rowSelect,
      orderBy: { id: "desc" },
      take: CSV_BATCH,
    });
    if (batch.length === 0) break;
    const records = batch.map(toRow).map((row) => {
      const key = auditActionKey(row.action);
      return [
        row.id,
        zonedIso(row.at, contest.timeZone),
        row.actor?.name ?? t("audit:system"),
        row.actor?.email ?? "",
        row.action,
        key ? t(key) : row.action,
        row.targetType,
        row.targetId,
        json(row.change?.before),
        json(row.change?.after),
        Object.keys(row.details).length ? JSON.stringify(row.details) : "",
        row.ip ?? "",
      ];
    });
    chunks.push(stringify(records));
    if (batch.length < CSV_BATCH) break;
    before = batch.at(-1)!.id;
  }
  return { filename: `audit-${contest.slug}.csv`, csv: `\uFEFF${chunks.join("")}` };
}
