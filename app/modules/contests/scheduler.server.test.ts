import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "#app/generated/sqlite/client";
import { prisma } from "#app/utils/db.server";
import { createTestContest } from "#tests/factories/contests";
import type { ScheduledRun } from "./phases.server";
import { isBusyError, startPhaseScheduler, withBusyRetry, type SchedulerLog } from "./scheduler.server";

const onSqlite = process.env.DATABASE_URL?.startsWith("file:") ?? false;
const noPause = { sleep: async () => {} };

function recordingLog() {
  const lines: { level: "info" | "warn" | "error"; obj: object; msg?: string }[] = [];
  const log: SchedulerLog = {
    info: (obj, msg) => lines.push({ level: "info", obj, msg }),
    warn: (obj, msg) => lines.push({ level: "warn", obj, msg }),
    error: (obj, msg) => lines.push({ level: "error", obj, msg }),
  };
  return { log, lines };
}

describe("retrying when the database is busy", () => {
  // On SQLite: a second connection that gives up quickly, and a plain one that holds the write lock.
  let impatient: PrismaClient;
  let holder: Database.Database;
  beforeAll(() => {
    if (!onSqlite) return;
    impatient = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!, timeout: 20 }) });
    holder = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
  });
  afterAll(async () => {
    if (!onSqlite) return;
    if (holder.inTransaction) holder.exec("ROLLBACK");
    holder.close();
    await impatient.$disconnect();
  });

  it.skipIf(!onSqlite)("recognises a real SQLITE_BUSY, and succeeds once the lock is released", async () => {
    const { contest } = await createTestContest();
    holder.exec("BEGIN IMMEDIATE");
    const write = () => impatient.contest.update({ where: { id: contest.id }, data: { title: "Đã đổi tên" } });
    const error = await write().catch((e: unknown) => e);
    expect(isBusyError(error)).toBe(true);

    const attempts: number[] = [];
    await withBusyRetry(write, {
      ...noPause,
      onRetry: (attempt) => {
        attempts.push(attempt);
        if (holder.inTransaction) holder.exec("COMMIT");
      },
    });
    expect(attempts).toEqual([1]);
    expect((await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).title).toBe("Đã đổi tên");
  });

  it("gives up after the last attempt, and never retries other errors", async () => {
    let calls = 0;
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    await expect(withBusyRetry(async () => { calls++; throw busy; }, { ...noPause, attempts: 3 })).rejects.toBe(busy);
    expect(calls).toBe(3);

    calls = 0;
    const other = new Error("UNIQUE constraint failed");
    await expect(withBusyRetry(async () => { calls++; throw other; }, noPause)).rejects.toBe(other);
    expect(calls).toBe(1);
    expect(isBusyError(other)).toBe(false);
  });

  it("pauses longer after each busy attempt", async () => {
    const pauses: number[] = [];
    let calls = 0;
    await withBusyRetry(
      async () => {
        if (++calls < 4) throw Object.assign(new Error("busy"), { code: "P1008" });
        return calls;
      },
      { baseDelayMs: 100, random: () => 0, sleep: async (ms) => void pauses.push(ms) },
    );
    expect(pauses).toEqual([100, 200, 400]);
  });
});

describe("the phase scheduler", () => {
  it("carries out a due change with the real runner, logs it, and stops", async () => {
    const { contest } = await createTestContest({ categories: ["Cán bộ"], rubric: true, closesAt: new Date("2026-06-30T16:59:00Z") });
    const runAt = new Date("2026-05-01T01:00:00Z");
    await prisma.phaseChange.create({ data: { contestId: contest.id, toPhase: "OPEN", runAt } });
    const { log, lines } = recordingLog();
    const scheduler = startPhaseScheduler({ intervalMs: 60_000, log, now: () => runAt });
    // The first tick runs at once; a loaded machine may take a while (vitest's poll waits 1 s by default).
    await expect.poll(async () => (await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).phase, { timeout: 20_000 }).toBe("OPEN");
    await scheduler.stop();
    expect(lines).toContainEqual({
      level: "info",
      obj: expect.objectContaining({ contestId: contest.id, to: "OPEN" }),
      msg: "scheduled phase change applied",
    });
  });

  it("logs a failed run and keeps ticking; after stop it runs no more", async () => {
    const { log, lines } = recordingLog();
    let calls = 0;
    let secondCall!: () => void;
    const second = new Promise<void>((resolve) => (secondCall = resolve));
    const run = async (): Promise<ScheduledRun[]> => {
      calls++;
      if (calls === 1) throw new Error("disk full");
      if (calls === 2) secondCall();
      return [];
    };
    const scheduler = startPhaseScheduler({ intervalMs: 1, log, run, retry: noPause });
    await second;
    await scheduler.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(after);
    expect(lines.filter((l) => l.level === "error")).toEqual([
      { level: "error", obj: { err: { name: "Error", message: "disk full" } }, msg: "phase scheduler: run failed, trying again at the next tick" },
    ]);
  });
});
