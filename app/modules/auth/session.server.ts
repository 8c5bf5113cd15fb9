// Server-side sessions. The cookie holds a random token; the database holds its SHA-256.
// Signing in always creates a new session (no fixation); signing out deletes the row, so a
// stolen cookie stops working at once.
import { createCookie, redirect } from "@remix-run/node";
import { defaultLanguage, isLanguage } from "#app/utils/i18n";
import { setLanguageCookie } from "#app/utils/locale.server";
import { randomToken, sha256Hex } from "#app/utils/crypto.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { clientIp, isHttps } from "#app/utils/request.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("portal_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: env().sessionSecrets,
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  isAdmin: boolean;
  isOrganizer: boolean;
}

const userSelect = { id: true, email: true, name: true, locale: true, isAdmin: true, isOrganizer: true } as const;

/**
 * Starts a new session for the user and returns the Set-Cookie header value. A session this
 * browser already had is deleted: signing in never keeps an old session id.
 */
export async function createSession(userId: string, request: Request): Promise<string> {
  const previous = await sessionToken(request);
  if (previous) await prisma.session.deleteMany({ where: { id: sha256Hex(previous) } });
  const token = randomToken();
  await prisma.session.create({
    data: {
      id: sha256Hex(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
      ip: clientIp(request),
    },
  });
  return sessionCookie().serialize(token, { secure: isHttps(request) });
}

async function sessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** The signed-in user, or null. Expired sessions and disabled accounts count as signed out. */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { id: sha256Hex(token) },
    select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: { ...userSelect, disabledAt: true } } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now() || session.user.disabledAt) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  const { disabledAt: _disabled, ...user } = session.user;
  return user;
}

/**
 * The signed-in user. A signed-out visitor gets 403 (nothing about the page leaks, not even
 * where it leads); the error page then shows a sign-in form that brings them back here.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  throw new Response(SIGN_IN_REQUIRED, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Ends this session (the row is deleted) and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await sessionToken(request);
  if (token) await prisma.session.deleteMany({ where: { id: sha256Hex(token) } });
  return sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) });
}

/** Ends every session of a user, e.g. after a password reset (inside its transaction when given one). */
export async function destroyAllSessions(userId: string, db: Tx = prisma) {
  await db.session.deleteMany({ where: { userId } });
}

/**
 * The response to every successful sign-in (password, sign-up, reset, invitation): a fresh
 * session, the language cookie set to the account's saved language, and a redirect.
 */
export async function signedInRedirect(
  request: Request,
  user: { id: string; locale: string },
  to: string,
): Promise<Response> {
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(user.id, request));
  headers.append("Set-Cookie", await setLanguageCookie(request, isLanguage(user.locale) ? user.locale : defaultLanguage));
  return redirect(to, { headers });
}
