import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "./env.server";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "env-test-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadEnv", () => {
  it("refuses to start in production without SESSION_SECRET, saying what to set", () => {
    const dir = tempDir();
    expect(() => loadEnv({ NODE_ENV: "production", DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => loadEnv({ NODE_ENV: "production", DATA_DIR: dir })).toThrow(/SESSION_SECRET.*at least 32 characters/s);
    expect(fs.existsSync(path.join(dir, "session-secret"))).toBe(false);
  });

  it("outside production generates a secret once and keeps it in the data folder", () => {
    const dir = tempDir();
    const first = loadEnv({ DATA_DIR: dir }).sessionSecrets;
    const second = loadEnv({ DATA_DIR: dir }).sessionSecrets;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toEqual(first);
    expect(fs.statSync(path.join(dir, "session-secret")).mode & 0o077).toBe(0);
  });

  it("uses a given secret (several, comma-separated, for rotation) and the embedded SQLite by default", () => {
    const dir = tempDir();
    const env = loadEnv({ NODE_ENV: "production", DATA_DIR: dir, SESSION_SECRET: `${"a".repeat(32)},${"b".repeat(32)}` });
    expect(env.sessionSecrets).toEqual(["a".repeat(32), "b".repeat(32)]);
    expect(env.database).toEqual({ kind: "sqlite", url: `file:${path.join(dir, "portal.db")}`, file: path.join(dir, "portal.db") });
    expect(env.appUrl).toBe("http://localhost:3000");
  });

  it("reads PostgreSQL from DATABASE_URL and rejects a URL of neither kind", () => {
    const dir = tempDir();
    expect(loadEnv({ DATA_DIR: dir, DATABASE_URL: "postgresql://u@db:5432/portal", PORT: "8080" })).toMatchObject({
      database: { kind: "postgresql", url: "postgresql://u@db:5432/portal" },
      port: 8080,
      appUrl: "http://localhost:8080",
    });
    expect(() => loadEnv({ DATA_DIR: dir, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it("runs the phase scheduler every 30 s by default, at the given interval, or not at all with 0", () => {
    const dir = tempDir();
    expect(loadEnv({ DATA_DIR: dir }).phaseSchedulerSeconds).toBe(30);
    expect(loadEnv({ DATA_DIR: dir, PHASE_SCHEDULER_SECONDS: "5" }).phaseSchedulerSeconds).toBe(5);
    expect(loadEnv({ DATA_DIR: dir, PHASE_SCHEDULER_SECONDS: "0" }).phaseSchedulerSeconds).toBe(0);
    expect(() => loadEnv({ DATA_DIR: dir, PHASE_SCHEDULER_SECONDS: "-1" })).toThrow(/PHASE_SCHEDULER_SECONDS/);
    expect(() => loadEnv({ DATA_DIR: dir, PHASE_SCHEDULER_SECONDS: "often" })).toThrow(/PHASE_SCHEDULER_SECONDS/);
  });

  it("runs the mail outbox worker every 5 s by default, at the given interval, or not at all with 0", () => {
    const dir = tempDir();
    expect(loadEnv({ DATA_DIR: dir }).mailOutboxSeconds).toBe(5);
    expect(loadEnv({ DATA_DIR: dir, MAIL_OUTBOX_SECONDS: "60" }).mailOutboxSeconds).toBe(60);
    expect(loadEnv({ DATA_DIR: dir, MAIL_OUTBOX_SECONDS: "0" }).mailOutboxSeconds).toBe(0);
    expect(() => loadEnv({ DATA_DIR: dir, MAIL_OUTBOX_SECONDS: "1.5" })).toThrow(/MAIL_OUTBOX_SECONDS/);
    expect(() => loadEnv({ DATA_DIR: dir, MAIL_OUTBOX_SECONDS: "7200" })).toThrow(/MAIL_OUTBOX_SECONDS/);
  });
});
