// Backup while the portal runs under write load, on SQLite, and a restore that brings back
// exactly what was acknowledged (backup-under-load.ts, backup-checks.ts). SQLite only: under
// `npm run test:pg` backup-postgres.test.ts runs the same scenario.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectDamagedBackupRefused, expectRestoredAsAcknowledged } from "./backup-checks";
import { takeExclusiveLock } from "#app/modules/ops/instance-lock.server";
import { resolveDatabase } from "#app/utils/database-url";
import { backupUnderLoad, queryAt, serverEnv, type Place } from "./backup-under-load";
import { missingBuild, startServer } from "./server-process";

const skip = process.env.TEST_PG_TEMPLATE ? "SQLite only: backup-postgres.test.ts runs under `npm run test:pg`" : missingBuild();

describe.skipIf(skip)(`backup and restore on SQLite${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const root = path.join(process.env.DATA_DIR!, "backup-sqlite");
  // The test file's own database (a migrated copy, tests/setup/setup-file.ts), where the scenario is seeded.
  const source: Place = { DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: path.join(root, "source") };
  const target: Place = { DATABASE_URL: `file:${path.join(root, "target", "portal.db")}`, DATA_DIR: path.join(root, "target") };

  // The instance lock file the servers left beside the test file's database (outside its data folder).
  afterAll(() => fs.rmSync(`${source.DATABASE_URL.slice("file:".length)}.running`, { force: true }));

  it("does not start a portal on a database while a restore holds it", { timeout: 60_000 }, async () => {
    const place: Place = { DATABASE_URL: `file:${path.join(root, "locked", "portal.db")}`, DATA_DIR: path.join(root, "locked") };
    const restoring = await takeExclusiveLock(resolveDatabase({ ...place }));
    try {
      await expect(startServer(serverEnv(place))).rejects.toThrow(/A restore of this database is in progress/);
    } finally {
      await restoring.release();
    }
  });

  it("restores exactly the writes acknowledged before the backup, with their files, from a backup taken under load", { timeout: 480_000 }, async () => {
    const outcome = await backupUnderLoad(source, target, path.join(root, "backup"));
    await expectRestoredAsAcknowledged(outcome, target, outcome.cookies);
    for (const place of [source, target]) {
      expect(await queryAt<{ integrity_check: string }>(place, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    }

    // A backup with a file missing is refused, and a new target stays as it was: nothing at all.
    const fresh: Place = { DATABASE_URL: `file:${path.join(root, "fresh", "portal.db")}`, DATA_DIR: path.join(root, "fresh") };
    await expectDamagedBackupRefused(outcome.backupDir, fresh, async () => !fs.existsSync(path.join(root, "fresh", "portal.db")) && !fs.existsSync(path.join(root, "fresh", "uploads")));
  });
});
