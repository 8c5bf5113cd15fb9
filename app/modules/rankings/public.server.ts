// Reading published results: the public results page (the latest version, or an earlier one on
// request), the JSON of a version (so anyone can check its SHA-256), certificate verification, and
// an entrant's own result with the judges' feedback. Only Publication rows are read for results,
// never the live ranking: what the public sees is what was frozen.
import type { Tx } from "#app/utils/db.server";
import { prisma } from "#app/utils/db.server";
import { normalizeCertificateCode } from "./certificates";
import { publicationContentSchema, type PublicationContent } from "./snapshot.schema";

function readContent(json: string): PublicationContent {
  return publicationContentSchema.parse(JSON.parse(json));
}

export interface PublicationSummary {
  version: number;
  publishedAt: Date;
  reason: string;
  sha256: string;
}

async function versions(db: Tx, contestId: string): Promise<PublicationSummary[]> {
  return db.publication.findMany({
    where: { contestId },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true, reason: true, sha256: true },
  });
}

/**
 * The public results page of a contest: the requested version (the latest by default) with every
 * version's summary; null when the contest has no publication or no such version (a 404).
 */
export async function publicResults(slug: string, version?: number) {
  const contest = await prisma.contest.findUnique({ where: { slug }, select: { id: true, title: true, slug: true } });
  if (!contest) return null;
  const all = await versions(prisma, contest.id);
  if (all.length === 0) return null;
  const wanted = version ?? all[0]!.version;
  const row = await prisma.publication.findUnique({
    where: { contestId_version: { contestId: contest.id, version: wanted } },
    select: { version: true, publishedAt: true, reason: true, sha256: true, content: true },
  });
  if (!row) return null;
  const { content, ...summary } = row;
  return { contest, versions: all, latest: all[0]!.version, publication: summary, content: readContent(content) };
}

/** The stored JSON of a version, byte for byte as hashed; null when there is none. */
export async function publicationText(slug: string, version: number): Promise<{ text: string; sha256: string } | null> {
  const row = await prisma.publication.findFirst({ where: { contest: { slug }, version }, select: { content: true, sha256: true } });
  return row && { text: row.content, sha256: row.sha256 };
}

/**
 * What a certificate code certifies: the contest, the version it was issued with, the category, the
 * prize and the entry (code, title, authors); and whether a later version superseded it, with the
 * entry's prize in the latest version (null if it no longer has one). Null for an unknown code.
 */
export async function verifyCertificate(input: string) {
  const code = normalizeCertificateCode(input);
  if (!code) return null;
  const certificate = await prisma.certificate.findUnique({
    where: { code },
    select: {
      code: true,
      entryId: true,
      publication: { select: { version: true, publishedAt: true, content: true, contest: { select: { id: true, title: true, slug: true } } } },
    },
  });
  if (!certificate) return null;
  const { publication } = certificate;
  const content = readContent(publication.content);
  const category = content.categories.find((c) => c.winners.some((w) => w.entryId === certificate.entryId));
  const winner = category?.winners.find((w) => w.entryId === certificate.entryId);
  if (!category || !winner) return null;
  const latest = await prisma.publication.findFirst({
    where: { contestId: publication.contest.id },
    orderBy: { version: "desc" },
    select: { version: true, content: true },
  });
  const superseded = latest!.version > publication.version;
  const latestWinner = superseded
    ? readContent(latest!.content).categories.flatMap((c) => c.winners).find((w) => w.entryId === certificate.entryId)
    : winner;
  return {
    code: certificate.code,
    contest: publication.contest,
    version: publication.version,
    publishedAt: publication.publishedAt,
    category: category.name,
    winner: { entryCode: winner.entryCode, title: winner.title, authors: winner.authors, prize: winner.prize.name, rank: winner.rank },
    superseded,
    latestVersion: latest!.version,
    latestPrize: latestWinner?.prize.name ?? null,
  };
}

/**
 * An entrant's own result: only the submitter of the entry reads it (anyone else, 404 by null).
 * Before any publication it says only that results are not out. After: the prize (from the latest
 * version), the score if scores were published, the certificate code, how far the entry went in
 * each round, and the judges' feedback, numbered per round: never a judge's name, never the
 * private note to the organizers.
 */
export async function entrantResult(userId: string, entryId: string) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, submitterId: userId },
    select: {
      id: true,
      title: true,
      entryCode: true,
      status: true,
      category: { select: { name: true } },
      contest: { select: { id: true, title: true, slug: true, timeZone: true } },
    },
  });
  if (!entry) return null;
  const latest = await prisma.publication.findFirst({
    where: { contestId: entry.contest.id },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true, content: true },
  });
  const base = { entry: { id: entry.id, title: entry.title, entryCode: entry.entryCode, category: entry.category.name }, contest: entry.contest };
  if (!latest) return { ...base, published: false as const };

  const content = readContent(latest.content);
  const winner = content.categories.flatMap((c) => c.winners).find((w) => w.entryId === entry.id) ?? null;
  const rounds = await prisma.round.findMany({
    where: { contestId: entry.contest.id },
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      roundEntries: { where: { entryId: entry.id }, select: { status: true } },
      assignments: {
        where: { entryId: entry.id, status: "ACTIVE", scoresheet: { is: { status: "SUBMITTED" } } },
        orderBy: { id: "asc" },
        select: { scoresheet: { select: { feedback: true } } },
      },
    },
  });
  return {
    ...base,
    published: true as const,
    publication: { version: latest.version, publishedAt: latest.publishedAt, showScores: content.showScores, scale: content.finalRound.scale },
    winner: winner && { rank: winner.rank, prize: winner.prize.name, score: winner.score, certificateCode: winner.certificateCode },
    rounds: rounds
      .filter((r) => r.roundEntries.length > 0)
      .map((r) => ({
        id: r.id,
        name: r.name,
        status: r.roundEntries[0]!.status,
        feedback: r.assignments.map((a) => a.scoresheet?.feedback.trim() ?? "").filter((f) => f.length > 0),
      })),
  };
}
