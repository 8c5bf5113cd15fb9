// Once per vitest run: migrate a template database that every test file copies.
// SQLite: a template file. PostgreSQL (npm run test:pg): a template database named by
// TEST_PG_TEMPLATE, prepared by tests/setup/run-pg.mjs.
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase } from "#app/utils/database-url";
import { migrateDeploy } from "#app/utils/migrate.server";

export const TMP = path.resolve("tests/.tmp");
export const SQLITE_TEMPLATE = path.join(TMP, "template.db");

export default async function setup() {
  if (process.env.TEST_PG_TEMPLATE) return;
  fs.mkdirSync(TMP, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(SQLITE_TEMPLATE + suffix, { force: true });
  await migrateDeploy(resolveDatabase({ DATABASE_URL: `file:${SQLITE_TEMPLATE}` }));
  // Fold the WAL into the file so a plain copy is complete.
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(SQLITE_TEMPLATE);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
}
