// Starts the built server for the browser tests with an empty data folder (DATA_DIR), so each
// run begins with a fresh SQLite database, no mail and a new first-admin link.
import fs from "node:fs";
import path from "node:path";

const dataDir = process.env.DATA_DIR;
if (!dataDir || !path.resolve(dataDir).includes(`${path.sep}tests${path.sep}.tmp${path.sep}`)) {
  throw new Error(`serve.mjs: DATA_DIR must be a folder under tests/.tmp (got ${dataDir ?? "nothing"})`);
}
if (!fs.existsSync("build/server/index.js")) {
  throw new Error("serve.mjs: build/server/index.js is missing; run `npm run build` first (npm run test:e2e does)");
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
await import("../../server.mjs");
