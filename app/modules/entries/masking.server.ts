// Masking in the database (DOMAIN.md, "Blind judging"; issue 4, item 6): the judges' reading view of
// an entry's current version (EntryVersion.maskedText) and the report of what was masked
// (EntryVersion.maskReport), computed by the pure masker (./mask) from the entry's authors and
// the secretary's MaskTerm rows; adding and removing those terms; and what a judge may read.
//
// maskReport holds {rules, fingerprint, marker, spans}. The fingerprint is a SHA-256 of everything
// the mask was computed from (the text, the authors, the terms, the marker, the rules' version), so
// a stored mask whose inputs have changed since (an author added by the submission screens, a new
// version, better rules) is known to be stale: readers then mask the current inputs themselves
// instead of showing a stale mask. Nothing that reaches a judge depends on someone remembering to
// call refreshMasking, though every writer should (it keeps the stored view and the report true).
//
// maskReport holds the originals (names, numbers): it is for the secretary and organizers only and
// never leaves this module towards a judge (judgeReadingView returns the masked text alone).
//
// Concurrency: term changes lock the contest row first (contests/lock.server), so two secretaries'
// changes to one entry apply one after the other and each recomputation sees the other's term.
import crypto from "node:crypto";
import { z } from "zod";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { type Prisma, prisma, type Tx } from "#app/utils/db.server";
import { isLanguage } from "#app/utils/i18n";
import { foldedWords } from "#app/utils/vietnamese";
import {
  AUTOMATIC_KINDS,
  createMasker,
  MASK_KINDS,
  MASK_MARKERS,
  MASK_RULES_VERSION,
  maskedSegments,
  summarizeSpans,
  type MaskAuthor,
  type MaskResult,
  type MaskSegment,
  type MaskSpan,
  type MaskSummaryItem,
} from "./mask";
import { maskTermField } from "./mask.schema";

export const MASKING_ERRORS = {
  alreadyListed: "masking:errors.alreadyListed",
  inOtherList: "masking:errors.inOtherList",
  termGone: "masking:errors.termGone",
} as const;

// ───────────────────────────── computing ─────────────────────────────

export interface MaskingInputs {
  /** The version's extracted text. */
  text: string;
  /** The contest's language (Contest.locale): it chooses the marker. */
  locale: string;
  authors: readonly MaskAuthor[];
  terms: readonly { term: string; exclude: boolean }[];
}

export interface ComputedMasking {
  maskedText: string;
  /** The JSON stored in EntryVersion.maskReport. */
  maskReport: string;
  result: MaskResult;
  marker: string;
}

const storedReportSchema = z.object({
  rules: z.number(),
  fingerprint: z.string(),
  marker: z.string(),
  spans: z.array(
    z.object({
      kind: z.enum(MASK_KINDS),
      original: z.string(),
      start: z.number(),
      end: z.number(),
      at: z.number(),
      key: z.string(),
    }),
  ),
});

export function markerFor(locale: string): string {
  return MASK_MARKERS[isLanguage(locale) ? locale : "vi"];
}

function maskerFor(inputs: Omit<MaskingInputs, "text">) {
  return createMasker({
    authors: inputs.authors,
    extraTerms: inputs.terms.filter((t) => !t.exclude).map((t) => t.term),
    excludedTerms: inputs.terms.filter((t) => t.exclude).map((t) => t.term),
    marker: markerFor(inputs.locale),
  });
}

/** What a mask was computed from, hashed: equal fingerprints, equal masks. */
export function maskingFingerprint(inputs: MaskingInputs): string {
  const canonical = JSON.stringify({
    rules: MASK_RULES_VERSION,
    marker: markerFor(inputs.locale),
    text: inputs.text,
    authors: inputs.authors.map((a) => [a.name, a.unit ?? "", a.email ?? "", a.phone ?? ""]),
    terms: inputs.terms.map((t) => [t.exclude, t.term]).sort((a, b) => String(a).localeCompare(String(b))),
  });
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/** The judges' reading text and the stored report for these inputs (no database: the demo data uses it too). */
export function computeMasking(inputs: MaskingInputs): ComputedMasking {
  const marker = markerFor(inputs.locale);
  const result = maskerFor(inputs)(inputs.text);
  const report = { rules: MASK_RULES_VERSION, fingerprint: maskingFingerprint(inputs), marker, spans: result.spans };
  return { maskedText: result.text, maskReport: JSON.stringify(report), result, marker };
}

/** A stored report, if it is one of ours ("[]", the column's default, is not: nothing was computed). */
export function parseMaskReport(json: string): z.infer<typeof storedReportSchema> | null {
  try {
    const parsed = storedReportSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

interface StoredVersion {
  extractedText: string;
  maskedText: string;
  maskReport: string;
}

/** The stored mask when it was computed from exactly these inputs; else the mask of the inputs, computed now. */
function currentMask(version: StoredVersion, inputs: Omit<MaskingInputs, "text">): { result: MaskResult; marker: string; fresh: boolean } {
  const full = { ...inputs, text: version.extractedText };
  const stored = parseMaskReport(version.maskReport);
  if (stored && stored.fingerprint === maskingFingerprint(full)) {
    return { result: { text: version.maskedText, spans: stored.spans as MaskSpan[] }, marker: stored.marker, fresh: true };
  }
  const computed = computeMasking(full);
  return { result: computed.result, marker: computed.marker, fresh: false };
}

// ───────────────────────────── reading the entry ─────────────────────────────

const entrySelect = {
  id: true,
  contestId: true,
  title: true,
  abstract: true,
  status: true,
  entryCode: true,
  anonymousCode: true,
  contest: { select: { locale: true, blind: true } },
  authors: { select: { name: true, unit: true, email: true, phone: true }, orderBy: { position: "asc" } },
  maskTerms: { select: { id: true, term: true, exclude: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  currentVersion: { select: { id: true, number: true, extractedText: true, maskedText: true, maskReport: true } },
} satisfies Prisma.EntrySelect;

async function loadEntry(db: Tx, contestId: string, entryId: string) {
  return db.entry.findFirst({ where: { id: entryId, contestId }, select: entrySelect });
}
type LoadedEntry = NonNullable<Awaited<ReturnType<typeof loadEntry>>>;

function inputsOf(entry: Pick<LoadedEntry, "contest" | "authors" | "maskTerms">): Omit<MaskingInputs, "text"> {
  return { locale: entry.contest.locale, authors: entry.authors, terms: entry.maskTerms };
}

// ───────────────────────────── writing ─────────────────────────────

/**
 * Recomputes and stores the mask of the entry's current version from its authors and terms, in the
 * caller's transaction. The submission screens call it whenever a version becomes current or the
 * authors change; the term changes below call it themselves. Returns the spans masked (null when
 * the entry has no current version, or is not in the contest). Writes nothing when the stored mask
 * is already the mask of the current inputs.
 */
export async function refreshMasking(tx: Tx, contestId: string, entryId: string): Promise<{ versionId: string; spans: number } | null> {
  const entry = await loadEntry(tx, contestId, entryId);
  if (!entry?.currentVersion) return null;
  const version = entry.currentVersion;
  const computed = computeMasking({ ...inputsOf(entry), text: version.extractedText });
  if (computed.maskedText !== version.maskedText || computed.maskReport !== version.maskReport) {
    await tx.entryVersion.update({ where: { id: version.id }, data: { maskedText: computed.maskedText, maskReport: computed.maskReport } });
  }
  return { versionId: version.id, spans: computed.result.spans.length };
}

type NotFound = { ok: false; status: "notFound" };
type Invalid = { ok: false; status: "invalid"; fieldErrors: Record<string, string[]> };
/** The lists changed meanwhile (someone else's change), or the term is there already: a message for the form. */
type Conflict = { ok: false; status: "conflict"; error: string };

export type MaskTermResult = { ok: true; term: string; exclude: boolean; spans: { before: number; after: number } } | NotFound | Invalid | Conflict;

const NOT_FOUND: NotFound = { ok: false, status: "notFound" };
const ADD_AUDIT = { action: "masking.addTerm" } as const;
const EXCLUDE_AUDIT = { action: "masking.excludeTerm" } as const;
const withTerm = (key: string, term: string) => `${key}|${JSON.stringify({ term })}`;
const termKey = (term: string) => foldedWords(term).join(" ");

/** Spans of the current version's mask with these inputs (0 without a version). */
function spansWith(entry: LoadedEntry, terms: LoadedEntry["maskTerms"]): number {
  if (!entry.currentVersion) return 0;
  return maskerFor({ ...inputsOf(entry), terms })(entry.currentVersion.extractedText).spans.length;
}

export interface AddMaskTermInput {
  contestId: string;
  entryId: string;
  /** Validated by maskTermField. */
  term: unknown;
  /** false: mask this term too ("masking.addTerm"); true: do not mask it when found automatically ("masking.excludeTerm"). */
  exclude: boolean;
  actorId: string;
  ip?: string | null;
}

/**
 * The secretary (or an organizer) adds a term to the entry's list to mask, or to the list not to
 * mask, and the current version is masked again in the same transaction. A term already on a list
 * (compared without case, diacritics or spacing) is refused with a message, on the same list or on
 * the other (remove it there first): the two lists never contradict each other. Audited with the
 * number of masked spans before and after.
 */
export async function addMaskTerm(input: AddMaskTermInput): Promise<MaskTermResult> {
  const parsed = maskTermField.safeParse(input.term);
  if (!parsed.success) return { ok: false, status: "invalid", fieldErrors: { term: parsed.error.issues.map((i) => i.message) } };
  const term = parsed.data;
  return prisma.$transaction(async (tx): Promise<MaskTermResult> => {
    if (!(await lockContest(tx, input.contestId))) return NOT_FOUND;
    const entry = await loadEntry(tx, input.contestId, input.entryId);
    if (!entry) return NOT_FOUND;
    const existing = entry.maskTerms.find((t) => termKey(t.term) === termKey(term));
    if (existing) {
      return { ok: false, status: "conflict", error: withTerm(existing.exclude === input.exclude ? MASKING_ERRORS.alreadyListed : MASKING_ERRORS.inOtherList, existing.term) };
    }
    const before = spansWith(entry, entry.maskTerms);
    const row = await tx.maskTerm.create({ data: { entryId: entry.id, term, exclude: input.exclude }, select: { id: true } });
    const refreshed = await refreshMasking(tx, input.contestId, entry.id);
    const after = refreshed?.spans ?? 0;
    await audit(tx, {
      ...(input.exclude ? EXCLUDE_AUDIT : ADD_AUDIT),
      actorId: input.actorId,
      contestId: input.contestId,
      targetType: "MaskTerm",
      targetId: row.id,
      data: { entryId: entry.id, versionId: refreshed?.versionId ?? null, term, before: { spans: before }, after: { spans: after } },
      ip: input.ip ?? null,
    });
    return { ok: true, term, exclude: input.exclude, spans: { before, after } };
  });
}

export interface RemoveMaskTermInput {
  contestId: string;
  entryId: string;
  termId: string;
  actorId: string;
  ip?: string | null;
}

/**
 * Takes a term off the entry's lists (an added term is no longer masked; an excluded one is masked
 * again where found automatically) and masks the current version again. A term that is no longer
 * there (removed meanwhile) gets a message, not an error page. Audited "masking.removeTerm".
 */
export async function removeMaskTerm(input: RemoveMaskTermInput): Promise<MaskTermResult> {
  return prisma.$transaction(async (tx): Promise<MaskTermResult> => {
    if (!(await lockContest(tx, input.contestId))) return NOT_FOUND;
    const entry = await loadEntry(tx, input.contestId, input.entryId);
    if (!entry) return NOT_FOUND;
    const row = entry.maskTerms.find((t) => t.id === input.termId);
    if (!row) return { ok: false, status: "conflict", error: MASKING_ERRORS.termGone };
    const before = spansWith(entry, entry.maskTerms);
    await tx.maskTerm.delete({ where: { id: row.id } });
    const refreshed = await refreshMasking(tx, input.contestId, entry.id);
    const after = refreshed?.spans ?? 0;
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "masking.removeTerm",
      targetType: "MaskTerm",
      targetId: row.id,
      data: { entryId: entry.id, versionId: refreshed?.versionId ?? null, term: row.term, exclude: row.exclude, before: { spans: before }, after: { spans: after } },
      ip: input.ip ?? null,
    });
    return { ok: true, term: row.term, exclude: row.exclude, spans: { before, after } };
  });
}

// ───────────────────────────── the secretary's review ─────────────────────────────

export interface MaskingReview {
  entry: { id: string; title: string; entryCode: string | null; anonymousCode: string | null };
  blind: boolean;
  marker: string;
  authors: { name: string; unit: string; email: string; phone: string }[];
  /** The current version's number, or null when the entry has no text yet. */
  versionNumber: number | null;
  /** The judges' reading view, cut into text and markers. */
  segments: MaskSegment[];
  /** What was masked, one line per term, in order of first occurrence; found automatically (so it may be excluded) or an added term. */
  masked: (MaskSummaryItem & { automatic: boolean })[];
  added: { id: string; term: string }[];
  excluded: { id: string; term: string }[];
}

/** Everything the review screen shows, for the contest's staff (the caller checks who asks). Null: no such entry in the contest. */
export async function getMaskingReview(contestId: string, entryId: string): Promise<MaskingReview | null> {
  const entry = await loadEntry(prisma, contestId, entryId);
  if (!entry) return null;
  const version = entry.currentVersion;
  const mask = version ? currentMask(version, inputsOf(entry)) : null;
  return {
    entry: { id: entry.id, title: entry.title, entryCode: entry.entryCode, anonymousCode: entry.anonymousCode },
    blind: entry.contest.blind,
    marker: markerFor(entry.contest.locale),
    authors: entry.authors,
    versionNumber: version?.number ?? null,
    segments: mask ? maskedSegments(mask.result, mask.marker) : [],
    masked: mask ? summarizeSpans(mask.result.spans).map((m) => ({ ...m, automatic: AUTOMATIC_KINDS.includes(m.kind) })) : [],
    added: entry.maskTerms.filter((t) => !t.exclude).map(({ id, term }) => ({ id, term })),
    excluded: entry.maskTerms.filter((t) => t.exclude).map(({ id, term }) => ({ id, term })),
  };
}

// ───────────────────────────── what a judge may read ─────────────────────────────

export interface JudgeReadingView {
  versionId: string;
  entryId: string;
  /** The anonymous code [số phách]: the only name of the entry a judge sees. */
  anonymousCode: string | null;
  title: string;
  abstract: string;
  text: string;
  wordCount: number;
  /** Whether the texts above are masked (the contest judges blind). */
  masked: boolean;
}

/**
 * What a judge may see of a version of one of the contest's entries: in a blind contest its title,
 * abstract and text with the authors' identities masked (the stored mask when it is current, else
 * masked now), otherwise as written. Never the entry code, the authors, the original file, its name
 * or any file metadata, nor the masking report. Who may read which entry (assignment, conflicts) is
 * the caller's check. Null when the version is not one of the contest's.
 */
export async function judgeReadingView(contestId: string, versionId: string): Promise<JudgeReadingView | null> {
  const version = await prisma.entryVersion.findFirst({
    where: { id: versionId, entry: { contestId } },
    select: {
      id: true,
      extractedText: true,
      maskedText: true,
      maskReport: true,
      wordCount: true,
      entry: { select: { ...entrySelect, currentVersion: false } },
    },
  });
  if (!version) return null;
  const { entry } = version;
  const base = { versionId: version.id, entryId: entry.id, anonymousCode: entry.anonymousCode, wordCount: version.wordCount };
  if (!entry.contest.blind) {
    return { ...base, title: entry.title, abstract: entry.abstract, text: version.extractedText, masked: false };
  }
  const inputs = inputsOf(entry);
  const masker = maskerFor(inputs);
  return {
    ...base,
    title: masker(entry.title).text,
    abstract: masker(entry.abstract).text,
    text: currentMask(version, inputs).result.text,
    masked: true,
  };
}
