// Submitting essays (issue 4, items 2 and 3): an entrant's entry saved as a draft, submitted,
// changed or given a new essay version until the deadline, withdrawn; its codes; its receipt.
// Who asks is the caller's check (requireUser); everything else is enforced here, by the server:
//
// - the window: the contest is OPEN and now <= closesAt + graceMinutes, compared as instants (the
//   contest's time zone is for display only);
// - entries per entrant: every entry of the entrant in the contest that is not withdrawn counts,
//   drafts included (an entrant holds at most maxEntriesPerUser entries; withdrawing a draft
//   frees its place);
// - co-authors, the form's requirements for a submission, the word limits on the text that will
//   be judged (the extracted text of a file, or the text written in the browser, counted again
//   here), the file's kind and size (the storage module decides them from the content).
//
// All or nothing: a refusal leaves no entry, no version and no file row (storeUpload removes what
// it stored when the recording transaction fails). Concurrency: every write locks the contest row
// first and checks the limits and the window inside that transaction, so two submissions racing
// past the per-entrant limit or past the deadline cannot both succeed; an entry's version number
// (Entry.version) catches a form saved from a stale page.
//
// Codes: the entry code [mã bài dự thi] is handed out at the first submission (drafts have none),
// prefix + Contest.entryCodeSeq + 1 under the contest lock; the anonymous code [số phách] is drawn
// at random (codes.ts) until unused in the contest, under the same lock, and the unique index
// stands behind it (a collision retries the whole save).
import crypto from "node:crypto";
import type { EntryStatus } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { queueMail } from "#app/modules/mail/outbox.server";
import { receiptMail } from "#app/modules/mail/templates.server";
import { parseAllowedFileTypes } from "#app/modules/storage/files.schema";
import { normalizeText } from "#app/modules/storage/text";
import { storeUpload, type ExtractedText, type ReceivedFile } from "#app/modules/storage/upload.server";
import { prisma, Prisma, type Tx } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { isLanguage } from "#app/utils/i18n";
import { anonymousCode, entryCode } from "./codes";
import { refreshMasking } from "./masking.server";
import { entryActionSchema, type AuthorInput, type EntryFormValues } from "./submission.schema";
import { countWords } from "./words";

/** Entry states an entrant may still change (until the deadline). */
export const EDITABLE_STATUSES: readonly EntryStatus[] = ["DRAFT", "SUBMITTED", "ELIGIBLE"];
/** Entry states that hold a place in the per-entrant limit. */
export const COUNTED_STATUSES: readonly EntryStatus[] = ["DRAFT", "SUBMITTED", "ELIGIBLE", "DISQUALIFIED"];

export const ENTRY_ERRORS = {
  notOpen: "entries:errors.notOpen",
  closed: "entries:errors.closed",
  limit: "entries:errors.limitReached",
  stale: "entries:errors.stale",
  notEditable: "entries:errors.notEditable",
  noEssay: "entries:errors.noEssay",
  tooFewWords: "entries:errors.tooFewWords",
  tooManyWords: "entries:errors.tooManyWords",
  category: "entries:errors.category",
  onlineText: "entries:errors.onlineTextNotAllowed",
  emptyText: "entries:errors.emptyText",
} as const;

const withValues = (key: string, values: Record<string, unknown>) => `${key}|${JSON.stringify(values)}`;

// ───────────────────────────── the window ─────────────────────────────

export interface WindowFacts {
  phase: string;
  closesAt: Date | null;
  graceMinutes: number;
}

/** The last instant a submission is accepted (the deadline plus grace), or null without a deadline. */
export function acceptsUntil(contest: Pick<WindowFacts, "closesAt" | "graceMinutes">): Date | null {
  return contest.closesAt ? new Date(contest.closesAt.getTime() + contest.graceMinutes * 60_000) : null;
}

/** Why the contest does not accept submissions at `now` (an i18n key), or null when it does. */
export function windowRefusal(contest: WindowFacts, now: Date): string | null {
  if (contest.phase !== "OPEN") return contest.phase === "DRAFT" ? ENTRY_ERRORS.notOpen : ENTRY_ERRORS.closed;
  const until = acceptsUntil(contest);
  if (until && now.getTime() > until.getTime()) return ENTRY_ERRORS.closed;
  return null;
}

// ───────────────────────────── saving ─────────────────────────────

export type EssayInput =
  /** A file readUploadForm received. */
  | { kind: "file"; file: ReceivedFile }
  /** Text written in the browser. */
  | { kind: "text"; text: string }
  | null;

export interface SaveEntryInput {
  /** The entrant (as requireUser gives them); the receipt goes to their e-mail, in their language. */
  user: { id: string; locale: string; email: string };
  contestId: string;
  /** The entry being changed; none for a new entry. */
  entryId?: string;
  values: EntryFormValues;
  essay: EssayInput;
  ip?: string | null;
  now?: Date;
}

export interface Receipt {
  entryId: string;
  entryCode: string;
  title: string;
  category: string;
  contestTitle: string;
  timeZone: string;
  /** When this version was received (its submission, or its replacement). */
  receivedAt: Date;
  versionNumber: number;
  /** SHA-256 of the file, or of the text written in the browser (UTF-8). */
  sha256: string;
  /** The file's name as the entrant sent it; null for text written in the browser. */
  fileName: string | null;
  wordCount: number;
}

export type SaveEntryResult =
  | { ok: true; entryId: string; status: EntryStatus; submitted: boolean; newVersion: boolean }
  | { ok: false; status: "notFound" }
  | { ok: false; status: "stale" }
  /** Refused: field errors (by form field name, "authors[0].email" style) and form errors, as i18n keys. */
  | { ok: false; status: "refused"; fieldErrors: Record<string, string[]>; formErrors: string[] };

class Refusal extends Error {
  constructor(
    readonly result: Extract<SaveEntryResult, { ok: false }>,
  ) {
    super("refused");
  }
}

const refuse = (formErrors: string[], fieldErrors: Record<string, string[]> = {}): never => {
  throw new Refusal({ ok: false, status: "refused", fieldErrors, formErrors });
};

export function sha256Text(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

const contestSelect = {
  id: true,
  title: true,
  phase: true,
  closesAt: true,
  graceMinutes: true,
  timeZone: true,
  locale: true,
  minWords: true,
  maxWords: true,
  allowedFileTypes: true,
  maxFileBytes: true,
  allowOnlineText: true,
  maxEntriesPerUser: true,
  maxCoAuthors: true,
  entryCodePrefix: true,
  entryCodeSeq: true,
} satisfies Prisma.ContestSelect;

const entrySelect = {
  id: true,
  status: true,
  version: true,
  categoryId: true,
  title: true,
  abstract: true,
  entryCode: true,
  anonymousCode: true,
  submittedAt: true,
  currentVersion: { select: { id: true, number: true, wordCount: true, onlineText: true } },
  authors: { orderBy: { position: "asc" }, select: { name: true, birthYear: true, unit: true, jobTitle: true, email: true, phone: true } },
} satisfies Prisma.EntrySelect;

type ContestRow = Prisma.ContestGetPayload<{ select: typeof contestSelect }>;
type EntryRow = Prisma.EntryGetPayload<{ select: typeof entrySelect }>;

interface Prepared {
  contest: ContestRow;
  entry: EntryRow | null;
  /** The name of the chosen category (for the receipt). */
  categoryName: string;
}

/**
 * Reads what a save depends on and refuses what the rules forbid before any essay is looked at.
 * Runs once without the lock (so a closed contest stores no file) and again inside the writing
 * transaction after lockContest, where its answer is the one that counts.
 */
async function prepare(db: Tx, input: SaveEntryInput, now: Date): Promise<Prepared> {
  const contest = await db.contest.findUnique({ where: { id: input.contestId }, select: contestSelect });
  if (!contest) throw new Refusal({ ok: false, status: "notFound" });
  const entry = input.entryId
    ? await db.entry.findFirst({ where: { id: input.entryId, contestId: contest.id, submitterId: input.user.id }, select: entrySelect })
    : null;
  if (input.entryId && !entry) throw new Refusal({ ok: false, status: "notFound" });
  if (entry && entry.version !== input.values.version) throw new Refusal({ ok: false, status: "stale" });
  if (entry && !EDITABLE_STATUSES.includes(entry.status)) refuse([ENTRY_ERRORS.notEditable]);
  const closed = windowRefusal(contest, now);
  if (closed) refuse([closed]);

  // Limits of the contest that the form's schema knows too, checked again with the stored values.
  const schema = entryActionSchema({ maxCoAuthors: contest.maxCoAuthors, allowOnlineText: contest.allowOnlineText, year: now.getFullYear() });
  const again = schema.safeParse(input.values);
  if (!again.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of again.error.issues) (fieldErrors[fieldName(issue.path)] ??= []).push(issue.message);
    refuse([], fieldErrors);
  }
  if (!entry) {
    const held = await db.entry.count({ where: { contestId: contest.id, submitterId: input.user.id, status: { in: [...COUNTED_STATUSES] } } });
    if (held >= contest.maxEntriesPerUser) refuse([withValues(ENTRY_ERRORS.limit, { max: contest.maxEntriesPerUser })]);
  }
  const category = await db.category.findFirst({ where: { id: input.values.categoryId, contestId: contest.id }, select: { name: true } });
  if (!category) refuse([], { categoryId: [ENTRY_ERRORS.category] });
  return { contest, entry, categoryName: category!.name };
}

/** conform's name of a field at a zod path: ["authors", 0, "email"] → "authors[0].email". */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}

interface NewText {
  /** The stored file, or null for text written in the browser. */
  file: { id: string; sha256: string; originalName: string } | null;
  onlineText: string | null;
  text: string;
  wordCount: number;
}

function wordRefusal(contest: ContestRow, count: number): string | null {
  if (contest.minWords !== null && count < contest.minWords) return withValues(ENTRY_ERRORS.tooFewWords, { min: contest.minWords, count });
  if (contest.maxWords !== null && count > contest.maxWords) return withValues(ENTRY_ERRORS.tooManyWords, { max: contest.maxWords, count });
  return null;
}

const authorKey = (a: Pick<AuthorInput, "name" | "unit" | "jobTitle" | "email" | "phone"> & { birthYear?: number | null }) =>
  JSON.stringify([a.name, a.birthYear ?? null, a.unit, a.jobTitle, a.email, a.phone]);

function drawAnonymousCode(): string {
  return anonymousCode(() => crypto.randomInt(2 ** 32) / 2 ** 32);
}

async function unusedAnonymousCode(tx: Tx, contestId: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = drawAnonymousCode();
    if ((await tx.entry.count({ where: { contestId, anonymousCode: code } })) === 0) return code;
  }
  throw new Error("could not draw an unused anonymous code");
}

/** The writes of a save, in the transaction that records the file (if any). Refusals throw. */
async function write(tx: Tx, input: SaveEntryInput, now: Date, given: NewText | null): Promise<{ entryId: string; status: EntryStatus; submitted: boolean; newVersion: boolean }> {
  if (!(await lockContest(tx, input.contestId))) throw new Refusal({ ok: false, status: "notFound" });
  const { contest, entry, categoryName } = await prepare(tx, input, now);
  const values = input.values;
  const submitting = values.intent === "submit";
  if (given && given.onlineText !== null && !contest.allowOnlineText) refuse([], { essayMode: [ENTRY_ERRORS.onlineText] });
  // The same text as the current version (the page sends it back as it was): not a new version.
  const essay = given && given.onlineText !== null && given.onlineText === entry?.currentVersion?.onlineText ? null : given;
  const essayField = values.essayMode === "text" ? "onlineText" : "file";

  if (submitting) {
    const count = essay ? essay.wordCount : entry?.currentVersion?.wordCount;
    if (count === undefined) refuse([], { [essayField]: [ENTRY_ERRORS.noEssay] });
    const words = wordRefusal(contest, count!);
    if (words) refuse([], { [essayField]: [words] });
  }

  const firstSubmission = submitting && (!entry || entry.status === "DRAFT");
  // A change to an entry the secretary found eligible needs checking again.
  const status: EntryStatus = submitting ? "SUBMITTED" : (entry?.status ?? "DRAFT");
  const codes: { entryCode?: string; anonymousCode?: string } = {};
  if (firstSubmission && !entry?.entryCode) {
    const seq = contest.entryCodeSeq + 1;
    await tx.contest.update({ where: { id: contest.id }, data: { entryCodeSeq: seq } });
    codes.entryCode = entryCode(contest.entryCodePrefix, seq);
  }
  if (firstSubmission && !entry?.anonymousCode) codes.anonymousCode = await unusedAnonymousCode(tx, contest.id);

  const fields = { categoryId: values.categoryId, title: values.title, abstract: values.abstract };
  const saved = entry
    ? await tx.entry.update({
        where: { id: entry.id },
        data: {
          ...fields,
          status,
          ...(entry.status === "ELIGIBLE" && submitting ? { statusReason: null } : {}),
          ...codes,
          ...(firstSubmission ? { submittedAt: now } : {}),
          ...(submitting ? { declarationAcceptedAt: now } : {}),
          version: { increment: 1 },
        },
        select: { id: true },
      })
    : await tx.entry.create({
        data: {
          ...fields,
          contestId: contest.id,
          submitterId: input.user.id,
          status,
          ...codes,
          ...(submitting ? { submittedAt: now, declarationAcceptedAt: now } : {}),
        },
        select: { id: true },
      });

  const authors = values.authors.map((a, position) => ({
    position,
    userId: position === 0 ? input.user.id : null,
    name: a.name,
    birthYear: a.birthYear ?? null,
    unit: a.unit,
    jobTitle: a.jobTitle,
    email: a.email,
    phone: a.phone,
  }));
  const authorsChanged = !entry || entry.authors.map(authorKey).join("\n") !== values.authors.map(authorKey).join("\n");
  if (authorsChanged) {
    if (entry) await tx.entryAuthor.deleteMany({ where: { entryId: saved.id } });
    await tx.entryAuthor.createMany({ data: authors.map((a) => ({ ...a, entryId: saved.id })) });
  }

  let versionNumber: number | null = null;
  if (essay) {
    // A new entry has no versions yet.
    const last = entry ? (await tx.entryVersion.aggregate({ where: { entryId: saved.id }, _max: { number: true } }))._max.number : null;
    versionNumber = (last ?? 0) + 1;
    const version = await tx.entryVersion.create({
      data: {
        entryId: saved.id,
        number: versionNumber,
        fileId: essay.file?.id ?? null,
        onlineText: essay.onlineText,
        extractedText: essay.text,
        wordCount: essay.wordCount,
        createdById: input.user.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.entry.update({ where: { id: saved.id }, data: { currentVersionId: version.id } });
  }
  if (essay || authorsChanged) await refreshMasking(tx, contest.id, saved.id);

  const changed: Record<string, { before: unknown; after: unknown }> = {};
  if (entry) {
    for (const key of ["categoryId", "title", "abstract"] as const) {
      if (entry[key] !== fields[key]) changed[key] = { before: entry[key], after: fields[key] };
    }
    if (entry.status !== status) changed.status = { before: entry.status, after: status };
    if (authorsChanged) changed.authors = { before: entry.authors.length, after: authors.length };
  }
  await audit(tx, {
    actorId: input.user.id,
    contestId: contest.id,
    action: firstSubmission ? "entry.submit" : entry ? "entry.update" : "entry.saveDraft",
    targetType: "Entry",
    targetId: saved.id,
    data: {
      status,
      ...(codes.entryCode ? { entryCode: codes.entryCode } : {}),
      ...(versionNumber ? { version: versionNumber, file: essay?.file?.id ?? null, words: essay?.wordCount } : {}),
      ...(entry ? { changed } : { title: values.title }),
    },
    ip: input.ip ?? null,
  });
  // The receipt goes out with the commit of what it acknowledges (queued in this transaction).
  if (submitting && (firstSubmission || versionNumber !== null)) {
    // The version this save wrote is known here; a draft submitted as it was is read back.
    const receipt =
      essay && versionNumber !== null
        ? receiptOf({
            id: saved.id,
            entryCode: codes.entryCode ?? entry?.entryCode ?? null,
            title: values.title,
            category: { name: categoryName },
            contest,
            currentVersion: { number: versionNumber, createdAt: now, onlineText: essay.onlineText, wordCount: essay.wordCount, file: essay.file },
          })
        : await getReceipt(input.user.id, saved.id, tx);
    if (receipt) await queueReceipt(tx, receipt, input.user);
  }
  return { entryId: saved.id, status, submitted: firstSubmission, newVersion: versionNumber !== null };
}

function isCodeCollision(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** Saves, submits or changes an entry (see the top of this file). */
export async function saveEntry(input: SaveEntryInput): Promise<SaveEntryResult> {
  const now = input.now ?? new Date();
  try {
    // Refuse early what will be refused anyway, before a file is stored.
    const { contest } = await prepare(prisma, input, now);
    let outcome: Awaited<ReturnType<typeof saveOnce>>;
    for (let attempt = 1; ; attempt++) {
      try {
        outcome = await saveOnce(input, now, contest);
        break;
      } catch (e) {
        if (attempt < 3 && isCodeCollision(e)) continue;
        throw e;
      }
    }
    if (!outcome.ok) return outcome;
    return { ok: true, entryId: outcome.entryId, status: outcome.status, submitted: outcome.submitted, newVersion: outcome.newVersion };
  } catch (e) {
    if (e instanceof Refusal) return e.result;
    throw e;
  }
}

type Written = Awaited<ReturnType<typeof write>> & { ok: true };

async function saveOnce(
  input: SaveEntryInput,
  now: Date,
  contest: Pick<ContestRow, "allowedFileTypes" | "maxFileBytes">,
): Promise<Written | Extract<SaveEntryResult, { ok: false }>> {
  const essay = input.essay;
  if (essay?.kind === "file") {
    let written: Awaited<ReturnType<typeof write>> | undefined;
    const stored = await storeUpload({
      source: essay.file,
      originalName: essay.file.originalName,
      declaredType: essay.file.declaredType,
      allowed: parseAllowedFileTypes(contest.allowedFileTypes),
      maxBytes: contest.maxFileBytes,
      uploadedById: input.user.id,
      attach: async (tx, file, text: ExtractedText | null) => {
        written = await write(tx, input, now, { file, onlineText: null, text: text?.text ?? "", wordCount: text?.wordCount ?? 0 });
      },
    });
    if (!stored.ok) return { ok: false, status: "refused", fieldErrors: { file: [stored.error] }, formErrors: [] };
    return { ...written!, ok: true };
  }
  let text: NewText | null = null;
  if (essay?.kind === "text") {
    const normalized = normalizeText(essay.text);
    if (normalized) text = { file: null, onlineText: normalized, text: normalized, wordCount: countWords(normalized) };
    else if (input.values.intent === "submit") refuse([], { onlineText: [ENTRY_ERRORS.emptyText] });
  }
  const written = await prisma.$transaction((tx) => write(tx, input, now, text));
  return { ...written, ok: true };
}

// ───────────────────────────── withdrawing ─────────────────────────────

export interface WithdrawInput {
  user: { id: string };
  entryId: string;
  version: number;
  ip?: string | null;
  now?: Date;
}

export type WithdrawResult = { ok: true } | { ok: false; status: "notFound" } | { ok: false; status: "stale" } | { ok: false; status: "refused"; error: string };

/** Withdraws the entrant's entry before the deadline; its rows (versions, codes) stay. */
export async function withdrawEntry(input: WithdrawInput): Promise<WithdrawResult> {
  const now = input.now ?? new Date();
  const found = await prisma.entry.findFirst({ where: { id: input.entryId, submitterId: input.user.id }, select: { contestId: true } });
  if (!found) return { ok: false, status: "notFound" };
  return prisma.$transaction(async (tx): Promise<WithdrawResult> => {
    await lockContest(tx, found.contestId);
    const entry = await tx.entry.findFirst({
      where: { id: input.entryId, submitterId: input.user.id },
      select: { id: true, status: true, version: true, contest: { select: { phase: true, closesAt: true, graceMinutes: true } } },
    });
    if (!entry) return { ok: false, status: "notFound" };
    if (entry.version !== input.version) return { ok: false, status: "stale" };
    if (!EDITABLE_STATUSES.includes(entry.status)) return { ok: false, status: "refused", error: ENTRY_ERRORS.notEditable };
    const closed = windowRefusal(entry.contest, now);
    if (closed) return { ok: false, status: "refused", error: closed };
    await tx.entry.update({ where: { id: entry.id }, data: { status: "WITHDRAWN", withdrawnAt: now, version: { increment: 1 } } });
    await audit(tx, {
      actorId: input.user.id,
      contestId: found.contestId,
      action: "entry.withdraw",
      targetType: "Entry",
      targetId: entry.id,
      data: { before: { status: entry.status }, after: { status: "WITHDRAWN" } },
      ip: input.ip ?? null,
    });
    return { ok: true };
  });
}

// ───────────────────────────── receipts ─────────────────────────────

/** The receipt of the entry's current version, for its entrant (null: not theirs, or not submitted). */
export async function getReceipt(userId: string, entryId: string, db: Tx = prisma): Promise<Receipt | null> {
  const entry = await db.entry.findFirst({
    where: { id: entryId, submitterId: userId, entryCode: { not: null } },
    select: {
      id: true,
      entryCode: true,
      title: true,
      category: { select: { name: true } },
      contest: { select: { title: true, timeZone: true } },
      currentVersion: {
        select: { number: true, createdAt: true, onlineText: true, wordCount: true, file: { select: { sha256: true, originalName: true } } },
      },
    },
  });
  return entry ? receiptOf(entry) : null;
}

/** What a receipt shows, from the entry and its current version (null: no code or no version yet). */
function receiptOf(entry: {
  id: string;
  entryCode: string | null;
  title: string;
  category: { name: string };
  contest: { title: string; timeZone: string };
  currentVersion: { number: number; createdAt: Date; onlineText: string | null; wordCount: number; file: { sha256: string; originalName: string } | null } | null;
}): Receipt | null {
  if (!entry.entryCode || !entry.currentVersion) return null;
  const v = entry.currentVersion;
  return {
    entryId: entry.id,
    entryCode: entry.entryCode,
    title: entry.title,
    category: entry.category.name,
    contestTitle: entry.contest.title,
    timeZone: entry.contest.timeZone,
    receivedAt: v.createdAt,
    versionNumber: v.number,
    sha256: v.file?.sha256 ?? sha256Text(v.onlineText ?? ""),
    fileName: v.file ? v.file.originalName : null,
    wordCount: v.wordCount,
  };
}

/** Queues the receipt e-mail to the entrant (who submitted the entry), in their language, in the transaction of the submission. */
async function queueReceipt(tx: Tx, receipt: Receipt, user: SaveEntryInput["user"]): Promise<void> {
  const url = `${env().appUrl}/entries/${receipt.entryId}/receipt`;
  await queueMail(tx, { to: user.email, ...receiptMail(isLanguage(user.locale) ? user.locale : "vi", { ...receipt, url }) });
}
