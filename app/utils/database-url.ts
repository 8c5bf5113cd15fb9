// Where the database is, decided in one place for the app, the Prisma CLI and the scripts.
// DATABASE_URL unset: an SQLite file under ./data/. A postgresql:// URL: PostgreSQL.
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** For SQLite an absolute `file:` URL; for PostgreSQL the URL as given. */
  url: string;
  /** For SQLite the absolute file path. */
  file?: string;
}

export const DEFAULT_DATA_DIR = "data";

export function dataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.DATA_DIR ?? DEFAULT_DATA_DIR);
}

export function resolveDatabase(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    const file = path.join(dataDir(env), "portal.db");
    return { kind: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//i.test(raw)) return { kind: "postgresql", url: raw };
  if (raw.startsWith("file:")) {
    const file = path.resolve(raw.slice("file:".length).replace(/\?.*$/, ""));
    return { kind: "sqlite", url: `file:${file}`, file };
  }
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${raw.slice(0, 20)}…"`,
  );
}
