// A contest's team and its conflicts of interest in a real browser: the organizer invites a judge
// and a secretary (one invalid line reported, nothing sent for it); the judge accepts by the
// e-mailed link, lands on the judge's area, sets their unit and expertise and declares a conflict
// by entry code; the secretary accepts, lands on the conflicts screen, runs detection and
// confirms the conflict found through the judge's unit. Each page in both languages, with axe.
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { type Language } from "#app/utils/i18n";
import { createAccount, e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, expectLabelledFields, expectNewEmail, expectPageFrame, fill, LANGUAGES, linkIn, switchLanguage, texts, uniqueEmail } from "./support";

/** A translation with its {{placeholders}} filled in. */
const PASSWORD = "một mật khẩu đủ dài cho giám khảo";
const UNIT = "Trường THPT Chu Văn An, Hà Nội";

function main(page: Page) {
  return page.getByRole("main");
}

/** Frame, heading, labelled fields and no serious axe findings, in both languages; back in Vietnamese. */
async function checkPage(page: Page, heading: (lng: Language) => string) {
  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    await expectPageFrame(page);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(heading(lng));
    await expectLabelledFields(page);
    await expectAccessible(page);
  }
  await switchLanguage(page, "vi");
}

/** A contest in Draft-free shape: closed for entries, blind, two categories, three coded entries. */
async function seedContest(organizerId: string) {
  const db = e2eDb();
  const suffix = crypto.randomBytes(4).toString("hex");
  const prefix = `T${suffix.slice(0, 3).toUpperCase()}-`;
  const entrant = await createAccount("tac-gia");
  const contest = await db.contest.create({
    data: {
      title: `Chính luận bảo vệ nền tảng tư tưởng ${suffix}`,
      slug: `doi-ngu-${suffix}`,
      phase: "CLOSED",
      blind: true,
      entryCodePrefix: prefix,
      createdById: organizerId,
      members: { create: { userId: organizerId, role: "ORGANIZER" } },
      categories: { create: [{ name: "Cán bộ, đảng viên", position: 0 }, { name: "Học sinh, sinh viên", position: 1 }] },
    },
    include: { categories: { orderBy: { position: "asc" } } },
  });
  const entries = [];
  for (const [i, author] of [
    { name: "Nguyễn Thị Cùng Trường", unit: "trường THPT Chu Văn An - Hà Nội" },
    { name: "Lê Văn Người Thân", unit: "UBND xã Tân Lập" },
    { name: "Đỗ Thị Khác", unit: "Sở Tư pháp" },
  ].entries()) {
    entries.push(
      await db.entry.create({
        data: {
          contestId: contest.id,
          categoryId: contest.categories[0]!.id,
          submitterId: entrant.id,
          title: `Bài dự thi bí mật số ${i + 1} ${suffix}`,
          status: "ELIGIBLE",
          entryCode: `${prefix}${String(i + 1).padStart(4, "0")}`,
          anonymousCode: `PH-${suffix.toUpperCase()}${i}`,
          submittedAt: new Date(),
          declarationAcceptedAt: new Date(),
          authors: { create: { position: 0, name: author.name, unit: author.unit, email: `${suffix}-${i}@gmail.com` } },
        },
      }),
    );
  }
  return { contest, entries };
}

/** Opens the e-mailed invitation in a fresh browser, creates the account, and returns the page. */
async function acceptInvitation(browser: Browser, link: string, name: string) {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  const { auth } = texts("vi");
  await page.goto(link);
  await main(page).getByLabel(auth.fields.name, { exact: true }).fill(name);
  await main(page).getByLabel(auth.fields.password, { exact: true }).fill(PASSWORD);
  await main(page).getByLabel(auth.fields.confirmPassword, { exact: true }).fill(PASSWORD);
  await main(page).getByRole("button", { name: exactly(auth.invitation.newAccountSubmit) }).click();
  return page;
}

test("the organizer builds the team, the judge declares a conflict, the secretary confirms a detected one", async ({ page, browser }) => {
  test.setTimeout(300_000); // three people, six accessibility scans
  const vi = texts("vi");
  const organizer = await createAccount("to-chuc", { organizer: true, name: "Trần Thị Tổ Chức" });
  const { contest, entries } = await seedContest(organizer.id);
  const judgeEmail = uniqueEmail("giam-khao");
  const secretaryEmail = uniqueEmail("thu-ky");
  let judgeLink = "";
  let secretaryLink = "";

  await test.step("the organizer invites a judge (one invalid line reported) and a secretary", async () => {
    await signIn(page, organizer, `/organize/${contest.id}/team`);
    await checkPage(page, (lng) => fill(texts(lng).team.heading, { contest: contest.title }));
    const form = main(page).getByRole("region", { name: vi.team.invite.heading });
    await form.getByLabel(vi.team.invite.role).selectOption({ label: vi.organize.role.JUDGE });
    await form.getByLabel(vi.team.invite.addresses).fill(`${judgeEmail}\nkhong-phai-email`);
    const mail = await expectNewEmail(judgeEmail, () => form.getByRole("button", { name: exactly(vi.team.invite.submit) }).click());
    judgeLink = linkIn(mail, /^\/invitations\/[A-Za-z0-9_-]+$/);
    await expect(main(page).getByRole("status")).toContainText(fill(vi.team.invite.sent, { role: vi.organize.role.JUDGE, count: 1 }));
    await expect(form.getByText(fill(vi.team.invite.errors.invalidLine, { line: 2, value: "khong-phai-email" }))).toBeVisible();
    await expect(form.getByLabel(vi.team.invite.addresses)).toHaveValue("khong-phai-email");

    await form.getByLabel(vi.team.invite.role).selectOption({ label: vi.organize.role.SECRETARY });
    await form.getByLabel(vi.team.invite.addresses).fill(secretaryEmail);
    const secretaryMail = await expectNewEmail(secretaryEmail, () => form.getByRole("button", { name: exactly(vi.team.invite.submit) }).click());
    secretaryLink = linkIn(secretaryMail, /^\/invitations\/[A-Za-z0-9_-]+$/);
    await expect(main(page).getByRole("status")).toContainText(fill(vi.team.invite.sent, { role: vi.organize.role.SECRETARY, count: 1 }));
    const pending = main(page).getByRole("region", { name: vi.team.invitations.heading });
    await expect(pending.getByRole("cell", { name: judgeEmail, exact: true })).toBeVisible();
    await expect(pending.getByRole("cell", { name: secretaryEmail, exact: true })).toBeVisible();
  });

  await test.step("the judge accepts, lands on /judge, sets unit and expertise, declares a conflict by entry code", async () => {
    const judge = await acceptInvitation(browser, judgeLink, "Phạm Văn Giám Khảo");
    await expect(judge).toHaveURL("/judge");
    await checkPage(judge, (lng) => texts(lng).judge.heading);
    const area = main(judge);
    await expect(area.getByRole("heading", { level: 2, name: contest.title })).toBeVisible();

    await area.getByLabel(vi.judge.unit.label).fill(UNIT);
    await area.getByRole("button", { name: exactly(vi.judge.unit.submit) }).click();
    await expect(area.getByRole("status")).toHaveText(vi.judge.unit.saved);
    await expect(area.getByLabel(vi.judge.unit.label)).toHaveValue(UNIT);

    const section = area.getByRole("region", { name: contest.title });
    await section.getByRole("checkbox", { name: "Học sinh, sinh viên" }).check();
    await section.getByRole("button", { name: exactly(vi.judge.expertise.submit) }).click();
    await expect(section.getByRole("status")).toHaveText(fill(vi.judge.expertise.saved, { contest: contest.title }));
    await expect(section.getByRole("checkbox", { name: "Học sinh, sinh viên" })).toBeChecked();

    const code = entries[1]!.entryCode!;
    await section.getByLabel(vi.judge.declare.code).fill(code.toLowerCase());
    await section.getByLabel(vi.judge.declare.reason).fill("Tác giả là em họ của tôi");
    await section.getByRole("button", { name: exactly(vi.judge.declare.submit) }).click();
    await expect(section.getByRole("status")).toHaveText(fill(vi.judge.declare.declared, { code }));
    const mine = section.getByRole("region", { name: vi.judge.declarations.heading });
    await expect(mine.getByRole("cell", { name: code, exact: true })).toBeVisible();
    await expect(mine.getByRole("cell", { name: "Tác giả là em họ của tôi" })).toBeVisible();
    // Blind: nothing of the entry but its code.
    await expect(judge.getByText(entries[1]!.title)).toHaveCount(0);
    await expect(judge.getByText("Lê Văn Người Thân")).toHaveCount(0);

    await section.getByLabel(vi.judge.declare.code).fill("KHONG-CO-0001");
    await section.getByLabel(vi.judge.declare.reason).fill("Một lý do bất kỳ");
    await section.getByRole("button", { name: exactly(vi.judge.declare.submit) }).click();
    await expect(section.getByText(vi.contests.conflicts.errors.unknownCode)).toBeVisible();
    await judge.context().close();
  });

  await test.step("the secretary accepts, lands on the conflicts screen and confirms the detected conflict", async () => {
    const secretary = await acceptInvitation(browser, secretaryLink, "Bùi Thị Thư Ký");
    await expect(secretary).toHaveURL(`/organize/${contest.id}/conflicts`);
    await checkPage(secretary, (lng) => fill(texts(lng).team.conflicts.heading, { contest: contest.title }));
    const desk = main(secretary);
    await expect(desk.getByTestId("count-CONFIRMED")).toHaveText("1"); // the judge's declaration

    await desk.getByRole("button", { name: exactly(vi.team.conflicts.detect.submit) }).click();
    await expect(desk.getByRole("status")).toHaveText(fill(vi.team.conflicts.detect.done, { created: 1, kept: 0, removed: 0 }));
    await expect(desk.getByTestId("count-PENDING")).toHaveText("1");
    const row = desk.getByRole("row").filter({ hasText: entries[0]!.entryCode! });
    await expect(row.getByText(vi.contests.conflicts.rules.sameUnit)).toBeVisible();
    await expect(row.getByText(fill(vi.contests.conflicts.evidence.sameUnit, { judgeUnit: UNIT, authorUnit: "trường THPT Chu Văn An - Hà Nội" }))).toBeVisible();
    // The judge's own declaration stands: no button to dismiss it.
    const declaredRow = desk.getByRole("row").filter({ hasText: entries[1]!.entryCode! });
    await expect(declaredRow.getByText(vi.team.conflicts.list.declaredStands)).toBeVisible();
    await expect(declaredRow.getByRole("button")).toHaveCount(0);

    const values = { judge: "Phạm Văn Giám Khảo", code: entries[0]!.entryCode! };
    await row.getByRole("button", { name: fill(vi.team.conflicts.list.confirmLabel, values) }).click();
    await expect(desk.getByRole("status")).toHaveText(fill(vi.team.conflicts.list.confirmed, values));
    await expect(desk.getByTestId("count-CONFIRMED")).toHaveText("2");
    await expect(desk.getByTestId("count-PENDING")).toHaveText("0");
    // The secretary's sections: conflicts, not the organizers' team page.
    const nav = secretary.getByRole("navigation", { name: vi.organize.nav.label });
    await expect(nav.getByRole("link", { name: vi.organize.nav.conflicts })).toBeVisible();
    await expect(nav.getByRole("link", { name: vi.organize.nav.team })).toHaveCount(0);
    // From the organizer area, the contest opens where a secretary works.
    await secretary.getByRole("banner").getByRole("link", { name: exactly(vi.common.nav.organize) }).click();
    await main(secretary).getByRole("link", { name: contest.title }).click();
    await expect(secretary).toHaveURL(`/organize/${contest.id}/conflicts`);
    await secretary.context().close();
  });
});
