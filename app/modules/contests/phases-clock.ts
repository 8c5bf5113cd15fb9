// The contest's clock. Opening and closing times are instants (UTC in the database); the
// organizer types them as wall-clock times of the contest's time zone (Asia/Ho_Chi_Minh by
// default), and the scheduler (runDuePhaseChanges) compares instants only. Pure, Intl only.
//
// Wall-clock times that do not exist or exist twice in a daylight-saving zone are resolved
// the way Temporal's "compatible" disambiguation does: a time inside a spring-forward gap is
// moved forward by the gap (Berlin 02:30 on the last Sunday of March is 03:30 CEST), and a time
// repeated at fall-back is the earlier of the two (Berlin 02:30 on the last Sunday of October
// is 02:30 CEST, not CET).

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for an unknown time zone.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a zone, as if it were UTC (milliseconds). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at an instant, in milliseconds (UTC+7 is 25 200 000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const ms = instant.getTime() - (instant.getTime() % 1000);
  return wallClockMs(ms, timeZone) - ms;
}

/**
 * The UTC instant of a wall-clock time "YYYY-MM-DDTHH:mm" in a time zone (an IANA name).
 * Throws a RangeError for a malformed or impossible date (2026-02-30) or an unknown zone.
 */
export function zonedLocalToUtc(localDateTime: string, timeZone: string): Date {
  const m = LOCAL_PATTERN.exec(localDateTime);
  if (!m) throw new RangeError(`Not a local date-time "YYYY-MM-DDTHH:mm": ${localDateTime}`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    throw new RangeError(`Not a valid date-time: ${localDateTime}`);
  }
  // Offsets a day either side bracket any transition near this time (zones change at most once a day).
  const before = wallClockMs(wall - DAY_MS, timeZone) - (wall - DAY_MS);
  const after = wallClockMs(wall + DAY_MS, timeZone) - (wall + DAY_MS);
  const candidates = [...new Set([wall - before, wall - after])].filter((t) => wallClockMs(t, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates)); // repeated time: the earlier
  return new Date(wall - before); // in a gap: shifted forward by the gap
}

/** The wall-clock time "YYYY-MM-DDTHH:mm" of an instant in a time zone (for the editor's fields). */
export function utcToZonedLocal(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}
