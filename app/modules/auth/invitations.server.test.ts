// Joining by invitation, through the real route, database and .eml outbox.
import { describe, expect, it } from "vitest";
import * as invitationRoute from "#app/routes/invitations.$token";
import { sha256Hex } from "#app/utils/crypto.server";
import { prisma } from "#app/utils/db.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import {
  acceptInvitationAsUser,
  createInvitation,
  ensureFirstAdminLink,
  inviteByEmail,
  resendInvitation,
} from "./invitations.server";
import { hashPassword, verifyPassword } from "./password.server";
import { getOptionalUser } from "./session.server";
import { cookieHeader, getRequest, load, mailsTo, submit, tokenFromLink } from "#tests/factories/requests";

const PASSWORD = "mật khẩu giám khảo 2026";

const path = (token: string) => `/invitations/${token}`;
const open = (token: string, cookie?: string) =>
  load(invitationRoute.loader, path(token), { params: { token }, cookie });
const post = (token: string, fields: Record<string, string>, cookie?: string) =>
  submit(invitationRoute.action, path(token), fields, { params: { token }, cookie });

async function contest(title = "Bảo vệ nền tảng tư tưởng của Đảng năm 2026") {
  const slug = `cuoc-thi-${Math.random().toString(36).slice(2, 8)}`;
  return prisma.contest.create({ data: { slug, title } });
}

/** Invites by e-mail as the lead's pages do, and returns the token from the message sent. */
async function invite(input: Omit<Parameters<typeof inviteByEmail>[0], "language"> & { language?: "vi" | "en" }) {
  const { id, url } = await inviteByEmail({ language: "vi", ...input });
  const message = (await mailsTo(input.email)).at(-1)!;
  const token = tokenFromLink(message, "/invitations/");
  expect(url.endsWith(`/invitations/${token}`)).toBe(true);
  return { id, token, message };
}

describe("the first-admin link", () => {
  it("creates the first admin (admin and organizer), signs in, lands on /admin, and works once", async () => {
    const earlier = await createInvitation({ role: "ADMIN", email: null });
    const link = await ensureFirstAdminLink();
    expect(link).not.toBeNull();
    const token = new URL(link!).pathname.split("/").pop()!;
    // A fresh start revoked the earlier, unused link.
    expect((await open(earlier.token)).status).toBe(404);

    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ kind: "firstAdmin" });

    const invalid = await post(token, { name: "Quản Trị", email: "khong-hop-le", password: PASSWORD, confirmPassword: PASSWORD });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ result: { error: { email: ["validation.email"] } } });

    const done = await post(token, {
      name: "Quản Trị Viên",
      email: "Admin@Example.test",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/admin");
    const me = await getOptionalUser(getRequest("/", { cookie: cookieHeader(done.setCookies) }));
    expect(me).toMatchObject({ email: "admin@example.test", name: "Quản Trị Viên", isAdmin: true, isOrganizer: true });
    const invitation = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } });
    expect(invitation.acceptedAt).not.toBeNull();
    expect(invitation.acceptedUserId).toBe(me!.id);
    expect(await prisma.auditLog.count({ where: { action: "invitation.accept", targetId: invitation.id, actorId: me!.id } })).toBe(1);

    // Used up, and no new link while an admin exists.
    expect((await open(token)).status).toBe(404);
    const again = await post(token, { name: "Kẻ Thứ Hai", email: "hai@example.test", password: PASSWORD, confirmPassword: PASSWORD });
    expect(again.status).toBe(404);
    expect(await prisma.user.count({ where: { isAdmin: true } })).toBe(1);
    expect(await ensureFirstAdminLink()).toBeNull();
  });
});

describe("an invitation to a contest role", () => {
  it("lets a judge without an account create one for the invited address and join the contest", async () => {
    const organizer = await createTestUser({ name: "Lê Văn Tổ Chức", isOrganizer: true });
    const c = await contest();
    const { token, message } = await invite({
      role: "JUDGE",
      email: "Giam.Khao@Example.test",
      contestId: c.id,
      invitedById: organizer.id,
    });
    expect(message.subject).toBe(`Lời mời tham gia cuộc thi «${c.title}» với vai trò Giám khảo`);
    expect(message.text).toContain("Người mời: Lê Văn Tổ Chức.");
    expect(await prisma.auditLog.count({ where: { action: "invitation.create", contestId: c.id } })).toBe(1);

    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ kind: "newAccount", email: "giam.khao@example.test", role: "JUDGE", contestTitle: c.title });

    // The address comes from the invitation; one typed into the form is ignored.
    const done = await post(token, {
      name: "Phạm Thị Giám Khảo",
      email: "someone-else@example.test",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/judge");
    const judge = await prisma.user.findUniqueOrThrow({ where: { email: "giam.khao@example.test" } });
    expect(judge).toMatchObject({ name: "Phạm Thị Giám Khảo", isAdmin: false, isOrganizer: false });
    expect(await verifyPassword(judge.passwordHash, PASSWORD)).toBe(true);
    expect(await prisma.user.count({ where: { email: "someone-else@example.test" } })).toBe(0);
    const memberships = await prisma.contestMember.findMany({ where: { userId: judge.id } });
    expect(memberships.map((m) => [m.contestId, m.role, m.revokedAt])).toEqual([[c.id, "JUDGE", null]]);
    expect((await getOptionalUser(getRequest("/", { cookie: cookieHeader(done.setCookies) })))?.id).toBe(judge.id);
    expect(
      await prisma.auditLog.count({ where: { action: "invitation.accept", contestId: c.id, actorId: judge.id } }),
    ).toBe(1);

    // Accepted once; the link is dead afterwards.
    expect((await open(token)).status).toBe(404);
    const replay = await post(token, { name: "Lần Hai", password: PASSWORD, confirmPassword: PASSWORD });
    expect(replay.status).toBe(404);
    expect(await prisma.contestMember.count({ where: { contestId: c.id } })).toBe(1);
  });

  it("sends an invitee who has an account to sign in, then accepts with one button", async () => {
    const admin = await createTestUser({ isAdmin: true });
    const existing = await createTestUser({ email: "da-co-tai-khoan@example.test" });
    const { token } = await invite({ role: "ORGANIZER", email: existing.email, contestId: null, invitedById: admin.id });

    const signedOut = await open(token);
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toBe(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    // Not signed in, posting a new-account form cannot take over the existing account.
    const takeover = await post(token, { name: "Kẻ Mạo Danh", password: PASSWORD, confirmPassword: PASSWORD });
    expect(takeover.status).toBe(302);
    expect(takeover.location).toMatch(/^\/login\?/);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).passwordHash).toBeNull();

    const cookie = await sessionCookie(existing.id);
    const page = await open(token, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ kind: "confirm", email: existing.email, role: "ORGANIZER", contestTitle: null });

    const done = await post(token, {}, cookie);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/organize");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after).toMatchObject({ isOrganizer: true, isAdmin: false, name: existing.name });
    expect(await prisma.contestMember.count({ where: { userId: existing.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "invitation.accept", actorId: existing.id } })).toBe(1);
    expect((await open(token, cookie)).status).toBe(404);
  });

  it("cannot be accepted by a signed-in user with another address", async () => {
    const c = await contest();
    const intended = await createTestUser({ email: "nguoi-duoc-moi@example.test" });
    const intruder = await createTestUser({ email: "nguoi-khac@example.test" });
    const intruderCookie = await sessionCookie(intruder.id);
    const { token, id } = await invite({ role: "SECRETARY", email: intended.email, contestId: c.id, invitedById: null });

    const page = await open(token, intruderCookie);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ kind: "wrongUser", email: intended.email, currentEmail: intruder.email });

    expect((await post(token, {}, intruderCookie)).status).toBe(403);
    expect(await acceptInvitationAsUser({ token, viewer: { id: intruder.id, email: intruder.email } })).toEqual({
      status: "wrongUser",
    });
    expect(await prisma.contestMember.count({ where: { contestId: c.id } })).toBe(0);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeNull();

    // Nor when the invited address has no account yet: B cannot create A's account while signed in.
    const { token: second } = await invite({ role: "JUDGE", email: "chua-co@example.test", contestId: c.id, invitedById: null });
    const attempt = await post(second, { name: "Kẻ Khác", password: PASSWORD, confirmPassword: PASSWORD }, intruderCookie);
    expect(attempt.status).toBe(403);
    expect(await prisma.user.count({ where: { email: "chua-co@example.test" } })).toBe(0);

    // The intended user still can, and lands where a secretary works.
    const done = await post(token, {}, await sessionCookie(intended.id));
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/organize/${c.id}/conflicts`);
    expect(await prisma.contestMember.count({ where: { contestId: c.id, userId: intended.id, role: "SECRETARY" } })).toBe(1);
  });

  it("answers 404 for an expired, revoked or unknown link; a new invitation revokes the older one", async () => {
    const c = await contest();
    const expired = await invite({ role: "JUDGE", email: "het-han@example.test", contestId: c.id, invitedById: null });
    await prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await open(expired.token)).status).toBe(404);
    expect((await post(expired.token, { name: "Hết Hạn", password: PASSWORD, confirmPassword: PASSWORD })).status).toBe(404);

    const older = await invite({ role: "JUDGE", email: "moi-lai@example.test", contestId: c.id, invitedById: null });
    const newer = await invite({ role: "JUDGE", email: "moi-lai@example.test", contestId: c.id, invitedById: null });
    expect((await open(older.token)).status).toBe(404);
    expect((await open(newer.token)).status).toBe(200);

    expect((await open("khong-co-loi-moi-nay")).status).toBe(404);
    expect(await prisma.user.count({ where: { email: { in: ["het-han@example.test", "moi-lai@example.test"] } } })).toBe(0);
  });

  it("re-admits a member whose role was revoked, instead of failing on the existing row", async () => {
    const c = await contest();
    const judge = await createTestUser();
    await prisma.user.update({ where: { id: judge.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    await prisma.contestMember.create({ data: { contestId: c.id, userId: judge.id, role: "JUDGE", revokedAt: new Date() } });
    const { token } = await invite({ role: "JUDGE", email: judge.email, contestId: c.id, invitedById: null });
    expect((await post(token, {}, await sessionCookie(judge.id))).status).toBe(302);
    const rows = await prisma.contestMember.findMany({ where: { contestId: c.id, userId: judge.id } });
    expect(rows.map((r) => r.revokedAt)).toEqual([null]);
  });

  it("lands a contest's new organizer on the contest", async () => {
    const c = await contest();
    const { token } = await invite({ role: "ORGANIZER", email: "btc-moi@example.test", contestId: c.id, invitedById: null });
    const done = await post(token, { name: "Đỗ Thị Ban Tổ Chức", password: PASSWORD, confirmPassword: PASSWORD });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/organize/${c.id}`);
  });

  it("resends an open invitation with a new link; the old link is dead; logged", async () => {
    const c = await contest();
    const organizer = await createTestUser({ isOrganizer: true });
    const first = await invite({ role: "JUDGE", email: "gui-lai@example.test", contestId: c.id, invitedById: organizer.id });
    const again = await resendInvitation({ invitationId: first.id, contestId: c.id, invitedById: organizer.id, language: "vi", ip: "198.51.100.4" });
    expect(again).toMatchObject({ email: "gui-lai@example.test" });
    const messages = await mailsTo("gui-lai@example.test");
    expect(messages).toHaveLength(2);
    const token = tokenFromLink(messages[1]!, "/invitations/");
    expect(token).not.toBe(first.token);
    expect(again!.url.endsWith(token)).toBe(true);
    expect((await open(first.token)).status).toBe(404);
    expect((await open(token)).status).toBe(200);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "invitation.resend", contestId: c.id } });
    expect(log).toMatchObject({ actorId: organizer.id, targetId: again!.id, ip: "198.51.100.4" });
    expect(JSON.parse(log.data)).toEqual({ role: "JUDGE", email: "gui-lai@example.test", previousId: first.id });
  });

  it("does not resend an invitation of another contest, nor one accepted or revoked", async () => {
    const c = await contest();
    const other = await contest("Cuộc thi khác");
    const foreign = await invite({ role: "SECRETARY", email: "cua-cuoc-thi-khac@example.test", contestId: other.id, invitedById: null });
    expect(await resendInvitation({ invitationId: foreign.id, contestId: c.id, invitedById: null, language: "vi" })).toBeNull();
    const revoked = await invite({ role: "JUDGE", email: "da-thu-hoi@example.test", contestId: c.id, invitedById: null });
    await prisma.invitation.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect(await resendInvitation({ invitationId: revoked.id, contestId: c.id, invitedById: null, language: "vi" })).toBeNull();
    const accepted = await invite({ role: "JUDGE", email: "da-nhan@example.test", contestId: c.id, invitedById: null });
    expect((await post(accepted.token, { name: "Đã Nhận", password: PASSWORD, confirmPassword: PASSWORD })).status).toBe(302);
    expect(await resendInvitation({ invitationId: accepted.id, contestId: c.id, invitedById: null, language: "vi" })).toBeNull();

    expect(await mailsTo("cua-cuoc-thi-khac@example.test")).toHaveLength(1);
    expect(await mailsTo("da-thu-hoi@example.test")).toHaveLength(1);
    expect(await mailsTo("da-nhan@example.test")).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: "invitation.resend", contestId: { in: [c.id, other.id] } } })).toBe(0);
    expect((await open(foreign.token)).status).toBe(200);
  });

  it("refuses to create an invitation that could not be honoured", async () => {
    await expect(
      inviteByEmail({ role: "JUDGE", email: "x@example.test", contestId: null, invitedById: null, language: "vi" }),
    ).rejects.toThrow(/needs a contest/);
    expect(await prisma.invitation.count({ where: { email: "x@example.test" } })).toBe(0);
    expect(await mailsTo("x@example.test")).toEqual([]);
  });

  it("writes the invitation in the language asked for", async () => {
    const { message } = await invite({ role: "ORGANIZER", email: "en@example.test", contestId: null, invitedById: null, language: "en" });
    expect(message.subject).toBe("Invitation to Essay Contest Portal as Organizer");
    expect(message.text).toContain("valid for 14 days");
  });
});
