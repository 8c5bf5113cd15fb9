// The one database client on the test database. On SQLite (one connection) a statement made
// outside a transaction waits for an open transaction to end: it neither reads that transaction's
// uncommitted rows nor is rolled back with it. PostgreSQL gives the same guarantees through
// separate pooled connections, so the checks hold on both.
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { resolveDatabase } from "./database-url";
import { lockContest } from "#app/modules/contests/lock.server";
import { createTestContest } from "#tests/factories/contests";
import { prisma, Turns } from "./db.server";

/** Opens a transaction that writes `key`, then waits until `finish` is called; rolls back when told to. */
function openTransaction(key: string) {
  let inside!: () => void;
  const opened = new Promise<void>((resolve) => (inside = resolve));
  let finish!: (rollback: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (finish = resolve));
  const done = prisma
    .$transaction(async (tx) => {
      await tx.rateLimit.create({ data: { key, count: 1, windowStart: new Date() } });
      inside();
      if (await decided) throw new Error("rolled back on purpose");
    })
    .then(
      () => "committed" as const,
      () => "rolled back" as const,
    );
  return { opened, finish, done };
}

/** Lets a statement just started get as far as the driver (it then waits there, or runs) before the transaction ends. */
const reachTheDatabase = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("statements outside a transaction", () => {
  it("never read the uncommitted rows of a transaction that is open", async () => {
    const tx = openTransaction("uncommitted-read");
    await tx.opened;
    const read = prisma.rateLimit.count({ where: { key: "uncommitted-read" } }).then((n) => n);
    await reachTheDatabase();
    tx.finish(true);
    expect(await tx.done).toBe("rolled back");
    expect(await read).toBe(0);
  });

  it("are not rolled back with a transaction that was open when they ran", async () => {
    const tx = openTransaction("rolled-back-neighbour");
    await tx.opened;
    const write = prisma.rateLimit.create({ data: { key: "independent-write", count: 1, windowStart: new Date() } }).then(() => undefined);
    await reachTheDatabase();
    tx.finish(true);
    expect(await tx.done).toBe("rolled back");
    await write;
    expect(await prisma.rateLimit.count({ where: { key: "independent-write" } })).toBe(1);
    expect(await prisma.rateLimit.count({ where: { key: "rolled-back-neighbour" } })).toBe(0);
  });
});

// SQLite only: on PostgreSQL the root client reads on another pooled connection, outside the transaction.
describe.skipIf(process.env.TEST_PG_TEMPLATE)("the root client inside a transaction's callback", () => {
  it("runs at once in that transaction instead of waiting for it", async () => {
    const seen = await prisma.$transaction(async (tx) => {
      await tx.rateLimit.create({ data: { key: "inside-own-transaction", count: 1, windowStart: new Date() } });
      return prisma.rateLimit.count({ where: { key: "inside-own-transaction" } });
    });
    expect(seen).toBe(1);
  });
});

// SQLite only: another connection to the same file, as a command-line job or a browser test's
// factories hold while the server runs. It writes from a worker thread, since better-sqlite3 waits
// for a lock synchronously.
function otherConnectionWrites(file: string, key: string): Promise<string> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require("better-sqlite3");
    const db = new Database(workerData.file, { timeout: 10000 });
    try {
      db.prepare('INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (?, 1, ?)').run(workerData.key, Date.now());
      parentPort.postMessage("committed");
    } catch (error) {
      parentPort.postMessage(error.code || String(error));
    } finally {
      db.close();
    }`;
  const worker = new Worker(code, { eval: true, workerData: { file, key } });
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

describe.skipIf(process.env.TEST_PG_TEMPLATE)("a transaction beside another connection to the file", () => {
  it("that reads, then writes after another connection's write, commits instead of failing", async () => {
    const { file } = resolveDatabase(process.env);
    let afterRead!: () => void;
    const read = new Promise<void>((resolve) => (afterRead = resolve));
    let carryOn!: () => void;
    const goOn = new Promise<void>((resolve) => (carryOn = resolve));
    const tx = prisma.$transaction(async (t) => {
      await t.rateLimit.count({ where: { key: { startsWith: "beside-" } } });
      afterRead();
      await goOn;
      await t.rateLimit.create({ data: { key: "beside-mine", count: 1, windowStart: new Date() } });
    });
    await read;
    // With a deferred BEGIN the other write commits here, and the transaction's write then fails.
    const theirs = otherConnectionWrites(file!, "beside-theirs");
    await new Promise((resolve) => setTimeout(resolve, 300));
    carryOn();
    await tx;
    expect(await theirs).toBe("committed");
    const rows = await prisma.$queryRawUnsafe<{ key: string }[]>(`SELECT "key" FROM "RateLimit" WHERE "key" LIKE 'beside-%' ORDER BY "key"`);
    expect(rows.map((r) => r.key)).toEqual(["beside-mine", "beside-theirs"]);
  });
});

describe("Turns", () => {
  it("gives turns in the order they were asked for, one at a time, and a turn ends once", async () => {
    const turns = new Turns();
    const order: string[] = [];
    const first = await turns.take();
    const second = turns.take().then((release) => {
      order.push("second");
      return release;
    });
    const third = turns.take().then((release) => {
      order.push("third");
      release();
    });
    order.push("first");
    first();
    first(); // ending twice does not hand out an extra turn
    const releaseSecond = await second;
    expect(order).toEqual(["first", "second"]);
    releaseSecond();
    await third;
    expect(order).toEqual(["first", "second", "third"]);
  });
});

// Interactive transactions queued behind the contest lock. During a deadline surge the writers of
// one contest run one after another (lockContest); with Prisma's default limits (2 s to start, 5 s
// in all, the wait for the lock included) a queue of a dozen judges' autosaves on PostgreSQL ended
// in 500s ("expired transaction", found by bench/surge.bench.ts).
describe("a writer queued behind the contest lock", () => {
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
});
