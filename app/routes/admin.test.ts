// Refusals on the admin page, and what the admin may do, with accounts present that could leak.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { load as runLoader, mailsTo, submit } from "#tests/factories/requests";
import * as adminPage from "./admin._index";

const load = (cookie?: string) => runLoader(adminPage.loader, "/admin", { cookie });
const post = (fields: Record<string, string>, cookie?: string) => submit(adminPage.action, "/admin", fields, { cookie });

let adminCookie: string;
let organizerCookie: string;
let entrantCookie: string;
let entrantId: string;
const PRIVATE_EMAIL = "rieng-tu@example.test";

beforeAll(async () => {
  const admin = await createTestUser({ isAdmin: true, isOrganizer: true });
  const organizer = await createTestUser({ isOrganizer: true });
  const entrant = await createTestUser({ email: PRIVATE_EMAIL });
  entrantId = entrant.id;
  adminCookie = await sessionCookie(admin.id);
  organizerCookie = await sessionCookie(organizer.id);
  entrantCookie = await sessionCookie(entrant.id);
});

describe("/admin", () => {
  it("refuses everyone but admins, on the page and its actions", async () => {
    expect((await load()).status).toBe(403);
    for (const cookie of [entrantCookie, organizerCookie]) {
      const page = await load(cookie);
      expect(page.status).toBe(403);
      expect(JSON.stringify(page.body)).not.toContain(PRIVATE_EMAIL);
      const res = await post({ intent: "setOrganizer", userId: entrantId, value: "true" }, cookie);
      expect(res.status).toBe(403);
    }
    expect((await post({ intent: "invite", email: "x@example.test" })).status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: entrantId } })).isOrganizer).toBe(false);
    expect(await prisma.invitation.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  it("lists accounts for the admin", async () => {
    const page = await load(adminCookie);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toContain(PRIVATE_EMAIL);
  });

  it("grants the right to create contests, logged", async () => {
    const res = await post({ intent: "setOrganizer", userId: entrantId, value: "true" }, adminCookie);
    expect(res.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: entrantId } })).isOrganizer).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "user.setOrganizer", targetId: entrantId } })).toBe(1);
  });

  it("answers 404 for an unknown account", async () => {
    expect((await post({ intent: "setOrganizer", userId: "nope", value: "true" }, adminCookie)).status).toBe(404);
  });

  it("invites an organizer by e-mail: an invitation row and a message with its link", async () => {
    const res = await post({ intent: "invite", email: "Ban.ToChuc@Example.test " }, adminCookie);
    expect(res.status).toBe(200);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "ban.tochuc@example.test" } });
    expect(invitation.role).toBe("ORGANIZER");
    expect(invitation.contestId).toBeNull();
    const [message, ...others] = await mailsTo("ban.tochuc@example.test");
    expect(others).toEqual([]);
    expect(message!.links.some((link) => link.includes("/invitations/"))).toBe(true);
  });

  it("rejects an invalid e-mail with 400 and sends nothing", async () => {
    const res = await post({ intent: "invite", email: "not-an-address" }, adminCookie);
    expect(res.status).toBe(400);
    expect(await prisma.invitation.count({ where: { email: "not-an-address" } })).toBe(0);
  });
});
