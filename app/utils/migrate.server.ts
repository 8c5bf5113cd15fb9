// Migrations apply at start with Prisma's own migrator (`prisma migrate deploy`, run through
// the JavaScript schema engine configured in prisma.config.ts). On PostgreSQL it takes an
// advisory lock, so several instances starting together apply each migration once.
//
// Starting that migrator costs seconds (a second Node process loading the CLI and the
// WebAssembly schema engine), and most starts have nothing to apply. So the start first reads
// `_prisma_migrations` itself: when every migration of the folder is recorded as finished, with
// the checksum of its file as it is now, and nothing is recorded that failed, is rolled back
// or is unknown here, there is nothing to deploy and the migrator is not started. Anything else
// (a fresh database, a new migration, an edited file, a failed one, an unreadable table) runs
// the migrator as before, which applies, waits for the lock or reports the problem.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import type { DatabaseTarget } from "./database-url";

const run = promisify(execFile);

export interface LocalMigration {
  name: string;
  /** SHA-256 (hex) of migration.sql, as Prisma records it. */
  checksum: string;
}

export interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** The migrations folder the CLI uses for this database (prisma.config.ts chooses the same). */
export function migrationsDir(target: DatabaseTarget, cwd = process.cwd()): string {
  return path.join(cwd, target.kind === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations");
}

export function localMigrations(dir: string): LocalMigration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => ({
      name: d.name,
      checksum: crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, d.name, "migration.sql"))).digest("hex"),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** True only when `recorded` says every local migration is applied and nothing else happened. */
export function upToDate(local: readonly LocalMigration[], recorded: readonly RecordedMigration[]): boolean {
  if (local.length === 0) return false;
  const known = new Map(local.map((m) => [m.name, m.checksum]));
  const applied = new Set<string>();
  for (const row of recorded) {
    if (!known.has(row.migration_name)) return false;
    if (row.rolled_back_at !== null) return false;
    if (row.finished_at === null) return false;
    if (row.checksum !== known.get(row.migration_name)) return false;
    applied.add(row.migration_name);
  }
  return local.every((m) => applied.has(m.name));
}

const RECORDED_SQL = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`;

/** What the database records of its migrations; null when it cannot be read (e.g. a fresh database). */
export async function recordedMigrations(target: DatabaseTarget): Promise<RecordedMigration[] | null> {
  try {
    if (target.kind === "postgresql") {
      // A schema other than public is named in the URL: leave it to the migrator.
      if (new URL(target.url).searchParams.has("schema")) return null;
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        return (await client.query<RecordedMigration>(RECORDED_SQL)).rows;
      } finally {
        await client.end();
      }
    }
    if (!target.file || !fs.existsSync(target.file)) return null;
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(target.file, { fileMustExist: true });
    try {
      return db.prepare(RECORDED_SQL).all() as RecordedMigration[];
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Applies pending migrations; resolves with the migrator's output, or null when nothing was pending (see the top). */
export async function migrateDeploy(target: DatabaseTarget, cwd = process.cwd()): Promise<string | null> {
  const recorded = await recordedMigrations(target);
  if (recorded && upToDate(localMigrations(migrationsDir(target, cwd)), recorded)) return null;
  const require = createRequire(path.join(cwd, "package.json"));
  const cli = require.resolve("prisma/build/index.js");
  const { stdout } = await run(process.execPath, [cli, "migrate", "deploy"], {
    cwd,
    env: { ...process.env, DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}
