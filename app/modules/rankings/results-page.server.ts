// What the organizer's results pages show, as plain data: the overview (tie-break chain, rounds,
// publishing, versions) and a round's ranking per category with raw and adjusted scores, judges'
// severity, reads against plan, flags, decisions and advancing; and one entry's breakdown by judge
// and criterion. A round's ranking is shown a page at a time per category (a national round holds
// tens of thousands of entries): rows are built for the pages shown only, and a search by the code
// the page labels entries with opens the page holding that entry
// (docs/decisions/0032-round-results-by-page.md). The numbers come from results.server.ts only.
// Identities (entry code, title, authors, units) are shown once results are being finalized in a
// blind contest [ghép phách]; before, the ranking shows anonymous codes. Authorization is the
// caller's (an organizer of the contest).
import { parseWithZod } from "@conform-to/zod";
import { prisma } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import { canonicalJson } from "./canonical-json";
import { chainCriteria } from "./decisions.server";
import { publishPreview } from "./publish.server";
import { computeRoundResults, DECIDING_PHASES, type CategoryResults, type RoundResults } from "./results.server";
import { DEFAULT_ROUND_PAGE_QUERY, RESULTS_PAGE_SIZE, roundPageQuerySchema, type RoundPageQuery } from "./results.schema";
import { tieBreakEditable } from "./tie-break.schema";

function label(results: RoundResults, entryId: string): string {
  const e = results.entries.get(entryId)!;
  return (results.identified ? e.entryCode : e.anonymousCode) ?? e.anonymousCode ?? e.entryCode ?? "—";
}

function identity(results: RoundResults, entryId: string) {
  const e = results.entries.get(entryId)!;
  return results.identified ? { entryCode: e.entryCode, title: e.title, authors: e.authors } : null;
}

/** A round results page's query from its address; what makes no sense reads as the default, never as an error. */
export function roundPageQuery(params: URLSearchParams): RoundPageQuery {
  const submission = parseWithZod(params, { schema: roundPageQuerySchema });
  return submission.status === "success" ? submission.value : DEFAULT_ROUND_PAGE_QUERY;
}

/** Which slice of a list of `total` rows a page shows: the page asked for, kept between the first and the last. */
export interface PageSlice {
  /** 1-based; the last page when asked for one past the end. */
  page: number;
  /** At least 1 (an empty list has one empty page). */
  pages: number;
  total: number;
  /** 1-based position of the first row shown, 0 when none. */
  first: number;
  /** 1-based position of the last row shown, 0 when none. */
  last: number;
}

export function pageSlice(total: number, requested: number, size: number = RESULTS_PAGE_SIZE): PageSlice {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested)), pages);
  const start = (page - 1) * size;
  return { page, pages, total, first: total === 0 ? 0 : start + 1, last: Math.min(total, start + size) };
}

/** The index of a slice's first row. */
function rowsFrom(slice: PageSlice): number {
  return Math.max(0, slice.first - 1);
}

/** The value a query holds for a category (own keys only: the query comes from the address). */
function pageAsked(pages: Readonly<Record<string, number>>, categoryId: string): number {
  return Object.hasOwn(pages, categoryId) ? pages[categoryId]! : 1;
}

/** An entry code the organizer looks for, compared as the page shows it (case aside). */
function codeKey(code: string): string {
  return code.trim().toLocaleUpperCase("vi");
}

/** Where the entry labelled `code` stands: its category, its list and its position there; null if no entry of the round has that label. */
function findByLabel(results: RoundResults, code: string) {
  const wanted = codeKey(code);
  if (!wanted) return null;
  for (const e of results.entries.values()) {
    if (codeKey(label(results, e.id)) !== wanted) continue;
    const category = results.categories.find((c) => c.id === e.categoryId);
    if (!category) return null;
    const ranked = category.ranking.ranked.findIndex((r) => r.entryId === e.id);
    if (ranked >= 0) return { entryId: e.id, category, list: "ranked" as const, index: ranked };
    const unranked = category.ranking.unranked.indexOf(e.id);
    return unranked >= 0 ? { entryId: e.id, category, list: "unranked" as const, index: unranked } : null;
  }
  return null;
}

/** The results overview (/organize/:contestId/results). */
export async function resultsOverview(contestId: string) {
  const contest = await prisma.contest.findUnique({
    where: { id: contestId },
    select: { id: true, title: true, slug: true, phase: true, tieBreak: true, showScoresInResults: true, timeZone: true },
  });
  if (!contest) return null;
  const [criteria, rounds, publications, preview] = await Promise.all([
    chainCriteria(contestId),
    prisma.round.findMany({
      where: { contestId },
      orderBy: { position: "asc" },
      select: { id: true, name: true, position: true, aggregation: true, advanceRule: true, advanceValue: true, _count: { select: { roundEntries: true } } },
    }),
    prisma.publication.findMany({
      where: { contestId },
      orderBy: { version: "desc" },
      select: { version: true, publishedAt: true, reason: true, sha256: true, publishedBy: { select: { name: true } }, _count: { select: { certificates: true } } },
    }),
    publishPreview(contestId),
  ]);
  const { tieBreak: _stored, ...rest } = contest;
  const chain = preview?.results.contest.tieBreak ?? [];
  return {
    contest: rest,
    tieBreak: { steps: chain, expected: canonicalJson(chain), editable: tieBreakEditable(contest.phase), criteria },
    rounds: rounds.map(({ _count, ...r }, i) => ({ ...r, entries: _count.roundEntries, final: i === rounds.length - 1 })),
    publications: publications.map(({ publishedBy, _count, ...p }) => ({ ...p, publishedBy: publishedBy?.name ?? null, certificates: _count.certificates })),
    publish: preview && {
      finalRound: { id: preview.results.round.id, name: preview.results.round.name },
      version: preview.version,
      blockers: preview.blockers,
      fingerprint: preview.results.fingerprint,
      canPublish: contest.phase === "FINALIZING" && preview.blockers.length === 0,
      categories: preview.content.categories.map((c) => ({ id: c.id, name: c.name, ranked: c.ranked, winners: c.winners, prizeTiers: c.prizeTiers })),
      scoresOf: Object.fromEntries(preview.content.categories.flatMap((c) => c.winners.map((w) => [w.entryId, preview.results.aggregates.get(w.entryId)?.score ?? null]))),
    },
  };
}
export type ResultsOverview = NonNullable<Awaited<ReturnType<typeof resultsOverview>>>;

/**
 * A round's results page (/organize/:contestId/results/:roundId): per category one page of the
 * ranking and one of the entries not ranked yet (RESULTS_PAGE_SIZE rows each, as `query` asks,
 * a page past the end showing the last), every tie group, and with `query.q` the entry that code
 * labels (its page opened, whatever page the query asked for) or the news that there is none.
 */
export async function roundResultsPage(contestId: string, roundId: string, query: RoundPageQuery = DEFAULT_ROUND_PAGE_QUERY) {
  const results = await computeRoundResults(prisma, contestId, roundId);
  if (!results) return null;
  const { contest, round } = results;
  const decisionOf = (categoryId: string, entryIds: string[]) =>
    results.decisions.find((d) => d.categoryId === categoryId && d.entryIds.length === entryIds.length && entryIds.every((id) => id in d.order)) ?? null;
  // Sets, not the proposal's lists: a national round's page asks for each of its entries.
  const advancing = new Set(results.advance?.advancing);
  const undecided = new Set(results.advance?.undecided);
  const advanceOf = (entryId: string) => (!results.advance ? null : advancing.has(entryId) ? "advance" : undecided.has(entryId) ? "undecided" : "eliminate");
  const nextAssignments = results.nextRound ? await prisma.assignment.count({ where: { roundId: results.nextRound.id } }) : 0;
  // The panels whose scoring minutes can be downloaded.
  const panels = sortByName(await prisma.panel.findMany({ where: { roundId, round: { contestId } }, select: { id: true, name: true } }), (p) => p.name);

  const found = query.q ? findByLabel(results, query.q) : null;
  const sliceOf = (c: CategoryResults, list: "ranked" | "unranked") => {
    const total = list === "ranked" ? c.ranking.ranked.length : c.ranking.unranked.length;
    const asked = found && found.category.id === c.id && found.list === list ? Math.floor(found.index / RESULTS_PAGE_SIZE) + 1 : pageAsked(list === "ranked" ? query.page : query.unranked, c.id);
    return pageSlice(total, asked);
  };
  /** The entries whose rows the page shows (the advance list offers these only). */
  const shown = new Set<string>();

  const row = (entryId: string) => {
    shown.add(entryId);
    const e = results.entries.get(entryId)!;
    const a = results.aggregates.get(entryId)!;
    return {
      entryId,
      label: label(results, entryId),
      identity: identity(results, entryId),
      panelName: e.panelName,
      reads: a.reads,
      pendingReads: e.pendingReads,
      short: a.reads < round.readsPerEntry,
      rawMean: a.rawMean,
      trimmedMean: a.trimmedMean,
      trimmed: a.trimmed,
      adjusted: a.adjusted,
      score: a.score,
      status: e.status,
      advance: advanceOf(entryId),
    };
  };

  const categories = results.categories.map((c) => {
    const tierName = new Map(c.tiers.map((t) => [t.id, t.name]));
    const ranked = sliceOf(c, "ranked");
    const unranked = sliceOf(c, "unranked");
    return {
      id: c.id,
      name: c.name,
      tiers: c.tiers.map((t) => ({ ...t, awarded: c.prizes?.awarded.get(t.id) ?? 0 })),
      ranked: {
        ...ranked,
        rows: c.ranking.ranked.slice(rowsFrom(ranked), ranked.last).map((r) => {
          const prize = c.prizes?.prizes.get(r.entryId);
          return {
            ...row(r.entryId),
            rank: r.rank,
            tied: r.tied,
            separatedBy: r.separatedBy,
            prize: !c.prizes ? null : prize === undefined ? { pending: true as const } : prize === null ? { none: true as const } : { name: tierName.get(prize)! },
          };
        }),
      },
      unranked: { ...unranked, rows: c.ranking.unranked.slice(rowsFrom(unranked), unranked.last).map(row) },
      straddles: c.prizes?.straddles.length ?? 0,
      ties: c.flaggedTies.map((t) => {
        const d = t.decision === "applied" ? decisionOf(c.id, t.entryIds) : null;
        return {
          rank: t.rank,
          reasons: t.reasons,
          decision: t.decision,
          entries: t.entryIds.map((id) => ({ id, label: label(results, id), place: d?.order[id] ?? null })),
          reason: d?.reason ?? "",
          decidedAt: d?.at ?? null,
        };
      }),
    };
  });

  return {
    contest: { id: contest.id, title: contest.title, phase: contest.phase, blind: contest.blind, timeZone: contest.timeZone },
    round: {
      id: round.id,
      name: round.name,
      position: round.position,
      aggregation: round.aggregation,
      readsPerEntry: round.readsPerEntry,
      advanceRule: round.advanceRule,
      advanceValue: round.advanceValue,
      scale: round.scale,
    },
    rounds: results.rounds,
    panels,
    nextRound: results.nextRound,
    isFinal: results.isFinal,
    identified: results.identified,
    canDecide: DECIDING_PHASES.includes(contest.phase),
    fingerprint: results.fingerprint,
    pendingReads: results.pendingReads,
    components: results.components,
    chain: contest.tieBreak,
    judges: [...results.judges].sort((a, b) => a.component - b.component || a.effect - b.effect),
    categories,
    search: query.q
      ? {
          query: query.q,
          found: found && { entryId: found.entryId, label: label(results, found.entryId), categoryId: found.category.id, category: found.category.name, list: found.list, page: Math.floor(found.index / RESULTS_PAGE_SIZE) + 1 },
        }
      : null,
    advance: results.advance && {
      advancing: results.advance.advancing.length,
      eliminated: results.advance.eliminated.length,
      undecided: results.advance.undecided.length,
      cutTies: results.advance.cutTies.length,
      applied: [...results.entries.values()].some((e) => e.status !== "IN"),
      nextRoundHasAssignments: nextAssignments > 0,
      entries: results.entries.size,
      // A MANUAL list offers the entries shown; the others keep their stored status: the form
      // sends the ones advancing now, so applying it changes only the choices on these pages.
      keep: results.round.advanceRule === "MANUAL" ? results.advance.advancing.filter((id) => !shown.has(id)) : [],
    },
  };
}
export type RoundResultsPage = NonNullable<Awaited<ReturnType<typeof roundResultsPage>>>;

/** One entry's breakdown in a round: each judge's points per criterion, total, note and feedback. */
export async function entryBreakdown(contestId: string, roundId: string, entryId: string) {
  const results = await computeRoundResults(prisma, contestId, roundId);
  const entry = results?.entries.get(entryId);
  if (!results || !entry) return null;
  const category = results.categories.find((c) => c.id === entry.categoryId);
  const ranked = category?.ranking.ranked.find((r) => r.entryId === entryId) ?? null;
  const effects = new Map(results.judges.map((j) => [j.judgeId, j]));
  const sheets = await prisma.assignment.findMany({
    where: { roundId, entryId, round: { contestId } },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: {
      judgeId: true,
      status: true,
      source: true,
      judge: { select: { name: true } },
      scoresheet: { select: { status: true, total: true, privateNote: true, feedback: true, submittedAt: true, scores: { select: { criterionId: true, points: true } } } },
    },
  });
  const a = results.aggregates.get(entryId)!;
  return {
    contest: { id: results.contest.id, title: results.contest.title, timeZone: results.contest.timeZone },
    round: { id: results.round.id, name: results.round.name, aggregation: results.round.aggregation, readsPerEntry: results.round.readsPerEntry, scale: results.round.scale },
    criteria: results.round.criteria,
    identified: results.identified,
    entry: {
      id: entryId,
      label: label(results, entryId),
      anonymousCode: entry.anonymousCode,
      identity: identity(results, entryId),
      category: category?.name ?? "",
      panelName: entry.panelName,
      rank: ranked?.rank ?? null,
      tied: ranked?.tied ?? false,
      reads: a.reads,
      rawMean: a.rawMean,
      trimmedMean: a.trimmedMean,
      trimmed: a.trimmed,
      adjusted: a.adjusted,
      score: a.score,
    },
    judges: sheets.map((s) => {
      const counted = s.status === "ACTIVE" && s.scoresheet?.status === "SUBMITTED" && s.scoresheet.total !== null;
      return {
        judgeId: s.judgeId,
        name: s.judge.name,
        assignment: s.status,
        source: s.source,
        sheet: s.scoresheet?.status ?? null,
        counted,
        total: s.scoresheet?.total ?? null,
        points: Object.fromEntries((s.scoresheet?.scores ?? []).map((p) => [p.criterionId, p.points])),
        privateNote: s.scoresheet?.privateNote ?? "",
        feedback: s.scoresheet?.feedback ?? "",
        effect: counted ? (effects.get(s.judgeId)?.effect ?? null) : null,
        shrunk: effects.get(s.judgeId)?.shrunk ?? false,
      };
    }),
  };
}
export type EntryBreakdown = NonNullable<Awaited<ReturnType<typeof entryBreakdown>>>;
