// The crash harness, small (a few kills per database), as CI runs it; the full run is
// `npm run test:crash -- --kills 200 --json` (docs/crash-safety.md). It passes on SQLite and
// PostgreSQL, and each sabotage makes it fail the way it should, so a green run means something:
// without its kill it fails for lack of kills, a torn file is caught as a partial record, a
// database that forgets acknowledged commits is caught as lost writes.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { missingBuild, ROOT } from "#tests/integration/server-process";
import type { CrashResult } from "./harness";

const PG_URL = process.env.CRASH_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs the harness command; its exit code and JSON lines. */
function harness(args: string[]): Promise<{ code: number | null; results: CrashResult[]; output: string }> {
  return new Promise((resolve) => {
    // The harness makes its own databases and data folders: none of this test file's.
    const { DATABASE_URL: _db, DATA_DIR: _dir, TEST_PG_TEMPLATE: _tpl, ...env } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/crash/harness.ts"), "--json", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    child.on("exit", (code) => {
      const results = out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as CrashResult);
      resolve({ code, results, output: `${out}\n${err}` });
    });
  });
}

const skip = missingBuild() ?? (process.env.TEST_PG_TEMPLATE ? "the SQLite pass runs it; it covers PostgreSQL itself" : null);
const withPg = skip ? false : await postgresReachable();
const databases = withPg ? "all" : "sqlite";

describe.skipIf(skip)(`the crash harness${skip ? ` (skipped: ${skip})` : withPg ? "" : " (PostgreSQL unreachable: SQLite only)"}`, () => {
  it("loses no acknowledged write and leaves no partial record over 5 kills per database", { timeout: 600_000 }, async () => {
    const run = await harness(["--kills", "5", "--database", databases]);
    expect(run.results.map((r) => r.database), run.output).toEqual(withPg ? ["sqlite", "postgresql"] : ["sqlite"]);
    for (const r of run.results) {
      expect(r, run.output).toMatchObject({ kills: 5, lost: 0, partial: 0, integrity: "ok", ok: true });
      expect(r.acknowledged, run.output).toBeGreaterThan(0);
    }
    expect(run.code, run.output).toBe(0);
  });

  it("fails when its own kill is removed: no kills, fewer than asked", { timeout: 600_000 }, async () => {
    const run = await harness(["--kills", "3", "--database", "sqlite", "--sabotage", "no-kill"]);
    expect(run.results[0], run.output).toMatchObject({ database: "sqlite", kills: 0, killsAsked: 3, ok: false });
    expect(run.results[0]!.acknowledged).toBeGreaterThan(0);
    expect(run.code).not.toBe(0);
  });

  it("catches a file torn on disk as a partial record", { timeout: 600_000 }, async () => {
    const run = await harness(["--kills", "2", "--database", "sqlite", "--sabotage", "torn-file"]);
    const r = run.results[0]!;
    expect(r.partial, run.output).toBeGreaterThan(0);
    expect(r.failures.some((f) => f.includes("does not hash to its row's SHA-256")), run.output).toBe(true);
    expect(run.code).not.toBe(0);
  });

  it("catches a database that forgets acknowledged commits as lost writes", { timeout: 600_000 }, async () => {
    const run = await harness(["--kills", "3", "--database", databases, "--sabotage", "lost-commit"]);
    expect(run.results.length, run.output).toBe(withPg ? 2 : 1);
    for (const r of run.results) expect(r.lost, run.output).toBeGreaterThan(0);
    expect(run.code).not.toBe(0);
  });
});
