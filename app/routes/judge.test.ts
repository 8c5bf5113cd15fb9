// The judge's area (/judge) through its real loader and action: signed-out visitors are refused,
// someone who judges nothing gets an empty area, nobody acts on a contest they do not judge, and
// in a blind contest nothing of an entry but the typed code comes back.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load as runLoader, submit, type Outcome } from "#tests/factories/requests";
import * as judgePage from "./judge._index";

const CONTEST_TITLE = "Chính luận bảo vệ nền tảng tư tưởng 2026";
const SECRET_AUTHOR = "Nguyễn Thị Tác Giả Bí Mật";
const SECRET_UNIT = "Trường THPT Trần Phú, Hải Phòng";

let contestId: string;
let categoryId: string;
let entry: { id: string; entryCode: string | null; title: string };
let judgeId: string;
const cookies = { judge: "", entrant: "", organizer: "", secretary: "", revoked: "", otherJudge: "" };

beforeAll(async () => {
  const c = await createTestContest({ title: CONTEST_TITLE, categories: ["Cán bộ, đảng viên"], phase: "CLOSED", blind: true });
  contestId = c.contest.id;
  categoryId = c.categories[0]!.id;
  const entries = await createTestEntries(contestId, categoryId, 2, {
    authors: () => [{ name: SECRET_AUTHOR, unit: SECRET_UNIT, email: "tac-gia-bi-mat@gmail.com" }],
  });
  entry = entries[0]!;
  const judge = await addContestMember(contestId, "JUDGE");
  judgeId = judge.user.id;
  cookies.judge = judge.cookie;
  cookies.entrant = await sessionCookie((await createTestUser()).id);
  cookies.organizer = await sessionCookie(c.organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  const revoked = await addContestMember(contestId, "JUDGE");
  await prisma.contestMember.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } });
  cookies.revoked = revoked.cookie;
  const other = await createTestContest({ title: "Cuộc thi khác" });
  cookies.otherJudge = (await addContestMember(other.contest.id, "JUDGE")).cookie;
});

const page = (cookie?: string) => runLoader(judgePage.loader, "/judge", { cookie });
const post = (fields: Record<string, string>, cookie?: string) => submit(judgePage.action, "/judge", fields, { cookie });

function bodyText(outcome: Outcome) {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
}

function expectNothingOfTheEntry(outcome: Outcome) {
  const text = bodyText(outcome);
  expect(text).not.toContain(entry.title);
  expect(text).not.toContain(SECRET_AUTHOR);
  expect(text).not.toContain(SECRET_UNIT);
  expect(text).not.toContain("tac-gia-bi-mat@gmail.com");
}

async function snapshot() {
  return {
    conflicts: await prisma.conflictOfInterest.findMany({ where: { contestId }, orderBy: { id: "asc" } }),
    preferences: await prisma.judgePreference.findMany({ where: { contestId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count(),
  };
}

const contestIntents = (): Record<string, string>[] => [
  { intent: "expertise", contestId, categoryIds: categoryId, expected: "" },
  { intent: "declare", contestId, entryCode: entry.entryCode!, reason: "Người quen của tôi" },
];

describe("refusals in the judge's area", () => {
  it("refuses a signed-out visitor with 403 on the page and every intent", async () => {
    const before = await snapshot();
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    for (const fields of [...contestIntents(), { intent: "unit", unit: "Ai đó", expected: "" }]) {
      expect((await post(fields)).status, fields.intent).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  for (const who of ["entrant", "organizer", "secretary", "revoked", "otherJudge"] as const) {
    it(`shows ${who} none of this contest, not an error, and answers 404 to their intents on it`, async () => {
      const before = await snapshot();
      const res = await page(cookies[who]);
      expect(res.status).toBe(200);
      const shown = (res.body as { area: { contests: { title: string }[] } }).area.contests.map((c) => c.title);
      expect(shown).toEqual(who === "otherJudge" ? ["Cuộc thi khác"] : []);
      expect(bodyText(res)).not.toContain(CONTEST_TITLE);
      for (const fields of contestIntents()) {
        const out = await post(fields, cookies[who]);
        expect(out.status, `${who} ${fields.intent}`).toBe(404);
        expectNothingOfTheEntry(out);
      }
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe("the judge in their area", () => {
  it("sees the contest's title, phase and categories, and nothing of its entries", async () => {
    const res = await page(cookies.judge);
    expect(res.status).toBe(200);
    const { area } = res.body as { area: { contests: { title: string; phase: string; categories: { name: string }[] }[] } };
    expect(area.contests).toMatchObject([{ title: CONTEST_TITLE, phase: "CLOSED", categories: [{ name: "Cán bộ, đảng viên" }] }]);
    expectNothingOfTheEntry(res);
    expect(bodyText(res)).not.toContain(entry.entryCode!);
  });

  it("saves their unit and expertise; a stale form gets a message and changes nothing", async () => {
    const unit = await post({ intent: "unit", unit: "Học viện Chính trị khu vực I", expected: "" }, cookies.judge);
    expect(unit.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: judgeId } })).unit).toBe("Học viện Chính trị khu vực I");
    const stale = await post({ intent: "unit", unit: "Khác", expected: "" }, cookies.judge);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ form: "judge-unit", error: "judge:errors.changedMeanwhile" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: judgeId } })).unit).toBe("Học viện Chính trị khu vực I");
    const tooLong = await post({ intent: "unit", unit: "x".repeat(201), expected: "Học viện Chính trị khu vực I" }, cookies.judge);
    expect(tooLong.status).toBe(400);

    const expertise = await post({ intent: "expertise", contestId, categoryIds: categoryId, expected: "" }, cookies.judge);
    expect(expertise.status).toBe(200);
    expect(await prisma.judgePreference.count({ where: { contestId, userId: judgeId, kind: "EXPERTISE", categoryId } })).toBe(1);
    const after = await page(cookies.judge);
    expect((after.body as { area: { contests: { categories: { expertise: boolean }[] }[] } }).area.contests[0]!.categories[0]!.expertise).toBe(true);
    const foreignCategory = await createTestContest({ categories: ["Khác"] });
    const invalid = await post(
      { intent: "expertise", contestId, categoryIds: foreignCategory.categories[0]!.id, expected: categoryId },
      cookies.judge,
    );
    expect(invalid.status).toBe(400);
    expect(await prisma.judgePreference.count({ where: { contestId, userId: judgeId } })).toBe(1);
  });

  it("declares a conflict by entry code; the answer and the page show the code, never the title or authors", async () => {
    const res = await post({ intent: "declare", contestId, entryCode: entry.entryCode!.toLowerCase(), reason: "Tác giả là chị gái tôi" }, cookies.judge);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "declared", code: entry.entryCode } });
    expectNothingOfTheEntry(res);
    const row = await prisma.conflictOfInterest.findUniqueOrThrow({ where: { judgeId_entryId: { judgeId, entryId: entry.id } } });
    expect(row).toMatchObject({ source: "DECLARED", status: "CONFIRMED" });

    const shown = await page(cookies.judge);
    const declarations = (shown.body as { area: { contests: { declarations: { entryCode: string; reason: string; title: string | null }[] }[] } }).area
      .contests[0]!.declarations;
    expect(declarations).toMatchObject([{ entryCode: entry.entryCode, reason: "Tác giả là chị gái tôi", title: null }]);
    expectNothingOfTheEntry(shown);
  });

  it("answers an unknown code and a missing reason with 400 field errors, writing nothing", async () => {
    const before = await snapshot();
    const unknown = await post({ intent: "declare", contestId, entryCode: "CL-9999", reason: "Người quen" }, cookies.judge);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ form: `judge-declare-${contestId}`, result: { error: { entryCode: ["contests:conflicts.errors.unknownCode"] } } });
    const noReason = await post({ intent: "declare", contestId, entryCode: entry.entryCode!, reason: "" }, cookies.judge);
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ result: { error: { reason: ["contests:conflicts.errors.reasonRequired"] } } });
    expect(await snapshot()).toEqual(before);
  });
});
