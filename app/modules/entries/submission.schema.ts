// The entrant's entry form (/contests/:slug/enter and /entries/:entryId), shared by the browser and
// the server: saving a draft, submitting (or saving a submitted entry's changes), withdrawing.
// Limits are the exported constants; the contest's own limits (co-authors, online text) are
// passed in, and the server checks them again under the contest's lock (submission.server.ts),
// with the window, the entry count, the word limits and the file.
// Messages are i18n keys ("key|{json}" with values).
import { z } from "zod";

export const ENTRY_TITLE_MAX = 300;
export const ABSTRACT_MAX = 3000;
export const AUTHOR_NAME_MAX = 120;
export const AUTHOR_UNIT_MAX = 200;
export const AUTHOR_JOB_TITLE_MAX = 120;
export const AUTHOR_EMAIL_MAX = 254;
/** The earliest birth year accepted. */
export const BIRTH_YEAR_MIN = 1920;
/** Authors are at least this old in the year they enter (the latest birth year is this year minus it). */
export const AUTHOR_MIN_AGE = 10;
/** An essay written in the browser: about 60,000 Vietnamese words. */
export const ONLINE_TEXT_MAX_CHARS = 400_000;
/** Bytes the multipart reader accepts for the online text field (UTF-8, up to 4 bytes a character). */
export const ONLINE_TEXT_MAX_BYTES = ONLINE_TEXT_MAX_CHARS * 4;
/** Phone numbers: digits with spaces, dots, dashes or brackets, optionally +country; 9 to 15 digits. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 .()-]*$/;
export const PHONE_DIGITS_MIN = 9;
export const PHONE_DIGITS_MAX = 15;
export const ESSAY_MODES = ["file", "text"] as const;
export type EssayMode = (typeof ESSAY_MODES)[number];
/** The reason of a disqualification, shown to the entrant. */
export const REASON_MAX = 1000;

/** The latest birth year accepted in the given year. */
export function birthYearMax(year: number = new Date().getFullYear()): number {
  return year - AUTHOR_MIN_AGE;
}

const withValues = (key: string, values: Record<string, unknown>) => `${key}|${JSON.stringify(values)}`;

const trimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max, withValues("validation.tooLong", { max }))
    .default("");

/** Newlines as a textarea sends them (CRLF) become LF; surrounding blank space goes. */
const longText = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, withValues("validation.tooLong", { max })))
    .default("");

export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, "").length;
  return PHONE_PATTERN.test(value) && digits >= PHONE_DIGITS_MIN && digits <= PHONE_DIGITS_MAX;
}

const authorFields = (maxYear: number) =>
  z.object({
    name: trimmed(AUTHOR_NAME_MAX),
    birthYear: z
      .number({ invalid_type_error: "entries:errors.birthYear" })
      .int("entries:errors.birthYear")
      .min(BIRTH_YEAR_MIN, withValues("entries:errors.birthYearRange", { min: BIRTH_YEAR_MIN, max: maxYear }))
      .max(maxYear, withValues("entries:errors.birthYearRange", { min: BIRTH_YEAR_MIN, max: maxYear }))
      .optional(),
    unit: trimmed(AUTHOR_UNIT_MAX),
    jobTitle: trimmed(AUTHOR_JOB_TITLE_MAX),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(AUTHOR_EMAIL_MAX, withValues("validation.tooLong", { max: AUTHOR_EMAIL_MAX }))
      .refine((v) => v === "" || z.string().email().safeParse(v).success, "validation.email")
      .default(""),
    phone: z.string().trim().refine((v) => v === "" || isPhone(v), "entries:errors.phone").default(""),
  });

export type AuthorInput = z.infer<ReturnType<typeof authorFields>>;

export interface EntryFormLimits {
  /** Contest.maxCoAuthors: authors besides the entrant. */
  maxCoAuthors: number;
  allowOnlineText: boolean;
  /** The year the form is checked in (birth year bounds); this year by default. */
  year?: number;
}

function entryFields(limits: EntryFormLimits) {
  const maxYear = birthYearMax(limits.year);
  return {
    /** Entry.version as the form loaded it (0 for a new entry): optimistic concurrency. */
    version: z.number({ invalid_type_error: "validation.invalid" }).int().min(0).default(0),
    categoryId: z.string({ required_error: "entries:errors.category" }).trim().min(1, "entries:errors.category"),
    title: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(ENTRY_TITLE_MAX, withValues("validation.tooLong", { max: ENTRY_TITLE_MAX })),
    abstract: longText(ABSTRACT_MAX),
    authors: z
      .array(authorFields(maxYear))
      .min(1, "entries:errors.noAuthor")
      .max(limits.maxCoAuthors + 1, withValues("entries:errors.tooManyCoAuthors", { max: limits.maxCoAuthors })),
    declaration: z.boolean().default(false),
    essayMode: z.enum(ESSAY_MODES).default("file"),
    onlineText: z
      .string()
      .max(ONLINE_TEXT_MAX_CHARS, withValues("validation.tooLong", { max: ONLINE_TEXT_MAX_CHARS }))
      .default(""),
  };
}

/** What submitting (or saving a submitted entry) requires beyond a draft. */
function checkSubmission(value: EntryFormValues, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  if (!value.declaration) issue(["declaration"], "entries:errors.declaration");
  if (!value.abstract) issue(["abstract"], "validation.required");
  value.authors.forEach((author, i) => {
    if (!author.name) issue(["authors", i, "name"], "validation.required");
    if (author.birthYear === undefined) issue(["authors", i, "birthYear"], "validation.required");
    if (!author.unit) issue(["authors", i, "unit"], "validation.required");
    // The entrant is the contact for the entry.
    if (i === 0 && !author.email) issue(["authors", 0, "email"], "validation.required");
    if (i === 0 && !author.phone) issue(["authors", 0, "phone"], "validation.required");
  });
}

/** Checks that apply to every save. */
function checkAlways(limits: EntryFormLimits) {
  return (value: EntryFormValues, ctx: z.RefinementCtx) => {
    if (!value.authors[0]?.name) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["authors", 0, "name"], message: "validation.required" });
    }
    if (value.essayMode === "text" && !limits.allowOnlineText) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["essayMode"], message: "entries:errors.onlineTextNotAllowed" });
    }
  };
}

/** The entry page's actions: "draft" (save as a draft), "submit" (submit or save a submitted entry), "withdraw". */
export function entryActionSchema(limits: EntryFormLimits) {
  const fields = entryFields(limits);
  return z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("draft"), ...fields }),
      z.object({ intent: z.literal("submit"), ...fields }),
      z.object({ intent: z.literal("withdraw"), version: fields.version }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === "withdraw") return;
      checkAlways(limits)(value, ctx);
      if (value.intent === "submit") checkSubmission(value, ctx);
    });
}

export type EntryAction = z.infer<ReturnType<typeof entryActionSchema>>;
export type EntryFormValues = Extract<EntryAction, { intent: "draft" | "submit" }>;

// ───────────────────────────── the secretary's eligibility decision ─────────────────────────────

export const ELIGIBILITY_DECISIONS = ["ELIGIBLE", "DISQUALIFIED", "SUBMITTED"] as const;
export type EligibilityDecision = (typeof ELIGIBILITY_DECISIONS)[number];

export const eligibilitySchema = z
  .object({
    intent: z.literal("decide"),
    version: z.number({ invalid_type_error: "validation.invalid" }).int().min(0),
    decision: z.enum(ELIGIBILITY_DECISIONS, { errorMap: () => ({ message: "entries:errors.decision" }) }),
    reason: longText(REASON_MAX),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "DISQUALIFIED" && !value.reason) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "entries:errors.reasonRequired" });
    }
  });

export type EligibilityInput = z.infer<typeof eligibilitySchema>;

// ───────────────────────────── the staff's entries list ─────────────────────────────

export const ENTRY_PAGE_SIZE = 50;
export const LISTED_STATUSES = ["SUBMITTED", "ELIGIBLE", "DISQUALIFIED", "WITHDRAWN"] as const;
export const SEARCH_MAX = 100;

export const entryFilterSchema = z.object({
  category: z.string().trim().max(64).optional(),
  status: z.enum(LISTED_STATUSES).optional(),
  /** The lowest originality score to list, as a percentage (0–100). */
  minScore: z.coerce.number({ invalid_type_error: "validation.invalid" }).min(0, "validation.invalid").max(100, "validation.invalid").optional(),
  q: z.string().trim().max(SEARCH_MAX, withValues("validation.tooLong", { max: SEARCH_MAX })).optional(),
  /** Keyset paging: entries after (next page) or before (previous page) this entry id. */
  after: z.string().trim().max(64).optional(),
  before: z.string().trim().max(64).optional(),
});

export type EntryFilter = z.infer<typeof entryFilterSchema>;
