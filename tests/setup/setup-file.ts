// Before each test file: a fresh database of its own (a copy of the migrated template) and
// a fresh data folder (mail, uploads), chosen before any module opens the database.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

const TMP = path.resolve("tests/.tmp");
const id = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
const dataDir = path.join(TMP, `data-${id}`);
fs.mkdirSync(dataDir, { recursive: true });
process.env.DATA_DIR = dataDir;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.LOG_LEVEL = "silent";

const pgTemplate = process.env.TEST_PG_TEMPLATE;
let dropPg: (() => Promise<void>) | undefined;

if (pgTemplate) {
  const { default: pg } = await import("pg");
  const adminUrl = new URL(process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  // Named after the template, so tests/setup/run-pg.mjs can drop what an interrupted run left.
  const name = `${pgTemplate}_${id.replace(/-/g, "_")}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"`);
  await admin.end();
  const url = new URL(adminUrl.toString());
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropPg = async () => {
    const c = new pg.Client({ connectionString: adminUrl.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  const file = path.join(TMP, `db-${id}.db`);
  fs.copyFileSync(path.join(TMP, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}

afterAll(async () => {
  const { disconnectDb } = await import("#app/utils/db.server");
  await disconnectDb();
  await dropPg?.();
  if (!pgTemplate) {
    const file = process.env.DATABASE_URL!.slice("file:".length);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});
