// The real server on PostgreSQL (runs under `npm run test:pg`, which sets TEST_PG_TEMPLATE and
// TEST_PG_ADMIN_URL): on a fresh empty database it applies the migrations at start, answers
// /healthz from PostgreSQL, and stops gracefully.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { missingBuild, startServer, type RunningServer } from "./server-process";

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

describe.skipIf(skip)(`node server.mjs on PostgreSQL${skip ? ` (skipped: ${skip})` : ""}`, () => {
  // Named after the template, so tests/setup/run-pg.mjs drops it even if this file is interrupted.
  const name = `${process.env.TEST_PG_TEMPLATE}_server_${crypto.randomBytes(3).toString("hex")}`;
  const dataDir = path.join(process.env.DATA_DIR!, "server-postgres");
  let created = false;
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.stop("SIGKILL");
    if (created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("migrates an empty database at start, reports healthy and stops on SIGTERM", { timeout: 45_000 }, async () => {
    await admin(`CREATE DATABASE "${name}"`);
    created = true;
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;

    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: url.toString() });

    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "postgresql" });

    // Every migration ran against this very database; the first-admin link was stored.
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const applied = await client.query(
        `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const migrations = fs
        .readdirSync(path.resolve("prisma/postgres/migrations"), { withFileTypes: true })
        .filter((d) => d.isDirectory()).length;
      expect(applied.rows[0].n).toBe(migrations);
    } finally {
      await client.end();
    }
    expect(fs.readFileSync(path.join(dataDir, "first-admin-link.txt"), "utf8")).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}/);

    const code = await server.stop("SIGTERM");
    expect(code, server.output()).toBe(0);
    expect(server.logs.map((l) => l.msg)).toContain("stopped");
  });
});
