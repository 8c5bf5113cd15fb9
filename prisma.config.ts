// Prisma CLI configuration: the JavaScript schema engine through a driver adapter,
// so no native engine is downloaded (docs/decisions/0001-prisma-6-js-engines.md).
// The provider follows DATABASE_URL exactly as the application does.
import fs from "node:fs";
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { resolveDatabase } from "./app/utils/database-url";

const target = resolveDatabase();
// The schema files read env("DATABASE_URL"); give them the resolved URL.
process.env.DATABASE_URL = target.url;

async function sqliteAdapter() {
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  if (target.file) fs.mkdirSync(path.dirname(target.file), { recursive: true });
  return new PrismaBetterSQLite3({ url: target.url });
}

async function postgresAdapter() {
  const pg = (await import("pg")).default;
  // prisma/prisma#27403: the WebAssembly schema engine cannot decode columns of the
  // Postgres type `name` (oid 19). Report them as text (oid 25); the bytes are the same.
  const pool = pg.Pool.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown>; __nameFix?: boolean };
  if (!pool.__nameFix) {
    const original = pool.query;
    pool.query = async function (this: unknown, ...args: unknown[]) {
      const result = (await original.apply(this, args)) as { fields?: { dataTypeID: number }[] } | undefined;
      for (const field of result?.fields ?? []) if (field.dataTypeID === 19) field.dataTypeID = 25;
      return result;
    };
    pool.__nameFix = true;
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: target.url });
}

export default {
  experimental: { adapter: true },
  engine: "js",
  // prisma/derive-pg.mjs diffs temporary schema files and names the one in use here.
  schema:
    process.env.PRISMA_DERIVE_SCHEMA ??
    (target.kind === "postgresql" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma"),
  migrations: {
    path: target.kind === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations",
  },
  adapter: target.kind === "postgresql" ? postgresAdapter : sqliteAdapter,
} satisfies PrismaConfig;
