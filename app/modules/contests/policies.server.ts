// Who may do what with contests: named predicates (role level, then per record).
// Queries are scoped by who asks, so a forgotten check returns nothing rather than data.
//
// Per-contest roles (ContestMember, not revoked):
//   ORGANIZER  manages the contest: rules, categories, rubric, rounds, panels, assignment, team;
//   SECRETARY  handles identities and eligibility, decides conflicts of interest; changes no rules;
//   JUDGE      scores what is assigned; sees nothing else of the contest.
// An admin manages every contest.
import type { ContestRole } from "#app/generated/sqlite/enums";
import type { SessionUser } from "#app/modules/auth/session.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, notFound } from "#app/utils/http.server";

type Who = Pick<SessionUser, "id" | "isAdmin" | "isOrganizer">;

/** Installation level: admins, and users an admin made organizers, may create contests. */
export function canCreateContest(user: Who): boolean {
  return user.isAdmin || user.isOrganizer;
}

/** The organizer area is for those who may create contests or organize (or keep the secretariat of) one. */
export async function canUseOrganizerArea(user: Who): Promise<boolean> {
  if (canCreateContest(user)) return true;
  const memberships = await prisma.contestMember.count({
    where: { userId: user.id, role: { in: ["ORGANIZER", "SECRETARY"] }, revokedAt: null },
  });
  return memberships > 0;
}

/** The user's unrevoked roles in a contest (an admin counts as an organizer of every contest). */
export async function contestRoles(user: Who, contestId: string): Promise<Set<ContestRole>> {
  const rows = await prisma.contestMember.findMany({
    where: { contestId, userId: user.id, revokedAt: null },
    select: { role: true },
  });
  const roles = new Set(rows.map((r) => r.role));
  if (user.isAdmin && (await prisma.contest.count({ where: { id: contestId } })) > 0) roles.add("ORGANIZER");
  return roles;
}

/** Admins manage every contest; otherwise only its (unrevoked) organizers. */
export async function canManageContest(user: Who, contestId: string): Promise<boolean> {
  return (await contestRoles(user, contestId)).has("ORGANIZER");
}

/** The contest's staff (organizers and secretaries) see the contest's back office. */
export function isContestStaff(roles: ReadonlySet<ContestRole>): boolean {
  return roles.has("ORGANIZER") || roles.has("SECRETARY");
}

/** Deciding conflicts of interest: the secretariat's work, and the organizers'. */
export function canDecideConflicts(roles: ReadonlySet<ContestRole>): boolean {
  return isContestStaff(roles);
}

export async function requireOrganizerArea(user: Who) {
  if (!(await canUseOrganizerArea(user))) forbidden();
}

/** A contest the user manages; anyone else gets 404, so its existence does not leak. */
export async function requireManagedContest(user: Who, contestId: string) {
  if (!(await canManageContest(user, contestId))) notFound();
}

/** A contest whose staff the user belongs to (organizer or secretary), with the user's roles; else 404. */
export async function requireContestStaff(user: Who, contestId: string): Promise<Set<ContestRole>> {
  const roles = await contestRoles(user, contestId);
  if (!isContestStaff(roles)) notFound();
  return roles;
}

/** A contest the user judges (an unrevoked JUDGE membership; admins are not judges by being admins); else 404. */
export async function requireContestJudge(user: Who, contestId: string) {
  if (!(await contestRoles(user, contestId)).has("JUDGE")) notFound();
}

export function requireAdmin(user: Who) {
  if (!user.isAdmin) forbidden();
}

/** Which areas the site header links to for this user. */
export async function navigationAreas(user: Who | null): Promise<{ organize: boolean; judge: boolean }> {
  if (!user) return { organize: false, judge: false };
  const roles = await prisma.contestMember.findMany({
    where: { userId: user.id, revokedAt: null },
    select: { role: true },
    distinct: ["role"],
  });
  const has = (role: ContestRole) => roles.some((r) => r.role === role);
  return { organize: canCreateContest(user) || has("ORGANIZER") || has("SECRETARY"), judge: has("JUDGE") };
}
