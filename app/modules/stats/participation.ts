// Participation: entries by category, by unit, by day, and the submission timeline. Pure.
//
// An entry counts as received once submitted, whatever became of it (awaiting the eligibility
// check, eligible or disqualified); drafts and withdrawn entries are counted apart.
// Units [đơn vị công tác] are the authors': an entry counts once for each distinct unit among its
// authors (so co-authors from two units count for both, and the units' counts may add up to more
// than the entries), after the Vietnamese unit normaliser, so "UBND xã Phú Sơn" and "Ủy ban nhân
// dân xã Phú Sơn" are one unit, shown as its most frequent spelling.
// Days are calendar days of the contest's time zone (an entry at 23:59 in Hà Nội is that day's,
// whatever UTC says), from the opening (or the first entry) to the last entry, or on to the
// deadline while it is still ahead (up to today: future days would read as days without entries).

import type { EntryStatus } from "#app/generated/sqlite/enums";
import { utcToZonedLocal, zoneOffsetMs } from "#app/modules/contests/phases-clock";
import { nameCollator } from "#app/utils/format";
import { normalizeUnit } from "#app/utils/vietnamese";

/** Units shown by name; the rest are summed up as "other units". */
export const TOP_UNITS = 15;
/** Longest run of days drawn; past it, only the days from the first to the last entry. */
export const MAX_TIMELINE_DAYS = 400;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface StatusCounts {
  /** SUBMITTED + ELIGIBLE + DISQUALIFIED. */
  received: number;
  awaiting: number;
  eligible: number;
  disqualified: number;
  withdrawn: number;
  drafts: number;
}

const STATUS_FIELD: Record<EntryStatus, keyof Omit<StatusCounts, "received">> = {
  SUBMITTED: "awaiting",
  ELIGIBLE: "eligible",
  DISQUALIFIED: "disqualified",
  WITHDRAWN: "withdrawn",
  DRAFT: "drafts",
};

function emptyCounts(): StatusCounts {
  return { received: 0, awaiting: 0, eligible: 0, disqualified: 0, withdrawn: 0, drafts: 0 };
}

function addStatus(counts: StatusCounts, status: EntryStatus, count: number) {
  counts[STATUS_FIELD[status]] += count;
  if (status === "SUBMITTED" || status === "ELIGIBLE" || status === "DISQUALIFIED") counts.received += count;
}

export interface CategoryRow extends StatusCounts {
  categoryId: string;
  name: string;
}

/** Entries per category and status (categories in their own order), and the contest's totals. */
export function entriesByCategory(
  categories: readonly { id: string; name: string }[],
  counts: readonly { categoryId: string; status: EntryStatus; count: number }[],
): { categories: CategoryRow[]; totals: StatusCounts } {
  const rows = new Map(categories.map((c) => [c.id, { categoryId: c.id, name: c.name, ...emptyCounts() }]));
  const totals = emptyCounts();
  for (const c of counts) {
    const row = rows.get(c.categoryId);
    if (row) addStatus(row, c.status, c.count);
    addStatus(totals, c.status, c.count);
  }
  return { categories: [...rows.values()], totals };
}

export interface UnitRow {
  /** The normalised unit. */
  key: string;
  /** Its most frequent spelling among the authors. */
  label: string;
  entries: number;
}

export interface UnitCounts {
  top: UnitRow[];
  /** Units past the top ones, and the entries with an author from at least one of them. */
  others: { units: number; entries: number };
  /** Distinct units named. */
  units: number;
  /** Received entries none of whose authors named a unit. */
  withoutUnit: number;
}

/** Entries per unit of their authors (see above), the TOP_UNITS largest first. */
export function entriesByUnit(authors: readonly { entryId: string; unit: string }[], top = TOP_UNITS): UnitCounts {
  const normalized = new Map<string, string>(); // spelling → key, each spelling normalised once
  const units = new Map<string, { entries: Set<string>; spellings: Map<string, number> }>();
  const entriesSeen = new Set<string>();
  const entriesWithUnit = new Set<string>();
  for (const a of authors) {
    entriesSeen.add(a.entryId);
    const spelling = a.unit.trim().replace(/\s+/g, " ");
    let key = normalized.get(spelling);
    if (key === undefined) normalized.set(spelling, (key = normalizeUnit(spelling)));
    if (key === "") continue;
    entriesWithUnit.add(a.entryId);
    let u = units.get(key);
    if (!u) units.set(key, (u = { entries: new Set(), spellings: new Map() }));
    u.entries.add(a.entryId);
    u.spellings.set(spelling, (u.spellings.get(spelling) ?? 0) + 1);
  }
  const rows = [...units].map(([key, u]) => {
    const spellings = [...u.spellings].sort(([a, na], [b, nb]) => nb - na || nameCollator.compare(a, b) || (a < b ? -1 : 1));
    return { key, label: spellings[0]![0], entries: u.entries.size, ids: u.entries };
  });
  rows.sort((a, b) => b.entries - a.entries || nameCollator.compare(a.label, b.label) || (a.key < b.key ? -1 : 1));
  const rest = new Set<string>();
  for (const r of rows.slice(top)) for (const id of r.ids) rest.add(id);
  return {
    top: rows.slice(0, top).map(({ key, label, entries }) => ({ key, label, entries })),
    others: { units: Math.max(0, rows.length - top), entries: rest.size },
    units: rows.length,
    withoutUnit: entriesSeen.size - entriesWithUnit.size,
  };
}

/** The calendar day "YYYY-MM-DD" of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return utcToZonedLocal(instant, timeZone).slice(0, 10);
}

/**
 * localDay for many instants of one zone: the zone's offset is looked up once per hour of UTC
 * (Intl is slow for 20,000 dates) and used for the whole hour when it is the same at its first
 * and last second; an hour with a change of clock falls back to localDay for each instant.
 */
export function localDays(timeZone: string): (instant: Date) => string {
  const offsets = new Map<number, number | null>();
  return (instant) => {
    const t = instant.getTime();
    const hour = Math.floor(t / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const first = zoneOffsetMs(new Date(hour * HOUR_MS), timeZone);
      const last = zoneOffsetMs(new Date((hour + 1) * HOUR_MS - 1000), timeZone);
      offset = first === last ? first : null;
      offsets.set(hour, offset);
    }
    return offset === null ? localDay(instant, timeZone) : new Date(t + offset).toISOString().slice(0, 10);
  };
}

/** The calendar day after "YYYY-MM-DD" (calendar arithmetic: no time zone, no daylight saving). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(first: string, last: string): number {
  const at = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return Math.round((at(last) - at(first)) / DAY_MS) + 1;
}

export interface DayRow {
  day: string;
  count: number;
  /** Entries up to and including this day. */
  cumulative: number;
}

export interface Timeline {
  days: DayRow[];
  /** The deadline's day, when it is one of the days drawn. */
  deadlineDay: string | null;
}

/** Submissions per day of the contest's time zone, every day of the range (see above) included. */
export function entriesByDay(
  submittedAt: readonly Date[],
  timeZone: string,
  window: { opensAt: Date | null; closesAt: Date | null; now: Date },
): Timeline {
  if (submittedAt.length === 0) return { days: [], deadlineDay: null };
  const perDay = new Map<string, number>();
  let firstEntry = "9999-12-31";
  let lastEntry = "0000-01-01";
  const dayOf = localDays(timeZone);
  for (const t of submittedAt) {
    const day = dayOf(t);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    if (day < firstEntry) firstEntry = day;
    if (day > lastEntry) lastEntry = day;
  }
  let first = firstEntry;
  let last = lastEntry;
  if (window.opensAt) {
    const opening = localDay(window.opensAt, timeZone);
    if (opening < first) first = opening;
  }
  const deadline = window.closesAt ? localDay(window.closesAt, timeZone) : null;
  if (deadline) {
    const today = localDay(window.now, timeZone);
    const until = deadline < today ? deadline : today;
    if (until > last) last = until;
  }
  if (daysBetween(first, last) > MAX_TIMELINE_DAYS) [first, last] = [firstEntry, lastEntry];
  const days: DayRow[] = [];
  let cumulative = 0;
  for (let day = first; day <= last; day = nextDay(day)) {
    const count = perDay.get(day) ?? 0;
    cumulative += count;
    days.push({ day, count, cumulative });
  }
  return { days, deadlineDay: deadline && deadline >= first && deadline <= last ? deadline : null };
}

export interface DeadlineSurge {
  total: number;
  /** Entries in the last 24 hours, 3 days and 7 days up to the deadline (instants, not days). */
  lastDay: number;
  lastThreeDays: number;
  lastWeek: number;
  /** Entries after the deadline (in the grace period). */
  late: number;
}

/** How many entries came in shortly before the deadline; null without a deadline. */
export function deadlineSurge(submittedAt: readonly Date[], closesAt: Date | null): DeadlineSurge | null {
  if (!closesAt) return null;
  const end = closesAt.getTime();
  const out: DeadlineSurge = { total: submittedAt.length, lastDay: 0, lastThreeDays: 0, lastWeek: 0, late: 0 };
  for (const d of submittedAt) {
    const before = end - d.getTime();
    if (before < 0) out.late++;
    else {
      if (before <= 24 * HOUR_MS) out.lastDay++;
      if (before <= 72 * HOUR_MS) out.lastThreeDays++;
      if (before <= 7 * 24 * HOUR_MS) out.lastWeek++;
    }
  }
  return out;
}
