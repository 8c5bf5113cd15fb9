#!/usr/bin/env node
// postinstall: generate both Prisma clients (SQLite and PostgreSQL) into app/generated/.
// Neither needs a database or a download (JavaScript engines, docs/decisions/0001).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The schema must validate, so each gets a URL of its own provider; generate never connects.
const targets = [
  ["prisma/schema.prisma", ""],
  ["prisma/postgres/schema.prisma", "postgresql://localhost/generate"],
];
for (const [schema, url] of targets) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url },
  });
}
