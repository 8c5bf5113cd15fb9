// Publishing a contest's results (issue 6, item 3): the final round's ranking and prizes frozen as
// an immutable, versioned snapshot (snapshot.schema.ts) written as canonical JSON with its SHA-256,
// a certificate with an unguessable verification code for each winner, and the phase moved from
// Finalizing to Published, all in one transaction; then, after the commit, the announcement to each
// entrant in their language with their own entries' results. A correction is the same with a
// required reason: a new version; earlier versions are never changed (nothing here updates or
// deletes a Publication or a Certificate). Authorization is the caller's (an organizer).
import crypto from "node:crypto";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { transitionContestTx } from "#app/modules/contests/phases.server";
import { queueMail } from "#app/modules/mail/outbox.server";
import { resultsPublishedMail } from "#app/modules/mail/templates.server";
import { invalid, NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "#app/modules/panels/refusal";
import { sha256Hex } from "#app/utils/crypto.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { isLanguage } from "#app/utils/i18n";
import { canonicalJson } from "./canonical-json";
import { certificateCode } from "./certificates";
import { computeRoundResults, type RoundResults } from "./results.server";
import { SNAPSHOT_FORMAT, type PublicationContent, type SnapshotCategory } from "./snapshot.schema";

const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

/** A cryptographic source for certificate codes. */
const secureRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;

export function resultsUrl(slug: string, version?: number): string {
  return `${env().appUrl}/contests/${slug}/results${version ? `?version=${version}` : ""}`;
}

export function entryResultUrl(entryId: string): string {
  return `${env().appUrl}/entries/${entryId}/result`;
}

/** The final round (the last by position), or null when the contest has no round. */
async function finalRoundId(db: Tx, contestId: string): Promise<string | null> {
  const round = await db.round.findFirst({ where: { contestId }, orderBy: { position: "desc" }, select: { id: true } });
  return round?.id ?? null;
}

/** What blocks publishing the final round's results now, as i18n keys (empty: it can be published). */
export function publishBlockers(results: RoundResults): string[] {
  const blockers: string[] = [];
  const counted = (key: string, count: number) => `${key}|${JSON.stringify({ count })}`;
  if (results.pendingReads > 0) blockers.push(counted("results:errors.readsPending", results.pendingReads));
  const straddles = results.categories.reduce((n, c) => n + (c.prizes?.straddles.length ?? 0), 0);
  if (straddles > 0) blockers.push(counted("results:errors.prizeTiesOpen", straddles));
  const chair = results.categories.reduce((n, c) => n + c.flaggedTies.filter((t) => t.reasons.includes("chair")).length, 0);
  if (chair > 0) blockers.push(counted("results:errors.chairPending", chair));
  if (results.categories.every((c) => c.ranking.ranked.length === 0)) blockers.push("results:errors.nothingRanked");
  return blockers;
}

/** Per round: the entries that took part and how many advanced. */
async function roundCounts(db: Tx, contestId: string) {
  const rounds = await db.round.findMany({
    where: { contestId },
    orderBy: { position: "asc" },
    select: { id: true, position: true, name: true, aggregation: true, readsPerEntry: true },
  });
  const counts = await db.roundEntry.groupBy({ by: ["roundId", "status"], where: { round: { contestId } }, _count: { _all: true } });
  const count = (roundId: string, status?: string) =>
    counts.filter((c) => c.roundId === roundId && (!status || c.status === status)).reduce((s, c) => s + c._count._all, 0);
  return rounds.map((r) => ({ ...r, entries: count(r.id), advanced: count(r.id, "ADVANCED") }));
}

export interface SnapshotOptions {
  version: number;
  publishedAt: Date;
  reason: string;
  showScores: boolean;
  /** The verification code of each winner's certificate (blank in a preview). */
  codes: (entryId: string) => string;
}

/** The snapshot of the final round's results (see snapshot.schema.ts); the preview uses it too. */
export async function buildSnapshot(db: Tx, results: RoundResults, options: SnapshotOptions): Promise<PublicationContent> {
  const categories: SnapshotCategory[] = results.categories.map((c) => {
    const decided = new Set(results.decisions.filter((d) => d.categoryId === c.id).flatMap((d) => d.entryIds));
    const applied = new Set(c.ranking.ties.filter((t) => t.decision === "applied").flatMap((t) => t.entryIds));
    const tierOf = new Map(c.tiers.map((t) => [t.id, t]));
    const winners = c.ranking.ranked.flatMap((r) => {
      const tierId = c.prizes?.prizes.get(r.entryId);
      const tier = tierId ? tierOf.get(tierId) : undefined;
      if (!tier) return [];
      const entry = results.entries.get(r.entryId)!;
      return [
        {
          entryId: r.entryId,
          entryCode: entry.entryCode ?? "",
          title: entry.title,
          authors: entry.authors.map((a) => ({ name: a.name, unit: a.unit })),
          rank: r.rank,
          prize: { tierId: tier.id, rank: tier.rank, name: tier.name },
          score: options.showScores ? results.aggregates.get(r.entryId)!.score : null,
          decided: decided.has(r.entryId) && applied.has(r.entryId),
          certificateCode: options.codes(r.entryId),
        },
      ];
    });
    return {
      id: c.id,
      name: c.name,
      position: c.position,
      ranked: c.ranking.ranked.length,
      prizeTiers: c.tiers.map((t) => ({ id: t.id, rank: t.rank, name: t.name, count: t.count, awarded: c.prizes?.awarded.get(t.id) ?? 0 })),
      winners,
    };
  });
  return {
    format: SNAPSHOT_FORMAT,
    version: options.version,
    publishedAt: options.publishedAt.toISOString(),
    reason: options.reason,
    contest: {
      id: results.contest.id,
      slug: results.contest.slug,
      title: results.contest.title,
      locale: results.contest.locale,
      timeZone: results.contest.timeZone,
      blind: results.contest.blind,
    },
    showScores: options.showScores,
    finalRound: { id: results.round.id, name: results.round.name, scale: results.round.scale },
    rounds: (await roundCounts(db, results.contest.id)).map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      aggregation: r.aggregation,
      readsPerEntry: r.readsPerEntry,
      entries: r.entries,
      advanced: r.advanced,
    })),
    tieBreak: results.contest.tieBreak,
    categories,
  };
}

/** The results overview's publishing part: the final round's results, what blocks publishing, the next version. */
export async function publishPreview(contestId: string) {
  const roundId = await finalRoundId(prisma, contestId);
  if (!roundId) return null;
  const results = await computeRoundResults(prisma, contestId, roundId);
  if (!results) return null;
  const latest = await prisma.publication.findFirst({ where: { contestId }, orderBy: { version: "desc" }, select: { version: true } });
  const version = (latest?.version ?? 0) + 1;
  const content = await buildSnapshot(prisma, results, {
    version,
    publishedAt: new Date(),
    reason: "",
    showScores: results.contest.showScoresInResults,
    codes: () => "",
  });
  return { results, content, version, blockers: publishBlockers(results) };
}

export interface PublishInput {
  contestId: string;
  actorId: string;
  ip?: string | null;
  showScores: boolean;
  /** Required for a correction (a version after the first). */
  reason?: string;
  /** The final round's fingerprint the page showed. */
  fingerprint: string;
  now?: Date;
}

export interface PublishOutcome {
  ok: true;
  version: number;
  sha256: string;
  /** Announcements queued with the publication (the mail outbox delivers them once it commits). */
  mailed: number;
}

/**
 * Publishes the next version (see above). Refused: a phase other than Finalizing, a ranking changed
 * since the page was loaded, pending reads, undecided ties at prize boundaries or for the chair's
 * decision, nothing ranked; a correction without a reason is a field error. Logged as
 * "results.publish" (and "contest.phase" by the transition).
 */
export async function publishResults(input: PublishInput): Promise<PublishOutcome | Refusal> {
  const now = input.now ?? new Date();
  const done = await orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const contest = await tx.contest.findUniqueOrThrow({ where: { id: input.contestId }, select: { phase: true, showScoresInResults: true } });
      if (contest.phase !== "FINALIZING") throw new RefusalError(refused("results:errors.phasePublish"));
      const roundId = await finalRoundId(tx, input.contestId);
      if (!roundId) throw new RefusalError(refused("results:errors.nothingRanked"));
      const results = (await computeRoundResults(tx, input.contestId, roundId))!;
      if (results.fingerprint !== input.fingerprint) throw new RefusalError(refused("results:errors.stale"));
      const blockers = publishBlockers(results);
      if (blockers.length > 0) throw new RefusalError(refused(blockers[0]!));

      const latest = await tx.publication.findFirst({ where: { contestId: input.contestId }, orderBy: { version: "desc" }, select: { version: true } });
      const version = (latest?.version ?? 0) + 1;
      const reason = input.reason?.trim() ?? "";
      if (version > 1 && !reason) throw new RefusalError(invalid({ reason: ["results:errors.correctionReason"] }));

      const codes = new Map<string, string>();
      const taken = new Set<string>();
      const codeFor = (entryId: string) => {
        let code = codes.get(entryId);
        while (!code || taken.has(code)) code = certificateCode(secureRandom);
        taken.add(code);
        codes.set(entryId, code);
        return code;
      };
      const content = await buildSnapshot(tx, results, { version, publishedAt: now, reason, showScores: input.showScores, codes: codeFor });
      const text = canonicalJson(content);
      const sha256 = sha256Hex(text);
      const publication = await tx.publication.create({
        data: { contestId: input.contestId, version, content: text, sha256, reason, publishedById: input.actorId, publishedAt: now },
        select: { id: true },
      });
      await tx.certificate.createMany({
        data: [...codes].map(([entryId, code]) => ({ publicationId: publication.id, entryId, code, createdAt: now })),
      });
      if (contest.showScoresInResults !== input.showScores) {
        await tx.contest.update({ where: { id: input.contestId }, data: { showScoresInResults: input.showScores } });
      }
      const winners = content.categories.reduce((n, c) => n + c.winners.length, 0);
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "results.publish",
        targetType: "Publication",
        targetId: publication.id,
        data: {
          version,
          sha256,
          reason,
          winners,
          showScores: { before: contest.showScoresInResults, after: input.showScores },
          previousVersion: latest?.version ?? null,
        },
        ip: input.ip ?? null,
      });
      const moved = await transitionContestTx(
        tx,
        { contestId: input.contestId, to: "PUBLISHED", from: "FINALIZING", actorId: input.actorId, ip: input.ip ?? null, now },
        { publicationVersion: version },
      );
      if (!moved.ok) throw new RefusalError(refused(moved.reasons[0] ?? "results:errors.phasePublish"));
      const mailed = await announcePublication(tx, input.contestId, content);
      return { version, sha256, mailed };
    }, LONG_TRANSACTION),
  );
  if ("status" in done) return done;
  return { ok: true, version: done.version, sha256: done.sha256, mailed: done.mailed };
}

/**
 * Queues, in the publication's transaction, an e-mail to every entrant whose entries took part in
 * judging (the first round) with their own entries' results in this version, in their account's
 * language. Returns how many were queued.
 */
export async function announcePublication(tx: Tx, contestId: string, content: PublicationContent): Promise<number> {
  const first = await tx.round.findFirst({ where: { contestId }, orderBy: { position: "asc" }, select: { id: true } });
  if (!first) return 0;
  const entries = await tx.entry.findMany({
    where: { contestId, status: "ELIGIBLE", roundEntries: { some: { roundId: first.id } } },
    orderBy: { entryCode: "asc" },
    select: { id: true, title: true, entryCode: true, submitter: { select: { id: true, email: true, locale: true } } },
  });
  const prizeOf = new Map(content.categories.flatMap((c) => c.winners.map((w) => [w.entryId, w.prize.name] as const)));
  const bySubmitter = new Map<string, { email: string; locale: string; entries: typeof entries }>();
  for (const e of entries) {
    const s = bySubmitter.get(e.submitter.id) ?? { email: e.submitter.email, locale: e.submitter.locale, entries: [] };
    s.entries.push(e);
    bySubmitter.set(e.submitter.id, s);
  }
  let mailed = 0;
  for (const s of bySubmitter.values()) {
    const message = resultsPublishedMail(isLanguage(s.locale) ? s.locale : "vi", {
      contestTitle: content.contest.title,
      version: content.version,
      reason: content.reason,
      resultsUrl: resultsUrl(content.contest.slug),
      entries: s.entries.map((e) => ({ title: e.title, entryCode: e.entryCode, prize: prizeOf.get(e.id) ?? null, url: entryResultUrl(e.id) })),
    });
    await queueMail(tx, { to: s.email, ...message });
    mailed++;
  }
  return mailed;
}

/** Published → Finalizing to prepare a correction (the lifecycle's edge; logged as "contest.phase"). */
export async function reopenForCorrection(input: { contestId: string; actorId: string; ip?: string | null }): Promise<{ ok: true } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      const moved = await transitionContestTx(tx, { contestId: input.contestId, to: "FINALIZING", from: "PUBLISHED", actorId: input.actorId, ip: input.ip ?? null });
      if (moved.ok) return { ok: true as const };
      if (moved.reasons.includes("contests:phase.errors.notFound")) throw new RefusalError(NOT_FOUND);
      throw new RefusalError(refused(moved.reasons.includes("contests:phase.errors.changedMeanwhile") ? "contests:phase.errors.changedMeanwhile" : "results:errors.notPublished"));
    }),
  );
}
