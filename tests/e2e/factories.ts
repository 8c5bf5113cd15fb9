// Accounts written straight into the e2e server's SQLite database, for journeys that start
// from an organizer (creating one through the UI is the accounts journey's business), and
// signing in through the real sign-in page.
import crypto from "node:crypto";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { hashPassword } from "#app/modules/auth/password.server";
import { createDb, type Db } from "#app/utils/db.server";
import { E2E_DATA_DIR } from "./env";
import { exactly, texts, uniqueEmail } from "./support";

let db: Db | undefined;

/** The e2e server's database (it exists once the server has started and migrated). */
export function e2eDb(): Db {
  const file = path.join(E2E_DATA_DIR, "portal.db");
  db ??= createDb({ kind: "sqlite", url: `file:${file}`, file });
  return db;
}

export interface E2eAccount {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** A new account with a password (an organizer who may create contests when `organizer`). */
export async function createAccount(label: string, options: { name?: string; organizer?: boolean; unit?: string } = {}): Promise<E2eAccount> {
  const email = uniqueEmail(label);
  const password = `${label}-${crypto.randomBytes(6).toString("hex")}-mật-khẩu`;
  const name = options.name ?? `Nguyễn Văn ${label}`;
  const user = await e2eDb().user.create({
    data: {
      email,
      name,
      passwordHash: await hashPassword(password),
      isOrganizer: options.organizer ?? false,
      unit: options.unit ?? null,
    },
  });
  return { id: user.id, name, email, password };
}

/** Signs in through /login (in Vietnamese, the default) and waits to land on `expectUrl`. */
export async function signIn(page: Page, account: Pick<E2eAccount, "email" | "password">, redirectTo = "/") {
  const { auth } = texts("vi");
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  const main = page.getByRole("main");
  await main.getByLabel(auth.fields.email, { exact: true }).fill(account.email);
  await main.getByLabel(auth.fields.password, { exact: true }).fill(account.password);
  await main.getByRole("button", { name: exactly(auth.login.submit) }).click();
  await expect(page).toHaveURL(redirectTo);
}
