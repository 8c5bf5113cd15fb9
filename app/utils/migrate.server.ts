// Migrations apply at start with Prisma's own migrator (`prisma migrate deploy`, run through
// the JavaScript schema engine configured in prisma.config.ts). On PostgreSQL it takes an
// advisory lock, so several instances starting together apply each migration once.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import type { DatabaseTarget } from "./database-url";

const run = promisify(execFile);

export async function migrateDeploy(target: DatabaseTarget, cwd = process.cwd()): Promise<string> {
  const require = createRequire(path.join(cwd, "package.json"));
  const cli = require.resolve("prisma/build/index.js");
  const { stdout } = await run(process.execPath, [cli, "migrate", "deploy"], {
    cwd,
    env: { ...process.env, DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}
