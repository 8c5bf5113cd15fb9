// Signing in with e-mail and password, throttled per address and per client address.
// An unknown address, a wrong password and a disabled account all give the same answer,
// after the same amount of work (verifyPassword hashes against a dummy when there is no account).
import { prisma } from "#app/utils/db.server";
import { verifyPassword } from "./password.server";
import { hit, refund, reset } from "./rate-limit.server";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts allowed per e-mail address per window. */
export const SIGN_IN_EMAIL_LIMIT = 5;
/** Failed attempts allowed per client IP per window (several people may share one address). */
export const SIGN_IN_IP_LIMIT = 30;

export const signInEmailKey = (email: string) => `signin:email:${email.trim().toLowerCase()}`;
export const signInIpKey = (ip: string) => `signin:ip:${ip}`;

export type SignInResult =
  | { status: "ok"; user: { id: string; locale: string } }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks the credentials. Every attempt takes a slot in both counters before the password is
 * looked at, so concurrent guesses cannot slip past the limit; a successful sign-in gives its
 * slots back (the address's counter is cleared). A refused attempt never checks the password.
 */
export async function signIn(input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const emailKey = signInEmailKey(input.email);
  const ipKey = signInIpKey(input.ip);
  const byIp = await hit(ipKey, { limit: SIGN_IN_IP_LIMIT, windowMs: SIGN_IN_WINDOW_MS });
  if (!byIp.allowed) return { status: "throttled", retryAfterSeconds: byIp.retryAfterSeconds };
  const byEmail = await hit(emailKey, { limit: SIGN_IN_EMAIL_LIMIT, windowMs: SIGN_IN_WINDOW_MS });
  if (!byEmail.allowed) {
    await refund(ipKey); // this attempt checked nothing
    return { status: "throttled", retryAfterSeconds: byEmail.retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({
    where: { email: input.email.trim().toLowerCase() },
    select: { id: true, locale: true, passwordHash: true, disabledAt: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !passwordOk || user.disabledAt) return { status: "invalid" };

  await Promise.all([reset(emailKey), refund(ipKey)]);
  return { status: "ok", user: { id: user.id, locale: user.locale } };
}
