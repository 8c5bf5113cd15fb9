// What backup and restore share: the PostgreSQL client tools (pg_dump, pg_restore) get the
// database as a libpq connection URI without its password (so it never shows in the process list;
// the password goes in PGPASSWORD) and with only the URI parameters libpq knows (the portal's
// DATABASE_URL may carry others that libpq would refuse); the portal's version and migrations.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const LIBPQ_PARAMS = new Set([
  "sslmode",
  "sslcert",
  "sslkey",
  "sslrootcert",
  "sslpassword",
  "application_name",
  "connect_timeout",
  "options",
  "target_session_attrs",
  "host",
  "port",
]);

export function libpqEnv(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = "";
  for (const key of [...u.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) u.searchParams.delete(key);
  return { args: [`--dbname=${u.toString()}`], env };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** The repository root (where package.json and prisma/ are). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export async function portalVersion(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(path.join(ROOT, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

/** The migrations this version of the portal knows, oldest first. */
export async function codeMigrations(kind: "sqlite" | "postgresql"): Promise<string[]> {
  const dir = path.join(ROOT, kind === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations");
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
