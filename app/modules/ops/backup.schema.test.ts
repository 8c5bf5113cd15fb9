import { describe, expect, it } from "vitest";
import { checkMigrations, manifestSchema } from "./backup.schema";

const A = "20261129113417_init";
const B = "20261201201237_stored_file_per_upload";
const C = "20270101000000_next";

describe("checkMigrations", () => {
  it("lets a backup as new as the code, or older, go into a new database or one no newer than the backup", () => {
    expect(checkMigrations([A, B], [A, B], [])).toBeNull();
    expect(checkMigrations([A], [A, B], [])).toBeNull();
    expect(checkMigrations([A, B], [A, B], [A, B])).toBeNull();
    expect(checkMigrations([A, B], [A, B], [A])).toBeNull();
  });

  it("refuses a backup with migrations the code does not know, naming them", () => {
    expect(checkMigrations([A, B, C], [A, B], [])).toEqual({ reason: "backupNewerThanCode", migrations: [C] });
  });

  it("refuses a target with migrations the backup does not have, naming them", () => {
    expect(checkMigrations([A], [A, B], [A, B])).toEqual({ reason: "targetNewerThanBackup", migrations: [B] });
  });
});

describe("the manifest schema", () => {
  const valid = {
    format: "essay-portal-backup",
    formatVersion: 1,
    snapshotAt: "2026-12-01T22:00:00.000Z",
    finishedAt: "2026-12-01T22:00:01.000Z",
    portalVersion: "0.1.0",
    database: { kind: "sqlite", file: "database.sqlite", sha256: "a".repeat(64), size: 10, migrations: [A] },
    counts: { Entry: 3 },
    files: { local: [{ sha256: "b".repeat(64), size: 4 }], uploadthing: { rows: 0, copied: false } },
  };

  it("accepts a manifest the backup writes", () => {
    expect(manifestSchema.safeParse(valid).success).toBe(true);
  });

  it("refuses a snapshot file name that would leave the backup folder, and a file that is not a SHA-256", () => {
    expect(manifestSchema.safeParse({ ...valid, database: { ...valid.database, file: "../../etc/passwd" } }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...valid, files: { ...valid.files, local: [{ sha256: "../x", size: 1 }] } }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...valid, formatVersion: 2 }).success).toBe(false);
  });
});
