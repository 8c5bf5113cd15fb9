// Refusals on the organizer area: a signed-out visitor, an entrant and a judge may neither
// see an organizer page nor run its action, while a contest with data exists.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load as runLoader, submit } from "#tests/factories/requests";
import * as contestPage from "./organize.$contestId._index";
import * as organizeIndex from "./organize._index";

let contestId: string;
let organizerCookie: string;
let entrantCookie: string;
let judgeCookie: string;
const SECRET_TITLE = "Cuộc thi bí mật của Ban tuyên giáo";

beforeAll(async () => {
  const organizer = await createTestUser({ isOrganizer: true, name: "Trần Thị Tổ Chức" });
  const entrant = await createTestUser({ name: "Lê Văn Tác Giả" });
  const judge = await createTestUser({ name: "Phạm Giám Khảo" });
  const contest = await prisma.contest.create({
    data: {
      title: SECRET_TITLE,
      slug: "bi-mat",
      members: { create: [{ userId: organizer.id, role: "ORGANIZER" }, { userId: judge.id, role: "JUDGE" }] },
    },
  });
  contestId = contest.id;
  organizerCookie = await sessionCookie(organizer.id);
  entrantCookie = await sessionCookie(entrant.id);
  judgeCookie = await sessionCookie(judge.id);
});

const organizerPage = () => `/organize/${contestId}`;
const load = (path: string, cookie?: string) => runLoader(contestPage.loader, path, { cookie, params: { contestId } });
const loadIndex = (cookie?: string) => runLoader(organizeIndex.loader, "/organize", { cookie });
const create = (cookie?: string, slug = "moi") => submit(organizeIndex.action, "/organize", { title: "Cuộc thi mới", slug }, { cookie });

describe("organizer pages and actions", () => {
  it("refuses a signed-out visitor with 403 on the page (asking to sign in) and on the action", async () => {
    const page = await load(organizerPage());
    expect(page.status).toBe(403);
    expect(page.body).toBe(SIGN_IN_REQUIRED);
    expect((await loadIndex()).status).toBe(403);
    expect((await create()).status).toBe(403);
    expect(await prisma.contest.count({ where: { slug: "moi" } })).toBe(0);
  });

  it("refuses an entrant with 403 on the organizer area and its action", async () => {
    expect((await loadIndex(entrantCookie)).status).toBe(403);
    expect((await create(entrantCookie)).status).toBe(403);
    const page = await load(organizerPage(), entrantCookie);
    expect(page.status).toBe(404);
    expect(JSON.stringify(page.body)).not.toContain(SECRET_TITLE);
  });

  it("refuses a judge of the very contest: 404 on its organizer page, 403 on creating", async () => {
    const page = await load(organizerPage(), judgeCookie);
    expect(page.status).toBe(404);
    expect(JSON.stringify(page.body)).not.toContain(SECRET_TITLE);
    expect((await loadIndex(judgeCookie)).status).toBe(403);
    expect((await create(judgeCookie)).status).toBe(403);
    expect(await prisma.contest.count({ where: { slug: "moi" } })).toBe(0);
  });

  it("serves the organizer, and creates a draft contest with an audit record", async () => {
    const page = await load(organizerPage(), organizerCookie);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toContain(SECRET_TITLE);
    const created = await create(organizerCookie, "chinh-luan-2026");
    expect(created.status).toBe(302);
    const contest = await prisma.contest.findUniqueOrThrow({ where: { slug: "chinh-luan-2026" }, include: { members: true } });
    expect(created.location).toBe(`/organize/${contest.id}`);
    expect(contest.phase).toBe("DRAFT");
    expect(contest.members.map((m) => m.role)).toEqual(["ORGANIZER"]);
    expect(await prisma.auditLog.count({ where: { contestId: contest.id, action: "contest.create" } })).toBe(1);
  });

  it("answers a taken slug with a translated field error and saves nothing", async () => {
    const before = await prisma.contest.count();
    const res = await create(organizerCookie, "bi-mat");
    expect(res.status).toBe(400);
    expect((res.body as { result: { error?: Record<string, string[]> } }).result.error?.slug).toEqual([
      "organize:errors.slugTaken",
    ]);
    expect(await prisma.contest.count()).toBe(before);
  });

  it("rejects an invalid slug with 400", async () => {
    const res = await create(organizerCookie, "Có Dấu!");
    expect(res.status).toBe(400);
    expect((res.body as { result: { error?: Record<string, string[]> } }).result.error?.slug).toEqual(["validation.slug"]);
  });
});

describe("the overview's setup checklist", () => {
  it("marks what is done from the contest's own rows", async () => {
    const { contest, organizerId, categories } = await createTestContest({ categories: ["Cán bộ", "Học sinh"], rubric: true });
    const cookie = await sessionCookie(organizerId);
    const page = await runLoader(contestPage.loader, `/organize/${contest.id}`, { cookie, params: { contestId: contest.id } });
    expect(page.status).toBe(200);
    const steps = (page.body as { contest: { steps: { key: string; done: boolean; counts: Record<string, number> }[] } }).contest.steps;
    const byKey = Object.fromEntries(steps.map((s) => [s.key, s]));
    expect(byKey.categories).toMatchObject({ done: true, counts: { categories: 2, prizes: 2 * (1 + 2 + 3 + 5) } });
    expect(byKey.rubric).toMatchObject({ done: true, counts: { criteria: 5 } });
    expect(byKey.schedule?.done).toBe(false);
    expect(byKey.team?.done).toBe(false);
    expect(byKey.rounds?.done).toBe(false);

    await addContestMember(contest.id, "JUDGE");
    await prisma.contest.update({ where: { id: contest.id }, data: { closesAt: new Date(Date.now() + 86_400_000) } });
    await createTestEntries(contest.id, categories[0]!.id, 2, { status: "SUBMITTED" });
    const again = await runLoader(contestPage.loader, `/organize/${contest.id}`, { cookie, params: { contestId: contest.id } });
    const after = Object.fromEntries(
      (again.body as { contest: { steps: { key: string; done: boolean; counts: Record<string, number> }[] } }).contest.steps.map((s) => [s.key, s]),
    );
    expect(after.schedule?.done).toBe(true);
    expect(after.team).toMatchObject({ done: true, counts: { judges: 1 } });
    expect(after.entries).toMatchObject({ done: false, counts: { submitted: 2, unchecked: 2, eligible: 0 } });
  });
});
