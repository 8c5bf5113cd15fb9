// The crash-safety harness (docs/crash-safety.md):
//
//   npm run test:crash -- [--kills 200] [--json] [--database sqlite|postgresql|all] [--max-delay-ms 400]
//                         [--sabotage none|no-kill|torn-file|lost-commit] [--seed N] [--sequential] [--keep]
//
// For each database (SQLite: a fresh file; PostgreSQL: a fresh database on the server of
// CRASH_PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres, dropped at the end)
// it starts the built server (server.mjs with build/), seeds a contest open for entries and a
// contest in judging, and lets entrants submit essays and judges save scoresheets over HTTP
// (./workload) while it kills the server's whole process group with SIGKILL after a random
// delay, checks what survived while the server is down (./checks), restarts it and goes on.
// After the last kill and restart: every acknowledged write, every record and file, and the
// database's integrity check. One JSON line per database on standard output:
//   {database, kills, acknowledged, lost, partial, restartSeconds, seconds, ...}
// The exit code is non-zero when a database lost an acknowledged write, holds a partial record,
// fails its integrity check, or was killed fewer times than asked.
//
// Sabotage, to show the checks are not vacuous (each must make the run fail):
//   no-kill      the harness's kill is removed (the server runs on): kills 0 < the kills asked;
//   torn-file    after each kill, the newest acknowledged file is cut in half on disk: partial;
//   lost-commit  after the first kill the database is copied, and after every later kill put
//                back from that copy, as if it acknowledged commits it did not keep: lost.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Findings } from "./checks";
import type { Ledger } from "./workload";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SELF = fileURLToPath(import.meta.url);
const DATABASES = ["sqlite", "postgresql"] as const;
type Kind = (typeof DATABASES)[number];
const SABOTAGES = ["none", "no-kill", "torn-file", "lost-commit"] as const;
type Sabotage = (typeof SABOTAGES)[number];
const SESSION_SECRET = "crash-harness-secret-crash-harness-secret";
const DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface CrashResult {
  database: Kind;
  sabotage: Sabotage;
  kills: number;
  killsAsked: number;
  acknowledged: number;
  lost: number;
  partial: number;
  /** Mean time from spawning the server to its "listening" line, over every restart. */
  restartSeconds: number;
  restartSecondsMax: number;
  seconds: number;
  requests: number;
  unanswered: number;
  refused: number;
  entries: number;
  versions: number;
  sheets: number;
  submittedSheets: number;
  /** Bytes under a final name that no row holds (a kill between storing them and the commit): unreachable, not partial. */
  orphanFiles: number;
  temporaryFiles: number;
  integrity: string;
  ok: boolean;
  /** Up to ten of the problems found, for the reader. */
  failures: string[];
}

const options = {
  kills: { type: "string", default: "200" },
  /** The kill comes up to this long after the acknowledged writes a cycle waits for. */
  "max-delay-ms": { type: "string", default: "400" },
  json: { type: "boolean", default: false },
  database: { type: "string", default: "all" },
  sabotage: { type: "string", default: "none" },
  seed: { type: "string" },
  sequential: { type: "boolean", default: false },
  keep: { type: "boolean", default: false },
  worker: { type: "string" },
} as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`${message}\n`);

// ───────────────────────────── one database (a child process of its own) ─────────────────────────────

async function runWorker(kind: Kind, killsAsked: number, sabotage: Sabotage, seed: number, keep: boolean, maxDelayMs: number): Promise<CrashResult> {
  const started = performance.now();
  const id = `${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
  const dataDir = path.join(ROOT, "tests/.tmp", `crash-${kind}-${id}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const pg = (await import("pg")).default;
  const adminUrl = process.env.CRASH_PG_ADMIN_URL || DEFAULT_PG;
  const dbName = `portal_crash_${id}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let databaseUrl = `file:${path.join(dataDir, "portal.db")}`;
  if (kind === "postgresql") {
    await admin(`CREATE DATABASE "${dbName}"`);
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  // This process reads and seeds the same database as the server (the factories' client).
  Object.assign(process.env, { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SESSION_SECRET, NODE_ENV: "test", LOG_LEVEL: "silent", PHASE_SCHEDULER_SECONDS: "0" });
  const serverEnv = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SESSION_SECRET, PHASE_SCHEDULER_SECONDS: "0", LOG_LEVEL: "info" };

  const { startServer } = await import("#tests/integration/server-process");
  const { disconnectDb, prisma } = await import("#app/utils/db.server");
  const { seededRandom } = await import("#app/utils/random");
  const { createTestUser, sessionCookie } = await import("#tests/factories/accounts");
  const { createOpenContest } = await import("#tests/factories/entries");
  const { createScoringContest } = await import("#tests/factories/scoring");
  const { checkIntegrity, checkLedger, checkStructure } = await import("./checks");
  const { Gate, newStats, runEntrant, runJudge } = await import("./workload");
  type Server = Awaited<ReturnType<typeof startServer>>;

  const random = seededRandom(seed);
  /** Started and answering /healthz (its first database query, which loads the query engine). */
  const start = async () => {
    const running = await startServer(serverEnv, 60_000, { processGroup: true });
    const health = await fetch(`${running.url}/healthz`);
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status} after a restart:\n${running.output()}`);
    return running;
  };
  const restarts: number[] = [];
  let server: Server = await start(); // migrates the fresh database
  const findings: Findings = { lost: [], partial: [] };
  const lost = new Set<string>();
  const partial = new Set<string>();
  const collect = () => {
    for (const x of findings.lost.splice(0)) lost.add(x);
    for (const x of findings.partial.splice(0)) partial.add(x);
  };
  let kills = 0;
  const stats = newStats();
  const ledger = { entries: [], unknownNew: [], sheets: [] } as Ledger;
  const touched = { entries: new Set<string>(), sheets: new Set<string>() };
  let snapshot: (() => Promise<void>) | null = null;

  try {
    // ── seed: a contest open for entries (TXT files) with entrants, and a contest in judging ──
    const open = await createOpenContest({ maxEntriesPerUser: 1_000_000, maxFileBytes: 2 * 1024 * 1024, allowedFileTypes: "txt" });
    const entrants = [];
    for (let i = 0; i < 2; i++) {
      const user = await createTestUser({ name: `Tác giả thử số ${i + 1}` });
      entrants.push({ cookie: await sessionCookie(user.id), label: `T${i + 1}` });
    }
    const judging = await createScoringContest({ judges: 2, readsPerEntry: 2, entries: Math.max(20, Math.ceil(killsAsked * 0.8)) });
    const judges = judging.judges.map((j) => ({ cookie: j.cookie, assignmentIds: judging.assignments.filter((a) => a.judgeId === j.user.id).map((a) => a.id) }));
    const criteria = judging.criteria.map((c) => ({ id: c.id, maxPoints: c.maxPoints, step: c.step }));
    const scope = { submissionContestId: open.contest.id, judgingContestId: judging.contest.id, uploadsDir: path.join(dataDir, "uploads") };

    // ── the clients ──
    const gate = new Gate();
    let stopped = false;
    const ctx = { gate, stats, ledger, touched, random, stopped: () => stopped };
    const clients = [
      ...entrants.map((e) => runEntrant(ctx, e, { slug: open.contest.slug, categoryId: open.categories[0]!.id })),
      ...judges.map((j) => runJudge(ctx, j, criteria)),
    ];

    // ── the kill loop ──
    for (let cycle = 0; cycle < killsAsked; cycle++) {
      gate.open(server.url);
      // When to kill: one cycle in eight at a random moment of the first second (the clients'
      // first requests to a cold process); otherwise once 1 or 2 writes of this cycle are
      // acknowledged, entries' or scoresheets' (uploads are slower than autosaves: waiting for
      // any write would almost always cut every upload), giving up after 15 s, then 0 to
      // max-delay-ms later, while the other clients' writes are in flight. The sabotages always
      // wait for an acknowledged write (there must be something to lose or tear).
      const sabotaged = sabotage === "lost-commit" || sabotage === "torn-file";
      if (random() < 1 / 8 && !sabotaged) {
        await sleep(random() * 1000);
      } else {
        // A torn file needs an acknowledged file to tear.
        const entries = sabotage === "torn-file" || (sabotage !== "lost-commit" && random() < 0.5);
        const count = entries ? () => stats.acknowledgedEntries : () => stats.acknowledged - stats.acknowledgedEntries;
        const wanted = count() + 1 + Math.floor(random() * 2);
        for (let waited = 0; count() < wanted && waited < 15_000; waited += 10) await sleep(10);
        await sleep(random() * maxDelayMs);
      }
      gate.close();
      if (sabotage === "no-kill") continue;
      await server.stop("SIGKILL");
      kills++;
      // Every request cut by the kill fails at once; wait until each client has recorded its answer.
      for (let waited = 0; gate.busy > 0 && waited < 60_000; waited += 10) await sleep(10);
      if (sabotage === "torn-file") tearNewestFile(ledger, scope.uploadsDir);
      if (sabotage === "lost-commit") {
        await disconnectDb();
        if (!snapshot) snapshot = await copyDatabase(kind, databaseUrl, dataDir, admin, dbName);
        else await snapshot();
      }
      // The cheap check, while nothing runs: what was written since the last one.
      await checkLedger(
        scope,
        { entries: ledger.entries.filter((e) => touched.entries.has(e.entryId)), unknownNew: ledger.unknownNew, sheets: ledger.sheets.filter((s) => touched.sheets.has(s.assignmentId)) },
        findings,
        { unknownEntries: false },
      );
      await checkStructure(scope, findings, { hashEntries: touched.entries, walk: false });
      collect();
      touched.entries.clear();
      touched.sheets.clear();
      const t = performance.now();
      if (cycle === killsAsked - 1) stopped = true; // no load after the last restart
      server = await start();
      restarts.push((performance.now() - t) / 1000);
      if (cycle % 20 === 19) log(`${kind}: ${kills} kills, ${stats.acknowledged} acknowledged, lost ${lost.size}, partial ${partial.size}`);
    }
    stopped = true;
    gate.open(server.url);
    await Promise.all(clients);

    // ── after the last restart: the server answers, then stops; everything is checked ──
    const health = await fetch(`${server.url}/healthz`);
    if (health.status !== 200) partial.add(`the server answers /healthz with ${health.status} after the last restart`);
    await server.stop("SIGTERM");
    await checkLedger(scope, ledger, findings, { unknownEntries: true });
    const files = await checkStructure(scope, findings, { walk: true });
    const integrity = await checkIntegrity(kind);
    for (const x of stats.wrongEchoes) findings.partial.push(x);
    collect();

    const entries = await prisma.entry.count({ where: { contestId: open.contest.id } });
    const versions = await prisma.entryVersion.count({ where: { entry: { contestId: open.contest.id } } });
    const sheets = await prisma.scoresheet.count({ where: { assignment: { round: { contestId: judging.contest.id } } } });
    const submittedSheets = await prisma.scoresheet.count({ where: { status: "SUBMITTED", assignment: { round: { contestId: judging.contest.id } } } });
    const failures = [
      ...(kills < killsAsked ? [`killed ${kills} times, ${killsAsked} asked`] : []),
      ...integrity,
      ...lost,
      ...partial,
      ...stats.refusals.map((r) => `refused: ${r}`),
    ];
    const mean = restarts.reduce((a, b) => a + b, 0) / Math.max(1, restarts.length);
    return {
      database: kind,
      sabotage,
      kills,
      killsAsked,
      acknowledged: stats.acknowledged,
      lost: lost.size,
      partial: partial.size,
      restartSeconds: Number(mean.toFixed(3)),
      restartSecondsMax: Number(Math.max(0, ...restarts).toFixed(3)),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      requests: stats.requests,
      unanswered: stats.unanswered,
      refused: stats.refused,
      entries,
      versions,
      sheets,
      submittedSheets,
      orphanFiles: files.orphanFiles,
      temporaryFiles: files.temporaryFiles,
      integrity: integrity.length === 0 ? "ok" : `${integrity.length} problems`,
      ok: kills >= killsAsked && killsAsked > 0 && lost.size === 0 && partial.size === 0 && integrity.length === 0 && stats.refused === 0,
      failures: failures.slice(0, 10),
    };
  } finally {
    await server.stop("SIGKILL").catch(() => null);
    await disconnectDb();
    if (kind === "postgresql") {
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => null);
      await admin(`DROP DATABASE IF EXISTS "${dbName}_copy" WITH (FORCE)`).catch(() => null);
    }
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** torn-file: the newest acknowledged essay's bytes cut in half, where the store keeps them. */
function tearNewestFile(ledger: Ledger, uploadsDir: string) {
  for (let i = ledger.entries.length - 1; i >= 0; i--) {
    const versions = ledger.entries[i]!.versions;
    const sha = versions[versions.length - 1]?.sha256;
    if (!sha) continue;
    const file = path.join(uploadsDir, sha.slice(0, 2), sha.slice(2, 4), sha);
    if (!fs.existsSync(file)) continue;
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    return;
  }
}

/** lost-commit: copies the stopped database now and returns what puts that copy back. */
async function copyDatabase(kind: Kind, databaseUrl: string, dataDir: string, admin: (sql: string) => Promise<unknown>, dbName: string): Promise<() => Promise<void>> {
  if (kind === "sqlite") {
    const file = databaseUrl.slice("file:".length);
    const copy = path.join(dataDir, "copy");
    fs.mkdirSync(copy, { recursive: true });
    const suffixes = ["", "-wal", "-shm"];
    for (const s of suffixes) if (fs.existsSync(file + s)) fs.copyFileSync(file + s, path.join(copy, path.basename(file) + s));
    return async () => {
      for (const s of suffixes) {
        fs.rmSync(file + s, { force: true });
        const saved = path.join(copy, path.basename(file) + s);
        if (fs.existsSync(saved)) fs.copyFileSync(saved, file + s);
      }
    };
  }
  // The killed server's sessions may linger a moment: end them so the database can be a template.
  const terminate = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`;
  await admin(terminate);
  await admin(`CREATE DATABASE "${dbName}_copy" TEMPLATE "${dbName}"`);
  return async () => {
    await admin(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${dbName}" TEMPLATE "${dbName}_copy"`);
  };
}

// ───────────────────────────── the command ─────────────────────────────

function runChild(kind: Kind, args: string[]): Promise<{ code: number | null; result: CrashResult | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", SELF, "--worker", kind, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      let result: CrashResult | null = null;
      try {
        result = JSON.parse(line) as CrashResult;
      } catch {
        process.stderr.write(out);
      }
      resolve({ code, result });
    });
  });
}

async function main() {
  const { values } = parseArgs({ options, allowPositionals: false });
  const kills = Number(values.kills);
  if (!Number.isInteger(kills) || kills < 0) throw new Error(`--kills must be a whole number (got ${values.kills})`);
  const sabotage = values.sabotage as Sabotage;
  if (!SABOTAGES.includes(sabotage)) throw new Error(`--sabotage must be one of ${SABOTAGES.join(", ")}`);
  const seed = values.seed !== undefined ? Number(values.seed) : crypto.randomInt(2 ** 31);

  if (values.worker) {
    const kind = values.worker as Kind;
    const result = await runWorker(kind, kills, sabotage, seed, values.keep, Number(values["max-delay-ms"]));
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(result.ok ? 0 : 1);
  }

  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) throw new Error("build/server/index.js is missing: run `npm run build` first");
  const kinds: Kind[] = values.database === "all" ? [...DATABASES] : [values.database as Kind];
  if (!kinds.every((k) => DATABASES.includes(k))) throw new Error(`--database must be sqlite, postgresql or all`);
  const args = ["--kills", String(kills), "--max-delay-ms", values["max-delay-ms"], "--sabotage", sabotage, "--seed", String(seed), ...(values.keep ? ["--keep"] : [])];
  if (!values.json) log(`crash harness: ${kills} kills per database on ${kinds.join(" and ")}, sabotage ${sabotage}, seed ${seed}`);
  const runs = values.sequential ? [] : kinds.map((k) => runChild(k, args));
  let failed = false;
  for (const [i, kind] of kinds.entries()) {
    const { code, result } = await (values.sequential ? runChild(kind, args) : runs[i]!);
    if (!result) {
      failed = true;
      process.stdout.write(JSON.stringify({ database: kind, ok: false, error: `the run stopped (exit ${code})` }) + "\n");
      continue;
    }
    if (code !== 0 || !result.ok) failed = true;
    process.stdout.write(JSON.stringify(result) + "\n");
    if (!values.json) {
      log(
        `${kind}: ${result.ok ? "PASS" : "FAIL"}: ${result.kills} kills, ${result.acknowledged} acknowledged writes, ${result.lost} lost, ${result.partial} partial, ` +
          `integrity ${result.integrity}, restart ${result.restartSeconds} s mean, ${result.seconds} s in all`,
      );
      for (const f of result.failures) log(`  ${f}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

await main();
