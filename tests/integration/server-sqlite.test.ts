// The real server on a fresh SQLite data folder: it migrates an empty database at start,
// answers /healthz, leaves the first-admin link in the data folder, and stops gracefully.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingBuild, startServer, type RunningServer } from "./server-process";

const skip = missingBuild();

describe.skipIf(skip)(`node server.mjs on SQLite${skip ? ` (skipped: ${skip})` : ""}`, () => {
  // A data folder of its own inside this test file's (tests/setup/setup-file.ts made it).
  const dataDir = path.join(process.env.DATA_DIR!, "server-sqlite");
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.stop("SIGKILL");
  });

  it("starts on an empty data folder, reports healthy and stops on SIGTERM", { timeout: 45_000 }, async () => {
    expect(fs.existsSync(dataDir)).toBe(false);
    server = await startServer({ DATA_DIR: dataDir });

    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "sqlite" });

    expect(fs.existsSync(path.join(dataDir, "portal.db"))).toBe(true);
    const link = fs.readFileSync(path.join(dataDir, "first-admin-link.txt"), "utf8").trim();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{20,}$/);
    // The same link is in the log, for whoever reads the console at first start.
    expect(server.logs.some((l) => l.firstAdminLink === link)).toBe(true);

    // Vietnamese pages come out as clean UTF-8: React 18's streaming renderer can leave NUL
    // bytes where a multi-byte letter meets a chunk boundary (app/entry.server.tsx removes them).
    for (const page of ["/", "/login", "/signup", "/forgot-password", "/healthz/x", "/organize"]) {
      const body = Buffer.from(await (await fetch(`${server.url}${page}`)).arrayBuffer());
      expect(body.length, page).toBeGreaterThan(500);
      expect(body.includes(0), `NUL byte in ${page}`).toBe(false);
    }

    const code = await server.stop("SIGTERM");
    expect(code, server.output()).toBe(0);
    expect(server.logs.map((l) => l.msg)).toContain("stopped");
  });
});
