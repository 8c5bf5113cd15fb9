// Accounts in a real browser: the first administrator by the one-time link, an entrant who
// signs up through the e-mailed link, signs out and in, changes language, mistypes the
// password and resets it through the e-mailed link; the account pages are accessible in
// both languages. Selectors use the pages' labels and roles in the app's own wording.
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD_MIN } from "#app/modules/auth/auth.schema";
import { type Language } from "#app/utils/i18n";
import { exactly, expectAccessible, expectLabelledFields, expectNewEmail, expectPageFrame, fill, firstAdminLink, LANGUAGES, linkIn, switchLanguage, texts, uniqueEmail } from "./support";

/** A translation with its {{placeholders}} filled in. */
const password = (label: string) => `${label} correct horse battery staple`.padEnd(PASSWORD_MIN, "x");

function main(page: Page) {
  return page.getByRole("main");
}

async function expectHeading(page: Page, text: string) {
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(text);
}

async function expectSignedIn(page: Page, name: string, lng: Language) {
  const banner = page.getByRole("banner");
  await expect(banner.getByText(name, { exact: true })).toBeVisible();
  await expect(banner.getByRole("button", { name: exactly(texts(lng).common.nav.signOut) })).toBeVisible();
  await expect(banner.getByRole("link", { name: exactly(texts(lng).common.nav.signIn) })).toHaveCount(0);
}

async function expectSignedOut(page: Page, lng: Language) {
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: exactly(texts(lng).common.nav.signIn) })).toBeVisible();
  await expect(banner.getByRole("button", { name: exactly(texts(lng).common.nav.signOut) })).toHaveCount(0);
}

async function signOut(page: Page, lng: Language) {
  await page.getByRole("banner").getByRole("button", { name: exactly(texts(lng).common.nav.signOut) }).click();
  await expect(page).toHaveURL("/");
  await expectSignedOut(page, lng);
}

async function submitLogin(page: Page, lng: Language, email: string, secret: string) {
  const { auth } = texts(lng);
  await page.goto("/login");
  await expectHeading(page, auth.login.title);
  await main(page).getByLabel(auth.fields.email, { exact: true }).fill(email);
  await main(page).getByLabel(auth.fields.password, { exact: true }).fill(secret);
  await main(page).getByRole("button", { name: exactly(auth.login.submit) }).click();
}

/** Runs `check` on the current page in both languages, then returns to `back`. */
async function inBothLanguages(page: Page, back: Language, check: (lng: Language) => Promise<void>) {
  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    await check(lng);
  }
  await switchLanguage(page, back);
}

/** The checks every account page gets: frame, heading, labelled fields, no serious axe findings. */
async function expectAccountPage(page: Page, heading: string) {
  await expectPageFrame(page);
  await expectHeading(page, heading);
  await expectLabelledFields(page);
  await expectAccessible(page);
}

test("the first-admin link creates the administrator, signs them in, and works only once", async ({ page }) => {
  const link = firstAdminLink();
  const name = "Trần Quản Trị";
  const email = uniqueEmail("admin");
  const secret = password("admin");

  await page.goto(link);
  await inBothLanguages(page, "vi", (lng) => expectAccountPage(page, texts(lng).auth.invitation.firstAdminTitle));

  const { auth, common } = texts("vi");
  await main(page).getByLabel(auth.fields.name, { exact: true }).fill(name);
  await main(page).getByLabel(auth.fields.email, { exact: true }).fill(email);
  await main(page).getByLabel(auth.fields.password, { exact: true }).fill(secret);
  await main(page).getByLabel(auth.fields.confirmPassword, { exact: true }).fill(secret);
  await main(page).getByRole("button", { name: exactly(auth.invitation.firstAdminSubmit) }).click();

  await expect(page).toHaveURL("/admin");
  await expectSignedIn(page, name, "vi");
  await expect(page.getByRole("banner").getByRole("link", { name: exactly(common.nav.admin) })).toBeVisible();
  await expect(main(page).getByRole("cell", { name: email, exact: true })).toBeVisible();

  // The link is spent: opening it again (even as the new admin) says so, with a 404.
  const again = await page.goto(link);
  expect(again?.status()).toBe(404);
  await expect(main(page).getByText(auth.invitation.invalid)).toBeVisible();

  // Signed out, the admin page answers 403 without showing anything of it, and offers to
  // sign in right there; signing in comes back to it.
  await signOut(page, "vi");
  const refused = await page.goto("/admin?tab=users");
  expect(refused?.status()).toBe(403);
  await expect(main(page).getByRole("cell", { name: email, exact: true })).toHaveCount(0);
  await inBothLanguages(page, "vi", (lng) => expectAccountPage(page, texts(lng).common.errors.signInTitle));
  await main(page).getByLabel(auth.fields.email, { exact: true }).fill(email);
  await main(page).getByLabel(auth.fields.password, { exact: true }).fill(secret);
  await main(page).getByRole("button", { name: exactly(auth.login.submit) }).click();
  await expect(page).toHaveURL("/admin?tab=users");
  await expect(main(page).getByRole("cell", { name: email, exact: true })).toBeVisible();
});

test("an entrant signs up by e-mail, signs out and in, keeps a language, and resets a forgotten password", async ({
  page,
}) => {
  test.setTimeout(180_000); // a long journey, with four accessibility scans
  const email = uniqueEmail("entrant");
  const name = "Nguyễn Thị Hương";
  const first = password("first");
  const second = password("second");
  const vi = texts("vi");
  const en = texts("en");

  await test.step("ask for a sign-up link", async () => {
    await page.goto("/signup");
    await expectHeading(page, vi.auth.signup.title);
    await main(page).getByLabel(vi.auth.fields.email, { exact: true }).fill(email);
    const mail = await expectNewEmail(email, () =>
      main(page).getByRole("button", { name: exactly(vi.auth.signup.submit) }).click(),
    );
    await expect(main(page).getByRole("status")).toHaveText(vi.auth.signup.sent);
    expect(mail.subject).toBe(vi.mail.signup.subject);
    await page.goto(linkIn(mail, /^\/signup\/verify\/[A-Za-z0-9_-]+$/));
  });

  await test.step("finish signing up through the e-mailed link", async () => {
    await inBothLanguages(page, "vi", (lng) => expectAccountPage(page, texts(lng).auth.signupVerify.title));
    await expect(main(page).getByText(fill(vi.auth.signupVerify.intro, { email }))).toBeVisible();
    await main(page).getByLabel(vi.auth.fields.name, { exact: true }).fill(name);
    await main(page).getByLabel(vi.auth.fields.password, { exact: true }).fill(first);
    await main(page).getByLabel(vi.auth.fields.confirmPassword, { exact: true }).fill(first);
    await main(page).getByRole("button", { name: exactly(vi.auth.signupVerify.submit) }).click();
    await expect(page).toHaveURL("/");
    await expectSignedIn(page, name, "vi");
    await expect(main(page).getByText(fill(vi.common.home.greeting, { name }))).toBeVisible();
  });

  await test.step("sign out, then sign in again", async () => {
    await signOut(page, "vi");
    await submitLogin(page, "vi", email, first);
    await expect(page).toHaveURL("/");
    await expectSignedIn(page, name, "vi");
  });

  await test.step("switch to English while signed in: the account remembers it", async () => {
    await switchLanguage(page, "en");
    await expectHeading(page, en.common.home.heading);
    await expectSignedIn(page, name, "en");
    await signOut(page, "en");
    // As a visitor, back to Vietnamese; signing in brings the account's English back.
    await switchLanguage(page, "vi");
    await submitLogin(page, "vi", email, first);
    await expect(page).toHaveURL("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectSignedIn(page, name, "en");
    await switchLanguage(page, "vi");
    await signOut(page, "vi");
  });

  await test.step("a wrong password is refused with a message, in either language", async () => {
    for (const lng of ["vi", "en"] as const) {
      await switchLanguage(page, lng);
      await submitLogin(page, lng, email, `${first}-wrong`);
      await expect(main(page).getByRole("alert")).toHaveText(texts(lng).auth.errors.invalidCredentials);
      await expect(page).toHaveURL("/login");
      await expectSignedOut(page, lng);
    }
    await switchLanguage(page, "vi");
  });

  await test.step("reset the forgotten password through the e-mailed link", async () => {
    await page.goto("/forgot-password");
    await expectHeading(page, vi.auth.forgot.title);
    await main(page).getByLabel(vi.auth.fields.email, { exact: true }).fill(email);
    const mail = await expectNewEmail(email, () =>
      main(page).getByRole("button", { name: exactly(vi.auth.forgot.submit) }).click(),
    );
    await expect(main(page).getByRole("status")).toHaveText(vi.auth.forgot.sent);
    // The account's language was left at Vietnamese above.
    expect(mail.subject).toBe(vi.mail.passwordReset.subject);
    const link = linkIn(mail, /^\/reset-password\/[A-Za-z0-9_-]+$/);

    await page.goto(link);
    await inBothLanguages(page, "vi", (lng) => expectAccountPage(page, texts(lng).auth.reset.title));
    await expect(main(page).getByText(fill(vi.auth.reset.intro, { email }))).toBeVisible();
    await main(page).getByLabel(vi.auth.fields.newPassword, { exact: true }).fill(second);
    await main(page).getByLabel(vi.auth.fields.confirmPassword, { exact: true }).fill(second);
    await main(page).getByRole("button", { name: exactly(vi.auth.reset.submit) }).click();
    await expect(page).toHaveURL("/");
    await expectSignedIn(page, name, "vi");

    // The link works once.
    await page.goto(link);
    await expect(main(page).getByRole("alert")).toHaveText(vi.auth.reset.invalid);
  });

  await test.step("only the new password signs in", async () => {
    await signOut(page, "vi");
    await submitLogin(page, "vi", email, first);
    await expect(main(page).getByRole("alert")).toHaveText(vi.auth.errors.invalidCredentials);
    await submitLogin(page, "vi", email, second);
    await expect(page).toHaveURL("/");
    await expectSignedIn(page, name, "vi");
  });
});

test("the sign-in, sign-up and forgotten-password pages are labelled and accessible in both languages", async ({
  page,
}) => {
  const pages = [
    { path: "/login", title: (lng: Language) => texts(lng).auth.login.title },
    { path: "/signup", title: (lng: Language) => texts(lng).auth.signup.title },
    { path: "/forgot-password", title: (lng: Language) => texts(lng).auth.forgot.title },
  ];
  await page.goto("/");
  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    for (const { path, title } of pages) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expect(page).toHaveTitle(`${title(lng)} · ${texts(lng).common.appName}`);
      await expectAccountPage(page, title(lng));
    }
  }
});
