// What a judge reads and writes about themselves (/judge): the contests they judge, their
// unit [đơn vị công tác] (conflict detection compares it with authors' units), their expertise
// per category (the assignment solver rewards it), and the conflicts of interest they declare by
// entry code [mã bài dự thi].
//
// Every query is scoped by the judge's own id and an unrevoked JUDGE membership: a judge sees
// nothing of a contest but its title, phase and categories, and of an entry only the code they
// typed (its title too when the contest is not blind). Never its authors.
import type { ContestPhase } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { entryCode } from "#app/modules/entries/codes";
import { prisma } from "#app/utils/db.server";
import { CONFLICT_NOT_FOUND, declareConflictByCode, type DeclareByCodeResult } from "./conflicts.server";
import { expertiseKey } from "./judges.schema";

export const JUDGE_CHANGED_MEANWHILE = "judge:errors.changedMeanwhile";

export interface JudgeDeclaration {
  id: string;
  entryCode: string;
  /** Only for a contest that is not blind. */
  title: string | null;
  reason: string;
  declaredAt: Date;
}

export interface JudgeContest {
  id: string;
  title: string;
  phase: ContestPhase;
  blind: boolean;
  timeZone: string;
  /** What an entry code of this contest looks like (its prefix, number 12), for the form's help. */
  codeExample: string;
  categories: { id: string; name: string; expertise: boolean }[];
  /** What the expertise form shows as checked (judges.schema expertiseKey): its `expected`. */
  expertiseKey: string;
  /** The judge's own declarations, newest first. */
  declarations: JudgeDeclaration[];
}

export interface JudgeArea {
  unit: string | null;
  contests: JudgeContest[];
}

/** The judge's area: the contests where the user is an unrevoked judge (newest first). */
export async function getJudgeArea(userId: string): Promise<JudgeArea> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { unit: true } });
  const contests = await prisma.contest.findMany({
    where: { members: { some: { userId, role: "JUDGE", revokedAt: null } } },
    select: {
      id: true,
      title: true,
      phase: true,
      blind: true,
      timeZone: true,
      entryCodePrefix: true,
      categories: { select: { id: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] },
      preferences: { where: { userId, kind: "EXPERTISE" }, select: { categoryId: true } },
      conflicts: {
        // A recusal from an assigned entry (scoring/scoresheets.server) declares a conflict too; it
        // is listed on the desk by anonymous code, never here by entry code: the two together
        // would tell the judge which receipt belongs to which anonymous essay.
        where: { judgeId: userId, source: "DECLARED", decidedById: userId, entry: { assignments: { none: { judgeId: userId, status: "RECUSED" } } } },
        select: { id: true, reason: true, decidedAt: true, createdAt: true, entry: { select: { entryCode: true, title: true } } },
        orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
      },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return {
    unit: user.unit,
    contests: contests.map((c) => {
      const chosen = new Set(c.preferences.map((p) => p.categoryId));
      const categories = c.categories.map((cat) => ({ ...cat, expertise: chosen.has(cat.id) }));
      return {
        id: c.id,
        title: c.title,
        phase: c.phase,
        blind: c.blind,
        timeZone: c.timeZone,
        codeExample: entryCode(c.entryCodePrefix, 12),
        categories,
        expertiseKey: expertiseKey(categories.filter((cat) => cat.expertise).map((cat) => cat.id)),
        declarations: c.conflicts.map((d) => ({
          id: d.id,
          entryCode: d.entry.entryCode ?? "",
          title: c.blind ? null : d.entry.title,
          reason: d.reason,
          declaredAt: d.decidedAt ?? d.createdAt,
        })),
      };
    }),
  };
}

export type ChangedMeanwhile = { ok: false; status: "changedMeanwhile"; error: typeof JUDGE_CHANGED_MEANWHILE };
const changedMeanwhile: ChangedMeanwhile = { ok: false, status: "changedMeanwhile", error: JUDGE_CHANGED_MEANWHILE };

/**
 * Sets the user's unit ("" clears it), unless it is no longer the one the form showed
 * (`expected`). Logged "user.setUnit" {before, after}; nothing logged when nothing changes.
 */
export async function saveJudgeUnit(input: { userId: string; unit: string; expected: string; ip?: string | null }) {
  const after = input.unit.trim() || null;
  return prisma.$transaction(async (tx): Promise<{ ok: true; unit: string | null } | ChangedMeanwhile> => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { unit: true } });
    if ((user.unit ?? "") !== input.expected.trim()) return changedMeanwhile;
    if (user.unit === after) return { ok: true, unit: after };
    const changed = await tx.user.updateMany({ where: { id: input.userId, unit: user.unit }, data: { unit: after } });
    if (changed.count !== 1) return changedMeanwhile;
    await audit(tx, {
      actorId: input.userId,
      action: "user.setUnit",
      targetType: "User",
      targetId: input.userId,
      data: { before: user.unit, after },
      ip: input.ip ?? null,
    });
    return { ok: true, unit: after };
  });
}

export type ExpertiseResult =
  | { ok: true; count: number }
  | { ok: false; status: "notFound" }
  | { ok: false; status: "invalid"; fieldErrors: Record<string, string[]> }
  | ChangedMeanwhile;

/**
 * Replaces the judge's EXPERTISE preferences in the contest by the categories given (all of
 * the contest; else invalid and nothing written), unless they are no longer what the form showed
 * (`expected`, an expertiseKey). The judge must be an unrevoked judge of the contest, else not
 * found. Logged "judge.setExpertise" {before, after: category names, categoryIds}.
 */
export async function saveJudgeExpertise(input: {
  contestId: string;
  userId: string;
  categoryIds: string[];
  expected: string;
  ip?: string | null;
}): Promise<ExpertiseResult> {
  const { contestId, userId } = input;
  const wanted = [...new Set(input.categoryIds)];
  return prisma.$transaction(async (tx): Promise<ExpertiseResult> => {
    if (!(await lockContest(tx, contestId))) return { ok: false, status: "notFound" };
    const member = await tx.contestMember.findFirst({ where: { contestId, userId, role: "JUDGE", revokedAt: null }, select: { id: true } });
    if (!member) return { ok: false, status: "notFound" };
    const categories = await tx.category.findMany({ where: { contestId }, select: { id: true, name: true } });
    const names = new Map(categories.map((c) => [c.id, c.name]));
    if (wanted.some((id) => !names.has(id))) return { ok: false, status: "invalid", fieldErrors: { categoryIds: ["validation.invalid"] } };

    const current = await tx.judgePreference.findMany({
      where: { contestId, userId, kind: "EXPERTISE" },
      select: { id: true, categoryId: true },
    });
    const before = current.map((p) => p.categoryId).filter((id): id is string => id !== null);
    if (expertiseKey(before) !== input.expected) return changedMeanwhile;
    if (expertiseKey(before) === expertiseKey(wanted)) return { ok: true, count: wanted.length };

    const keep = new Set(wanted);
    const stale = current.filter((p) => !p.categoryId || !keep.has(p.categoryId)).map((p) => p.id);
    if (stale.length > 0) await tx.judgePreference.deleteMany({ where: { id: { in: stale }, contestId, userId } });
    const had = new Set(before);
    const added = wanted.filter((id) => !had.has(id));
    if (added.length > 0) {
      await tx.judgePreference.createMany({ data: added.map((categoryId) => ({ contestId, userId, kind: "EXPERTISE" as const, categoryId })) });
    }
    const label = (ids: string[]) => ids.map((id) => names.get(id) ?? id).sort((a, b) => a.localeCompare(b, "vi"));
    await audit(tx, {
      actorId: userId,
      contestId,
      action: "judge.setExpertise",
      targetType: "User",
      targetId: userId,
      data: { before: label(before), after: label(wanted), categoryIds: [...wanted].sort() },
      ip: input.ip ?? null,
    });
    return { ok: true, count: wanted.length };
  });
}

/**
 * The judge declares a conflict of interest on the entry of the contest whose entry code they
 * typed (see findEntryByCode). Not found for anyone who is not an unrevoked judge of the contest
 * (before the code is even looked at); an unknown code is a field error. The answer names only
 * the code: never the entry's title or authors. Stored by declareConflict (DECLARED, CONFIRMED
 * at once, audited "conflict.declare").
 */
export async function declareOwnConflict(input: {
  contestId: string;
  judgeId: string;
  entryCode: string;
  reason: unknown;
  ip?: string | null;
}): Promise<DeclareByCodeResult> {
  const { contestId, judgeId } = input;
  const member = await prisma.contestMember.findFirst({ where: { contestId, userId: judgeId, role: "JUDGE", revokedAt: null }, select: { id: true } });
  if (!member) return { ok: false, status: "notFound", error: CONFLICT_NOT_FOUND };
  return declareConflictByCode({ ...input, actorId: judgeId });
}
