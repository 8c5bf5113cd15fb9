// Interactive transactions queued behind the contest lock. During a deadline surge the writers of
// one contest run one after another (lockContest); with Prisma's default limits (2 s to start, 5 s
// in all, the wait for the lock included) a queue of a dozen judges' autosaves on PostgreSQL ended
// in 500s ("expired transaction", found by bench/surge.bench.ts). Runs on SQLite and, with
// `npm run test:pg`, on PostgreSQL.
import { expect, it } from "vitest";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma } from "#app/utils/db.server";
import { createTestContest } from "#tests/factories/contests";

/** Longer than Prisma's default timeout of an interactive transaction (5,000 ms). */
const BEYOND_PRISMA_DEFAULT_MS = 6_000;

it("commits a writer that waited behind the contest lock for longer than Prisma's default transaction timeout", { timeout: 60_000 }, async () => {
  const { contest } = await createTestContest({ title: "Trước" });
  let lockTaken!: () => void;
  const taken = new Promise<void>((resolve) => (lockTaken = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));

  const settled = (p: Promise<unknown>) => p.then(() => "committed", (error: Error) => error.message);
  // The first writer holds the lock while the second queues behind it.
  const first = settled(prisma.$transaction(async (tx) => {
    await lockContest(tx, contest.id);
    lockTaken();
    await released;
    await tx.contest.update({ where: { id: contest.id }, data: { title: "Người thứ nhất" } });
  }));
  await taken;
  const second = settled(prisma.$transaction(async (tx) => {
    await lockContest(tx, contest.id);
    await tx.contest.update({ where: { id: contest.id }, data: { title: "Người thứ hai" } });
  }));
  await new Promise((resolve) => setTimeout(resolve, BEYOND_PRISMA_DEFAULT_MS));
  release();

  expect(await Promise.all([first, second])).toEqual(["committed", "committed"]);
  expect((await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).title).toBe("Người thứ hai");
});
