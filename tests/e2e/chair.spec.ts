// Two journeys of issue 5 (items 6 and 7), in both languages with accessibility checks:
//   1. a panel chair sees a flagged disagreement (by anonymous code only), asks for another reader
//      (a judge in conflict with the entry is passed over), reminds the judges with work left, and
//      records a resolution; the extra reader follows the reminder's link, signs in and finds the
//      entry on their desk, in both languages.
//   2. a secretary downloads a panel's paper scoresheet template, uploads it filled with a mistake,
//      sees the mistake at its row and cell, fixes it and imports the sheets;
//   3. a clean file of 3,000 rows imports in one go (in English), with a progress bar.
import crypto from "node:crypto";
import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { createAccount, e2eDb, signIn, type E2eAccount } from "./factories";
import { readEmails } from "#tests/factories/eml";
import { exactly, expectAccessible, expectLabelledFields, expectNewEmail, fill, inBothLanguages, linkIn, MAIL_DIR, main, region, switchLanguage, texts } from "./support";

const AUTHOR = "Hồ Thị Tác Giả Ẩn Danh";
const AUTHOR_UNIT = "Trường Chính trị tỉnh Bình Định";

/**
 * A judging contest with the default rubric, a round (k = 2, spread threshold 10) and one panel
 * whose judges are accounts; `entries` eligible entries placed on it, each with one author.
 */
async function prepare(label: string, judges: E2eAccount[], entries: number) {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  const organizer = await createAccount(`${label}-organizer`, { organizer: true });
  const contest = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận ${label} ${hex}`,
      slug: `chinh-luan-${label}-${hex}`,
      phase: "JUDGING",
      createdById: organizer.id,
      members: { create: { userId: organizer.id, role: "ORGANIZER" } },
    },
  });
  const category = await db.category.create({ data: { contestId: contest.id, name: "Cán bộ, đảng viên" } });
  const template = defaultRubricTemplate("vi");
  const rubric = await db.rubric.create({
    data: { contestId: contest.id, name: template.name, versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } } },
    select: { versions: { select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true } } } } },
  });
  const rubricVersionId = rubric.versions[0]!.id;
  const round = await db.round.create({
    data: { contestId: contest.id, position: 1, name: "Vòng sơ khảo", rubricVersionId, readsPerEntry: 2, spreadThreshold: 10 },
  });
  const panel = await db.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1" } });
  for (const [i, judge] of judges.entries()) {
    await db.contestMember.create({ data: { contestId: contest.id, userId: judge.id, role: "JUDGE" } });
    await db.panelJudge.create({ data: { panelId: panel.id, userId: judge.id, isChair: i === 0 } });
  }
  const submitter = await db.user.create({ data: { email: `tac-gia-${label}-${hex}@example.com`, name: AUTHOR } });
  const list = [];
  for (let n = 1; n <= entries; n++) {
    const entry = await db.entry.create({
      data: {
        contestId: contest.id,
        categoryId: category.id,
        submitterId: submitter.id,
        title: `Bài dự thi số ${n} về bảo vệ nền tảng tư tưởng`,
        status: "ELIGIBLE",
        entryCode: `CL-${hex}-${n}`,
        anonymousCode: `PH-${hex.toUpperCase()}-${n}`,
        submittedAt: new Date(),
        declarationAcceptedAt: new Date(),
        authors: { create: { position: 0, name: AUTHOR, unit: AUTHOR_UNIT, email: `tg-${n}-${hex}@example.com` } },
      },
    });
    await db.roundEntry.create({ data: { roundId: round.id, entryId: entry.id, panelId: panel.id } });
    list.push(entry);
  }
  return { organizer, contest, round, panel, entries: list, rubricVersionId };
}

test("a chair settles a disagreement with an extra reader and a resolution, and reminds the judges", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const chair = await createAccount("chair", { name: "Nguyễn Thị Trưởng Ban" });
  const second = await createAccount("second", { name: "Trần Văn Thứ Hai" });
  const conflicted = await createAccount("conflicted", { name: "Lê Văn Xung Đột" });
  const extra = await createAccount("extra", { name: "Phạm Thị Bổ Sung" });
  const { contest, round, panel, entries, rubricVersionId } = await prepare("chair", [chair, second, conflicted, extra], 2);
  const db = e2eDb();
  const [wide, close] = entries as [(typeof entries)[0], (typeof entries)[0]];
  // Entry 1: 88 against 61 (flagged); entry 2: 75 against 78.
  for (const [entry, totals] of [
    [wide, [88, 61]],
    [close, [75, 78]],
  ] as const) {
    for (const [i, judge] of [chair, second].entries()) {
      await db.assignment.create({
        data: {
          roundId: round.id,
          panelId: panel.id,
          entryId: entry.id,
          judgeId: judge.id,
          scoresheet: { create: { rubricVersionId, status: "SUBMITTED", total: totals[i]!, submittedAt: new Date(Date.now() - 60_000) } },
        },
      });
    }
  }
  await db.conflictOfInterest.create({ data: { contestId: contest.id, judgeId: conflicted.id, entryId: wide.id, source: "DECLARED", status: "CONFIRMED" } });

  const vi = texts("vi").chair;
  await signIn(page, chair, "/judge/panels");
  const code = wide.anonymousCode!;

  await test.step("the chair finds the panel and its flagged entry, by anonymous code only", async () => {
    await main(page).getByRole("link", { name: fill(vi.listItem, { panel: panel.name, round: round.name }) }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.heading, { panel: panel.name, round: round.name }));
    const flagged = region(main(page), fill(vi.flagged.heading, { count: 1 }));
    const item = region(flagged, fill(vi.flagged.entry, { code }));
    await expect(item).toContainText(fill(vi.flagged.spread, { spread: "27", threshold: "10" }));
    const matrix = main(page).getByRole("table", { name: fill(vi.matrix.caption, { panel: panel.name }) });
    await expect(matrix.getByRole("rowheader")).toHaveText([close.anonymousCode!, code].sort());
    const body = await main(page).innerText();
    for (const secret of [AUTHOR, AUTHOR_UNIT, wide.title, wide.entryCode!, close.entryCode!]) expect(body).not.toContain(secret);
    await inBothLanguages(page, async (lng) => {
      const t = texts(lng).chair;
      await expect(main(page).getByRole("heading", { level: 2, name: fill(t.flagged.heading, { count: 1 }) })).toBeVisible();
      await expect(main(page).getByRole("heading", { level: 2, name: t.matrix.heading, exact: true })).toBeVisible();
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
  });

  await test.step("asks for another reader: the judge in conflict is passed over", async () => {
    const item = region(main(page), fill(vi.flagged.entry, { code }));
    await item.getByLabel(vi.flagged.extraReason, { exact: true }).fill("Nhờ thêm một ý kiến độc lập");
    await item.getByRole("button", { name: `${vi.flagged.extraSubmit}: bài ${code}` }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.flagged.extraAdded, { judge: extra.name }));
    // The extra reader's desk is another screen; their assignment is in the database.
    const assignment = await db.assignment.findFirst({ where: { entryId: wide.id, judgeId: extra.id } });
    expect(assignment).toMatchObject({ status: "ACTIVE", source: "EXTRA_READER", panelId: panel.id });
    expect(await db.assignment.count({ where: { entryId: wide.id, judgeId: conflicted.id } })).toBe(0);
    const matrix = main(page).getByRole("table", { name: fill(vi.matrix.caption, { panel: panel.name }) });
    await expect(matrix.getByRole("row", { name: new RegExp(code) })).toContainText(vi.matrix.extra);
    await expect(region(main(page), fill(vi.flagged.entry, { code }))).toContainText(vi.flagged.history);
  });

  await test.step("reminds the judges with work left: the extra reader gets an e-mail without the entry's code", async () => {
    const reminders = region(main(page), vi.reminders.heading);
    await expect(reminders).toContainText(fill(vi.reminders.pending, { judges: 1, sheets: 1 }));
    const mail = await expectNewEmail(extra.email, () => reminders.getByRole("button", { name: exactly(vi.reminders.submit) }).click());
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.reminders.sent, { judges: 1, sheets: 1 }));
    expect(mail.subject).toBe(fill(vi.mail.subject, { count: 1, contest: contest.title }));
    expect(mail.links.some((link) => new URL(link).pathname === "/judge")).toBe(true);
    for (const secret of [code, wide.entryCode!, wide.title]) expect(mail.text).not.toContain(secret);
    await expect(region(main(page), vi.reminders.heading).getByRole("button", { name: exactly(vi.reminders.submit) })).toBeDisabled();
  });

  await test.step("the extra reader follows the reminder's link, signs in and finds the entry on their desk", async () => {
    const reminder = (await readEmails(MAIL_DIR, extra.email)).at(-1)!;
    const link = linkIn(reminder, /^\/judge$/);
    const context = await browser.newContext({ baseURL, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const reader = await context.newPage();
    try {
      // Signed out, the link's page asks to sign in right there and stays on the address.
      await reader.goto(link);
      const auth = texts("vi").auth;
      await expect(main(reader).getByRole("heading", { level: 1 })).toHaveText(texts("vi").common.errors.signInTitle);
      await main(reader).getByLabel(auth.fields.email, { exact: true }).fill(extra.email);
      await main(reader).getByLabel(auth.fields.password, { exact: true }).fill(extra.password);
      await main(reader).getByRole("button", { name: exactly(auth.login.submit) }).click();
      await expect(reader).toHaveURL("/judge");
      await main(reader).getByRole("link", { name: exactly(texts("vi").scoring.area.link) }).click();
      await expect(reader).toHaveURL("/judge/desk");
      await inBothLanguages(reader, async (lng) => {
        const sc = texts(lng).scoring;
        await expect(main(reader).getByRole("heading", { level: 1 })).toHaveText(sc.desk.heading);
        const table = main(reader).getByRole("table", { name: fill(sc.desk.caption, { panel: panel.name }) });
        await expect(table.getByRole("rowheader")).toHaveText([code]);
        await expect(table.getByRole("row", { name: new RegExp(code) })).toContainText(sc.desk.states.notStarted);
        await expect(main(reader).getByText(fill(sc.desk.progress, { submitted: 0, assigned: 1 }))).toBeVisible();
        await expectAccessible(reader);
      });
      const body = await main(reader).innerText();
      for (const secret of [AUTHOR, AUTHOR_UNIT, wide.entryCode!, close.anonymousCode!]) expect(body).not.toContain(secret);
      // The entry opens for reading and scoring.
      await main(reader).getByRole("link", { name: `${texts("vi").scoring.desk.open.notStarted}: ${code}` }).click();
      await expect(main(reader).getByRole("heading", { level: 1 })).toContainText(code);
    } finally {
      await context.close();
    }
  });

  await test.step("records a resolution: the entry is no longer flagged", async () => {
    const item = region(main(page), fill(vi.flagged.entry, { code }));
    await item.getByLabel(vi.flagged.resolveReason, { exact: true }).fill("Tiểu ban đã trao đổi và thống nhất giữ nguyên điểm.");
    await item.getByRole("button", { name: `${vi.flagged.resolveSubmit}: bài ${code}` }).click();
    await expect(main(page).getByRole("status")).toHaveText(vi.flagged.resolved);
    await expect(main(page).getByRole("heading", { level: 2, name: fill(vi.flagged.heading, { count: 0 }) })).toBeVisible();
    const matrix = main(page).getByRole("table", { name: fill(vi.matrix.caption, { panel: panel.name }) });
    await expect(matrix.getByRole("row", { name: new RegExp(code) })).toContainText(vi.matrix.resolved);
    await expectAccessible(page);
  });
});

/** The template's rows filled in: every criterion `points`, the last criterion of row `wrongRow` set to `wrong`. */
async function filledWorkbook(template: Buffer, points: number, wrong?: { row: number; value: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const criteria = header.map((h, i) => (/^\d+\./.test(h) ? i + 1 : 0)).filter(Boolean);
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    for (const column of criteria) row.getCell(column).value = points;
    if (wrong && line === wrong.row) row.getCell(criteria.at(-1)!).value = wrong.value;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test("a secretary imports paper scoresheets: template, a file with a mistake, the preview, the fix", async ({ page }) => {
  test.setTimeout(240_000);
  const judges = [await createAccount("paper-a", { name: "Đỗ Văn Giấy" }), await createAccount("paper-b", { name: "Bùi Thị Mực" })];
  const { contest, panel, round, entries } = await prepare("paper", judges, 2);
  const db = e2eDb();
  for (const entry of entries) for (const judge of judges) await db.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry.id, judgeId: judge.id } });
  const secretary = await createAccount("secretary", { name: "Ngô Thị Thư Ký" });
  await db.contestMember.create({ data: { contestId: contest.id, userId: secretary.id, role: "SECRETARY" } });
  const vi = texts("vi").chair.paper;
  const base = `/organize/${contest.id}/paper`;
  await signIn(page, secretary, base);

  await test.step("the paper section lists the panel, in both languages", async () => {
    await expect(page.getByRole("navigation", { name: texts("vi").organize.nav.label }).getByRole("link", { name: exactly(texts("vi").organize.nav.paper) })).toBeVisible();
    await inBothLanguages(page, async (lng) => {
      const t = texts(lng).chair.paper;
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(t.heading);
      await expect(main(page).getByRole("table", { name: fill(t.panels.caption, { round: round.name }) }).getByRole("rowheader")).toHaveText([panel.name]);
      await expectAccessible(page);
    });
    await main(page).getByRole("link", { name: fill(vi.panels.importFor, { panel: panel.name }) }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.upload.heading, { panel: panel.name, round: round.name }));
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 2, name: texts(lng).chair.paper.upload.formHeading })).toBeVisible();
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
  });

  let template: Buffer;
  await test.step("download the XLSX template, pre-filled with the panel's codes and judges", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), main(page).getByRole("link", { name: exactly(vi.upload.templateXlsx) }).click()]);
    expect(download.suggestedFilename()).toBe("phieu-cham-1-tieu-ban-1.xlsx");
    template = fs.readFileSync((await download.path())!);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 4).map(String)));
    expect(rows[0]).toEqual([vi.columns.code, vi.columns.judgeName, vi.columns.judgeEmail]);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(entries.flatMap((e) => [e.anonymousCode!, e.anonymousCode!]).sort());
  });

  const fileInput = () => main(page).getByLabel(vi.upload.file, { exact: true });
  const xlsx = (buffer: Buffer) => ({ name: "phieu-cham.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });

  await test.step("upload it with a mistake: the preview shows it at its row and cell, nothing is saved", async () => {
    await fileInput().setInputFiles(xlsx(await filledWorkbook(template, 8, { row: 3, value: "10,5" })));
    await main(page).getByRole("button", { name: exactly(vi.upload.check) }).click();
    await expect(main(page).getByRole("heading", { level: 2, name: fill(vi.preview.heading, { file: "phieu-cham.xlsx" }) })).toBeVisible();
    await expect(main(page).getByText(vi.preview.problems)).toBeVisible();
    const table = main(page).getByRole("table", { name: vi.preview.problemsCaption });
    await expect(table.getByRole("rowheader")).toHaveText(["3"]);
    await expect(table.getByRole("cell", { name: /10,5/ })).toContainText(fill(vi.errors.outOfRange, { max: 10 }));
    await expect(main(page).getByRole("button", { name: /^Nhập \d+ phiếu chấm$/ })).toHaveCount(0);
    await expectAccessible(page);
    expect(await db.scoresheet.count({ where: { assignment: { panelId: panel.id } } })).toBe(0);
  });

  await test.step("the same check in English", async () => {
    await switchLanguage(page, "en");
    const en = texts("en").chair.paper;
    await main(page).getByLabel(en.upload.file, { exact: true }).setInputFiles(xlsx(await filledWorkbook(template, 8, { row: 3, value: "10,5" })));
    await main(page).getByRole("button", { name: exactly(en.upload.check) }).click();
    await expect(main(page).getByRole("table", { name: en.preview.problemsCaption })).toContainText(fill(en.errors.outOfRange, { max: 10 }));
    await expectAccessible(page);
    await switchLanguage(page, "vi");
  });

  await test.step("fix it, check again and import every sheet", async () => {
    await fileInput().setInputFiles(xlsx(await filledWorkbook(template, 8, { row: 3, value: "9,5" })));
    await main(page).getByRole("button", { name: exactly(vi.upload.check) }).click();
    await expect(main(page).getByText(vi.preview.ok)).toBeVisible();
    await expect(main(page).getByRole("table", { name: vi.preview.readyCaption }).getByRole("rowheader")).toHaveCount(4);
    await main(page).getByRole("button", { name: exactly(fill(vi.upload.import, { count: 4 })) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.imported, { count: 4, drafts: 0 }));
    // The import's progress bar stays at where it ended.
    await expect(main(page).getByText(fill(vi.progress.done, { written: 4, total: 4 }))).toBeVisible();
    await expect(main(page).getByRole("progressbar", { name: vi.progress.label })).toHaveJSProperty("value", 4);
    const sheets = await db.scoresheet.findMany({ where: { assignment: { panelId: panel.id } }, select: { status: true, total: true } });
    expect(sheets.map((s) => s.status)).toEqual(["SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED"]);
    expect(sheets.map((s) => s.total).sort()).toEqual([40, 40, 40, 41.5]);
    await expectAccessible(page);
  });
});

test("a clean file of 3,000 paper scoresheets imports in one go, with a progress bar", async ({ page }) => {
  test.setTimeout(300_000);
  const judges: E2eAccount[] = [];
  for (let j = 1; j <= 5; j++) judges.push(await createAccount(`paper3k-${j}`, { name: `Giám khảo giấy ${j}` }));
  const { contest, panel, round, organizer } = await prepare("paper3k", judges, 0);
  const db = e2eDb();
  // 600 entries read by the 5 judges: 3,000 sheets to type in, written in bulk.
  const hex = contest.slug.slice(-6);
  const category = await db.category.findFirstOrThrow({ where: { contestId: contest.id } });
  const codes = Array.from({ length: 600 }, (_, i) => `PH-${hex.toUpperCase()}-${String(i + 1).padStart(3, "0")}`);
  await db.entry.createMany({
    data: codes.map((anonymousCode, i) => ({
      contestId: contest.id,
      categoryId: category.id,
      submitterId: organizer.id,
      title: `Bài số ${i + 1}`,
      status: "ELIGIBLE" as const,
      entryCode: `CL-${hex}-${i + 1}`,
      anonymousCode,
      submittedAt: new Date(),
    })),
  });
  const entries = await db.entry.findMany({ where: { contestId: contest.id }, select: { id: true } });
  await db.roundEntry.createMany({ data: entries.map((e) => ({ roundId: round.id, entryId: e.id, panelId: panel.id })) });
  await db.assignment.createMany({ data: entries.flatMap((e) => judges.map((j) => ({ roundId: round.id, panelId: panel.id, entryId: e.id, judgeId: j.id }))) });
  const header = ["Số phách", "Giám khảo", "E-mail giám khảo", "1", "2", "3", "4", "5", "Ghi chú riêng"].join(";");
  const rows = codes.flatMap((code) => judges.map((j) => [code, j.name, j.email, "20", "19,5", "15", "16", "8", ""].join(";")));
  const file = { name: "3000-phieu.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[header, ...rows].join("\r\n")}\r\n`, "utf8") };

  const secretary = await createAccount("secretary-3k", { name: "Lý Thị Thư Ký" });
  await db.contestMember.create({ data: { contestId: contest.id, userId: secretary.id, role: "SECRETARY" } });
  await signIn(page, secretary, `/organize/${contest.id}/paper/${panel.id}`);
  await switchLanguage(page, "en");
  const en = texts("en").chair.paper;

  await test.step("check the file: 3,000 rows, no problem", async () => {
    await main(page).getByLabel(en.upload.file, { exact: true }).setInputFiles(file);
    await main(page).getByRole("button", { name: exactly(en.upload.check) }).click();
    await expect(main(page).getByText(en.preview.ok)).toBeVisible();
    await expect(main(page).getByRole("table", { name: en.preview.readyCaption }).getByRole("rowheader")).toHaveCount(200);
    expect(await db.scoresheet.count({ where: { assignment: { panelId: panel.id } } })).toBe(0);
  });

  await test.step("import them: the progress bar follows the writing and ends at 3,000 of 3,000", async () => {
    await main(page).getByRole("button", { name: exactly(fill(en.upload.import, { count: 3000 })) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(en.notices.imported, { count: 3000, drafts: 0 }), { timeout: 120_000 });
    const bar = main(page).getByRole("progressbar", { name: en.progress.label });
    await expect(bar).toHaveJSProperty("max", 3000);
    await expect(bar).toHaveJSProperty("value", 3000);
    await expect(main(page).getByText(fill(en.progress.done, { written: "3,000", total: "3,000" }))).toBeVisible();
    await expectAccessible(page);
    expect(await db.scoresheet.count({ where: { assignment: { panelId: panel.id }, status: "SUBMITTED" } })).toBe(3000);
    expect(await db.auditLog.count({ where: { contestId: contest.id, action: "scoresheet.importPaper" } })).toBe(1);
  });
  await switchLanguage(page, "vi");
});
