// The whole submission journey of issue 4 in one browser session, both languages: an entrant
// signs up through the e-mailed link, submits a DOCX with a co-author (the progress bar showing),
// reads the receipt, replaces the file before the deadline, and is refused once the deadline and
// the grace period have passed; the secretary then finds the entry, reads its masked reading view
// (no author's name or unit), runs the originality check and sees its similarity to a planted
// near-copy, and downloads the entries table as XLSX, which exceljs reads with the diacritics.
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD_MIN } from "#app/modules/auth/auth.schema";
import { countWords } from "#app/modules/entries/words";
import { vietnameseEssay } from "../../bench/generators/vietnamese-text";
import { docxDocument } from "#tests/fixtures/documents";
import { createAccount, e2eDb, signIn, type E2eAccount } from "./factories";
import { exactly, expectAccessible, expectNewEmail, fill, inBothLanguages, LANGUAGES, linkIn, main, switchLanguage, texts, uniqueEmail } from "./support";

const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

const AUTHOR = { name: "Đặng Thị Hồng Nhung", unit: "Trường THPT Nguyễn Trãi", phone: "0913 246 810" };
const CO_AUTHOR = { name: "Lưu Quốc Việt", unit: "Huyện đoàn Kỳ Anh" };
const TITLE = "Giữ vững niềm tin của nhân dân trên không gian mạng";
const GRACE_MINUTES = 15;

// The essay names its authors and their units in the ways the masker must catch: with and without
// diacritics, in capitals, after a title; a judge must read none of them.
const ESSAY = vietnameseEssay(4404, { minWords: 700, maxWords: 1200, place: "xã Kỳ Tiến" }).text.split("\n\n");
const SIGNED = [
  `Là giáo viên ${AUTHOR.unit}, tôi – ${AUTHOR.name} – cùng đồng chí ${CO_AUTHOR.name} (${CO_AUTHOR.unit}) viết bài này.`,
  ...ESSAY,
  `Người viết: ${AUTHOR.name.toUpperCase()}, DANG THI HONG NHUNG, điện thoại ${AUTHOR.phone}.`,
];
const FIRST = docxDocument(SIGNED);
const SECOND = docxDocument(["Bản sửa lần hai, bổ sung phần kết luận.", ...SIGNED]);
const THIRD = docxDocument(["Bản nộp muộn.", ...SIGNED]);
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** Another entrant's near-copy: the same essay with its first and last paragraphs changed. */
const NEAR_COPY = ["Bài viết của một người khác, chép lại gần như nguyên văn.", ...ESSAY.slice(0, -1), "Kết luận được viết lại bằng lời khác hẳn."].join("\n\n");

let secretary: E2eAccount;
let contest: { id: string; slug: string; title: string };
let nearCopyCode: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const db = e2eDb();
  const suffix = crypto.randomBytes(4).toString("hex");
  const organizer = await createAccount(`journey-org-${suffix}`, { organizer: true });
  secretary = await createAccount(`journey-sec-${suffix}`, { name: "Trịnh Thị Thư Ký" });
  const other = await createAccount(`journey-other-${suffix}`, { name: "Quách Văn Chép" });
  const created = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận Hà Tĩnh ${suffix}`,
      slug: `hanh-trinh-${suffix}`,
      phase: "OPEN",
      blind: true,
      closesAt: new Date(Date.now() + 10 * 24 * 3600 * 1000),
      graceMinutes: GRACE_MINUTES,
      allowedFileTypes: "pdf,docx",
      entryCodePrefix: "HT-",
      maxEntriesPerUser: 1,
      maxCoAuthors: 1,
      createdById: organizer.id,
      members: { create: [{ userId: organizer.id, role: "ORGANIZER" }, { userId: secretary.id, role: "SECRETARY" }] },
      categories: { create: { name: "Cán bộ, giáo viên", position: 0 } },
    },
    include: { categories: true },
  });
  contest = created;
  // The near-copy, submitted earlier by someone else.
  nearCopyCode = "HT-0900";
  const entry = await db.entry.create({
    data: {
      contestId: created.id,
      categoryId: created.categories[0]!.id,
      submitterId: other.id,
      title: "Niềm tin của nhân dân trên mạng xã hội",
      status: "SUBMITTED",
      entryCode: nearCopyCode,
      anonymousCode: `PH-${suffix.toUpperCase()}`,
      submittedAt: new Date(Date.now() - 3600 * 1000),
      declarationAcceptedAt: new Date(),
      authors: { create: { position: 0, userId: other.id, name: other.name } },
    },
  });
  const version = await db.entryVersion.create({ data: { entryId: entry.id, number: 1, onlineText: NEAR_COPY, extractedText: NEAR_COPY, wordCount: countWords(NEAR_COPY) } });
  await db.entry.update({ where: { id: entry.id }, data: { currentVersionId: version.id } });
});

/** Upload bandwidth limited (bytes per second) for this page, or unlimited. */
async function throttleUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return () => cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

test("an entrant signs up, submits, replaces before the deadline and not after; the secretary checks and exports", async ({ page }) => {
  test.setTimeout(240_000); // a long journey on a shared machine, with several accessibility scans
  const vi = texts("vi");
  const email = uniqueEmail("journey-entrant");
  const password = "mật khẩu của người dự thi".padEnd(PASSWORD_MIN, "x");
  let entryPath = "";

  await test.step("sign up through the e-mailed link", async () => {
    await page.goto("/signup");
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).auth.signup.title);
    });
    await main(page).getByLabel(vi.auth.fields.email, { exact: true }).fill(email);
    const mail = await expectNewEmail(email, () => main(page).getByRole("button", { name: exactly(vi.auth.signup.submit) }).click());
    await expect(main(page).getByRole("status")).toHaveText(vi.auth.signup.sent);
    await page.goto(linkIn(mail, /^\/signup\/verify\/[A-Za-z0-9_-]+$/));
    await main(page).getByLabel(vi.auth.fields.name, { exact: true }).fill(AUTHOR.name);
    await main(page).getByLabel(vi.auth.fields.password, { exact: true }).fill(password);
    await main(page).getByLabel(vi.auth.fields.confirmPassword, { exact: true }).fill(password);
    await main(page).getByRole("button", { name: exactly(vi.auth.signupVerify.submit) }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("banner").getByText(AUTHOR.name, { exact: true })).toBeVisible();
  });

  await test.step("submit a DOCX with a co-author, the progress bar showing; the receipt in both languages", async () => {
    await page.goto(`/contests/${contest.slug}/enter`);
    const form = main(page);
    const f = vi.entries.form;
    await expect(form.getByRole("heading", { level: 1, name: f.newHeading })).toBeVisible();
    await expect(form.getByLabel(f.fields.name).first()).toHaveValue(AUTHOR.name);
    await form.getByLabel(f.fields.category).selectOption({ label: "Cán bộ, giáo viên" });
    await form.getByLabel(f.fields.title, { exact: true }).fill(TITLE);
    await form.getByLabel(f.fields.abstract).fill("Bài viết bàn về cách giữ niềm tin của nhân dân trước thông tin xấu độc.");
    const author = form.getByRole("group", { name: f.entrant });
    await author.getByLabel(f.fields.birthYear).fill("1985");
    await author.getByLabel(f.fields.unit).fill(AUTHOR.unit);
    await author.getByLabel(f.fields.phone).fill(AUTHOR.phone);
    await form.getByRole("button", { name: f.addCoAuthor }).click();
    const coAuthor = form.getByRole("group", { name: fill(f.coAuthor, { number: 1 }) });
    await coAuthor.getByLabel(f.fields.name).fill(CO_AUTHOR.name);
    await coAuthor.getByLabel(f.fields.birthYear).fill("1990");
    await coAuthor.getByLabel(f.fields.unit).fill(CO_AUTHOR.unit);
    await form.getByLabel(f.fields.file).setInputFiles({ name: "bai-du-thi.docx", mimeType: DOCX_TYPE, buffer: Buffer.from(FIRST) });
    await form.getByLabel(f.fields.declaration).check();

    // A slow connection, so that the upload lasts long enough to watch its progress.
    const unthrottle = await throttleUpload(page, Math.ceil(FIRST.length / 4));
    const mail = await expectNewEmail(email, async () => {
      await form.getByRole("button", { name: f.submit }).click();
      await expect(form.getByRole("progressbar", { name: vi.entries.upload.progress })).toBeVisible();
      await expect(page).toHaveURL(/\/entries\/[^/]+\/receipt$/, { timeout: 60_000 });
    });
    await unthrottle();
    entryPath = new URL(page.url()).pathname.replace(/\/receipt$/, "");
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).entries.receipt.heading);
      await expect(main(page).getByTestId("receipt-code")).toHaveText("HT-0001");
      await expect(main(page).getByTestId("receipt-version")).toHaveText("1");
      await expect(main(page).getByTestId("receipt-sha256")).toHaveText(sha256(FIRST));
      await expectAccessible(page);
    });
    expect(mail.subject).toBe(fill(vi.entries.mail.subject, { code: "HT-0001", contest: contest.title }));
    expect(mail.text).toContain(fill(vi.entries.receipt.sha256, { hash: sha256(FIRST) }));
  });

  await test.step("replace the file before the deadline, in English: version 2", async () => {
    await switchLanguage(page, "en");
    const en = texts("en").entries;
    await page.goto(entryPath);
    const form = main(page);
    await form.getByLabel(en.form.fields.file).setInputFiles({ name: "ban-sua.docx", mimeType: DOCX_TYPE, buffer: Buffer.from(SECOND) });
    await form.getByRole("button", { name: en.form.saveChanges }).click();
    await expect(page).toHaveURL(`${entryPath}/receipt`);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(en.receipt.heading);
    await expect(main(page).getByTestId("receipt-version")).toHaveText("2");
    await expect(main(page).getByTestId("receipt-sha256")).toHaveText(sha256(SECOND));
    await switchLanguage(page, "vi");
  });

  await test.step("the deadline and the grace period pass: the page refuses the replacement, in both languages", async () => {
    const vie = vi.entries;
    await page.goto(entryPath);
    const form = main(page);
    await form.getByLabel(vie.form.fields.file).setInputFiles({ name: "nop-muon.docx", mimeType: DOCX_TYPE, buffer: Buffer.from(THIRD) });
    // The form is on the screen; meanwhile the closing time and its grace run out.
    await e2eDb().contest.update({ where: { id: contest.id }, data: { closesAt: new Date(Date.now() - (GRACE_MINUTES + 1) * 60_000) } });
    await form.getByRole("button", { name: vie.form.saveChanges }).click();
    await expect(form.getByText(vie.errors.closed)).toBeVisible();
    await expect(page).toHaveURL(entryPath);
    const versions = await e2eDb().entryVersion.findMany({ where: { entry: { contestId: contest.id, entryCode: "HT-0001" } } });
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(await e2eDb().storedFile.count({ where: { sha256: sha256(THIRD) } })).toBe(0);
    // Loaded again, the page offers no form and says why, in either language.
    await page.reload();
    await inBothLanguages(page, async (lng) => {
      const t = texts(lng).entries;
      await expect(main(page).getByText(fill(t.entry.readOnly, { why: t.errors.closed }))).toBeVisible();
      await expect(main(page).getByLabel(t.form.fields.file)).toHaveCount(0);
      await expect(main(page).getByTestId("versions").getByRole("listitem")).toHaveCount(2);
    });
  });

  await test.step("the secretary finds the entry and reads its masked view", async () => {
    await page.context().clearCookies();
    await signIn(page, secretary, `/organize/${contest.id}/entries`);
    const row = main(page).getByRole("row", { name: new RegExp(`HT-0001.*${TITLE}`) });
    await expect(row).toContainText(`${AUTHOR.name}, ${CO_AUTHOR.name}`);
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).entries.staff.heading);
      await expectAccessible(page);
    });
    await row.getByRole("link", { name: "HT-0001" }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.entries.staff.entryHeading, { code: "HT-0001" }));
    await main(page).getByRole("link", { name: exactly(vi.entries.staff.masking) }).click();
    const reading = main(page).getByTestId("masked-text");
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).masking.heading);
      await expect(reading).toContainText("[đã che]");
      const text = (await reading.textContent()) ?? "";
      expect(text).toContain(ESSAY[1]!.split(" ").slice(0, 6).join(" "));
      const leaks = [AUTHOR.name, AUTHOR.name.toUpperCase(), "DANG THI HONG NHUNG", "Hồng Nhung", AUTHOR.unit, "Nguyễn Trãi", AUTHOR.phone, CO_AUTHOR.name, CO_AUTHOR.unit, "HT-0001"];
      expect(leaks.filter((s) => text.toLocaleLowerCase("vi").includes(s.toLocaleLowerCase("vi")))).toEqual([]);
      await expectAccessible(page);
    });
  });

  await test.step("the secretary runs the originality check and sees the similarity to the near-copy", async () => {
    const o = vi.originality;
    await page.goto(`/organize/${contest.id}/originality`);
    await main(page).getByRole("button", { name: exactly(o.run.submit) }).click();
    await expect(main(page).getByRole("button", { name: exactly(o.run.again) })).toBeVisible();
    const row = main(page).locator("tbody tr").filter({ hasText: "HT-0001" });
    await row.getByRole("link", { name: new RegExp(`^${o.pair.compare}: ${nearCopyCode}`) }).click();
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).originality.compare.heading);
      const score = Number(((await main(page).getByTestId("pair-score").textContent()) ?? "").replace(/[^\d,.]/g, "").replace(",", "."));
      expect(score).toBeGreaterThanOrEqual(60);
      await expectAccessible(page);
    });
    // The pair's two sides, in whichever order the check stored them.
    const sides = [await main(page).getByTestId("side-entry").textContent(), await main(page).getByTestId("side-other").textContent()].join(" ");
    expect(sides).toContain(`HT-0001 – ${TITLE}`);
    expect(sides).toContain(`${nearCopyCode} – Niềm tin của nhân dân trên mạng xã hội`);
  });

  await test.step("the XLSX export opens with the authors' names as written", async () => {
    await page.goto(`/organize/${contest.id}/entries`);
    for (const lng of LANGUAGES) {
      await switchLanguage(page, lng);
      const t = texts(lng).entries.staff.export;
      const [download] = await Promise.all([page.waitForEvent("download"), main(page).getByRole("link", { name: exactly(t.link) }).click()]);
      expect(download.suggestedFilename()).toBe(`entries-${contest.slug}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe(t.sheet);
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)))));
      expect(rows[0]!.slice(0, 3)).toEqual([t.columns.code, t.columns.anonymous, t.columns.title]);
      const ours = rows.find((r) => r[0] === "HT-0001");
      expect(ours?.[2]).toBe(TITLE);
      expect(ours?.[5]).toBe(`${AUTHOR.name}; ${CO_AUTHOR.name}`);
      expect(ours?.[6]).toBe(`${AUTHOR.unit}; ${CO_AUTHOR.unit}`);
      expect(rows.map((r) => r[0]).sort()).toEqual([t.columns.code, "HT-0001", nearCopyCode].sort());
    }
    await switchLanguage(page, "vi");
  });
});
