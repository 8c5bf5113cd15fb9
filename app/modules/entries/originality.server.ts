// Originality checks in the database (issue 4, item 7): the contest's entries compared with each
// other and with the entries of earlier contests on the installation, by the pure pipeline of
// ./similarity. A run
//   1. reads the texts in batches (an entry's text is the extracted text of its current version)
//      and keeps only their shingle sets;
//   2. finds candidate pairs (stock phrases, MinHash, LSH banding, exact containment);
//   3. reads the texts of the candidates again, by the versions read in step 1, and aligns them;
//   4. in one transaction: replaces the contest's Similarity rows with the pairs scoring at least
//      SIMILARITY_REPORT_THRESHOLD, sets every entry's originalityScore, and writes one audit
//      record "originality.run" with the counts.
// A re-run replaces the rows, so it is idempotent: the same texts give the same rows. Steps 1–3
// write nothing and hold no lock; step 4 locks the contest row, so two runs finishing together
// write one after the other. Entries replaced while a run reads are checked as they were read:
// each pair keeps the versions it was computed on, and the screens say when one is no longer
// current.
//
// Which entries: those submitted (SUBMITTED, ELIGIBLE, DISQUALIFIED) with a non-empty text; drafts
// and withdrawn entries take no part and get no score. Earlier contests are those created before
// this one; their entries (same statuses) are compared with this contest's, never with each
// other, and their rows and scores are not touched: a pair with an earlier entry belongs to the
// later contest (entryId: this contest's entry, otherEntryId: the earlier one). Within the
// contest, entryId is the smaller of the two ids, so each pair has one row.
//
// Entry.originalityScore: the highest score of the entry's stored pairs; 0 for a checked entry
// without any; null for an entry that was not checked.
//
// Authorization is the caller's (organizers and secretaries): these functions only scope every
// query by the contest.
import { z } from "zod";
import type { EntryStatus } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma, type Prisma } from "#app/utils/db.server";
import { nameCollator } from "#app/utils/format";
import {
  ORIGINALITY_PAGE_SIZE,
  PAIRS_PER_ENTRY,
  SIMILARITY_REPORT_THRESHOLD,
  DEFAULT_MIN_PERCENT,
  EXCERPT_WORDS,
  type OriginalityFilter,
} from "./originality.schema";
import { SimilarityIndex, segmentText, tokenize, type Passage, type SimilarityOptions, type TextSegment, type Tokens } from "./similarity";

export { SIMILARITY_REPORT_THRESHOLD };

export const ORIGINALITY_RUN_ACTION = "originality.run";
/** The entries an originality check reads. */
export const CHECKED_STATUSES: readonly EntryStatus[] = ["SUBMITTED", "ELIGIBLE", "DISQUALIFIED"];

/** Entries per read: about 2 MB of text at 2,000 words each. */
const READ_BATCH = 200;
/** Rows per createMany / updateMany: well under SQLite's and PostgreSQL's parameter limits. */
const WRITE_CHUNK = 500;
/** Writing a national contest's rows and scores takes more than Prisma's 5 s default. */
const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

function chunks<T>(items: readonly T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ───────────────────────────── what a row holds ─────────────────────────────

const range = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/** Similarity.passages: the versions compared, each side's share and the passages. */
const storedPairSchema = z.object({
  v: z.literal(1),
  entry: z.object({ versionId: z.string(), words: z.number().int().nonnegative(), share: z.number().min(0).max(1) }),
  other: z.object({ versionId: z.string(), words: z.number().int().nonnegative(), share: z.number().min(0).max(1) }),
  passages: z.array(z.object({ entry: range, other: range, words: z.number().int().positive() })),
});

export type StoredPair = z.infer<typeof storedPairSchema>;

function parseStoredPair(text: string): StoredPair | null {
  try {
    const parsed = storedPairSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// ───────────────────────────── running a check ─────────────────────────────

export interface RunCounts {
  /** This contest's submitted entries, and those of them without text (not checked). */
  entries: number;
  withoutText: number;
  /** Entries of earlier contests compared with them. */
  earlierEntries: number;
  /** Pairs found by the banding, then pairs stored (score ≥ threshold). */
  candidates: number;
  pairs: number;
  /** Entries of this contest in at least one stored pair. */
  flagged: number;
}

export type RunResult = { ok: true; counts: RunCounts } | { ok: false; status: "notFound" };

export interface RunInput {
  contestId: string;
  actorId: string | null;
  ip?: string | null;
  /** For tests and benchmarks; the defaults of ./similarity otherwise. */
  options?: Partial<SimilarityOptions>;
}

interface ReadEntry {
  id: string;
  versionId: string;
  text: string;
}

/** Entries matching `where` with their current version's text, READ_BATCH at a time, by id. */
async function* readTexts(where: Prisma.EntryWhereInput): AsyncGenerator<ReadEntry[]> {
  let after: string | undefined;
  for (;;) {
    const batch = await prisma.entry.findMany({
      where: { ...where, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, currentVersion: { select: { id: true, extractedText: true } } },
      orderBy: { id: "asc" },
      take: READ_BATCH,
    });
    if (batch.length === 0) return;
    after = batch.at(-1)!.id;
    yield batch.map((e) => ({ id: e.id, versionId: e.currentVersion?.id ?? "", text: e.currentVersion?.extractedText ?? "" }));
  }
}

/** The texts of these versions, tokenized, READ_BATCH at a time. */
async function tokenizeVersions(versionIds: readonly string[]): Promise<Map<string, Tokens>> {
  const out = new Map<string, Tokens>();
  for (const batch of chunks(versionIds, READ_BATCH)) {
    const rows = await prisma.entryVersion.findMany({ where: { id: { in: batch } }, select: { id: true, extractedText: true } });
    for (const row of rows) out.set(row.id, tokenize(row.extractedText));
  }
  return out;
}

/**
 * Runs the originality check of a contest and stores its results (see the header). Not found
 * when the contest does not exist.
 */
export async function runOriginalityCheck(input: RunInput): Promise<RunResult> {
  const { contestId } = input;
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, createdAt: true } });
  if (!contest) return { ok: false, status: "notFound" };

  const index = new SimilarityIndex(input.options);
  const versionOf = new Map<string, string>(); // entry id → version read
  const checked: string[] = [];
  let entries = 0;
  let withoutText = 0;
  let earlierEntries = 0;
  const statuses = { status: { in: [...CHECKED_STATUSES] } };

  for await (const batch of readTexts({ contestId, ...statuses })) {
    for (const e of batch) {
      entries++;
      if (e.text.trim() === "") {
        withoutText++;
        continue;
      }
      index.add(e.id, e.text, false);
      versionOf.set(e.id, e.versionId);
      checked.push(e.id);
    }
  }
  for await (const batch of readTexts({ contest: { createdAt: { lt: contest.createdAt } }, contestId: { not: contestId }, ...statuses })) {
    for (const e of batch) {
      if (e.text.trim() === "") continue;
      index.add(e.id, e.text, true);
      versionOf.set(e.id, e.versionId);
      earlierEntries++;
    }
  }

  const search = index.search();
  const needed = new Set<string>();
  for (const p of search.pairs) needed.add(versionOf.get(p.a)!).add(versionOf.get(p.b)!);
  const tokens = await tokenizeVersions([...needed]);

  const computedAt = new Date();
  const rows: Prisma.SimilarityCreateManyInput[] = [];
  const best = new Map<string, number>(); // this contest's entry → highest score
  const current = new Set(checked);
  for (const p of search.pairs) {
    // One row per pair: this contest's entry first; within the contest, the smaller id first.
    const [entryId, otherEntryId] = current.has(p.b) && p.b < p.a ? [p.b, p.a] : [p.a, p.b];
    const entryVersion = versionOf.get(entryId)!;
    const otherVersion = versionOf.get(otherEntryId)!;
    const a = tokens.get(entryVersion);
    const b = tokens.get(otherVersion);
    if (!a || !b) continue; // a version deleted meanwhile: its entry is gone
    const result = index.compare(a, b);
    if (result.score < SIMILARITY_REPORT_THRESHOLD) continue;
    const stored: StoredPair = {
      v: 1,
      entry: { versionId: entryVersion, words: result.wordsA, share: round4(result.shareA) },
      other: { versionId: otherVersion, words: result.wordsB, share: round4(result.shareB) },
      passages: result.passages.map((x: Passage) => ({ entry: x.a, other: x.b, words: x.aWords[1] - x.aWords[0] })),
    };
    rows.push({ entryId, otherEntryId, score: result.score, passages: JSON.stringify(stored), computedAt });
    for (const id of [entryId, otherEntryId]) if (current.has(id)) best.set(id, Math.max(best.get(id) ?? 0, result.score));
  }
  tokens.clear();

  const counts: RunCounts = {
    entries,
    withoutText,
    earlierEntries,
    candidates: search.candidates,
    pairs: rows.length,
    flagged: best.size,
  };

  const byScore = new Map<number, string[]>();
  for (const [id, score] of best) byScore.set(score, [...(byScore.get(score) ?? []), id]);
  const written = await prisma.$transaction(async (tx) => {
    if (!(await lockContest(tx, contestId))) return false;
    await tx.similarity.deleteMany({ where: { entry: { contestId } } });
    for (const batch of chunks(rows)) await tx.similarity.createMany({ data: batch });
    await tx.entry.updateMany({ where: { contestId }, data: { originalityScore: null } });
    for (const batch of chunks(checked)) await tx.entry.updateMany({ where: { contestId, id: { in: batch } }, data: { originalityScore: 0 } });
    for (const [score, ids] of byScore) {
      for (const batch of chunks(ids)) await tx.entry.updateMany({ where: { contestId, id: { in: batch } }, data: { originalityScore: score } });
    }
    await audit(tx, {
      actorId: input.actorId,
      contestId,
      action: "originality.run",
      targetType: "Contest",
      targetId: contestId,
      data: { ...counts, threshold: SIMILARITY_REPORT_THRESHOLD },
      ip: input.ip ?? null,
    });
    return true;
  }, LONG_TRANSACTION);
  if (!written) return { ok: false, status: "notFound" };
  return { ok: true, counts };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

// ───────────────────────────── reading the results ─────────────────────────────

const runCountsSchema = z.object({
  entries: z.number(),
  withoutText: z.number(),
  earlierEntries: z.number(),
  candidates: z.number(),
  pairs: z.number(),
  flagged: z.number(),
});

export interface LastRun {
  at: Date;
  actorName: string | null;
  counts: RunCounts | null;
}

/** The contest's latest check, from its audit record. */
export async function lastOriginalityRun(contestId: string): Promise<LastRun | null> {
  const row = await prisma.auditLog.findFirst({
    where: { contestId, action: ORIGINALITY_RUN_ACTION },
    orderBy: { id: "desc" },
    select: { at: true, data: true, actor: { select: { name: true } } },
  });
  if (!row) return null;
  let counts: RunCounts | null = null;
  try {
    const parsed = runCountsSchema.safeParse(JSON.parse(row.data));
    counts = parsed.success ? parsed.data : null;
  } catch {
    counts = null;
  }
  return { at: row.at, actorName: row.actor?.name ?? null, counts };
}

export interface PairSummary {
  id: string;
  score: number;
  /** The other entry of the pair, seen from the listed one. */
  other: { code: string | null; title: string; contestTitle: string | null };
  /** An entry's essay was replaced after the check. */
  stale: boolean;
}

export interface OriginalityRow {
  entryId: string;
  code: string | null;
  title: string;
  score: number;
  pairs: PairSummary[];
  morePairs: number;
}

export interface OriginalityList {
  contest: { id: string; title: string; timeZone: string };
  lastRun: LastRun | null;
  threshold: number;
  /** The filter applied, with its defaults. */
  min: number;
  sort: NonNullable<OriginalityFilter["sort"]>;
  page: number;
  pages: number;
  /** Entries matching the filter (all pages). */
  total: number;
  /** Entries with a score (checked by the last run), of them at or above the threshold, and entries submitted or replaced since. */
  checked: number;
  flagged: number;
  changedSinceRun: number;
  rows: OriginalityRow[];
}

/**
 * The contest's entries with their originality score: at least `min` percent (default: the
 * threshold), sorted by score (highest first), entry code or title, one page, each with its
 * pairs (highest first). Null when the contest does not exist.
 */
export async function listOriginality(contestId: string, filter: OriginalityFilter): Promise<OriginalityList | null> {
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, timeZone: true } });
  if (!contest) return null;
  const min = filter.min ?? DEFAULT_MIN_PERCENT;
  const sort = filter.sort ?? "score";
  const lastRun = await lastOriginalityRun(contestId);

  const scored = await prisma.entry.findMany({
    where: { contestId, originalityScore: { not: null } },
    select: { id: true, entryCode: true, title: true, originalityScore: true },
  });
  const matching = scored
    .map((e) => ({ id: e.id, code: e.entryCode, title: e.title, score: e.originalityScore ?? 0 }))
    .filter((e) => e.score * 100 >= min - 1e-9);
  const byCode = (x: { code: string | null }, y: { code: string | null }) => nameCollator.compare(x.code ?? "", y.code ?? "");
  matching.sort((x, y) => {
    if (sort === "code") return byCode(x, y) || nameCollator.compare(x.title, y.title);
    if (sort === "title") return nameCollator.compare(x.title, y.title) || byCode(x, y);
    return y.score - x.score || byCode(x, y);
  });
  const pages = Math.max(1, Math.ceil(matching.length / ORIGINALITY_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pages);
  const shown = matching.slice((page - 1) * ORIGINALITY_PAGE_SIZE, page * ORIGINALITY_PAGE_SIZE);
  const ids = shown.map((e) => e.id);

  const similarities = ids.length
    ? await prisma.similarity.findMany({
        where: { entry: { contestId }, OR: [{ entryId: { in: ids } }, { otherEntryId: { in: ids } }] },
        select: {
          id: true,
          score: true,
          entryId: true,
          otherEntryId: true,
          passages: true,
          entry: { select: { entryCode: true, title: true, currentVersionId: true } },
          otherEntry: { select: { entryCode: true, title: true, currentVersionId: true, contestId: true, contest: { select: { title: true } } } },
        },
        orderBy: [{ score: "desc" }, { id: "asc" }],
      })
    : [];
  const pairsOf = new Map<string, PairSummary[]>();
  for (const s of similarities) {
    const stored = parseStoredPair(s.passages);
    const stale = !stored || stored.entry.versionId !== s.entry.currentVersionId || stored.other.versionId !== s.otherEntry.currentVersionId;
    const sides = [
      { id: s.entryId, other: { code: s.otherEntry.entryCode, title: s.otherEntry.title, contestTitle: s.otherEntry.contestId === contestId ? null : s.otherEntry.contest.title } },
      { id: s.otherEntryId, other: { code: s.entry.entryCode, title: s.entry.title, contestTitle: null } },
    ];
    for (const side of sides) {
      if (!ids.includes(side.id)) continue;
      pairsOf.set(side.id, [...(pairsOf.get(side.id) ?? []), { id: s.id, score: s.score, other: side.other, stale }]);
    }
  }

  const [flagged, changedSinceRun] = await Promise.all([
    prisma.entry.count({ where: { contestId, originalityScore: { gte: SIMILARITY_REPORT_THRESHOLD } } }),
    lastRun
      ? prisma.entry.count({
          where: {
            contestId,
            status: { in: [...CHECKED_STATUSES] },
            OR: [{ currentVersion: { createdAt: { gt: lastRun.at } } }, { submittedAt: { gt: lastRun.at } }],
          },
        })
      : Promise.resolve(0),
  ]);

  return {
    contest,
    lastRun,
    threshold: SIMILARITY_REPORT_THRESHOLD,
    min,
    sort,
    page,
    pages,
    total: matching.length,
    checked: scored.length,
    flagged,
    changedSinceRun,
    rows: shown.map((e) => {
      const pairs = pairsOf.get(e.id) ?? [];
      return { entryId: e.id, code: e.code, title: e.title, score: e.score, pairs: pairs.slice(0, PAIRS_PER_ENTRY), morePairs: Math.max(0, pairs.length - PAIRS_PER_ENTRY) };
    }),
  };
}

export interface PairSide {
  code: string | null;
  title: string;
  /** Null for an entry of this contest. */
  contestTitle: string | null;
  /** The version compared, and whether it is still the entry's current one. */
  versionNumber: number | null;
  current: boolean;
  words: number;
  share: number;
  paragraphs: TextSegment[][];
}

export interface AlignedPassage {
  n: number;
  words: number;
  entry: string;
  other: string;
}

export interface PairView {
  contest: { id: string; title: string; timeZone: string };
  id: string;
  score: number;
  computedAt: Date;
  entry: PairSide;
  other: PairSide;
  passages: AlignedPassage[];
}

function excerpt(text: string, [start, end]: readonly [number, number]): string {
  const words = text.slice(start, end).split(/\s+/u);
  return words.length > EXCERPT_WORDS ? `${words.slice(0, EXCERPT_WORDS).join(" ")} …` : words.join(" ");
}

/**
 * One stored pair of the contest, for the side-by-side view: both texts (the versions compared)
 * cut into paragraphs with the passages marked, and the passages aligned. Null when the pair is
 * not one of this contest's (or the contest does not exist).
 */
export async function getSimilarityPair(contestId: string, similarityId: string): Promise<PairView | null> {
  const row = await prisma.similarity.findFirst({
    where: { id: similarityId, entry: { contestId } },
    select: {
      id: true,
      score: true,
      computedAt: true,
      passages: true,
      entry: { select: { entryCode: true, title: true, currentVersionId: true, contest: { select: { id: true, title: true, timeZone: true } } } },
      otherEntry: { select: { entryCode: true, title: true, currentVersionId: true, contestId: true, contest: { select: { title: true } } } },
    },
  });
  if (!row) return null;
  const stored = parseStoredPair(row.passages);
  const versionIds = stored ? [stored.entry.versionId, stored.other.versionId] : [];
  const versions = await prisma.entryVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, number: true, extractedText: true } });
  const version = (id: string | undefined) => versions.find((v) => v.id === id);
  const entryVersion = version(stored?.entry.versionId);
  const otherVersion = version(stored?.other.versionId);
  const passages = stored && entryVersion && otherVersion ? stored.passages : [];
  const side = (
    info: { entryCode: string | null; title: string; currentVersionId: string | null },
    contestTitle: string | null,
    v: typeof entryVersion,
    words: number,
    share: number,
    ranges: (readonly [number, number])[],
  ): PairSide => ({
    code: info.entryCode,
    title: info.title,
    contestTitle,
    versionNumber: v?.number ?? null,
    current: v !== undefined && v.id === info.currentVersionId,
    words,
    share,
    paragraphs: v ? segmentText(v.extractedText, ranges) : [],
  });
  const contest = row.entry.contest;
  return {
    contest,
    id: row.id,
    score: row.score,
    computedAt: row.computedAt,
    entry: side(row.entry, null, entryVersion, stored?.entry.words ?? 0, stored?.entry.share ?? 0, passages.map((p) => p.entry)),
    other: side(
      row.otherEntry,
      row.otherEntry.contestId === contest.id ? null : row.otherEntry.contest.title,
      otherVersion,
      stored?.other.words ?? 0,
      stored?.other.share ?? 0,
      passages.map((p) => p.other),
    ),
    passages: passages.map((p, i) => ({
      n: i + 1,
      words: p.words,
      entry: excerpt(entryVersion!.extractedText, p.entry),
      other: excerpt(otherVersion!.extractedText, p.other),
    })),
  };
}
