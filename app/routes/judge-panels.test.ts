// The chair's pages (/judge/panels, /judge/panels/:panelId) through their real loaders and
// actions: a signed-out visitor gets 403; an entrant, a judge who does not chair the panel, the
// chair of another panel, a secretary and another contest's organizer get 404 with nothing of
// the panel in the body and nothing written; the contest's organizer looks and reminds but may
// not act on sheets (403); the chair acts, and never sees who wrote an entry.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import * as panelPage from "./judge.panels.$panelId";
import * as listPage from "./judge.panels._index";

const AUTHOR = "Đinh Thị Tác Giả Kín";
const UNIT = "Sở Giáo dục tỉnh Bí Mật";
const AUTHOR_EMAIL = "dinh-thi-kin@example.vn";
const TITLE = "Bài dự thi về bản lĩnh chính trị";
const JUDGE_A = "Giám khảo Ánh";
const JUDGE_B = "Giám khảo Bảo";

type Who = "signedOut" | "entrant" | "judge" | "otherChair" | "secretary" | "otherOrganizer";
const cookies: Record<Who | "chair" | "organizer", string | undefined> = {
  signedOut: undefined,
  entrant: "",
  judge: "",
  otherChair: "",
  secretary: "",
  otherOrganizer: "",
  chair: "",
  organizer: "",
};
let contestId: string;
let panelId: string;
let otherPanelId: string;
let flaggedEntry: { id: string; entryCode: string | null; anonymousCode: string | null };
let sheetId: string;

beforeAll(async () => {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"], rubric: true });
  contestId = contest.id;
  cookies.organizer = await sessionCookie(organizerId);
  const round = await createTestRound(contestId, { rubricVersionId, readsPerEntry: 2 });
  await prisma.round.update({ where: { id: round.id }, data: { spreadThreshold: 10 } });
  const panel = await createTestPanel(round.id, { name: "Tiểu ban Kín" });
  panelId = panel.id;
  const otherPanel = await createTestPanel(round.id, { name: "Tiểu ban Khác" });
  otherPanelId = otherPanel.id;
  const chair = await addContestMember(contestId, "JUDGE", { name: JUDGE_A });
  const judge = await addContestMember(contestId, "JUDGE", { name: JUDGE_B });
  const otherChair = await addContestMember(contestId, "JUDGE", { name: "Trưởng tiểu ban Khác" });
  cookies.chair = chair.cookie;
  cookies.judge = judge.cookie;
  cookies.otherChair = otherChair.cookie;
  await seatJudge(panel.id, chair.user.id, { isChair: true });
  await seatJudge(panel.id, judge.user.id);
  await seatJudge(otherPanel.id, otherChair.user.id, { isChair: true });
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  const [entry] = await createTestEntries(contestId, categories[0]!.id, 1, { authors: () => [{ name: AUTHOR, unit: UNIT, email: AUTHOR_EMAIL }] });
  await prisma.entry.update({ where: { id: entry!.id }, data: { title: TITLE } });
  flaggedEntry = entry!;
  cookies.entrant = await sessionCookie(entry!.submitterId);
  await placeEntries(round.id, panel.id, [entry!.id]);
  for (const [user, total] of [
    [chair.user, 88],
    [judge.user, 61.5],
  ] as const) {
    const a = await createTestAssignment(round.id, panel.id, entry!.id, user.id);
    const sheet = await prisma.scoresheet.create({
      data: { assignmentId: a.id, rubricVersionId: rubricVersionId!, status: "SUBMITTED", total, submittedAt: new Date(Date.now() - 60_000) },
    });
    if (user.id === judge.user.id) sheetId = sheet.id;
  }
  const other = await createTestContest();
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
});

const path = () => `/judge/panels/${panelId}`;
const page = (cookie?: string, id = panelId) => load(panelPage.loader, `/judge/panels/${id}`, { cookie, params: { panelId: id } });
const post = (fields: Record<string, string>, cookie?: string) => submit(panelPage.action, path(), fields, { cookie, params: { panelId } });

const intents = (): Record<string, string>[] => [
  { intent: "resolve", entryId: flaggedEntry.id, reason: "Đã thống nhất" },
  { intent: "extraReader", entryId: flaggedEntry.id, reason: "" },
  { intent: "reopen", scoresheetId: sheetId, version: "0", reason: "Cộng sai điểm" },
  { intent: "remind" },
];

async function snapshot() {
  const [sheets, assignments, resolutions, limits, audits] = await Promise.all([
    prisma.scoresheet.findMany({ orderBy: { id: "asc" } }),
    prisma.assignment.findMany({ orderBy: { id: "asc" } }),
    prisma.resolution.findMany({ orderBy: { id: "asc" } }),
    prisma.rateLimit.findMany({ orderBy: { key: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { sheets, assignments, resolutions, limits, audits };
}

function text(outcome: Outcome) {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
}

function expectNothingOfThePanel(outcome: Outcome) {
  const body = text(outcome);
  for (const secret of ["Tiểu ban Kín", JUDGE_A, JUDGE_B, flaggedEntry.anonymousCode!, "61.5", AUTHOR, TITLE]) expect(body).not.toContain(secret);
}

function expectBlind(outcome: Outcome) {
  const body = text(outcome);
  for (const secret of [AUTHOR, UNIT, AUTHOR_EMAIL, TITLE, flaggedEntry.entryCode!]) expect(body).not.toContain(secret);
}

describe("refusals on the chair's view", () => {
  it("refuses a signed-out visitor with 403 on both pages and every intent", async () => {
    const before = await snapshot();
    expect(await page()).toMatchObject({ status: 403, body: SIGN_IN_REQUIRED });
    expect((await load(listPage.loader, "/judge/panels")).status).toBe(403);
    for (const fields of intents()) expect((await post(fields)).status, fields.intent).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  for (const who of ["entrant", "judge", "otherChair", "secretary", "otherOrganizer"] as const) {
    it(`answers 404 to ${who} on the page and every intent, leaking nothing and writing nothing`, async () => {
      const before = await snapshot();
      const res = await page(cookies[who]);
      expect(res.status).toBe(404);
      expectNothingOfThePanel(res);
      for (const fields of intents()) {
        const out = await post(fields, cookies[who]);
        expect(out.status, `${who} ${fields.intent}`).toBe(404);
        expectNothingOfThePanel(out);
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("answers 404 for a panel that does not exist", async () => {
    expect((await page(cookies.chair, "no-such-panel")).status).toBe(404);
  });

  it("lets the organizer look but not act on sheets or disagreements (403)", async () => {
    const res = await page(cookies.organizer);
    expect(res.status).toBe(200);
    expectBlind(res);
    const before = await snapshot();
    for (const fields of intents().filter((f) => f.intent !== "remind")) {
      expect((await post(fields, cookies.organizer)).status, fields.intent).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lists only the panels a judge chairs", async () => {
    const mine = await load(listPage.loader, "/judge/panels", { cookie: cookies.chair });
    expect((mine.body as { panels: { panelId: string }[] }).panels.map((p) => p.panelId)).toEqual([panelId]);
    const theirs = await load(listPage.loader, "/judge/panels", { cookie: cookies.otherChair });
    expect((theirs.body as { panels: { panelId: string }[] }).panels.map((p) => p.panelId)).toEqual([otherPanelId]);
    for (const who of ["judge", "entrant", "organizer"] as const) {
      const res = await load(listPage.loader, "/judge/panels", { cookie: cookies[who] });
      expect(res.body, who).toEqual({ panels: [] });
    }
  });
});

describe("the chair at work", () => {
  it("sees the flagged entry by anonymous code only", async () => {
    const res = await page(cookies.chair);
    expect(res.status).toBe(200);
    expectBlind(res);
    const { view } = res.body as { view: { entries: { anonymousCode: string; flagged: boolean; spread: number }[] } };
    expect(view.entries).toMatchObject([{ anonymousCode: flaggedEntry.anonymousCode, flagged: true, spread: 26.5 }]);
  });

  it("refuses a resolution without a reason with 400 and writes nothing", async () => {
    const before = await snapshot();
    const out = await post({ intent: "resolve", entryId: flaggedEntry.id, reason: "  " }, cookies.chair);
    expect(out.status).toBe(400);
    expect(out.body).toMatchObject({ form: `resolve-${flaggedEntry.id}`, result: { error: { reason: ["validation.required"] } } });
    expect(await snapshot()).toEqual(before);
  });

  it("reopens a sheet, refuses the same stale form again with 409, then resolves the disagreement", async () => {
    const reopened = await post({ intent: "reopen", scoresheetId: sheetId, version: "0", reason: "Cộng sai điểm" }, cookies.chair);
    expect(reopened).toMatchObject({ status: 200, body: { notice: { key: "chair:reopen.done", values: { judge: JUDGE_B } } } });
    expect(await prisma.scoresheet.findUniqueOrThrow({ where: { id: sheetId } })).toMatchObject({ status: "DRAFT", reopenReason: "Cộng sai điểm" });
    const stale = await post({ intent: "reopen", scoresheetId: sheetId, version: "0", reason: "Lần nữa" }, cookies.chair);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ result: { error: { "": ["rounds:errors.changedMeanwhile"] } } });

    // No longer flagged with one submitted total: resolving is refused with a message.
    const notFlagged = await post({ intent: "resolve", entryId: flaggedEntry.id, reason: "Đã thống nhất" }, cookies.chair);
    expect(notFlagged.status).toBe(409);
    expect(notFlagged.body).toMatchObject({ result: { error: { "": ["chair:errors.notFlagged"] } } });

    await prisma.scoresheet.update({ where: { id: sheetId }, data: { status: "SUBMITTED", submittedAt: new Date(Date.now() - 30_000), total: 60 } });
    const resolved = await post({ intent: "resolve", entryId: flaggedEntry.id, reason: "Đã thống nhất" }, cookies.chair);
    expect(resolved).toMatchObject({ status: 200, body: { notice: { key: "chair:flagged.resolved" } } });
    const after = await page(cookies.chair);
    expect((after.body as { view: { entries: { flagged: boolean; resolved: boolean }[] } }).view.entries[0]).toMatchObject({ flagged: false, resolved: true });
  });

  it("reminds the panel once; the organizer's second click is refused with 429", async () => {
    // The chair's own sheet is the only one left to do after a reopen.
    const chairSheet = await prisma.scoresheet.findFirstOrThrow({ where: { assignment: { panelId }, id: { not: sheetId } } });
    await prisma.scoresheet.update({ where: { id: chairSheet.id }, data: { status: "DRAFT" } });
    const first = await post({ intent: "remind" }, cookies.chair);
    expect(first).toMatchObject({ status: 200, body: { notice: { key: "chair:reminders.sent", values: { judges: 1, sheets: 1 } } } });
    const second = await post({ intent: "remind" }, cookies.organizer);
    expect(second.status).toBe(429);
    expect(second.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(second.body).toMatchObject({ form: "remind" });
  });
});
