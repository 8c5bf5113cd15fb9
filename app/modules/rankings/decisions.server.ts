// The organizer's decisions on a round's results: the tie-break chain (before judging), the order
// of a tie group (at a prize boundary, at the advance cut, or by the chain's chair step), and
// advancing to the next round. Each runs in one transaction that locks the contest row first,
// recomputes the results (results.server.ts) and refuses a form whose ranking changed meanwhile;
// each writes its audit record. Authorization is the caller's (an organizer of the contest).
//
// A decision is stored as Award rows, one per entry of the group, written together with one
// createdAt (that instant identifies the decision): rank = the entry's place within the group,
// reason = the organizer's reason, prizeTierId = the prize the entry gets with the decision (final
// round). Deciding again replaces the rows of the group's entries.
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { CHANGED_MEANWHILE, invalid, NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "#app/modules/panels/refusal";
import type { RoundEntryStatus } from "#app/generated/sqlite/enums";
import { databaseKind, Prisma, prisma } from "#app/utils/db.server";
import { canonicalJson } from "./canonical-json";
import { proposeAdvance } from "./advance";
import { computeRoundResults, DECIDING_PHASES, type RoundResults } from "./results.server";
import { criterionKey, parseTieBreak, tieBreakEditable, type TieBreakStep } from "./tie-break.schema";

/**
 * A fresh row id computed by the database, for rows inserted from a SELECT: "c" and 24 random hex
 * digits (96 bits), the length and alphabet of the ids Prisma's cuid() gives the other rows.
 */
function newRowIdSql() {
  return databaseKind() === "postgresql"
    ? Prisma.sql`'c' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 24)`
    : Prisma.sql`'c' || lower(hex(randomblob(12)))`;
}

/** A RoundEntryStatus value in a SELECT list (PostgreSQL types a bare literal there as text, not as the enum). */
function roundEntryStatusSql(status: RoundEntryStatus) {
  return databaseKind() === "postgresql" ? Prisma.sql`CAST(${Prisma.raw(`'${status}'`)} AS "RoundEntryStatus")` : Prisma.raw(`'${status}'`);
}
/** Ids bound as one JSON array, as a subquery of their values: one statement and one variable for any number of them. */
function idListSql(ids: readonly string[]) {
  const json = JSON.stringify(ids);
  return databaseKind() === "postgresql" ? Prisma.sql`SELECT jsonb_array_elements_text(CAST(${json} AS jsonb))` : Prisma.sql`SELECT "value" FROM json_each(${json})`;
}
const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

interface Who {
  contestId: string;
  actorId: string;
  ip?: string | null;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The results a decision is taken on, or the refusal: missing, wrong phase, or changed since the page was loaded. */
function checkDecidable(results: RoundResults | null, fingerprint: string): RoundResults {
  if (!results) throw new RefusalError(NOT_FOUND);
  if (!DECIDING_PHASES.includes(results.contest.phase)) throw new RefusalError(refused("results:errors.phaseDecide"));
  if (results.fingerprint !== fingerprint) throw new RefusalError(refused("results:errors.stale"));
  return results;
}

// ───────────────────────────── the tie-break chain ─────────────────────────────

/** The criteria names the chain may use: those of the contest's rubrics, each once, newest version first. */
export async function chainCriteria(contestId: string): Promise<string[]> {
  const rows = await prisma.criterion.findMany({
    where: { rubricVersion: { rubric: { contestId } } },
    orderBy: [{ rubricVersion: { createdAt: "desc" } }, { position: "asc" }],
    select: { name: true },
  });
  const seen = new Set<string>();
  return rows.flatMap((r) => (seen.has(criterionKey(r.name)) ? [] : (seen.add(criterionKey(r.name)), [r.name])));
}

/**
 * Saves the declared tie-break chain: only before judging (the phases of tieBreakEditable), each
 * criterion one of the contest's rubrics has, and only if the chain is still the one the page showed
 * (`expected`, canonical JSON). Logged as "contest.tieBreak" with before and after.
 */
export async function saveTieBreak(input: Who & { steps: TieBreakStep[]; expected: string }): Promise<{ ok: true; changed: boolean } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const contest = await tx.contest.findUniqueOrThrow({ where: { id: input.contestId }, select: { phase: true, tieBreak: true } });
      if (!tieBreakEditable(contest.phase)) throw new RefusalError(refused("results:tieBreak.errors.locked"));
      const before = parseTieBreak(contest.tieBreak);
      if (canonicalJson(before) !== input.expected) throw new RefusalError(CHANGED_MEANWHILE);
      const known = new Set((await chainCriteria(input.contestId)).map(criterionKey));
      if (input.steps.some((s) => s.kind === "criterion" && !known.has(criterionKey(s.name)))) {
        throw new RefusalError(invalid({ steps: ["results:tieBreak.errors.unknownCriterion"] }));
      }
      if (canonicalJson(input.steps) === canonicalJson(before)) return { ok: true as const, changed: false };
      await tx.contest.update({ where: { id: input.contestId }, data: { tieBreak: JSON.stringify(input.steps) } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "contest.tieBreak",
        targetType: "Contest",
        targetId: input.contestId,
        data: { before, after: input.steps },
        ip: input.ip ?? null,
      });
      return { ok: true as const, changed: true };
    }),
  );
}

// ───────────────────────────── deciding a tie ─────────────────────────────

export interface DecideTieInput extends Who {
  roundId: string;
  categoryId: string;
  entryIds: string[];
  /** The place of each entry of `entryIds` within the group (1 = first; equal places stay tied). */
  places: number[];
  reason: string;
  fingerprint: string;
}

/**
 * Records the organizer's order for a tie group the results flag (a prize boundary, the advance
 * cut, or the chain's chair step), with its reason. Refused: a group that is not (or no longer) one
 * of the flagged ones, a ranking changed since the page was loaded, a phase other than Judging or
 * Finalizing; an order that still leaves a tie across the boundary is a field error. Logged as
 * "results.decideTie" with the previous decision (if any) and the new one.
 */
export async function decideTie(input: DecideTieInput): Promise<{ ok: true; entries: number } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const results = checkDecidable(await computeRoundResults(tx, input.contestId, input.roundId), input.fingerprint);
      const category = results.categories.find((c) => c.id === input.categoryId);
      if (!category) throw new RefusalError(NOT_FOUND);
      const tie = category.flaggedTies.find((t) => sameSet(t.entryIds, input.entryIds));
      if (!tie) throw new RefusalError(refused("results:errors.stale"));

      const order = new Map(input.entryIds.map((id, i) => [id, input.places[i]!]));
      const trial = await computeRoundResults(tx, input.contestId, input.roundId, {
        extraDecision: { categoryId: category.id, decision: { entryIds: input.entryIds, order } },
      });
      const trialCategory = trial!.categories.find((c) => c.id === category.id)!;
      const inGroup = (ids: readonly string[]) => ids.some((id) => order.has(id));
      const stillStraddles = trialCategory.prizes?.straddles.some((s) => inGroup(s.entryIds)) ?? false;
      const stillCut = trial!.advance?.cutTies.some((t) => t.categoryId === category.id && inGroup(t.entryIds)) ?? false;
      if (stillStraddles || stillCut) throw new RefusalError(invalid({ places: ["results:errors.stillTied"] }));

      const previous = await tx.award.findMany({ where: { roundId: input.roundId, entryId: { in: input.entryIds } }, select: { entryId: true, rank: true, reason: true } });
      const latest = await tx.award.findFirst({ where: { roundId: input.roundId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
      // One instant per decision, later than every earlier one of the round (it names the decision).
      const at = new Date(Math.max(Date.now(), (latest?.createdAt.getTime() ?? 0) + 1));
      await tx.award.deleteMany({ where: { roundId: input.roundId, entryId: { in: input.entryIds } } });
      await tx.award.createMany({
        data: input.entryIds.map((entryId) => ({
          roundId: input.roundId,
          categoryId: category.id,
          entryId,
          rank: order.get(entryId)!,
          prizeTierId: trialCategory.prizes?.prizes.get(entryId) ?? null,
          reason: input.reason,
          createdAt: at,
        })),
      });
      const codes = (ids: Iterable<[string, number]>) => Object.fromEntries([...ids].map(([id, place]) => [results.entries.get(id)?.entryCode ?? id, place]));
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "results.decideTie",
        targetType: "Round",
        targetId: input.roundId,
        data: {
          categoryId: category.id,
          reasons: tie.reasons,
          before: previous.length ? { order: codes(previous.map((p) => [p.entryId, p.rank])), reason: previous[0]!.reason } : null,
          after: { order: codes(order), reason: input.reason },
        },
        ip: input.ip ?? null,
      });
      return { ok: true as const, entries: input.entryIds.length };
    }, LONG_TRANSACTION),
  );
}

// ───────────────────────────── advancing ─────────────────────────────

export interface AdvanceInput extends Who {
  roundId: string;
  /** The organizer's list, for a round whose rule is MANUAL. */
  manual: string[];
  fingerprint: string;
}

export type AdvanceOutcome = { ok: true; advanced: number; eliminated: number; nextRound: string };

/**
 * Applies the round's advance rule: the round's entries become ADVANCED or ELIMINATED and the next
 * round gets a RoundEntry (status IN, no panel yet: distributing to panels is the round page's
 * step) for each advancing entry; rows of the next round for entries no longer advancing are
 * removed. Refused in the last round, while reads of the round are pending, while a tie at the cut
 * is undecided, once the next round has assignments, or when the ranking changed since the page
 * was loaded. Logged as "round.advance" with the advancing entries before and after.
 */
export async function advanceRound(input: AdvanceInput): Promise<AdvanceOutcome | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      // Decided on the numbers alone: no titles or authors are read unless kept results have them.
      const results = checkDecidable(await computeRoundResults(tx, input.contestId, input.roundId, { labels: false }), input.fingerprint);
      if (!results.nextRound || !results.advance) throw new RefusalError(refused("results:errors.lastRound"));
      if (results.pendingReads > 0) throw new RefusalError(refused(`results:errors.readsPending|${JSON.stringify({ count: results.pendingReads })}`));
      const next = results.nextRound;
      if ((await tx.assignment.count({ where: { roundId: next.id } })) > 0) throw new RefusalError(refused("results:errors.nextRoundStarted"));

      let proposal = results.advance;
      if (results.round.advanceRule === "MANUAL") {
        const unknown = input.manual.filter((id) => !results.entries.has(id));
        if (unknown.length > 0) throw new RefusalError(invalid({ manual: ["validation.invalid"] }));
        proposal = proposeAdvance({
          rule: "MANUAL",
          value: null,
          manual: new Set(input.manual),
          categories: results.categories.map((c) => ({ categoryId: c.id, groups: c.ranking.groups, unranked: c.ranking.unranked })),
        });
      }
      if (proposal.undecided.length > 0) throw new RefusalError(refused("results:errors.cutUndecided"));

      const advancing = proposal.advancing;
      const before = [...results.entries.values()].filter((e) => e.status === "ADVANCED").map((e) => e.entryCode ?? e.id).sort();
      // In SQL, a few statements for the whole round: through Prisma's updateMany and createMany a
      // national round's 30,000 advancing entries cost about 6 s of this process's CPU (compiling
      // and binding every row), here a fraction of a second (BENCHMARKS.md, "Ranking a round").
      await tx.$executeRaw`
        UPDATE "RoundEntry" SET "status" = CASE WHEN "entryId" IN (${idListSql(advancing)}) THEN ${roundEntryStatusSql("ADVANCED")} ELSE ${roundEntryStatusSql("ELIMINATED")} END
        WHERE "roundId" = ${input.roundId}`;
      // The next round keeps the rows of entries still advancing (with their panel and status),
      // loses the others and gains the new ones, IN without a panel.
      await tx.$executeRaw`
        DELETE FROM "RoundEntry" WHERE "roundId" = ${next.id}
          AND "entryId" NOT IN (SELECT re."entryId" FROM "RoundEntry" re WHERE re."roundId" = ${input.roundId} AND re."status" = 'ADVANCED')`;
      await tx.$executeRaw`
        INSERT INTO "RoundEntry" ("id", "roundId", "entryId", "panelId", "status")
        SELECT ${newRowIdSql()}, ${next.id}, re."entryId", NULL, ${roundEntryStatusSql("IN")}
        FROM "RoundEntry" re
        WHERE re."roundId" = ${input.roundId} AND re."status" = 'ADVANCED'
          AND NOT EXISTS (SELECT 1 FROM "RoundEntry" n WHERE n."roundId" = ${next.id} AND n."entryId" = re."entryId")`;

      const after = advancing.map((id) => results.entries.get(id)?.entryCode ?? id).sort();
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "round.advance",
        targetType: "Round",
        targetId: input.roundId,
        data: { nextRoundId: next.id, rule: results.round.advanceRule, value: results.round.advanceValue, before, after, eliminated: results.entries.size - advancing.length },
        ip: input.ip ?? null,
      });
      return { ok: true as const, advanced: advancing.length, eliminated: results.entries.size - advancing.length, nextRound: next.name };
    }, LONG_TRANSACTION),
  );
}
