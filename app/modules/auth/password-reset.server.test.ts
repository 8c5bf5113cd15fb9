// "Forgot password" and the reset link, through the real routes, database and .eml outbox.
import { describe, expect, it } from "vitest";
import * as forgotRoute from "#app/routes/forgot-password";
import * as resetRoute from "#app/routes/reset-password.$token";
import { prisma } from "#app/utils/db.server";
import { getLanguage } from "#app/utils/locale.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { hashPassword, verifyPassword } from "./password.server";
import { getOptionalUser } from "./session.server";
import { cookieHeader, getRequest, load, mailsTo, submit, tokenFromLink, type Outcome } from "#tests/factories/requests";

const OLD_PASSWORD = "mật khẩu cũ đủ dài";
const NEW_PASSWORD = "mật khẩu mới còn dài hơn";

async function userWithPassword(options: { locale?: string; disabled?: boolean } = {}) {
  const user = await createTestUser();
  return prisma.user.update({
    where: { id: user.id },
    data: {
      passwordHash: await hashPassword(OLD_PASSWORD),
      locale: options.locale ?? "vi",
      disabledAt: options.disabled ? new Date() : null,
    },
  });
}

const forgot = (email: string, ip?: string) => submit(forgotRoute.action, "/forgot-password", { email }, { ip });
const resetPath = (token: string) => `/reset-password/${token}`;
const openLink = (token: string) => load(resetRoute.loader, resetPath(token), { params: { token } });
const choose = (token: string, password: string, confirmPassword = password, cookie?: string) =>
  submit(resetRoute.action, resetPath(token), { password, confirmPassword }, { params: { token }, cookie });

async function resetToken(email: string): Promise<string> {
  expect((await forgot(email)).status).toBe(200);
  return tokenFromLink((await mailsTo(email)).at(-1)!, "/reset-password/");
}

function comparable(outcome: Outcome) {
  return { status: outcome.status, setCookies: outcome.setCookies, location: outcome.location, body: outcome.body };
}

describe("/forgot-password", () => {
  it("answers the same for any address; only an existing, enabled account gets a link", async () => {
    const user = await userWithPassword();
    const disabled = await userWithPassword({ disabled: true });
    const known = await forgot(user.email, "192.0.2.10");
    const unknown = await forgot("khong-ton-tai@example.test", "192.0.2.11");
    const off = await forgot(disabled.email, "192.0.2.12");
    expect(known.status).toBe(200);
    expect(comparable(unknown)).toEqual(comparable(known));
    expect(comparable(off)).toEqual(comparable(known));
    expect(await mailsTo(user.email)).toHaveLength(1);
    expect(await mailsTo("khong-ton-tai@example.test")).toHaveLength(0);
    expect(await mailsTo(disabled.email)).toHaveLength(0);
    const row = await prisma.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 60_000).toBeCloseTo(60, 0);
  });

  it("writes the link in the account's language", async () => {
    const user = await userWithPassword({ locale: "en" });
    await forgot(user.email);
    const [message] = await mailsTo(user.email);
    expect(message!.subject).toBe("Reset your password");
    expect(message!.links.filter((l) => l.includes("/reset-password/"))).toHaveLength(1);
  });
});

describe("/reset-password/:token", () => {
  it("replaces the hash, ends every other session, and signs in with a fresh one", async () => {
    const user = await userWithPassword({ locale: "en" });
    const [laptop, phone] = [await sessionCookie(user.id), await sessionCookie(user.id)];
    const oldHash = user.passwordHash;
    const token = await resetToken(user.email);

    const page = await openLink(token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ email: user.email });

    const done = await choose(token, NEW_PASSWORD, NEW_PASSWORD, laptop);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).not.toBe(oldHash);
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash, OLD_PASSWORD)).toBe(false);

    // Every earlier session is gone (this browser's too); only the new one works.
    expect(await getOptionalUser(getRequest("/", { cookie: laptop }))).toBeNull();
    expect(await getOptionalUser(getRequest("/", { cookie: phone }))).toBeNull();
    const fresh = cookieHeader(done.setCookies, laptop);
    expect((await getOptionalUser(getRequest("/", { cookie: fresh })))?.id).toBe(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await getLanguage(getRequest("/", { cookie: fresh }))).toBe("en");
    expect(await prisma.auditLog.count({ where: { action: "auth.passwordReset", targetId: user.id } })).toBe(1);
  });

  it("works once: the same link, and any other open link of the account, is refused afterwards", async () => {
    const user = await userWithPassword();
    const first = await resetToken(user.email);
    const second = await resetToken(user.email);
    expect((await choose(first, NEW_PASSWORD)).status).toBe(302);

    const replay = await choose(first, "lai mot mat khau khac");
    expect(replay.status).toBe(404);
    expect(replay.body).toMatchObject({ linkInvalid: true });
    expect((await openLink(first)).status).toBe(404);
    expect((await choose(second, "lai mot mat khau khac")).status).toBe(404);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it("refuses an expired link, an unknown one, and one for an account disabled since", async () => {
    const user = await userWithPassword();
    const expired = await resetToken(user.email);
    await prisma.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await openLink(expired)).status).toBe(404);
    expect((await choose(expired, NEW_PASSWORD)).status).toBe(404);

    expect((await choose("khong-co-lien-ket-nay", NEW_PASSWORD)).status).toBe(404);

    const later = await resetToken(user.email);
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await choose(later, NEW_PASSWORD)).status).toBe(404);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash, OLD_PASSWORD)).toBe(true);
  });

  it("answers mismatched passwords with 400 and changes nothing", async () => {
    const user = await userWithPassword();
    const token = await resetToken(user.email);
    const outcome = await choose(token, NEW_PASSWORD, "mot mat khau khac han");
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ result: { error: { confirmPassword: ["validation.passwordsDiffer"] } } });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect((await openLink(token)).status).toBe(200);
  });
});
