// The conflicts screen (/organize/:contestId/conflicts) through its real loader and action:
// refusals for everyone but the contest's organizers and secretaries, with data present that
// could leak and nothing written; then detection, decisions and declarations by staff.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load as runLoader, submit, type Outcome } from "#tests/factories/requests";
import * as conflictsPage from "./organize.$contestId.conflicts";

const SECRET_TITLE = "Bài viết có tên rất riêng tư";
const SECRET_UNIT = "Trường THPT Lê Quý Đôn, Đà Nẵng";
const JUDGE_EMAIL = "giam-khao-xung-dot@gmail.com";

let contestId: string;
let entryCodes: string[];
let judgeId: string;
let otherJudgeId: string;
const cookies = { organizer: "", secretary: "", judge: "", entrant: "", otherOrganizer: "" };

beforeAll(async () => {
  const c = await createTestContest({ title: "Chính luận 2026", categories: ["Cán bộ"], phase: "CLOSED" });
  contestId = c.contest.id;
  cookies.organizer = await sessionCookie(c.organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  const judge = await addContestMember(contestId, "JUDGE", { name: "Phạm Giám Khảo", email: JUDGE_EMAIL, unit: SECRET_UNIT });
  judgeId = judge.user.id;
  cookies.judge = judge.cookie;
  otherJudgeId = (await addContestMember(contestId, "JUDGE", { email: "giam-khao-khac@gmail.com", unit: "Sở Tư pháp" })).user.id;
  const entries = await createTestEntries(contestId, c.categories[0]!.id, 3, {
    authors: (i) => [{ name: `Tác giả ${i}`, unit: i === 0 ? "trường thpt lê quý đôn - đà nẵng" : `Đơn vị ${i}`, email: `tac-gia-${i}@gmail.com` }],
  });
  await prisma.entry.update({ where: { id: entries[0]!.id }, data: { title: SECRET_TITLE } });
  entryCodes = entries.map((e) => e.entryCode!);
  cookies.entrant = await sessionCookie((await createTestUser()).id);
  cookies.otherOrganizer = await sessionCookie((await createTestContest()).organizerId);
});

const path = (search = "") => `/organize/${contestId}/conflicts${search}`;
const page = (cookie?: string, search = "") => runLoader(conflictsPage.loader, path(search), { cookie, params: { contestId } });
const post = (fields: Record<string, string>, cookie?: string) => submit(conflictsPage.action, path(), fields, { cookie, params: { contestId } });

function expectNoLeak(outcome: Outcome) {
  const text = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(text).not.toContain(SECRET_TITLE);
  expect(text).not.toContain(SECRET_UNIT);
  expect(text).not.toContain(JUDGE_EMAIL);
}

async function snapshot() {
  return {
    conflicts: await prisma.conflictOfInterest.findMany({ where: { contestId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { contestId } }),
  };
}

async function pendingRow() {
  return prisma.conflictOfInterest.findFirstOrThrow({ where: { contestId, source: "DETECTED" } });
}

describe("refusals on the conflicts screen", () => {
  beforeAll(async () => {
    // Something to leak, and something to decide.
    expect((await post({ intent: "detect" }, cookies.organizer)).status).toBe(200);
  });

  const intents = async (): Promise<Record<string, string>[]> => [
    { intent: "detect" },
    { intent: "decide", conflictId: (await pendingRow()).id, decision: "DISMISSED", expected: "PENDING" },
    { intent: "declare", judgeId: otherJudgeId, entryCode: entryCodes[1]!, reason: "Người thân của giám khảo" },
  ];

  it("refuses a signed-out visitor with 403 on the page and every intent, writing nothing", async () => {
    const before = await snapshot();
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    for (const fields of await intents()) {
      const out = await post(fields);
      expect(out.status, fields.intent).toBe(403);
      expectNoLeak(out);
    }
    expect(await snapshot()).toEqual(before);
  });

  for (const who of ["entrant", "judge", "otherOrganizer"] as const) {
    it(`answers 404 to ${who === "judge" ? "a judge of the contest" : who} on the page and every intent`, async () => {
      const before = await snapshot();
      const res = await page(cookies[who]);
      expect(res.status).toBe(404);
      expectNoLeak(res);
      for (const fields of await intents()) {
        const out = await post(fields, cookies[who]);
        expect(out.status, `${who} ${fields.intent}`).toBe(404);
        expectNoLeak(out);
      }
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe("staff on the conflicts screen", () => {
  it("shows organizers and secretaries the detections with their evidence and the counts", async () => {
    for (const who of ["organizer", "secretary"] as const) {
      const res = await page(cookies[who]);
      expect(res.status, who).toBe(200);
      const { screen } = res.body as { screen: { counts: Record<string, number>; items: { entry: { title: string }; judge: { email: string }; rules: string[] }[] } };
      expect(screen.counts.PENDING).toBe(1);
      expect(screen.items).toMatchObject([{ entry: { title: SECRET_TITLE }, judge: { email: JUDGE_EMAIL }, rules: ["sameUnit"] }]);
    }
  });

  it("runs detection and reports created, kept and removed", async () => {
    const res = await post({ intent: "detect" }, cookies.secretary);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "detected", created: 0, kept: 1, removed: 0 } });
  });

  it("lets a secretary confirm a pending detection; a stale second decision gets a message", async () => {
    const row = await pendingRow();
    const res = await post({ intent: "decide", conflictId: row.id, decision: "CONFIRMED", expected: "PENDING" }, cookies.secretary);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "decided", to: "CONFIRMED", judge: "Phạm Giám Khảo", code: entryCodes[0] } });
    expect(await prisma.conflictOfInterest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "CONFIRMED" });
    const stale = await post({ intent: "decide", conflictId: row.id, decision: "DISMISSED", expected: "PENDING" }, cookies.organizer);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: "contests:conflicts.errors.changedMeanwhile" });
    expect(await prisma.conflictOfInterest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "CONFIRMED" });
    expect((await post({ intent: "decide", conflictId: "khong-co", decision: "CONFIRMED", expected: "PENDING" }, cookies.organizer)).status).toBe(404);
  });

  it("declares on a judge's behalf; that declaration cannot be dismissed", async () => {
    const res = await post({ intent: "declare", judgeId: otherJudgeId, entryCode: entryCodes[2]!, reason: "Giám khảo báo qua điện thoại" }, cookies.secretary);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "declared", code: entryCodes[2] } });
    const declared = await prisma.conflictOfInterest.findFirstOrThrow({ where: { contestId, judgeId: otherJudgeId, source: "DECLARED" } });
    expect(declared).toMatchObject({ status: "CONFIRMED" });

    const dismiss = await post({ intent: "decide", conflictId: declared.id, decision: "DISMISSED", expected: "CONFIRMED" }, cookies.organizer);
    expect(dismiss.status).toBe(409);
    expect(dismiss.body).toMatchObject({ error: "contests:conflicts.errors.declaredStands" });
    expect(await prisma.conflictOfInterest.findUniqueOrThrow({ where: { id: declared.id } })).toMatchObject({ status: "CONFIRMED" });
  });

  it("answers a declaration for a non-judge, an unknown code or no reason with 400 field errors, writing nothing", async () => {
    const before = await snapshot();
    const secretary = await prisma.contestMember.findFirstOrThrow({ where: { contestId, role: "SECRETARY" } });
    const notJudge = await post({ intent: "declare", judgeId: secretary.userId, entryCode: entryCodes[1]!, reason: "Lý do đủ dài" }, cookies.organizer);
    expect(notJudge.status).toBe(400);
    expect(notJudge.body).toMatchObject({ result: { error: { judgeId: ["contests:conflicts.errors.notAJudge"] } } });
    const unknown = await post({ intent: "declare", judgeId, entryCode: "CL-9999", reason: "Lý do đủ dài" }, cookies.organizer);
    expect(unknown.body).toMatchObject({ result: { error: { entryCode: ["contests:conflicts.errors.unknownCode"] } } });
    const noReason = await post({ intent: "declare", judgeId, entryCode: entryCodes[1]!, reason: "" }, cookies.organizer);
    expect(noReason.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("filters by status and source, and answers an invalid filter with 400 and no rows", async () => {
    const declared = await page(cookies.organizer, "?source=DECLARED");
    const items = (declared.body as { screen: { items: { source: string }[] } }).screen.items;
    expect(items.map((i) => i.source)).toEqual(["DECLARED"]);
    const pending = await page(cookies.organizer, "?status=PENDING");
    expect((pending.body as { screen: { items: unknown[]; counts: { CONFIRMED: number } } }).screen).toMatchObject({ items: [], counts: { CONFIRMED: 2 } });
    const invalid = await page(cookies.organizer, "?status=MAYBE&page=0");
    expect(invalid.status).toBe(400);
    expect((invalid.body as { screen: { items: unknown[] } }).screen.items).toEqual([]);
  });
});
