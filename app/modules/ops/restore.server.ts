// `npm run restore -- --from <dir>`: brings a backup (backup.server.ts) back into the database of
// DATABASE_URL and the data folder of DATA_DIR. Everything that can be checked is checked before
// anything is touched, and a refusal says why and leaves the target as it was:
//   - the manifest is one of ours and the snapshot is of the same kind of database;
//   - the snapshot and every file have the size and SHA-256 the manifest lists;
//   - this version of the portal knows every migration of the backup, and the target database has
//     none that the backup lacks (restoring would take its schema back);
//   - no portal instance is running on the target (the instance lock, instance-lock.server.ts),
//     and none can start until the restore has finished.
// Then the files go into the local store first (content-addressed, so extra files are harmless if
// the restore stops half-way) and the database last: SQLite by renaming a verified copy over the
// database file, PostgreSQL with `pg_restore --clean --single-transaction` (all or nothing).
// The restored row counts are compared with the manifest's.
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { LocalDiskStore } from "#app/modules/storage/local-store.server";
import { spool } from "#app/modules/storage/spool.server";
import type { DatabaseTarget } from "#app/utils/database-url";
import { FILES_DIR, MANIFEST_FILE, checkMigrations, contentPath, manifestSchema, type Manifest } from "./backup.schema";
import { describePostgres, describeSqlite, runTool } from "./backup.server";
import { codeMigrations, libpqEnv, redactUrl } from "./backup-support.server";
import { InstanceLockError, takeExclusiveLock } from "./instance-lock.server";

/** A restore that did not start: the message says why; the target is untouched. */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
  database: DatabaseTarget;
  dataDir: string;
  /** The backup folder. */
  from: string;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  counts: Record<string, number>;
}

/** How many problems a refusal lists before "and N more". */
const LISTED = 10;

function listed(items: string[]): string {
  const head = items.slice(0, LISTED).join("; ");
  return items.length > LISTED ? `${head}; and ${items.length - LISTED} more` : head;
}

async function hashOf(file: string): Promise<{ sha256: string; size: number } | null> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return { sha256: hash.digest("hex"), size };
}

/** The manifest, or a refusal saying the folder is not a backup. */
export async function readManifest(from: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await fs.readFile(path.join(from, MANIFEST_FILE), "utf8");
  } catch {
    throw new RestoreRefused(`${from} is not a backup: it has no ${MANIFEST_FILE} (a backup that did not finish has none).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new RestoreRefused(`${path.join(from, MANIFEST_FILE)} is not valid JSON: the backup is damaged.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new RestoreRefused(`${path.join(from, MANIFEST_FILE)} is not a manifest of this portal's backups: ${listed(issues)}.`);
  }
  return parsed.data;
}

/** Every problem of the backup's own bytes (snapshot and files), as sentences; none when whole. */
export async function verifyBackup(from: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const db = await hashOf(path.join(from, manifest.database.file));
  if (!db) problems.push(`the database snapshot ${manifest.database.file} is missing`);
  else if (db.sha256 !== manifest.database.sha256 || db.size !== manifest.database.size)
    problems.push(`the database snapshot ${manifest.database.file} is damaged (its SHA-256 or size differs from the manifest's)`);
  for (const file of manifest.files.local) {
    const relative = path.join(FILES_DIR, ...contentPath(file.sha256));
    const actual = await hashOf(path.join(from, relative));
    if (!actual) problems.push(`the file ${relative} is missing`);
    else if (actual.sha256 !== file.sha256 || actual.size !== file.size) problems.push(`the file ${relative} is damaged (its content does not match its SHA-256)`);
  }
  return problems;
}

async function targetMigrations(database: DatabaseTarget): Promise<string[]> {
  if (database.kind === "sqlite") {
    const exists = await fs.stat(database.file!).then((s) => s.size > 0, () => false);
    if (!exists) return [];
    return describeSqlite(database.file!).migrations;
  }
  const client = new pg.Client({ connectionString: database.url, application_name: "essay-portal restore" });
  client.on("error", () => {});
  await client.connect();
  try {
    const hasTable = (await client.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`)).rows[0]!.t;
    if (!hasTable) return [];
    return (
      await client.query<{ name: string }>(
        `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/** Copies the backup's files into the local store, verifying each again on the way. */
async function restoreFiles(from: string, manifest: Manifest, store: LocalDiskStore): Promise<number> {
  let written = 0;
  for (const file of manifest.files.local) {
    const final = store.pathOf(file.sha256);
    const present = await hashOf(final);
    if (present?.sha256 === file.sha256) continue; // the same content is already there
    const spooled = await spool(createReadStream(path.join(from, FILES_DIR, ...contentPath(file.sha256))), {
      dir: store.temporaryDir,
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    if (spooled.sha256 !== file.sha256) {
      await fs.rm(spooled.path, { force: true });
      throw new Error(`The file ${file.sha256} changed while it was being restored.`);
    }
    await fs.mkdir(path.dirname(final), { recursive: true });
    await fs.rename(spooled.path, final);
    written++;
  }
  return written;
}

function sameCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (expected[table] !== actual[table]) differences.push(`${table}: ${actual[table] ?? "no table"} rows, the backup has ${expected[table] ?? "no table"}`);
  }
  return differences;
}

/**
 * Copies and checks the snapshot beside the database file, runs `beforeSwap` (the files), then
 * renames the copy over the database file.
 */
async function restoreSqlite(from: string, manifest: Manifest, file: string, beforeSwap: () => Promise<void>): Promise<Record<string, number>> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const copy = path.join(dir, `.${path.basename(file)}.restore-${crypto.randomBytes(6).toString("hex")}`);
  try {
    await fs.copyFile(path.join(from, manifest.database.file), copy);
    const handle = await fs.open(copy, "r+");
    await handle.sync();
    await handle.close();
    const db = new Database(copy, { fileMustExist: true });
    try {
      const integrity = db.pragma("integrity_check", { simple: true });
      if (integrity !== "ok") throw new RestoreRefused(`The database snapshot failed its integrity check: ${String(integrity)}`);
      // The portal runs the database in WAL mode; the copy is a single file until then.
      db.pragma("journal_mode = DELETE");
    } finally {
      db.close();
    }
    const { counts } = describeSqlite(copy);
    const differences = sameCounts(manifest.counts, counts);
    if (differences.length) throw new RestoreRefused(`The database snapshot does not hold what the manifest says: ${listed(differences)}.`);
    await beforeSwap();
    // A WAL left by the old database would be replayed into the new one: remove it first.
    for (const suffix of ["-wal", "-shm", "-journal"]) await fs.rm(file + suffix, { force: true });
    await fs.rename(copy, file);
    const handleDir = await fs.open(dir, "r");
    await handleDir.sync();
    await handleDir.close();
    return counts;
  } finally {
    await fs.rm(copy, { force: true });
  }
}

async function restorePostgres(from: string, manifest: Manifest, url: string): Promise<Record<string, number>> {
  const { args, env } = libpqEnv(url);
  await runTool(
    "pg_restore",
    ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", ...args, path.join(from, manifest.database.file)],
    env,
  );
  const client = new pg.Client({ connectionString: url, application_name: "essay-portal restore" });
  client.on("error", () => {});
  await client.connect();
  try {
    const { counts } = await describePostgres(client);
    const differences = sameCounts(manifest.counts, counts);
    if (differences.length) throw new Error(`The restored database does not hold what the manifest says: ${listed(differences)}.`);
    return counts;
  } finally {
    await client.end();
  }
}

/** Restores a backup (see the top of this file). */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const from = path.resolve(options.from);
  const manifest = await readManifest(from);
  const target = options.database;
  const where = target.kind === "sqlite" ? target.file! : redactUrl(target.url);
  if (manifest.database.kind !== target.kind) {
    throw new RestoreRefused(
      `The backup is of a ${manifest.database.kind} database and DATABASE_URL names a ${target.kind} one: restore it into a ${manifest.database.kind} database.`,
    );
  }

  log(`checking the backup of ${manifest.snapshotAt}: the database snapshot and ${manifest.files.local.length} file(s)`);
  const problems = await verifyBackup(from, manifest);
  if (problems.length) throw new RestoreRefused(`The backup in ${from} is incomplete or damaged, so nothing was restored: ${listed(problems)}.`);

  const refusal = checkMigrations(manifest.database.migrations, await codeMigrations(target.kind), []);
  if (refusal) {
    throw new RestoreRefused(
      `The backup was made by a newer version of the portal (migrations ${refusal.migrations.join(", ")}): upgrade the portal, then restore.`,
    );
  }

  const lock = await takeExclusiveLock(target).catch((error: unknown) => {
    throw error instanceof InstanceLockError ? new RestoreRefused(`${where}: ${error.message}`) : error;
  });
  try {
    const newer = checkMigrations(manifest.database.migrations, manifest.database.migrations, await targetMigrations(target));
    if (newer) {
      throw new RestoreRefused(
        `${where} has migrations the backup does not have (${newer.migrations.join(", ")}): it is newer than the backup. ` +
          "Restore into a new, empty database (then start the portal: it applies the newer migrations itself).",
      );
    }
    const store = new LocalDiskStore(path.join(options.dataDir, "uploads"));
    const files = async () => {
      const written = await restoreFiles(from, manifest, store);
      log(`files restored into ${store.root}: ${written} written, ${manifest.files.local.length - written} already there`);
    };
    let counts: Record<string, number>;
    if (target.kind === "sqlite") {
      counts = await restoreSqlite(from, manifest, target.file!, files);
    } else {
      await files();
      counts = await restorePostgres(from, manifest, target.url);
    }
    log(`database restored into ${where}: ${Object.values(counts).reduce((a, b) => a + b, 0)} row(s), as in the backup`);
    if (manifest.files.uploadthing.rows) {
      log(`${manifest.files.uploadthing.rows} file(s) live at UploadThing and were not in the backup: set UPLOADTHING_TOKEN as before`);
    }
    return { manifest, counts };
  } finally {
    await lock.release();
  }
}
