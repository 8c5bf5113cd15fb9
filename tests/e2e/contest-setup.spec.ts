// Issue 3 from start to finish, once in Vietnamese and once in English, through the pages only:
// an organizer creates a contest, sets its deadline and language, adds two categories with prize
// tiers, builds the rubric from the default template and opens the call for entries; entries
// arrive (written into the e2e database: there is no submission screen yet); the organizer
// invites five judges in one go, each accepts by the e-mailed link in a browser of their own, one
// declares a conflict of interest by entry code and another gives the unit an author shares; the
// organizer closes submissions, runs detection and confirms the conflict, creates two rounds, three
// panels with chairs and shared judges, distributes the entries, previews and applies the automatic
// assignment, drops a judge from a panel, re-runs it (only that judge's reads move) and starts
// judging. Every step is taken in the journey's language, selected by that language's wording.
import crypto from "node:crypto";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { defaultPrizeTiers } from "#app/modules/contests/categories.schema";
import { utcToZonedLocal } from "#app/modules/contests/phases-clock";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { formatNumber } from "#app/utils/format";
import { type Language } from "#app/utils/i18n";
import { readEmails, type Email } from "#tests/factories/eml";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, fill, LANGUAGES, linkIn, MAIL_DIR, main, region, switchLanguage, texts, uniqueEmail } from "./support";

/** A translation with its {{placeholders}} filled in. */
const collator = new Intl.Collator("vi");

/** A regular expression for any text of a translation's shape: each {{placeholder}} stands for something. */
function shaped(template: string): RegExp {
  const parts = template.split(/\{\{\w+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^\\s*${parts.join(".+?")}\\s*$`);
}

/** The rows of a table body as arrays of cell texts (header cells of the row included). */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => (cell.textContent ?? "").trim())),
  );
}

/** Runs `action` and waits until each address has one new message; the newest per address. */
async function expectNewEmails(addresses: readonly string[], action: () => Promise<unknown>): Promise<Map<string, Email>> {
  const before = new Map<string, Set<string>>();
  for (const to of addresses) before.set(to, new Set((await readEmails(MAIL_DIR, to)).map((m) => m.file)));
  await action();
  const fresh = new Map<string, Email>();
  await expect
    .poll(
      async () => {
        for (const to of addresses) {
          if (fresh.has(to)) continue;
          const message = (await readEmails(MAIL_DIR, to)).filter((m) => !before.get(to)!.has(m.file)).at(-1);
          if (message) fresh.set(to, message);
        }
        return addresses.filter((to) => !fresh.has(to));
      },
      { message: `new e-mails in ${MAIL_DIR}`, timeout: 20_000 },
    )
    .toEqual([]);
  return fresh;
}

/** The contest's content in the journey's language: titles, categories, the template's criteria. */
const CONTENT = {
  vi: { title: "Cuộc thi viết chính luận bảo vệ nền tảng tư tưởng của Đảng", categories: ["Cán bộ, đảng viên", "Học sinh, sinh viên"] },
  en: { title: "Essay contest in defence of the Party's ideological foundation", categories: ["Officials and Party members", "Pupils and students"] },
} as const;

const JUDGE_NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"] as const;
const PASSWORD = "một mật khẩu đủ dài cho giám khảo";
/** The unit judge 2 gives on /judge; the author of entry 2 writes it in other capitals. */
const SHARED_UNIT = "Ban Tuyên giáo Tỉnh ủy Bắc Ninh";
const AUTHOR_UNIT = "Ban Tuyên giáo tỉnh ủy Bắc Ninh";
const AUTHORS = [
  "Đặng Thu Hà", "Bùi Quang Huy", "Ngô Thị Lan", "Vũ Minh Khôi", "Đỗ Thị Mai", "Lý Văn Nam",
  "Tạ Thị Oanh", "Mai Văn Phúc", "Cao Thị Quỳnh", "Hồ Văn Sơn", "Kiều Thị Trang", "Lục Văn Vinh",
] as const;
const PREFIX = "CL-";
const code = (n: number) => `${PREFIX}${String(n).padStart(4, "0")}`;
/** Reads per entry in the preliminary round: five judges on three panels, with conflicts, allow 2. */
const K = 2;

/**
 * Twelve entries submitted during the call and found eligible (the submission and eligibility
 * screens are not on this branch): six per category, each with an author whose unit and e-mail
 * are their own, except the author of entry 2, from judge 2's unit. Authors use a public mail
 * domain, so the judges' shared domain is no evidence of a conflict.
 */
async function submitEntries(contestId: string) {
  const db = e2eDb();
  const hex = crypto.randomBytes(3).toString("hex");
  const categories = await db.category.findMany({ where: { contestId }, orderBy: { position: "asc" } });
  expect(categories).toHaveLength(2);
  const submitter = await db.user.create({ data: { email: `tac-gia-${hex}@gmail.com`, name: "Lê Thị Tác Giả" } });
  for (let n = 1; n <= 12; n++) {
    await db.entry.create({
      data: {
        contestId,
        categoryId: categories[n <= 6 ? 0 : 1]!.id,
        submitterId: submitter.id,
        title: `Bài dự thi số ${n}: giữ vững trận địa tư tưởng`,
        status: "ELIGIBLE",
        entryCode: code(n),
        anonymousCode: `PH-${hex}-${n}`,
        submittedAt: new Date(),
        declarationAcceptedAt: new Date(),
        authors: {
          create: { position: 0, name: AUTHORS[n - 1]!, unit: n === 2 ? AUTHOR_UNIT : `Trường Chính trị tỉnh số ${n}`, email: `tg-${n}-${hex}@gmail.com` },
        },
      },
    });
  }
}

/** Opens an e-mailed invitation in a browser of its own, in `lng`, and creates the account. */
async function acceptInvitation(browser: Browser, link: string, name: string, lng: Language): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  const { auth } = texts(lng);
  await page.goto(link);
  await switchLanguage(page, lng);
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(auth.invitation.title);
  await main(page).getByLabel(auth.fields.name, { exact: true }).fill(name);
  await main(page).getByLabel(auth.fields.password, { exact: true }).fill(PASSWORD);
  await main(page).getByLabel(auth.fields.confirmPassword, { exact: true }).fill(PASSWORD);
  await main(page).getByRole("button", { name: exactly(auth.invitation.newAccountSubmit) }).click();
  await expect(page).toHaveURL("/judge");
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(texts(lng).judge.heading);
  return page;
}

for (const lng of LANGUAGES) {
  test(`an organizer sets up a contest from creation to judging (${lng})`, async ({ page, browser }) => {
    test.setTimeout(600_000); // six people, many pages and a few accessibility scans on a loaded machine
    const tx = texts(lng);
    const content = CONTENT[lng];
    const [category1, category2] = content.categories;
    const title = `${content.title} ${crypto.randomBytes(2).toString("hex")}`;
    const organizer = await createAccount(`setup-${lng}`, { organizer: true, name: "Trần Thị Tổ Chức" });
    const judges = JUDGE_NAMES.map((name, i) => ({ name, email: uniqueEmail(`setup-${lng}-gk${i + 1}`) }));
    let contestId = "";

    const nav = () => main(page).getByRole("navigation", { name: tx.organize.nav.label });
    const openSection = async (section: "settings" | "categories" | "team" | "rubrics" | "rounds" | "conflicts" | "overview", heading: string) => {
      await nav().getByRole("link", { name: exactly(tx.organize.nav[section]) }).click();
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(heading);
    };
    const notice = () => main(page).getByRole("status");
    const lifecycleStep = async (action: string, phase: keyof typeof tx.organize.phase) => {
      await openSection("settings", tx.editor.settings.heading);
      const lifecycle = region(main(page), tx.editor.lifecycle.heading);
      const button = lifecycle.getByRole("button", { name: exactly(action) });
      await expect(button).toBeEnabled();
      await button.click();
      await expect(notice()).toHaveText(fill(tx.editor.lifecycle.done, { phase: tx.organize.phase[phase] }));
      await expect(lifecycle.locator("strong")).toHaveText(tx.organize.phase[phase]);
    };

    await test.step("the organizer signs in, switches language and creates a contest", async () => {
      await signIn(page, organizer, "/organize");
      await switchLanguage(page, lng);
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(tx.organize.heading);
      await main(page).getByLabel(tx.organize.create.title, { exact: true }).fill(title);
      await main(page).getByLabel(tx.organize.create.slug, { exact: true }).fill(`setup-${lng}-${Date.now().toString(36)}`);
      await main(page).getByRole("button", { name: exactly(tx.organize.create.submit) }).click();
      await expect(page).toHaveURL(/\/organize\/[^/]+$/);
      contestId = new URL(page.url()).pathname.split("/").pop()!;
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(title);
    });

    await test.step("settings: a deadline ahead, the contest's language, the entry-code prefix", async () => {
      const s = tx.editor.settings;
      await openSection("settings", s.heading);
      await expectLabelledFields(page);
      await expectAccessible(page);
      const closesLocal = utcToZonedLocal(new Date(Date.now() + 60 * 86_400_000), "Asia/Ho_Chi_Minh");
      await main(page).getByLabel(s.fields.locale, { exact: true }).selectOption({ label: s.locales[lng] });
      await main(page).getByLabel(s.fields.closesAt, { exact: true }).fill(closesLocal);
      await main(page).getByLabel(s.fields.entryCodePrefix, { exact: true }).fill(PREFIX);
      await main(page).getByRole("button", { name: exactly(s.save) }).click();
      await expect(notice()).toHaveText(s.saved);
      await page.reload();
      await expect(main(page).getByLabel(s.fields.closesAt, { exact: true })).toHaveValue(closesLocal);
      await expect(main(page).getByLabel(s.fields.locale, { exact: true })).toHaveValue(lng);
      // The deadline is no longer a reason the contest cannot open; a category and a rubric are.
      const lifecycle = region(main(page), tx.editor.lifecycle.heading);
      await expect(lifecycle.getByRole("button", { name: exactly(tx.editor.lifecycle.actions.DRAFT_OPEN) })).toBeDisabled();
      await expect(lifecycle.getByText(tx.contests.phase.errors.noCategory)).toBeVisible();
      await expect(lifecycle.getByText(tx.contests.phase.errors.noRubric)).toBeVisible();
      await expect(lifecycle.getByText(tx.contests.phase.errors.noDeadline)).toHaveCount(0);
    });

    await test.step("categories: two, with the usual prize tiers, the second with edited counts", async () => {
      const c = tx.editor.categories;
      await openSection("categories", c.heading);
      const tiers = defaultPrizeTiers(lng);
      for (const name of [category1, category2]) {
        const add = region(main(page), c.add.heading);
        await add.getByLabel(c.fields.name, { exact: true }).fill(name);
        await add.getByRole("button", { name: exactly(c.add.submit) }).click();
        await expect(notice()).toHaveText(fill(c.notices.created, { name }));
        const card = region(main(page), name);
        await card.getByRole("button", { name: exactly(c.tiers.useDefault) }).click();
        await expect(notice()).toHaveText(fill(c.notices.tiers, { name }));
        for (const [i, tier] of tiers.entries()) {
          const row = card.getByRole("group", { name: fill(c.tiers.rank, { rank: i + 1 }) });
          await expect(row.getByLabel(c.tiers.name, { exact: true })).toHaveValue(tier.name);
          await expect(row.getByLabel(c.tiers.count, { exact: true })).toHaveValue(String(tier.count));
        }
        await expect(card.getByText(fill(c.tiers.total, { count: 11 }))).toBeVisible();
      }
      // Fewer pupils enter: three consolation prizes and two third prizes for them.
      const card = region(main(page), category2);
      await card.getByRole("group", { name: fill(c.tiers.rank, { rank: 3 }) }).getByLabel(c.tiers.count, { exact: true }).fill("2");
      await card.getByRole("group", { name: fill(c.tiers.rank, { rank: 4 }) }).getByLabel(c.tiers.count, { exact: true }).fill("3");
      await card.getByRole("button", { name: exactly(c.tiers.save) }).click();
      await expect(notice()).toHaveText(fill(c.notices.tiers, { name: category2 }));
      await page.reload();
      await expect(card.getByText(fill(c.tiers.total, { count: 8 }))).toBeVisible();
      await expect(card.getByRole("group", { name: fill(c.tiers.rank, { rank: 4 }) }).getByLabel(c.tiers.count, { exact: true })).toHaveValue("3");
      await expect(region(main(page), category1).getByText(fill(c.tiers.total, { count: 11 }))).toBeVisible();
      await expectAccessible(page);
    });

    await test.step("rubrics: from the default template, five criteria on a 100-point scale", async () => {
      const r = tx.rubrics;
      await openSection("rubrics", r.list.heading);
      await expect(main(page).getByText(r.list.empty)).toBeVisible();
      await main(page).getByRole("button", { name: exactly(fill(r.list.fromTemplate, { language: r.languages[lng] })) }).click();
      await expect(page).toHaveURL(/\/rubrics\/[^/?]+$/);
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(r.builder.heading);
      const template = defaultRubricTemplate(lng);
      expect(template.criteria).toHaveLength(5);
      for (const [i, criterion] of template.criteria.entries()) {
        const group = main(page).getByRole("group", { name: exactly(fill(r.builder.criterionNamed, { n: i + 1, name: criterion.name })) });
        await expect(group.getByLabel(r.builder.maxPoints, { exact: true })).toHaveValue(String(criterion.maxPoints));
      }
      // Those five and no other.
      await expect(main(page).getByRole("group", { name: shaped(r.builder.criterionNamed) })).toHaveCount(5);
      await expect(main(page).getByText(fill(r.builder.scale, { scale: formatNumber(100, lng) }))).toBeVisible();
      await expectAccessible(page);
    });

    await test.step("the call for entries opens; entries arrive", async () => {
      await lifecycleStep(tx.editor.lifecycle.actions.DRAFT_OPEN, "OPEN");
      await submitEntries(contestId);
    });

    const links = new Map<string, string>();
    await test.step("team: five judges invited in one go, each e-mailed in this language", async () => {
      const team = tx.team;
      await openSection("team", fill(team.heading, { contest: title }));
      const form = region(main(page), team.invite.heading);
      await form.getByLabel(team.invite.role, { exact: true }).selectOption({ label: tx.organize.role.JUDGE });
      await form.getByLabel(team.invite.addresses, { exact: true }).fill(judges.map((j) => j.email).join("\n"));
      const mails = await expectNewEmails(
        judges.map((j) => j.email),
        () => form.getByRole("button", { name: exactly(team.invite.submit) }).click(),
      );
      await expect(notice()).toContainText(fill(team.invite.sent, { role: tx.organize.role.JUDGE, count: judges.length }));
      for (const judge of judges) {
        const mail = mails.get(judge.email)!;
        expect(mail.subject).toBe(fill(tx.mail.invitation.subjectContest, { contest: title, role: tx.auth.roles.JUDGE }));
        links.set(judge.email, linkIn(mail, /^\/invitations\/[A-Za-z0-9_-]+$/));
      }
      const pending = region(main(page), team.invitations.heading);
      for (const judge of judges) await expect(pending.getByRole("cell", { name: judge.email, exact: true })).toBeVisible();
      await expectAccessible(page);
    });

    await test.step("each judge accepts by the link; one declares a conflict, another gives their unit", async () => {
      const j = tx.judge;
      for (const [i, judge] of judges.entries()) {
        const judgePage = await acceptInvitation(browser, links.get(judge.email)!, judge.name, lng);
        const area = main(judgePage);
        const section = region(area, title);
        await expect(section.getByText(fill(j.phase, { phase: tx.organize.phase.OPEN }))).toBeVisible();
        if (i === 1) {
          // Judge 2 knows entry 1's receipt: a relative wrote it.
          await section.getByLabel(j.declare.code, { exact: true }).fill(code(1).toLowerCase());
          await section.getByLabel(j.declare.reason, { exact: true }).fill(lng === "vi" ? "Tác giả là người thân của tôi" : "The author is a relative of mine");
          await section.getByRole("button", { name: exactly(j.declare.submit) }).click();
          await expect(section.getByRole("status")).toHaveText(fill(j.declare.declared, { code: code(1) }));
          const mine = region(section, j.declarations.heading);
          await expect(mine.getByRole("cell", { name: code(1), exact: true })).toBeVisible();
          await expectLabelledFields(judgePage);
          await expectAccessible(judgePage);
        }
        if (i === 2) {
          await area.getByLabel(j.unit.label, { exact: true }).fill(SHARED_UNIT);
          await area.getByRole("button", { name: exactly(j.unit.submit) }).click();
          await expect(area.getByRole("status")).toHaveText(j.unit.saved);
          await expect(area.getByLabel(j.unit.label, { exact: true })).toHaveValue(SHARED_UNIT);
        }
        await judgePage.context().close();
      }
      await page.reload();
      await expect(main(page).getByRole("heading", { name: fill(tx.team.members.count, { role: tx.organize.role.JUDGE, count: judges.length }) })).toBeVisible();
      await expect(region(main(page), tx.team.invitations.heading).getByText(tx.team.invitations.empty)).toBeVisible();
    });

    await test.step("submissions close; detection finds the shared unit and the organizer confirms it", async () => {
      await lifecycleStep(tx.editor.lifecycle.actions.OPEN_CLOSED, "CLOSED");
      const cf = tx.team.conflicts;
      await openSection("conflicts", fill(cf.heading, { contest: title }));
      const desk = main(page);
      await expect(desk.getByTestId("count-CONFIRMED")).toHaveText("1"); // judge 2's declaration
      await desk.getByRole("button", { name: exactly(cf.detect.submit) }).click();
      await expect(notice()).toHaveText(fill(cf.detect.done, { created: 1, kept: 0, removed: 0 }));
      await expect(desk.getByTestId("count-PENDING")).toHaveText("1");
      const row = desk.getByRole("row").filter({ hasText: code(2) });
      await expect(row.getByText(tx.contests.conflicts.rules.sameUnit)).toBeVisible();
      await expect(row.getByText(fill(tx.contests.conflicts.evidence.sameUnit, { judgeUnit: SHARED_UNIT, authorUnit: AUTHOR_UNIT }))).toBeVisible();
      const values = { judge: judges[2]!.name, code: code(2) };
      await row.getByRole("button", { name: fill(cf.list.confirmLabel, values) }).click();
      await expect(notice()).toHaveText(fill(cf.list.confirmed, values));
      await expect(desk.getByTestId("count-CONFIRMED")).toHaveText("2");
      await expect(desk.getByTestId("count-PENDING")).toHaveText("0");
    });

    const rd = tx.rounds;
    const panelName = (n: number) => fill(rd.panels.defaultName, { n });
    await test.step("rounds: the preliminary round with two reads per entry, then the final round", async () => {
      await openSection("rounds", rd.list.heading);
      const create = region(main(page), rd.create.heading);
      await expect(create.getByLabel(rd.fields.name, { exact: true })).toHaveValue(rd.defaults.preliminary);
      await create.getByLabel(rd.fields.readsPerEntry, { exact: true }).fill(String(K));
      await create.getByRole("button", { name: exactly(rd.create.submit) }).click();
      await expect(notice()).toHaveText(fill(rd.notices.created, { name: rd.defaults.preliminary }));
      await expect(create.getByLabel(rd.fields.name, { exact: true })).toHaveValue(rd.defaults.final);
      await create.getByRole("button", { name: exactly(rd.create.submit) }).click();
      await expect(notice()).toHaveText(fill(rd.notices.created, { name: rd.defaults.final }));
      const table = main(page).getByRole("table", { name: rd.list.caption });
      await expect(table.getByRole("rowheader")).toHaveText([rd.defaults.preliminary, rd.defaults.final]);
      const rubric = fill(rd.fields.rubricOption, { name: defaultRubricTemplate(lng).name, version: 1 });
      const rows = await rowsOf(table);
      expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
        [rd.defaults.preliminary, rubric, String(K)],
        [rd.defaults.final, rubric, "3"],
      ]);
      await table.getByRole("link", { name: rd.defaults.preliminary }).click();
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(rd.defaults.preliminary);
    });

    // Panel 1 reads the first category; panels 2 and 3 share the second one evenly. Judges 1, 3
    // and 5 sit on two panels each, so all three panels can be calibrated together.
    const seats: { panel: number; category: string; members: number[]; chair: number }[] = [
      { panel: 1, category: category1, members: [0, 1, 2], chair: 0 },
      { panel: 2, category: rd.panels.evenSplit, members: [3, 4, 2], chair: 3 },
      { panel: 3, category: rd.panels.evenSplit, members: [4, 0], chair: 4 },
    ];
    await test.step("three panels, the judges seated with a chair each, the entries distributed", async () => {
      const create = region(main(page), rd.panels.createHeading);
      for (const { panel, category } of seats) {
        await expect(create.getByLabel(rd.panels.name, { exact: true })).toHaveValue(panelName(panel));
        await create.getByLabel(rd.panels.category, { exact: true }).selectOption({ label: category });
        await create.getByRole("button", { name: exactly(rd.panels.create) }).click();
        await expect(notice()).toHaveText(fill(rd.notices.panelCreated, { name: panelName(panel) }));
      }
      for (const { panel, members, chair } of seats) {
        const card = region(main(page), panelName(panel));
        const seated = card.getByRole("table", { name: fill(rd.panels.seatsCaption, { name: panelName(panel) }) });
        for (const m of members) {
          const judge = judges[m]!;
          await card.getByLabel(fill(rd.panels.addJudgeLabel, { name: panelName(panel) }), { exact: true }).selectOption({ label: `${judge.name} (${judge.email})` });
          await card.getByRole("button", { name: exactly(rd.panels.addJudge) }).click();
          await expect(notice()).toHaveText(fill(rd.notices.judgeAdded, { name: judge.name }));
          // The seat is listed once the page has reloaded its data (the form is then drawn afresh).
          await expect(seated.getByRole("rowheader", { name: new RegExp(judge.name) })).toBeVisible();
        }
        const chairName = judges[chair]!.name;
        await card.getByRole("button", { name: fill(rd.a11y.forTarget, { action: rd.panels.makeChair, target: chairName }) }).click();
        await expect(notice()).toHaveText(fill(rd.notices.chairSet, { name: chairName }));
        await expect(seated.getByRole("rowheader")).toHaveCount(members.length);
        await expect(seated.getByRole("row", { name: new RegExp(chairName) })).toContainText(rd.panels.chair);
        await expect(card.getByText(rd.panels.noChair)).toHaveCount(0);
      }

      const distribution = region(main(page), rd.distribution.heading);
      await distribution.getByRole("button", { name: exactly(rd.distribution.submit) }).click();
      await expect(notice()).toHaveText(rd.notices.distributed);
      expect(await rowsOf(distribution.getByRole("table", { name: rd.distribution.countsCaption }))).toEqual([
        [panelName(1), "0", "6"],
        [panelName(2), "0", "3"],
        [panelName(3), "0", "3"],
      ]);
      await expect(distribution).toContainText(fill(rd.distribution.current, { onPanels: 12, withoutPanel: 0 }));
      await expectLabelledFields(page);
      await expectAccessible(page);
    });

    const db = e2eDb();
    const judgeIds = new Map<string, string>();
    const entryIds = new Map<string, string>();
    const conflicted = [
      { judge: 1, entry: 1 },
      { judge: 2, entry: 2 },
    ];
    /** Every entry of the preliminary round has K active reads, none of them a conflicted pair. */
    const expectCompleteAssignment = async () => {
      if (judgeIds.size === 0) {
        for (const judge of judges) judgeIds.set(judge.name, (await db.user.findUniqueOrThrow({ where: { email: judge.email } })).id);
        for (const entry of await db.entry.findMany({ where: { contestId } })) entryIds.set(entry.entryCode!, entry.id);
      }
      const round = await db.round.findFirstOrThrow({ where: { contestId, name: rd.defaults.preliminary } });
      const active = await db.assignment.findMany({ where: { roundId: round.id, status: "ACTIVE" } });
      const reads = new Map<string, number>();
      for (const a of active) reads.set(a.entryId, (reads.get(a.entryId) ?? 0) + 1);
      expect([...entryIds.values()].map((id) => reads.get(id) ?? 0)).toEqual(Array(12).fill(K));
      for (const pair of conflicted) {
        const judgeId = judgeIds.get(judges[pair.judge]!.name)!;
        expect(active.filter((a) => a.judgeId === judgeId && a.entryId === entryIds.get(code(pair.entry)))).toEqual([]);
      }
      return active;
    };
    const board = (n: number) => main(page).getByRole("table", { name: fill(rd.board.caption, { name: panelName(n) }) });
    const openBoard = async (n: number, entries: number) => {
      await main(page).getByRole("navigation", { name: rd.board.panelsNav }).getByRole("link", { name: fill(rd.board.panelTab, { name: panelName(n), count: entries }) }).click();
      await expect(board(n).locator("tbody tr")).toHaveCount(entries);
    };
    /** The column of a judge on the board (entry code, title, reads, then one per judge). */
    const columnOf = async (n: number, name: string) => {
      const header = await board(n).locator("thead th").allTextContents();
      const column = header.findIndex((h) => h.startsWith(name));
      expect(column, `${name} on the board of ${panelName(n)}`).toBeGreaterThan(2);
      return column;
    };

    await test.step("assignment: the preview shows the loads, the changes and the linked panels", async () => {
      const a = rd.assignment;
      await main(page).getByRole("link", { name: rd.round.toAssignment }).click();
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(fill(a.title, { name: rd.defaults.preliminary }));
      await expect(main(page).getByText(fill(a.intro, { k: K }))).toBeVisible();
      await main(page).getByRole("button", { name: exactly(a.preview) }).click();
      await expect(page).toHaveURL(/preview=1/);
      await expect(main(page).getByText(fill(a.summary, { added: 12 * K, removed: 0, kept: 0 }))).toBeVisible();
      await expect(main(page).getByTestId("load-chart")).toHaveCount(3);
      for (const chart of await main(page).getByTestId("load-chart").all()) {
        await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
        await expect(chart.locator(".recharts-bar-rectangle")).not.toHaveCount(0);
      }
      for (const { panel, members } of seats) {
        const loads = await rowsOf(main(page).getByRole("table", { name: fill(a.loadsTable, { name: panelName(panel) }) }));
        expect(loads).toHaveLength(members.length);
        expect(loads.reduce((sum, row) => sum + Number(row[2]), 0)).toBe((panel === 1 ? 6 : 3) * K);
      }
      const changes = await rowsOf(main(page).getByRole("table", { name: a.changesCaption }));
      expect(changes).toHaveLength(12 * K);
      for (const pair of conflicted) {
        expect(changes.filter((r) => r[1] === code(pair.entry) && r[3] === judges[pair.judge]!.name)).toEqual([]);
      }
      const shared = [judges[0]!.name, judges[2]!.name, judges[4]!.name].sort(collator.compare);
      const calibration = region(main(page), a.calibration.heading);
      await expect(calibration.getByRole("listitem")).toHaveText([
        fill(a.calibration.linked, { panels: [1, 2, 3].map(panelName).join(", "), judges: shared.join(", ") }),
      ]);
      await expectLabelledFields(page);
      await expectAccessible(page);
    });

    await test.step("apply it: every entry has its judges, the conflicted pairs stay apart", async () => {
      await main(page).getByRole("button", { name: exactly(rd.assignment.apply) }).click();
      await expect(notice()).toHaveText(fill(rd.notices.applied, { added: 12 * K, removed: 0, kept: 0 }));
      await expect(page).not.toHaveURL(/preview=1/);
      for (const { panel } of seats) {
        await openBoard(panel, panel === 1 ? 6 : 3);
        for (const row of await rowsOf(board(panel))) expect(row[2]).toBe(`${K}/${K}`);
      }
      await openBoard(1, 6);
      const rows = await rowsOf(board(1));
      for (const pair of conflicted) {
        const column = await columnOf(1, judges[pair.judge]!.name);
        expect(rows.find((r) => r[0] === code(pair.entry))![column]).toBe(rd.board.conflict);
      }
      await expectCompleteAssignment();
    });

    const leaving = judges[4]!;
    let leavingEntries: string[] = [];
    await test.step("a judge drops out of a panel", async () => {
      await openBoard(2, 3);
      const column = await columnOf(2, leaving.name);
      leavingEntries = (await rowsOf(board(2))).filter((row) => row[column]!.startsWith(rd.board.assigned)).map((row) => row[0]!);
      expect(leavingEntries.length).toBeGreaterThan(0);
      await main(page).getByRole("link", { name: rd.assignment.toRound }).first().click();
      const card = region(main(page), panelName(2));
      await card.getByRole("button", { name: fill(rd.a11y.forTarget, { action: rd.panels.removeJudge, target: leaving.name }) }).click();
      await expect(notice()).toHaveText(fill(rd.notices.judgeRemovedWithPairs, { name: leaving.name, count: leavingEntries.length }));
      await expect(card.getByRole("table").getByRole("rowheader", { name: new RegExp(leaving.name) })).toHaveCount(0);
      // Still the chair of panel 3.
      await expect(region(main(page), panelName(3)).getByRole("row", { name: new RegExp(leaving.name) })).toContainText(rd.panels.chair);
    });

    await test.step("the re-run moves only that judge's reads, and is applied", async () => {
      const a = rd.assignment;
      await main(page).getByRole("link", { name: rd.round.toAssignment }).click();
      await main(page).getByRole("button", { name: exactly(a.preview) }).click();
      const n = leavingEntries.length;
      await expect(main(page).getByText(fill(a.summary, { added: n, removed: n, kept: 12 * K - n }))).toBeVisible();
      const rows = await rowsOf(main(page).getByRole("table", { name: a.changesCaption }));
      expect(rows).toHaveLength(2 * n);
      const removed = rows.filter((r) => r[0] === a.removed);
      const added = rows.filter((r) => r[0] === a.added);
      expect(removed.map((r) => r[3])).toEqual(Array(n).fill(leaving.name));
      expect(removed.map((r) => r[1]).sort()).toEqual([...leavingEntries].sort());
      expect(added.map((r) => r[1]).sort()).toEqual([...leavingEntries].sort());
      for (const r of added) expect(r[3]).not.toBe(leaving.name);
      for (const r of rows) expect(r[4]).toBe(panelName(2));
      const before = await expectCompleteAssignment();

      await main(page).getByRole("button", { name: exactly(a.apply) }).click();
      await expect(notice()).toHaveText(fill(rd.notices.applied, { added: n, removed: n, kept: 12 * K - n }));
      const after = await expectCompleteAssignment();
      // Every read that did not involve the leaving judge on panel 2 is the same row as before.
      const leavingId = judgeIds.get(leaving.name)!;
      const panel2 = (await db.panel.findFirstOrThrow({ where: { round: { contestId, name: rd.defaults.preliminary }, name: panelName(2) } })).id;
      const kept = (list: typeof before) => list.filter((x) => !(x.judgeId === leavingId && x.panelId === panel2)).map((x) => x.id);
      expect(kept(after)).toEqual(expect.arrayContaining(kept(before)));
      expect(after.filter((x) => x.judgeId === leavingId && x.panelId === panel2)).toEqual([]);
      await openBoard(2, 3);
      for (const row of await rowsOf(board(2))) expect(row[2]).toBe(`${K}/${K}`);
    });

    await test.step("the setup checklist is complete and judging starts", async () => {
      await openSection("overview", title);
      const setup = region(main(page), tx.organize.overview.setup.heading);
      const o = tx.organize.overview.setup;
      await expect(setup.getByText(fill(o.progress, { done: 8, total: 8 }))).toBeVisible();
      await expect(setup.getByText(fill(o.categories.done, { categories: 2, prizes: 11 + 8 }))).toBeVisible();
      await expect(setup.getByText(fill(o.rubric.done, { criteria: 5 }))).toBeVisible();
      await expect(setup.getByText(fill(o.team.done, { judges: judges.length, secretaries: 0, invitations: 0 }))).toBeVisible();
      await expect(setup.getByText(fill(o.rounds.done, { rounds: 2, panels: 3 }))).toBeVisible();
      await expect(setup.getByText(fill(o.entries.done, { submitted: 12, eligible: 12 }))).toBeVisible();
      await lifecycleStep(tx.editor.lifecycle.actions.CLOSED_JUDGING, "JUDGING");
    });
  });
}
