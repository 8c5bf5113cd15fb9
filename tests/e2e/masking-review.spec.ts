// The secretary reviews how an entry is masked for blind judging: the judges' reading view with the
// masked places highlighted and the list of what was masked; masks a pen name the masker could not
// know, sees it masked; unmasks a hotline number; in both languages, accessible.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { countWords } from "#app/modules/entries/words";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, main, switchLanguage, texts } from "./support";

const AUTHOR = { name: "Nguyễn Thị Minh Khai", unit: "UBND xã Phú Sơn", email: "minhkhai@phuson.gov.vn", phone: "0912 345 678" };
const ESSAY = [
  "GIỮ VỮNG TRẬN ĐỊA TƯ TƯỞNG Ở CƠ SỞ",
  "",
  "Tại Ủy ban nhân dân xã Phú Sơn, đồng chí Khai thường nhắc cán bộ, đảng viên nêu gương. Bạn đọc quen với bút danh Hoa Sen của tôi trên bản tin xã.",
  "",
  "Khi gặp tin xấu độc, người dân gọi đường dây nóng 1900 1234.",
  "",
  "Người viết: NGUYỄN THỊ",
  "MINH KHAI – 0912.345.678",
].join("\n");

/** A translation with its {{placeholders}} filled in. */

/** A blind contest in judging with a secretary and one entry whose current version has the essay above. */
async function seed() {
  const db = e2eDb();
  const suffix = crypto.randomBytes(4).toString("hex");
  const organizer = await createAccount(`mask-org-${suffix}`, { organizer: true });
  const secretary = await createAccount(`mask-sec-${suffix}`, { name: "Lê Thị Thư Ký" });
  const entrant = await createAccount(`mask-author-${suffix}`, { name: AUTHOR.name });
  const contest = await db.contest.create({
    data: {
      title: "Cuộc thi chính luận huyện Phú Sơn",
      slug: `mask-${suffix}`,
      phase: "JUDGING",
      blind: true,
      members: { create: [{ userId: organizer.id, role: "ORGANIZER" }, { userId: secretary.id, role: "SECRETARY" }] },
      categories: { create: { name: "Cán bộ, đảng viên" } },
    },
    include: { categories: true },
  });
  const entry = await db.entry.create({
    data: {
      contestId: contest.id,
      categoryId: contest.categories[0]!.id,
      submitterId: entrant.id,
      title: "Giữ vững trận địa tư tưởng ở cơ sở",
      status: "ELIGIBLE",
      entryCode: "PS-0001",
      anonymousCode: `PH-${suffix.toUpperCase()}`,
      submittedAt: new Date(),
      authors: { create: { position: 0, userId: entrant.id, ...AUTHOR } },
    },
  });
  const version = await db.entryVersion.create({ data: { entryId: entry.id, number: 1, extractedText: ESSAY, wordCount: countWords(ESSAY) } });
  await db.entry.update({ where: { id: entry.id }, data: { currentVersionId: version.id } });
  return { secretary, path: `/organize/${contest.id}/entries/${entry.id}/masking`, anonymousCode: entry.anonymousCode! };
}

const reading = (page: Page) => page.getByTestId("masked-text");
/** The reading view as a sighted reader sees it (without the screen-reader note of each masked place's kind). */
async function readingText(page: Page): Promise<string> {
  return reading(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".sr-only").forEach((n) => n.remove());
    return copy.textContent ?? "";
  });
}
async function expectReading(page: Page, check: (text: string) => void) {
  await expect.poll(async () => {
    try {
      check(await readingText(page));
      return true;
    } catch {
      return false;
    }
  }).toBe(true);
  check(await readingText(page));
}

test("a secretary reviews the masking, masks a pen name, unmasks a hotline, in both languages", async ({ page }) => {
  const { secretary, path, anonymousCode } = await seed();
  await signIn(page, secretary, path);
  const vi = texts("vi").masking;
  const marker = "[đã che]";

  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(vi.heading);
  await expect(main(page)).toContainText(fill(vi.entry, { code: "PS-0001", anonymous: anonymousCode }));
  // The judges' view: names (across the line break, in capitals, after a title), the unit, phones masked.
  await expectReading(page, (text) => {
    expect(text).toContain(`Tại ${marker}, đồng chí ${marker} thường nhắc`);
    expect(text).toContain(`Người viết: ${marker} – ${marker}`);
    for (const secret of ["Minh Khai", "MINH KHAI", "Phú Sơn", "0912", "1900 1234"]) expect(text).not.toContain(secret);
  });
  await expect(reading(page).locator("mark")).toHaveCount(5);

  // What was masked, with its kind.
  const masked = main(page).getByRole("region", { name: vi.masked.heading });
  await expect(masked.getByRole("row", { name: new RegExp(`${vi.kinds.name}.*NGUYỄN THỊ MINH KHAI`) })).toBeVisible();
  await expect(masked.getByRole("row", { name: new RegExp(`${vi.kinds.unit}.*Ủy ban nhân dân xã Phú Sơn`) })).toBeVisible();
  await expectLabelledFields(page);
  await expectAccessible(page);

  // A pen name the masker could not know.
  await main(page).getByLabel(vi.add.term, { exact: true }).fill("hoa sen");
  await main(page).getByRole("button", { name: exactly(vi.add.submit) }).click();
  await expect(page.getByRole("status")).toHaveText(fill(vi.notices.added, { term: "hoa sen", spans: 6 }));
  await expectReading(page, (text) => {
    expect(text).toContain(`bút danh ${marker} của tôi`);
    expect(text).not.toMatch(/hoa sen/i);
  });
  await expect(main(page).getByRole("region", { name: vi.added.heading }).getByRole("listitem")).toHaveText([new RegExp(`^hoa sen\\s*${vi.added.remove}`)]);
  await expect(main(page).getByLabel(vi.add.term, { exact: true })).toHaveValue("");

  // The hotline is public: not masked.
  await masked.getByRole("row", { name: /1900 1234/ }).getByRole("button", { name: `${vi.masked.exclude} “1900 1234”` }).click();
  await expect(page.getByRole("status")).toHaveText(fill(vi.notices.excluded, { term: "1900 1234", spans: 5 }));
  await expectReading(page, (text) => expect(text).toContain("đường dây nóng 1900 1234."));
  await expect(main(page).getByRole("region", { name: vi.excluded.heading }).getByRole("listitem")).toHaveText([new RegExp(`^1900 1234\\s*${vi.excluded.restore}`)]);
  await expectAccessible(page);

  // In English the page follows the reader; the marker stays in the contest's language.
  await switchLanguage(page, "en");
  const en = texts("en").masking;
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(en.heading);
  await expect(main(page).getByRole("region", { name: en.reading.heading })).toBeVisible();
  await expectReading(page, (text) => expect(text).toContain(`bút danh ${marker} của tôi`));
  // Each masked place tells a screen reader what kind of detail it hides, in the reader's language.
  await expect(reading(page).locator("mark").first()).toHaveText(`${marker} ${fill(en.reading.maskedKind, { kind: en.kinds.unit })}`);
  await expect(main(page).getByRole("region", { name: en.masked.heading }).getByRole("row", { name: new RegExp(`${en.kinds.extra}.*Hoa Sen`) })).toBeVisible();
  await expectLabelledFields(page);
  await expectAccessible(page);

  // Masking the hotline again, in English.
  await main(page)
    .getByRole("region", { name: en.excluded.heading })
    .getByRole("button", { name: `${en.excluded.restore} “1900 1234”` })
    .click();
  await expect(page.getByRole("status")).toHaveText(fill(en.notices.removed, { term: "1900 1234", spans: 6 }));
  await expectReading(page, (text) => expect(text).not.toContain("1900 1234"));
  await switchLanguage(page, "vi");
});
