// A round's results from the database: the one place that reads scoresheets for rankings and runs
// the pure pipeline (aggregate → rank → prizes or advance). Pages, decisions, advancing and
// publishing all call computeRoundResults, so they agree on every number. Authorization is the
// caller's (an organizer of the contest).
//
// What counts: the submitted scoresheets (with a total) of the round's ACTIVE assignments, for
// entries of the round (RoundEntry) that are still ELIGIBLE. Totals are Scoresheet.total as the
// scoring module stored them. Criterion means and top marks for the tie-break chain come from the
// summary it stores beside each total (Scoresheet.topMarks, criterionPoints), or from the sheet's
// Score rows when it has none. They are read packed per entry, as the database's triggers keep
// them (EntryReads).
import type { ContestPhase, RoundEntryStatus } from "#app/generated/sqlite/enums";
import { createHash } from "node:crypto";
import { parseCriterionPoints, storedCriterionPoints } from "#app/modules/scoring/total";
import type { Tx } from "#app/utils/db.server";
import { nameCollator } from "#app/utils/format";
import { proposeAdvance, type AdvanceProposal, type AdvanceRule } from "./advance";
import { aggregateNumbered, entryAggregate, entryScore, judgeEffects, roundScore, type AggregationMethod, type EntryAggregate, type JudgeEffect } from "./aggregate";
import { canonicalJson } from "./canonical-json";
import { allocatePrizes, type PrizeAllocation, type PrizeTierInput } from "./prizes";
import { automaticKeys, MISSING_CRITERION, rankByKeys, type RankedEntry, type Ranking, type TieDecision } from "./rank";
import { keptRoundResults, keptRoundResultsOr } from "./results-cache.server";
import { criterionKey, parseTieBreak, type TieBreakStep } from "./tie-break.schema";

/** Phases in which identities are re-joined to scores in a blind contest [ghép phách]. */
const IDENTIFIED_PHASES: readonly ContestPhase[] = ["FINALIZING", "PUBLISHED", "ARCHIVED"];
/** Phases in which ties may be decided and entries advanced. */
export const DECIDING_PHASES: readonly ContestPhase[] = ["JUDGING", "FINALIZING"];

export interface ResultsContest {
  id: string;
  title: string;
  slug: string;
  phase: ContestPhase;
  blind: boolean;
  locale: string;
  timeZone: string;
  showScoresInResults: boolean;
  tieBreak: TieBreakStep[];
}

export interface ResultsRound {
  id: string;
  name: string;
  position: number;
  aggregation: AggregationMethod;
  readsPerEntry: number;
  advanceRule: AdvanceRule;
  advanceValue: number | null;
  criteria: { id: string; name: string; maxPoints: number }[];
  /** The rubric's scale: the sum of its maxima (100 on the default rubric). */
  scale: number;
}

export interface EntryInfo {
  id: string;
  categoryId: string;
  entryCode: string | null;
  anonymousCode: string | null;
  title: string;
  authors: { name: string; unit: string }[];
  panelId: string | null;
  panelName: string | null;
  status: RoundEntryStatus;
  /** Active assignments whose scoresheet is not submitted yet. */
  pendingReads: number;
}

export interface CategoryResults {
  id: string;
  name: string;
  position: number;
  tiers: PrizeTierInput[];
  ranking: Ranking;
  /** The final round only. */
  prizes: PrizeAllocation | null;
  /** Automatic tie groups the organizer must (or may, by the chain's chair step) decide. */
  flaggedTies: { rank: number; entryIds: string[]; reasons: ("prize" | "cut" | "chair")[]; decision: "applied" | "stale" | "none" }[];
}

export interface RoundResults {
  contest: ResultsContest;
  round: ResultsRound;
  rounds: { id: string; name: string; position: number }[];
  nextRound: { id: string; name: string } | null;
  isFinal: boolean;
  /** Identities are shown: the contest is not blind, or results are being finalized. */
  identified: boolean;
  /** By entry id, in code order. */
  entries: ReadonlyMap<string, EntryInfo>;
  /** By entry id, in code order; each entry's object is made when it is first asked for. */
  aggregates: ReadonlyMap<string, EntryAggregate>;
  judges: (JudgeEffect & { name: string })[];
  /** The counted reads (submitted sheets of active assignments); per-criterion points only when asked for (`withPoints`). */
  reads: ReadInfo[];
  components: number;
  categories: CategoryResults[];
  /** Before the last round: who advances by the round's rule (MANUAL: the current ADVANCED rows). */
  advance: AdvanceProposal | null;
  decisions: { categoryId: string; entryIds: string[]; order: Record<string, number>; reason: string; at: Date }[];
  pendingReads: number;
  /** SHA-256 of what the organizer decides on (scores, ranks, prizes or advancing, decisions): stale forms are refused. */
  fingerprint: string;
}

function decisionsFrom(awards: { entryId: string; categoryId: string; rank: number; reason: string; createdAt: Date }[]) {
  const batches = new Map<string, { categoryId: string; entryIds: string[]; order: Record<string, number>; reason: string; at: Date }>();
  for (const a of awards) {
    const key = `${a.categoryId}@${a.createdAt.getTime()}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { categoryId: a.categoryId, entryIds: [], order: {}, reason: a.reason, at: a.createdAt }));
    b.entryIds.push(a.entryId);
    b.order[a.entryId] = a.rank;
  }
  return [...batches.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The round's results as the pure modules compute them from what is stored now; null when the
 * contest or round does not exist. `extraDecision` is tried on top of the stored decisions (a
 * decision being validated before saving). Without options, results computed earlier are reused
 * while nothing they were computed from has changed (results-cache.server.ts): callers share
 * them and must not change them. With `labels: false` such kept results are reused too, but
 * results computed for it (without titles or authors) are not kept.
 */
export async function computeRoundResults(
  db: Tx,
  contestId: string,
  roundId: string,
  options: ComputeOptions & LoadOptions = {},
): Promise<RoundResults | null> {
  const compute = async () => {
    const inputs = await loadRoundInputs(db, contestId, roundId, options);
    return inputs && computeFromInputs(inputs, options);
  };
  if (options.extraDecision || options.withPoints) return compute();
  return options.labels === false ? keptRoundResultsOr(db, contestId, roundId, compute) : keptRoundResults(db, contestId, roundId, compute);
}

export interface ComputeOptions {
  extraDecision?: { categoryId: string; decision: TieDecision };
}

export interface LoadOptions {
  /** Also read every counted sheet's points per criterion (the documents and exports; rankings need only sums). */
  withPoints?: boolean;
  /**
   * false: entries without what only pages and documents show (title, anonymous code, authors,
   * panel name: empty), for an action that decides on the numbers alone; kept results (which have
   * them) are still reused, and results computed this way are never kept.
   */
  labels?: boolean;
}

/** A counted read: a judge's total for an entry, and its points per criterion id when they were read. */
export interface ReadInfo {
  entryId: string;
  judgeId: string;
  total: number;
  points: ReadonlyMap<string, number>;
}

/** The points of a read whose points were not read (every such read shares it). */
const NO_POINTS: ReadonlyMap<string, number> = new Map();

/** An entry of the round with one of its authors (null when it has none); without the labels (LoadOptions), one row per entry and no label columns. */
interface EntryRow {
  id: string;
  categoryId: string;
  entryCode: string | null;
  anonymousCode?: string | null;
  title?: string;
  status: RoundEntryStatus;
  panelId: string | null;
  panelName?: string | null;
  authorName?: string | null;
  authorUnit?: string | null;
}

/**
 * The round's active assignments, one row per entry: `reads` holds its assignments in judge order,
 * separated by RECORD; each is the judge's id, and for a counted sheet FIELD, the total, FIELD, the
 * top marks, FIELD, the stored points per criterion (the last two empty when the sheet has no
 * stored summary). The database's triggers keep these rows (EntryReads, migration entry_reads,
 * docs/decisions/0034-entry-reads.md): read one per assignment joined to its sheet, 300,000
 * sheets cost most of a national round's read.
 */
interface EntryReadsRow {
  entryId: string;
  reads: string;
}
const RECORD = "\x1e";
const FIELD = "\x1f";

/** The round's active assignments, by number: entry and judge ids, whether counted (and then the total). */
export interface RoundSheets {
  entryId: string[];
  judgeId: string[];
  counted: Uint8Array;
  total: Float64Array;
}

/** What computeRoundResults reads from the database, as plain rows; null when the contest or round does not exist. */
export async function loadRoundInputs(db: Tx, contestId: string, roundId: string, options: LoadOptions = {}) {
  const contestRow = await db.contest.findUnique({
    where: { id: contestId },
    select: { id: true, title: true, slug: true, phase: true, blind: true, locale: true, timeZone: true, showScoresInResults: true, tieBreak: true },
  });
  if (!contestRow) return null;
  const rounds = await db.round.findMany({
    where: { contestId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      position: true,
      aggregation: true,
      readsPerEntry: true,
      advanceRule: true,
      advanceValue: true,
      rubricVersion: { select: { criteria: { orderBy: { position: "asc" }, select: { id: true, name: true, maxPoints: true } } } },
    },
  });
  const index = rounds.findIndex((r) => r.id === roundId);
  if (index === -1) return null;
  const r = rounds[index]!;
  const criteria = r.rubricVersion?.criteria ?? [];
  const round: ResultsRound = {
    id: r.id,
    name: r.name,
    position: r.position,
    aggregation: r.aggregation,
    readsPerEntry: r.readsPerEntry,
    advanceRule: r.advanceRule,
    advanceValue: r.advanceValue,
    criteria,
    scale: criteria.reduce((s, c) => s + c.maxPoints, 0),
  };
  const contest: ResultsContest = { ...contestRow, tieBreak: parseTieBreak(contestRow.tieBreak) };

  // The keys of the chain's criterion steps, and the criteria (of any of the contest's rubric
  // versions) each one matches by folded name: only these are summed per entry.
  const chainKeys = [...new Set(contest.tieBreak.flatMap((step) => (step.kind === "criterion" ? [criterionKey(step.name)] : [])))];
  const wantsTopMarks = contest.tieBreak.some((step) => step.kind === "topMarks");
  const contestCriteria = chainKeys.length
    ? await db.criterion.findMany({ where: { rubricVersion: { rubric: { contestId } } }, select: { id: true, name: true } })
    : [];
  const stepCriteria = chainKeys.map((key) => contestCriteria.filter((c) => criterionKey(c.name) === key).map((c) => c.id));

  // Flat joins, one row per entry and author, and one per entry's packed reads: a relation-filtered
  // read of tens of thousands of entries exceeds SQLite's limit on bound variables (Prisma binds
  // every id of the parent rows). The same SQL on SQLite and PostgreSQL (quoted names, enum values
  // as literals).
  const [categoryRows, entryRows, readRows, awards] = await Promise.all([
    db.category.findMany({
      where: { contestId },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, position: true, prizeTiers: { orderBy: { rank: "asc" }, select: { id: true, rank: true, name: true, count: true } } },
    }),
    // One row per entry and author (one with no author for an entry without), an entry's rows
    // together and its authors in order; without the labels, one row per entry.
    options.labels === false
      ? db.$queryRaw<EntryRow[]>`
          SELECT e."id", e."categoryId", e."entryCode", re."status", re."panelId"
          FROM "RoundEntry" re JOIN "Entry" e ON e."id" = re."entryId"
          WHERE re."roundId" = ${roundId} AND e."status" = 'ELIGIBLE'
          ORDER BY COALESCE(e."entryCode", ''), e."id"`
      : db.$queryRaw<EntryRow[]>`
          SELECT e."id", e."categoryId", e."entryCode", e."anonymousCode", e."title", re."status", re."panelId" AS "panelId", p."name" AS "panelName",
            au."name" AS "authorName", au."unit" AS "authorUnit"
          FROM "RoundEntry" re JOIN "Entry" e ON e."id" = re."entryId" LEFT JOIN "Panel" p ON p."id" = re."panelId"
            LEFT JOIN "EntryAuthor" au ON au."entryId" = e."id"
          WHERE re."roundId" = ${roundId} AND e."status" = 'ELIGIBLE'
          ORDER BY COALESCE(e."entryCode", ''), e."id", au."position"`,
    // One row per entry with active assignments (EntryReads): their sheets' totals and the summary
    // the scoring module stores beside each (top marks, points per criterion); no Score rows are
    // read for ranking.
    db.$queryRaw<EntryReadsRow[]>`SELECT "entryId", "reads" FROM "EntryReads" WHERE "roundId" = ${roundId}`,
    db.award.findMany({ where: { roundId }, orderBy: { createdAt: "asc" }, select: { entryId: true, categoryId: true, rank: true, reason: true, createdAt: true } }),
  ]);

  // The packed reads, unpacked by number (RoundSheets), with each counted sheet's stored summary:
  // its top marks (NaN when it has none) and its points per criterion (null when it has none).
  const entryIds: string[] = [];
  const sheetJudgeIds: string[] = [];
  const counted: number[] = [];
  const totals: number[] = [];
  const storedTop: number[] = [];
  const storedPoints: (string | null)[] = [];
  let unsummarised = false;
  for (const row of readRows) {
    let at = 0;
    const reads = row.reads;
    while (at <= reads.length) {
      let end = reads.indexOf(RECORD, at);
      if (end === -1) end = reads.length;
      const cut = reads.indexOf(FIELD, at);
      entryIds.push(row.entryId);
      if (cut === -1 || cut > end) {
        sheetJudgeIds.push(reads.slice(at, end));
        counted.push(0);
        totals.push(0);
        storedTop.push(Number.NaN);
        storedPoints.push(null);
      } else {
        const topAt = reads.indexOf(FIELD, cut + 1) + 1;
        const pointsAt = reads.indexOf(FIELD, topAt) + 1;
        sheetJudgeIds.push(reads.slice(at, cut));
        counted.push(1);
        totals.push(Number(reads.slice(cut + 1, topAt - 1)));
        const summarised = topAt < pointsAt - 1 && pointsAt < end;
        if (!summarised) unsummarised = true;
        storedTop.push(summarised ? Number(reads.slice(topAt, pointsAt - 1)) : Number.NaN);
        storedPoints.push(summarised ? reads.slice(pointsAt, end) : null);
      }
      at = end + 1;
    }
  }
  const sheets: RoundSheets = { entryId: entryIds, judgeId: sheetJudgeIds, counted: Uint8Array.from(counted), total: Float64Array.from(totals) };

  // The judges' names, by the ids just read (a subquery over the round's assignments would walk
  // them all again), in lists well under SQLite's limit on bound variables.
  const judgeIds = [...new Set(sheets.judgeId)];
  const judgeRows: { id: string; name: string }[] = [];
  for (let i = 0; i < judgeIds.length; i += 10_000) {
    judgeRows.push(...(await db.user.findMany({ where: { id: { in: judgeIds.slice(i, i + 10_000) } }, select: { id: true, name: true } })));
  }

  // A counted sheet written without its summary (before it was stored, or by a writer outside the
  // scoring module) gets one from its Score rows, as scoresheetSummary would have written it.
  const legacy = new Map<string, Map<string, number>>();
  const legacyTop = new Map<string, number>();
  if (unsummarised) {
    const rows = await db.$queryRaw<{ entryId: string; judgeId: string; criterionId: string; points: number; maxPoints: number }[]>`
      SELECT a."entryId", a."judgeId", sc."criterionId", sc."points", c."maxPoints"
      FROM "Score" sc
        JOIN "Scoresheet" s ON s."id" = sc."scoresheetId"
        JOIN "Assignment" a ON a."id" = s."assignmentId"
        JOIN "Criterion" c ON c."id" = sc."criterionId"
      WHERE a."roundId" = ${roundId} AND a."status" = 'ACTIVE' AND s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
        AND (s."criterionPoints" IS NULL OR s."topMarks" IS NULL)`;
    for (const r of rows) {
      const key = `${r.entryId} ${r.judgeId}`;
      let points = legacy.get(key);
      if (!points) legacy.set(key, (points = new Map()));
      points.set(r.criterionId, Number(r.points));
      if (Number(r.points) >= Number(r.maxPoints)) legacyTop.set(key, (legacyTop.get(key) ?? 0) + 1);
    }
  }

  // Per counted sheet (by its row's index): criteria at their maximum, and the points of each
  // chain criterion it has, as (step, points) pairs in step order; computeFromInputs sums them per
  // entry (an entry none of whose sheets has the criterion has no mean on it). Only the chain's
  // criteria are looked up in each stored summary (storedCriterionPoints).
  const steps = chainKeys.length;
  const sheetCount = sheets.entryId.length;
  const top = new Float64Array(sheetCount);
  const pointsStart = new Int32Array(sheetCount + 1);
  const pointStep: number[] = [];
  const pointValue: number[] = [];
  const pointsOfRead = options.withPoints ? new Map<string, ReadonlyMap<string, number>>() : null;
  for (let row = 0; row < sheetCount; row++) {
    pointsStart[row] = pointStep.length;
    if (sheets.counted[row] === 0) continue;
    const stored = storedPoints[row] ?? null;
    const key = stored === null || pointsOfRead ? `${sheets.entryId[row]} ${sheets.judgeId[row]}` : "";
    const fallback = stored === null ? (legacy.get(key) ?? new Map<string, number>()) : null;
    if (pointsOfRead) pointsOfRead.set(key, fallback ?? new Map(Object.entries(parseCriterionPoints(stored!))));
    if (!wantsTopMarks && steps === 0) continue;
    top[row] = fallback ? (legacyTop.get(key) ?? 0) : storedTop[row]!;
    for (let i = 0; i < steps; i++) {
      for (const id of stepCriteria[i]!) {
        const p = fallback ? fallback.get(id) : storedCriterionPoints(stored!, id);
        if (p === undefined) continue;
        pointStep.push(i);
        pointValue.push(p);
      }
    }
  }
  pointsStart[sheetCount] = pointStep.length;
  const tieStats = { keys: chainKeys, top, pointsStart, pointStep: Int32Array.from(pointStep), pointValue: Float64Array.from(pointValue) };
  return { contest, round, rounds, index, categoryRows, entryRows, sheets, judgeRows, tieStats, awards, pointsOfRead };
}
export type RoundInputs = NonNullable<Awaited<ReturnType<typeof loadRoundInputs>>>;

/**
 * Whether two entries are in code order without asking the collator (a few microseconds a call,
 * most of the cost of checking 100,000 codes): codes equal up to a point where both continue with
 * digits only, as many of them (the portal's prefix and zero-padded number), compare as plain text
 * the way the numeric collator compares them. Otherwise (false) the collator decides.
 */
function codesInOrder(a: { entryCode: string | null; id: string }, b: { entryCode: string | null; id: string }): boolean {
  const x = a.entryCode ?? "";
  const y = b.entryCode ?? "";
  if (x === y) return a.id < b.id;
  if (x.length !== y.length) return false;
  let i = 0;
  while (x.charCodeAt(i) === y.charCodeAt(i)) i++;
  for (let k = i; k < x.length; k++) {
    const cx = x.charCodeAt(k);
    const cy = y.charCodeAt(k);
    if (cx < 48 || cx > 57 || cy < 48 || cy > 57) return false;
  }
  return x < y;
}

/** The round's results from rows already read (pure: no database, no clock). */
export function computeFromInputs(inputs: RoundInputs, options: ComputeOptions = {}): RoundResults {
  const { contest, round, rounds, index, categoryRows, entryRows, sheets, judgeRows, tieStats, awards, pointsOfRead } = inputs;
  const next = rounds[index + 1] ?? null;
  // Entries are numbered in code order (the order pages list them and ties keep), judges in order
  // of first appearance among the counted reads; aggregate and rank work on the numbers.
  // An entry's rows (one per author) come together: they make one EntryInfo. The rows come ordered
  // by code in the database's own collation, which for the codes the portal gives (a prefix and
  // zero-padded digits) is already this order: the sort then only checks it.
  const read: EntryInfo[] = [];
  for (let i = 0; i < entryRows.length; i++) {
    const e = entryRows[i]!;
    const last = read.at(-1);
    if (last && last.id === e.id) {
      if (e.authorName != null) last.authors.push({ name: e.authorName, unit: e.authorUnit ?? "" });
      continue;
    }
    read.push({
      id: e.id,
      categoryId: e.categoryId,
      entryCode: e.entryCode,
      anonymousCode: e.anonymousCode ?? null,
      title: e.title ?? "",
      authors: e.authorName == null ? [] : [{ name: e.authorName, unit: e.authorUnit ?? "" }],
      panelId: e.panelId,
      panelName: e.panelName ?? null,
      status: e.status,
      pendingReads: 0,
    });
  }
  const byCode = (a: EntryInfo, b: EntryInfo) => nameCollator.compare(a.entryCode ?? "", b.entryCode ?? "") || (a.id < b.id ? -1 : 1);
  const entryList = read.every((e, i) => i === 0 || codesInOrder(read[i - 1]!, e) || byCode(read[i - 1]!, e) < 0) ? read : [...read].sort(byCode);
  const entryNumber = new Map<string, number>();
  for (let n = 0; n < entryList.length; n++) entryNumber.set(entryList[n]!.id, n);
  const entries = new ByEntry(entryNumber, entryList, (n) => entryList[n]!);
  const E = entryList.length;

  // The counted reads by number; their ReadInfo objects are made from these when `reads` is first
  // read (documents and exports do, pages and actions do not), so the rows are not kept.
  let R = 0;
  const sheetCount = sheets.entryId.length;
  const readEntry = new Int32Array(sheetCount);
  const readJudge = new Int32Array(sheetCount);
  const readTotal = new Float64Array(sheetCount);
  const judgeNumber = new Map<string, number>();
  const judgeIds: string[] = [];
  let pendingReads = 0;
  // Per entry: its sheets' top marks, and the points and count of each chain criterion.
  const steps = tieStats.keys.length;
  const entryTop = new Float64Array(E);
  const stepSum = new Float64Array(E * steps);
  const stepCount = new Int32Array(E * steps);
  // An entry's assignments come one after another: its number is looked up once for them.
  let lastId: string | null = null;
  let e: number | undefined;
  for (let row = 0; row < sheetCount; row++) {
    const entryId = sheets.entryId[row]!;
    if (entryId !== lastId) {
      lastId = entryId;
      e = entryNumber.get(entryId);
    }
    if (e === undefined) continue;
    if (sheets.counted[row] === 0) {
      entryList[e]!.pendingReads++;
      pendingReads++;
      continue;
    }
    const judgeId = sheets.judgeId[row]!;
    let j = judgeNumber.get(judgeId);
    if (j === undefined) {
      j = judgeIds.length;
      judgeNumber.set(judgeId, j);
      judgeIds.push(judgeId);
    }
    const total = sheets.total[row]!;
    entryTop[e]! += tieStats.top[row]!;
    for (let k = tieStats.pointsStart[row]!; k < tieStats.pointsStart[row + 1]!; k++) {
      const at = e * steps + tieStats.pointStep[k]!;
      stepSum[at]! += tieStats.pointValue[k]!;
      stepCount[at]!++;
    }
    readEntry[R] = e;
    readJudge[R] = j;
    readTotal[R++] = total;
  }

  const agg = aggregateNumbered(round.aggregation, {
    entryIds: entryList.map((e) => e.id),
    judgeIds,
    entry: readEntry.subarray(0, R),
    judge: readJudge.subarray(0, R),
    total: readTotal.subarray(0, R),
  });
  // An entry's aggregate object is made when a page or document first asks for it (deciding and
  // advancing need only the numbers).
  const aggregateOf: (EntryAggregate | undefined)[] = new Array(E).fill(undefined);
  const aggregates = new ByEntry(entryNumber, entryList, (n) => (aggregateOf[n] ??= entryAggregate(agg, n, entryList[n]!.id)));
  const nameOf = new Map(judgeRows.map((j) => [j.id, j.name]));
  const judges = judgeEffects(agg, judgeIds).map((j) => ({ ...j, name: nameOf.get(j.judgeId) ?? "" }));

  // Each entry's automatic keys (rank.ts, rankByKeys): its score, then per automatic key of the
  // chain the mean points on its criterion (MISSING_CRITERION when none of its sheets has it) or
  // its top marks per read.
  // Per automatic key: "topMarks", or the index of its criterion in tieStats.keys.
  const stepKeys = automaticKeys(contest.tieBreak).map((k) => (k.kind === "topMarks" ? ("topMarks" as const) : tieStats.keys.indexOf(k.criterion)));
  const width = 1 + stepKeys.length;
  const keyValues = new Float64Array(E * width);
  const scored = new Uint8Array(E);
  for (let n = 0; n < E; n++) {
    const score = entryScore(agg, n);
    if (score === null) continue;
    scored[n] = 1;
    const reads = agg.reads[n]!;
    keyValues[n * width] = score;
    for (let k = 0; k < stepKeys.length; k++) {
      const step = stepKeys[k]!;
      keyValues[n * width + 1 + k] =
        step === "topMarks"
          ? Math.round((entryTop[n]! / reads) * 1e6) / 1e6
          : step >= 0 && stepCount[n * steps + step]! > 0
            ? roundScore(stepSum[n * steps + step]! / reads)
            : MISSING_CRITERION;
    }
  }

  const decisions = decisionsFrom(awards);
  const isFinal = next === null;
  const categories: CategoryResults[] = [];
  const numbersByCategory = new Map<string, number[]>(categoryRows.map((c) => [c.id, []]));
  for (let n = 0; n < E; n++) numbersByCategory.get(entryList[n]!.categoryId)?.push(n);
  for (const c of categoryRows) {
    const numbers = numbersByCategory.get(c.id)!;
    if (numbers.length === 0 && !isFinal) continue;
    const scoredIds: string[] = [];
    const unranked: string[] = [];
    const values = new Float64Array(numbers.length * width);
    for (const n of numbers) {
      const id = entryList[n]!.id;
      if (scored[n] === 0) unranked.push(id);
      else {
        const at = scoredIds.length * width;
        for (let k = 0; k < width; k++) values[at + k] = keyValues[n * width + k]!;
        scoredIds.push(id);
      }
    }
    const tieDecisions: TieDecision[] = decisions
      .filter((d) => d.categoryId === c.id)
      .map((d) => ({ entryIds: d.entryIds, order: new Map(Object.entries(d.order)) }));
    if (options.extraDecision?.categoryId === c.id) {
      const extra = options.extraDecision.decision;
      // The new decision replaces earlier ones touching its entries.
      const kept = tieDecisions.filter((d) => !d.entryIds.some((id) => extra.entryIds.includes(id)));
      tieDecisions.length = 0;
      tieDecisions.push(...kept, extra);
    }
    const ranking = rankByKeys(scoredIds, values.subarray(0, scoredIds.length * width), contest.tieBreak, tieDecisions, unranked);
    const prizes = isFinal ? allocatePrizes(ranking.groups, c.prizeTiers) : null;
    categories.push({ id: c.id, name: c.name, position: c.position, tiers: c.prizeTiers, ranking, prizes, flaggedTies: [] });
  }

  let advance: AdvanceProposal | null = null;
  if (!isFinal) {
    const manual = new Set(entryList.filter((e) => e.status === "ADVANCED").map((e) => e.id));
    advance = proposeAdvance({
      rule: round.advanceRule,
      value: round.advanceValue,
      manual,
      categories: categories.map((c) => ({ categoryId: c.id, groups: c.ranking.groups, unranked: c.ranking.unranked })),
    });
  }

  // Which automatic tie groups are the organizer's to decide, and why.
  const chairDeclared = contest.tieBreak.at(-1)?.kind === "chair";
  for (const c of categories) {
    const straddling = new Set(c.prizes?.straddles.flatMap((s) => s.entryIds) ?? []);
    const cut = new Set(advance?.cutTies.filter((t) => t.categoryId === c.id).flatMap((t) => t.entryIds) ?? []);
    for (const tie of c.ranking.ties) {
      const reasons: ("prize" | "cut" | "chair")[] = [];
      if (tie.entryIds.some((id) => straddling.has(id))) reasons.push("prize");
      if (tie.entryIds.some((id) => cut.has(id))) reasons.push("cut");
      if (chairDeclared && tie.decision !== "applied") reasons.push("chair");
      if (reasons.length > 0 || tie.decision === "applied") c.flaggedTies.push({ ...tie, reasons });
    }
  }

  let reads: ReadInfo[] | undefined;
  const fingerprint = resultsFingerprint({ round, chain: contest.tieBreak, categories, advance, decisions });

  return {
    contest,
    round,
    rounds: rounds.map((x) => ({ id: x.id, name: x.name, position: x.position })),
    nextRound: next && { id: next.id, name: next.name },
    isFinal,
    identified: !contest.blind || IDENTIFIED_PHASES.includes(contest.phase),
    entries,
    aggregates,
    judges,
    get reads() {
      return (reads ??= Array.from({ length: R }, (_, r) => {
        const entryId = entryList[readEntry[r]!]!.id;
        const judgeId = judgeIds[readJudge[r]!]!;
        return { entryId, judgeId, total: readTotal[r]!, points: (pointsOfRead && pointsOfRead.get(`${entryId} ${judgeId}`)) || NO_POINTS };
      }));
    },
    components: agg.components.length,
    categories,
    advance,
    decisions,
    pendingReads,
    fingerprint,
  };
}

/**
 * A read-only Map by entry id over values kept by entry number (`numbers`: id → number, `rows`:
 * the entries by number): the one Map of the round's ids serves every view of its entries.
 */
export class ByEntry<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly numbers: ReadonlyMap<string, number>,
    private readonly rows: readonly { id: string }[],
    private readonly valueAt: (n: number) => V,
  ) {}

  get size() {
    return this.rows.length;
  }

  get(id: string): V | undefined {
    const n = this.numbers.get(id);
    return n === undefined ? undefined : this.valueAt(n);
  }

  has(id: string) {
    return this.numbers.has(id);
  }

  *entries(): MapIterator<[string, V]> {
    for (let n = 0; n < this.rows.length; n++) yield [this.rows[n]!.id, this.valueAt(n)];
  }

  *keys(): MapIterator<string> {
    for (const row of this.rows) yield row.id;
  }

  *values(): MapIterator<V> {
    for (let n = 0; n < this.rows.length; n++) yield this.valueAt(n);
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown) {
    for (let n = 0; n < this.rows.length; n++) callback.call(thisArg, this.valueAt(n), this.rows[n]!.id, this);
  }

  [Symbol.iterator]() {
    return this.entries();
  }
}

/** Names the serialisation below: a fingerprint made by another one never equals one made by it. */
const FINGERPRINT_FORMAT = "round-results/2";

/**
 * The fingerprint of what the organizer decides on: SHA-256 of bytes that two results share
 * exactly when their round, method, chain, categories' tiers, every ranked entry's score, rank and
 * prize, the unranked entries, the advance proposal and the decisions are the same
 * (docs/decisions/0030-results-fingerprint.md). The bytes: FINGERPRINT_FORMAT, the canonical JSON
 * of the small parts with each category's counts, then category by category each ranked entry
 * (id, score, rank, prize) and each unranked id, then the advancing and the undecided ids in the
 * proposal's order (which follows the ranking). Texts are written with their length, so the bytes
 * read back one way only.
 */
export function resultsFingerprint(r: {
  round: ResultsRound;
  chain: readonly TieBreakStep[];
  categories: readonly CategoryResults[];
  advance: AdvanceProposal | null;
  decisions: RoundResults["decisions"];
}): string {
  const out = new FingerprintWriter();
  out.text(FINGERPRINT_FORMAT);
  out.text(
    canonicalJson({
      round: r.round.id,
      aggregation: r.round.aggregation,
      chain: r.chain,
      categories: r.categories.map((c) => ({ id: c.id, tiers: c.tiers, ranked: c.ranking.ranked.length, unranked: c.ranking.unranked.length })),
      advance: r.advance && { advancing: r.advance.advancing.length, undecided: r.advance.undecided.length },
      decisions: r.decisions.map((d) => ({ ...d, at: d.at.getTime() })),
    }),
  );
  for (const c of r.categories) {
    // The ranked entries in order, by their groups (which hold the rank and the score they share).
    for (const g of c.ranking.groups) {
      for (const id of g.entryIds) {
        out.text(id);
        out.number(g.score);
        out.uint(g.rank);
        const prize = c.prizes?.prizes.get(id);
        if (prize === undefined) out.uint(0);
        else if (prize === null) out.uint(1);
        else {
          out.uint(2);
          out.text(prize);
        }
      }
    }
    for (const id of c.ranking.unranked) out.text(id);
  }
  if (r.advance) for (const list of [r.advance.advancing, r.advance.undecided]) for (const id of list) out.text(id);
  return out.digest();
}

/** Bytes into SHA-256 through one reused buffer: texts as their UTF-16 code units after their count, numbers as 64-bit floats (−0 as 0), counts as 32-bit integers. */
class FingerprintWriter {
  private readonly hash = createHash("sha256");
  private buffer = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  private room(bytes: number) {
    if (this.at + bytes <= this.buffer.length) return;
    this.hash.update(this.buffer.subarray(0, this.at));
    this.at = 0;
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  text(value: string) {
    this.room(4 + 2 * value.length);
    this.buffer.writeUInt32LE(value.length, this.at);
    this.at += 4 + this.buffer.write(value, this.at + 4, "utf16le");
  }

  number(value: number) {
    this.room(8);
    this.buffer.writeDoubleLE(value === 0 ? 0 : value, this.at);
    this.at += 8;
  }

  uint(value: number) {
    this.room(4);
    this.buffer.writeUInt32LE(value, this.at);
    this.at += 4;
  }

  digest(): string {
    this.hash.update(this.buffer.subarray(0, this.at));
    return this.hash.digest("hex");
  }
}

/** The ranked entry of a category by id. */
export function rankedEntry(results: RoundResults, entryId: string): { category: CategoryResults; ranked: RankedEntry | null } | null {
  const entry = results.entries.get(entryId);
  if (!entry) return null;
  const category = results.categories.find((c) => c.id === entry.categoryId);
  if (!category) return null;
  return { category, ranked: category.ranking.ranked.find((x) => x.entryId === entryId) ?? null };
}
