// Fixed-window counters in the RateLimit table, shared by every app instance (never in
// memory). Each step is one conditional statement, so concurrent requests cannot both take
// the last slot: the database decides which UPDATE matches.
import { prisma } from "#app/utils/db.server";

export interface RateLimitOptions {
  /** How many hits a window allows. */
  limit: number;
  windowMs: number;
  /** The clock, for tests; defaults to now. */
  now?: Date;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** True for a unique-constraint violation, whichever database client raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Counts one hit against `key`. Allowed while the current window holds fewer than `limit`
 * hits; a refused hit is not counted (the window does not grow while someone keeps trying).
 */
export async function hit(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
  if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new Error("rate limit needs limit >= 1 and windowMs > 0");
  const now = options.now ?? new Date();
  const windowFloor = new Date(now.getTime() - options.windowMs);
  for (let attempt = 0; attempt < 3; attempt++) {
    // 1. A window is running and has room: take a slot.
    const taken = await prisma.rateLimit.updateMany({
      where: { key, windowStart: { gt: windowFloor }, count: { lt: options.limit } },
      data: { count: { increment: 1 } },
    });
    if (taken.count === 1) return { allowed: true };
    // 2. The window has ended: start a new one with this hit (only one request can win).
    const restarted = await prisma.rateLimit.updateMany({
      where: { key, windowStart: { lte: windowFloor } },
      data: { count: 1, windowStart: now, blockedTill: null },
    });
    if (restarted.count === 1) return { allowed: true };
    // 3. Either no row yet, or a running window that is full.
    const row = await prisma.rateLimit.findUnique({ where: { key }, select: { windowStart: true } });
    if (row) {
      if (row.windowStart.getTime() > windowFloor.getTime()) {
        return refusedUntil(row.windowStart, now, options);
      }
      continue; // the window ended between the statements: go round again
    }
    try {
      await prisma.rateLimit.create({ data: { key, count: 1, windowStart: now } });
      return { allowed: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request created it first: go round and take a slot in its window.
    }
  }
  // Only reachable under extreme contention on one key; refusing is the safe answer.
  return refusedUntil(now, now, options);
}

function refusedUntil(windowStart: Date, now: Date, options: RateLimitOptions): RateLimitResult {
  const endsAt = windowStart.getTime() + options.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

/** Gives one hit back (e.g. the attempt turned out to be a successful sign-in). Never below zero. */
export async function refund(key: string): Promise<void> {
  await prisma.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** Forgets the counter, e.g. after a successful sign-in for that e-mail. */
export async function reset(key: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key } });
}

/** Requests that make the portal send an e-mail (sign-up, password reset), per hour. */
export const MAIL_REQUEST_WINDOW_MS = 60 * 60 * 1000;
export const MAIL_REQUEST_EMAIL_LIMIT = 5;
export const MAIL_REQUEST_IP_LIMIT = 100;

/**
 * Guards the flows that e-mail an address anyone can type (so nobody can flood an inbox
 * through the portal). The answer depends only on the counters, never on whether the
 * address has an account.
 */
export async function hitMailRequest(flow: "signup" | "reset", email: string, ip: string): Promise<RateLimitResult> {
  const options = { windowMs: MAIL_REQUEST_WINDOW_MS };
  const byIp = await hit(`${flow}:ip:${ip}`, { ...options, limit: MAIL_REQUEST_IP_LIMIT });
  if (!byIp.allowed) return byIp;
  const byEmail = await hit(`${flow}:email:${email.trim().toLowerCase()}`, { ...options, limit: MAIL_REQUEST_EMAIL_LIMIT });
  if (!byEmail.allowed) await refund(`${flow}:ip:${ip}`);
  return byEmail;
}
