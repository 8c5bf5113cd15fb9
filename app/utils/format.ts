// Locale-aware formatting shared by pages and e-mails.
import type { Language } from "./i18n";

export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

const intlLocale: Record<Language, string> = { vi: "vi-VN", en: "en-GB" };

/** The calendar parts of an instant in a time zone. */
function dateParts(date: Date | string, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(date));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/**
 * A date as people of that language write it, in the given (contest's) time zone. Vietnamese is
 * written the way administrative documents write it, "ngày 2 tháng 12 năm 2026" (Intl's own
 * Vietnamese long date, "2 tháng 12, 2026", is not); English as "2 December 2026".
 */
export function formatDate(date: Date | string, lng: Language, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (lng === "vi") {
    const p = dateParts(date, timeZone);
    return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
  }
  return new Intl.DateTimeFormat(intlLocale[lng], { dateStyle: "long", timeZone }).format(new Date(date));
}

/**
 * A date and time, in the given (contest's) time zone: "17:00 ngày 20 tháng 12 năm 2026" in
 * Vietnamese (time first, as documents write it), "20 December 2026 at 17:00" in English.
 */
export function formatDateTime(date: Date | string, lng: Language, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (lng === "vi") {
    const p = dateParts(date, timeZone);
    return `${p.hour}:${p.minute} ${formatDate(date, lng, timeZone)}`;
  }
  return new Intl.DateTimeFormat(intlLocale[lng], { dateStyle: "long", timeStyle: "short", timeZone }).format(new Date(date));
}

export function formatNumber(value: number, lng: Language, fractionDigits?: number): string {
  return new Intl.NumberFormat(intlLocale[lng], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits ?? 2,
  }).format(value);
}

/** Vietnamese collation: "Đặng" sorts after "Dương", accents ordered as in Vietnamese dictionaries. */
export const nameCollator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => nameCollator.compare(name(a), name(b)));
}

/** A time of day ("14:02") in the given (contest's) time zone, e.g. when a draft was saved. */
export function formatTime(date: Date | string, lng: Language, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(intlLocale[lng], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(new Date(date));
}

/** A share in [0, 1] as a percentage in the reader's language, e.g. 0.457 → "46%" (or "45,7%" with 1 digit). */
export function formatPercent(share: number, lng: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale[lng], { style: "percent", minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(share);
}

/**
 * A calendar day "YYYY-MM-DD" (already a day of the contest's time zone, so no zone applies):
 * "long" as formatDate writes it ("15 tháng 3, 2026"), "short" as day and month ("15/3").
 */
export function formatDay(day: string, lng: Language, style: "long" | "short" = "long"): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const options: Intl.DateTimeFormatOptions = style === "long" ? { dateStyle: "long" } : { day: "numeric", month: "numeric" };
  return new Intl.DateTimeFormat(intlLocale[lng], { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}
