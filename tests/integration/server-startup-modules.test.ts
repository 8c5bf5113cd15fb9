// Decision 0029: heavy libraries needed only by some requests, deployments or jobs are loaded on
// first use, never when the server starts. Loading the built server in a fresh Node process must
// not load any of them (directly or through another package); busboy (CommonJS) and i18next (an
// ES module), which every server loads, show that the check sees both kinds of module.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { missingBuild, ROOT, SERVER_BUILD } from "./server-process";

const skip = missingBuild();

// Every module the process loads: ES modules through a resolve hook (it writes each URL to
// standard error), CommonJS ones from the CommonJS loader's cache at the end (in Node 20 a
// require() inside a CommonJS package does not pass through the ES hooks).
const RESOLVE_HOOK = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write("loaded " + resolved.url + "\\n");
  return resolved;
}`;
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`)});`;

/** The packages (under node_modules) a fresh Node process loads when it imports the server build. */
function packagesLoadedAtStart(): Set<string> {
  const script = `
    import { createRequire } from "node:module";
    import { pathToFileURL } from "node:url";
    await import(pathToFileURL(${JSON.stringify(SERVER_BUILD)}).href);
    for (const file of Object.keys(createRequire(import.meta.url).cache)) process.stderr.write("loaded " + file + "\\n");
  `;
  const run = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, "--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const packages = new Set<string>();
  for (const line of run.stderr.split("\n")) {
    if (!line.startsWith("loaded ")) continue;
    const at = line.lastIndexOf("node_modules/");
    const match = at >= 0 ? /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line.slice(at)) : null;
    if (match) packages.add(match[1]!);
  }
  return packages;
}

describe.skipIf(skip)(`the built server at start${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("loads none of the heavy libraries that only some requests, deployments or jobs use", { timeout: 90_000 }, () => {
    const loaded = packagesLoadedAtStart();
    expect(loaded.has("busboy")).toBe(true);
    expect(loaded.has("i18next")).toBe(true);
    const heavy = ["exceljs", "pdf-lib", "@pdf-lib/fontkit", "recharts", "nodemailer", "pg", "@prisma/adapter-pg", "uploadthing", "mammoth", "unpdf"];
    expect(heavy.filter((name) => loaded.has(name))).toEqual([]);
  });
});
