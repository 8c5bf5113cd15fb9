// The one database client. SQLite (better-sqlite3) by default, PostgreSQL when
// DATABASE_URL says so; both clients are generated from the same model
// (docs/decisions/0002-two-databases.md), so the SQLite client's types serve for both.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as PgClient } from "#app/generated/pg/client";
import { PrismaClient } from "#app/generated/sqlite/client";
import type { DatabaseTarget } from "./database-url";
import { env } from "./env.server";

export type Db = PrismaClient;
export { Prisma } from "#app/generated/sqlite/client";

/** A transaction client, for functions that take part in a caller's transaction. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Turns on one connection, first come first served; `take` resolves with the function that ends the turn. */
export class Turns {
  private tail: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    const previous = this.tail;
    let end!: () => void;
    this.tail = new Promise<void>((resolve) => (end = resolve));
    let ended = false;
    const release = () => {
      if (ended) return;
      ended = true;
      end();
    };
    return previous.then(() => release);
  }
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** Set while the callback of an interactive transaction runs (see withTransactionScope). */
const transactionScope = new AsyncLocalStorage<{ open: boolean }>();

/**
 * The SQLite adapter has one connection and serialises only transactions with each other: a query
 * made outside a transaction while one is open runs inside it, reading its uncommitted rows and,
 * for a write, being rolled back with it. Here every statement outside a transaction and every
 * transaction, from BEGIN to COMMIT or ROLLBACK, takes its turn. A statement on the root client
 * made from inside a transaction's own callback (which should use the transaction) runs at once,
 * in that transaction, as before: waiting would wait for itself.
 */
export function takeTurns(adapter: SqliteAdapter): SqliteAdapter {
  const turns = new Turns();
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  const inTurn =
    <A, R>(run: (arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      if (transactionScope.getStore()?.open) return run(arg);
      const release = await turns.take();
      try {
        return await run(arg);
      } finally {
        release();
      }
    };
  adapter.queryRaw = inTurn(queryRaw);
  adapter.executeRaw = inTurn(executeRaw);
  adapter.executeScript = inTurn(executeScript);
  adapter.startTransaction = async (isolationLevel) => {
    const release = await turns.take();
    try {
      const tx = await startTransaction(isolationLevel);
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return tx;
    } catch (error) {
      release();
      throw error;
    }
  };
  return adapter;
}

/**
 * Transactions begin IMMEDIATE, taking the write lock at BEGIN. The adapter's plain BEGIN is
 * deferred: a transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT
 * (which Prisma reports as "Operation has timed out") when another connection to the file (a
 * command-line job, a test) committed in between, instead of waiting the busy timeout. Within the
 * process transactions already take turns, so taking the lock early costs nothing.
 */
export function beginImmediate(adapter: SqliteAdapter): SqliteAdapter {
  const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client;
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
  return adapter;
}

/** Opens SQLite connections with the pragmas the portal relies on, statements taking turns. */
class ConfiguredSqlite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = beginImmediate(await super.connect());
    for (const sql of [
      // WAL lets readers run beside the writer; FULL makes a commit durable before it is acknowledged.
      "PRAGMA journal_mode = WAL",
      "PRAGMA synchronous = FULL",
      "PRAGMA foreign_keys = ON",
      // Reads of a national round walk hundreds of thousands of index entries: a 64 MB page cache
      // and the file mapped into memory (up to 1 GiB; address space, not memory) instead of
      // SQLite's 2 MB cache copying each page out of the OS (BENCHMARKS.md, "Ranking a round").
      "PRAGMA cache_size = -65536",
      "PRAGMA mmap_size = 1073741824",
    ]) {
      await adapter.queryRaw({ sql, args: [], argTypes: [] });
    }
    return takeTurns(adapter);
  }
}

/**
 * Limits of an interactive transaction unless it names its own: how long it may wait to start
 * (for a connection, or on SQLite for the one writer) and how long it may run in all, the wait for
 * the contest's lock included (lockContest). Under a deadline surge the writers of one contest
 * queue behind that lock; Prisma's defaults (2 s and 5 s) turned a queue of a dozen autosaves into
 * errors (BENCHMARKS.md, "Deadline surge"). Long jobs still set their own, longer limits.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PgClient>[0]>["adapter"]>;

/**
 * PrismaPg's factory, with the adapter (and pg under it, some 15 MB of a process's memory) loaded
 * when the client first connects: a portal on SQLite never loads them.
 */
function postgresAdapter(connectionString: string): AdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => new (await import("@prisma/adapter-pg")).PrismaPg({ connectionString }).connect(),
  };
}

export function createDb(target: DatabaseTarget): Db {
  if (target.kind === "postgresql") {
    return new PgClient({ adapter: postgresAdapter(target.url), transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
  }
  if (target.file) fs.mkdirSync(path.dirname(target.file), { recursive: true });
  return withTransactionScope(new PrismaClient({ adapter: new ConfiguredSqlite({ url: target.url, timeout: 10_000 }), transactionOptions: TRANSACTION_OPTIONS }));
}

/** Marks the callbacks of the client's interactive transactions, for takeTurns. */
function withTransactionScope(client: Db): Db {
  const original = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  const scoped = (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return original(arg, options);
    const callback = arg as (tx: Tx) => Promise<unknown>;
    return original(async (tx: Tx) => {
      const scope = { open: true };
      try {
        return await transactionScope.run(scope, () => callback(tx));
      } finally {
        scope.open = false;
      }
    }, options);
  };
  client.$transaction = scoped as Db["$transaction"];
  return client;
}

const holder = globalThis as unknown as { __portalDb?: Db };

function client(): Db {
  holder.__portalDb ??= createDb(env().database);
  return holder.__portalDb;
}

/**
 * The process-wide client, created on first use so that tests and scripts can choose the
 * database (DATABASE_URL) before anything touches it.
 */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export async function disconnectDb() {
  const current = holder.__portalDb;
  holder.__portalDb = undefined;
  await current?.$disconnect();
}

export function databaseKind() {
  return env().database.kind;
}

/** Answers whether the database responds; used by /healthz. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
