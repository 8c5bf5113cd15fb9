// Shared pieces of the browser journeys: the e2e server's data folder (e-mails, first-admin
// link), an accessibility check, the language switcher, and the app's own wording.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { readEmails, type Email } from "#tests/factories/eml";
import { resources } from "#app/locales/index";
import { type Language } from "#app/utils/i18n";
import { E2E_DATA_DIR } from "./env";

export { E2E_DATA_DIR };
export const MAIL_DIR = path.join(E2E_DATA_DIR, "mail");
export const LANGUAGES = ["vi", "en"] as const satisfies readonly Language[];

/** The translations the pages render, per language (app/locales), so selectors follow the real texts. */
export function texts(lng: Language) {
  return resources[lng];
}

/** A translation with its {{placeholders}} filled in (also {{count, number}}), as the pages render it. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)(?:, number)?\}\}/g, (_m, key: string) => String(values[key]));
}

/** The page's main landmark. */
export const main = (page: Page) => page.getByRole("main");

/** The region (a labelled section) of exactly this name within `scope`. */
export const region = (scope: Page | Locator, name: string) => scope.getByRole("region", { name: exactly(name) });

/** A regular expression matching exactly this text (for getByRole names and getByLabel). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}

/** An e-mail address nobody else in this run uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** The newest message for a recipient in the e2e server's mail folder, or undefined. */
export async function latestEmail(to: string): Promise<Email | undefined> {
  return (await readEmails(MAIL_DIR, to)).at(-1);
}

/**
 * Runs `action` and waits for one new message to `to` (the mailer may write it just after the
 * response); returns the newest message that was not there before.
 */
export async function expectNewEmail(to: string, action: () => Promise<unknown>): Promise<Email> {
  const before = new Set((await readEmails(MAIL_DIR, to)).map((m) => m.file));
  await action();
  let fresh: Email[] = [];
  await expect
    .poll(
      async () => {
        fresh = (await readEmails(MAIL_DIR, to)).filter((m) => !before.has(m.file));
        return fresh.length;
      },
      { message: `a new e-mail to ${to} in ${MAIL_DIR}`, timeout: 10_000 },
    )
    .toBeGreaterThan(0);
  return fresh.at(-1)!;
}

/** The one link in a message whose path matches `pattern`, e.g. /\/reset-password\//. */
export function linkIn(email: Email, pattern: RegExp): string {
  const matches = email.links.filter((link) => pattern.test(new URL(link).pathname));
  expect(matches, `links matching ${pattern} in "${email.subject}": ${email.links.join(", ")}`).toHaveLength(1);
  return matches[0]!;
}

/** The one-time link the server wrote at its first start ($DATA_DIR/first-admin-link.txt). */
export function firstAdminLink(): string {
  const file = path.join(E2E_DATA_DIR, "first-admin-link.txt");
  const link = fs.readFileSync(file, "utf8").trim();
  expect(link).toMatch(/^https?:\/\/[^/]+\/invitations\/[A-Za-z0-9_-]+$/);
  return link;
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Fails on serious or critical WCAG 2.1 A/AA violations on the current page, listing them. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `axe violations on ${page.url()}`).toEqual([]);
}

/** The language switcher in the page header (a form posting to /language). */
export function languageSwitcher(page: Page) {
  const names = LANGUAGES.map((lng) => texts(lng).common.language.switch);
  return page.getByRole("form", { name: new RegExp(`^(${names.join("|")})$`) });
}

/**
 * Switches language through the on-page switcher and waits for the page to follow. Nothing
 * to do when the page is already in that language (there would be no change to wait for).
 */
export async function switchLanguage(page: Page, lng: Language) {
  const button = languageSwitcher(page).getByRole("button", { name: exactly(texts(lng).common.language[lng]) });
  await expect(button).toHaveAttribute("lang", lng);
  const html = page.locator("html");
  if ((await html.getAttribute("lang")) === lng) {
    await expect(button).toHaveAttribute("aria-pressed", "true");
    return;
  }
  await button.click();
  await expect(html).toHaveAttribute("lang", lng);
  await expect(button).toHaveAttribute("aria-pressed", "true");
}

/** Runs `check` on the current page in each language, then returns to Vietnamese. */
export async function inBothLanguages(page: Page, check: (lng: Language) => Promise<void>) {
  for (const lng of LANGUAGES) {
    await switchLanguage(page, lng);
    await check(lng);
  }
  await switchLanguage(page, "vi");
}

/** What every page has: a non-empty title, a header with navigation, one main landmark. */
export async function expectPageFrame(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("navigation")).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
}

/** Every visible form field on the page has an accessible name (a label, aria-label or -labelledby). */
export async function expectLabelledFields(page: Page) {
  const fields = page
    .getByRole("main")
    .locator("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")
    .filter({ visible: true });
  const count = await fields.count();
  expect(count, "form fields in <main>").toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    const described = await field.evaluate((el) => `${el.tagName.toLowerCase()}[name=${el.getAttribute("name")}]`);
    await expect(field, `${described} needs an accessible name`).toHaveAccessibleName(/\S/);
  }
}
