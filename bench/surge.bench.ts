// The deadline surge against the built server: entrants uploading their essays and judges'
// autosaves, on one instance with SQLite and on two instances sharing one PostgreSQL database
// and one data folder.
//
//   npm run build && npm run bench:surge -- --json
//   npm run bench:surge -- --setup pg2 --concurrency 8,32 --uploads 100 --json
//
// Each setup runs in a child process of its own (the app's modules read the database from the
// environment once): it creates a fresh database (an SQLite file in a temporary folder, or a new
// PostgreSQL database, dropped at the end), applies the migrations, seeds through Prisma an OPEN
// contest with one entrant account and session per upload to come, and a JUDGING contest whose
// round has one panel of judges, each with three assignments; then it starts `node server.mjs`
// (one instance, or two on the same database and data folder). The parent interleaves the
// measurements: for each scenario and concurrency it asks each setup in turn, so both see the
// machine in the same state, and prints one JSON line per (setup, scenario, concurrency) and one
// line of ratios (pg2 against sqlite) per (scenario, concurrency).
//
// Scenario "upload": `--uploads` entrants, `c` at a time (autocannon, `c` connections, alternating
// between the instances), each posting the entry form with a real DOCX essay of 1,500–2,500 words
// to POST /contests/:slug/enter/upload, as the page's script does. Acknowledged: 200 with the
// receipt to go to. Stored: those entries found SUBMITTED in the database with their version and
// file row, and the file in the shared data folder.
// Scenario "scoring": `--saves` autosaves, `c` judges at a time, each posting a changed draft of one
// of their sheets to POST /judge/sheets/:assignmentId/autosave with the version it last saw.
// Acknowledged: 200 "saved". Stored: the sum of the sheets' versions grew by as much (every saved
// draft is one version).
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Result } from "autocannon";
import { SCENARIOS, SETUPS, percentile, ratios, round, surgeChart, type Row, type Scenario, type Setup } from "./surge-report";

const USAGE = `usage: npm run bench:surge -- [--setup sqlite|pg2|both] [--concurrency 2,8,32] [--uploads N] [--saves N] [--scenarios upload,scoring]
                              [--seed S] [--pg-url postgresql://…/postgres] [--chart FILE] [--json]`;


interface Options {
  setups: Setup[];
  scenarios: Scenario[];
  concurrency: number[];
  uploads: number;
  saves: number;
  seed: number;
  pgUrl: string;
  chart: string | null;
  json: boolean;
  child: Setup | null;
}

function parse(argv: string[]): Options {
  const o: Options = {
    setups: [...SETUPS],
    scenarios: [...SCENARIOS],
    concurrency: [2, 8, 32],
    uploads: 96,
    saves: 320,
    seed: 42,
    pgUrl: "postgresql://postgres@127.0.0.1:5432/postgres",
    chart: null,
    json: false,
    child: null,
  };
  const positive = (flag: string, raw: string | undefined) => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} needs a positive integer`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--setup") {
      const v = next();
      if (v === "both") o.setups = [...SETUPS];
      else if ((SETUPS as readonly string[]).includes(v)) o.setups = [v as Setup];
      else throw new Error(`--setup is sqlite, pg2 or both`);
    } else if (a === "--concurrency") o.concurrency = next().split(",").map((s) => positive(a, s));
    else if (a === "--uploads") o.uploads = positive(a, next());
    else if (a === "--saves") o.saves = positive(a, next());
    else if (a === "--scenarios") {
      o.scenarios = next().split(",") as Scenario[];
      if (o.scenarios.some((x) => !(SCENARIOS as readonly string[]).includes(x))) throw new Error(`--scenarios lists upload and/or scoring`);
    }
    else if (a === "--seed") o.seed = positive(a, next());
    else if (a === "--pg-url") o.pgUrl = next();
    else if (a === "--chart") o.chart = next();
    else if (a === "--json") o.json = true;
    else if (a === "--child") {
      const v = next();
      if (!(SETUPS as readonly string[]).includes(v)) throw new Error(`--child is sqlite or pg2`);
      o.child = v as Setup;
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

type Command = { kind: "run"; scenario: Scenario; concurrency: number } | { kind: "stop" };
type Reply = { kind: "ready"; seedSeconds: number } | { kind: "row"; row: Row } | { kind: "stopped" } | { kind: "failed"; error: string };


const JUDGE_ASSIGNMENTS = 3;
const WARMUP = 8;
const SECRET = "surge-bench-secret-surge-bench-secret-0001";

let tick: number | undefined;
/** User + system CPU seconds a process has used so far (Linux /proc), or null. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    tick ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / tick;
  } catch {
    return null;
  }
}

/** CPU seconds of each process, by pid. */
function cpuOf(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = cpuSeconds(pid);
    if (s !== null) out.set(pid, s);
  }
  return out;
}

/** CPU used between two readings; a process new in the second counts from zero. */
function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, s] of after) sum += s - (before.get(pid) ?? 0);
  return sum;
}

// ─────────────────────────────────────────── the child: one setup ───────────────────────────────────────────

async function child(o: Options, setup: Setup) {
  const send = (reply: Reply) => process.send!(reply);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `surge-${setup}-`));
  const pgName = `surge_${process.pid}_${Date.now().toString(36)}`;
  const pg = (await import("pg")).default;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: o.pgUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let createdPg = false;
  const servers: { url: string; child: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> }[] = [];
  let disconnect: (() => Promise<void>) | null = null;
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop("SIGTERM").catch(() => null)));
    await disconnect?.().catch(() => undefined);
    if (createdPg) await admin(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    let databaseUrl: string;
    if (setup === "pg2") {
      await admin(`CREATE DATABASE "${pgName}"`);
      createdPg = true;
      const url = new URL(o.pgUrl);
      url.pathname = `/${pgName}`;
      databaseUrl = url.toString();
    } else {
      databaseUrl = `file:${path.join(dir, "portal.db")}`;
    }
    Object.assign(process.env, { DATA_DIR: dir, DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, LOG_LEVEL: "silent", NODE_ENV: "production" });

    const { resolveDatabase } = await import("#app/utils/database-url");
    const { migrateDeploy } = await import("#app/utils/migrate.server");
    const { prisma, disconnectDb } = await import("#app/utils/db.server");
    const { storeFor } = await import("#app/modules/storage/store.server");
    const { sessionCookie } = await import("#tests/factories/accounts");
    const { createTestContest } = await import("#tests/factories/contests");
    const { createOpenContest } = await import("#tests/factories/entries");
    const { createTestPanel, createTestRound } = await import("#tests/factories/rounds");
    const { docxDocument } = await import("#tests/fixtures/documents");
    const { Rng } = await import("./generators/random");
    const { vietnameseName } = await import("./generators/vietnamese-names");
    const { vietnameseEssay } = await import("./generators/vietnamese-text");
    const { missingBuild, startServer } = await import("#tests/integration/server-process");
    disconnect = disconnectDb;
    const missing = missingBuild();
    if (missing) throw new Error(missing);

    const seedStart = performance.now();
    await migrateDeploy(resolveDatabase());
    const rng = Rng.seeded(o.seed, "surge");
    const cookiesOf = async (ids: readonly string[]) => {
      const out: string[] = [];
      for (let i = 0; i < ids.length; i += 16) out.push(...(await Promise.all(ids.slice(i, i + 16).map((id) => sessionCookie(id)))));
      return out;
    };

    // The contest open for submission, and one entrant (account, session, essay) per upload.
    const open = await createOpenContest({ maxEntriesPerUser: 1, maxFileBytes: 10 * 1024 * 1024 });
    const categoryIds = open.categories.map((c) => c.id);
    const instances = setup === "pg2" ? 2 : 1;
    const uploadCount = WARMUP * instances + o.uploads * o.concurrency.length;
    const entrants = Array.from({ length: uploadCount }, (_, i) => {
      const name = vietnameseName(rng).full;
      return { id: `u${String(i).padStart(6, "0")}`, email: `thi-sinh-${i}@example.vn`, name };
    });
    await prisma.user.createMany({ data: entrants });
    const entrantCookies = await cookiesOf(entrants.map((e) => e.id));
    const forms = await Promise.all(
      entrants.map(async (e, i) => {
        const place = rng.pick(["quận Phú Sơn", "huyện Lâm Hà", "thành phố Vĩnh Yên", "xã Tân Lập"]);
        const essay = vietnameseEssay(o.seed * 100_000 + i, { minWords: 1500, maxWords: 2500, place, signature: `${e.name}\n${place}` });
        const form = new FormData();
        const fields: Record<string, string> = {
          intent: "submit",
          version: "0",
          categoryId: categoryIds[i % categoryIds.length]!,
          title: essay.title,
          abstract: essay.abstract,
          "authors[0].name": e.name,
          "authors[0].birthYear": String(1960 + (i % 45)),
          "authors[0].unit": `Ủy ban nhân dân ${place}`,
          "authors[0].jobTitle": "Chuyên viên",
          "authors[0].email": e.email,
          "authors[0].phone": `0912 ${String(100_000 + i).slice(-6, -3)} ${String(i).padStart(3, "0").slice(-3)}`,
          declaration: "on",
          essayMode: "file",
        };
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        const docx = docxDocument(essay.text.split("\n\n"));
        form.append("file", new File([Buffer.from(docx)], `bai-du-thi-${i + 1}.docx`, { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
        // The multipart encoding of the platform's own FormData, as a browser would send it.
        const request = new Request("http://bench/", { method: "POST", body: form });
        return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
      }),
    );

    // The contest being judged: one panel of judges, each reading three entries (entry e by judges e, e+1, e+2).
    const judgeCount = Math.max(2 * Math.max(...o.concurrency), JUDGE_ASSIGNMENTS + 1);
    const judging = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ, đảng viên"], rubric: true });
    const rubricVersionId = judging.rubricVersionId!;
    const judgingRound = await createTestRound(judging.contest.id, { name: "Sơ khảo", readsPerEntry: JUDGE_ASSIGNMENTS, rubricVersionId });
    const panel = await createTestPanel(judgingRound.id, { name: "Tiểu ban 1", categoryId: judging.categories[0]!.id });
    const judges = Array.from({ length: judgeCount }, (_, j) => ({ id: `j${String(j).padStart(5, "0")}`, email: `giam-khao-${j}@example.vn`, name: `Giám khảo ${vietnameseName(rng).full}` }));
    await prisma.user.createMany({ data: judges });
    await prisma.contestMember.createMany({ data: judges.map((j) => ({ contestId: judging.contest.id, userId: j.id, role: "JUDGE" as const })) });
    await prisma.panelJudge.createMany({ data: judges.map((j, i) => ({ panelId: panel.id, userId: j.id, isChair: i === 0 })) });
    const submitter = await prisma.user.create({ data: { email: "nguoi-nop@example.vn", name: "Người nộp" } });
    const judged = judges.map((_, e) => ({
      id: `e${String(e).padStart(5, "0")}`,
      contestId: judging.contest.id,
      categoryId: judging.categories[0]!.id,
      submitterId: submitter.id,
      title: `Bài dự thi số ${e + 1}`,
      status: "ELIGIBLE" as const,
      entryCode: `CL-${String(e + 1).padStart(4, "0")}`,
      anonymousCode: `PH-${String(100_000 + e)}`,
      submittedAt: new Date(),
      declarationAcceptedAt: new Date(),
    }));
    await prisma.entry.createMany({ data: judged });
    await prisma.roundEntry.createMany({ data: judged.map((e) => ({ roundId: judgingRound.id, entryId: e.id, panelId: panel.id })) });
    const assignmentsOf = judges.map((_, j) => Array.from({ length: JUDGE_ASSIGNMENTS }, (_, k) => `a${j}-${(j - k + judgeCount) % judgeCount}`));
    await prisma.assignment.createMany({
      data: judges.flatMap((judge, j) =>
        assignmentsOf[j]!.map((id) => ({ id, roundId: judgingRound.id, panelId: panel.id, entryId: judged[Number(id.split("-")[1])]!.id, judgeId: judge.id })),
      ),
    });
    const judgeCookies = await cookiesOf(judges.map((j) => j.id));
    const criteria = await prisma.criterion.findMany({ where: { rubricVersionId }, orderBy: { position: "asc" }, select: { id: true, maxPoints: true, step: true } });
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // The servers (each applies pending migrations at start: none). The bench's own connection is
    // closed meanwhile (the SQLite migrator wants the file to itself) and reopens on first use.
    await disconnectDb();
    for (let i = 0; i < instances; i++) {
      servers.push(await startServer({ DATA_DIR: dir, DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, LOG_LEVEL: "info" }, 60_000));
    }
    const urls = servers.map((s) => s.url);
    const serverPids = servers.map((s) => s.child.pid!);
    // PostgreSQL's backends serving this database (the servers' pools, and this process's idle one).
    const backendPids = async (): Promise<number[]> => {
      if (setup !== "pg2") return [];
      const client = new pg.Client({ connectionString: o.pgUrl });
      await client.connect();
      try {
        const r = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [pgName]);
        return r.rows.map((row) => row.pid);
      } finally {
        await client.end();
      }
    };

    const autocannon = (await import("autocannon")).default;
    /** CPU seconds during a run: the servers, PostgreSQL's backends of this database (null on SQLite), this process. */
    type Cpu = { server: number; database: number | null; client: number };
    type RequestSpec = { path: string; headers: Record<string, string>; body: Buffer | string; context: Record<string, unknown> };
    /** `amount` requests over `connections` connections spread over the instances; `build` makes each request. */
    const load = async (
      connections: number,
      amount: number,
      build: (context: Record<string, unknown>) => Omit<RequestSpec, "context">,
      onResponse: (status: number, body: string, context: Record<string, unknown>) => void,
    ) => {
      const latencies: number[] = [];
      const logged = servers.map((srv) => srv.output().length);
      const backendsBefore = cpuOf(await backendPids());
      const cpuBefore = { server: cpuOf(serverPids), client: process.cpuUsage() };
      const started = performance.now();
      let lastAnswer = started;
      const result = await new Promise<Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: urls,
            connections,
            amount,
            timeout: 300,
            requests: [
              {
                method: "POST",
                setupRequest: (request, context) => {
                  const spec = build(context);
                  // The origin a browser on this site sends (server.mjs refuses cross-site mutations).
                  return { ...request, path: spec.path, body: spec.body, headers: { ...spec.headers, Origin: `http://${request.host}` } };
                },
                onResponse,
              },
            ],
          },
          (error, r) => (error ? reject(error) : resolve(r)),
        );
        instance.on("response", (_client, _status, _bytes, ms) => {
          latencies.push(ms);
          lastAnswer = performance.now();
        });
      });
      // Until the last answer: autocannon reports that it is done only on its next one-second tick.
      const seconds = (lastAnswer - started) / 1000;
      const client = process.cpuUsage(cpuBefore.client);
      const server = cpuDelta(cpuBefore.server, cpuOf(serverPids));
      const database = setup === "pg2" ? cpuDelta(backendsBefore, cpuOf(await backendPids())) : null;
      const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]));
      const cpu: Cpu = { server, database, client: (client.user + client.system) / 1e6 };
      // What the servers logged as errors during the run, by message.
      const serverErrors: Record<string, number> = {};
      servers.forEach((srv, i) => {
        // Standard output and error as they came: JSON lines, Remix's unhandled errors included.
        for (const raw of srv.output().slice(logged[i]).split("\n")) {
          let line: { level?: number; msg?: string; err?: { message?: string } | string };
          try {
            line = JSON.parse(raw) as typeof line;
          } catch {
            continue;
          }
          if ((line.level ?? 0) < 50) continue;
          const message = String((typeof line.err === "object" ? line.err.message : line.err) ?? line.msg ?? "").replace(/\s+/g, " ").replace(/\d+ ms/g, "… ms").trim().slice(0, 240);
          serverErrors[message] = (serverErrors[message] ?? 0) + 1;
        }
      });
      return { seconds, latencies, errors: result.errors, statusCounts, cpu, serverErrors };
    };

    const stats = (scenario: Scenario, concurrency: number, run: Awaited<ReturnType<typeof load>>, acknowledged: number, stored: number, missingRows: number, okStatus: string): Row => {
      const sorted = [...run.latencies].sort((a, b) => a - b);
      const failed = Object.entries(run.statusCounts).reduce((n, [code, count]) => (code === okStatus ? n : n + count), 0);
      return {
        setup,
        instances,
        database: setup === "pg2" ? "postgresql" : "sqlite",
        scenario,
        concurrency,
        requests: run.latencies.length,
        seconds: round(run.seconds, 2),
        rps: round(run.latencies.length / run.seconds, 1),
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        errors: failed + run.errors,
        statusCounts: run.statusCounts,
        acknowledged,
        stored,
        missing: missingRows,
        serverCpuMs: round((run.cpu.server * 1000) / run.latencies.length),
        databaseCpuMs: run.cpu.database === null ? null : round((run.cpu.database * 1000) / run.latencies.length),
        clientCpuMs: round((run.cpu.client * 1000) / run.latencies.length),
        loadAverage: round(os.loadavg()[0]!, 2),
        serverErrors: run.serverErrors,
      };
    };

    let nextEntrant = 0;
    const runUpload = async (concurrency: number, amount: number) => {
      const first = nextEntrant;
      const last = Math.min(first + amount, entrants.length);
      nextEntrant = last;
      const acknowledged = new Set<string>();
      let cursor = first;
      const run = await load(
        concurrency,
        last - first,
        () => {
          // A request sent again after a lost connection reuses an entrant of this level (and is refused).
          const i = cursor < last ? cursor++ : first + ((cursor++ - first) % (last - first));
          return {
            path: `/contests/${open.contest.slug}/enter/upload`,
            headers: { Cookie: entrantCookies[i]!, "Content-Type": forms[i]!.contentType, Accept: "application/json" },
            body: forms[i]!.body,
          };
        },
        (status, body) => {
          if (status !== 200) return;
          const to = (JSON.parse(body) as { redirectTo?: string }).redirectTo ?? "";
          const id = /^\/entries\/([^/]+)\/receipt$/.exec(to)?.[1];
          if (id) acknowledged.add(id);
        },
      );
      const ids = [...acknowledged];
      const rows = await prisma.entry.findMany({
        where: { id: { in: ids }, contestId: open.contest.id, status: "SUBMITTED", currentVersion: { fileId: { not: null } } },
        select: { currentVersion: { select: { file: { select: { backend: true, storageKey: true } } } } },
      });
      let onDisk = 0;
      for (const r of rows) {
        const file = r.currentVersion!.file!;
        if (await storeFor(file.backend).exists(file.storageKey)) onDisk++;
      }
      return { run, acknowledged: ids.length, stored: onDisk, missing: ids.length - onDisk };
    };

    // Scoring: a free judge takes the request, posts a changed draft of their next sheet with the
    // version last seen, and is free again once answered; at most `concurrency` judges are busy.
    const freeJudges = judges.map((_, j) => j);
    const turn = new Array<number>(judgeCount).fill(0);
    const versions = new Map<string, number>();
    let saveCounter = 0;
    const sheetVersionSum = async () =>
      (await prisma.scoresheet.aggregate({ where: { assignment: { roundId: judgingRound.id } }, _sum: { version: true } }))._sum.version ?? 0;
    const runScoring = async (concurrency: number, amount: number) => {
      const before = await sheetVersionSum();
      let acknowledged = 0;
      const run = await load(
        concurrency,
        amount,
        (context) => {
          // Only after a lost answer can the pool run dry; that judge's next save is then a conflict.
          const j = freeJudges.shift() ?? rng.int(0, judgeCount - 1);
          const assignmentId = assignmentsOf[j]![turn[j]!++ % JUDGE_ASSIGNMENTS]!;
          const n = ++saveCounter;
          const form = new URLSearchParams({ expectedVersion: String(versions.get(assignmentId) ?? 0) });
          for (const [k, c] of criteria.entries()) {
            const steps = Math.round(c.maxPoints / c.step);
            form.set(`scores.${c.id}`, String(((n + k) % (steps + 1)) * c.step).replace(".", ","));
          }
          form.set("feedback", `Nhận xét lần ${n}: bài viết có lập luận chặt chẽ.`);
          context.judge = j;
          context.assignmentId = assignmentId;
          return {
            path: `/judge/sheets/${assignmentId}/autosave`,
            headers: { Cookie: judgeCookies[j]!, "Content-Type": "application/x-www-form-urlencoded" },
            body: form.toString(),
          };
        },
        (status, body, context) => {
          const j = context.judge as number;
          if (status === 200) {
            const answer = JSON.parse(body) as { status: string; sheet: { version: number } };
            if (answer.status === "saved") {
              acknowledged++;
              versions.set(context.assignmentId as string, answer.sheet.version);
            }
          }
          freeJudges.push(j);
        },
      );
      const stored = (await sheetVersionSum()) - before;
      return { run, acknowledged, stored, missing: Math.max(0, acknowledged - stored) };
    };

    // Warm-up: a few requests of each kind on every instance, not measured.
    await runUpload(instances, WARMUP * instances);
    await runScoring(instances, WARMUP * instances);

    send({ kind: "ready", seedSeconds: round(seedSeconds, 1) });
    await new Promise<void>((resolve) => {
      process.on("message", (command: Command) => {
        void (async () => {
          try {
            if (command.kind === "stop") return resolve();
            if (command.scenario === "upload") {
              const r = await runUpload(command.concurrency, o.uploads);
              send({ kind: "row", row: stats("upload", command.concurrency, r.run, r.acknowledged, r.stored, r.missing, "200") });
            } else {
              const r = await runScoring(command.concurrency, o.saves);
              send({ kind: "row", row: stats("scoring", command.concurrency, r.run, r.acknowledged, r.stored, r.missing, "200") });
            }
          } catch (error) {
            send({ kind: "failed", error: (error as Error).stack ?? String(error) });
          }
        })();
      });
    });
  } catch (error) {
    send({ kind: "failed", error: (error as Error).stack ?? String(error) });
  } finally {
    await cleanup();
    send({ kind: "stopped" });
    process.disconnect?.();
  }
}

// ─────────────────────────────────────────── the parent ───────────────────────────────────────────

class SetupProcess {
  private readonly process: ChildProcess;
  private waiting: ((reply: Reply) => void) | null = null;
  private readonly early: Reply[] = [];

  constructor(readonly setup: Setup, argv: string[]) {
    const file = fileURLToPath(import.meta.url);
    this.process = fork(file, [...argv, "--child", setup], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const deliver = (reply: Reply) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(reply);
      } else this.early.push(reply);
    };
    this.process.on("message", deliver);
    this.process.on("exit", (code) => deliver({ kind: "failed", error: `the ${setup} process exited (${code})` }));
  }

  next(): Promise<Reply> {
    const early = this.early.shift();
    if (early) return Promise.resolve(early);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async ask(command: Command): Promise<Reply> {
    this.process.send(command);
    return this.next();
  }

  kill() {
    if (this.process.exitCode === null) this.process.kill("SIGTERM");
  }
}

function expect<K extends Reply["kind"]>(reply: Reply, kind: K, setup: Setup): Extract<Reply, { kind: K }> {
  if (reply.kind === kind) return reply as Extract<Reply, { kind: K }>;
  throw new Error(`${setup}: ${reply.kind === "failed" ? reply.error : `unexpected ${reply.kind}`}`);
}

async function parent(o: Options, argv: string[]) {
  const children = o.setups.map((s) => new SetupProcess(s, argv.filter((a) => a !== "--json")));
  const rows: Row[] = [];
  try {
    for (const c of children) {
      const ready = expect(await c.next(), "ready", c.setup);
      if (!o.json) console.log(`${c.setup}: seeded in ${ready.seedSeconds} s, servers up`);
    }
    for (const scenario of o.scenarios) {
      for (const concurrency of o.concurrency) {
        const here: Row[] = [];
        for (const c of children) {
          const { row } = expect(await c.ask({ kind: "run", scenario, concurrency }), "row", c.setup);
          here.push(row);
          rows.push(row);
          if (o.json) console.log(JSON.stringify(row));
          else {
            console.log(
              `${row.setup.padEnd(6)} ${scenario.padEnd(7)} c=${String(concurrency).padStart(3)}  ${String(row.requests).padStart(4)} requests in ${row.seconds.toFixed(1)} s = ${row.rps} req/s, ` +
                `p50/p95/p99 ${row.p50}/${row.p95}/${row.p99} ms, CPU ms per request: servers ${row.serverCpuMs}, database ${row.databaseCpuMs ?? "(in the server)"}, load generator ${row.clientCpuMs}; errors ${row.errors}, acknowledged ${row.acknowledged}, stored ${row.stored}, missing ${row.missing} (load ${row.loadAverage})`,
            );
          }
        }
        for (const ratio of ratios(here)) {
          if (o.json) console.log(JSON.stringify(ratio));
          else console.log(`       ratio pg2/sqlite: throughput ×${ratio.rpsRatio}, p95 ×${ratio.p95Ratio}`);
        }
      }
    }
    for (const c of children) expect(await c.ask({ kind: "stop" }), "stopped", c.setup);
  } catch (error) {
    for (const c of children) c.kill();
    throw error;
  }
  if (o.chart) fs.writeFileSync(o.chart, surgeChart(rows, { cores: os.cpus().length, node: process.version }));
  if (rows.some((r) => r.missing > 0)) {
    console.error("some acknowledged requests were not stored");
    process.exitCode = 1;
  }
}

let options: Options;
const argv = process.argv.slice(2);
try {
  options = parse(argv);
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (options.child) await child(options, options.child);
else await parent(options, argv);
