#!/usr/bin/env node
// npm run test:pg [-- vitest arguments]: the unit and integration tests against PostgreSQL.
//   1. DATABASE_URL (postgresql://…, default postgresql://postgres@127.0.0.1:5432/postgres) names
//      the server and a database to connect to for administration;
//   2. a template database with a unique name is created and migrated (prisma migrate deploy,
//      with the PostgreSQL schema and migrations that prisma.config.ts picks from the URL);
//   3. prisma/derive-pg.mjs --check --pg proves the PostgreSQL migrations match the source schema;
//   4. vitest runs with TEST_PG_TEMPLATE (each test file gets a copy, tests/setup/setup-file.ts)
//      and TEST_PG_ADMIN_URL;
//   5. the template is dropped, also when something failed or the run was interrupted.
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

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
    ? admin(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).then(
        () => console.log(`test:pg: dropped template database ${template}`),
        (error) => console.error(`test:pg: could not drop ${template}: ${error.message}`),
      )
    : Promise.resolve();
  return dropping;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    child?.kill(signal);
    void dropTemplate().finally(() => process.exit(130));
  });
}

const prismaCli = path.join(root, "node_modules/prisma/build/index.js");
let exitCode = 1;
try {
  await admin(`CREATE DATABASE "${template}"`);
  created = true;
  console.log(`test:pg: created template database ${template}`);

  const migrate = await run(process.execPath, [prismaCli, "migrate", "deploy"], {
    DATABASE_URL: templateUrl,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  });
  if (migrate !== 0) throw new Error(`prisma migrate deploy failed (exit ${migrate})`);

  const check = await run(process.execPath, [path.join(root, "prisma/derive-pg.mjs"), "--check", "--pg"], {
    DATABASE_URL: adminUrl,
  });
  if (check !== 0) throw new Error(`prisma/derive-pg.mjs --check --pg failed (exit ${check})`);

  const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
  exitCode = await run(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
    TEST_PG_TEMPLATE: template,
    TEST_PG_ADMIN_URL: adminUrl,
  });
} catch (error) {
  console.error(`test:pg: ${error.message}`);
  exitCode = 1;
} finally {
  await dropTemplate();
}
process.exit(exitCode);
