// Loading what the results documents and exports print, scoped to one contest, and building them:
// the list of prize winners (from a publication snapshot, or the preview of the next version as a
// draft), a panel's scoring minutes and a round's ranking (both from results.server.ts, the one
// reader of scoresheets for results), and the certificates (only from a publication, so every code
// printed verifies at /verify). Authorization is the caller's (an organizer of the contest); every
// query is scoped by the contest, so an id of another contest finds nothing (null: a 404).
import { env } from "#app/utils/env.server";
import { prisma } from "#app/utils/db.server";
import { nameCollator } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { stripDiacritics } from "#app/utils/vietnamese";
import { publishPreview } from "../publish.server";
import { computeRoundResults, rankedEntry } from "../results.server";
import { publicationContentSchema, type PublicationContent } from "../snapshot.schema";
import { buildCertificates } from "./certificates";
import { documentFonts } from "./fonts.server";
import { buildMinutes, type MinutesInput } from "./minutes";
import { rankingCsv, rankingTable, rankingXlsx } from "./ranking-export";
import { buildResultsList, type ResultsListInput } from "./results-list";

export interface DocumentFile {
  filename: string;
  contentType: string;
  body: Uint8Array | string;
}

const PDF = "application/pdf";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV = "text/csv; charset=utf-8";

/** A file name's ASCII stem: diacritics dropped, đ as d, anything else a dash ("Tiểu ban 1" → "tieu-ban-1"). */
export function asciiStem(text: string): string {
  return (
    stripDiacritics(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "x"
  );
}

async function contestOf(contestId: string) {
  return prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, slug: true, title: true, timeZone: true, phase: true } });
}

async function publicationOf(contestId: string, version?: number) {
  const row = await prisma.publication.findFirst({
    where: { contestId, ...(version ? { version } : {}) },
    orderBy: { version: "desc" },
    select: { version: true, sha256: true, publishedAt: true, content: true },
  });
  if (!row) return null;
  const latest = await prisma.publication.findFirst({ where: { contestId }, orderBy: { version: "desc" }, select: { version: true } });
  return { ...row, content: publicationContentSchema.parse(JSON.parse(row.content)) as PublicationContent, latest: latest!.version === row.version };
}

/**
 * The list of prize winners for the award decision: of version `version`, else of the latest
 * publication, else (or when `draft` is asked for) of the preview of the next one, marked as a draft. Scores: the snapshot's when it
 * published them; otherwise the final round's as computed now, when that is what the list shows
 * (a draft, or the latest version while the contest stays published); otherwise none. Null when
 * the contest, the version or (for a draft) a final round does not exist.
 */
export async function resultsListDocument(contestId: string, lng: Language, options: { version?: number; draft?: boolean; now?: Date } = {}): Promise<DocumentFile | null> {
  const contest = await contestOf(contestId);
  if (!contest) return null;
  const t = getFixedT(lng);
  const publication = options.draft ? null : await publicationOf(contestId, options.version);
  if (options.version && !publication) return null;

  let content: PublicationContent;
  let live: ReadonlyMap<string, { score: number | null }> | null = null;
  if (publication) {
    content = publication.content;
    if (!content.showScores && publication.latest && (contest.phase === "PUBLISHED" || contest.phase === "ARCHIVED")) {
      live = (await publishPreview(contestId))?.results.aggregates ?? null;
    }
  } else {
    const preview = await publishPreview(contestId);
    if (!preview) return null;
    content = preview.content;
    live = preview.results.aggregates;
  }
  const input: ResultsListInput = {
    contest: { title: contest.title, timeZone: contest.timeZone },
    date: publication?.publishedAt ?? options.now ?? new Date(),
    draft: !publication,
    publication: publication && { version: publication.version, sha256: publication.sha256 },
    showScores: content.showScores || live !== null,
    categories: content.categories.map((c) => ({
      name: c.name,
      ranked: c.ranked,
      winners: c.winners.map((w) => ({
        rank: w.rank,
        prize: w.prize.name,
        entryCode: w.entryCode,
        title: w.title,
        authors: w.authors,
        score: w.score ?? live?.get(w.entryId)?.score ?? null,
        decided: w.decided,
      })),
    })),
  };
  const stem = publication ? `${t("documents:files.list")}-${contest.slug}-v${publication.version}` : `${t("documents:files.draftList")}-${contest.slug}`;
  return { filename: `${stem}.pdf`, contentType: PDF, body: await buildResultsList(input, lng, await documentFonts()) };
}

/** A panel's scoring minutes for a round of the contest; null when the round or the panel is not the contest's. */
export async function minutesDocument(contestId: string, roundId: string, panelId: string, lng: Language, now: Date = new Date()): Promise<DocumentFile | null> {
  const panel = await prisma.panel.findFirst({
    where: { id: panelId, roundId, round: { contestId } },
    select: { id: true, name: true, judges: { select: { userId: true, isChair: true, user: { select: { name: true } } } } },
  });
  if (!panel) return null;
  const results = await computeRoundResults(prisma, contestId, roundId, { withPoints: true });
  if (!results) return null;
  const t = getFixedT(lng);
  const judgeName = new Map(results.judges.map((j) => [j.judgeId, j.name]));
  const seated = new Map(panel.judges.map((j) => [j.userId, { name: j.user.name, isChair: j.isChair }]));
  const entries = [...results.entries.values()]
    .filter((e) => e.panelId === panel.id)
    .sort((a, b) => nameCollator.compare(a.anonymousCode ?? "", b.anonymousCode ?? ""));
  const onPanel = new Set(entries.map((e) => e.id));
  const reads = results.reads.filter((r) => onPanel.has(r.entryId));
  // A judge who read on the panel without a seat on it now (moved or removed) still signs for those reads.
  for (const r of reads) if (!seated.has(r.judgeId)) seated.set(r.judgeId, { name: judgeName.get(r.judgeId) ?? "", isChair: false });
  const byName = (a: { name: string }, b: { name: string }) => nameCollator.compare(a.name, b.name);

  const input: MinutesInput = {
    contest: { title: results.contest.title, timeZone: results.contest.timeZone },
    round: { name: results.round.name, method: t(`rounds:aggregation.${results.round.aggregation}`), scale: results.round.scale },
    panel: { name: panel.name },
    date: now,
    identified: results.identified,
    criteria: results.round.criteria,
    judges: [...seated.values()].sort(byName),
    entries: entries.map((e) => ({
      anonymousCode: e.anonymousCode ?? "—",
      entryCode: results.identified ? e.entryCode : null,
      reads: reads
        .filter((r) => r.entryId === e.id)
        .map((r) => ({ judge: judgeName.get(r.judgeId) ?? "", points: results.round.criteria.map((c) => r.points.get(c.id) ?? null), total: r.total }))
        .sort((a, b) => nameCollator.compare(a.judge, b.judge)),
      pendingReads: e.pendingReads,
      score: results.aggregates.get(e.id)?.score ?? null,
      rank: rankedEntry(results, e.id)?.ranked?.rank ?? null,
    })),
  };
  const stem = `${t("documents:files.minutes")}-${results.contest.slug}-${asciiStem(results.round.name)}-${asciiStem(panel.name)}`;
  return { filename: `${stem}.pdf`, contentType: PDF, body: await buildMinutes(input, lng, await documentFonts()) };
}

/**
 * The certificates of a publication (version `version`, else the latest), one page per prize
 * winner, or only the entry `entryId`'s. Only from a publication: the codes printed are its
 * Certificate rows, which /verify checks. Null when there is no such publication or winner.
 */
export async function certificatesDocument(contestId: string, lng: Language, options: { version?: number; entryId?: string } = {}): Promise<DocumentFile | null> {
  const contest = await contestOf(contestId);
  if (!contest) return null;
  const publication = await publicationOf(contestId, options.version);
  if (!publication) return null;
  const t = getFixedT(lng);
  const winners = publication.content.categories.flatMap((c) => c.winners.map((w) => ({ ...w, category: c.name })));
  const chosen = options.entryId ? winners.filter((w) => w.entryId === options.entryId) : winners;
  if (chosen.length === 0) return null;
  const base = env().appUrl;
  const body = await buildCertificates(
    {
      contest: { title: contest.title, timeZone: contest.timeZone },
      date: publication.publishedAt,
      certificates: chosen.map((w) => ({
        authors: w.authors,
        title: w.title,
        prize: w.prize.name,
        category: w.category,
        code: w.certificateCode,
        url: `${base}/verify/${w.certificateCode}`,
      })),
    },
    lng,
    await documentFonts(),
  );
  const stem = `${t("documents:files.certificates")}-${contest.slug}-v${publication.version}${options.entryId && chosen[0] ? `-${asciiStem(chosen[0].entryCode)}` : ""}`;
  return { filename: `${stem}.pdf`, contentType: PDF, body };
}

/** A round's ranking as XLSX or CSV; null when the round is not the contest's. */
export async function rankingDocument(contestId: string, roundId: string, lng: Language, format: "xlsx" | "csv"): Promise<DocumentFile | null> {
  const results = await computeRoundResults(prisma, contestId, roundId, { withPoints: true });
  if (!results) return null;
  const t = getFixedT(lng);
  const table = rankingTable(results, lng);
  const stem = `${t("documents:files.ranking")}-${results.contest.slug}-${asciiStem(results.round.name)}`;
  return format === "xlsx"
    ? { filename: `${stem}.xlsx`, contentType: XLSX, body: await rankingXlsx(table, lng) }
    : { filename: `${stem}.csv`, contentType: CSV, body: rankingCsv(table, lng) };
}
