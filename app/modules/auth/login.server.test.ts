// Signing in and out through the real routes, sessions and database.
import { beforeEach, describe, expect, it } from "vitest";
import * as loginRoute from "#app/routes/login";
import * as logoutRoute from "#app/routes/logout";
import { prisma } from "#app/utils/db.server";
import { getLanguage } from "#app/utils/locale.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { SIGN_IN_EMAIL_LIMIT, SIGN_IN_IP_LIMIT } from "./login.server";
import { hashPassword } from "./password.server";
import { getOptionalUser } from "./session.server";
import { cookieHeader, getRequest, load, submit, type Outcome } from "#tests/factories/requests";

const PASSWORD = "mật khẩu đủ dài 2026";

async function userWithPassword(options: { email?: string; locale?: string; disabled?: boolean } = {}) {
  const user = await createTestUser({ email: options.email });
  return prisma.user.update({
    where: { id: user.id },
    data: {
      passwordHash: await hashPassword(PASSWORD),
      locale: options.locale ?? "vi",
      disabledAt: options.disabled ? new Date() : null,
    },
  });
}

function login(fields: Record<string, string>, options: { cookie?: string; ip?: string } = {}) {
  return submit(loginRoute.action, "/login", fields, options);
}

/** The answer with the typed address blanked out, to compare answers for different addresses. */
function anonymised(outcome: Outcome, email: string) {
  return {
    status: outcome.status,
    setCookies: outcome.setCookies,
    location: outcome.location,
    body: JSON.parse(JSON.stringify(outcome.body).replaceAll(email, "<email>")) as unknown,
  };
}

let ipCounter = 0;
let ip: string;
beforeEach(() => {
  ip = `198.51.100.${++ipCounter}`; // each test its own client address
});

describe("/login", () => {
  it("answers a wrong password and an unknown address identically, and echoes no password", async () => {
    const user = await userWithPassword();
    const wrongPassword = await login({ email: user.email, password: "wrong password 123" }, { ip });
    const unknownEmail = await login({ email: "khong-ai-ca@example.test", password: "wrong password 123" }, { ip });
    expect(wrongPassword.status).toBe(400);
    expect(anonymised(wrongPassword, user.email)).toEqual(anonymised(unknownEmail, "khong-ai-ca@example.test"));
    expect(JSON.stringify(wrongPassword.body)).toContain("auth:errors.invalidCredentials");
    expect(JSON.stringify(wrongPassword.body)).not.toContain("wrong password 123");
    expect(wrongPassword.setCookies).toEqual([]);
  });

  it("refuses a disabled account with the same message, even with the right password", async () => {
    const user = await userWithPassword({ disabled: true });
    const outcome = await login({ email: user.email, password: PASSWORD }, { ip });
    expect(outcome.status).toBe(400);
    expect(JSON.stringify(outcome.body)).toContain("auth:errors.invalidCredentials");
    expect(outcome.setCookies).toEqual([]);
  });

  it("signs in with a new session, the account's language and a safe redirect", async () => {
    const user = await userWithPassword({ email: "Tac.Gia@Example.test".toLowerCase(), locale: "en" });
    const oldCookie = await sessionCookie(user.id);
    const [oldSession] = await prisma.session.findMany({ where: { userId: user.id } });
    expect(oldSession).toBeDefined();

    const outcome = await login(
      { email: "  Tac.Gia@EXAMPLE.test ", password: PASSWORD, redirectTo: "/organize?tab=1" },
      { cookie: oldCookie, ip },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/organize?tab=1");
    const cookie = cookieHeader(outcome.setCookies, oldCookie);
    expect(cookie).not.toContain(oldCookie);
    const signedIn = await getOptionalUser(getRequest("/", { cookie }));
    expect(signedIn?.id).toBe(user.id);
    // The old session is gone: the user has exactly one session, with a new id.
    const sessions = await prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(oldSession!.id);
    expect(await getOptionalUser(getRequest("/", { cookie: oldCookie }))).toBeNull();
    expect(await getLanguage(getRequest("/", { cookie }))).toBe("en");
  });

  it("never redirects to another site", async () => {
    const user = await userWithPassword();
    for (const redirectTo of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const outcome = await login({ email: user.email, password: PASSWORD, redirectTo }, { ip });
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe("/");
    }
  });

  it("answers invalid input with 400 and field errors", async () => {
    const outcome = await login({ email: "not-an-address", password: "" }, { ip });
    expect(outcome.status).toBe(400);
    const body = outcome.body as { result: { error: Record<string, string[]> } };
    expect(body.result.error.email).toEqual(["validation.email"]);
    expect(body.result.error.password).toEqual(["validation.required"]);
  });

  it("refuses the tenth wrong password in a row with 429, without checking even the right one", async () => {
    const user = await userWithPassword();
    const statuses: number[] = [];
    let last: Outcome | undefined;
    for (let i = 1; i <= 10; i++) {
      last = await login({ email: user.email, password: `wrong password ${i}` }, { ip: `${ip}-${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([
      ...Array<number>(SIGN_IN_EMAIL_LIMIT).fill(400),
      ...Array<number>(10 - SIGN_IN_EMAIL_LIMIT).fill(429),
    ]);
    expect(last!.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(JSON.stringify(last!.body)).toContain("auth:errors.tooManyAttempts|");
    // The right password now is refused the same way: the password is not even looked at.
    const right = await login({ email: user.email, password: PASSWORD }, { ip });
    expect(right.status).toBe(429);
    expect(right.setCookies).toEqual([]);
    // Other addresses are not affected.
    const other = await userWithPassword();
    expect((await login({ email: other.email, password: PASSWORD }, { ip })).status).toBe(302);
    // Once the window has passed, the right password works again.
    await prisma.rateLimit.updateMany({ data: { windowStart: new Date(Date.now() - 16 * 60_000) } });
    expect((await login({ email: user.email, password: PASSWORD }, { ip })).status).toBe(302);
  });

  it("clears an address's failures after a successful sign-in", async () => {
    const user = await userWithPassword();
    for (let i = 0; i < SIGN_IN_EMAIL_LIMIT - 1; i++) await login({ email: user.email, password: "wrong password x" }, { ip });
    expect((await login({ email: user.email, password: PASSWORD }, { ip })).status).toBe(302);
    for (let i = 0; i < SIGN_IN_EMAIL_LIMIT; i++) {
      expect((await login({ email: user.email, password: "wrong password y" }, { ip })).status).toBe(400);
    }
  });

  it(`refuses a client address after ${SIGN_IN_IP_LIMIT} failures, whichever addresses it tried`, async () => {
    const user = await userWithPassword();
    for (let i = 0; i < SIGN_IN_IP_LIMIT; i++) {
      const outcome = await login({ email: `doan-${i}@example.test`, password: "wrong password" }, { ip });
      expect(outcome.status).toBe(400);
    }
    expect((await login({ email: user.email, password: PASSWORD }, { ip })).status).toBe(429);
    expect((await login({ email: user.email, password: PASSWORD }, { ip: `${ip}-other` })).status).toBe(302);
  });

  it("sends a signed-in visitor on from the page", async () => {
    const user = await userWithPassword();
    const cookie = await sessionCookie(user.id);
    const page = await load(loginRoute.loader, "/login?redirectTo=%2Forganize", { cookie });
    expect(page.status).toBe(302);
    expect(page.location).toBe("/organize");
    expect((await load(loginRoute.loader, "/login")).status).toBe(200);
  });
});

describe("/logout", () => {
  it("POST deletes the session row and clears the cookie; GET signs nobody out", async () => {
    const user = await userWithPassword();
    const cookie = await sessionCookie(user.id);

    const viaGet = await load(logoutRoute.loader, "/logout", { cookie });
    expect(viaGet.status).toBe(302);
    expect(viaGet.location).toBe("/");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    const viaPost = await submit(logoutRoute.action, "/logout", {}, { cookie });
    expect(viaPost.status).toBe(302);
    expect(viaPost.location).toBe("/");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(cookieHeader(viaPost.setCookies, cookie)).toBe("");
    expect(await getOptionalUser(getRequest("/", { cookie }))).toBeNull();
  });
});
