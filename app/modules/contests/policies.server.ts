// Who may do what with contests: named predicates (role level, then per record).
// Queries are scoped by who asks, so a forgotten check returns nothing rather than data.
import type { SessionUser } from "#app/modules/auth/session.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, notFound } from "#app/utils/http.server";

type Who = Pick<SessionUser, "id" | "isAdmin" | "isOrganizer">;

/** Installation level: admins, and users an admin made organizers, may create contests. */
export function canCreateContest(user: Who): boolean {
  return user.isAdmin || user.isOrganizer;
}

/** The organizer area is for those who may create contests or organize at least one. */
export async function canUseOrganizerArea(user: Who): Promise<boolean> {
  if (canCreateContest(user)) return true;
  const memberships = await prisma.contestMember.count({
    where: { userId: user.id, role: "ORGANIZER", revokedAt: null },
  });
  return memberships > 0;
}

/** Admins manage every contest; otherwise only its (unrevoked) organizers. */
export async function canManageContest(user: Who, contestId: string): Promise<boolean> {
  if (user.isAdmin) return true;
  const membership = await prisma.contestMember.findFirst({
    where: { contestId, userId: user.id, role: "ORGANIZER", revokedAt: null },
    select: { id: true },
  });
  return membership !== null;
}

export async function requireOrganizerArea(user: Who) {
  if (!(await canUseOrganizerArea(user))) forbidden();
}

/** A contest the user manages; anyone else gets 404, so its existence does not leak. */
export async function requireManagedContest(user: Who, contestId: string) {
  if (!(await canManageContest(user, contestId))) notFound();
}

export function requireAdmin(user: Who) {
  if (!user.isAdmin) forbidden();
}
