// Test accounts and signed-in requests, through the real session code and database.
import crypto from "node:crypto";
import { createSession } from "#app/modules/auth/session.server";
import { prisma } from "#app/utils/db.server";

export interface TestUserOptions {
  name?: string;
  email?: string;
  isAdmin?: boolean;
  isOrganizer?: boolean;
  unit?: string;
}

export async function createTestUser(options: TestUserOptions = {}) {
  const suffix = crypto.randomBytes(4).toString("hex");
  return prisma.user.create({
    data: {
      name: options.name ?? `Nguyễn Văn ${suffix}`,
      email: options.email ?? `user-${suffix}@example.test`,
      isAdmin: options.isAdmin ?? false,
      isOrganizer: options.isOrganizer ?? false,
      unit: options.unit ?? null,
    },
  });
}

/** The Cookie header of a fresh session for the user. */
export async function sessionCookie(userId: string): Promise<string> {
  const setCookie = await createSession(userId, new Request("http://localhost/"));
  return setCookie.split(";")[0]!;
}

const ORIGIN = "http://localhost";

/** A Request as the browser would send it, signed in when a cookie is given. */
export function pageRequest(pathname: string, cookie?: string): Request {
  return new Request(ORIGIN + pathname, { headers: cookie ? { Cookie: cookie } : {} });
}

export function formRequest(pathname: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  return new Request(ORIGIN + pathname, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

/** Runs a loader/action and returns its Response, whether it was returned or thrown. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
