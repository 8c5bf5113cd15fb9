// Starting the server skips Prisma's migrator when the database already records every migration
// of the folder (checksums included), and runs it otherwise: on a fresh database it applies them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { resolveDatabase } from "./database-url";
import { localMigrations, migrateDeploy, migrationsDir, recordedMigrations, upToDate, type RecordedMigration } from "./migrate.server";

const local = [
  { name: "20260101000000_init", checksum: "a".repeat(64) },
  { name: "20260201000000_next", checksum: "b".repeat(64) },
];
const row = (name: string, checksum: string, over: Partial<RecordedMigration> = {}): RecordedMigration => ({
  migration_name: name,
  checksum,
  finished_at: "2026-01-01T00:00:00Z",
  rolled_back_at: null,
  ...over,
});
const applied = local.map((m) => row(m.name, m.checksum));

describe("upToDate", () => {
  it("is true only when every local migration is recorded finished with its checksum", () => {
    expect(upToDate(local, applied)).toBe(true);
    expect(upToDate(local, applied.slice(0, 1))).toBe(false); // a new migration to apply
    expect(upToDate(local, [applied[0]!, row(local[1]!.name, "c".repeat(64))])).toBe(false); // file edited since
    expect(upToDate(local, [...applied, row("20260301000000_elsewhere", "d".repeat(64))])).toBe(false); // unknown here
    expect(upToDate(local, [applied[0]!, { ...applied[1]!, finished_at: null }])).toBe(false); // failed or in progress
    expect(upToDate(local, [...applied, row(local[1]!.name, local[1]!.checksum, { finished_at: null, rolled_back_at: "2026-01-02" })])).toBe(false);
    expect(upToDate([], [])).toBe(false);
  });
});

describe("migrateDeploy", () => {
  it("reads this test's migrated database as up to date and does not start the migrator", async () => {
    const target = resolveDatabase();
    const recorded = await recordedMigrations(target);
    expect(recorded?.map((r) => r.migration_name).sort()).toEqual(localMigrations(migrationsDir(target)).map((m) => m.name));
    expect(await migrateDeploy(target)).toBeNull();
  });

  it("does not count a migration whose recorded checksum differs from its file", async () => {
    const target = resolveDatabase();
    const [first] = localMigrations(migrationsDir(target));
    await prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "checksum" = 'edited' WHERE "migration_name" = '${first!.name}'`);
    try {
      expect(upToDate(localMigrations(migrationsDir(target)), (await recordedMigrations(target))!)).toBe(false);
    } finally {
      await prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "checksum" = '${first!.checksum}' WHERE "migration_name" = '${first!.name}'`);
    }
    expect(await migrateDeploy(target)).toBeNull();
  });

  it("migrates a fresh SQLite database with the migrator, then finds it up to date", { timeout: 60_000 }, async () => {
    const file = path.join(process.env.DATA_DIR!, "fresh", "portal.db");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const target = resolveDatabase({ DATABASE_URL: `file:${file}` });
    expect(await recordedMigrations(target)).toBeNull();
    const output = await migrateDeploy(target);
    expect(output).toEqual(expect.any(String));
    expect((await recordedMigrations(target))?.length).toBe(localMigrations(migrationsDir(target)).length);
    expect(await migrateDeploy(target)).toBeNull();
  });
});
