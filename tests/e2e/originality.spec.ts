// The secretary's originality check in a real browser: three submitted entries, two of them
// sharing a passage; the secretary runs the check, filters the list by score and opens the two
// entries side by side, in both languages, with no serious accessibility violation.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { type Language } from "#app/utils/i18n";
import { randomEssay } from "../factories/texts";
import { createAccount, e2eDb, signIn, type E2eAccount } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, expectPageFrame, fill, LANGUAGES, switchLanguage, texts } from "./support";

test.describe.configure({ mode: "serial" });

/** A translation with its {{placeholders}} filled in. */
// Words of its own: passages of the essay generator are common across the installation (the demo
// contest is written with it), so the check would rightly take them for stock phrases.
const SHARED = randomEssay(2026, 300);
const TITLES = ["Giữ vững trận địa tư tưởng ở cơ sở", "Niềm tin từ những việc làm nhỏ", "Tuổi trẻ với không gian mạng"];

let secretary: E2eAccount;
let contestId: string;
let codes: string[];

test.beforeAll(async () => {
  const db = e2eDb();
  secretary = await createAccount("thu-ky", { name: "Ngô Thị Thư Ký" });
  const organizer = await createAccount("to-chuc", { name: "Trần Văn Tổ Chức", organizer: true });
  const entrant = await createAccount("tac-gia", { name: "Lê Thị Tác Giả" });
  const suffix = crypto.randomBytes(3).toString("hex");
  const contest = await db.contest.create({
    data: {
      title: "Cuộc thi viết chính luận 2026",
      slug: `trung-lap-${suffix}`,
      phase: "JUDGING",
      createdById: organizer.id,
      members: { create: [{ userId: organizer.id, role: "ORGANIZER" }, { userId: secretary.id, role: "SECRETARY" }] },
      categories: { create: { name: "Cán bộ, đảng viên" } },
    },
    include: { categories: true },
  });
  contestId = contest.id;
  const bodies = [`${randomEssay(11, 500)}\n\n${SHARED}`, `${SHARED}\n\n${randomEssay(12, 500)}`, randomEssay(13, 700)];
  codes = [];
  for (const [i, body] of bodies.entries()) {
    const code = `TL-${suffix}-${i + 1}`;
    codes.push(code);
    const entry = await db.entry.create({
      data: {
        contestId,
        categoryId: contest.categories[0]!.id,
        submitterId: entrant.id,
        title: TITLES[i]!,
        status: "SUBMITTED",
        entryCode: code,
        anonymousCode: `PH-${suffix}${i}`.toUpperCase(),
        submittedAt: new Date(),
        declarationAcceptedAt: new Date(),
      },
    });
    const version = await db.entryVersion.create({
      data: { entryId: entry.id, number: 1, onlineText: body, extractedText: body, wordCount: body.split(/\s+/u).length },
    });
    await db.entry.update({ where: { id: entry.id }, data: { currentVersionId: version.id } });
  }
});

function main(page: Page) {
  return page.getByRole("main");
}

/** The list's rows (entry code cells), in order. */
async function listedCodes(page: Page): Promise<string[]> {
  return main(page).locator("tbody tr td:first-child").allTextContents();
}

async function checkListPage(page: Page, lng: Language) {
  const o = texts(lng).originality;
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(o.heading);
  await expectPageFrame(page);
  await expectLabelledFields(page);
  await expectAccessible(page);
}

test("a secretary runs the check, filters the list and compares the two entries side by side", async ({ page }) => {
  const vi = texts("vi").originality;
  await signIn(page, secretary, `/organize/${contestId}/originality`);
  await expect(main(page).getByText(vi.run.never)).toBeVisible();
  // The section is in the back office's navigation for a secretary.
  await expect(page.getByRole("navigation", { name: texts("vi").organize.nav.label }).getByRole("link", { name: exactly(texts("vi").organize.nav.originality) })).toBeVisible();
  await checkListPage(page, "vi");

  await main(page).getByRole("button", { name: exactly(vi.run.submit) }).click();
  await expect(main(page).getByRole("status").filter({ hasText: fill(vi.run.done, { entries: 3, pairs: 1 }) })).toBeVisible();
  await expect(main(page).getByRole("button", { name: exactly(vi.run.again) })).toBeVisible();
  await expect(main(page).getByTestId("last-run")).toContainText(secretary.name);
  expect((await listedCodes(page)).sort()).toEqual([codes[0], codes[1]]);

  // Everything checked, sorted by code; then a minimum nobody reaches.
  const minField = main(page).getByLabel(vi.filter.min, { exact: true });
  await minField.fill("0");
  await main(page).getByRole("button", { name: exactly(vi.filter.submit) }).click();
  await expect(page).toHaveURL(/min=0/);
  await expect.poll(() => listedCodes(page)).toHaveLength(3);
  await main(page).getByRole("link", { name: exactly(vi.columns.code) }).click();
  await expect(page).toHaveURL(/sort=code/);
  await expect.poll(() => listedCodes(page)).toEqual(codes);
  await expect(main(page).getByRole("columnheader", { name: vi.columns.code })).toHaveAttribute("aria-sort", "ascending");
  await main(page).getByLabel(vi.filter.min, { exact: true }).fill("95");
  await main(page).getByRole("button", { name: exactly(vi.filter.submit) }).click();
  await expect(main(page).getByText(vi.empty, { exact: true })).toBeVisible();
  await main(page).getByRole("link", { name: exactly(vi.filter.reset) }).click();
  await expect.poll(() => listedCodes(page)).toHaveLength(2);

  // Both languages on the list.
  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    await checkListPage(page, lng);
  }
  await switchLanguage(page, "vi");

  // The pair, side by side.
  const row = main(page).locator("tbody tr").filter({ hasText: codes[0]! });
  await row.getByRole("link", { name: new RegExp(`^${vi.pair.compare}: ${codes[1]}`) }).click();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(vi.compare.heading);
  const passages = main(page).getByRole("region", { name: vi.compare.passages, exact: true });
  const firstWords = SHARED.split(/\s+/u).slice(0, 6).join(" ");
  await expect(passages.getByRole("row")).toHaveCount(2); // the header and one passage
  await expect(passages.locator("blockquote").first()).toContainText(firstWords);
  await expect(passages.locator("blockquote").nth(1)).toContainText(firstWords);
  for (const which of ["entry", "other"]) {
    const marks = main(page).getByTestId(`text-${which}`).locator("mark");
    await expect(marks.first()).toContainText(firstWords);
  }
  await expect(main(page).getByTestId("side-entry")).toContainText(TITLES[0]!);
  await expect(main(page).getByTestId("side-other")).toContainText(TITLES[1]!);

  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    const o = texts(lng).originality;
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(o.compare.heading);
    await expect(main(page).getByRole("heading", { name: o.compare.passages })).toBeVisible();
    await expectPageFrame(page);
    await expectAccessible(page);
  }
  await switchLanguage(page, "vi");

  // Jumping from the aligned list to the passage in the other text.
  await passages.getByRole("link", { name: fill(vi.compare.showInText, { n: 1, code: codes[1]! }) }).click();
  await expect(page).toHaveURL(/#other-p1$/);
  await expect(main(page).locator("#other-p1")).toBeInViewport();
});
