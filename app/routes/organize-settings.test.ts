// The contest editor page (/organize/:contestId/settings): refusals for everyone but the
// contest's organizers on the page and on both actions (saving, taking a lifecycle step), with
// data present that could leak and nothing written; and the organizer's answers: saved, invalid
// (400), stale (409), refused by the phase policy (400), lifecycle steps.
import { beforeAll, describe, expect, it } from "vitest";
import { getFixedT } from "#app/utils/i18n";
import { nextPhases, PHASES } from "#app/modules/contests/phases";
import { utcToZonedLocal } from "#app/modules/contests/phases-clock";
import { getSettingsPage } from "#app/modules/contests/settings.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import * as settings from "./organize.$contestId.settings";

const SECRET_RULES = "Điều 7. Mật khẩu hộp thư của Ban giám khảo là bi-mat-2026";
const SECRET_TITLE = "Cuộc thi nội bộ của Ban tuyên giáo";

let contestId: string;
let otherContestId: string;
const cookies = { organizer: "", entrant: "", judge: "", secretary: "", otherOrganizer: "" };

beforeAll(async () => {
  const { contest, organizerId } = await createTestContest({ title: SECRET_TITLE, categories: ["Cán bộ"], rubric: true });
  contestId = contest.id;
  await prisma.contest.update({ where: { id: contestId }, data: { rules: SECRET_RULES } });
  cookies.organizer = await sessionCookie(organizerId);
  cookies.entrant = await sessionCookie((await createTestUser({ name: "Lê Văn Tác Giả" })).id);
  cookies.judge = (await addContestMember(contestId, "JUDGE", { name: "Phạm Giám Khảo" })).cookie;
  cookies.secretary = (await addContestMember(contestId, "SECRETARY", { name: "Đỗ Thư Ký" })).cookie;
  const other = await createTestContest({ title: "Cuộc thi khác" });
  otherContestId = other.contest.id;
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
});

const path = () => `/organize/${contestId}/settings`;
const page = (cookie?: string) => load(settings.loader, path(), { cookie, params: { contestId } });
const post = (fields: Record<string, string>, cookie?: string) => submit(settings.action, path(), fields, { cookie, params: { contestId } });

/** A wall-clock time in Vietnam some days from now, as a datetime-local field holds it. */
const daysAhead = (days: number) => utcToZonedLocal(new Date(Date.now() + days * 86_400_000), "Asia/Ho_Chi_Minh");

/**
 * The settings form as the page would post it, from the stored values. (`submit` sends one value
 * per name, so the accepted file kinds go as a single kind, PDF.)
 */
async function saveForm(changes: Record<string, string> = {}): Promise<Record<string, string>> {
  const { values } = (await getSettingsPage(contestId))!;
  return {
    intent: "save",
    version: String(values.version),
    title: values.title,
    slug: values.slug,
    description: values.description,
    rules: values.rules,
    locale: values.locale,
    timeZone: values.timeZone,
    opensAt: values.opensAt,
    closesAt: values.closesAt,
    graceMinutes: String(values.graceMinutes),
    minWords: values.minWords === null ? "" : String(values.minWords),
    maxWords: values.maxWords === null ? "" : String(values.maxWords),
    allowedFileTypes: "pdf",
    maxFileMb: String(values.maxFileMb),
    maxEntriesPerUser: String(values.maxEntriesPerUser),
    maxCoAuthors: String(values.maxCoAuthors),
    entryCodePrefix: values.entryCodePrefix,
    ...(values.allowOnlineText ? { allowOnlineText: "on" } : {}),
    ...(values.blind ? { blind: "on" } : {}),
    ...changes,
  };
}

async function snapshot() {
  return JSON.stringify([
    await prisma.contest.findMany({ orderBy: { id: "asc" } }),
    await prisma.phaseChange.findMany({ orderBy: { id: "asc" } }),
    await prisma.auditLog.count(),
  ]);
}

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(body).not.toContain(SECRET_RULES);
  expect(body).not.toContain(SECRET_TITLE);
}

const OUTSIDERS = ["entrant", "judge", "secretary", "otherOrganizer"] as const;

describe("who may use the settings page", () => {
  it("refuses a signed-out visitor with 403 on the page and on both actions, writing nothing", async () => {
    const before = await snapshot();
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    expectNoLeak(res);
    expect((await post(await saveForm({ title: "Bị chiếm quyền" }))).status).toBe(403);
    expect((await post({ intent: "phase", from: "DRAFT", to: "ARCHIVED" })).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  for (const who of OUTSIDERS) {
    it(`answers 404 to ${who} on the page and on both actions, writing nothing`, async () => {
      const before = await snapshot();
      const res = await page(cookies[who]);
      expect(res.status).toBe(404);
      expectNoLeak(res);
      const saved = await post(await saveForm({ title: "Bị chiếm quyền", rules: "Thể lệ giả" }), cookies[who]);
      expect(saved.status).toBe(404);
      expectNoLeak(saved);
      const step = await post({ intent: "phase", from: "DRAFT", to: "ARCHIVED" }, cookies[who]);
      expect(step.status).toBe(404);
      expectNoLeak(step);
      expect(await snapshot()).toBe(before);
    });
  }

  it("serves the organizer their contest's settings, and another organizer only their own", async () => {
    const res = await page(cookies.organizer);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(SECRET_RULES);
    const own = await load(settings.loader, `/organize/${otherContestId}/settings`, { cookie: cookies.otherOrganizer, params: { contestId: otherContestId } });
    expect(own.status).toBe(200);
    expectNoLeak(own);
  });
});

describe("the organizer saving settings", () => {
  it("saves, answers with a notice and bumps the version", async () => {
    const res = await post(await saveForm({ title: "Chính luận 2026", opensAt: daysAhead(10), closesAt: daysAhead(40) }), cookies.organizer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intent: "save", notice: { kind: "saved", changed: 4 } });
    const row = await prisma.contest.findUniqueOrThrow({ where: { id: contestId } });
    expect(row).toMatchObject({ title: "Chính luận 2026", allowedFileTypes: "pdf", version: 1 });
    expect(await prisma.phaseChange.count({ where: { contestId, doneAt: null } })).toBe(2);
  });

  it("answers invalid input with 400 and field errors, saving nothing", async () => {
    const before = await snapshot();
    const res = await post(await saveForm({ title: "", maxFileMb: "500" }), cookies.organizer);
    expect(res.status).toBe(400);
    expect((res.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      title: ["validation.required"],
      maxFileMb: ['editor:errors.max|{"max":50}'],
    });
    // Rules across fields (checked once each field is valid).
    const crossed = await post(await saveForm({ minWords: "900", maxWords: "100" }), cookies.organizer);
    expect(crossed.status).toBe(400);
    expect((crossed.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ maxWords: ["editor:settings.errors.wordsOrder"] });
    expect(await snapshot()).toBe(before);
  });

  it("refuses a stale form with 409 and a translated message, saving nothing", async () => {
    const form = await saveForm({ title: "Từ thẻ thứ nhất" });
    expect((await post(form, cookies.organizer)).status).toBe(200);
    const before = await snapshot();
    const res = await post({ ...form, title: "Từ thẻ cũ" }, cookies.organizer);
    expect(res.status).toBe(409);
    expect((res.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["editor:settings.errors.stale"] });
    expect(await snapshot()).toBe(before);
  });

  it("refuses with 400 what the phase no longer allows", async () => {
    await prisma.contest.update({ where: { id: contestId }, data: { phase: "JUDGING" } });
    const before = await snapshot();
    const res = await post(await saveForm({ blind: "" }), cookies.organizer);
    expect(res.status).toBe(400);
    expect((res.body as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({ blind: ["editor:settings.locked.judging"] });
    expect(await snapshot()).toBe(before);
    await prisma.contest.update({ where: { id: contestId }, data: { phase: "DRAFT" } });
  });
});

describe("the organizer taking lifecycle steps", () => {
  it("takes an allowed step, refuses a guarded one with its reasons and a stale one with 409", async () => {
    await prisma.contest.update({ where: { id: contestId }, data: { phase: "DRAFT", closesAt: null } });
    const refused = await post({ intent: "phase", from: "DRAFT", to: "OPEN" }, cookies.organizer);
    expect(refused.status).toBe(400);
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["contests:phase.errors.noDeadline"] });

    await prisma.contest.update({ where: { id: contestId }, data: { closesAt: new Date(Date.now() + 7 * 86_400_000) } });
    const opened = await post({ intent: "phase", from: "DRAFT", to: "OPEN" }, cookies.organizer);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ notice: { kind: "phase", phase: "OPEN" } });
    expect((await prisma.contest.findUniqueOrThrow({ where: { id: contestId } })).phase).toBe("OPEN");

    const before = await snapshot();
    const stale = await post({ intent: "phase", from: "DRAFT", to: "ARCHIVED" }, cookies.organizer);
    expect(stale.status).toBe(409);
    expect((stale.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["contests:phase.errors.changedMeanwhile"] });
    expect(await snapshot()).toBe(before);
  });

  it("has a label for every step of the lifecycle and every scheduled change, in both languages", () => {
    for (const lng of ["vi", "en"] as const) {
      const t = getFixedT(lng);
      for (const from of PHASES) {
        for (const to of nextPhases(from)) {
          const key = `editor:lifecycle.actions.${from}_${to}`;
          expect(t(key, { defaultValue: "" }), `${lng} ${key}`).not.toBe("");
        }
      }
      for (const to of ["OPEN", "CLOSED"]) expect(t(`editor:schedule.to.${to}`, { defaultValue: "" })).not.toBe("");
    }
  });
});
