// Rounds of a contest in the database (issue 3, item 4): list, create, edit, reorder, delete,
// each in one transaction with its audit record, the contest row locked first (lockContest) so
// that writers of one contest run one after another.
//
// Rules:
//   - names are unique in a contest (ignoring case);
//   - the rubric version is one of the contest's (any version, locked or not), or none yet;
//   - k and the rubric version cannot change once a score exists in the round (scoreBoundChanges);
//   - a round is deleted only while it has no assignment row at all (a scoresheet may hang on
//     one); its panels and entry placements go with it, and later rounds move up;
//   - the judging deadline is typed on the contest's clock and stored as an instant.
// A stale settings form (the round's revision changed since it was loaded) is refused, as is a
// move from a page where the round sat elsewhere.
//
// Authorization is the caller's (an organizer of the contest); every query is scoped by contest.
import crypto from "node:crypto";
import type { AdvanceRule, AggregationMethod, ScoreVisibility } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { utcToZonedLocal, zonedLocalToUtc } from "#app/modules/contests/phases-clock";
import { prisma, type Tx } from "#app/utils/db.server";
import { defaultLanguage, getFixedT, isLanguage } from "#app/utils/i18n";
import { CHANGED_MEANWHILE, invalid, NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "./refusal";
import { advanceValueFor, ROUND_DEFAULTS, scoreBoundChanges, type RoundFields } from "./rounds.schema";

const sameName = new Intl.Collator("vi", { sensitivity: "accent" });

export interface RubricVersionOption {
  id: string;
  rubricName: string;
  version: number;
  locked: boolean;
}

/** A round's settings as stored (the deadline as an instant). */
interface StoredSettings {
  name: string;
  rubricVersionId: string | null;
  readsPerEntry: number;
  spreadThreshold: number | null;
  advanceRule: AdvanceRule;
  advanceValue: number | null;
  aggregation: AggregationMethod;
  scoreVisibility: ScoreVisibility;
  judgingDeadline: Date | null;
}

const settingsSelect = {
  name: true,
  rubricVersionId: true,
  readsPerEntry: true,
  spreadThreshold: true,
  advanceRule: true,
  advanceValue: true,
  aggregation: true,
  scoreVisibility: true,
  judgingDeadline: true,
} as const;

/** What the audit log keeps of a round's settings. */
function auditable(s: StoredSettings) {
  return { ...s, judgingDeadline: s.judgingDeadline?.toISOString() ?? null };
}

/** Changes on every save of the settings: the settings form's concurrency token. */
export function roundRevision(s: StoredSettings): string {
  return crypto.createHash("sha256").update(JSON.stringify(auditable(s))).digest("hex").slice(0, 20);
}

/** Whether any scoresheet of the round holds a point or was submitted. */
export async function roundHasScores(db: Tx, roundId: string): Promise<boolean> {
  const scored = await db.scoresheet.count({
    where: { assignment: { roundId }, OR: [{ status: "SUBMITTED" }, { scores: { some: {} } }] },
  });
  return scored > 0;
}

/** The contest's rubric versions, newest first (locked ones included, marked). */
async function rubricVersions(db: Tx, contestId: string): Promise<RubricVersionOption[]> {
  const rows = await db.rubricVersion.findMany({
    where: { rubric: { contestId } },
    orderBy: [{ createdAt: "desc" }, { version: "desc" }, { id: "asc" }],
    select: { id: true, version: true, lockedAt: true, rubric: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, rubricName: r.rubric.name, version: r.version, locked: r.lockedAt !== null }));
}

/** The name a new round is offered: "Sơ khảo", then "Chung khảo", then "Vòng n" (in the contest's language), never a taken one. */
export function defaultRoundName(contestLocale: string, existing: readonly string[]): string {
  const t = getFixedT(isLanguage(contestLocale) ? contestLocale : defaultLanguage);
  const taken = (name: string) => existing.some((e) => sameName.compare(e, name) === 0);
  const first = [t("rounds:defaults.preliminary"), t("rounds:defaults.final")][existing.length];
  if (first && !taken(first)) return first;
  for (let n = existing.length + 1; ; n++) {
    const name = t("rounds:defaults.numbered", { n });
    if (!taken(name)) return name;
  }
}

/** The rounds page: the contest's rounds in order with their counts, the rubric versions, a new round's defaults. */
export async function listRounds(contestId: string) {
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, locale: true, timeZone: true } });
  if (!contest) return null;
  const [rounds, versions] = await Promise.all([
    prisma.round.findMany({
      where: { contestId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        position: true,
        ...settingsSelect,
        rubricVersion: { select: { version: true, lockedAt: true, rubric: { select: { name: true } } } },
        _count: { select: { panels: true, roundEntries: true, assignments: true } },
      },
    }),
    rubricVersions(prisma, contestId),
  ]);
  return {
    contest,
    rounds: rounds.map(({ rubricVersion, _count, ...r }) => ({
      ...r,
      rubric: rubricVersion ? { name: rubricVersion.rubric.name, version: rubricVersion.version, locked: rubricVersion.lockedAt !== null } : null,
      panels: _count.panels,
      entries: _count.roundEntries,
      assignments: _count.assignments,
    })),
    rubricVersions: versions,
    defaults: {
      ...ROUND_DEFAULTS,
      name: defaultRoundName(contest.locale, rounds.map((r) => r.name)),
      rubricVersionId: versions[0]?.id ?? null,
    },
  };
}

/** The form's fields as stored: the deadline on the contest's clock, the advance value only where the rule takes one. */
function toStored(fields: RoundFields, timeZone: string): StoredSettings {
  return {
    name: fields.name,
    rubricVersionId: fields.rubricVersionId || null,
    readsPerEntry: fields.readsPerEntry,
    spreadThreshold: fields.spreadThreshold ?? null,
    advanceRule: fields.advanceRule,
    advanceValue: advanceValueFor(fields),
    aggregation: fields.aggregation,
    scoreVisibility: fields.scoreVisibility,
    judgingDeadline: fields.judgingDeadline ? zonedLocalToUtc(fields.judgingDeadline, timeZone) : null,
  };
}

/** The stored settings as the form shows them. */
export function toFormFields(s: StoredSettings, timeZone: string) {
  return {
    name: s.name,
    rubricVersionId: s.rubricVersionId ?? "",
    readsPerEntry: s.readsPerEntry,
    spreadThreshold: s.spreadThreshold,
    advanceRule: s.advanceRule,
    advanceValue: s.advanceValue,
    aggregation: s.aggregation,
    scoreVisibility: s.scoreVisibility,
    judgingDeadline: s.judgingDeadline ? utcToZonedLocal(s.judgingDeadline, timeZone) : "",
  };
}

/** Field errors of settings against the contest: a duplicate name, a rubric version of another contest. */
async function checkAgainstContest(tx: Tx, contestId: string, s: StoredSettings, exceptRoundId: string | null) {
  const errors: Record<string, string[]> = {};
  const others = await tx.round.findMany({ where: { contestId, ...(exceptRoundId ? { id: { not: exceptRoundId } } : {}) }, select: { name: true } });
  if (others.some((o) => sameName.compare(o.name, s.name) === 0)) errors.name = ["rounds:errors.nameTaken"];
  if (s.rubricVersionId) {
    const found = await tx.rubricVersion.count({ where: { id: s.rubricVersionId, rubric: { contestId } } });
    if (found === 0) errors.rubricVersionId = ["rounds:errors.rubricVersionUnknown"];
  }
  return errors;
}

interface Who {
  actorId: string | null;
  ip?: string | null;
}

/** A new round at the end of the contest's rounds, logged as "round.create". */
export async function createRound(input: Who & { contestId: string; fields: RoundFields }): Promise<{ ok: true; roundId: string } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const contest = await tx.contest.findUniqueOrThrow({ where: { id: input.contestId }, select: { timeZone: true } });
      const settings = toStored(input.fields, contest.timeZone);
      const errors = await checkAgainstContest(tx, input.contestId, settings, null);
      if (Object.keys(errors).length > 0) throw new RefusalError(invalid(errors));
      const last = await tx.round.findFirst({ where: { contestId: input.contestId }, orderBy: { position: "desc" }, select: { position: true } });
      const position = (last?.position ?? 0) + 1;
      const round = await tx.round.create({ data: { contestId: input.contestId, position, ...settings }, select: { id: true } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "round.create",
        targetType: "Round",
        targetId: round.id,
        data: { position, after: auditable(settings) },
        ip: input.ip ?? null,
      });
      return { ok: true as const, roundId: round.id };
    }),
  );
}

/**
 * Saves a round's settings from a form loaded at `revision`, logged as "round.update" with the
 * changed fields before and after. Refuses a stale form, and a change of k or of the rubric
 * version once the round holds a score.
 */
export async function updateRound(
  input: Who & { contestId: string; roundId: string; fields: RoundFields; revision: string },
): Promise<{ ok: true; changed: boolean } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const round = await tx.round.findFirst({
        where: { id: input.roundId, contestId: input.contestId },
        select: { ...settingsSelect, contest: { select: { timeZone: true } } },
      });
      if (!round) throw new RefusalError(NOT_FOUND);
      const { contest, ...current } = round;
      if (roundRevision(current) !== input.revision) throw new RefusalError(CHANGED_MEANWHILE);
      const next = toStored(input.fields, contest.timeZone);
      const errors = await checkAgainstContest(tx, input.contestId, next, input.roundId);
      for (const field of scoreBoundChanges(current, next, await roundHasScores(tx, input.roundId))) {
        errors[field] = ["rounds:errors.lockedByScores"];
      }
      if (Object.keys(errors).length > 0) throw new RefusalError(invalid(errors));

      const before = auditable(current);
      const after = auditable(next);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
      if (changed.length === 0) return { ok: true as const, changed: false };
      await tx.round.update({ where: { id: input.roundId }, data: next });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "round.update",
        targetType: "Round",
        targetId: input.roundId,
        data: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        ip: input.ip ?? null,
      });
      return { ok: true as const, changed: true };
    }),
  );
}

/**
 * Swaps a round with its neighbour above or below, logged as "round.move". `position` is where the
 * page showed the round: a move from a stale page is refused. Moving the first round up (or the
 * last down) is refused as well.
 */
export async function moveRound(
  input: Who & { contestId: string; roundId: string; direction: "up" | "down"; position: number },
): Promise<{ ok: true } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const round = await tx.round.findFirst({ where: { id: input.roundId, contestId: input.contestId }, select: { id: true, position: true } });
      if (!round) throw new RefusalError(NOT_FOUND);
      if (round.position !== input.position) throw new RefusalError(CHANGED_MEANWHILE);
      const neighbour = await tx.round.findFirst({
        where: { contestId: input.contestId, position: input.direction === "up" ? { lt: round.position } : { gt: round.position } },
        orderBy: { position: input.direction === "up" ? "desc" : "asc" },
        select: { id: true, position: true },
      });
      if (!neighbour) throw new RefusalError(refused(input.direction === "up" ? "rounds:errors.alreadyFirst" : "rounds:errors.alreadyLast"));
      // Positions are unique per contest: park one round outside the range while swapping.
      await tx.round.update({ where: { id: round.id }, data: { position: -1 } });
      await tx.round.update({ where: { id: neighbour.id }, data: { position: round.position } });
      await tx.round.update({ where: { id: round.id }, data: { position: neighbour.position } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "round.move",
        targetType: "Round",
        targetId: round.id,
        data: { before: { position: round.position }, after: { position: neighbour.position }, swappedWith: neighbour.id },
        ip: input.ip ?? null,
      });
      return { ok: true as const };
    }),
  );
}

/**
 * Deletes a round that has no assignment row (its panels, seats and entry placements go with it)
 * and moves the later rounds up, logged as "round.delete" with the settings it had.
 */
export async function deleteRound(input: Who & { contestId: string; roundId: string }): Promise<{ ok: true; name: string } | Refusal> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      if (!(await lockContest(tx, input.contestId))) throw new RefusalError(NOT_FOUND);
      const round = await tx.round.findFirst({
        where: { id: input.roundId, contestId: input.contestId },
        select: { id: true, position: true, ...settingsSelect, _count: { select: { assignments: true, panels: true, roundEntries: true } } },
      });
      if (!round) throw new RefusalError(NOT_FOUND);
      if (round._count.assignments > 0) throw new RefusalError(refused("rounds:errors.roundHasAssignments"));
      const { id, position, _count, ...settings } = round;
      await tx.round.delete({ where: { id } });
      const later = await tx.round.findMany({ where: { contestId: input.contestId, position: { gt: position } }, orderBy: { position: "asc" }, select: { id: true, position: true } });
      for (const r of later) await tx.round.update({ where: { id: r.id }, data: { position: r.position - 1 } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "round.delete",
        targetType: "Round",
        targetId: id,
        data: { position, before: auditable(settings), panels: _count.panels, entries: _count.roundEntries },
        ip: input.ip ?? null,
      });
      return { ok: true as const, name: settings.name };
    }),
  );
}

/** A round of the contest with its settings (as the form shows them), revision and score lock; null when not the contest's. */
export async function getRoundSettings(db: Tx, contestId: string, roundId: string) {
  const round = await db.round.findFirst({
    where: { id: roundId, contestId },
    select: { id: true, position: true, ...settingsSelect, contest: { select: { id: true, title: true, timeZone: true, locale: true } } },
  });
  if (!round) return null;
  const { contest, id, position, ...settings } = round;
  const [hasScores, versions, previous] = await Promise.all([
    roundHasScores(db, id),
    rubricVersions(db, contestId),
    db.round.findFirst({ where: { contestId, position: { lt: position } }, orderBy: { position: "desc" }, select: { id: true, name: true } }),
  ]);
  return {
    contest,
    round: { id, position, name: settings.name, readsPerEntry: settings.readsPerEntry, revision: roundRevision(settings), hasScores, fields: toFormFields(settings, contest.timeZone) },
    previousRound: previous,
    rubricVersions: versions,
  };
}

