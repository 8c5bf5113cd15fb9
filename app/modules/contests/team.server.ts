// A contest's team (issue 3, item 1): its members by role, its open invitations, inviting by
// e-mail (several addresses at once), resending and revoking invitations, revoking a membership.
//
// Every query is scoped by the contest; authorization (an organizer of the contest) is the
// caller's. Writers lock the contest row first (./lock.server), so two organizers revoking each
// other at once cannot leave the contest without one.
import type { ContestRole, InvitationRole } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { inviteByEmail, resendInvitation } from "#app/modules/auth/invitations.server";
import { prisma } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";
import type { Language } from "#app/utils/i18n";
import { lockContest } from "./lock.server";
import { ROLE_ORDER, type TeamRole } from "./team.schema";

export const TEAM_ERRORS = {
  invitationClosed: "team:errors.invitationClosed",
  memberGone: "team:errors.memberGone",
  lastOrganizer: "team:errors.lastOrganizer",
} as const;

export interface TeamMember {
  /** The membership's id (one role of one person). */
  id: string;
  userId: string;
  name: string;
  email: string;
  role: ContestRole;
  since: Date;
}

export interface TeamInvitation {
  id: string;
  email: string;
  role: InvitationRole;
  sentAt: Date;
  expiresAt: Date;
  expired: boolean;
  invitedBy: string | null;
}

export interface TeamView {
  contest: { id: string; title: string; timeZone: string };
  /** Unrevoked memberships, by role (ROLE_ORDER) then name (Vietnamese collation). */
  members: TeamMember[];
  /** Invitations neither accepted nor revoked, newest first; expired ones are marked and may be resent. */
  invitations: TeamInvitation[];
}

/** The team page; null when the contest does not exist. */
export async function getTeam(contestId: string, now = new Date()): Promise<TeamView | null> {
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, timeZone: true } });
  if (!contest) return null;
  const [memberRows, invitationRows] = await Promise.all([
    prisma.contestMember.findMany({
      where: { contestId, revokedAt: null },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.invitation.findMany({
      where: { contestId, acceptedAt: null, revokedAt: null, email: { not: null } },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  ]);
  const members = sortByName(
    memberRows.map((m) => ({ id: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt })),
    (m) => m.name,
  ).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)); // stable: names stay sorted within a role
  const invitations = invitationRows.map((i) => ({
    id: i.id,
    email: i.email ?? "",
    role: i.role,
    sentAt: i.createdAt,
    expiresAt: i.expiresAt,
    expired: i.expiresAt.getTime() <= now.getTime(),
    invitedBy: i.invitedBy?.name ?? null,
  }));
  return { contest, members, invitations };
}

// ───────────────────────────── inviting ─────────────────────────────

export interface InviteTeamInput {
  contestId: string;
  actorId: string;
  role: TeamRole;
  /** Valid, distinct, lower-cased addresses (team.schema parseAddressList). */
  emails: string[];
  /** The e-mails' language (the inviter's page language, as elsewhere). */
  language: Language;
  ip?: string | null;
}

export interface InviteTeamResult {
  /** Addresses an invitation was e-mailed to. */
  sent: string[];
  /** Addresses that already hold the role in the contest: nothing sent. */
  alreadyMembers: string[];
}

/**
 * Invites each address as the role, each through inviteByEmail (its own transaction, audit
 * record "invitation.create" and e-mail; an earlier open invitation of the address for the
 * role is revoked). Addresses whose account already holds the role are skipped and reported.
 */
export async function inviteTeamMembers(input: InviteTeamInput): Promise<InviteTeamResult> {
  const holders = await prisma.contestMember.findMany({
    where: { contestId: input.contestId, role: input.role, revokedAt: null, user: { email: { in: input.emails } } },
    select: { user: { select: { email: true } } },
  });
  const members = new Set(holders.map((h) => h.user.email));
  const result: InviteTeamResult = { sent: [], alreadyMembers: [] };
  for (const email of input.emails) {
    if (members.has(email)) {
      result.alreadyMembers.push(email);
      continue;
    }
    await inviteByEmail({
      role: input.role,
      email,
      contestId: input.contestId,
      invitedById: input.actorId,
      language: input.language,
      ip: input.ip ?? null,
    });
    result.sent.push(email);
  }
  return result;
}

// ───────────────────────────── invitations ─────────────────────────────

export type InvitationChange =
  | { ok: true; email: string }
  | { ok: false; status: "notFound" }
  /** Accepted or revoked meanwhile (the page was stale). */
  | { ok: false; status: "closed"; error: typeof TEAM_ERRORS.invitationClosed };

async function invitationRefusal(contestId: string, invitationId: string): Promise<Exclude<InvitationChange, { ok: true }>> {
  const exists = await prisma.invitation.count({ where: { id: invitationId, contestId } });
  return exists ? { ok: false, status: "closed", error: TEAM_ERRORS.invitationClosed } : { ok: false, status: "notFound" };
}

/** Sends an open invitation of the contest again with a new link; the old link dies (invitations.server). */
export async function resendTeamInvitation(input: {
  contestId: string;
  invitationId: string;
  actorId: string;
  language: Language;
  ip?: string | null;
}): Promise<InvitationChange> {
  const sent = await resendInvitation({
    invitationId: input.invitationId,
    contestId: input.contestId,
    invitedById: input.actorId,
    language: input.language,
    ip: input.ip ?? null,
  });
  return sent ? { ok: true, email: sent.email } : invitationRefusal(input.contestId, input.invitationId);
}

/** Revokes an open invitation of the contest (its link stops working); logged "invitation.revoke" {email, role}. */
export async function revokeTeamInvitation(input: {
  contestId: string;
  invitationId: string;
  actorId: string;
  ip?: string | null;
}): Promise<InvitationChange> {
  const { contestId, invitationId } = input;
  const revoked = await prisma.$transaction(async (tx) => {
    const row = await tx.invitation.findFirst({
      where: { id: invitationId, contestId, acceptedAt: null, revokedAt: null },
      select: { email: true, role: true },
    });
    if (!row) return null;
    const changed = await tx.invitation.updateMany({
      where: { id: invitationId, contestId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (changed.count !== 1) return null;
    await audit(tx, {
      actorId: input.actorId,
      contestId,
      action: "invitation.revoke",
      targetType: "Invitation",
      targetId: invitationId,
      data: { email: row.email, role: row.role },
      ip: input.ip ?? null,
    });
    return row.email ?? "";
  });
  return revoked !== null ? { ok: true, email: revoked } : invitationRefusal(contestId, invitationId);
}

// ───────────────────────────── memberships ─────────────────────────────

export type RevokeMemberResult =
  | { ok: true; name: string; role: ContestRole; removedSeats: number; self: boolean }
  | { ok: false; status: "notFound" }
  | { ok: false; status: "gone"; error: typeof TEAM_ERRORS.memberGone }
  | { ok: false; status: "lastOrganizer"; error: typeof TEAM_ERRORS.lastOrganizer };

/**
 * Revokes one membership of the contest. The contest's last organizer cannot be revoked.
 * Revoking a judge also removes their seats on the panels of the contest's rounds (PanelJudge
 * rows), in the same transaction; the next assignment run moves their entries. Their
 * preferences and conflicts of interest are kept (they count again if the judge is re-invited).
 * Logged "member.revoke" {userId, email, role, removedSeats: the seats as they were}.
 */
export async function revokeMembership(input: {
  contestId: string;
  memberId: string;
  actorId: string;
  ip?: string | null;
}): Promise<RevokeMemberResult> {
  const { contestId, memberId } = input;
  return prisma.$transaction(async (tx): Promise<RevokeMemberResult> => {
    if (!(await lockContest(tx, contestId))) return { ok: false, status: "notFound" };
    const member = await tx.contestMember.findFirst({
      where: { id: memberId, contestId },
      select: { role: true, revokedAt: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (!member) return { ok: false, status: "notFound" };
    if (member.revokedAt) return { ok: false, status: "gone", error: TEAM_ERRORS.memberGone };
    if (member.role === "ORGANIZER") {
      const others = await tx.contestMember.count({ where: { contestId, role: "ORGANIZER", revokedAt: null, id: { not: memberId } } });
      if (others === 0) return { ok: false, status: "lastOrganizer", error: TEAM_ERRORS.lastOrganizer };
    }

    const seats =
      member.role === "JUDGE"
        ? await tx.panelJudge.findMany({
            where: { userId: member.user.id, panel: { round: { contestId } } },
            select: { id: true, panelId: true, isChair: true, maxLoad: true, panel: { select: { name: true, roundId: true } } },
            orderBy: { id: "asc" },
          })
        : [];
    if (seats.length > 0) await tx.panelJudge.deleteMany({ where: { id: { in: seats.map((s) => s.id) } } });
    await tx.contestMember.update({ where: { id: memberId }, data: { revokedAt: new Date() } });
    await audit(tx, {
      actorId: input.actorId,
      contestId,
      action: "member.revoke",
      targetType: "ContestMember",
      targetId: memberId,
      data: {
        userId: member.user.id,
        email: member.user.email,
        role: member.role,
        removedSeats: seats.map((s) => ({
          panelId: s.panelId,
          panel: s.panel.name,
          roundId: s.panel.roundId,
          isChair: s.isChair,
          maxLoad: s.maxLoad,
        })),
      },
      ip: input.ip ?? null,
    });
    return { ok: true, name: member.user.name, role: member.role, removedSeats: seats.length, self: member.user.id === input.actorId };
  });
}
