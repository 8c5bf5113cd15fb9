// An organizer sets up a contest in a real browser: creates it, edits the settings and the
// rules with the live preview, sees the scheduled closing and why the contest cannot open yet,
// then adds two categories with prize tiers (one in Vietnamese with the usual tiers, one in
// English with tiers of their own) and reorders them with the keyboard. Both pages are checked
// for accessibility in both languages. Selectors use the pages' own wording.
import { expect, test, type Page } from "@playwright/test";
import { utcToZonedLocal } from "#app/modules/contests/phases-clock";
import { type Language } from "#app/utils/i18n";
import { createAccount, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, switchLanguage, texts } from "./support";

const vi = texts("vi");
const en = texts("en");

function main(page: Page) {
  return page.getByRole("main");
}

/** A translation with its {{placeholders}} filled in. */
async function openSection(page: Page, lng: Language, section: "settings" | "categories") {
  const nav = main(page).getByRole("navigation", { name: texts(lng).organize.nav.label });
  await nav.getByRole("link", { name: exactly(texts(lng).organize.nav[section]) }).click();
  const heading = section === "settings" ? texts(lng).editor.settings.heading : texts(lng).editor.categories.heading;
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(heading);
}

test("an organizer edits the settings and rules, and sets up categories with prize tiers", async ({ page }) => {
  test.setTimeout(240_000); // a long journey on a shared machine, with several accessibility scans
  const organizer = await createAccount("editor-organizer", { organizer: true, name: "Trần Thị Tổ Chức" });
  const slug = `chinh-luan-${Date.now().toString(36)}`;
  const closesLocal = utcToZonedLocal(new Date(Date.now() + 60 * 86_400_000), "Asia/Ho_Chi_Minh");

  await test.step("create a contest", async () => {
    await signIn(page, organizer, "/organize");
    await main(page).getByLabel(vi.organize.create.title, { exact: true }).fill("Cuộc thi viết chính luận 2027");
    await main(page).getByLabel(vi.organize.create.slug, { exact: true }).fill(slug);
    await main(page).getByRole("button", { name: exactly(vi.organize.create.submit) }).click();
    await expect(page).toHaveURL(/\/organize\/[^/]+$/);
  });

  await test.step("the settings page is accessible in both languages", async () => {
    await openSection(page, "vi", "settings");
    await expectLabelledFields(page);
    await expectAccessible(page);
    await switchLanguage(page, "en");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(en.editor.settings.heading);
    await expectAccessible(page);
    await switchLanguage(page, "vi");
  });

  await test.step("edit the settings and the rules, with a live preview", async () => {
    const s = vi.editor.settings;
    await main(page).getByLabel(s.fields.title, { exact: true }).fill("Cuộc thi viết chính luận bảo vệ nền tảng tư tưởng của Đảng");
    const rules = main(page).getByLabel(s.fields.rules, { exact: true });
    await rules.fill("# Thể lệ\n\n**Đối tượng**: cán bộ, đảng viên.\n\n<script>alert(1)</script>\n\n- Bài viết từ 1.500 chữ");
    const preview = main(page).getByRole("region", { name: s.preview });
    // "# Thể lệ" sits below the preview's own heading (h3), as an h4.
    await expect(preview.getByRole("heading", { name: "Thể lệ", exact: true, level: 4 })).toBeVisible();
    await expect(preview.locator("strong")).toHaveText("Đối tượng");
    await expect(preview.getByText("<script>alert(1)</script>")).toBeVisible(); // shown as text, never run
    await expect(preview.locator("script")).toHaveCount(0);
    await expect(preview.getByRole("listitem")).toHaveText("Bài viết từ 1.500 chữ");

    // The zone is shown next to the time fields.
    await expect(main(page).getByText(fill(s.fields.inZone, { zone: "Asia/Ho_Chi_Minh" })).first()).toBeVisible();
    await main(page).getByLabel(s.fields.closesAt, { exact: true }).fill(closesLocal);
    await main(page).getByLabel(s.fields.graceMinutes, { exact: true }).fill("15");
    await main(page).getByLabel(s.fields.maxWords, { exact: true }).fill("5000");
    await main(page).getByLabel(s.fields.minWords, { exact: true }).fill("1500");
    await main(page).getByLabel(s.fileKinds.txt, { exact: true }).uncheck();
    await main(page).getByLabel(s.fields.entryCodePrefix, { exact: true }).fill("cl-");
    await main(page).getByRole("button", { name: exactly(s.save) }).click();
    await expect(main(page).getByRole("status")).toHaveText(s.saved);

    await page.reload();
    await expect(main(page).getByLabel(s.fields.title, { exact: true })).toHaveValue("Cuộc thi viết chính luận bảo vệ nền tảng tư tưởng của Đảng");
    await expect(main(page).getByLabel(s.fields.entryCodePrefix, { exact: true })).toHaveValue("CL-");
    await expect(main(page).getByLabel(s.fileKinds.txt, { exact: true })).not.toBeChecked();
    await expect(main(page).getByLabel(s.fields.closesAt, { exact: true })).toHaveValue(closesLocal);
  });

  await test.step("the scheduled closing is listed, and opening waits for a category and a rubric", async () => {
    const schedule = main(page).getByRole("region", { name: vi.editor.schedule.heading });
    await expect(schedule.getByText(vi.editor.schedule.to.CLOSED)).toBeVisible();
    const lifecycle = main(page).getByRole("region", { name: vi.editor.lifecycle.heading });
    await expect(lifecycle.getByRole("button", { name: exactly(vi.editor.lifecycle.actions.DRAFT_OPEN) })).toBeDisabled();
    await expect(lifecycle.getByText(vi.contests.phase.errors.noCategory)).toBeVisible();
    await expect(lifecycle.getByText(vi.contests.phase.errors.noRubric)).toBeVisible();
  });

  await test.step("a wrong value is explained in place and nothing is saved", async () => {
    const s = vi.editor.settings;
    await main(page).getByLabel(s.fields.minWords, { exact: true }).fill("6000");
    await main(page).getByRole("button", { name: exactly(s.save) }).click();
    await expect(main(page).getByText(s.errors.wordsOrder)).toBeVisible();
    await page.reload();
    await expect(main(page).getByLabel(s.fields.minWords, { exact: true })).toHaveValue("1500");
  });

  await test.step("add a category in Vietnamese with the usual prize tiers", async () => {
    await openSection(page, "vi", "categories");
    const c = vi.editor.categories;
    await expect(main(page).getByText(c.empty)).toBeVisible();
    const add = main(page).getByRole("region", { name: c.add.heading });
    await add.getByLabel(c.fields.name, { exact: true }).fill("Cán bộ, đảng viên");
    await add.getByLabel(c.fields.description, { exact: true }).fill("Đang công tác tại địa phương");
    await add.getByRole("button", { name: exactly(c.add.submit) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(c.notices.created, { name: "Cán bộ, đảng viên" }));

    const card = main(page).getByRole("region", { name: "Cán bộ, đảng viên" });
    await card.getByRole("button", { name: exactly(c.tiers.useDefault) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(c.notices.tiers, { name: "Cán bộ, đảng viên" }));
    for (const [rank, name, count] of [
      [1, "Giải Nhất", "1"],
      [2, "Giải Nhì", "2"],
      [3, "Giải Ba", "3"],
      [4, "Giải Khuyến khích", "5"],
    ] as const) {
      const row = card.getByRole("group", { name: fill(c.tiers.rank, { rank }) });
      await expect(row.getByLabel(c.tiers.name, { exact: true })).toHaveValue(name);
      await expect(row.getByLabel(c.tiers.count, { exact: true })).toHaveValue(count);
    }
    await expect(card.getByText(fill(c.tiers.total, { count: 11 }))).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("add a second category in English with tiers of its own", async () => {
    await switchLanguage(page, "en");
    const c = en.editor.categories;
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(c.heading);
    const add = main(page).getByRole("region", { name: c.add.heading });
    await add.getByLabel(c.fields.name, { exact: true }).fill("Học sinh, sinh viên");
    await add.getByRole("button", { name: exactly(c.add.submit) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(c.notices.created, { name: "Học sinh, sinh viên" }));

    const card = main(page).getByRole("region", { name: "Học sinh, sinh viên" });
    await card.getByRole("button", { name: exactly(c.tiers.add) }).click();
    await card.getByRole("button", { name: exactly(c.tiers.add) }).click();
    const first = card.getByRole("group", { name: fill(c.tiers.rank, { rank: 1 }) });
    const second = card.getByRole("group", { name: fill(c.tiers.rank, { rank: 2 }) });
    await first.getByLabel(c.tiers.name, { exact: true }).fill("Giải Nhất");
    await first.getByLabel(c.tiers.count, { exact: true }).fill("1");
    // The same name twice is refused in place.
    await second.getByLabel(c.tiers.name, { exact: true }).fill("giải nhất");
    await second.getByLabel(c.tiers.count, { exact: true }).fill("4");
    await card.getByRole("button", { name: exactly(c.tiers.save) }).click();
    await expect(second.getByText(c.errors.tierNameTaken)).toBeVisible();
    await second.getByLabel(c.tiers.name, { exact: true }).fill("Giải Khuyến khích");
    await card.getByRole("button", { name: exactly(c.tiers.save) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(c.notices.tiers, { name: "Học sinh, sinh viên" }));
    await expect(card.getByText(fill(c.tiers.total, { count: 5 }))).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("reorder the categories with the keyboard", async () => {
    const c = en.editor.categories;
    const headings = main(page).getByRole("listitem").getByRole("heading", { level: 2 });
    await expect(headings).toHaveText(["Cán bộ, đảng viên", "Học sinh, sinh viên"]);
    const up = main(page).getByRole("button", { name: fill(c.moveUpNamed, { name: "Học sinh, sinh viên" }) });
    await up.focus();
    await page.keyboard.press("Enter");
    await expect(main(page).getByRole("status")).toHaveText(fill(c.notices.moved, { name: "Học sinh, sinh viên" }));
    await expect(headings).toHaveText(["Học sinh, sinh viên", "Cán bộ, đảng viên"]);
    // At the top, Up is disabled and the focus stays on the moved category's Down button.
    await expect(up).toBeDisabled();
    await expect(main(page).getByRole("button", { name: fill(c.moveDownNamed, { name: "Học sinh, sinh viên" }) })).toBeFocused();
  });

  await test.step("back on the settings page, the missing category is no longer a reason", async () => {
    await switchLanguage(page, "vi");
    await openSection(page, "vi", "settings");
    const lifecycle = main(page).getByRole("region", { name: vi.editor.lifecycle.heading });
    await expect(lifecycle.getByText(vi.contests.phase.errors.noRubric)).toBeVisible();
    await expect(lifecycle.getByText(vi.contests.phase.errors.noCategory)).toHaveCount(0);
  });
});
