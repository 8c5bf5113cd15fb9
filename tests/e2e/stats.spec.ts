// An organizer opens the statistics of a contest prepared in the e2e database (two categories,
// six entries over five days with the deadline on the last, units written in two ways, a panel
// of three judges with one harsher than the others), in both languages: every chart is drawn as
// an image with its name, and the tables beneath carry the hand-computed numbers in the
// language's own number format. A secretary sees participation only.
import crypto from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { type Language } from "#app/utils/i18n";
import { createAccount, e2eDb, signIn, type E2eAccount } from "./factories";
import { exactly, expectAccessible, fill, LANGUAGES, main, switchLanguage, texts } from "./support";

test.describe.configure({ mode: "serial" });

/** A translation with its {{placeholders}} filled in. */
const CATEGORIES = ["Cán bộ, công chức", "Học sinh, sinh viên"];
const JUDGES = ["Trần Văn Nghiêm", "Lê Thị Vừa", "Phạm Văn Rộng"];
const PANEL = "Tiểu ban 1";
/** Entries: category, status, authors' units, submission instant (Hồ Chí Minh City is UTC+7). */
const ENTRIES = [
  { category: 0, status: "ELIGIBLE", units: ["UBND xã Phú Sơn"], at: "2026-03-01T03:00:00Z" }, // 1 March
  { category: 0, status: "ELIGIBLE", units: ["Ủy ban nhân dân xã Phú Sơn"], at: "2026-03-02T16:59:00Z" }, // 23:59 on 2 March
  { category: 0, status: "ELIGIBLE", units: ["Trường THPT Phú Sơn"], at: "2026-03-02T17:30:00Z" }, // 00:30 on 3 March
  { category: 0, status: "SUBMITTED", units: ["UBND xã Phú Sơn"], at: "2026-03-05T08:00:00Z" }, // deadline day
  { category: 1, status: "ELIGIBLE", units: ["Trường THPT Phú Sơn"], at: "2026-03-05T09:00:00Z" },
  { category: 1, status: "ELIGIBLE", units: ["Công an huyện Phú Sơn"], at: "2026-03-04T05:00:00Z" },
] as const;
/** Totals of the three judges on the first four entries: the first judge is about 9 points harsher. */
const TOTALS = [
  [72.5, 80, 85],
  [60, 63, 70],
  [50, 58, 61],
  [66, 75, 78.5],
];

let contestId = "";
let organizer: E2eAccount;
let secretary: E2eAccount;

test.beforeAll(async () => {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  organizer = await createAccount("organizer", { organizer: true, name: "Trần Thị Tổ Chức" });
  secretary = await createAccount("secretary", { name: "Ngô Thị Thư Ký" });
  const contest = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận ${hex}`,
      slug: `thong-ke-${hex}`,
      phase: "JUDGING",
      opensAt: new Date("2026-03-01T01:00:00Z"),
      closesAt: new Date("2026-03-05T10:00:00Z"), // 17:00 on 5 March
      createdById: organizer.id,
      members: { create: [{ userId: organizer.id, role: "ORGANIZER" }, { userId: secretary.id, role: "SECRETARY" }] },
    },
  });
  contestId = contest.id;
  const categories = [];
  for (const [position, name] of CATEGORIES.entries()) categories.push(await db.category.create({ data: { contestId, name, position } }));
  const template = defaultRubricTemplate("vi");
  const rubric = await db.rubric.create({
    data: { contestId, name: template.name, versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } } },
    select: { versions: { select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true, maxPoints: true } } } } },
  });
  const version = rubric.versions[0]!;
  const submitter = await db.user.create({ data: { email: `tac-gia-${hex}@example.com`, name: "Lê Thị Tác Giả" } });
  const entries = [];
  for (const [i, e] of ENTRIES.entries()) {
    entries.push(
      await db.entry.create({
        data: {
          contestId,
          categoryId: categories[e.category]!.id,
          submitterId: submitter.id,
          title: `Bài dự thi số ${i + 1}`,
          status: e.status,
          entryCode: `TK-${String(i + 1).padStart(4, "0")}`,
          anonymousCode: `PH-${hex}-${i}`,
          submittedAt: new Date(e.at),
          declarationAcceptedAt: new Date(e.at),
          authors: { create: e.units.map((unit, position) => ({ position, name: `Tác giả ${i}-${position}`, unit })) },
        },
      }),
    );
  }
  const round = await db.round.create({ data: { contestId, position: 1, name: "Sơ khảo", rubricVersionId: version.id } });
  const panel = await db.panel.create({ data: { roundId: round.id, name: PANEL } });
  const judges = [];
  for (const [i, name] of JUDGES.entries()) {
    const judge = await db.user.create({ data: { email: `giam-khao-${i}-${hex}@example.com`, name } });
    await db.contestMember.create({ data: { contestId, userId: judge.id, role: "JUDGE" } });
    await db.panelJudge.create({ data: { panelId: panel.id, userId: judge.id } });
    judges.push(judge);
  }
  for (const [i, totals] of TOTALS.entries()) {
    for (const [j, total] of totals.entries()) {
      const assignment = await db.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entries[i]!.id, judgeId: judges[j]!.id } });
      // The total spread over the five criteria in proportion to their maxima, on half points.
      const points = version.criteria.slice(0, 4).map((c) => Math.round((total * c.maxPoints) / 100 * 2) / 2);
      points.push(total - points.reduce((s, p) => s + p, 0));
      await db.scoresheet.create({
        data: {
          assignmentId: assignment.id,
          rubricVersionId: version.id,
          status: "SUBMITTED",
          submittedAt: new Date("2026-03-08T03:00:00Z"),
          total,
          scores: { create: version.criteria.map((c, k) => ({ criterionId: c.id, points: points[k]! })) },
        },
      });
    }
  }
});


/** The rows of a table as arrays of cell texts (header cells of the row included). */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => (cell.textContent ?? "").trim())));
}

/** A chart: an <svg> drawn after hydration, an image whose accessible name is the chart's. */
async function expectChart(page: Page, name: string): Promise<Locator> {
  const chart = main(page).getByRole("img", { name: exactly(name) });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  return chart;
}

/** Numbers as each language writes them. */
const NUMBERS: Record<Language, { decimal: (text: string) => string }> = {
  vi: { decimal: (text) => text.replace(".", ",") },
  en: { decimal: (text) => text },
};

test("an organizer reads participation and judging as charts with their figures, in both languages", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, organizer, `/organize/${contestId}/stats`);
  await expect(page.getByRole("navigation", { name: texts("vi").organize.nav.label }).getByRole("link", { name: exactly(texts("vi").organize.nav.stats) })).toBeVisible();

  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    const t = texts(lng).stats;
    const d = NUMBERS[lng].decimal;
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(t.heading);

    await test.step(`participation (${lng})`, async () => {
      await expectChart(page, t.categories.chart);
      const categories = main(page).getByRole("table", { name: t.categories.caption });
      expect(await rowsOf(categories)).toEqual([
        [CATEGORIES[0], "4", "3", "1", "0"],
        [CATEGORIES[1], "2", "2", "0", "0"],
      ]);

      const unitsChart = await expectChart(page, t.units.chart);
      const units = main(page).getByRole("table", { name: t.units.caption });
      const unitRows = await rowsOf(units);
      // "UBND xã Phú Sơn" and "Ủy ban nhân dân xã Phú Sơn" are one unit.
      expect(unitRows).toEqual([
        ["UBND xã Phú Sơn", "3"],
        ["Trường THPT Phú Sơn", "2"],
        ["Công an huyện Phú Sơn", "1"],
      ]);
      // The chart draws the table's units, one bar each.
      await expect(unitsChart.locator(".recharts-yAxis-tick-labels text")).toHaveText(unitRows.map((r) => r[0]!));
      await expect(unitsChart.locator(".recharts-bar-rectangle")).toHaveCount(unitRows.length);

      const perDay = await expectChart(page, t.days.perDayChart);
      await expect(perDay.getByText(t.days.deadline, { exact: true })).toBeVisible();
      await expectChart(page, t.days.cumulativeChart);
      const days = main(page).getByRole("table", { name: fill(t.days.caption, { timeZone: "Asia/Ho_Chi_Minh" }) });
      if (lng === LANGUAGES[0]) {
        await expect(days).toBeHidden(); // folded under its summary (which stays open on a change of language)
        await main(page).getByText(t.days.show).click();
      }
      await expect(days).toBeVisible();
      const dayRows = await rowsOf(days);
      expect(dayRows.map((r) => r.slice(1))).toEqual([
        ["1", "1"],
        ["1", "2"],
        ["1", "3"],
        ["1", "4"],
        ["2", "6"],
      ]);
      expect(dayRows[4]![0]).toContain(`(${t.days.deadlineMark})`);
      await expect(perDay.locator(".recharts-bar-rectangle")).toHaveCount(dayRows.length);
      // Before 17:00 on 5 March: two entries in the last 24 hours, five since 17:00 on 2 March, all six in the week.
      const surge = { lastDay: 2, lastDayShare: `${d("33.3")}%`, lastThreeDays: 5, lastThreeDaysShare: `${d("83.3")}%`, lastWeek: 6, lastWeekShare: `${d("100.0")}%` };
      await expect(main(page).getByText(fill(t.days.surge, surge))).toBeVisible();
    });

    await test.step(`judging (${lng})`, async () => {
      await expect(main(page).getByRole("heading", { level: 2, name: t.judging.heading })).toBeVisible();
      await expectChart(page, fill(t.judges.boxChart, { panel: PANEL }));
      await expectChart(page, fill(t.judges.deviationChart, { panel: PANEL }));
      const judges = main(page).getByRole("table", { name: fill(t.judges.caption, { panel: PANEL }) });
      // First judge: 50, 60, 66, 72.5: mean 62.125, median 63, Q1 50 + 0.75·10, Q3 66 + 0.25·6.5.
      // Against the mean of the other two (82.5, 66.5, 59.5, 76.75): −10, −6.5, −9.5, −10.75, mean
      // −9.1875, sd 1.862, 95 % interval ± 3.182·1.862/2 = −12.15 to −6.22: harsher. The second
      // judge's +1.25, −2, +2.5, +2.75 leave 0 inside the interval; the third's +8.75, +8.5, +7, +8 do not.
      expect(await rowsOf(judges)).toEqual([
        [JUDGES[0], "4", d("62.1"), d("63.0"), `${d("57.5")} – ${d("67.6")}`, `${d("50.0")} – ${d("72.5")}`, d("-9.2"), `${d("-12.2")} – ${d("-6.2")}`, "4", t.judges.harsh],
        [JUDGES[1], "4", d("69.0"), d("69.0"), `${d("61.8")} – ${d("76.3")}`, `${d("58.0")} – ${d("80.0")}`, `+${d("1.1")}`, `${d("-2.4")} – +${d("4.6")}`, "4", t.judges.even],
        [JUDGES[2], "4", d("73.6"), d("74.3"), `${d("67.8")} – ${d("80.1")}`, `${d("61.0")} – ${d("85.0")}`, `+${d("8.1")}`, `+${d("6.8")} – +${d("9.3")}`, "4", t.judges.lenient],
      ]);

      await expectChart(page, t.criteria.chart);
      expect(await rowsOf(main(page).getByRole("table", { name: t.criteria.caption }))).toHaveLength(5);

      await expectChart(page, t.agreement.chart);
      const agreement = main(page).getByRole("table", { name: t.agreement.caption });
      // MSB = 300.69, MSW = 34.96: ICC(1) = 0.717 (interval 0.16 to 0.98), ICC(1,k) = 0.884; every
      // judge ranks the four entries alike: W = 1.
      expect(await rowsOf(agreement)).toEqual([
        [PANEL, "4", d("0.72"), `${d("0.16")} – ${d("0.98")}`, d("0.88"), d("1.00"), fill(t.agreement.blockOf, { judges: 3, entries: 4 }), t.agreement.moderate],
      ]);
    });

    await expectAccessible(page);
  }
  await switchLanguage(page, "vi");
});

test("a secretary sees participation and no judging figure", async ({ page }) => {
  const t = texts("vi").stats;
  await signIn(page, secretary, `/organize/${contestId}/stats`);
  await expectChart(page, t.categories.chart);
  await expectChart(page, t.units.chart);
  await expect(main(page).getByRole("heading", { name: t.judging.heading })).toHaveCount(0);
  await expect(main(page).getByText(JUDGES[0]!)).toHaveCount(0);
  await expect(main(page).getByRole("img", { name: exactly(t.agreement.chart) })).toHaveCount(0);
  await expectAccessible(page);
});
