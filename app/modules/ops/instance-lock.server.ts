// Who is using a database: every running portal instance holds a shared "instance lock" on its
// database for as long as it runs; a restore takes the same lock exclusively, so it is refused
// while any instance runs, and an instance cannot start while a restore is in progress.
// The operating system (SQLite) or the server (PostgreSQL) releases a lock when its holder dies,
// so a crashed portal never blocks a restore.
//   SQLite: a small lock file beside the database (`portal.db.running`), held by an open read
//     transaction (a SHARED lock); the restore asks for an EXCLUSIVE lock without waiting.
//   PostgreSQL: a session-level advisory lock on one dedicated connection per instance, shared;
//     the restore tries it exclusively. This works across hosts.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import type { DatabaseTarget } from "#app/utils/database-url";

/** The advisory lock key of portal instances (any constant; Prisma's migration lock is another). */
export const INSTANCE_LOCK_KEY = 7_301_958_214;

export class InstanceLockError extends Error {}

export interface InstanceLock {
  release(): Promise<void>;
}

/** The lock file of an SQLite database. */
export function sqliteLockFile(databaseFile: string): string {
  return `${databaseFile}.running`;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

/**
 * Connection options for the pg client, with a name that shows in pg_stat_activity. pg is loaded
 * here, on PostgreSQL only: a portal on SQLite never loads it.
 */
async function pgClient(url: string, role: string): Promise<pg.Client> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, application_name: `essay-portal ${role}` });
  // A dropped connection must not crash the process through an unhandled 'error' event.
  client.on("error", () => {});
  return client;
}

/**
 * Held by a running portal (server start): shared, so several instances may run together.
 * Throws InstanceLockError while a restore holds the database.
 */
export async function holdInstanceLock(target: DatabaseTarget): Promise<InstanceLock> {
  if (target.kind === "postgresql") {
    const client = await pgClient(target.url, "instance");
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock_shared($1) AS ok", [INSTANCE_LOCK_KEY]);
    if (!rows[0]?.ok) {
      await client.end();
      throw new InstanceLockError("A restore of this database is in progress: start the portal again when it has finished.");
    }
    return { release: () => client.end() };
  }
  fs.mkdirSync(path.dirname(target.file!), { recursive: true });
  const db = new Database(sqliteLockFile(target.file!), { timeout: 0 });
  try {
    db.exec("BEGIN");
    // The first read takes the SHARED lock; the open transaction keeps it.
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new InstanceLockError("A restore of this database is in progress: start the portal again when it has finished.");
    throw error;
  }
  return {
    release: async () => {
      db.close();
    },
  };
}

/**
 * Taken by a restore: exclusive, without waiting. Throws InstanceLockError, saying what to do,
 * while any portal instance runs on the database.
 */
export async function takeExclusiveLock(target: DatabaseTarget): Promise<InstanceLock> {
  const running = new InstanceLockError(
    "The portal is running on this database: stop every instance of it first (a restore replaces the whole database).",
  );
  if (target.kind === "postgresql") {
    const client = await pgClient(target.url, "restore");
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [INSTANCE_LOCK_KEY]);
    if (!rows[0]?.ok) {
      await client.end();
      throw running;
    }
    return { release: () => client.end() };
  }
  fs.mkdirSync(path.dirname(target.file!), { recursive: true });
  const db = new Database(sqliteLockFile(target.file!), { timeout: 0 });
  try {
    db.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    db.close();
    if (isBusy(error)) throw running;
    throw error;
  }
  return {
    release: async () => {
      db.close();
    },
  };
}
