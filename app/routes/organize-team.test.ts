// The team page (/organize/:contestId/team) through its real loader and action: refusals for
// everyone but the contest's organizers, with data present that could leak and nothing written;
// then what the organizer does there.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { load as runLoader, mailsTo, submit, type Outcome } from "#tests/factories/requests";
import * as teamPage from "./organize.$contestId.team";

const SECRET_JUDGE_EMAIL = "giam-khao-bi-mat@example.test";
const SECRET_INVITEE = "nguoi-duoc-moi-bi-mat@example.test";

let contestId: string;
let judgeMemberId: string;
let invitationId: string;
const cookies = { organizer: "", entrant: "", judge: "", secretary: "", otherOrganizer: "" };

beforeAll(async () => {
  const { contest, organizerId } = await createTestContest({ title: "Chính luận 2026" });
  contestId = contest.id;
  cookies.organizer = await sessionCookie(organizerId);
  const judge = await addContestMember(contestId, "JUDGE", { email: SECRET_JUDGE_EMAIL });
  cookies.judge = judge.cookie;
  judgeMemberId = (await prisma.contestMember.findFirstOrThrow({ where: { contestId, userId: judge.user.id } })).id;
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  cookies.entrant = await sessionCookie((await createTestUser()).id);
  const other = await createTestContest({ title: "Cuộc thi khác" });
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
  // An open invitation, through the organizer's own page.
  const invited = await post({ intent: "invite", role: "SECRETARY", addresses: SECRET_INVITEE }, cookies.organizer);
  expect(invited.status).toBe(200);
  invitationId = (await prisma.invitation.findFirstOrThrow({ where: { email: SECRET_INVITEE } })).id;
});

const path = () => `/organize/${contestId}/team`;
const page = (cookie?: string) => runLoader(teamPage.loader, path(), { cookie, params: { contestId } });
function post(fields: Record<string, string>, cookie?: string) {
  return submit(teamPage.action, path(), fields, { cookie, params: { contestId } });
}

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(body).not.toContain(SECRET_JUDGE_EMAIL);
  expect(body).not.toContain(SECRET_INVITEE);
}

/** What the refused requests must leave untouched. */
async function snapshot() {
  return {
    invitations: await prisma.invitation.findMany({ where: { contestId }, orderBy: { id: "asc" } }),
    members: await prisma.contestMember.findMany({ where: { contestId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { contestId } }),
    mails: (await mailsTo("lan-moi@example.test")).length + (await mailsTo(SECRET_INVITEE)).length,
  };
}

const intents = (): Record<string, string>[] => [
  { intent: "invite", role: "JUDGE", addresses: "lan-moi@example.test" },
  { intent: "resend", invitationId },
  { intent: "revokeInvitation", invitationId },
  { intent: "revokeMember", memberId: judgeMemberId },
];

describe("refusals on the team page", () => {
  it("refuses a signed-out visitor with 403, on the page and every intent, writing nothing", async () => {
    const before = await snapshot();
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    for (const fields of intents()) {
      const out = await post(fields);
      expect(out.status, fields.intent).toBe(403);
      expectNoLeak(out);
    }
    expect(await snapshot()).toEqual(before);
  });

  for (const who of ["entrant", "judge", "secretary", "otherOrganizer"] as const) {
    it(`answers 404 to ${who} on the page and every intent, leaking and writing nothing`, async () => {
      const before = await snapshot();
      const res = await page(cookies[who]);
      expect(res.status).toBe(404);
      expectNoLeak(res);
      for (const fields of intents()) {
        const out = await post(fields, cookies[who]);
        expect(out.status, `${who} ${fields.intent}`).toBe(404);
        expectNoLeak(out);
      }
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe("the organizer on the team page", () => {
  it("sees members by role and the open invitations", async () => {
    const res = await page(cookies.organizer);
    expect(res.status).toBe(200);
    const { team } = res.body as { team: { members: { role: string; email: string }[]; invitations: { email: string; role: string }[] } };
    expect(team.members.map((m) => m.role)).toEqual(["ORGANIZER", "SECRETARY", "JUDGE"]);
    expect(team.members.map((m) => m.email)).toContain(SECRET_JUDGE_EMAIL);
    expect(team.invitations).toMatchObject([{ email: SECRET_INVITEE, role: "SECRETARY" }]);
  });

  it("invites several addresses at once; invalid lines are reported by line, kept in the box, and get nothing", async () => {
    const res = await post(
      { intent: "invite", role: "JUDGE", addresses: "mot@example.test, hai@example.test\nkhong-hop-le\nba@example.test\nsai@" },
      cookies.organizer,
    );
    expect(res.status).toBe(400);
    const body = res.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> }; notice: { count: number } };
    expect(body.result.error.addresses).toEqual([
      'team:invite.errors.invalidLine|{"line":2,"value":"khong-hop-le"}',
      'team:invite.errors.invalidLine|{"line":4,"value":"sai@"}',
    ]);
    expect(body.result.initialValue).toMatchObject({ role: "JUDGE", addresses: "khong-hop-le\nsai@" });
    expect(body.notice).toMatchObject({ key: "invited", count: 3, rejected: 2 });
    for (const email of ["mot@example.test", "hai@example.test", "ba@example.test"]) {
      expect(await mailsTo(email), email).toHaveLength(1);
    }
    expect(await prisma.invitation.count({ where: { contestId, email: { in: ["khong-hop-le", "sai@"] } } })).toBe(0);
  });

  it("answers an empty or unknown-role invitation with 400 and sends nothing", async () => {
    const before = await prisma.invitation.count({ where: { contestId } });
    expect((await post({ intent: "invite", role: "JUDGE", addresses: " \n " }, cookies.organizer)).status).toBe(400);
    expect((await post({ intent: "invite", role: "ADMIN", addresses: "quan-tri@example.test" }, cookies.organizer)).status).toBe(400);
    expect(await prisma.invitation.count({ where: { contestId } })).toBe(before);
    expect(await mailsTo("quan-tri@example.test")).toEqual([]);
  });

  it("resends and revokes an invitation; a stale second click gets a message, not a 404 page", async () => {
    const { organizer } = cookies;
    await post({ intent: "invite", role: "JUDGE", addresses: "gui-lai@example.test" }, organizer);
    const first = await prisma.invitation.findFirstOrThrow({ where: { contestId, email: "gui-lai@example.test" } });
    const resent = await post({ intent: "resend", invitationId: first.id }, organizer);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ notice: { key: "resent", email: "gui-lai@example.test" } });
    expect(await mailsTo("gui-lai@example.test")).toHaveLength(2);

    const stale = await post({ intent: "revokeInvitation", invitationId: first.id }, organizer);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: "team:errors.invitationClosed" });

    const current = await prisma.invitation.findFirstOrThrow({ where: { contestId, email: "gui-lai@example.test", revokedAt: null } });
    const revoked = await post({ intent: "revokeInvitation", invitationId: current.id }, organizer);
    expect(revoked.status).toBe(200);
    expect(await prisma.invitation.count({ where: { contestId, email: "gui-lai@example.test", revokedAt: null } })).toBe(0);
    expect((await post({ intent: "resend", invitationId: "khong-co" }, organizer)).status).toBe(404);
  });

  it("cannot revoke the only organizer; revokes a judge with their seats", async () => {
    const { organizer } = cookies;
    const organizerRow = await prisma.contestMember.findFirstOrThrow({ where: { contestId, role: "ORGANIZER" } });
    const last = await post({ intent: "revokeMember", memberId: organizerRow.id }, organizer);
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({ error: "team:errors.lastOrganizer" });
    expect((await prisma.contestMember.findUniqueOrThrow({ where: { id: organizerRow.id } })).revokedAt).toBeNull();

    const judge = await prisma.contestMember.findUniqueOrThrow({ where: { id: judgeMemberId } });
    const round = await prisma.round.create({ data: { contestId, position: 1, name: "Sơ khảo" } });
    const panel = await prisma.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1" } });
    await prisma.panelJudge.create({ data: { panelId: panel.id, userId: judge.userId } });
    const res = await post({ intent: "revokeMember", memberId: judgeMemberId }, organizer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "memberRevoked", role: "JUDGE", seats: 1 } });
    expect(await prisma.panelJudge.count({ where: { userId: judge.userId } })).toBe(0);
    expect((await post({ intent: "revokeMember", memberId: judgeMemberId }, organizer)).status).toBe(409);
    expect((await post({ intent: "revokeMember", memberId: "khong-co" }, organizer)).status).toBe(404);
  });

  it("sends an organizer who gave up their own role back to the organizer area", async () => {
    const second = await addContestMember(contestId, "ORGANIZER");
    const row = await prisma.contestMember.findFirstOrThrow({ where: { contestId, userId: second.user.id } });
    const res = await post({ intent: "revokeMember", memberId: row.id }, second.cookie);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/organize");
    expect((await page(second.cookie)).status).toBe(404);
  });
});
