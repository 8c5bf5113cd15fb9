// An organizer finalizes and publishes a contest prepared in the e2e database (one category, the
// default rubric, three judges who scored six entries, a tie at the Second/Third boundary): reviews
// the ranking and an entry's breakdown, decides the tie with a reason, publishes, reads the public
// page, publishes a correction; a visitor verifies a certificate code; the entrant reads their
// result and the judges' feedback; the organizer downloads a panel's scoring minutes and the
// certificates, and the code extracted from a certificate verifies on /verify, in both languages.
// Pages are checked in both languages and with axe.
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { getDocumentProxy } from "unpdf";
import { pdfPagesToText, type PdfTextItem } from "#app/modules/storage/pdf-text";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { scoresheetTotal } from "#app/modules/scoring/total";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, inBothLanguages, LANGUAGES, main, switchLanguage, texts } from "./support";

const CATEGORY = "Cán bộ, công chức";
const JUDGES = ["Nguyễn Văn Nghiêm", "Trần Thị Hoà", "Lê Văn Rộng"];
// Totals per entry; judges give them −2, +0, +2. Entries 3 and 4 tie across Second (positions 2–3) and Third (4–5).
const TOTALS = [92, 88, 80, 80, 70, 60];
const OFFSETS = [-2, 0, 2];
const FEEDBACK = "Bài viết có lập luận sắc bén, dẫn chứng thuyết phục.";

/** Points per criterion of the default rubric (25, 25, 20, 20, 10) adding up to `total`. */
function split(total: number): number[] {
  const maxima = [25, 25, 20, 20, 10];
  const points = maxima.map((m) => Math.floor(((total * m) / 100) * 2) / 2);
  let rest = total - points.reduce((s, p) => s + p, 0);
  for (let i = 0; rest > 0 && i < points.length; i++) {
    const add = Math.min(maxima[i]! - points[i]!, rest);
    points[i]! += add;
    rest -= add;
  }
  return points;
}

async function prepareContest(organizerId: string, entrantId: string) {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  const contest = await db.contest.create({
    data: {
      title: `Cuộc thi chính luận về xây dựng Đảng ${hex}`,
      slug: `ket-qua-${hex}`,
      phase: "FINALIZING",
      blind: true,
      createdById: organizerId,
      members: { create: { userId: organizerId, role: "ORGANIZER" } },
    },
  });
  const category = await db.category.create({
    data: {
      contestId: contest.id,
      name: CATEGORY,
      prizeTiers: {
        create: [
          { rank: 1, name: "Giải Nhất", count: 1 },
          { rank: 2, name: "Giải Nhì", count: 2 },
          { rank: 3, name: "Giải Ba", count: 2 },
        ],
      },
    },
  });
  const template = defaultRubricTemplate("vi");
  const rubric = await db.rubric.create({
    data: { contestId: contest.id, name: template.name, versions: { create: { version: 1, lockedAt: new Date(), criteria: { create: criterionRows(template.criteria) } } } },
    select: { versions: { select: { id: true, criteria: { orderBy: { position: "asc" } } } } },
  });
  const version = rubric.versions[0]!;
  const round = await db.round.create({ data: { contestId: contest.id, position: 1, name: "Chung khảo", rubricVersionId: version.id, readsPerEntry: 3, aggregation: "NORMALIZED" } });
  const panel = await db.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1", categoryId: category.id } });
  const judges = [];
  for (const [i, name] of JUDGES.entries()) {
    const judge = await db.user.create({ data: { email: `gk-${i}-${hex}@example.com`, name } });
    await db.contestMember.create({ data: { contestId: contest.id, userId: judge.id, role: "JUDGE" } });
    await db.panelJudge.create({ data: { panelId: panel.id, userId: judge.id, isChair: i === 0 } });
    judges.push(judge);
  }
  const other = await db.user.create({ data: { email: `tac-gia-${hex}@example.com`, name: "Lê Thị Tác Giả" } });
  const entries = [];
  for (const [n, total] of TOTALS.entries()) {
    const entry = await db.entry.create({
      data: {
        contestId: contest.id,
        categoryId: category.id,
        submitterId: n === 0 ? entrantId : other.id,
        title: `Bài dự thi số ${n + 1}: xây dựng Đảng trong sạch, vững mạnh`,
        status: "ELIGIBLE",
        entryCode: `KQ-${String(n + 1).padStart(4, "0")}`,
        anonymousCode: `PH-${hex.toUpperCase()}${n + 1}`,
        submittedAt: new Date(),
        declarationAcceptedAt: new Date(),
        authors: { create: { position: 0, name: `Tác giả số ${n + 1}`, unit: `Đảng uỷ xã số ${n + 1}`, email: `tg-${n}-${hex}@example.com` } },
      },
    });
    entries.push(entry);
    await db.roundEntry.create({ data: { roundId: round.id, entryId: entry.id, panelId: panel.id } });
    for (const [j, judge] of judges.entries()) {
      const assignment = await db.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry.id, judgeId: judge.id } });
      const points = split(total + OFFSETS[j]!);
      const byId = Object.fromEntries(points.map((p, i) => [version.criteria[i]!.id, p]));
      await db.scoresheet.create({
        data: {
          assignmentId: assignment.id,
          rubricVersionId: version.id,
          status: "SUBMITTED",
          submittedAt: new Date(),
          total: scoresheetTotal(version.criteria, byId),
          feedback: n === 0 && j === 1 ? FEEDBACK : "",
          privateNote: n === 0 ? "Ghi chú riêng của giám khảo" : "",
          scores: { create: points.map((p, i) => ({ criterionId: version.criteria[i]!.id, points: p })) },
        },
      });
    }
  }
  return { contest, round, entries };
}


/** Clicks a download link and returns the file's name and its text, read as uploaded PDFs are (pdf-text.ts). */
async function downloadPdf(page: Page, name: string): Promise<{ filename: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), main(page).getByRole("link", { name: exactly(name) }).click()]);
  const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  const document = await getDocumentProxy(bytes, { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const pages: PdfTextItem[][] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(
      content.items
        .filter((item) => "str" in item)
        .map((item) => ({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, hasEOL: item.hasEOL })),
    );
  }
  await document.destroy();
  return { filename: download.suggestedFilename(), text: pdfPagesToText(pages) };
}

test("an organizer decides a boundary tie, publishes, corrects; a visitor verifies a certificate; the entrant reads their result", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const organizer = await createAccount("organizer", { organizer: true, name: "Trần Thị Tổ Chức" });
  const entrant = await createAccount("entrant", { name: "Phạm Văn Dự Thi" });
  const { contest, round, entries } = await prepareContest(organizer.id, entrant.id);
  const vi = texts("vi").results;
  const base = `/organize/${contest.id}/results`;
  const code = (i: number) => entries[i]!.entryCode!;
  await signIn(page, organizer, base);

  await test.step("the results overview, in both languages", async () => {
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).results.overview.heading);
      await expectAccessible(page);
    });
    await expect(page.getByRole("navigation", { name: texts("vi").organize.nav.label }).getByRole("link", { name: exactly(texts("vi").organize.nav.results) })).toBeVisible();
    // Judging has started: the tie-break order is shown, not edited.
    await expect(main(page).getByText(vi.tieBreak.locked, { exact: true })).toBeVisible();
    await expect(main(page).getByText(fill(vi.errors.prizeTiesOpen, { count: 1 }))).toBeVisible();
    await expect(main(page).getByRole("button", { name: exactly(vi.publish.submit) })).toBeDisabled();
  });

  await test.step("the ranking: raw and adjusted scores side by side, the tie awaiting a decision, each judge's severity", async () => {
    await main(page).getByRole("link", { name: fill(vi.overview.openLabel, { round: round.name }) }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.round.heading, { round: round.name }));
    const table = main(page).getByRole("table", { name: fill(vi.table.caption, { name: CATEGORY }) });
    await expect(table.getByRole("columnheader", { name: exactly(vi.table.rawMean) })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: exactly(vi.table.adjusted) })).toBeVisible();
    await expect(table.getByRole("row", { name: new RegExp(code(0)) })).toContainText("Giải Nhất");
    for (const i of [2, 3]) await expect(table.getByRole("row", { name: new RegExp(code(i)) })).toContainText(vi.table.prizePending);
    await expect(table.getByRole("row", { name: new RegExp(code(2)) })).toContainText(vi.table.tied);
    const judges = main(page).getByRole("table", { name: vi.judges.caption });
    await expect(judges.getByRole("row", { name: new RegExp(JUDGES[0]!) })).toContainText("−2,00");
    await expect(judges.getByRole("row", { name: new RegExp(JUDGES[2]!) })).toContainText("+2,00");
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(texts(lng).results.round.heading, { round: round.name }));
      await expectLabelledFields(page);
      await expectAccessible(page);
    });
  });

  await test.step("an entry's breakdown: each judge's points per criterion and the notes", async () => {
    await main(page).getByRole("link", { name: fill(vi.table.detailsOf, { entry: code(0) }) }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.breakdown.heading, { entry: code(0) }));
    const sheets = main(page).getByRole("table", { name: vi.breakdown.caption });
    await expect(sheets.getByRole("row", { name: new RegExp(JUDGES[1]!) })).toContainText("92");
    await expect(main(page).getByText("Ghi chú riêng của giám khảo").first()).toBeVisible();
    await expectAccessible(page);
    await main(page).getByRole("link", { name: fill(vi.breakdown.back, { round: round.name }) }).click();
  });

  await test.step("decide the tie: a reason is required, then the prizes follow the decision", async () => {
    const group = fill(vi.ties.group, { rank: 3, entries: `${code(2)}, ${code(3)}` });
    const form = main(page).getByRole("form", { name: group });
    await form.getByLabel(fill(vi.ties.place, { entry: code(2) }), { exact: true }).selectOption("2");
    await form.getByLabel(fill(vi.ties.place, { entry: code(3) }), { exact: true }).selectOption("1");
    await form.getByRole("button", { name: exactly(vi.ties.submit) }).click();
    await expect(form.getByText(vi.errors.reasonRequired)).toBeVisible();
    await form.getByLabel(vi.ties.reason, { exact: true }).fill("Theo biên bản họp Ban Giám khảo ngày 15/12/2026");
    await form.getByRole("button", { name: exactly(vi.ties.submit) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.ties.decided, { count: 2 }));
    const table = main(page).getByRole("table", { name: fill(vi.table.caption, { name: CATEGORY }) });
    await expect(table.getByRole("row", { name: new RegExp(code(3)) })).toContainText("Giải Nhì");
    await expect(table.getByRole("row", { name: new RegExp(code(2)) })).toContainText("Giải Ba");
    await expect(table.getByRole("row", { name: new RegExp(code(2)) })).toContainText(vi.table.by.decision);
  });

  await test.step("download the panel's scoring minutes: codes, judges, the chair's signature block, in Vietnamese", async () => {
    const docs = texts("vi").documents;
    const minutes = await downloadPdf(page, fill(docs.links.minutesOf, { panel: "Tiểu ban 1" }));
    expect(minutes.filename).toMatch(/^bien-ban-cham-.+-tieu-ban-1\.pdf$/);
    expect(minutes.text).toContain(docs.minutes.title);
    expect(minutes.text).toContain(`1. ${JUDGES[0]}: ${docs.minutes.chair}`);
    for (const i of [0, 5]) expect(minutes.text).toContain(code(i));
    for (const judge of JUDGES) expect(minutes.text).toContain(judge);
  });

  let version1Code = "";
  await test.step("publish: version 1 with scores, the contest moves to Published", async () => {
    await main(page).getByRole("link", { name: vi.round.back }).click();
    await expect(main(page).getByRole("table", { name: fill(vi.publish.winnersCaption, { name: CATEGORY }) }).locator("tbody tr")).toHaveCount(5);
    await main(page).getByLabel(vi.publish.showScores, { exact: true }).check();
    await main(page).getByRole("button", { name: exactly(vi.publish.submit) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.publish.published, { version: 1, count: 2 }));
    await expect(page.getByTestId("contest-phase")).toHaveText(texts("vi").organize.phase.PUBLISHED);
    const versions = main(page).getByRole("table", { name: vi.versions.caption });
    await expect(versions.locator("tbody tr")).toHaveCount(1);
    const certificate = await e2eDb().certificate.findFirstOrThrow({ where: { entryId: entries[0]!.id } });
    version1Code = certificate.code;
  });

  await test.step("the public page shows the snapshot and its SHA-256, in both languages", async () => {
    await main(page).getByRole("link", { name: fill(vi.versions.viewLabel, { version: 1 }) }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(vi.public.heading, { contest: contest.title }));
    const winners = main(page).getByRole("table", { name: fill(vi.public.caption, { name: CATEGORY }) });
    await expect(winners.locator("tbody tr")).toHaveCount(5);
    await expect(winners.getByRole("row", { name: new RegExp(entries[0]!.title) })).toContainText("Tác giả số 1 (Đảng uỷ xã số 1)");
    await expect(winners.getByRole("columnheader", { name: exactly(vi.public.score) })).toBeVisible();
    const publication = await e2eDb().publication.findFirstOrThrow({ where: { contestId: contest.id, version: 1 } });
    await expect(page.getByTestId("publication-sha256")).toHaveText(publication.sha256);
    for (const secret of JUDGES) await expect(main(page)).not.toContainText(secret);
    await inBothLanguages(page, async (lng) => {
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(texts(lng).results.public.heading, { contest: contest.title }));
      await expectAccessible(page);
    });
  });

  await test.step("a correction: back to finalizing, a reason, version 2 without scores; version 1 stays readable", async () => {
    await page.goto(base);
    await main(page).getByRole("button", { name: exactly(vi.publish.reopen) }).click();
    await expect(main(page).getByRole("status")).toHaveText(vi.publish.reopened);
    const submit = main(page).getByRole("button", { name: exactly(fill(vi.publish.submitCorrection, { version: 2 })) });
    await main(page).getByLabel(vi.publish.showScores, { exact: true }).uncheck();
    await submit.click();
    await expect(main(page).getByText(vi.errors.correctionReason)).toBeVisible();
    await main(page).getByLabel(vi.publish.reason, { exact: true }).fill("Không công bố điểm theo quyết định của Ban tổ chức");
    await main(page).getByLabel(vi.publish.showScores, { exact: true }).uncheck();
    await submit.click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.publish.published, { version: 2, count: 2 }));

    await page.goto(`/contests/${contest.slug}/results`);
    await expect(main(page).getByText(fill(vi.public.correction, { reason: "Không công bố điểm theo quyết định của Ban tổ chức" }))).toBeVisible();
    const winners = main(page).getByRole("table", { name: fill(vi.public.caption, { name: CATEGORY }) });
    await expect(winners.getByRole("columnheader", { name: exactly(vi.public.score) })).toHaveCount(0);
    await main(page).getByLabel(vi.public.versionsLabel, { exact: true }).selectOption("1");
    await main(page).getByRole("button", { name: exactly(vi.public.show) }).click();
    await expect(page).toHaveURL(/version=1/);
    await expect(main(page).getByText(fill(vi.public.superseded, { version: 1, latest: 2 }))).toBeVisible();
    await expectLabelledFields(page);
    await expectAccessible(page);
  });

  await test.step("the organizer downloads the certificates; a code extracted from one verifies on /verify, in both languages", async () => {
    await page.goto(base);
    for (const lng of LANGUAGES) {
      await switchLanguage(page, lng);
      const docs = texts(lng).documents;
      const certificates = await downloadPdf(page, fill(docs.links.certificatesOf, { version: 2 }));
      expect(certificates.filename).toMatch(/\.pdf$/);
      expect(certificates.text).toContain(docs.certificate.title);
      // The content is printed as written, diacritics and all.
      expect(certificates.text).toContain("Giải Nhất");
      expect(certificates.text).toContain("Tác giả số 1");
      expect(certificates.text).toContain(entries[0]!.title);
      const codeLabel = docs.certificate.code.replace("{{code}}", "");
      const printed = [...certificates.text.matchAll(new RegExp(`${codeLabel}(GCN-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})`, "g"))].map((m) => m[1]!);
      expect(printed).toHaveLength(5);
      const first = printed[0]!;
      expect(certificates.text).toContain(`/verify/${first}`);
      await page.goto(`/verify/${first}`);
      await expect(main(page).getByRole("heading", { name: texts(lng).results.verify.valid })).toBeVisible();
      await expect(main(page)).toContainText(code(0));
      await expectAccessible(page);
      await page.goto(base);
    }
    await switchLanguage(page, "vi");
  });

  await test.step("a visitor verifies a certificate code, in both languages", async () => {
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const latest = await e2eDb().certificate.findFirstOrThrow({ where: { entryId: entries[0]!.id, publication: { version: 2 } } });
    await visitor.goto(`/contests/${contest.slug}/results`);
    await main(visitor).getByLabel(vi.verify.code, { exact: true }).fill(latest.code.toLowerCase().replace(/-/g, " "));
    await main(visitor).getByRole("button", { name: exactly(vi.verify.submit) }).click();
    await expect(visitor).toHaveURL(`/verify/${latest.code}`);
    await expect(main(visitor).getByRole("heading", { name: vi.verify.valid })).toBeVisible();
    await expect(main(visitor)).toContainText("Giải Nhất");
    await expect(main(visitor)).toContainText(code(0));
    await inBothLanguages(visitor, async (lng) => {
      await expect(main(visitor).getByRole("heading", { name: texts(lng).results.verify.valid })).toBeVisible();
      await expectAccessible(visitor);
    });
    // The version-1 certificate says it was superseded; a made-up code is not found.
    await visitor.goto(`/verify/${version1Code}`);
    await expect(main(visitor).getByText(fill(vi.verify.superseded, { latest: 2 }))).toBeVisible();
    await visitor.goto("/verify?code=GCN-2345-6789-ABCD");
    await expect(main(visitor).getByRole("alert")).toHaveText(vi.verify.notFound);
    await expectAccessible(visitor);
    await visitorContext.close();
  });

  await test.step("the entrant reads their result and the judges' feedback, without judges' names", async () => {
    const context = await browser.newContext();
    const own = await context.newPage();
    await signIn(own, entrant, `/entries/${entries[0]!.id}/result`);
    await expect(main(own).getByRole("heading", { level: 1 })).toHaveText(fill(vi.entrant.heading, { title: entries[0]!.title }));
    await expect(main(own)).toContainText(fill(vi.entrant.prize, { prize: "Giải Nhất", rank: 1 }));
    await expect(main(own)).toContainText(FEEDBACK);
    for (const secret of [...JUDGES, "Ghi chú riêng của giám khảo"]) await expect(main(own)).not.toContainText(secret);
    await inBothLanguages(own, async (lng) => {
      await expect(main(own).getByRole("heading", { level: 1 })).toHaveText(fill(texts(lng).results.entrant.heading, { title: entries[0]!.title }));
      await expectAccessible(own);
    });
    await context.close();
  });
});
