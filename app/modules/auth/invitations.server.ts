// Invitations: organizers, secretaries and judges join by an e-mailed link; the very first
// admin joins by a one-time link printed at the first start.
import type { InvitationRole } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { queueMail } from "#app/modules/mail/outbox.server";
import { invitationMail } from "#app/modules/mail/templates.server";
import { randomToken, sha256Hex } from "#app/utils/crypto.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import type { Language } from "#app/utils/i18n";
import { hashPassword } from "./password.server";
import { isUniqueViolation } from "./rate-limit.server";

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
export const FIRST_ADMIN_TTL_MS = 24 * 60 * 60 * 1000;

export function invitationUrl(token: string) {
  return `${env().appUrl}/invitations/${token}`;
}

export interface NewInvitation {
  role: InvitationRole;
  email: string | null;
  contestId?: string | null;
  invitedById?: string | null;
  ttlMs?: number;
}

/** Creates an invitation; returns the raw token (only its hash is stored). */
export async function createInvitation(input: NewInvitation): Promise<{ id: string; token: string }> {
  const token = randomToken();
  const row = await prisma.invitation.create({
    data: {
      role: input.role,
      email: input.email,
      contestId: input.contestId ?? null,
      invitedById: input.invitedById ?? null,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + (input.ttlMs ?? INVITATION_TTL_MS)),
    },
  });
  return { id: row.id, token };
}

/**
 * While the installation has no admin, make a fresh one-time link for the first admin
 * (earlier unused ones are revoked) and return it; null once an admin exists.
 */
export async function ensureFirstAdminLink(): Promise<string | null> {
  const admins = await prisma.user.count({ where: { isAdmin: true } });
  if (admins > 0) return null;
  await prisma.invitation.updateMany({
    where: { role: "ADMIN", email: null, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const { token } = await createInvitation({ role: "ADMIN", email: null, ttlMs: FIRST_ADMIN_TTL_MS });
  return invitationUrl(token);
}

// ───────────────────────── inviting by e-mail ─────────────────────────

export interface InviteByEmailInput {
  role: InvitationRole;
  email: string;
  /** null: an installation-level invitation (ADMIN, or an ORGANIZER who may create contests). */
  contestId: string | null;
  invitedById: string | null;
  /** The language of the e-mail (usually the inviter's page language). */
  language: Language;
  ip?: string | null;
}

/**
 * Creates an invitation for an address and e-mails its link. Earlier open invitations for the
 * same address, role and contest are revoked, so only the newest link works. Logged.
 * Returns the invitation id and its link (for an organizer to copy if the e-mail goes astray).
 */
export async function inviteByEmail(input: InviteByEmailInput): Promise<{ id: string; url: string }> {
  const email = input.email.trim().toLowerCase();
  if (!email.includes("@")) throw new Error("inviteByEmail: not an e-mail address");
  if ((input.role === "SECRETARY" || input.role === "JUDGE") && !input.contestId) {
    throw new Error(`inviteByEmail: a ${input.role} invitation needs a contest`);
  }
  if (input.role === "ADMIN" && input.contestId) throw new Error("inviteByEmail: ADMIN is not a contest role");
  const issued = await issueInvitation({ ...input, email, contestId: input.contestId ?? null }, null);
  if (!issued) throw new Error("inviteByEmail: the contest does not exist");
  return issued;
}

export interface ResendInvitationInput {
  invitationId: string;
  /** The invitation must belong to this contest (the caller manages it). */
  contestId: string;
  invitedById: string | null;
  language: Language;
  ip?: string | null;
}

/**
 * Sends an open invitation again with a new link; the old link is dead from then on (it is
 * revoked in the same transaction). Logged "invitation.resend" {role, email, previousId}.
 * Null when the invitation is not this contest's, or was accepted or revoked meanwhile; an
 * expired one may be resent.
 */
export async function resendInvitation(input: ResendInvitationInput): Promise<{ id: string; url: string; email: string } | null> {
  const previous = await prisma.invitation.findFirst({
    where: { id: input.invitationId, contestId: input.contestId, acceptedAt: null, revokedAt: null, email: { not: null } },
    select: { id: true, email: true, role: true },
  });
  if (!previous?.email) return null;
  const issued = await issueInvitation(
    { role: previous.role, email: previous.email, contestId: input.contestId, invitedById: input.invitedById, language: input.language, ip: input.ip },
    previous.id,
  );
  return issued ? { ...issued, email: previous.email } : null;
}

/**
 * One transaction: revoke the open invitations this one replaces, create it, log it, queue the
 * e-mail. With `resendOf`, that invitation must still be open (else null and nothing written).
 * Null too when the contest does not exist.
 */
async function issueInvitation(
  input: Omit<InviteByEmailInput, "contestId"> & { contestId: string | null },
  resendOf: string | null,
): Promise<{ id: string; url: string } | null> {
  const { email, contestId } = input;
  const token = randomToken();
  const url = invitationUrl(token);
  const issued = await prisma.$transaction(async (tx) => {
    const contest = contestId ? await tx.contest.findUnique({ where: { id: contestId }, select: { title: true } }) : null;
    if (contestId && !contest) return null;
    const inviter = input.invitedById
      ? await tx.user.findUnique({ where: { id: input.invitedById }, select: { name: true } })
      : null;
    const open = { email, role: input.role, contestId, acceptedAt: null, revokedAt: null };
    const revoked = await tx.invitation.updateMany({
      where: resendOf ? { ...open, id: resendOf } : open,
      data: { revokedAt: new Date() },
    });
    if (resendOf && revoked.count !== 1) return null;
    if (resendOf) await tx.invitation.updateMany({ where: open, data: { revokedAt: new Date() } });
    const row = await tx.invitation.create({
      data: {
        role: input.role,
        email,
        contestId,
        invitedById: input.invitedById,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: { id: true },
    });
    const record = { actorId: input.invitedById, contestId, targetType: "Invitation", targetId: row.id, ip: input.ip };
    if (resendOf) {
      await audit(tx, { ...record, action: "invitation.resend", data: { role: input.role, email, previousId: resendOf } });
    } else {
      await audit(tx, { ...record, action: "invitation.create", data: { role: input.role, email } });
    }
    const content = invitationMail(input.language, {
      url,
      role: input.role,
      contestTitle: contest?.title ?? null,
      inviterName: inviter?.name ?? null,
      validDays: Math.round(INVITATION_TTL_MS / (24 * 60 * 60 * 1000)),
    });
    await queueMail(tx, { to: email, ...content });
    return { id: row.id };
  });
  if (!issued) return null;
  return { id: issued.id, url };
}

// ───────────────────────── opening and accepting ─────────────────────────

interface Viewer {
  id: string;
  email: string;
}

export type InvitationView =
  /** The first-admin link: a form for name, e-mail and password. */
  | { kind: "firstAdmin" }
  /** The invitee has no account yet: a form for name and password. */
  | { kind: "newAccount"; email: string; role: InvitationRole; contestTitle: string | null }
  /** The invitee has an account but is not signed in: send them to sign in first. */
  | { kind: "signIn"; email: string }
  /** Signed in as the invitee: one button to accept. */
  | { kind: "confirm"; email: string; role: InvitationRole; contestTitle: string | null }
  /** Signed in as someone else: explain, offer to sign out. */
  | { kind: "wrongUser"; email: string; currentEmail: string; role: InvitationRole; contestTitle: string | null };

async function findOpenInvitation(token: string, now = new Date()) {
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: {
      id: true,
      role: true,
      email: true,
      contestId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      contest: { select: { title: true } },
    },
  });
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  return row;
}

/** What the invitation page shows to this viewer; null when the link is invalid, expired, revoked or used. */
export async function getInvitationView(token: string, viewer: Viewer | null): Promise<InvitationView | null> {
  const invitation = await findOpenInvitation(token);
  if (!invitation) return null;
  if (invitation.email === null) {
    // Once an admin exists, a first-admin link left over from an earlier start is dead.
    if (invitation.role !== "ADMIN" || (await prisma.user.count({ where: { isAdmin: true } })) > 0) return null;
    return { kind: "firstAdmin" };
  }
  const details = { email: invitation.email, role: invitation.role, contestTitle: invitation.contest?.title ?? null };
  if (viewer && viewer.email !== invitation.email) return { kind: "wrongUser", currentEmail: viewer.email, ...details };
  if (viewer) return { kind: "confirm", ...details };
  const account = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return account ? { kind: "signIn", email: invitation.email } : { kind: "newAccount", ...details };
}

/**
 * Where someone lands after accepting: where their new role works. Judges on their area,
 * secretaries on the contest's conflicts of interest (their first task), organizers on the
 * contest (or the organizer area for an installation-level invitation).
 */
export function invitationLanding(role: InvitationRole, contestId: string | null): string {
  if (role === "ADMIN") return "/admin";
  if (role === "ORGANIZER") return contestId ? `/organize/${contestId}` : "/organize";
  if (role === "JUDGE") return "/judge";
  return contestId ? `/organize/${contestId}/conflicts` : "/";
}

export type AcceptInvitationResult =
  | { status: "ok"; user: { id: string; locale: string }; redirectTo: string }
  | { status: "invalid" }
  | { status: "emailTaken" }
  | { status: "wrongUser" };

/** Thrown inside a transaction to roll it back with an answer for the caller. */
class Refusal extends Error {
  constructor(readonly result: Exclude<AcceptInvitationResult, { status: "ok" }>) {
    super(result.status);
  }
}

interface ClaimedInvitation {
  id: string;
  role: InvitationRole;
  contestId: string | null;
}

/**
 * Marks the invitation accepted by one conditional update (so it can be accepted once), gives
 * the user what it grants, and writes the audit record, all in the caller's transaction.
 */
async function claimAndGrant(
  tx: Tx,
  tokenHash: string,
  claimWhere: { email: string | null },
  userIdFor: () => Promise<string>,
  ip: string | null | undefined,
): Promise<{ invitation: ClaimedInvitation; userId: string }> {
  const now = new Date();
  const claimed = await tx.invitation.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, email: claimWhere.email },
    data: { acceptedAt: now },
  });
  if (claimed.count !== 1) throw new Refusal({ status: "invalid" });
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { tokenHash },
    select: { id: true, role: true, contestId: true },
  });
  const userId = await userIdFor();
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedUserId: userId } });

  if (invitation.contestId && invitation.role !== "ADMIN") {
    await tx.contestMember.upsert({
      where: { contestId_userId_role: { contestId: invitation.contestId, userId, role: invitation.role } },
      update: { revokedAt: null },
      create: { contestId: invitation.contestId, userId, role: invitation.role },
    });
  } else if (invitation.role === "ADMIN") {
    await tx.user.update({ where: { id: userId }, data: { isAdmin: true, isOrganizer: true } });
  } else if (invitation.role === "ORGANIZER") {
    await tx.user.update({ where: { id: userId }, data: { isOrganizer: true } });
  } else {
    throw new Error(`invitation ${invitation.id}: a ${invitation.role} invitation without a contest`);
  }
  await audit(tx, {
    actorId: userId,
    contestId: invitation.contestId,
    action: "invitation.accept",
    targetType: "Invitation",
    targetId: invitation.id,
    data: { role: invitation.role },
    ip,
  });
  return { invitation, userId };
}

async function runAcceptance(
  work: (tx: Tx) => Promise<{ invitation: ClaimedInvitation; userId: string }>,
): Promise<AcceptInvitationResult> {
  try {
    const { invitation, userId } = await prisma.$transaction(work);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, locale: true } });
    return { status: "ok", user, redirectTo: invitationLanding(invitation.role, invitation.contestId) };
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    if (isUniqueViolation(error)) return { status: "emailTaken" };
    throw error;
  }
}

/** The first-admin link: creates the installation's first admin (admin and organizer). */
export async function acceptFirstAdminInvitation(input: {
  token: string;
  name: string;
  email: string;
  password: string;
  locale: Language;
  ip?: string | null;
}): Promise<AcceptInvitationResult> {
  const view = await getInvitationView(input.token, null);
  if (view?.kind !== "firstAdmin") return { status: "invalid" };
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return runAcceptance(async (tx) => {
    // Checked again inside the transaction: two first admins must not race in.
    if ((await tx.user.count({ where: { isAdmin: true } })) > 0) throw new Refusal({ status: "invalid" });
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new Refusal({ status: "emailTaken" });
    return claimAndGrant(
      tx,
      sha256Hex(input.token),
      { email: null },
      async () => {
        const user = await tx.user.create({
          data: { email, name: input.name, passwordHash, locale: input.locale },
          select: { id: true },
        });
        return user.id;
      },
      input.ip,
    );
  });
}

/** An invitee without an account: creates it for the invited address and accepts. */
export async function acceptInvitationWithNewAccount(input: {
  token: string;
  viewer: Viewer | null;
  name: string;
  password: string;
  locale: Language;
  ip?: string | null;
}): Promise<AcceptInvitationResult> {
  const view = await getInvitationView(input.token, input.viewer);
  if (!view || view.kind === "firstAdmin") return { status: "invalid" };
  if (view.kind === "wrongUser") return { status: "wrongUser" };
  if (view.kind !== "newAccount") return { status: "emailTaken" };
  const passwordHash = await hashPassword(input.password);
  return runAcceptance((tx) =>
    claimAndGrant(
      tx,
      sha256Hex(input.token),
      { email: view.email },
      async () => {
        const user = await tx.user.create({
          data: { email: view.email, name: input.name, passwordHash, locale: input.locale },
          select: { id: true },
        });
        return user.id;
      },
      input.ip,
    ),
  );
}

/** The signed-in invitee confirms; refused for anyone signed in with another address. */
export async function acceptInvitationAsUser(input: {
  token: string;
  viewer: Viewer;
  ip?: string | null;
}): Promise<AcceptInvitationResult> {
  const view = await getInvitationView(input.token, input.viewer);
  if (!view || view.kind === "firstAdmin") return { status: "invalid" };
  if (view.kind !== "confirm") return { status: "wrongUser" };
  return runAcceptance((tx) =>
    claimAndGrant(tx, sha256Hex(input.token), { email: input.viewer.email }, async () => input.viewer.id, input.ip),
  );
}
