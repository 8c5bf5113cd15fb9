// `npm run backup -- --out <dir>`: a consistent snapshot of the database and of the uploaded
// files, taken while the portal runs (docs/backup.md, docs/decisions/0018-backup-restore.md).
//   1. The database first, in one snapshot: SQLite with `VACUUM INTO` (one read transaction, so
//      writers carry on in WAL mode and the copy is exactly what was committed when it began);
//      PostgreSQL with `pg_dump --format=custom --snapshot=…` of a REPEATABLE READ transaction
//      that also reads the counts and the file rows, so all of them describe the same moment.
//   2. Then the files that the snapshot's rows refer to, copied from the content-addressed store
//      and hashed on the way: a copy whose SHA-256 is not its name is refused. Files are only ever
//      added while the portal runs, except the bytes of a row deleted after the snapshot; a file
//      missing for that reason is fetched from a fresh snapshot (a few tries), any other missing
//      or damaged file fails the backup, naming it.
//   3. manifest.json (time, database kind, migrations, counts, files with hashes), then the
//      folder is renamed from `<dir>.partial` to `<dir>`: a folder under the final name is whole.
// Files at UploadThing (rows with backend UPLOADTHING) are counted in the manifest, not copied.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { LocalDiskStore } from "#app/modules/storage/local-store.server";
import { spool } from "#app/modules/storage/spool.server";
import type { DatabaseTarget } from "#app/utils/database-url";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  FILES_DIR,
  MANIFEST_FILE,
  PG_DUMP_FILE,
  SQLITE_SNAPSHOT_FILE,
  contentPath,
  type Manifest,
} from "./backup.schema";
import { libpqEnv, portalVersion } from "./backup-support.server";

export class BackupError extends Error {}

export interface BackupOptions {
  database: DatabaseTarget;
  /** The portal's data folder (uploads are under DATA_DIR/uploads). */
  dataDir: string;
  /** The backup folder to create; it must not exist yet (or be empty). */
  out: string;
  /** Progress lines for the operator. */
  log?: (line: string) => void;
  /** How many fresh snapshots to take when files vanished after one (rows deleted meanwhile). */
  retries?: number;
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

interface FileRow {
  id: string;
  backend: string;
  storageKey: string;
  sha256: string;
}

/** What one database snapshot holds besides its bytes. */
interface Snapshot {
  file: string;
  migrations: string[];
  counts: Record<string, number>;
  fileRows: FileRow[];
  serverVersion?: string;
}

const MIGRATIONS_SQL = `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
const FILE_ROWS_SQL = `SELECT "id", "backend", "storageKey", "sha256" FROM "StoredFile"`;

async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads migrations, counts and file rows from an SQLite database file (the snapshot). */
export function describeSqlite(file: string): Omit<Snapshot, "file"> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
      .all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    const hasMigrations = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    const migrations = hasMigrations ? (db.prepare(MIGRATIONS_SQL).all() as { name: string }[]).map((r) => r.name) : [];
    const fileRows = counts.StoredFile === undefined ? [] : (db.prepare(FILE_ROWS_SQL).all() as FileRow[]);
    return { migrations, counts, fileRows };
  } finally {
    db.close();
  }
}

async function snapshotSqlite(source: string, dest: string): Promise<Snapshot> {
  await fs.access(source).catch(() => {
    throw new BackupError(`There is no SQLite database at ${source} (check DATABASE_URL and DATA_DIR).`);
  });
  const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // One read transaction: a consistent copy of what was committed when it began.
    db.prepare("VACUUM INTO ?").run(dest);
  } finally {
    db.close();
  }
  const check = new Database(dest, { readonly: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new BackupError(`The snapshot of ${source} failed its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  return { file: dest, ...describeSqlite(dest) };
}

/** Runs a PostgreSQL client tool; rejects with its standard error. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new BackupError(error.code === "ENOENT" ? `${command} is not installed (PostgreSQL client tools are needed).` : error.message)),
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** Reads migrations, counts and file rows through a PostgreSQL connection (in its transaction). */
export async function describePostgres(client: pg.Client): Promise<Omit<Snapshot, "file">> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    )
  ).rows;
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0]!.n;
  const hasMigrations = (await client.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`)).rows[0]!.t;
  const migrations = hasMigrations ? (await client.query<{ name: string }>(MIGRATIONS_SQL)).rows.map((r) => r.name) : [];
  const fileRows = counts.StoredFile === undefined ? [] : (await client.query<FileRow>(FILE_ROWS_SQL)).rows;
  return { migrations, counts, fileRows };
}

async function snapshotPostgres(url: string, dest: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url, application_name: "essay-portal backup" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const snapshotId = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const serverVersion = (await client.query<{ v: string }>("SHOW server_version")).rows[0]!.v;
    const { migrations, counts, fileRows } = await describePostgres(client);
    // pg_dump reads the very snapshot this transaction holds open.
    const { args, env } = libpqEnv(url);
    await runTool("pg_dump", ["--format=custom", `--snapshot=${snapshotId}`, `--file=${dest}`, ...args], env);
    await client.query("COMMIT");
    return { file: dest, migrations, counts, fileRows, serverVersion };
  } finally {
    await client.end();
  }
}

interface CopyOutcome {
  copied: Map<string, number>;
  missing: FileRow[];
  damaged: { row: FileRow; actual: string }[];
}

/** Copies the local files of the rows into the backup, verifying each one's SHA-256. */
async function copyFiles(rows: FileRow[], store: LocalDiskStore, filesDir: string, copied: Map<string, number>): Promise<CopyOutcome> {
  const missing: FileRow[] = [];
  const damaged: { row: FileRow; actual: string }[] = [];
  const incoming = path.join(filesDir, ".incoming");
  for (const row of rows) {
    if (row.backend !== "LOCAL" || copied.has(row.storageKey)) continue;
    let source: string;
    try {
      source = store.pathOf(row.storageKey);
      await fs.access(source);
    } catch {
      missing.push(row);
      continue;
    }
    const spooled = await spool(createReadStream(source), { dir: incoming, maxBytes: Number.MAX_SAFE_INTEGER });
    if (spooled.sha256 !== row.storageKey || spooled.sha256 !== row.sha256) {
      await fs.rm(spooled.path, { force: true });
      damaged.push({ row, actual: spooled.sha256 });
      continue;
    }
    const final = path.join(filesDir, ...contentPath(spooled.sha256));
    await fs.mkdir(path.dirname(final), { recursive: true });
    await fs.rename(spooled.path, final);
    copied.set(spooled.sha256, spooled.size);
  }
  await fs.rm(incoming, { recursive: true, force: true });
  return { copied, missing, damaged };
}

/** Whether a folder may become the backup: absent, or empty. */
async function checkOut(out: string): Promise<void> {
  const entries = await fs.readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (entries.length) throw new BackupError(`${out} already exists and is not empty: give a new folder to --out.`);
}

/** Takes a backup (see the top of this file). */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const out = path.resolve(options.out);
  await checkOut(out);
  const work = `${out}.partial`;
  await fs.rm(work, { recursive: true, force: true });
  await fs.mkdir(path.join(work, FILES_DIR), { recursive: true });
  const store = new LocalDiskStore(path.join(options.dataDir, "uploads"));
  const kind = options.database.kind;
  const snapshotName = kind === "sqlite" ? SQLITE_SNAPSHOT_FILE : PG_DUMP_FILE;
  const copied = new Map<string, number>();
  try {
    let attempt = 0;
    for (;;) {
      const snapshotAt = new Date();
      const dest = path.join(work, snapshotName);
      await fs.rm(dest, { force: true });
      log(`snapshot of the ${kind} database (attempt ${attempt + 1})`);
      const snapshot =
        kind === "sqlite" ? await snapshotSqlite(options.database.file!, dest) : await snapshotPostgres(options.database.url, dest);
      const { missing, damaged } = await copyFiles(snapshot.fileRows, store, path.join(work, FILES_DIR), copied);
      if (damaged.length) {
        const list = damaged.map((d) => `${d.row.storageKey} (StoredFile ${d.row.id}; its bytes hash to ${d.actual})`).join(", ");
        throw new BackupError(`Stored files are damaged: their content no longer matches their SHA-256: ${list}.`);
      }
      if (missing.length && attempt < (options.retries ?? 3)) {
        // Rows deleted after the snapshot take their bytes with them: a fresh snapshot no longer has them.
        attempt++;
        log(`${missing.length} file(s) vanished since the snapshot; taking a fresh one`);
        continue;
      }
      if (missing.length) {
        const list = missing.map((r) => `${r.storageKey} (StoredFile ${r.id})`).join(", ");
        throw new BackupError(`Files that the database refers to are missing from ${store.root}: ${list}.`);
      }
      // Only the files this snapshot refers to (an earlier attempt may have copied more).
      const wanted = new Set(snapshot.fileRows.filter((r) => r.backend === "LOCAL").map((r) => r.storageKey));
      for (const sha of [...copied.keys()]) {
        if (wanted.has(sha)) continue;
        await fs.rm(path.join(work, FILES_DIR, ...contentPath(sha)), { force: true });
        copied.delete(sha);
      }
      const stat = await fs.stat(dest);
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        snapshotAt: snapshotAt.toISOString(),
        finishedAt: new Date().toISOString(),
        portalVersion: await portalVersion(),
        database: {
          kind,
          file: snapshotName,
          sha256: await sha256OfFile(dest),
          size: stat.size,
          migrations: snapshot.migrations,
          ...(snapshot.serverVersion ? { serverVersion: snapshot.serverVersion } : {}),
        },
        counts: snapshot.counts,
        files: {
          local: [...copied].map(([sha256, size]) => ({ sha256, size })).sort((a, b) => a.sha256.localeCompare(b.sha256)),
          uploadthing: { rows: snapshot.fileRows.filter((r) => r.backend === "UPLOADTHING").length, copied: false },
        },
      };
      await fs.writeFile(path.join(work, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n", { flag: "wx" });
      await syncDirectory(work);
      await fs.rm(out, { recursive: true, force: true }); // an empty folder given as --out
      await fs.rename(work, out);
      await syncDirectory(path.dirname(out));
      log(`backup written to ${out}: ${manifest.files.local.length} file(s), ${Object.values(manifest.counts).reduce((a, b) => a + b, 0)} row(s)`);
      return { dir: out, manifest };
    }
  } catch (error) {
    await fs.rm(work, { recursive: true, force: true });
    throw error;
  }
}
