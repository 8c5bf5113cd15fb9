// Test accounts and their sessions, through the real session code and database.
// (Requests and outcomes for routes: #tests/factories/requests.)
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
