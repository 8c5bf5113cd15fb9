// An organizer reads a round ranking larger than a page (a round with 130 scored entries, a page
// holds 100): the counts and the pager, a page past the end, the search by entry code that opens
// the page holding the entry and marks its row, an unknown code; and a MANUAL advance list that
// follows the pages without losing the choices made on another page. In both languages, with axe.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { RESULTS_PAGE_SIZE } from "#app/modules/rankings/results.schema";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { scoresheetSummary, scoresheetTotal } from "#app/modules/scoring/total";
import { type Language } from "#app/utils/i18n";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, fill, inBothLanguages, main, texts } from "./support";

const CATEGORY = "Đoàn viên, thanh niên";
const ENTRIES = 130;

/** Points per criterion of the default rubric (25, 25, 20, 20, 10) adding up to `total` in half points. */
function split(total: number): number[] {
  const maxima = [25, 25, 20, 20, 10];
  const points = maxima.map((m) => Math.floor(((total * m) / 100) * 2) / 2);
  let rest = Math.round((total - points.reduce((s, p) => s + p, 0)) * 2) / 2;
  for (let i = 0; rest > 0 && i < points.length; i++) {
    const add = Math.min(maxima[i]! - points[i]!, rest);
    points[i]! += add;
    rest -= add;
  }
  return points;
}

/** A finalizing contest whose first round (MANUAL advance, one read per entry) ranks 130 entries 95, 94.5, … with no ties. */
async function prepareContest(organizerId: string) {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  const contest = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận toàn quốc ${hex}`,
      slug: `trang-ket-qua-${hex}`,
      phase: "FINALIZING",
      blind: true,
      createdById: organizerId,
      members: { create: { userId: organizerId, role: "ORGANIZER" } },
    },
  });
  const category = await db.category.create({ data: { contestId: contest.id, name: CATEGORY } });
  const template = defaultRubricTemplate("vi");
  const rubric = await db.rubric.create({
    data: { contestId: contest.id, name: template.name, versions: { create: { version: 1, lockedAt: new Date(), criteria: { create: criterionRows(template.criteria) } } } },
    select: { versions: { select: { id: true, criteria: { orderBy: { position: "asc" } } } } },
  });
  const version = rubric.versions[0]!;
  const round = await db.round.create({
    data: { contestId: contest.id, position: 1, name: "Sơ khảo", rubricVersionId: version.id, readsPerEntry: 1, aggregation: "MEAN", advanceRule: "MANUAL" },
  });
  await db.round.create({ data: { contestId: contest.id, position: 2, name: "Chung khảo", rubricVersionId: version.id } });
  const panel = await db.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1", categoryId: category.id } });
  const judge = await db.user.create({ data: { email: `gk-trang-${hex}@example.com`, name: "Nguyễn Văn Chấm" } });
  await db.contestMember.create({ data: { contestId: contest.id, userId: judge.id, role: "JUDGE" } });
  await db.panelJudge.create({ data: { panelId: panel.id, userId: judge.id, isChair: true } });
  const submitter = await db.user.create({ data: { email: `tg-trang-${hex}@example.com`, name: "Lê Thị Tác Giả" } });
  const n = Array.from({ length: ENTRIES }, (_, i) => i);
  const entryId = (i: number) => `e2e-${hex}-entry-${i}`;
  const assignmentId = (i: number) => `e2e-${hex}-assignment-${i}`;
  const sheetId = (i: number) => `e2e-${hex}-sheet-${i}`;
  const code = (i: number) => `TQ-${String(i + 1).padStart(4, "0")}`;
  await db.entry.createMany({
    data: n.map((i) => ({
      id: entryId(i),
      contestId: contest.id,
      categoryId: category.id,
      submitterId: submitter.id,
      title: `Bài dự thi số ${i + 1}`,
      status: "ELIGIBLE" as const,
      entryCode: code(i),
      anonymousCode: `PH-${hex.toUpperCase()}-${i + 1}`,
      submittedAt: new Date(),
      declarationAcceptedAt: new Date(),
    })),
  });
  await db.entryAuthor.createMany({ data: n.map((i) => ({ entryId: entryId(i), position: 0, name: `Tác giả số ${i + 1}`, unit: `Đoàn xã số ${i + 1}` })) });
  await db.roundEntry.createMany({ data: n.map((i) => ({ roundId: round.id, entryId: entryId(i), panelId: panel.id })) });
  await db.assignment.createMany({ data: n.map((i) => ({ id: assignmentId(i), roundId: round.id, panelId: panel.id, entryId: entryId(i), judgeId: judge.id })) });
  const pointsOf = (i: number) => Object.fromEntries(split(95 - i * 0.5).map((p, k) => [version.criteria[k]!.id, p]));
  await db.scoresheet.createMany({
    data: n.map((i) => ({
      id: sheetId(i),
      assignmentId: assignmentId(i),
      rubricVersionId: version.id,
      status: "SUBMITTED" as const,
      submittedAt: new Date(),
      total: scoresheetTotal(version.criteria, pointsOf(i)),
      ...scoresheetSummary(version.criteria, pointsOf(i)),
    })),
  });
  await db.score.createMany({ data: n.flatMap((i) => Object.entries(pointsOf(i)).map(([criterionId, points]) => ({ scoresheetId: sheetId(i), criterionId, points }))) });
  return { contest, round, category, code, entryId };
}

test("an organizer pages through a large round's ranking, finds an entry by its code, and chooses who advances page by page", async ({ page }) => {
  test.setTimeout(240_000);
  const organizer = await createAccount("organizer", { organizer: true, name: "Trần Văn Tổ Chức" });
  const { contest, round, category, code, entryId } = await prepareContest(organizer.id);
  const base = `/organize/${contest.id}/results/${round.id}`;
  const vi = texts("vi").results;
  const ranking = (page: Page, lng: Language = "vi") => main(page).getByRole("table", { name: fill(texts(lng).results.table.caption, { name: CATEGORY }) });
  const pager = (page: Page, lng: Language = "vi") => main(page).getByRole("navigation", { name: fill(texts(lng).results.pager.label, { name: CATEGORY }) });
  expect(ENTRIES).toBeGreaterThan(RESULTS_PAGE_SIZE);
  await signIn(page, organizer, base);

  await test.step("the first page: 100 rows, the counts and the pager, in both languages", async () => {
    await inBothLanguages(page, async (lng) => {
      const r = texts(lng).results;
      await expect(ranking(page, lng).locator("tbody tr")).toHaveCount(RESULTS_PAGE_SIZE);
      await expect(ranking(page, lng).locator("tbody tr").first()).toContainText(code(0));
      await expect(main(page).getByText(fill(r.pager.showing, { first: 1, last: 100, total: 130 }), { exact: true })).toBeVisible();
      await expect(pager(page, lng).getByText(fill(r.pager.pageOf, { page: 1, pages: 2 }), { exact: true })).toBeVisible();
      await expect(pager(page, lng).getByRole("link", { name: exactly(fill(r.pager.page, { page: 2 })) })).toBeVisible();
      await expectAccessible(page);
    });
  });

  await test.step("the next page, and a page past the end shows the last one", async () => {
    await pager(page).getByRole("link", { name: exactly(vi.pager.next) }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]page\\.${category.id}=2`));
    await expect(ranking(page).locator("tbody tr")).toHaveCount(ENTRIES - RESULTS_PAGE_SIZE);
    await expect(ranking(page).locator("tbody tr").first()).toContainText(code(100));
    await expect(main(page).getByText(fill(vi.pager.showing, { first: 101, last: 130, total: 130 }), { exact: true })).toBeVisible();
    await page.goto(`${base}?page.${category.id}=999`);
    await expect(pager(page).getByText(fill(vi.pager.pageOf, { page: 2, pages: 2 }), { exact: true })).toBeVisible();
    await expect(ranking(page).locator("tbody tr").first()).toContainText(code(100));
    await page.goto(`${base}?page.${category.id}=abc&unranked=%ZZ`);
    await expect(ranking(page).locator("tbody tr").first()).toContainText(code(0));
  });

  await test.step("the search opens the page holding the entry and marks its row; an unknown code is told, in both languages", async () => {
    await page.goto(base);
    await inBothLanguages(page, async (lng) => {
      const r = texts(lng).results;
      const search = main(page).getByRole("search", { name: r.search.heading.entryCode });
      await search.getByLabel(r.search.label.entryCode, { exact: true }).fill(code(120).toLowerCase());
      await search.getByRole("button", { name: exactly(r.search.submit) }).click();
      await expect(main(page).getByRole("status")).toContainText(fill(r.search.found.ranked, { entry: code(120), category: CATEGORY, page: 2 }));
      const marked = ranking(page, lng).locator('tbody tr[aria-current="true"]');
      await expect(marked).toHaveCount(1);
      await expect(marked).toContainText(code(120));
      await expect(marked).toContainText(r.search.marker);
      await expect(marked.locator("td").first()).toHaveText("121");
      await expect(pager(page, lng).getByText(fill(r.pager.pageOf, { page: 2, pages: 2 }), { exact: true })).toBeVisible();
      await expectAccessible(page);

      await search.getByLabel(r.search.label.entryCode, { exact: true }).fill("KHONG-CO-9999");
      await search.getByRole("button", { name: exactly(r.search.submit) }).click();
      await expect(main(page).getByRole("alert")).toHaveText(fill(r.search.notFound, { code: "KHONG-CO-9999" }));
      await expect(ranking(page, lng).locator('tbody tr[aria-current="true"]')).toHaveCount(0);
      await expectAccessible(page);
    });
  });

  await test.step("MANUAL advance: each page's list keeps the choices saved on the others", async () => {
    const advance = main(page).getByRole("region", { name: fill(vi.advance.heading, { round: "Chung khảo" }) });
    const box = (i: number) => advance.getByLabel(`${fill(vi.advance.manualOption, { entry: code(i) })} (${CATEGORY})`, { exact: true });
    const apply = advance.getByRole("button", { name: exactly(fill(vi.advance.submit, { round: "Chung khảo" })) });
    await page.goto(base);
    await expect(advance.getByRole("checkbox")).toHaveCount(RESULTS_PAGE_SIZE);
    await expect(advance).toContainText(fill(vi.advance.manualPaged, { shown: 100, entries: 130, kept: 0 }));
    await box(0).check();
    await box(1).check();
    await apply.click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.advance.done, { advanced: 2, eliminated: 128, round: "Chung khảo" }));

    await pager(page).getByRole("link", { name: exactly(vi.pager.next) }).click();
    await expect(advance.getByRole("checkbox")).toHaveCount(ENTRIES - RESULTS_PAGE_SIZE);
    await expect(advance).toContainText(fill(vi.advance.manualPaged, { shown: 30, entries: 130, kept: 2 }));
    await expect(box(110)).not.toBeChecked();
    await box(110).check();
    await apply.click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.advance.done, { advanced: 3, eliminated: 127, round: "Chung khảo" }));
    const advanced = await e2eDb().roundEntry.findMany({ where: { roundId: round.id, status: "ADVANCED" }, select: { entryId: true } });
    expect(advanced.map((x) => x.entryId).sort()).toEqual([entryId(0), entryId(1), entryId(110)].sort());

    // Back on the first page the boxes start from what is stored; unticking one there keeps 110.
    await pager(page).getByRole("link", { name: exactly(vi.pager.previous) }).click();
    await expect(box(0)).toBeChecked();
    await expect(box(1)).toBeChecked();
    await box(1).uncheck();
    await apply.click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.advance.done, { advanced: 2, eliminated: 128, round: "Chung khảo" }));
    const after = await e2eDb().roundEntry.findMany({ where: { roundId: round.id, status: "ADVANCED" }, select: { entryId: true } });
    expect(after.map((x) => x.entryId).sort()).toEqual([entryId(0), entryId(110)].sort());
    await expectAccessible(page);
  });
});
