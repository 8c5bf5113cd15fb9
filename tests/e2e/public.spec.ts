// A visitor who is not signed in: the home page, the language switcher, the health check,
// and the cross-site request guard.
import { expect, test } from "@playwright/test";
import {
  exactly,
  expectAccessible,
  expectPageFrame,
  LANGUAGES,
  languageSwitcher,
  switchLanguage,
  texts,
} from "./support";

const vi = texts("vi").common;
const en = texts("en").common;

test("the home page is in Vietnamese by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(vi.home.heading);
  await expect(page).toHaveTitle(`${vi.home.title} · ${vi.appName}`);
  await expectPageFrame(page);
  await expect(languageSwitcher(page).getByRole("button", { name: vi.language.vi })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});

test("the home page has no serious accessibility violations in either language", async ({ page }) => {
  await page.goto("/");
  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(texts(lng).common.home.heading);
    await expectAccessible(page);
  }
});

test("the chosen language persists across pages and reloads, and can be switched back", async ({ page }) => {
  const auth = { vi: texts("vi").auth, en: texts("en").auth };
  await page.goto("/");
  await switchLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.home.heading);

  // A full page load reads the choice from the cookie.
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.login.title);
  await expectPageFrame(page);

  // So does client-side navigation through the header.
  await page.getByRole("banner").getByRole("link", { name: exactly(en.nav.signUp) }).click();
  await expect(page).toHaveURL("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.signup.title);
  await expect(page).toHaveTitle(`${auth.en.signup.title} · ${en.appName}`);
  await expectPageFrame(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.en.signup.title);

  // Switching back returns to the same page, in Vietnamese, and that sticks too.
  await switchLanguage(page, "vi");
  await expect(page).toHaveURL("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.vi.signup.title);
  await page.goto("/forgot-password");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(auth.vi.forgot.title);
  await expect(page).toHaveTitle(`${auth.vi.forgot.title} · ${vi.appName}`);
  await expectPageFrame(page);
});

test("a page that does not exist answers 404 in the reader's language", async ({ page }) => {
  for (const lng of LANGUAGES) {
    await page.goto("/");
    await switchLanguage(page, lng);
    const common = texts(lng).common;
    const response = await page.goto("/khong-co-trang-nay");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(common.errors.title);
    await expect(page.getByText(common.errors.notFound)).toBeVisible();
    await expect(page).toHaveTitle(`${common.errors.title} · ${common.appName}`);
    await expect(languageSwitcher(page).getByRole("button", { name: common.language[lng] })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expectPageFrame(page);
  }
});

test("/healthz answers ok from SQLite", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ status: "ok", database: "sqlite" });
});

test("a cross-site POST is refused with 403 and changes nothing", async ({ request, baseURL }) => {
  const refused = await request.post("/language", {
    headers: { Origin: "http://evil.example" },
    form: { lng: "en", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["set-cookie"]).toBeUndefined();

  // The same request from the portal's own origin goes through (the guard is not refusing everything).
  const allowed = await request.post("/language", {
    headers: { Origin: baseURL! },
    form: { lng: "en", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(allowed.status()).toBeGreaterThanOrEqual(300);
  expect(allowed.status()).toBeLessThan(400);
  expect(allowed.headers()["set-cookie"]).toMatch(/^lng=/);
});
