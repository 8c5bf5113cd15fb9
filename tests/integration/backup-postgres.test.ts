// Backup while the portal runs under write load, on PostgreSQL (pg_dump of one snapshot), and a
// restore into a new database that brings back exactly what was acknowledged (backup-under-load.ts,
// backup-checks.ts). Runs under `npm run test:pg`, which sets TEST_PG_TEMPLATE and TEST_PG_ADMIN_URL.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { expectDamagedBackupRefused, expectRestoredAsAcknowledged } from "./backup-checks";
import { backupUnderLoad, queryAt, type Place } from "./backup-under-load";
import { missingBuild } from "./server-process";

const skip = !process.env.TEST_PG_TEMPLATE ? "PostgreSQL only: run `npm run test:pg`" : missingBuild();
const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)(`backup and restore on PostgreSQL${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const root = path.join(process.env.DATA_DIR!, "backup-postgres");
  const created: string[] = [];

  /** A new, empty database (named after the template, so tests/setup/run-pg.mjs drops it whatever happens). */
  async function newDatabase(): Promise<string> {
    const name = `${process.env.TEST_PG_TEMPLATE}_restore_${crypto.randomBytes(3).toString("hex")}`;
    await admin(`CREATE DATABASE "${name}"`);
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  afterAll(async () => {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("restores exactly the writes acknowledged before the backup, with their files, from a backup taken under load", { timeout: 480_000 }, async () => {
    // The test file's own database (a migrated copy of the template, tests/setup/setup-file.ts), where the scenario is seeded.
    const source: Place = { DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: path.join(root, "source") };
    const target: Place = { DATABASE_URL: await newDatabase(), DATA_DIR: path.join(root, "target") };
    const outcome = await backupUnderLoad(source, target, path.join(root, "backup"));
    await expectRestoredAsAcknowledged(outcome, target, outcome.cookies);

    // A backup with a file missing is refused, and a new database stays empty, a new data folder absent.
    const fresh: Place = { DATABASE_URL: await newDatabase(), DATA_DIR: path.join(root, "fresh") };
    await expectDamagedBackupRefused(outcome.backupDir, fresh, async () => {
      const tables = await queryAt<{ n: number }>(fresh, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      return tables[0]!.n === 0 && !fs.existsSync(path.join(root, "fresh", "uploads"));
    });
  });
});
