// Backup and restore on the test file's own database (SQLite, or PostgreSQL under `npm run
// test:pg`) with real files in the local store: what a backup holds, a restore that brings it
// back, and every refusal, each leaving the target exactly as it was.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveEntry } from "#app/modules/entries/submission.server";
import { resolveDatabase, type DatabaseTarget } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { createOpenContest, entryValues, receivedFile } from "#tests/factories/entries";
import { FILES_DIR, MANIFEST_FILE, contentPath, type Manifest } from "./backup.schema";
import { createBackup, BackupError } from "./backup.server";
import { holdInstanceLock, InstanceLockError, takeExclusiveLock } from "./instance-lock.server";
import { RestoreRefused, restoreBackup } from "./restore.server";

const source = resolveDatabase();
const dataDir = process.env.DATA_DIR!;
const pgTemplate = process.env.TEST_PG_TEMPLATE;
const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const createdDatabases: string[] = [];

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function query<T>(target: DatabaseTarget, sql: string): Promise<T[]> {
  if (target.kind === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(target.file!, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

let n = 0;
/** A new, empty database and data folder to restore into. */
async function freshTarget(): Promise<{ database: DatabaseTarget; dataDir: string }> {
  n++;
  const dir = path.join(dataDir, `target-${n}`);
  if (!pgTemplate) return { database: resolveDatabase({ DATA_DIR: dir }), dataDir: dir };
  // Named after the template, so tests/setup/run-pg.mjs drops it even if this file is interrupted.
  const name = `${pgTemplate}_restore_${crypto.randomBytes(3).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  createdDatabases.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { database: resolveDatabase({ DATABASE_URL: url.toString() }), dataDir: dir };
}

/** Everything of a target a restore could change: its rows (per table) and its files. */
async function stateOf(target: { database: DatabaseTarget; dataDir: string }) {
  let tables: string[] = [];
  try {
    tables = (
      target.database.kind === "sqlite"
        ? await query<{ name: string }>(target.database, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
        : await query<{ name: string }>(target.database, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
    ).map((t) => t.name);
  } catch {
    tables = []; // no database file yet
  }
  const rows: Record<string, number> = {};
  for (const t of tables) rows[t] = Number((await query<{ n: number | string }>(target.database, `SELECT count(*) AS n FROM "${t}"`))[0]!.n);
  const uploads = path.join(target.dataDir, "uploads");
  const files = fs.existsSync(uploads)
    ? (fs.readdirSync(uploads, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((d) => d.isFile())
        .map((d) => path.relative(uploads, path.join(d.parentPath, d.name)))
        .sort()
    : [];
  return { rows, files };
}

const texts = [
  "Bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ của mỗi cán bộ, đảng viên.",
  "Phản bác các luận điệu sai trái, thù địch trên không gian mạng bằng lý lẽ và chứng cứ.",
  "Xây dựng, chỉnh đốn Đảng gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
];
const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

let backupDir: string;
let manifest: Manifest;
const entryIds: string[] = [];

beforeAll(async () => {
  const { contest, categories } = await createOpenContest({ maxEntriesPerUser: 5 });
  for (const text of texts) {
    const user = await createTestUser();
    const saved = await saveEntry({
      user: { id: user.id, locale: "vi", email: user.email },
      contestId: contest.id,
      values: entryValues(categories[0]!.id),
      essay: { kind: "file", file: await receivedFile(Buffer.from(text), "bai.txt") },
    });
    if (!saved.ok) throw new Error(`not saved: ${JSON.stringify(saved)}`);
    entryIds.push(saved.entryId);
  }
  backupDir = path.join(dataDir, "backup-1");
  manifest = (await createBackup({ database: source, dataDir, out: backupDir })).manifest;
});

afterAll(async () => {
  await prisma.$disconnect();
  for (const name of createdDatabases) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

/** A copy of the backup to damage. */
function copyOfBackup(): string {
  const dir = path.join(dataDir, `backup-copy-${crypto.randomBytes(3).toString("hex")}`);
  fs.cpSync(backupDir, dir, { recursive: true });
  return dir;
}

describe("a backup", () => {
  it("holds the snapshot, every stored file under its SHA-256, and a manifest of them", async () => {
    expect(manifest.database.kind).toBe(source.kind);
    expect(manifest.counts.Entry).toBe(await prisma.entry.count());
    expect(manifest.counts.StoredFile).toBe(await prisma.storedFile.count());
    const applied = await query<{ name: string }>(source, `SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(manifest.database.migrations).toEqual(applied.map((m) => m.name));
    expect(manifest.files.local.map((f) => f.sha256).sort()).toEqual(texts.map(sha).sort());
    for (const text of texts) {
      expect(fs.readFileSync(path.join(backupDir, FILES_DIR, ...contentPath(sha(text))), "utf8")).toBe(text);
    }
    expect(manifest.files.uploadthing).toEqual({ rows: 0, copied: false });
    expect(fs.existsSync(`${backupDir}.partial`)).toBe(false);
  });

  it("counts the files stored with UploadThing without copying them", async () => {
    const row = await prisma.storedFile.create({
      data: { backend: "UPLOADTHING", storageKey: "ut-key-1", sha256: sha("ở UploadThing"), size: 14, kind: "TXT", mimeType: "text/plain" },
    });
    try {
      const out = path.join(dataDir, "backup-uploadthing");
      const { manifest: withRemote } = await createBackup({ database: source, dataDir, out });
      expect(withRemote.files.uploadthing).toEqual({ rows: 1, copied: false });
      expect(withRemote.counts.StoredFile).toBe(manifest.counts.StoredFile! + 1);
      expect(withRemote.files.local).toEqual(manifest.files.local);
    } finally {
      await prisma.storedFile.delete({ where: { id: row.id } });
    }
  });

  it("is written only into a new or empty folder", async () => {
    await expect(createBackup({ database: source, dataDir, out: backupDir })).rejects.toThrow(/already exists and is not empty/);
  });

  it("fails, naming it, when a stored file no longer matches its SHA-256, and leaves no backup folder", async () => {
    const key = sha(texts[0]!);
    const stored = path.join(dataDir, "uploads", ...contentPath(key));
    const original = fs.readFileSync(stored);
    fs.writeFileSync(stored, "hỏng");
    try {
      const out = path.join(dataDir, "backup-damaged");
      const failed = createBackup({ database: source, dataDir, out });
      await expect(failed).rejects.toBeInstanceOf(BackupError);
      await expect(failed).rejects.toThrow(new RegExp(`damaged.*${key}`));
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.existsSync(`${out}.partial`)).toBe(false);
    } finally {
      fs.writeFileSync(stored, original);
    }
  });

  it("fails, naming it, when a file the database refers to is missing", async () => {
    const key = sha(texts[1]!);
    const stored = path.join(dataDir, "uploads", ...contentPath(key));
    const aside = `${stored}.aside`;
    fs.renameSync(stored, aside);
    try {
      await expect(createBackup({ database: source, dataDir, out: path.join(dataDir, "backup-missing"), retries: 1 })).rejects.toThrow(
        new RegExp(`missing.*${key}`),
      );
    } finally {
      fs.renameSync(aside, stored);
    }
  });
});

describe("a restore", () => {
  it("brings back every row and every file into a new database and data folder", async () => {
    const target = await freshTarget();
    const { counts } = await restoreBackup({ ...target, from: backupDir });
    expect(counts).toEqual(manifest.counts);
    const restored = await query<{ id: string; sha256: string }>(
      target.database,
      `SELECT e."id", f."sha256" FROM "Entry" e JOIN "EntryVersion" v ON v."id" = e."currentVersionId" JOIN "StoredFile" f ON f."id" = v."fileId" ORDER BY e."id"`,
    );
    expect(restored.map((r) => r.id)).toEqual([...entryIds].sort());
    for (const { sha256 } of restored) {
      const bytes = fs.readFileSync(path.join(target.dataDir, "uploads", ...contentPath(sha256)));
      expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
    }
    // Restoring the same backup again is allowed (same migrations) and changes nothing.
    const before = await stateOf(target);
    await restoreBackup({ ...target, from: backupDir });
    expect(await stateOf(target)).toEqual(before);
  });

  it("refuses a backup with a missing file, saying which, and leaves the target untouched", async () => {
    const target = await freshTarget();
    await restoreBackup({ ...target, from: backupDir });
    // The target now changes (a new row), so a restore that went ahead would show.
    const db = target.database;
    const extra = `INSERT INTO "User" ("id", "email", "name", "createdAt", "updatedAt") VALUES ('after-backup', 'sau@example.test', 'Sau sao lưu', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`;
    if (db.kind === "sqlite") {
      const { default: Database } = await import("better-sqlite3");
      const c = new Database(db.file!);
      c.exec(extra);
      c.close();
    } else {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(extra);
      await c.end();
    }
    const before = await stateOf(target);
    const broken = copyOfBackup();
    const missing = path.join(FILES_DIR, ...contentPath(sha(texts[2]!)));
    fs.rmSync(path.join(broken, missing));
    const refusal = restoreBackup({ ...target, from: broken });
    await expect(refusal).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refusal).rejects.toThrow(`the file ${missing} is missing`);
    expect(await stateOf(target)).toEqual(before);
  });

  it("refuses a backup with a damaged file or snapshot, and writes nothing into a new target", async () => {
    const broken = copyOfBackup();
    const damaged = path.join(FILES_DIR, ...contentPath(sha(texts[0]!)));
    fs.writeFileSync(path.join(broken, damaged), "Bảo vệ nền tảng tư tưởng của Đảng — sửa lén");
    const target = await freshTarget();
    const before = await stateOf(target);
    await expect(restoreBackup({ ...target, from: broken })).rejects.toThrow(`the file ${damaged} is damaged`);
    expect(await stateOf(target)).toEqual(before);
    expect(fs.existsSync(target.dataDir)).toBe(false);

    const snapshot = copyOfBackup();
    const file = path.join(snapshot, manifest.database.file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expect(restoreBackup({ ...target, from: snapshot })).rejects.toThrow(`the database snapshot ${manifest.database.file} is damaged`);
    expect(await stateOf(target)).toEqual(before);
  });

  it("refuses a folder that is not a finished backup", async () => {
    const target = await freshTarget();
    const unfinished = copyOfBackup();
    fs.rmSync(path.join(unfinished, MANIFEST_FILE));
    await expect(restoreBackup({ ...target, from: unfinished })).rejects.toThrow(/has no manifest\.json/);
  });

  it("refuses a backup made by a newer portal, and a target with a migration the backup lacks", async () => {
    const newer = copyOfBackup();
    const edited = { ...manifest, database: { ...manifest.database, migrations: [...manifest.database.migrations, "29991231000000_from_the_future"] } };
    fs.writeFileSync(path.join(newer, MANIFEST_FILE), JSON.stringify(edited));
    const target = await freshTarget();
    await expect(restoreBackup({ ...target, from: newer })).rejects.toThrow(/newer version of the portal \(migrations 29991231000000_from_the_future\)/);

    // A target one migration ahead of the backup.
    await restoreBackup({ ...target, from: backupDir });
    const ahead = `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES ('future', 'x', '29991231000000_from_the_future', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)`;
    if (target.database.kind === "sqlite") {
      const { default: Database } = await import("better-sqlite3");
      const c = new Database(target.database.file!);
      c.exec(ahead);
      c.close();
    } else {
      const c = new pg.Client({ connectionString: target.database.url });
      await c.connect();
      await c.query(ahead);
      await c.end();
    }
    const before = await stateOf(target);
    await expect(restoreBackup({ ...target, from: backupDir })).rejects.toThrow(/has migrations the backup does not have \(29991231000000_from_the_future\)/);
    expect(await stateOf(target)).toEqual(before);
  });

  it("refuses while a portal runs on the target, and a portal cannot start while a restore holds it", async () => {
    const target = await freshTarget();
    await restoreBackup({ ...target, from: backupDir });
    const before = await stateOf(target);
    const running = await holdInstanceLock(target.database);
    const second = await holdInstanceLock(target.database); // a second instance may run beside the first
    try {
      await expect(restoreBackup({ ...target, from: backupDir })).rejects.toThrow(/The portal is running on this database: stop every instance/);
      expect(await stateOf(target)).toEqual(before);
    } finally {
      await running.release();
      await second.release();
    }
    const restoring = await takeExclusiveLock(target.database);
    try {
      await expect(holdInstanceLock(target.database)).rejects.toBeInstanceOf(InstanceLockError);
    } finally {
      await restoring.release();
    }
    // Stopped: the restore goes ahead.
    await expect(restoreBackup({ ...target, from: backupDir })).resolves.toMatchObject({ counts: manifest.counts });
  });

  it("refuses a backup of the other kind of database", async () => {
    const other = copyOfBackup();
    const kind = manifest.database.kind === "sqlite" ? "postgresql" : "sqlite";
    fs.writeFileSync(path.join(other, MANIFEST_FILE), JSON.stringify({ ...manifest, database: { ...manifest.database, kind } }));
    const target = await freshTarget();
    await expect(restoreBackup({ ...target, from: other })).rejects.toThrow(`The backup is of a ${kind} database`);
  });
});
