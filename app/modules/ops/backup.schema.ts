// What a backup is (docs/backup.md): a folder with manifest.json, the database snapshot and the
// uploaded files the snapshot refers to, laid out as the local store lays them out
// (files/ab/cd/<sha256>). The manifest is checked with this schema before a restore reads
// anything else; the checks that decide whether a restore may go ahead are plain functions here.
import { z } from "zod";

export const BACKUP_FORMAT = "essay-portal-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";
export const FILES_DIR = "files";
export const SQLITE_SNAPSHOT_FILE = "database.sqlite";
export const PG_DUMP_FILE = "database.pgdump";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "not a SHA-256");

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  /** When the database snapshot was taken (ISO 8601): the backup holds what was committed then. */
  snapshotAt: z.string().datetime(),
  finishedAt: z.string().datetime(),
  portalVersion: z.string(),
  database: z.object({
    kind: z.enum(["sqlite", "postgresql"]),
    /** The snapshot's file name inside the backup folder. */
    file: z.string().regex(/^[\w.-]+$/),
    sha256,
    size: z.number().int().nonnegative(),
    /** Applied migrations, oldest first. */
    migrations: z.array(z.string()),
    /** The server that was dumped (PostgreSQL). */
    serverVersion: z.string().optional(),
  }),
  /** Rows per table in the snapshot (the migrations table aside). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  files: z.object({
    /** Every file on local disk that a row of the snapshot refers to, by content address. */
    local: z.array(z.object({ sha256, size: z.number().int().nonnegative() })),
    /** Rows whose files live at UploadThing: counted, not copied. */
    uploadthing: z.object({ rows: z.number().int().nonnegative(), copied: z.literal(false) }),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Where a file of the backup (or of the local store) lives under its root. */
export function contentPath(sha: string): string[] {
  return [sha.slice(0, 2), sha.slice(2, 4), sha];
}

export type MigrationRefusal =
  | { reason: "backupNewerThanCode"; migrations: string[] }
  | { reason: "targetNewerThanBackup"; migrations: string[] };

/**
 * Whether a backup whose database had `backup` applied may be restored by this version of the
 * portal (which knows the migrations `code`) over a database that has `target` applied
 * (empty for a new database). A backup may be older than the code (the portal applies the
 * missing migrations when it starts), never newer; and the target must not have a migration the
 * backup lacks (restoring would silently take its schema back).
 */
export function checkMigrations(backup: readonly string[], code: readonly string[], target: readonly string[]): MigrationRefusal | null {
  const known = new Set(code);
  const unknown = backup.filter((m) => !known.has(m));
  if (unknown.length) return { reason: "backupNewerThanCode", migrations: unknown };
  const inBackup = new Set(backup);
  const newer = target.filter((m) => !inBackup.has(m));
  if (newer.length) return { reason: "targetNewerThanBackup", migrations: newer };
  return null;
}
