// Entrant sign-up through the real routes, database and .eml outbox.
import { describe, expect, it } from "vitest";
import * as signupRoute from "#app/routes/signup";
import * as verifyRoute from "#app/routes/signup_.verify.$token";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { getLanguage, setLanguageCookie } from "#app/utils/locale.server";
import { createTestUser } from "#tests/factories/accounts";
import { verifyPassword } from "./password.server";
import { MAIL_REQUEST_EMAIL_LIMIT } from "./rate-limit.server";
import { getOptionalUser } from "./session.server";
import { completeSignup, requestSignup } from "./signup.server";
import { cookieHeader, getRequest, load, mailsTo, submit, tokenFromLink, type Outcome } from "#tests/factories/requests";

const PASSWORD = "một mật khẩu dài 2026";

const askForLink = (email: string, options: { cookie?: string; ip?: string } = {}) =>
  submit(signupRoute.action, "/signup", { email }, options);

const verifyPath = (token: string) => `/signup/verify/${token}`;
const openLink = (token: string) => load(verifyRoute.loader, verifyPath(token), { params: { token } });
const finish = (token: string, fields: Record<string, string>, cookie?: string) =>
  submit(verifyRoute.action, verifyPath(token), fields, { params: { token }, cookie });

async function englishCookie() {
  return cookieHeader([await setLanguageCookie(getRequest("/"), "en")]);
}

function comparable(outcome: Outcome) {
  return { status: outcome.status, setCookies: outcome.setCookies, location: outcome.location, body: outcome.body };
}

async function signupToken(email: string): Promise<string> {
  expect((await askForLink(email)).status).toBe(200);
  const [message] = (await mailsTo(email)).slice(-1);
  return tokenFromLink(message!, "/signup/verify/");
}

describe("/signup step 1", () => {
  it("answers the same for a new and a registered address; both get an e-mail, with different content", async () => {
    const existing = await createTestUser({ email: "da-co@example.test" });
    const forExisting = await askForLink(existing.email, { ip: "192.0.2.1" });
    const forNew = await askForLink("chua-co@example.test", { ip: "192.0.2.2" });
    expect(forNew.status).toBe(200);
    expect(comparable(forExisting)).toEqual(comparable(forNew));
    expect(forNew.body).toMatchObject({ sent: true });

    const [toExisting, ...moreToExisting] = await mailsTo(existing.email);
    const [toNew, ...moreToNew] = await mailsTo("chua-co@example.test");
    expect(moreToExisting).toEqual([]);
    expect(moreToNew).toEqual([]);
    expect(toNew!.subject).toBe("Xác nhận địa chỉ e-mail để đăng ký tài khoản");
    expect(toNew!.links.some((l) => l.includes("/signup/verify/"))).toBe(true);
    expect(toExisting!.subject).toBe("Địa chỉ e-mail của bạn đã có tài khoản");
    expect(toExisting!.links).toEqual([`${env().appUrl}/login`, `${env().appUrl}/forgot-password`]);
    // No link to create a second account for a registered address.
    expect(await prisma.emailVerification.count({ where: { email: existing.email } })).toBe(0);
    expect(await prisma.emailVerification.count({ where: { email: "chua-co@example.test" } })).toBe(1);
  });

  it("stores only the SHA-256 of the link's token, valid for 24 hours", async () => {
    const token = await signupToken("bam@example.test");
    const row = await prisma.emailVerification.findFirstOrThrow({ where: { email: "bam@example.test" } });
    expect(row.purpose).toBe("SIGNUP");
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token);
    const hours = (row.expiresAt.getTime() - row.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(24, 1);
  });

  it("rejects an invalid address with 400 and sends nothing", async () => {
    const outcome = await askForLink("khong phai dia chi");
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ sent: false, result: { error: { email: ["validation.email"] } } });
    expect(await prisma.emailVerification.count({ where: { email: { contains: "khong" } } })).toBe(0);
    expect(await mailsTo("khong phai dia chi")).toEqual([]);
  });

  it(`refuses more than ${MAIL_REQUEST_EMAIL_LIMIT} requests an hour for one address, registered or not`, async () => {
    const registered = await createTestUser();
    for (const email of [registered.email, "nhieu-lan@example.test"]) {
      for (let i = 0; i < MAIL_REQUEST_EMAIL_LIMIT; i++) expect((await askForLink(email)).status).toBe(200);
      const refused = await askForLink(email);
      expect(refused.status).toBe(429);
      expect(JSON.stringify(refused.body)).toContain("auth:errors.tooManyAttempts|");
      expect(await mailsTo(email)).toHaveLength(MAIL_REQUEST_EMAIL_LIMIT);
    }
  });
});

describe("/signup/verify/:token", () => {
  it("creates exactly one account in the page's language, signs it in, and cannot be replayed", async () => {
    const email = "tac-gia-moi@example.test";
    const token = await signupToken(email);

    const page = await openLink(token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ email });

    const lng = await englishCookie();
    const done = await finish(token, { name: "  Nguyễn Thị Hoa  ", password: PASSWORD, confirmPassword: PASSWORD }, lng);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/");
    const cookie = cookieHeader(done.setCookies, lng);
    const signedIn = await getOptionalUser(getRequest("/", { cookie }));
    expect(signedIn).toMatchObject({ email, name: "Nguyễn Thị Hoa", locale: "en", isAdmin: false, isOrganizer: false });
    expect(await getLanguage(getRequest("/", { cookie }))).toBe("en");
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "auth.signUp", targetId: user.id } })).toBe(1);

    // Replaying the link: refused, nothing more created.
    const replay = await finish(token, { name: "Kẻ khác", password: "mat khau khac 99", confirmPassword: "mat khau khac 99" });
    expect(replay.status).toBe(404);
    expect(replay.body).toMatchObject({ linkInvalid: true });
    expect(replay.setCookies).toEqual([]);
    expect((await openLink(token)).status).toBe(404);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe("Nguyễn Thị Hoa");
  });

  it("creates one account when the same link is submitted twice at once", async () => {
    const token = await signupToken("cung-luc@example.test");
    const input = { token, name: "Trần Văn Cùng", password: PASSWORD, locale: "vi" as const };
    const results = await Promise.all([completeSignup(input), completeSignup(input), completeSignup(input)]);
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(await prisma.user.count({ where: { email: "cung-luc@example.test" } })).toBe(1);
  });

  it("refuses an expired link with the translated page and a 404", async () => {
    const token = await signupToken("het-han@example.test");
    await prisma.emailVerification.updateMany({
      where: { email: "het-han@example.test" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const page = await openLink(token);
    expect(page.status).toBe(404);
    expect(page.body).toEqual({ email: null });
    const done = await finish(token, { name: "Lê Hết", password: PASSWORD, confirmPassword: PASSWORD });
    expect(done.status).toBe(404);
    expect(await prisma.user.count({ where: { email: "het-han@example.test" } })).toBe(0);
    expect((await openLink("khong-co-token-nay")).status).toBe(404);
  });

  it("answers mismatched or short passwords with 400 field errors and keeps the link usable", async () => {
    const token = await signupToken("sai-mat-khau@example.test");
    const mismatch = await finish(token, { name: "Phạm Sai", password: PASSWORD, confirmPassword: PASSWORD + "x" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ result: { error: { confirmPassword: ["validation.passwordsDiffer"] } } });
    expect(JSON.stringify(mismatch.body)).not.toContain(PASSWORD);

    const short = await finish(token, { name: "Phạm Sai", password: "ngan", confirmPassword: "ngan" });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ result: { error: { password: ['validation.passwordTooShort|{"min":10}'] } } });

    expect((await openLink(token)).status).toBe(200);
    expect(await prisma.user.count({ where: { email: "sai-mat-khau@example.test" } })).toBe(0);
  });

  it("does not create a second account when the address got one after the link was sent", async () => {
    const token = await signupToken("vua-co@example.test");
    await createTestUser({ email: "vua-co@example.test" });
    const done = await finish(token, { name: "Hai Lần", password: PASSWORD, confirmPassword: PASSWORD });
    expect(done.status).toBe(400);
    expect(JSON.stringify(done.body)).toContain("auth:errors.emailTaken");
    expect(await prisma.user.count({ where: { email: "vua-co@example.test" } })).toBe(1);
  });

  it("writes the new-address e-mail in the language of the page it was asked from", async () => {
    await requestSignup({ email: "english@example.test", language: "en", ip: "192.0.2.9" });
    const [message] = await mailsTo("english@example.test");
    expect(message!.subject).toBe("Confirm your e-mail address to create your account");
  });
});
