// A judge scores online (issue 5): a blind contest prepared in the e2e database in JUDGING, with
// the default rubric on its round, one panel and two entries assigned to the judge. The judge
// opens the desk, scores an entry with the keyboard only, loses the connection and closes the tab
// mid-way, finds the unsaved draft again and submits; the same sheet open in two tabs cannot
// overwrite itself silently; the pages in both languages, with axe, and at a tablet's size; and
// the same form without JavaScript.
import crypto from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { countWords } from "#app/modules/entries/words";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { type Language } from "#app/utils/i18n";
import { createAccount, e2eDb, signIn, type E2eAccount } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, inBothLanguages, main, switchLanguage, texts } from "./support";

const AUTHOR = "Đinh Thị Tác Giả Riêng";
const UNIT = "Trường THPT Phan Đình Phùng, Hà Nội";
const PHONE = "0903 111 222";
const CRITERIA = defaultRubricTemplate("vi").criteria;

interface Prepared {
  judge: E2eAccount;
  /** The panel's other judge, who reads the same two entries. */
  colleague: E2eAccount;
  contestTitle: string;
  entries: { id: string; entryCode: string; anonymousCode: string; assignmentId: string }[];
}

/** The contest, its round, panel, entries and the judge's assignments, straight into the e2e database. */
async function prepare(): Promise<Prepared> {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  const organizer = await createAccount("to-chuc", { organizer: true, name: "Trần Thị Tổ Chức" });
  const judge = await createAccount("giam-khao", { name: "Nguyễn Văn Giám Khảo" });
  const colleague = await createAccount("dong-nghiep", { name: "Lê Thị Đồng Nghiệp" });
  const contestTitle = `Chính luận bảo vệ nền tảng tư tưởng ${hex}`;
  const contest = await db.contest.create({
    data: {
      title: contestTitle,
      slug: `cham-thi-${hex}`,
      phase: "JUDGING",
      blind: true,
      createdById: organizer.id,
      members: {
        create: [
          { userId: organizer.id, role: "ORGANIZER" },
          { userId: judge.id, role: "JUDGE" },
          { userId: colleague.id, role: "JUDGE" },
        ],
      },
      categories: { create: [{ name: "Cán bộ, đảng viên", position: 0 }] },
    },
    include: { categories: true },
  });
  const template = defaultRubricTemplate("vi");
  const rubric = await db.rubric.create({
    data: { contestId: contest.id, name: template.name, versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } } },
    include: { versions: true },
  });
  const round = await db.round.create({
    data: {
      contestId: contest.id,
      position: 1,
      name: "Sơ khảo",
      rubricVersionId: rubric.versions[0]!.id,
      readsPerEntry: 2,
      scoreVisibility: "AFTER_OWN",
      judgingDeadline: new Date(Date.now() + 7 * 24 * 3600_000),
    },
  });
  const panel = await db.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1", categoryId: contest.categories[0]!.id } });
  await db.panelJudge.createMany({ data: [{ panelId: panel.id, userId: judge.id, isChair: true }, { panelId: panel.id, userId: colleague.id }] });
  const entrant = await createAccount("tac-gia", { name: AUTHOR });
  const entries: Prepared["entries"] = [];
  for (let n = 1; n <= 2; n++) {
    const text = `Tôi là ${AUTHOR}, công tác tại ${UNIT}, điện thoại ${PHONE}.\n\nBài số ${n}: bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ thường xuyên của mỗi cán bộ, đảng viên. Thực tiễn ở cơ sở cho thấy...`;
    const authors = [{ name: AUTHOR, unit: UNIT, phone: PHONE }];
    const entry = await db.entry.create({
      data: {
        contestId: contest.id,
        categoryId: contest.categories[0]!.id,
        submitterId: entrant.id,
        title: `Bài dự thi số ${n} của ${AUTHOR}`,
        status: "ELIGIBLE",
        entryCode: `CL-${hex}-${n}`,
        anonymousCode: `PH-${hex.toUpperCase()}-${n}`,
        submittedAt: new Date(),
        declarationAcceptedAt: new Date(),
        authors: { create: authors.map((a, position) => ({ position, ...a, userId: position === 0 ? entrant.id : null })) },
      },
    });
    // The mask is left uncomputed: the judge's reading view masks the text itself (masking.server).
    const version = await db.entryVersion.create({ data: { entryId: entry.id, number: 1, extractedText: text, wordCount: countWords(text) } });
    await db.entry.update({ where: { id: entry.id }, data: { currentVersionId: version.id } });
    await db.roundEntry.create({ data: { roundId: round.id, entryId: entry.id, panelId: panel.id } });
    const assignment = await db.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry.id, judgeId: judge.id } });
    await db.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry.id, judgeId: colleague.id } });
    entries.push({ id: entry.id, entryCode: entry.entryCode!, anonymousCode: entry.anonymousCode!, assignmentId: assignment.id });
  }
  return { judge, colleague, contestTitle, entries };
}

const saveStatus = (page: Page, lng: Language = "vi") => main(page).getByRole("status", { name: texts(lng).scoring.status.label });
// The criteria are the contest's (Vietnamese) content, whatever the interface's language.
const scoreBox = (page: Page, i: number, lng: Language = "vi") => main(page).getByLabel(fill(texts(lng).scoring.sheet.score, { name: CRITERIA[i]!.name }), { exact: true });

/** Nothing of the authors or the receipt on the page. */
async function expectBlind(page: Page, prepared: Prepared) {
  const text = (await main(page).textContent()) ?? "";
  for (const secret of [AUTHOR, UNIT, PHONE, ...prepared.entries.map((e) => e.entryCode)]) expect(text, secret).not.toContain(secret);
}

/** Presses Tab until `target` has the focus (at most `max` times): the keyboard's way there. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

test.describe.configure({ mode: "serial" });

let prepared: Prepared;
test.beforeAll(async () => {
  prepared = await prepare();
});

test("a judge scores an entry with the keyboard, loses the draft's tab mid-way, finds it again and submits", async ({ page, context }) => {
  test.setTimeout(240_000);
  const vi = texts("vi").scoring;
  const first = prepared.entries[0]!;
  await signIn(page, prepared.judge, "/judge/desk");

  await test.step("the desk, in both languages", async () => {
    await inBothLanguages(page, async (lng) => {
      const sc = texts(lng).scoring;
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(sc.desk.heading);
      await expect(main(page).getByRole("heading", { name: prepared.contestTitle })).toBeVisible();
      await expect(main(page).getByText(fill(sc.desk.progress, { submitted: 0, assigned: 2 }))).toBeVisible();
      await expect(main(page).getByRole("progressbar", { name: fill(sc.desk.progressLabel, { panel: "Tiểu ban 1" }) })).toBeVisible();
      await expectAccessible(page);
    });
    const table = main(page).getByRole("table", { name: fill(vi.desk.caption, { panel: "Tiểu ban 1" }) });
    await expect(table.getByRole("rowheader")).toHaveText(prepared.entries.map((e) => e.anonymousCode));
    await expect(table.getByRole("row", { name: new RegExp(first.anonymousCode) })).toContainText("[đã che]");
    await expect(table.getByRole("row", { name: new RegExp(first.anonymousCode) })).toContainText(vi.desk.states.notStarted);
    await expectBlind(page, prepared);
  });

  await test.step("open the next entry from the desk with the keyboard", async () => {
    await tabTo(page, main(page).getByRole("link", { name: exactly(vi.desk.nextLink) }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`/judge/sheets/${first.assignmentId}`);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.sheet.heading, { code: first.anonymousCode }));
    await expect(main(page).getByRole("article")).toContainText("bảo vệ nền tảng tư tưởng");
    await expectBlind(page, prepared);
  });

  await test.step("the scoring page, in both languages", async () => {
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { name: texts(lng).scoring.sheet.formHeading, exact: true })).toBeVisible();
      await expect(scoreBox(page, 0, lng)).toBeVisible();
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
  });

  await test.step("skip to the form and score three criteria by keyboard; Enter saves and never submits", async () => {
    await tabTo(page, main(page).getByRole("link", { name: vi.sheet.skipToForm }));
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(scoreBox(page, 0)).toBeFocused();
    await page.keyboard.type("20,5");
    await page.keyboard.press("Tab");
    await expect(scoreBox(page, 1)).toBeFocused();
    await page.keyboard.type("19.5");
    await page.keyboard.press("Tab");
    await expect(scoreBox(page, 2)).toBeFocused();
    await page.keyboard.type("15");
    await page.keyboard.press("Enter");
    await expect(saveStatus(page)).toHaveText(/^Đã lưu lúc \d{2}:\d{2}$/);
    await expect(main(page).getByText(fill(vi.sheet.total, { total: "55", scale: 100 }))).toBeVisible();
    // Still the form, not a submission.
    await expect(main(page).getByRole("button", { name: vi.sheet.submit })).toBeVisible();
    await expect(main(page).getByRole("region", { name: vi.sheet.confirm.heading })).toHaveCount(0);
    const sheet = await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: first.assignmentId }, include: { scores: true } });
    expect(sheet).toMatchObject({ status: "DRAFT", total: 55 });
  });

  await test.step("an out-of-range score is marked and not saved", async () => {
    await page.keyboard.press("Tab");
    await expect(scoreBox(page, 3)).toBeFocused();
    await page.keyboard.type("21");
    await page.keyboard.press("Tab");
    await expect(main(page).getByText(fill(texts("vi").scoring.errors.outOfRange, { max: 20 }))).toBeVisible();
    await expect(saveStatus(page)).toHaveText(vi.status.invalid);
    await scoreBox(page, 3).focus();
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("16");
    await page.keyboard.press("Enter");
    await expect(saveStatus(page)).toHaveText(/^Đã lưu lúc/);
  });

  await test.step("the connection drops; typing is kept on the device; the tab is closed", async () => {
    await context.setOffline(true);
    await scoreBox(page, 4).focus();
    await page.keyboard.type("8,5");
    await page.keyboard.press("Enter");
    await expect(saveStatus(page)).toHaveText(vi.status.offline);
    // The tab dies without a last word (a crash, a killed browser): its save on hiding and its
    // retries are never sent. Otherwise a keepalive request may outlive the closed page and the
    // offline emulation, reach the server, and leave nothing to offer back (saved after all).
    await page.evaluate(() => {
      window.addEventListener("visibilitychange", (e) => e.stopImmediatePropagation(), true);
      // Nor does a retry or any other request leave it any more.
      window.fetch = () => new Promise<Response>(() => {});
    });
    await page.close();
    await context.setOffline(false);
    const sheet = await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: first.assignmentId }, include: { scores: true } });
    expect(sheet.scores).toHaveLength(4);
  });

  const again = await context.newPage();
  await test.step("back on the sheet, the unsaved draft is offered and restored", async () => {
    await again.goto(`/judge/sheets/${first.assignmentId}`);
    const offer = main(again).getByRole("region", { name: vi.local.heading });
    await expect(offer).toBeVisible();
    await expect(scoreBox(again, 4)).toHaveValue("");
    await tabTo(again, offer.getByRole("button", { name: vi.local.restore }));
    await again.keyboard.press("Enter");
    await expect(scoreBox(again, 4)).toHaveValue("8,5");
    await expect(saveStatus(again)).toHaveText(/^Đã lưu lúc/);
    await expect(main(again).getByText(fill(vi.sheet.total, { total: "79,5", scale: 100 }))).toBeVisible();
  });

  await test.step("write the notes and submit with the keyboard, confirming", async () => {
    await main(again).getByLabel(vi.sheet.privateNote, { exact: true }).focus();
    await again.keyboard.type("Số liệu ở phần hai cần được kiểm chứng.");
    await again.keyboard.press("Tab");
    await again.keyboard.type("Bài viết có lập luận chặt chẽ, dẫn chứng thuyết phục.");
    await tabTo(again, main(again).getByRole("button", { name: vi.sheet.submit }));
    await again.keyboard.press("Enter");
    const confirm = main(again).getByRole("region", { name: vi.sheet.confirm.heading });
    await expect(confirm.getByRole("heading")).toBeFocused();
    await expect(confirm).toContainText(fill(vi.sheet.confirm.text, { total: "79,5", scale: 100 }));
    await again.keyboard.press("Tab");
    await expect(confirm.getByRole("button", { name: vi.sheet.confirm.submit })).toBeFocused();
    await again.keyboard.press("Enter");
    await expect(main(again).getByRole("status").filter({ hasText: fill(vi.sheet.submitted, { code: first.anonymousCode }) })).toBeVisible();
    await expect(main(again).getByRole("button", { name: vi.sheet.submit })).toHaveCount(0);
    await expect(main(again).getByRole("table", { name: vi.sheet.yourScores })).toContainText("79,5");
    const sheet = await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: first.assignmentId } });
    expect(sheet).toMatchObject({ status: "SUBMITTED", total: 79.5, feedback: "Bài viết có lập luận chặt chẽ, dẫn chứng thuyết phục." });
    // Nothing of the draft is left on the device.
    expect(await again.evaluate((key) => window.localStorage.getItem(key), `scoresheet:${first.assignmentId}`)).toBeNull();
    await expectAccessible(again);
  });

  await test.step("the desk shows the progress", async () => {
    await again.goto("/judge/desk");
    await expect(main(again).getByText(fill(vi.desk.progress, { submitted: 1, assigned: 2 }))).toBeVisible();
    await expect(main(again).getByRole("row", { name: new RegExp(first.anonymousCode) })).toContainText(vi.desk.states.submitted);
  });
});

test("the same sheet open in two tabs cannot be overwritten silently, in both languages", async ({ page, context }) => {
  test.setTimeout(180_000);
  const vi = texts("vi").scoring;
  const second = prepared.entries[1]!;
  await signIn(page, prepared.judge, `/judge/sheets/${second.assignmentId}`);
  const other = await context.newPage();
  await other.goto(`/judge/sheets/${second.assignmentId}`);

  await test.step("tab A saves; tab B, opened before, is told instead of overwriting", async () => {
    await scoreBox(page, 0).fill("10");
    await scoreBox(page, 0).press("Enter");
    await expect(saveStatus(page)).toHaveText(/^Đã lưu lúc/);
    await scoreBox(other, 0).fill("15");
    await scoreBox(other, 1).fill("12");
    await scoreBox(other, 1).press("Enter");
    const banner = main(other).getByRole("region", { name: vi.conflict.heading });
    await expect(banner).toBeVisible();
    await expect(saveStatus(other)).toHaveText(vi.status.conflict);
    const row = banner.getByRole("row", { name: new RegExp(CRITERIA[0]!.name) });
    await expect(row).toContainText("10");
    await expect(row).toContainText("15");
    const stored = await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: second.assignmentId }, include: { scores: true } });
    expect(stored.scores.map((s) => s.points)).toEqual([10]);
    await expectAccessible(other);
  });

  await test.step("tab B merges per field: the saved score for the first criterion, its own for the second", async () => {
    const banner = main(other).getByRole("region", { name: vi.conflict.heading });
    await banner.getByRole("radio", { name: `${fill(vi.conflict.keep, { field: CRITERIA[0]!.name })} ${vi.conflict.theirs}` }).check();
    await banner.getByRole("button", { name: vi.conflict.merge }).click();
    await expect(banner).toHaveCount(0);
    await expect(scoreBox(other, 0)).toHaveValue("10");
    await expect(scoreBox(other, 1)).toHaveValue("12");
    await expect(saveStatus(other)).toHaveText(/^Đã lưu lúc/);
    const stored = await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: second.assignmentId }, include: { scores: { include: { criterion: true } } } });
    expect(stored.scores.sort((a, b) => a.criterion.position - b.criterion.position).map((s) => s.points)).toEqual([10, 12]);
  });

  await test.step("tab A, now behind, takes the other tab's copy", async () => {
    await scoreBox(page, 2).fill("9");
    await scoreBox(page, 2).press("Enter");
    const banner = main(page).getByRole("region", { name: vi.conflict.heading });
    await expect(banner).toBeVisible();
    await banner.getByRole("button", { name: vi.conflict.takeTheirs }).click();
    await expect(banner).toHaveCount(0);
    await expect(scoreBox(page, 1)).toHaveValue("12");
    await expect(scoreBox(page, 2)).toHaveValue("");
    await expect(saveStatus(page)).toHaveText(/^Đã lưu lúc/);
  });

  await test.step("the same in English: tab B, behind again, is told and takes the saved copy", async () => {
    const en = texts("en").scoring;
    await switchLanguage(other, "en");
    await expect(scoreBox(other, 1, "en")).toHaveValue("12");
    await scoreBox(page, 3).fill("11");
    await scoreBox(page, 3).press("Enter");
    await expect(saveStatus(page)).toHaveText(/^Đã lưu lúc/);
    await scoreBox(other, 3, "en").fill("14");
    await scoreBox(other, 3, "en").press("Enter");
    const banner = main(other).getByRole("region", { name: en.conflict.heading });
    await expect(banner).toBeVisible();
    await expect(saveStatus(other, "en")).toHaveText(en.status.conflict);
    await expect(banner.getByRole("row", { name: new RegExp(CRITERIA[3]!.name) })).toContainText("14");
    await expectAccessible(other);
    await banner.getByRole("button", { name: en.conflict.takeTheirs }).click();
    await expect(banner).toHaveCount(0);
    await expect(scoreBox(other, 3, "en")).toHaveValue("11");
    const stored = await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: second.assignmentId }, include: { scores: { include: { criterion: true } } } });
    expect(stored.scores.sort((a, b) => a.criterion.position - b.criterion.position).map((s) => s.points)).toEqual([10, 12, 11]);
    await switchLanguage(other, "vi");
  });
});

test("the desk and the scoring page on a tablet", async ({ page }) => {
  test.setTimeout(120_000);
  const vi = texts("vi").scoring;
  await page.setViewportSize({ width: 768, height: 1024 });
  const second = prepared.entries[1]!;
  await signIn(page, prepared.judge, "/judge/desk");
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await noSideScroll()).toBe(true);
  await expectAccessible(page);

  await page.goto(`/judge/sheets/${second.assignmentId}`);
  expect(await noSideScroll()).toBe(true);
  // Stacked: the form comes after the text, and both are the page's width.
  const text = await main(page).getByRole("article").boundingBox();
  const form = await main(page).getByRole("region", { name: vi.sheet.formHeading, exact: true }).boundingBox();
  expect(form!.y).toBeGreaterThan(text!.y + text!.height - 1);
  expect(Math.abs(form!.width - text!.width)).toBeLessThan(2);
  await main(page).getByRole("link", { name: vi.sheet.skipToForm }).focus();
  await page.keyboard.press("Enter");
  await expect(scoreBox(page, 0)).toBeInViewport();
  await scoreBox(page, 4).click();
  await page.keyboard.type("7");
  await page.keyboard.press("Enter");
  await expect(saveStatus(page)).toHaveText(/^Đã lưu lúc/);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form saves a draft (Enter too) and submits with its plain buttons", async ({ page }) => {
    test.setTimeout(120_000);
    const vi = texts("vi").scoring;
    const entry = prepared.entries[0]!;
    const assignment = await e2eDb().assignment.findFirstOrThrow({ where: { entryId: entry.id, judgeId: prepared.colleague.id } });
    await signIn(page, prepared.colleague, `/judge/sheets/${assignment.id}`);
    // Enter submits only once the form's buttons have arrived: on a loaded machine the page's HTML
    // can still be streaming when its first field is already there.
    await page.waitForLoadState("load");
    await expect(main(page).getByRole("button", { name: vi.sheet.submit })).toBeVisible();
    await scoreBox(page, 0).fill("22");
    await scoreBox(page, 0).press("Enter");
    await expect(main(page).getByRole("status").filter({ hasText: vi.sheet.saved })).toBeVisible();
    await expect(scoreBox(page, 0)).toHaveValue("22");
    expect(await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: assignment.id } })).toMatchObject({ status: "DRAFT", total: 22 });

    // Submitting an incomplete sheet is refused, the typed scores kept.
    await scoreBox(page, 1).fill("18,5");
    await main(page).getByRole("button", { name: vi.sheet.submit }).click();
    await expect(main(page).getByText(vi.errors.required).first()).toBeVisible();
    await expect(scoreBox(page, 1)).toHaveValue("18,5");
    expect((await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: assignment.id } })).status).toBe("DRAFT");

    for (const [i, value] of ["15", "16", "8"].entries()) await scoreBox(page, i + 2).fill(value);
    await main(page).getByRole("button", { name: vi.sheet.submit }).click();
    await expect(main(page).getByRole("status").filter({ hasText: fill(vi.sheet.submitted, { code: entry.anonymousCode }) })).toBeVisible();
    expect(await e2eDb().scoresheet.findUniqueOrThrow({ where: { assignmentId: assignment.id } })).toMatchObject({ status: "SUBMITTED", total: 79.5 });
    // The first judge submitted this entry too: under "after own", the other scores now show.
    await expect(main(page).getByRole("table", { name: vi.others.caption })).toContainText("79,5");
  });
});
