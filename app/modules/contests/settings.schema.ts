// The contest editor's form (/organize/:contestId/settings), shared by the browser and the server:
// one schema for the page's two actions, saving the settings and taking a lifecycle step.
// Limits are the exported constants below; messages are i18n keys ("key|{json}" with values).
//
// Times are typed as wall-clock times of the contest's time zone ("YYYY-MM-DDTHH:mm", what a
// datetime-local field sends) and converted to instants with zonedLocalToUtc (phases-clock.ts).
import { z } from "zod";
import { DEFAULT_TIME_ZONE } from "#app/utils/format";
import { SLUG_MAX, SLUG_PATTERN, TITLE_MAX } from "./contests.schema";
import { zonedLocalToUtc } from "./phases-clock";
import { PHASES } from "./phases";

export const TITLE_MIN = 3;
export const DESCRIPTION_MAX = 2000;
/** The rules are Markdown; about 25 pages of text. */
export const RULES_MAX = 50_000;
/** The languages a contest's own texts may be written in. */
export const CONTEST_LOCALES = ["vi", "en"] as const;
export type ContestLocale = (typeof CONTEST_LOCALES)[number];
/** Minutes of grace after the deadline during which uploads are still accepted. */
export const GRACE_MINUTES_MAX = 24 * 60;
export const WORDS_MAX = 100_000;
/** The file kinds an entry may be uploaded as, in the order they are offered and stored. */
export const FILE_KINDS = ["pdf", "docx", "odt", "txt"] as const;
export type FileKindName = (typeof FILE_KINDS)[number];
export const BYTES_PER_MB = 1024 * 1024;
export const MAX_FILE_MB_MIN = 1;
/** A sane upper bound for one essay file (a scanned PDF of 30 pages stays well below it). */
export const MAX_FILE_MB_MAX = 50;
export const ENTRIES_PER_ENTRANT_MAX = 20;
export const CO_AUTHORS_MAX = 10;
export const ENTRY_CODE_PREFIX_MAX = 10;
/** Capital letters without diacritics, digits and - _ . / (codes are printed and typed back). */
export const ENTRY_CODE_PREFIX_PATTERN = /^[A-Z0-9_./-]*$/;
/** What a datetime-local field sends: minutes, optionally seconds (dropped). */
export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** The time zones offered in the editor, Vietnam first; any other IANA zone is accepted too. */
export const TIME_ZONE_CHOICES = [
  DEFAULT_TIME_ZONE,
  "Asia/Bangkok",
  "Asia/Vientiane",
  "Asia/Phnom_Penh",
  "Asia/Jakarta",
  "Asia/Kuala_Lumpur",
  "Asia/Singapore",
  "Asia/Manila",
  "Asia/Hong_Kong",
  "Asia/Shanghai",
  "Asia/Taipei",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Perth",
  "Australia/Sydney",
  "Europe/Moscow",
  "Europe/Warsaw",
  "Europe/Prague",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/London",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
  "America/Vancouver",
  "UTC",
] as const;

const ZONE_NAME = /^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Z0-9][A-Za-z0-9_+-]*)+)$/;

/** An IANA time zone this JavaScript engine knows, written the usual way ("Asia/Ho_Chi_Minh"). */
export function isTimeZone(value: string): boolean {
  if (!ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The instant of a wall-clock time in a zone, or null when the time or the zone is not valid. */
export function localToInstant(local: string, timeZone: string): Date | null {
  try {
    return zonedLocalToUtc(local, timeZone);
  } catch {
    return null;
  }
}

export const mbToBytes = (mb: number) => Math.round(mb * BYTES_PER_MB);
export const bytesToMb = (bytes: number) => Math.round((bytes / BYTES_PER_MB) * 10) / 10;

/** Whole numbers within bounds, with translated messages. */
function wholeNumber(min: number, max: number) {
  return z
    .number({ required_error: "validation.required", invalid_type_error: "editor:errors.wholeNumber" })
    .int("editor:errors.wholeNumber")
    .min(min, `editor:errors.min|{"min":${min}}`)
    .max(max, `editor:errors.max|{"max":${max}}`);
}

const localDateTime = z
  .string()
  .trim()
  .regex(LOCAL_DATE_TIME_PATTERN, "editor:settings.errors.dateTime")
  .transform((value) => value.slice(0, 16))
  .optional();

/** Newlines as a textarea sends them (CRLF) become LF; surrounding blank space goes. */
const text = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, `validation.tooLong|{"max":${max}}`))
    .default("");

export const settingsFields = z.object({
  intent: z.literal("save"),
  /** Contest.version as the form loaded it (optimistic concurrency). */
  version: z.number({ required_error: "validation.required", invalid_type_error: "validation.invalid" }).int().min(0),
  title: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(TITLE_MIN, `validation.tooShort|{"min":${TITLE_MIN}}`)
    .max(TITLE_MAX, `validation.tooLong|{"max":${TITLE_MAX}}`),
  slug: z
    .string({ required_error: "validation.required" })
    .trim()
    .toLowerCase()
    .max(SLUG_MAX, `validation.tooLong|{"max":${SLUG_MAX}}`)
    .regex(SLUG_PATTERN, "validation.slug"),
  description: text(DESCRIPTION_MAX),
  rules: text(RULES_MAX),
  locale: z.enum(CONTEST_LOCALES, { errorMap: () => ({ message: "validation.invalid" }) }),
  timeZone: z.string({ required_error: "validation.required" }).trim().refine(isTimeZone, "editor:settings.errors.timeZone"),
  opensAt: localDateTime,
  closesAt: localDateTime,
  graceMinutes: wholeNumber(0, GRACE_MINUTES_MAX).default(0),
  minWords: wholeNumber(0, WORDS_MAX).optional(),
  maxWords: wholeNumber(1, WORDS_MAX).optional(),
  allowedFileTypes: z
    .array(z.enum(FILE_KINDS, { errorMap: () => ({ message: "validation.invalid" }) }))
    .default([])
    .transform((kinds) => FILE_KINDS.filter((k) => kinds.includes(k))),
  allowOnlineText: z.boolean().default(false),
  maxFileMb: wholeNumber(MAX_FILE_MB_MIN, MAX_FILE_MB_MAX),
  maxEntriesPerUser: wholeNumber(1, ENTRIES_PER_ENTRANT_MAX),
  maxCoAuthors: wholeNumber(0, CO_AUTHORS_MAX),
  blind: z.boolean().default(false),
  entryCodePrefix: z
    .string()
    .trim()
    .toUpperCase()
    .max(ENTRY_CODE_PREFIX_MAX, `validation.tooLong|{"max":${ENTRY_CODE_PREFIX_MAX}}`)
    .regex(ENTRY_CODE_PREFIX_PATTERN, "editor:settings.errors.entryCodePrefix")
    .default(""),
});

export const phaseStepFields = z.object({
  intent: z.literal("phase"),
  /** The phase the page showed; a step from a stale page is refused. */
  from: z.enum(PHASES),
  to: z.enum(PHASES),
});

export type ContestSettingsInput = Omit<z.infer<typeof settingsFields>, "intent">;

/** The rules that involve several fields of the settings. */
function checkSettings(value: z.infer<typeof settingsFields>, ctx: z.RefinementCtx) {
  const issue = (path: keyof ContestSettingsInput, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (value.minWords !== undefined && value.maxWords !== undefined && value.minWords > value.maxWords) {
    issue("maxWords", "editor:settings.errors.wordsOrder");
  }
  if (value.allowedFileTypes.length === 0 && !value.allowOnlineText) {
    issue("allowedFileTypes", "editor:settings.errors.noWayToSubmit");
  }
  if (!isTimeZone(value.timeZone)) return;
  const opens = value.opensAt ? localToInstant(value.opensAt, value.timeZone) : null;
  const closes = value.closesAt ? localToInstant(value.closesAt, value.timeZone) : null;
  if (value.opensAt && !opens) issue("opensAt", "editor:settings.errors.dateTime");
  if (value.closesAt && !closes) issue("closesAt", "editor:settings.errors.dateTime");
  if (value.opensAt && !value.closesAt) issue("closesAt", "editor:settings.errors.opensWithoutCloses");
  if (opens && closes && opens.getTime() >= closes.getTime()) issue("closesAt", "editor:settings.errors.closesBeforeOpens");
}

/** The settings page's actions: "save" (the whole settings form) or "phase" (one lifecycle step). */
export const settingsActionSchema = z.discriminatedUnion("intent", [settingsFields, phaseStepFields]).superRefine((value, ctx) => {
  if (value.intent === "save") checkSettings(value, ctx);
});

export type SettingsAction = z.infer<typeof settingsActionSchema>;

/** The banner form of the settings page (a multipart post with the image in the "banner" field). */
export const BANNER_FIELD = "banner";
export const bannerActionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("banner") }), z.object({ intent: z.literal("removeBanner") })]);
