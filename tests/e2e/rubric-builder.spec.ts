// An organizer builds a rubric in a real browser, in Vietnamese and in English: creates a
// contest, creates a rubric from the default template (in the contest's language, then in the
// other one), edits a criterion, reorders two criteria with the keyboard (the focus stays on the
// moved criterion), types scores in the judge's form preview and watches the total follow, saves,
// and finds the new order after a reload. The pages pass axe in both languages.
import { expect, test, type Page } from "@playwright/test";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { formatNumber } from "#app/utils/format";
import { type Language } from "#app/utils/i18n";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, LANGUAGES, main, switchLanguage, texts } from "./support";

/** A translation with its {{placeholders}} filled in. */

/** The builder's fieldset of the criterion at 1-based position `n`, named as its legend says. */
function criterion(page: Page, lng: Language, n: number, name: string) {
  return main(page).getByRole("group", { name: exactly(fill(texts(lng).rubrics.builder.criterionNamed, { n, name })) });
}

for (const lng of LANGUAGES) {
  test(`an organizer builds a rubric from the default template and previews the judge's form (${lng})`, async ({ page }) => {
    test.setTimeout(180_000); // several accessibility scans on a loaded machine
    const tx = texts(lng);
    const r = tx.rubrics;
    // The Vietnamese journey takes the contest's own language, the English one the other template.
    const template = defaultRubricTemplate(lng);
    const [c1, c2, c3] = template.criteria.map((c) => c.name);
    const organizer = await createAccount(`rubric-${lng}`, { organizer: true });

    await test.step("create a contest", async () => {
      await signIn(page, organizer, "/organize");
      await switchLanguage(page, lng);
      await main(page).getByLabel(tx.organize.create.title, { exact: true }).fill(`Cuộc thi chính luận ${lng}`);
      await main(page).getByLabel(tx.organize.create.slug, { exact: true }).fill(`rubric-${lng}-${Date.now().toString(36)}`);
      await main(page).getByRole("button", { name: exactly(tx.organize.create.submit) }).click();
      await expect(page).toHaveURL(/\/organize\/[^/]+$/);
    });

    await test.step("open the rubrics section and create one from the template", async () => {
      await page.getByRole("navigation", { name: tx.organize.nav.label }).getByRole("link", { name: exactly(tx.organize.nav.rubrics) }).click();
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(r.list.heading);
      await expect(main(page).getByText(r.list.empty)).toBeVisible();
      await expectAccessible(page);
      await main(page)
        .getByRole("button", { name: exactly(fill(r.list.fromTemplate, { language: r.languages[lng] })) })
        .click();
      await expect(page).toHaveURL(/\/rubrics\/[^/?]+$/);
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(r.builder.heading);
      await expect(main(page).getByText(fill(r.builder.scale, { scale: formatNumber(100, lng) }))).toBeVisible();
      await expectLabelledFields(page);
      await expectAccessible(page);
    });

    const edited = lng === "vi" ? "Tư tưởng, quan điểm chính trị" : "Soundness of the political viewpoint";
    await test.step("edit the first criterion", async () => {
      await criterion(page, lng, 1, c1!).getByLabel(r.builder.criterionName, { exact: true }).fill(edited);
      // The legend follows the name as it is typed.
      const first = criterion(page, lng, 1, edited);
      await expect(first).toBeVisible();
      await first.getByLabel(r.builder.maxPoints, { exact: true }).fill("30");
      await expect(main(page).getByText(fill(r.builder.scale, { scale: formatNumber(105, lng) }))).toBeVisible();
    });

    await test.step("move the first criterion down with the keyboard; the focus follows it", async () => {
      const moveDown = criterion(page, lng, 1, edited).getByRole("button", { name: r.builder.moveDown });
      await moveDown.focus();
      await page.keyboard.press("Enter");
      await expect(criterion(page, lng, 1, c2!)).toBeVisible();
      const moved = criterion(page, lng, 2, edited);
      await expect(moved.getByRole("button", { name: r.builder.moveDown })).toBeFocused();
      await expect(main(page).getByText(fill(r.builder.moved, { name: edited, n: 2 }))).toBeAttached();
      // Space works as well: down once more, then back up to position 2.
      await page.keyboard.press("Space");
      await expect(criterion(page, lng, 3, edited)).toBeVisible();
      await expect(criterion(page, lng, 2, c3!)).toBeVisible();
      await page.keyboard.press("Shift+Tab");
      await expect(criterion(page, lng, 3, edited).getByRole("button", { name: r.builder.moveUp })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(criterion(page, lng, 2, edited).getByRole("button", { name: r.builder.moveUp })).toBeFocused();
      await expect(criterion(page, lng, 3, c3!)).toBeVisible();
    });

    await test.step("the preview's total follows the scores typed in it", async () => {
      const preview = main(page).getByRole("region", { name: r.preview.heading });
      const total = (value: number) => preview.getByText(fill(r.preview.total, { total: formatNumber(value, lng), scale: formatNumber(105, lng) }));
      await expect(total(0)).toBeVisible();
      await preview.getByLabel(fill(r.preview.score, { name: c2! }), { exact: true }).fill("20");
      await expect(total(20)).toBeVisible();
      await preview.getByLabel(fill(r.preview.score, { name: edited }), { exact: true }).fill("27.5");
      await expect(total(47.5)).toBeVisible();
      // A score off the step does not count, and says why.
      await preview.getByLabel(fill(r.preview.score, { name: c3! }), { exact: true }).fill("12.3");
      await expect(preview.getByText(fill(r.preview.problems.offStep, { step: formatNumber(0.5, lng) }))).toBeVisible();
      await expect(total(47.5)).toBeVisible();
      await preview.getByLabel(fill(r.preview.score, { name: c3! }), { exact: true }).fill("12.5");
      await expect(total(60)).toBeVisible();
      await expectAccessible(page);
    });

    await test.step("save; the new order and the edit are kept", async () => {
      await main(page).getByRole("button", { name: exactly(r.builder.save) }).click();
      await expect(main(page).getByRole("status")).toHaveText(fill(r.builder.saved, { version: 1 }));
      await expect(criterion(page, lng, 1, c2!)).toBeVisible();
      await page.reload();
      await expect(criterion(page, lng, 1, c2!)).toBeVisible();
      await expect(criterion(page, lng, 2, edited)).toBeVisible();
      await expect(criterion(page, lng, 2, edited).getByLabel(r.builder.maxPoints, { exact: true })).toHaveValue("30");
      await expect(criterion(page, lng, 3, c3!)).toBeVisible();
      await expect(main(page).getByText(fill(r.builder.scale, { scale: formatNumber(105, lng) }))).toBeVisible();
    });

    await test.step("once a score is saved on version 1, saving says so and makes version 2; version 1 opens read-only", async () => {
      // The scoring screens lock a version with its first score; here the test database does.
      const rubricId = new URL(page.url()).pathname.split("/").pop()!;
      await e2eDb().rubricVersion.updateMany({ where: { rubricId, version: 1 }, data: { lockedAt: new Date() } });
      await page.reload();
      await expect(main(page).getByText(fill(r.builder.lockedWarning, { version: 1, next: 2 }))).toBeVisible();
      await criterion(page, lng, 3, c3!).getByLabel(r.builder.weight, { exact: true }).fill("2");
      await main(page).getByRole("button", { name: exactly(fill(r.builder.saveNewVersion, { next: 2 })) }).click();
      await expect(main(page).getByRole("status")).toHaveText(fill(r.builder.savedNewVersion, { version: 2, previous: 1 }));
      await expect(main(page).getByText(fill(r.builder.editing, { version: 2 }))).toBeVisible();
      await expectAccessible(page);

      const history = main(page).getByRole("table", { name: r.versions.heading });
      await expect(history.getByRole("row")).toHaveCount(3);
      await history.getByRole("link", { name: exactly(fill(r.versions.view, { version: 1 })) }).click();
      await expect(page).toHaveURL(/\?version=1$/);
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(r.versions.readOnlyHeading, { name: template.name, version: 1 }));
      await expect(main(page).getByRole("button", { name: exactly(r.builder.save) })).toHaveCount(0);
      await expect(main(page).getByRole("textbox")).toHaveCount(0);
      await expectAccessible(page);
    });
  });
}

test("a save from a stale page is refused, keeps what was typed, and applies when saved again (vi)", async ({ page }) => {
  const tx = texts("vi");
  const r = tx.rubrics;
  const [c1] = defaultRubricTemplate("vi").criteria.map((c) => c.name);
  const organizer = await createAccount("rubric-stale", { organizer: true });
  await signIn(page, organizer, "/organize");
  await main(page).getByLabel(tx.organize.create.title, { exact: true }).fill("Cuộc thi hai cửa sổ");
  await main(page).getByLabel(tx.organize.create.slug, { exact: true }).fill(`rubric-stale-${Date.now().toString(36)}`);
  await main(page).getByRole("button", { name: exactly(tx.organize.create.submit) }).click();
  await page.getByRole("navigation", { name: tx.organize.nav.label }).getByRole("link", { name: exactly(tx.organize.nav.rubrics) }).click();
  await main(page).getByRole("button", { name: exactly(fill(r.list.fromTemplate, { language: r.languages.vi })) }).click();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(r.builder.heading);

  // The same builder in a second tab; the first tab saves first.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await criterion(page, "vi", 1, c1!).getByLabel(r.builder.criterionName, { exact: true }).fill("Bản của tab thứ nhất");
  await main(page).getByRole("button", { name: exactly(r.builder.save) }).click();
  await expect(main(page).getByRole("status")).toHaveText(fill(r.builder.saved, { version: 1 }));

  await criterion(other, "vi", 1, c1!).getByLabel(r.builder.criterionName, { exact: true }).fill("Bản của tab thứ hai");
  await main(other).getByRole("button", { name: exactly(r.builder.save) }).click();
  await expect(main(other).getByRole("alert")).toHaveText(r.errors.changedMeanwhile);
  await expect(main(other).getByRole("heading", { name: fill(r.builder.current, { version: 1 }) })).toBeVisible();
  await expect(main(other).getByText(fill(r.builder.currentCriterion, { name: "Bản của tab thứ nhất", max: 25 }))).toBeVisible();
  await expect(criterion(other, "vi", 1, "Bản của tab thứ hai").getByLabel(r.builder.criterionName, { exact: true })).toHaveValue("Bản của tab thứ hai");
  await expectAccessible(other);

  // Having compared, the second tab saves its version on purpose.
  await main(other).getByRole("button", { name: exactly(r.builder.save) }).click();
  await expect(main(other).getByRole("status")).toHaveText(fill(r.builder.saved, { version: 1 }));
  await page.reload();
  await expect(criterion(page, "vi", 1, "Bản của tab thứ hai")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the builder's buttons still add, reorder and save (vi)", async ({ page }) => {
    const tx = texts("vi");
    const r = tx.rubrics;
    const [c1, c2] = defaultRubricTemplate("vi").criteria.map((c) => c.name);
    const organizer = await createAccount("rubric-nojs", { organizer: true });
    await signIn(page, organizer, "/organize");
    await main(page).getByLabel(tx.organize.create.title, { exact: true }).fill("Cuộc thi không JavaScript");
    await main(page).getByLabel(tx.organize.create.slug, { exact: true }).fill(`rubric-nojs-${Date.now().toString(36)}`);
    await main(page).getByRole("button", { name: exactly(tx.organize.create.submit) }).click();
    await page.getByRole("navigation", { name: tx.organize.nav.label }).getByRole("link", { name: exactly(tx.organize.nav.rubrics) }).click();
    await main(page).getByRole("button", { name: exactly(r.list.blank) }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(r.builder.heading);

    await main(page).getByRole("button", { name: exactly(r.builder.addCriterion) }).click();
    const added = main(page).getByRole("group", { name: exactly(fill(r.builder.criterion, { n: 2 })) });
    await added.getByLabel(r.builder.criterionName, { exact: true }).fill(c2!);
    await added.getByRole("button", { name: r.builder.moveUp }).click();
    await expect(criterion(page, "vi", 1, c2!)).toBeVisible();
    await expect(criterion(page, "vi", 2, "Tiêu chí 1")).toBeVisible();
    await criterion(page, "vi", 2, "Tiêu chí 1").getByLabel(r.builder.criterionName, { exact: true }).fill(c1!);
    await main(page).getByRole("button", { name: exactly(r.builder.save) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(r.builder.saved, { version: 1 }));
    await expect(criterion(page, "vi", 1, c2!)).toBeVisible();
    await expect(criterion(page, "vi", 2, c1!)).toBeVisible();
    await expect(main(page).getByText(fill(r.builder.scale, { scale: formatNumber(20, "vi") }))).toBeVisible();
  });
});
