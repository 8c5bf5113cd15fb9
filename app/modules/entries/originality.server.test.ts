// The originality check on a real database: planted copies within the contest and from an
// earlier contest are stored once per pair with their passages, every entry gets its score,
// a re-run replaces the rows, other contests are left alone, and each run is audited once.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import { randomEssay, setEntryText } from "#tests/factories/texts";
import { getSimilarityPair, listOriginality, runOriginalityCheck, SIMILARITY_REPORT_THRESHOLD } from "./originality.server";
import { wordKey } from "./similarity";

const DAY = 24 * 3600 * 1000;

/** A copy of `text` with every `every`-th word replaced, as a copier who changes a word here and there. */
function edited(text: string, every: number): string {
  let n = 0;
  return text.replace(/\S+/gu, (w) => (++n % every === 0 ? "sửa" : w));
}

/** The first `share` of the paragraphs of `source` in place of the same paragraphs of `own`. */
function partly(own: string, source: string, share: number): string {
  const mine = own.split("\n\n");
  const theirs = source.split("\n\n");
  const count = Math.round(mine.length * share);
  return [...theirs.slice(0, count), ...mine.slice(count)].join("\n\n");
}

async function contestAt(title: string, createdAt: Date, categories = ["Cán bộ, đảng viên"]) {
  const made = await createTestContest({ title, categories, phase: "JUDGING" });
  await prisma.contest.update({ where: { id: made.contest.id }, data: { createdAt } });
  return made;
}

const similarityRows = (contestId: string) =>
  prisma.similarity.findMany({
    where: { entry: { contestId } },
    select: { entryId: true, otherEntryId: true, score: true, passages: true },
    orderBy: [{ entryId: "asc" }, { otherEntryId: "asc" }],
  });

let actorId: string;
let contestId: string;
let ids: Record<"original" | "copy" | "alone" | "host" | "source" | "resubmitted" | "draft" | "withdrawn" | "empty", string>;
let earlierIds: { first: string; twin: string };
let laterEntryId: string;
const texts = {
  original: randomEssay(1, 900),
  alone: randomEssay(2, 900),
  source: randomEssay(3, 900),
  hostOwn: randomEssay(4, 900),
  earlier: randomEssay(5, 900),
  laterOwn: randomEssay(6, 900),
};

beforeAll(async () => {
  actorId = (await createTestUser({ name: "Ngô Thư Ký" })).id;
  const now = Date.now();
  const earlier = await contestAt("Cuộc thi năm 2024", new Date(now - 400 * DAY));
  const current = await contestAt("Cuộc thi năm 2025", new Date(now - 30 * DAY));
  const later = await contestAt("Cuộc thi năm 2026", new Date(now - DAY));
  contestId = current.contest.id;

  // The earlier contest: one essay, and a twin of it (the two must never be paired by this contest).
  const [first, twin] = await createTestEntries(earlier.contest.id, earlier.categories[0]!.id, 2, { prefix: "CT24-" });
  await setEntryText(first!.id, texts.earlier);
  await setEntryText(twin!.id, texts.earlier);
  earlierIds = { first: first!.id, twin: twin!.id };

  const [original, copy, alone, host, source, resubmitted, empty] = await createTestEntries(current.contest.id, current.categories[0]!.id, 7, { prefix: "CL-" });
  const [draft] = await createTestEntries(current.contest.id, current.categories[0]!.id, 1, { status: "DRAFT" });
  const [withdrawn] = await createTestEntries(current.contest.id, current.categories[0]!.id, 1, { status: "WITHDRAWN", prefix: "RT-" });
  await setEntryText(original!.id, texts.original);
  await setEntryText(copy!.id, edited(texts.original, 25));
  await setEntryText(alone!.id, texts.alone);
  await setEntryText(host!.id, partly(texts.hostOwn, texts.source, 0.4));
  await setEntryText(source!.id, texts.source);
  await setEntryText(resubmitted!.id, edited(texts.earlier, 30));
  await setEntryText(draft!.id, texts.original);
  await setEntryText(withdrawn!.id, texts.alone);
  ids = {
    original: original!.id,
    copy: copy!.id,
    alone: alone!.id,
    host: host!.id,
    source: source!.id,
    resubmitted: resubmitted!.id,
    draft: draft!.id,
    withdrawn: withdrawn!.id,
    empty: empty!.id,
  };

  // A later contest, with a copy of this contest's essay: its own business, never this run's.
  const [laterEntry] = await createTestEntries(later.contest.id, later.categories[0]!.id, 1, { prefix: "CT26-" });
  await setEntryText(laterEntry!.id, partly(texts.laterOwn, texts.alone, 0.6));
  laterEntryId = laterEntry!.id;
});

const byPair = (rows: { entryId: string; otherEntryId: string; score: number }[]) =>
  new Map(rows.map((r) => [`${r.entryId}|${r.otherEntryId}`, r.score]));
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

describe("runOriginalityCheck", () => {
  it("stores each planted pair once, scores every checked entry and audits the run", async () => {
    const result = await runOriginalityCheck({ contestId, actorId, ip: "203.0.113.5" });
    expect(result).toEqual({
      ok: true,
      counts: { entries: 7, withoutText: 1, earlierEntries: 2, candidates: expect.any(Number), pairs: 4, flagged: 5 },
    });

    const rows = await similarityRows(contestId);
    const scores = byPair(rows);
    expect(scores.get(pairKey(ids.original, ids.copy))).toBeGreaterThan(0.9);
    const partial = scores.get(pairKey(ids.host, ids.source))!;
    expect(partial).toBeGreaterThan(0.3);
    expect(partial).toBeLessThan(0.6);
    // Pairs with an earlier contest: this contest's entry first, with both earlier twins.
    expect(scores.get(`${ids.resubmitted}|${earlierIds.first}`)).toBeGreaterThan(0.9);
    expect(scores.get(`${ids.resubmitted}|${earlierIds.twin}`)).toBeGreaterThan(0.9);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.score).toBeGreaterThanOrEqual(SIMILARITY_REPORT_THRESHOLD);

    const entries = await prisma.entry.findMany({ select: { id: true, originalityScore: true } });
    const score = new Map(entries.map((e) => [e.id, e.originalityScore]));
    expect(score.get(ids.original)).toBe(scores.get(pairKey(ids.original, ids.copy)));
    expect(score.get(ids.host)).toBe(partial);
    expect(score.get(ids.alone)).toBe(0);
    for (const id of [ids.draft, ids.withdrawn, ids.empty, earlierIds.first, earlierIds.twin, laterEntryId]) expect(score.get(id)).toBeNull();

    const records = await prisma.auditLog.findMany({ where: { action: "originality.run" } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorId, contestId, targetType: "Contest", targetId: contestId, ip: "203.0.113.5" });
    expect(JSON.parse(records[0]!.data)).toMatchObject({ entries: 7, withoutText: 1, earlierEntries: 2, pairs: 4, flagged: 5, threshold: SIMILARITY_REPORT_THRESHOLD });
  });

  it("stores passages that point at the same words in both versions compared", async () => {
    const row = await prisma.similarity.findFirstOrThrow({
      where: { entryId: ids.host < ids.source ? ids.host : ids.source, otherEntryId: ids.host < ids.source ? ids.source : ids.host },
      select: { passages: true, entry: { select: { currentVersion: true } }, otherEntry: { select: { currentVersion: true } } },
    });
    const stored = JSON.parse(row.passages) as {
      entry: { versionId: string; share: number };
      other: { versionId: string };
      passages: { entry: [number, number]; other: [number, number]; words: number }[];
    };
    expect(stored.entry.versionId).toBe(row.entry.currentVersion!.id);
    expect(stored.other.versionId).toBe(row.otherEntry.currentVersion!.id);
    expect(stored.passages.length).toBeGreaterThan(0);
    const keys = (text: string, [s, e]: [number, number]) => text.slice(s, e).split(/\s+/u).map(wordKey).filter(Boolean);
    for (const p of stored.passages) {
      const a = keys(row.entry.currentVersion!.extractedText, p.entry);
      expect(a).toEqual(keys(row.otherEntry.currentVersion!.extractedText, p.other));
      expect(a).toHaveLength(p.words);
    }
  });

  it("replaces the contest's rows on a re-run: the same texts give the same rows, a changed text drops its pair", async () => {
    const before = await similarityRows(contestId);
    await runOriginalityCheck({ contestId, actorId });
    expect(await similarityRows(contestId)).toEqual(before);

    await setEntryText(ids.copy, randomEssay(99, 900));
    const result = await runOriginalityCheck({ contestId, actorId });
    expect(result.ok && result.counts.pairs).toBe(3);
    const after = byPair(await similarityRows(contestId));
    expect(after.has(pairKey(ids.original, ids.copy))).toBe(false);
    const scores = await prisma.entry.findMany({ where: { id: { in: [ids.original, ids.copy] } }, select: { originalityScore: true } });
    expect(scores.map((s) => s.originalityScore)).toEqual([0, 0]);
    expect(await prisma.auditLog.count({ where: { action: "originality.run", contestId } })).toBe(3);
  });

  it("leaves other contests' rows and scores alone", async () => {
    const later = await prisma.entry.findUniqueOrThrow({ where: { id: laterEntryId }, select: { contestId: true } });
    const laterRun = await runOriginalityCheck({ contestId: later.contestId, actorId });
    // Earlier for it: this contest's six entries with text and the two of 2024.
    expect(laterRun.ok && laterRun.counts).toMatchObject({ entries: 1, earlierEntries: 8 });
    const laterRows = await similarityRows(later.contestId);
    expect(laterRows.map((r) => [r.entryId, r.otherEntryId])).toEqual([[laterEntryId, ids.alone]]);
    const ownBefore = await similarityRows(contestId);
    const aloneScore = (await prisma.entry.findUniqueOrThrow({ where: { id: ids.alone } })).originalityScore;

    await runOriginalityCheck({ contestId, actorId });
    expect(await similarityRows(later.contestId)).toEqual(laterRows);
    expect(await similarityRows(contestId)).toEqual(ownBefore);
    // This contest's entry keeps its own score: the later contest's copy is that contest's finding.
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: ids.alone } })).originalityScore).toBe(aloneScore);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: laterEntryId } })).originalityScore).toBeGreaterThan(0.5);
  });

  it("answers not found for a missing contest and writes nothing", async () => {
    const before = await prisma.auditLog.count();
    expect(await runOriginalityCheck({ contestId: "missing", actorId })).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.auditLog.count()).toBe(before);
  });
});

describe("reading the results", () => {
  it("lists entries at or above the minimum score with their pairs, sorted", async () => {
    const list = (await listOriginality(contestId, {}))!;
    expect(list.min).toBe(Math.round(SIMILARITY_REPORT_THRESHOLD * 100));
    expect(list.rows.map((r) => r.entryId).sort()).toEqual([ids.host, ids.source, ids.resubmitted].sort());
    expect(list.rows.map((r) => r.score)).toEqual([...list.rows.map((r) => r.score)].sort((a, b) => b - a));
    const resubmitted = list.rows.find((r) => r.entryId === ids.resubmitted)!;
    expect(resubmitted.pairs.map((p) => p.other.contestTitle)).toEqual(["Cuộc thi năm 2024", "Cuộc thi năm 2024"]);
    const host = list.rows.find((r) => r.entryId === ids.host)!;
    expect(host.pairs).toMatchObject([{ other: { contestTitle: null, code: expect.stringMatching(/^CL-/) }, stale: false }]);

    const all = (await listOriginality(contestId, { min: 0, sort: "code" }))!;
    expect(all.total).toBe(6); // the checked entries: drafts, withdrawn and empty ones have no score
    expect(all.rows.map((r) => r.code)).toEqual([...all.rows.map((r) => r.code)].sort());
    expect((await listOriginality(contestId, { min: 95 }))!.rows.map((r) => r.entryId)).toEqual([ids.resubmitted]);
    expect(await listOriginality("missing", {})).toBeNull();
  });

  it("shows a pair side by side, marks a replaced version, and finds no pair of another contest", async () => {
    const list = (await listOriginality(contestId, {}))!;
    const pairId = list.rows.find((r) => r.entryId === ids.host)!.pairs[0]!.id;
    const view = (await getSimilarityPair(contestId, pairId))!;
    expect(view.passages.length).toBeGreaterThan(0);
    const marked = (side: typeof view.entry) => side.paragraphs.flat().filter((s) => s.passage !== null).length;
    expect(marked(view.entry)).toBeGreaterThanOrEqual(view.passages.length);
    expect(marked(view.other)).toBeGreaterThanOrEqual(view.passages.length);
    expect(view.entry.current && view.other.current).toBe(true);
    expect(Math.max(view.entry.share, view.other.share)).toBeCloseTo(view.score, 3);

    await setEntryText(ids.host, texts.hostOwn);
    const stale = (await getSimilarityPair(contestId, pairId))!;
    const hostSide = ids.host < ids.source ? stale.entry : stale.other;
    expect(hostSide.current).toBe(false);
    expect(hostSide.versionNumber).toBe(1);
    expect(stale.passages).toEqual(view.passages); // still the version compared
    expect((await listOriginality(contestId, {}))!.rows.find((r) => r.entryId === ids.host)!.pairs[0]!.stale).toBe(true);
    expect((await listOriginality(contestId, {}))!.changedSinceRun).toBe(1);

    const laterContest = (await prisma.entry.findUniqueOrThrow({ where: { id: laterEntryId } })).contestId;
    const laterPair = await prisma.similarity.findFirstOrThrow({ where: { entryId: laterEntryId } });
    expect(await getSimilarityPair(contestId, laterPair.id)).toBeNull();
    expect(await getSimilarityPair(laterContest, pairId)).toBeNull();
  });
});
