// Contests as organizers see them. The editor, lifecycle and team screens come with the
// contest-setup work; this holds creating a contest and the organizer's overview.
import { audit } from "#app/modules/audit/audit.server";
import type { SessionUser } from "#app/modules/auth/session.server";
import { prisma, Prisma } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import type { CreateContestInput } from "./contests.schema";

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

/** What the organizer's contest page shows; the caller has checked canManageContest. */
export async function getContestOverview(contestId: string) {
  const contest = await prisma.contest.findUnique({
    where: { id: contestId },
    select: {
      id: true,
      title: true,
      slug: true,
      phase: true,
      timeZone: true,
      opensAt: true,
      closesAt: true,
      blind: true,
      createdAt: true,
      _count: { select: { entries: true, categories: true, rounds: true } },
      members: {
        where: { revokedAt: null },
        select: { role: true, user: { select: { name: true, email: true } } },
      },
    },
  });
  if (!contest) return null;
  return { ...contest, members: sortByName(contest.members, (m) => m.user.name) };
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
