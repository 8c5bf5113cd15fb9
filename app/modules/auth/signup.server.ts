// Entrant sign-up in two steps. Step 1 takes only an address and always answers the same;
// the address then receives either a single-use link (new address) or a note that it already
// has an account. Step 2, on the linked page, creates the account.
import { audit } from "#app/modules/audit/audit.server";
import { accountExistsMail, signupLinkMail } from "#app/modules/mail/templates.server";
import { queueMail } from "#app/modules/mail/outbox.server";
import { randomToken, sha256Hex } from "#app/utils/crypto.server";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { defaultLanguage, isLanguage, type Language } from "#app/utils/i18n";
import { hashPassword } from "./password.server";
import { hitMailRequest, isUniqueViolation } from "./rate-limit.server";

export const SIGNUP_TTL_MS = 24 * 60 * 60 * 1000;

export function signupVerifyUrl(token: string) {
  return `${env().appUrl}/signup/verify/${token}`;
}

export type RequestSignupResult = { status: "sent" } | { status: "throttled"; retryAfterSeconds: number };

/**
 * Step 1. The caller shows the same answer for "sent" whatever the address; only the e-mail
 * differs. `language` is the page's language, used for a new address; an existing account
 * gets its note in the account's own language.
 */
export async function requestSignup(input: { email: string; language: Language; ip: string }): Promise<RequestSignupResult> {
  const email = input.email.trim().toLowerCase();
  const limited = await hitMailRequest("signup", email, input.ip);
  if (!limited.allowed) return { status: "throttled", retryAfterSeconds: limited.retryAfterSeconds };

  const existing = await prisma.user.findUnique({ where: { email }, select: { locale: true } });
  if (existing) {
    const lng = isLanguage(existing.locale) ? existing.locale : defaultLanguage;
    const content = accountExistsMail(lng, {
      signInUrl: `${env().appUrl}/login`,
      resetUrl: `${env().appUrl}/forgot-password`,
    });
    await queueMail(prisma, { to: email, ...content });
    return { status: "sent" };
  }

  const token = randomToken();
  await prisma.$transaction(async (tx) => {
    await tx.emailVerification.create({
      data: { email, purpose: "SIGNUP", tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + SIGNUP_TTL_MS) },
    });
    await queueMail(tx, { to: email, ...signupLinkMail(input.language, { url: signupVerifyUrl(token) }) });
  });
  return { status: "sent" };
}

/** The address a sign-up link proves, or null when the link is unknown, used or expired. */
export async function getSignupVerification(token: string): Promise<{ email: string } | null> {
  const row = await prisma.emailVerification.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { email: true, purpose: true, usedAt: true, expiresAt: true },
  });
  if (!row || row.purpose !== "SIGNUP" || row.usedAt || row.expiresAt.getTime() <= Date.now()) return null;
  return { email: row.email };
}

export type CompleteSignupResult =
  | { status: "ok"; user: { id: string; locale: string } }
  | { status: "invalid" }
  | { status: "emailTaken" };

/**
 * Step 2: creates the entrant account for the address the link proves. The link is claimed by
 * one conditional update inside the same transaction, so it works once even when submitted
 * twice at the same moment.
 */
export async function completeSignup(input: {
  token: string;
  name: string;
  password: string;
  locale: Language;
  ip?: string | null;
}): Promise<CompleteSignupResult> {
  if (!(await getSignupVerification(input.token))) return { status: "invalid" };
  const passwordHash = await hashPassword(input.password);
  const tokenHash = sha256Hex(input.token);
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const claimed = await tx.emailVerification.updateMany({
        where: { tokenHash, purpose: "SIGNUP", usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) return { status: "invalid" } as const;
      const { email } = await tx.emailVerification.findUniqueOrThrow({ where: { tokenHash }, select: { email: true } });
      const user = await tx.user.create({
        data: { email, name: input.name, passwordHash, locale: input.locale },
        select: { id: true, locale: true },
      });
      await audit(tx, { actorId: user.id, action: "auth.signUp", targetType: "User", targetId: user.id, ip: input.ip });
      return { status: "ok", user } as const;
    });
  } catch (error) {
    // The address got an account meanwhile (another link, an invitation): nothing was written.
    if (isUniqueViolation(error)) return { status: "emailTaken" };
    throw error;
  }
}
