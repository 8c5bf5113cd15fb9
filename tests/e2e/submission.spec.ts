// An entrant's journey: the public contest page (rules, prizes, a live countdown), the entry form
// with a co-author, a PDF uploaded with the progress bar showing, the receipt on the page and by
// e-mail with the file's SHA-256, the essay replaced by a DOCX (version 2) after a failed upload
// is sent again, "my entries", and a second entry refused past the limit; both languages,
// accessibility checks.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { VIETNAMESE_PARAGRAPHS, docxDocument, pdfDocument } from "#tests/fixtures/documents";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, expectNewEmail, fill, main, switchLanguage, texts } from "./support";

const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

// A PDF large enough that its upload takes a few seconds under the throttled connection below.
const PDF = pdfDocument(Array.from({ length: 200 }, () => VIETNAMESE_PARAGRAPHS));
const DOCX = docxDocument(["Phiên bản thứ hai của bài dự thi.", ...VIETNAMESE_PARAGRAPHS]);
const TITLE = "Bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng";

async function seed() {
  const db = e2eDb();
  const suffix = crypto.randomBytes(4).toString("hex");
  const organizer = await createAccount(`sub-org-${suffix}`, { organizer: true });
  const entrant = await createAccount(`sub-entrant-${suffix}`, { name: "Hoàng Thị Lan" });
  const contest = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận tỉnh ${suffix}`,
      slug: `chinh-luan-${suffix}`,
      phase: "OPEN",
      rules: "## Điều 1. Đối tượng\n\nCán bộ, đảng viên và **học sinh, sinh viên** trên địa bàn tỉnh.",
      closesAt: new Date(Date.now() + 10 * 24 * 3600 * 1000),
      entryCodePrefix: "TL-",
      maxEntriesPerUser: 1,
      maxCoAuthors: 1,
      members: { create: { userId: organizer.id, role: "ORGANIZER" } },
      categories: {
        create: [
          { name: "Cán bộ, đảng viên", position: 0, prizeTiers: { create: [{ rank: 1, name: "Giải Nhất", count: 1 }, { rank: 2, name: "Giải Nhì", count: 2 }] } },
          { name: "Học sinh, sinh viên", position: 1, prizeTiers: { create: [{ rank: 1, name: "Giải Nhất", count: 1 }] } },
        ],
      },
    },
  });
  return { contest, entrant };
}


/** Upload bandwidth limited (bytes per second) for this page, or unlimited. */
async function network(page: Page, conditions: { upload?: number }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: conditions.upload ?? -1,
  });
}

test.describe.configure({ mode: "serial" });

test("an entrant submits, gets the receipt, replaces the essay and cannot exceed the limit", async ({ page }) => {
  const { contest, entrant } = await seed();
  const vi = texts("vi").entries;
  const en = texts("en").entries;
  const contestPath = `/contests/${contest.slug}`;

  await test.step("the public page shows the rules, the prizes and a live countdown", async () => {
    await page.goto("/");
    await main(page).getByRole("link", { name: exactly(contest.title) }).click();
    await expect(page).toHaveURL(contestPath);
    await expect(main(page).getByRole("heading", { level: 1, name: contest.title })).toBeVisible();
    await expect(main(page).getByRole("heading", { name: "Điều 1. Đối tượng" })).toBeVisible();
    await expect(main(page).getByText(fill(vi.contest.prize, { name: "Giải Nhì", count: 2 }))).toBeVisible();
    const timer = main(page).getByRole("timer");
    const first = await timer.textContent();
    expect(first).toMatch(/^9 ngày 23 giờ/);
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(first);
    await expectAccessible(page);
    await switchLanguage(page, "en");
    await expect(main(page).getByRole("heading", { name: en.contest.howToEnter })).toBeVisible();
    await expect(main(page).getByRole("timer")).toHaveText(/^9 d 23 h/);
    await expectAccessible(page);
    await switchLanguage(page, "vi");
    await expect(main(page).getByRole("link", { name: vi.contest.signInToEnter })).toBeVisible();
  });

  await signIn(page, entrant, `${contestPath}/enter`);

  let receiptUrl = "";
  await test.step("the form: category, title, authors with a co-author, the declaration, a PDF sent with a progress bar", async () => {
    const form = main(page);
    await expect(form.getByRole("heading", { level: 1, name: vi.form.newHeading })).toBeVisible();
    await expect(form.getByLabel(vi.form.fields.name).first()).toHaveValue(entrant.name);
    await expectLabelledFields(page);
    await form.getByLabel(vi.form.fields.category).selectOption({ label: "Cán bộ, đảng viên" });
    await form.getByLabel(vi.form.fields.title, { exact: true }).fill(TITLE);
    await form.getByLabel(vi.form.fields.abstract).fill("Bài viết phản bác các luận điệu sai trái, thù địch trên mạng xã hội.");
    const author = form.getByRole("group", { name: vi.form.entrant });
    await author.getByLabel(vi.form.fields.birthYear).fill("1988");
    await author.getByLabel(vi.form.fields.unit).fill("Trường THPT Phan Đình Phùng");
    await author.getByLabel(vi.form.fields.phone).fill("0912 345 678");
    await form.getByRole("button", { name: vi.form.addCoAuthor }).click();
    const coAuthor = form.getByRole("group", { name: fill(vi.form.coAuthor, { number: 1 }) });
    await coAuthor.getByLabel(vi.form.fields.name).fill("Phạm Văn Đồng Tác");
    await coAuthor.getByLabel(vi.form.fields.birthYear).fill("1992");
    await coAuthor.getByLabel(vi.form.fields.unit).fill("Đoàn Thanh niên phường");
    // The limit is one co-author: no button to add a second.
    await expect(form.getByRole("button", { name: vi.form.addCoAuthor })).toHaveCount(0);

    // Submitting without the declaration is refused in the page, before anything is sent.
    await form.getByLabel(vi.form.fields.file).setInputFiles({ name: "bai-du-thi.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) });
    await form.getByRole("button", { name: vi.form.submit }).click();
    await expect(form.getByText(texts("vi").entries.errors.declaration)).toBeVisible();
    await form.getByLabel(vi.form.fields.declaration).check();

    await network(page, { upload: 64 * 1024 });
    const mail = await expectNewEmail(entrant.email, async () => {
      await form.getByRole("button", { name: vi.form.submit }).click();
      await expect(form.getByRole("progressbar", { name: vi.upload.progress })).toBeVisible();
      await expect(form.getByTestId("upload-status")).toHaveText(/Đã tải lên \d+%|máy chủ đang kiểm tra/);
      await expect(page).toHaveURL(/\/entries\/[^/]+\/receipt$/, { timeout: 60_000 });
    });
    await network(page, {});
    receiptUrl = new URL(page.url()).pathname;
    await expect(main(page).getByTestId("receipt-code")).toHaveText("TL-0001");
    await expect(main(page).getByTestId("receipt-sha256")).toHaveText(sha256(PDF));
    await expect(main(page).getByTestId("receipt-version")).toHaveText("1");
    expect(mail.subject).toBe(fill(vi.mail.subject, { code: "TL-0001", contest: contest.title }));
    expect(mail.text).toContain(fill(vi.receipt.sha256, { hash: sha256(PDF) }));
    expect(mail.text).toContain(fill(vi.receipt.titleLine, { title: TITLE }));
    expect(mail.links.some((l) => l.endsWith(receiptUrl))).toBe(true);
    await expectAccessible(page);
  });

  await test.step("the essay is replaced by a DOCX; a failed upload is sent again; version 2 is judged", async () => {
    await main(page).getByRole("link", { name: vi.receipt.backToEntry }).click();
    const form = main(page);
    await expect(form.getByTestId("entry-status")).toContainText(vi.status.SUBMITTED);
    await form.getByLabel(vi.form.fields.file).setInputFiles({
      name: "ban-sua.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(DOCX),
    });
    // The connection drops during the upload: the page says so and keeps everything for a retry.
    await page.route("**/upload", (route) => route.abort("connectionreset"));
    await form.getByRole("button", { name: vi.form.saveChanges }).click();
    await expect(form.getByText(vi.upload.failed)).toBeVisible();
    await page.unrouteAll();
    const mail = await expectNewEmail(entrant.email, async () => {
      await form.getByRole("button", { name: vi.upload.retry }).click();
      await expect(page).toHaveURL(receiptUrl);
    });
    await expect(main(page).getByTestId("receipt-version")).toHaveText("2");
    await expect(main(page).getByTestId("receipt-sha256")).toHaveText(sha256(DOCX));
    expect(mail.text).toContain(fill(vi.receipt.version, { number: 2 }));
    await main(page).getByRole("link", { name: vi.receipt.backToEntry }).click();
    const versions = main(page).getByTestId("versions").getByRole("listitem");
    await expect(versions).toHaveCount(2);
    await expect(versions.first()).toContainText(fill(vi.entry.versionFile, { name: "ban-sua.docx" }));
    await expect(versions.first()).toContainText(vi.entry.current);
    await expect(versions.nth(1)).toContainText(fill(vi.entry.versionFile, { name: "bai-du-thi.pdf" }));
  });

  await test.step("my entries, in both languages", async () => {
    await page.getByRole("banner").getByRole("link", { name: texts("vi").common.nav.myEntries }).click();
    const row = main(page).getByRole("row", { name: new RegExp(`TL-0001.*${TITLE}`) });
    await expect(row).toContainText(vi.status.SUBMITTED);
    await expectAccessible(page);
    await switchLanguage(page, "en");
    await expect(main(page).getByRole("heading", { name: en.mine.heading })).toBeVisible();
    await expect(main(page).getByRole("row", { name: new RegExp(`TL-0001.*${TITLE}`) })).toContainText(en.status.SUBMITTED);
    await expectAccessible(page);
  });

  await test.step("a second entry past the limit is refused", async () => {
    await page.goto(`${contestPath}/enter`);
    const alert = main(page).getByRole("alert");
    await expect(alert).toContainText(en.form.cannotEnter);
    await expect(alert).toContainText(fill(en.errors.limitReached, { max: 1 }));
    await expect(main(page).getByRole("button", { name: en.form.submit })).toHaveCount(0);
    await expectAccessible(page);
    await switchLanguage(page, "vi");
    await expect(main(page).getByRole("alert")).toContainText(fill(vi.errors.limitReached, { max: 1 }));
    expect(await e2eDb().entry.count({ where: { contestId: contest.id } })).toBe(1);
  });
});

