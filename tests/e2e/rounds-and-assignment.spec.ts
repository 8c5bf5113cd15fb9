// An organizer sets up the judging of a contest prepared in the e2e database (two categories, the
// default rubric, seven judges, a dozen eligible entries with authors): two rounds, three panels
// of the first round with judges and chairs (one judge on two panels), entries distributed to the
// panels, an automatic assignment previewed (chart and table) and applied; then a judge leaves a
// panel and the re-run moves only that judge's entries. The screens are checked in both languages.
import crypto from "node:crypto";
import { expect, test, type Locator } from "@playwright/test";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, inBothLanguages, main, region, texts } from "./support";

/** A translation with its {{placeholders}} filled in. */
const JUDGES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đỗ Văn Hùng"];
const CATEGORIES = ["Cán bộ, công chức", "Học sinh, sinh viên"];

/** The contest: categories, the default rubric, JUDGE members, 6 + 6 eligible entries with authors. */
async function prepareContest(organizerId: string) {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  const contest = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận bảo vệ nền tảng tư tưởng ${hex}`,
      slug: `chinh-luan-${hex}`,
      phase: "CLOSED",
      createdById: organizerId,
      members: { create: { userId: organizerId, role: "ORGANIZER" } },
    },
  });
  const categories = [];
  for (const [position, name] of CATEGORIES.entries()) categories.push(await db.category.create({ data: { contestId: contest.id, name, position } }));
  const template = defaultRubricTemplate("vi");
  await db.rubric.create({
    data: { contestId: contest.id, name: template.name, versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } } },
  });
  const judges: { id: string; name: string }[] = [];
  for (const [i, name] of JUDGES.entries()) {
    const judge = await db.user.create({ data: { email: `giam-khao-${i}-${hex}@example.com`, name, unit: `Ban Tuyên giáo số ${i + 1}` } });
    await db.contestMember.create({ data: { contestId: contest.id, userId: judge.id, role: "JUDGE" } });
    judges.push({ id: judge.id, name });
  }
  const submitter = await db.user.create({ data: { email: `tac-gia-${hex}@example.com`, name: "Lê Thị Tác Giả" } });
  for (let n = 1; n <= 12; n++) {
    await db.entry.create({
      data: {
        contestId: contest.id,
        categoryId: categories[n <= 6 ? 0 : 1]!.id,
        submitterId: submitter.id,
        title: `Bài dự thi số ${n}: giữ vững trận địa tư tưởng`,
        status: "ELIGIBLE",
        entryCode: `CL-${String(n).padStart(4, "0")}`,
        anonymousCode: `PH-${hex}-${n}`,
        submittedAt: new Date(),
        declarationAcceptedAt: new Date(),
        authors: { create: { position: 0, name: `Tác giả số ${n}`, unit: `Trường Chính trị tỉnh ${n}`, email: `tg-${n}-${hex}@example.com` } },
      },
    });
  }
  return { contest, judges };
}


/** The rows of a table as arrays of cell texts (header cells of the row included). */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => (cell.textContent ?? "").trim())),
  );
}

test("an organizer sets up rounds and panels, distributes entries, and assigns judges with a minimal re-run", async ({ page }) => {
  test.setTimeout(300_000); // a long journey on a loaded machine, with several accessibility scans
  const organizer = await createAccount("organizer", { organizer: true, name: "Trần Thị Tổ Chức" });
  const { contest, judges } = await prepareContest(organizer.id);
  const vi = texts("vi").rounds;
  const base = `/organize/${contest.id}/rounds`;
  await signIn(page, organizer, base);

  await test.step("the rounds page, in both languages", async () => {
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).rounds.list.heading);
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
    // The section is in the contest's navigation.
    await expect(page.getByRole("navigation", { name: texts("vi").organize.nav.label }).getByRole("link", { name: exactly(texts("vi").organize.nav.rounds) })).toBeVisible();
  });

  await test.step("create the preliminary and the final round with their default names", async () => {
    const create = region(main(page), vi.create.heading);
    for (const name of [vi.defaults.preliminary, vi.defaults.final]) {
      await expect(create.getByLabel(vi.fields.name, { exact: true })).toHaveValue(name);
      await create.getByRole("button", { name: exactly(vi.create.submit) }).click();
      await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.created, { name }));
    }
    const table = main(page).getByRole("table", { name: vi.list.caption });
    await expect(table.getByRole("rowheader")).toHaveText([vi.defaults.preliminary, vi.defaults.final]);
    await table.getByRole("link", { name: vi.defaults.preliminary }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(vi.defaults.preliminary);
  });

  await test.step("add three panels: one for a category, two sharing the even split", async () => {
    const create = region(main(page), vi.panels.createHeading);
    for (const [i, category] of [CATEGORIES[0]!, vi.panels.evenSplit, vi.panels.evenSplit].entries()) {
      await expect(create.getByLabel(vi.panels.name, { exact: true })).toHaveValue(fill(vi.panels.defaultName, { n: i + 1 }));
      await create.getByLabel(vi.panels.category, { exact: true }).selectOption({ label: category });
      await create.getByRole("button", { name: exactly(vi.panels.create) }).click();
      await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.panelCreated, { name: fill(vi.panels.defaultName, { n: i + 1 }) }));
    }
  });

  const panelName = (n: number) => fill(vi.panels.defaultName, { n });
  // Panel 3 shares two judges with the other panels.
  const seats: [number, number[], number][] = [
    [1, [0, 1, 2], 0],
    [2, [3, 4, 5], 3],
    [3, [6, 0, 3, 4], 0],
  ];

  await test.step("seat the judges and choose each panel's chair", async () => {
    for (const [n, members, chair] of seats) {
      const panel = region(main(page), panelName(n));
      for (const j of members) {
        await panel.getByLabel(fill(vi.panels.addJudgeLabel, { name: panelName(n) }), { exact: true }).selectOption(judges[j]!.id);
        await panel.getByRole("button", { name: exactly(vi.panels.addJudge) }).click();
        await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.judgeAdded, { name: judges[j]!.name }));
        await expect(panel.getByRole("table").getByRole("rowheader", { name: new RegExp(judges[j]!.name) })).toBeVisible();
      }
      await expect(panel.getByText(vi.panels.noChair)).toBeVisible();
      await panel.getByRole("button", { name: `${vi.panels.makeChair}: ${judges[chair]!.name}` }).click();
      await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.chairSet, { name: judges[chair]!.name }));
      const seatsTable = panel.getByRole("table", { name: fill(vi.panels.seatsCaption, { name: panelName(n) }) });
      await expect(seatsTable.getByRole("row", { name: new RegExp(judges[chair]!.name) })).toContainText(vi.panels.chair);
      await expect(panel.getByText(vi.panels.noChair)).toHaveCount(0);
    }
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 2, name: texts(lng).rounds.panels.heading, exact: true })).toBeVisible();
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
  });

  await test.step("distribute the entries: the category's to its panel, the others split evenly", async () => {
    const section = region(main(page), vi.distribution.heading);
    await section.getByRole("button", { name: exactly(vi.distribution.submit) }).click();
    await expect(main(page).getByRole("status")).toHaveText(vi.notices.distributed);
    const counts = section.getByRole("table", { name: vi.distribution.countsCaption });
    expect(await rowsOf(counts)).toEqual([
      [panelName(1), "0", "6"],
      [panelName(2), "0", "3"],
      [panelName(3), "0", "3"],
    ]);
    await expect(section).toContainText(fill(vi.distribution.current, { onPanels: 12, withoutPanel: 0 }));
  });

  await test.step("preview the assignment: the loads as a chart and a table, the changes as a table", async () => {
    await main(page).getByRole("link", { name: vi.round.toAssignment }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.assignment.title, { name: vi.defaults.preliminary }));
    await expect(main(page).getByLabel(vi.assignment.seed, { exact: true })).toHaveValue("1");
    await main(page).getByRole("button", { name: exactly(vi.assignment.preview) }).click();
    await expect(page).toHaveURL(/preview=1&seed=1/);
    await expect(main(page).getByText(fill(vi.assignment.summary, { added: 36, removed: 0, kept: 0 }))).toBeVisible();
    // A chart per panel, drawn in the browser, with the same numbers in a table.
    await expect(main(page).getByTestId("load-chart")).toHaveCount(3);
    const chart = main(page).getByTestId("load-chart").first();
    await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    await expect(chart.locator(".recharts-bar-rectangle")).not.toHaveCount(0);
    const loads = main(page).getByRole("table", { name: fill(vi.assignment.loadsTable, { name: panelName(1) }) });
    const byName = [judges[0]!, judges[1]!, judges[2]!].sort((a, b) => new Intl.Collator("vi").compare(a.name, b.name));
    expect(await rowsOf(loads)).toEqual(byName.map((j) => [j === judges[0] ? `${j.name}${vi.panels.chair}` : j.name, "0", "6", vi.panels.noCap]));
    const changes = main(page).getByRole("table", { name: vi.assignment.changesCaption });
    await expect(changes.locator("tbody tr")).toHaveCount(36);
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(texts(lng).rounds.assignment.title, { name: vi.defaults.preliminary }));
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
  });

  await test.step("apply it", async () => {
    await main(page).getByRole("button", { name: exactly(vi.assignment.apply) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.applied, { added: 36, removed: 0, kept: 0 }));
    await expect(page).not.toHaveURL(/preview=1/);
    const board = main(page).getByRole("table", { name: fill(vi.board.caption, { name: panelName(1) }) });
    await expect(board.locator("tbody tr")).toHaveCount(6);
    for (const row of await rowsOf(board)) expect(row[2]).toBe("3/3");
  });

  const leaving = judges[6]!;
  let leavingEntries: string[] = [];

  await test.step("a judge leaves a panel", async () => {
    await main(page).getByRole("link", { name: panelName(3), exact: false }).first().click();
    const board = main(page).getByRole("table", { name: fill(vi.board.caption, { name: panelName(3) }) });
    await expect(board.locator("tbody tr")).toHaveCount(3);
    const header = await board.locator("thead th").allTextContents();
    const column = header.findIndex((h) => h.startsWith(leaving.name));
    expect(column).toBeGreaterThan(2);
    leavingEntries = (await rowsOf(board)).filter((row) => row[column]!.startsWith(vi.board.assigned)).map((row) => row[0]!);
    expect(leavingEntries.length).toBeGreaterThan(0);

    await main(page).getByRole("link", { name: vi.assignment.toRound }).first().click();
    const panel = region(main(page), panelName(3));
    await panel.getByRole("button", { name: `${vi.panels.removeJudge}: ${leaving.name}` }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.judgeRemovedWithPairs, { name: leaving.name, count: leavingEntries.length }));
    await expect(panel.getByRole("table").getByRole("rowheader", { name: new RegExp(leaving.name) })).toHaveCount(0);
  });

  await test.step("the re-run moves only that judge's entries", async () => {
    await main(page).getByRole("link", { name: vi.round.toAssignment }).click();
    await main(page).getByRole("button", { name: exactly(vi.assignment.preview) }).click();
    const n = leavingEntries.length;
    await expect(main(page).getByText(fill(vi.assignment.summary, { added: n, removed: n, kept: 36 - n }))).toBeVisible();
    const rows = await rowsOf(main(page).getByRole("table", { name: vi.assignment.changesCaption }));
    expect(rows).toHaveLength(2 * n);
    const removed = rows.filter((r) => r[0] === vi.assignment.removed);
    const added = rows.filter((r) => r[0] === vi.assignment.added);
    expect(removed.map((r) => r[3])).toEqual(Array(n).fill(leaving.name));
    expect(removed.map((r) => r[1]).sort()).toEqual([...leavingEntries].sort());
    expect(added.map((r) => r[1]).sort()).toEqual([...leavingEntries].sort());
    for (const r of rows) expect(r[4]).toBe(panelName(3));
    // The judge who left is still in the panel's loads, going down to 0.
    const loads = await rowsOf(main(page).getByRole("table", { name: fill(vi.assignment.loadsTable, { name: panelName(3) }) }));
    expect(loads.find((r) => r[0]!.startsWith(leaving.name))).toEqual([`${leaving.name}${vi.board.leftPanel}`, String(n), "0", "—"]);

    await main(page).getByRole("button", { name: exactly(vi.assignment.apply) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.notices.applied, { added: n, removed: n, kept: 36 - n }));
  });
});
