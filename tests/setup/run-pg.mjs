#!/usr/bin/env node
// npm run test:pg [-- vitest arguments]: the unit and integration tests against PostgreSQL.
//   1. DATABASE_URL (postgresql://…, default postgresql://postgres@127.0.0.1:5432/postgres) names
//      the server and a database to connect to for administration;
//   2. a template database with a unique name is created and migrated (prisma migrate deploy,
//      with the PostgreSQL schema and migrations that prisma.config.ts picks from the URL);
//   3. prisma/derive-pg.mjs --check --pg proves the PostgreSQL migrations match the source schema;
//   4. vitest runs with TEST_PG_TEMPLATE (each test file gets a copy, tests/setup/setup-file.ts)
//      and TEST_PG_ADMIN_URL;
//   5. the template (and any copy of it a test file left) is dropped, also when something
//      failed or the run was interrupted.
// The exit code is vitest's (or 1 when a step before it failed).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

const given = process.env.DATABASE_URL?.trim();
if (given && !/^postgres(ql)?:\/\//i.test(given)) {
  console.error(`test:pg: DATABASE_URL must be a postgresql:// URL (got "${given.slice(0, 20)}…")`);
  process.exit(2);
}
const adminUrl = given || DEFAULT_URL;
console.log(`test:pg: PostgreSQL server ${redact(adminUrl)}${given ? " (from DATABASE_URL)" : " (default; set DATABASE_URL to change)"}`);

const template = `portal_tpl_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
const templateUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  return u.toString();
})();

async function admin(sql, params = []) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** The template and every database named after it (per-file copies an interrupted run left). */
async function dropAll() {
  const { rows } = await admin(
    "SELECT datname FROM pg_database WHERE datname = $1 OR left(datname, length($1) + 1) = $1 || '_' ORDER BY datname DESC",
    [template],
  );
  for (const { datname } of rows) await admin(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  return rows.length;
}

let child;
/** Runs a command with inherited output; resolves with its exit code. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      child = undefined;
      resolve(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1));
    });
  });
}

let created = false;
let dropping;
function dropTemplate() {
  dropping ??= created
    ? dropAll().then(
        (n) => console.log(`test:pg: dropped template database ${template}${n > 1 ? ` and ${n - 1} left by tests` : ""}`),
        (error) => console.error(`test:pg: could not drop ${template}: ${error.message}`),
      )
    : Promise.resolve();
  return dropping;
}

// Interrupted: stop the running step; the main flow then drops the databases and exits.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    child?.kill(signal);
  });
}
function stopIfInterrupted() {
  if (interrupted) throw new Error("interrupted");
}

const prismaCli = path.join(root, "node_modules/prisma/build/index.js");
let exitCode = 1;
try {
  await admin(`CREATE DATABASE "${template}"`);
  created = true;
  console.log(`test:pg: created template database ${template}`);
  stopIfInterrupted();

  const migrate = await run(process.execPath, [prismaCli, "migrate", "deploy"], {
    DATABASE_URL: templateUrl,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  });
  stopIfInterrupted();
  if (migrate !== 0) throw new Error(`prisma migrate deploy failed (exit ${migrate})`);

  const check = await run(process.execPath, [path.join(root, "prisma/derive-pg.mjs"), "--check", "--pg"], {
    DATABASE_URL: adminUrl,
  });
  stopIfInterrupted();
  if (check !== 0) throw new Error(`prisma/derive-pg.mjs --check --pg failed (exit ${check})`);

  const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
  exitCode = await run(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
    TEST_PG_TEMPLATE: template,
    TEST_PG_ADMIN_URL: adminUrl,
  });
  stopIfInterrupted();
} catch (error) {
  console.error(`test:pg: ${error.message}`);
  exitCode = 1;
} finally {
  await dropTemplate();
}
process.exit(interrupted ? 130 : exitCode);
