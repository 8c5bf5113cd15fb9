// The real server carries out scheduled phase changes: its startup hook starts the scheduler
// (PHASE_SCHEDULER_SECONDS), a due opening written to its database is applied once, and SIGTERM
// stops the scheduler before the database closes.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "#app/utils/db.server";
import { missingBuild, startServer, type RunningServer } from "./server-process";

const skip = missingBuild();

describe.skipIf(skip)(`the phase scheduler in node server.mjs${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const dataDir = path.join(process.env.DATA_DIR!, "scheduler-sqlite");
  const file = path.join(dataDir, "portal.db");
  let server: RunningServer | undefined;
  let db: Db | undefined;

  afterAll(async () => {
    await server?.stop("SIGKILL");
    await db?.$disconnect();
  });

  it("opens a ready contest whose opening is due, once, and stops cleanly", { timeout: 60_000 }, async () => {
    server = await startServer({ DATA_DIR: dataDir, PHASE_SCHEDULER_SECONDS: "1" });
    expect(server.logs).toContainEqual(expect.objectContaining({ msg: "phase scheduler started", intervalSeconds: 1 }));
    db = createDb({ kind: "sqlite", url: `file:${file}`, file });
    const contest = await db.contest.create({
      data: {
        title: "Cuộc thi viết chính luận",
        slug: "chinh-luan-lich",
        closesAt: new Date(Date.now() + 30 * 86_400_000),
        categories: { create: { name: "Cán bộ" } },
        rubrics: { create: { name: "Mặc định", versions: { create: { version: 1, criteria: { create: { position: 0, name: "Tư tưởng", maxPoints: 25 } } } } } },
        phaseChanges: { create: { toPhase: "OPEN", runAt: new Date(Date.now() - 1000) } },
      },
    });
    await expect
      .poll(async () => (await db!.contest.findUniqueOrThrow({ where: { id: contest.id } })).phase, { timeout: 30_000 })
      .toBe("OPEN");
    expect(await db.auditLog.count({ where: { contestId: contest.id, action: "contest.phase" } })).toBe(1);
    await expect.poll(() => server!.logs.some((l) => l.msg === "scheduled phase change applied" && l.contestId === contest.id), { timeout: 10_000 }).toBe(true);

    const code = await server.stop("SIGTERM");
    expect(code, server.output()).toBe(0);
    expect(server.logs.filter((l) => typeof l.msg === "string" && l.msg.startsWith("phase scheduler: run failed"))).toEqual([]);
  });
});
