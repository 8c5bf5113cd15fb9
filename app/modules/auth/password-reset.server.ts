// "Forgot password": an e-mailed, single-use link valid for one hour. The request always
// gets the same answer; only an existing, enabled account receives a message.
import { audit } from "#app/modules/audit/audit.server";
import { queueMail } from "#app/modules/mail/outbox.server";
import { passwordResetMail } from "#app/modules/mail/templates.server";
import { randomToken, sha256Hex } from "#app/utils/crypto.server";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { defaultLanguage, isLanguage } from "#app/utils/i18n";
import { hashPassword } from "./password.server";
import { hitMailRequest } from "./rate-limit.server";
import { destroyAllSessions } from "./session.server";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export function passwordResetUrl(token: string) {
  return `${env().appUrl}/reset-password/${token}`;
}

export type RequestPasswordResetResult = { status: "sent" } | { status: "throttled"; retryAfterSeconds: number };

/** E-mails a reset link, in the account's language, when the address has an enabled account. */
export async function requestPasswordReset(input: { email: string; ip: string }): Promise<RequestPasswordResetResult> {
  const email = input.email.trim().toLowerCase();
  const limited = await hitMailRequest("reset", email, input.ip);
  if (!limited.allowed) return { status: "throttled", retryAfterSeconds: limited.retryAfterSeconds };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, locale: true, disabledAt: true } });
  if (!user || user.disabledAt) return { status: "sent" };
  const token = randomToken();
  const lng = isLanguage(user.locale) ? user.locale : defaultLanguage;
  await prisma.$transaction(async (tx) => {
    await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) },
    });
    await queueMail(tx, { to: email, ...passwordResetMail(lng, { url: passwordResetUrl(token) }) });
  });
  return { status: "sent" };
}

/** The account a reset link is for, or null when the link is unknown, used or expired. */
export async function getPasswordReset(token: string): Promise<{ email: string } | null> {
  const row = await prisma.passwordReset.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, disabledAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now() || row.user.disabledAt) return null;
  return { email: row.user.email };
}

export type ResetPasswordResult = { status: "ok"; user: { id: string; locale: string } } | { status: "invalid" };

/**
 * Sets the new password, uses up this link and every other open link of the account, and ends
 * every session of the account (the caller then signs the user in with a fresh one).
 */
export async function resetPassword(input: { token: string; password: string; ip?: string | null }): Promise<ResetPasswordResult> {
  if (!(await getPasswordReset(input.token))) return { status: "invalid" };
  const passwordHash = await hashPassword(input.password);
  const tokenHash = sha256Hex(input.token);
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return { status: "invalid" } as const;
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true, locale: true } });
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await destroyAllSessions(userId, tx);
    await audit(tx, { actorId: userId, action: "auth.passwordReset", targetType: "User", targetId: userId, ip: input.ip });
    return { status: "ok", user } as const;
  });
}
