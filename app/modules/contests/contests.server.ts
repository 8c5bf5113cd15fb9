// Contests as organizers see them. The editor, lifecycle and team screens come with the
// contest-setup work; this holds creating a contest and the organizer's overview.
import { audit } from "#app/modules/audit/audit.server";
import type { SessionUser } from "#app/modules/auth/session.server";
import { prisma, Prisma } from "#app/utils/db.server";
import type { CreateContestInput } from "./contests.schema";
import { gatherPhaseFacts } from "./phases.server";

type Who = Pick<SessionUser, "id" | "isAdmin">;

/**
 * Contests whose staff the user belongs to (organizer or secretary; every contest for an admin),
 * newest first, with the user's staff roles in each.
 */
export async function listManagedContests(user: Who) {
  const staff = { userId: user.id, role: { in: ["ORGANIZER" as const, "SECRETARY" as const] }, revokedAt: null };
  const contests = await prisma.contest.findMany({
    where: user.isAdmin ? {} : { members: { some: staff } },
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      closesAt: true,
      timeZone: true,
      _count: { select: { entries: true } },
      members: { where: staff, select: { role: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  return contests.map(({ members, ...c }) => {
    const roles = new Set(members.map((m) => m.role));
    if (user.isAdmin) roles.add("ORGANIZER");
    return { ...c, roles: [...roles].sort() };
  });
}

/** The back office frame: the contest's title and phase. The caller has checked the user is staff. */
export async function getContestHeader(contestId: string) {
  return prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, slug: true, phase: true } });
}

export type CreateContestResult = { ok: true; contestId: string } | { ok: false; field: "slug"; error: string };

/** Creates a draft contest with its creator as organizer, logged. A taken slug is a field error. */
export async function createContest(user: Pick<SessionUser, "id">, input: CreateContestInput, ip?: string): Promise<CreateContestResult> {
  try {
    const contest = await prisma.$transaction(async (tx) => {
      const created = await tx.contest.create({
        data: {
          title: input.title,
          slug: input.slug,
          createdById: user.id,
          members: { create: { userId: user.id, role: "ORGANIZER" } },
        },
      });
      await audit(tx, {
        actorId: user.id,
        contestId: created.id,
        action: "contest.create",
        targetType: "Contest",
        targetId: created.id,
        data: { title: input.title, slug: input.slug },
        ip,
      });
      return created;
    });
    return { ok: true, contestId: contest.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, field: "slug", error: "organize:errors.slugTaken" };
    }
    throw error;
  }
}

/** One line of the overview's setup checklist: whether it is done, and the counts it shows. */
export interface SetupStep {
  key: "categories" | "schedule" | "rubric" | "team" | "rounds" | "entries" | "conflicts" | "assignment";
  /** The back-office section that fixes it (a path below /organize/:contestId), if there is one. */
  section: string | null;
  done: boolean;
  counts: Record<string, number>;
}

/**
 * What the organizer's overview shows: the contest's settings at a glance and a setup checklist
 * in the order a committee works (categories, schedule, rubric, team, rounds and panels,
 * entries, conflicts, assignment). The caller has checked canManageContest.
 */
export async function getContestOverview(contestId: string, now = new Date()) {
  const contest = await prisma.contest.findUnique({
    where: { id: contestId },
    select: { id: true, title: true, slug: true, phase: true, timeZone: true, opensAt: true, closesAt: true, graceMinutes: true, blind: true },
  });
  if (!contest) return null;
  const [facts, prizes, criteria, members, invitations, panels, pendingConflicts] = await Promise.all([
    gatherPhaseFacts(prisma, contestId, now),
    prisma.prizeTier.aggregate({ where: { category: { contestId } }, _sum: { count: true } }),
    prisma.criterion.count({ where: { rubricVersion: { rubric: { contestId } } } }),
    prisma.contestMember.groupBy({ by: ["role"], where: { contestId, revokedAt: null }, _count: { _all: true } }),
    prisma.invitation.count({ where: { contestId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    prisma.panel.count({ where: { round: { contestId } } }),
    prisma.conflictOfInterest.count({ where: { contestId, status: "PENDING" } }),
  ]);
  if (!facts) return null;
  const role = (r: string) => members.find((m) => m.role === r)?._count._all ?? 0;
  const judges = role("JUDGE");
  const steps: SetupStep[] = [
    { key: "categories", section: "categories", done: facts.categoryCount > 0, counts: { categories: facts.categoryCount, prizes: prizes._sum.count ?? 0 } },
    { key: "schedule", section: "settings", done: contest.closesAt !== null, counts: {} },
    { key: "rubric", section: "rubrics", done: facts.hasRubricWithCriteria, counts: { criteria } },
    { key: "team", section: "team", done: judges > 0, counts: { judges, secretaries: role("SECRETARY"), invitations } },
    { key: "rounds", section: "rounds", done: facts.roundCount > 0 && panels > 0, counts: { rounds: facts.roundCount, panels } },
    {
      key: "entries",
      section: "entries",
      done: facts.eligibleEntryCount > 0 && facts.uncheckedEntryCount === 0,
      counts: { submitted: facts.submittedEntryCount, unchecked: facts.uncheckedEntryCount, eligible: facts.eligibleEntryCount },
    },
    { key: "conflicts", section: "conflicts", done: pendingConflicts === 0, counts: { pending: pendingConflicts } },
    {
      key: "assignment",
      section: "rounds",
      done: facts.eligibleEntryCount > 0 && facts.entriesWithoutPanel === 0 && facts.entriesShortOfJudges === 0,
      counts: { withoutPanel: facts.entriesWithoutPanel, short: facts.entriesShortOfJudges },
    },
  ];
  return { ...contest, counts: { entries: facts.submittedEntryCount, categories: facts.categoryCount, rounds: facts.roundCount }, steps };
}

/** Contests open for entries, for the public home page; soonest deadline first. */
export async function listOpenContests() {
  return prisma.contest.findMany({
    where: { phase: "OPEN" },
    select: { id: true, slug: true, title: true, closesAt: true, timeZone: true },
    orderBy: [{ closesAt: "asc" }, { createdAt: "desc" }],
    take: 50,
  });
}
