// Categories and prize tiers (/organize/:contestId/categories): refusals for everyone but the
// contest's organizers on the page and on every intent, with data present that could leak and
// nothing written; and the organizer's answers for each intent.
import { beforeAll, describe, expect, it } from "vitest";
import { getCategoriesPage } from "#app/modules/contests/categories.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import * as categoriesRoute from "./organize.$contestId.categories";

const SECRET_CATEGORY = "Đối tượng kín: cán bộ diện Ban Thường vụ quản lý";
const SECRET_DESCRIPTION = "Danh sách nội bộ, không công bố";

let contestId: string;
const cookies = { organizer: "", entrant: "", judge: "", secretary: "", otherOrganizer: "" };

beforeAll(async () => {
  const { contest, organizerId } = await createTestContest({ categories: [SECRET_CATEGORY, "Học sinh, sinh viên"] });
  contestId = contest.id;
  await prisma.category.updateMany({ where: { contestId, name: SECRET_CATEGORY }, data: { description: SECRET_DESCRIPTION } });
  cookies.organizer = await sessionCookie(organizerId);
  cookies.entrant = await sessionCookie((await createTestUser({ name: "Lê Văn Tác Giả" })).id);
  cookies.judge = (await addContestMember(contestId, "JUDGE")).cookie;
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  cookies.otherOrganizer = await sessionCookie((await createTestContest({ categories: ["Khác"] })).organizerId);
});

const path = () => `/organize/${contestId}/categories`;
const page = (cookie?: string) => load(categoriesRoute.loader, path(), { cookie, params: { contestId } });
const post = (fields: Record<string, string>, cookie?: string) => submit(categoriesRoute.action, path(), fields, { cookie, params: { contestId } });

async function category(name: string) {
  return (await getCategoriesPage(contestId))!.categories.find((c) => c.name === name)!;
}

/** One valid form per intent, aimed at the category holding the secret. */
async function everyIntent(): Promise<Record<string, string>[]> {
  const c = await category(SECRET_CATEGORY);
  const ref = { categoryId: c.id, revision: c.revision };
  return [
    { intent: "create", name: "Đối tượng chen vào", description: "" },
    { intent: "update", ...ref, name: "Đã bị đổi tên", description: "" },
    { intent: "move", categoryId: c.id, direction: "down" },
    { intent: "delete", ...ref },
    { intent: "tiers", ...ref, "tiers[0].name": "Giải duy nhất", "tiers[0].count": "1" },
    { intent: "defaultTiers", ...ref },
  ];
}

async function snapshot() {
  return JSON.stringify([
    await prisma.category.findMany({ orderBy: { id: "asc" }, include: { prizeTiers: { orderBy: { rank: "asc" } } } }),
    await prisma.auditLog.count(),
  ]);
}

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(body).not.toContain(SECRET_CATEGORY);
  expect(body).not.toContain(SECRET_DESCRIPTION);
}

const errorOf = (res: Outcome) => (res.body as { result: { error: Record<string, string[]> | null } }).result.error;

describe("who may use the categories page", () => {
  it("refuses a signed-out visitor with 403 on the page and every intent, writing nothing", async () => {
    const before = await snapshot();
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    expectNoLeak(res);
    for (const fields of await everyIntent()) expect((await post(fields)).status, fields.intent).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  for (const who of ["entrant", "judge", "secretary", "otherOrganizer"] as const) {
    it(`answers 404 to ${who} on the page and every intent, writing nothing`, async () => {
      const before = await snapshot();
      const res = await page(cookies[who]);
      expect(res.status).toBe(404);
      expectNoLeak(res);
      for (const fields of await everyIntent()) {
        const outcome = await post(fields, cookies[who]);
        expect(outcome.status, fields.intent).toBe(404);
        expectNoLeak(outcome);
      }
      expect(await snapshot()).toBe(before);
    });
  }

  it("serves the organizer the categories with their tiers", async () => {
    const res = await page(cookies.organizer);
    expect(res.status).toBe(200);
    const body = res.body as { categories: { name: string; tiers: { name: string }[] }[] };
    expect(body.categories.map((c) => c.name)).toEqual([SECRET_CATEGORY, "Học sinh, sinh viên"]);
    expect(body.categories[0]!.tiers.map((t) => t.name)).toEqual(["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]);
  });
});

describe("the organizer editing categories", () => {
  it("adds a category with a notice, and refuses a taken name with a field error", async () => {
    const created = await post({ intent: "create", name: "Cựu chiến binh", description: "Hội viên Hội Cựu chiến binh" }, cookies.organizer);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ target: "category-new", notice: { key: "editor:categories.notices.created", name: "Cựu chiến binh" } });
    const taken = await post({ intent: "create", name: "cựu chiến binh", description: "" }, cookies.organizer);
    expect(taken.status).toBe(400);
    expect(errorOf(taken)).toEqual({ name: ["editor:categories.errors.nameTaken"] });
    expect(await prisma.category.count({ where: { contestId } })).toBe(3);
  });

  it("renames, moves, sets tiers and applies the default tiers", async () => {
    const student = await category("Học sinh, sinh viên");
    const renamed = await post({ intent: "update", categoryId: student.id, revision: student.revision, name: "Học sinh", description: "THPT" }, cookies.organizer);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ target: `category-${student.id}`, notice: { key: "editor:categories.notices.updated" } });

    const moved = await post({ intent: "move", categoryId: student.id, direction: "up" }, cookies.organizer);
    expect(moved.body).toMatchObject({ moved: { categoryId: student.id, direction: "up" } });
    expect((await getCategoriesPage(contestId))!.categories.map((c) => c.name)).toEqual(["Học sinh", SECRET_CATEGORY, "Cựu chiến binh"]);

    const fresh = await category("Học sinh");
    const tiers = await post(
      { intent: "tiers", categoryId: fresh.id, revision: fresh.revision, "tiers[0].name": "Giải Nhất", "tiers[0].count": "0", "tiers[1].name": "Giải Nhì", "tiers[1].count": "3" },
      cookies.organizer,
    );
    expect(tiers.status).toBe(200);
    expect((await category("Học sinh")).tiers.map((t) => [t.name, t.count])).toEqual([["Giải Nhất", 0], ["Giải Nhì", 3]]);

    const veteran = await category("Cựu chiến binh");
    expect((await post({ intent: "defaultTiers", categoryId: veteran.id, revision: veteran.revision }, cookies.organizer)).status).toBe(200);
    expect((await category("Cựu chiến binh")).tiers).toHaveLength(4);
  });

  it("answers invalid tiers with 400, a stale form with 409 and a category with entries with a message", async () => {
    const c = await category("Học sinh");
    const before = await snapshot();
    const invalid = await post(
      { intent: "tiers", categoryId: c.id, revision: c.revision, "tiers[0].name": "Giải A", "tiers[0].count": "-1", "tiers[1].name": "giải a", "tiers[1].count": "1" },
      cookies.organizer,
    );
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid)).toMatchObject({ "tiers[0].count": ['editor:errors.min|{"min":0}'] });

    const stale = await post({ intent: "update", categoryId: c.id, revision: "0000000000000000", name: "Khác", description: "" }, cookies.organizer);
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toEqual({ "": ["editor:categories.errors.stale"] });
    expect(await snapshot()).toBe(before);

    await createTestEntries(contestId, c.id, 1, { status: "SUBMITTED" });
    const fresh = await category("Học sinh");
    const refused = await post({ intent: "delete", categoryId: fresh.id, revision: fresh.revision }, cookies.organizer);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ target: `actions-${fresh.id}` });
    expect(errorOf(refused)).toEqual({ "": ['editor:categories.errors.hasEntries|{"count":1}'] });
    expect(await prisma.category.count({ where: { id: fresh.id } })).toBe(1);
  });

  it("deletes an empty category", async () => {
    const c = await category("Cựu chiến binh");
    const res = await post({ intent: "delete", categoryId: c.id, revision: c.revision }, cookies.organizer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "editor:categories.notices.deleted", name: "Cựu chiến binh" } });
    expect(await prisma.category.count({ where: { id: c.id } })).toBe(0);
  });

  it("answers 404 for a category of another contest", async () => {
    const foreign = await prisma.category.findFirstOrThrow({ where: { name: "Khác" } });
    const res = await post({ intent: "move", categoryId: foreign.id, direction: "up" }, cookies.organizer);
    expect(res.status).toBe(404);
  });
});
