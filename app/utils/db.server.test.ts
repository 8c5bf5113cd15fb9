// The one database client on the test database. On SQLite (one connection) a statement made
// outside a transaction waits for an open transaction to end: it neither reads that transaction's
// uncommitted rows nor is rolled back with it. PostgreSQL gives the same guarantees through
// separate pooled connections, so the checks hold on both.
import { describe, expect, it } from "vitest";
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
