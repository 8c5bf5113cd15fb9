// Invitations: organizers, secretaries and judges join by an e-mailed link; the very first
// admin joins by a one-time link printed at the first start.
import type { InvitationRole } from "#app/generated/sqlite/enums";
import { randomToken, sha256Hex } from "#app/utils/crypto.server";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";

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
