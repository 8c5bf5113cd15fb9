// Benchmark of ranking a round end to end (app/modules/rankings/results.server.ts and the advancing
// that writes its outcome, decisions.server.ts advanceRound).
//
//   npm run bench:rank -- --entries 100000 --judges 1000 --reads 3 --json
//   npm run bench:rank -- --entries 100000 --judges 1000 --reads 3 --database postgres --json
//
// Generates one round of that size in a fresh database (an SQLite file in a temporary folder, or
// with --database postgres a new database on the PostgreSQL server of DATABASE_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres, dropped afterwards): a contest in Judging with 4
// categories, the default rubric (five criteria, steps of 0.5), a tie-break chain (the first
// criterion, then top marks), a preliminary round whose rule advances every entry scoring at least
// --threshold (default 70) and a final round; the judges in panels of --panel-size (default 10),
// the entries spread evenly over the panels, each read by --reads judges of its panel (in turn, so
// loads are even and each panel's judges are connected); every scoresheet submitted with the five
// criteria's points, drawn from the entry's true quality, the judge's severity and noise, and its
// total and summary computed by the scoring module (scoresheetTotal, scoresheetSummary).
// Generation uses bulk inserts (the database's triggers fill EntryReads as they go) and is timed
// apart (`seedSeconds`).
//
// Then, in a child process of its own (so its peak RSS is the ranking's, not the generator's), for
// the round's method (--method, default NORMALIZED) and for the baseline MEAN, --runs times each
// (default 3, medians reported):
//   pageSeconds     computeRoundResults: what every results page, decision and publication calls
//                   (reads the scoresheets, as the database keeps them packed per entry in
//                   EntryReads, computes, fingerprints), with nothing kept to reuse;
//   seconds         advanceRound: the organizer's action, end to end in one transaction: reads the
//                   scoresheets, computes, writes every RoundEntry's status and the next round's
//                   rows, the audit record (a page load's fingerprint is its input, taken before and
//                   the only thing held; the contest's results stamp is cleared between them, as
//                   any write to the round's inputs clears it, so nothing is reused);
//   resultsPageSeconds the organizer's results page loader (roundResultsPage: computeRoundResults
//                   and the rows it sends to the browser), resultsPageBytes the size of its JSON;
//   warmPageSeconds, warmResultsPageSeconds, warmSeconds  the same three when nothing was written
//                   since a page computed the round's results: they reuse those kept results
//                   (results-cache.server.ts) instead of reading and computing;
//   computeSeconds  the pure computation alone (computeFromInputs: aggregate, rank, advance,
//                   fingerprint) on inputs already read;
//   aggregateSeconds aggregate() alone.
// Between runs the round's statuses and the next round's rows are reset (not timed), so every run
// does the same writes. One JSON line (--json) or a summary; bad arguments: usage, exit 2.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Statement } from "better-sqlite3";
import type { AggregationMethod } from "#app/modules/rankings/aggregate";
import type { DatabaseTarget } from "#app/utils/database-url";
import { Rng } from "./generators/random";

const USAGE = `usage: npm run bench:rank -- [--entries N] [--judges J] [--reads K] [--panel-size P] [--database sqlite|postgres]
                          [--method MEAN|TRIMMED_MEAN|NORMALIZED] [--threshold T] [--runs R] [--seed S] [--json] [--chart FILE [--baseline FILE]]

  --entries N      entries of the round (default 100000)
  --judges J       judges (default 1000), in panels of P (default 10)
  --reads K        reads per entry, at most P (default 3)
  --database D     sqlite (default: a fresh file) or postgres (a fresh database on DATABASE_URL's server)
  --method M       the round's aggregation (default NORMALIZED); MEAN runs too, as the baseline
  --threshold T    the preliminary round advances entries scoring at least T (default 70)
  --runs R         repetitions per method (default 3; medians reported)
  --seed S         generator seed (default 42)
  --json           one JSON line instead of a summary
  --keep           keep the SQLite database (its path is printed on standard error), for profiling
  --chart FILE     also measure rounds of a hundredth and a tenth of the size (judges scaled alike, at
                   least a panel) and write an SVG chart of the times against the entries, goals drawn
  --baseline FILE  with --chart: the JSON lines of an earlier --chart --json run (an older commit,
                   measured in the same session), drawn beside the new figures as "before" lines,
                   with each size's ratios to it (ratioToBefore)`;

const METHODS: readonly AggregationMethod[] = ["MEAN", "TRIMMED_MEAN", "NORMALIZED"];

interface Options {
  entries: number;
  judges: number;
  reads: number;
  panelSize: number;
  database: "sqlite" | "postgres";
  method: AggregationMethod;
  threshold: number;
  runs: number;
  seed: number;
  json: boolean;
  child: boolean;
  keep: boolean;
  chart: string | null;
  baseline: string | null;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv: string[]): Options {
  const o: Options = { entries: 100_000, judges: 1000, reads: 3, panelSize: 10, database: "sqlite", method: "NORMALIZED", threshold: 70, runs: 3, seed: 42, json: false, child: false, keep: false, chart: null, baseline: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const int = (min: number, max: number) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < min || v > max) fail(`${a} needs an integer from ${min} to ${max}`);
      return v;
    };
    if (a === "--entries") o.entries = int(1, 2_000_000);
    else if (a === "--judges") o.judges = int(1, 100_000);
    else if (a === "--reads") o.reads = int(1, 20);
    else if (a === "--panel-size") o.panelSize = int(1, 1000);
    else if (a === "--runs") o.runs = int(1, 50);
    else if (a === "--seed") o.seed = int(0, 2 ** 31);
    else if (a === "--threshold") o.threshold = int(0, 100);
    else if (a === "--json") o.json = true;
    else if (a === "--child") o.child = true;
    else if (a === "--keep") o.keep = true;
    else if (a === "--chart" || a === "--baseline") {
      const v = argv[++i];
      if (!v || v.startsWith("--")) fail(`${a} needs a file name`);
      if (a === "--chart") o.chart = v;
      else o.baseline = v;
    }
    else if (a === "--database") {
      const v = argv[++i];
      if (v !== "sqlite" && v !== "postgres") fail("--database is sqlite or postgres");
      o.database = v;
    } else if (a === "--method") {
      const v = argv[++i] as AggregationMethod;
      if (!METHODS.includes(v)) fail(`--method is one of ${METHODS.join(", ")}`);
      o.method = v;
    } else fail(`unknown argument ${a}`);
  }
  if (o.reads > Math.min(o.panelSize, o.judges)) fail("--reads cannot exceed the judges of a panel");
  if (o.baseline && !o.chart) fail("--baseline goes with --chart");
  return o;
}

const o = parse(process.argv.slice(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** a / b to two decimals. */
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const SLUG = "bench-rank";

// ─────────────────────────────── generation (parent) ───────────────────────────────

/** Multi-row inserts straight to the database (SQLite: one prepared statement per chunk in a transaction; PostgreSQL: VALUES lists). */
async function bulkWriter(target: DatabaseTarget) {
  const quote = (name: string) => `"${name}"`;
  if (target.kind === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(target.file!);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const statements = new Map<string, Statement>();
    return {
      // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
      date: (d: Date) => d.toISOString().replace("Z", "+00:00"),
      insert: async (table: string, columns: string[], rows: unknown[][]) => {
        const key = `${table}:${columns.join(",")}`;
        let st = statements.get(key);
        if (!st) statements.set(key, (st = db.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)));
        const run = st;
        db.transaction(() => {
          for (const row of rows) run.run(...row);
        })();
      },
      close: async () => db.close(),
    };
  }
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return {
    date: (d: Date) => d,
    insert: async (table: string, columns: string[], rows: unknown[][]) => {
      const per = Math.floor(60_000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
        await client.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${values}`, chunk.flat());
      }
    },
    close: async () => client.end(),
  };
}

async function seed(): Promise<{ scoresheets: number; panels: number; seedSeconds: number }> {
  const { migrateDeploy } = await import("#app/utils/migrate.server");
  const { resolveDatabase } = await import("#app/utils/database-url");
  await migrateDeploy(resolveDatabase());
  const { prisma, disconnectDb } = await import("#app/utils/db.server");
  const { defaultRubricTemplate } = await import("#app/modules/rubrics/default-template");
  const { criterionRows } = await import("#app/modules/rubrics/rubric.schema");
  const { scoresheetSummary, scoresheetTotal } = await import("#app/modules/scoring/total");
  const rng = Rng.seeded(o.seed, "rank-bench");
  const start = performance.now();

  const organizer = await prisma.user.create({ data: { email: "organizer@example.test", name: "Ban tổ chức", isOrganizer: true } });
  const template = defaultRubricTemplate("vi");
  const chain = [{ kind: "criterion", name: template.criteria[0]!.name }, { kind: "topMarks" }];
  const contest = await prisma.contest.create({
    data: { slug: SLUG, title: "Cuộc thi (benchmark)", phase: "JUDGING", tieBreak: JSON.stringify(chain), createdById: organizer.id },
  });
  await prisma.contestMember.create({ data: { contestId: contest.id, userId: organizer.id, role: "ORGANIZER" } });
  const categories = [];
  for (let i = 0; i < 4; i++) {
    categories.push(
      await prisma.category.create({
        data: {
          contestId: contest.id,
          name: `Đối tượng ${i + 1}`,
          position: i,
          prizeTiers: { create: ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"].map((name, r) => ({ rank: r + 1, name, count: r + 1 })) },
        },
      }),
    );
  }
  const rubric = await prisma.rubric.create({
    data: { contestId: contest.id, name: "Thang điểm", versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } } },
    select: { versions: { select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true, maxPoints: true, weight: true } } } } },
  });
  const version = rubric.versions[0]!;
  const criteria = version.criteria;
  const round = await prisma.round.create({
    data: { contestId: contest.id, position: 1, name: "Sơ khảo", rubricVersionId: version.id, readsPerEntry: o.reads, advanceRule: "THRESHOLD", advanceValue: o.threshold, aggregation: o.method },
  });
  await prisma.round.create({ data: { contestId: contest.id, position: 2, name: "Chung khảo", rubricVersionId: version.id, readsPerEntry: o.reads } });

  const panelCount = Math.ceil(o.judges / o.panelSize);
  const judges = Array.from({ length: o.judges }, (_, i) => ({ id: rng.id(), email: `giamkhao${i + 1}@example.test`, name: `Giám khảo ${i + 1}`, severity: rng.normal(0, 4) }));
  await prisma.user.createMany({ data: judges.map(({ severity: _s, ...u }) => u) });
  const panels: { id: string; judges: typeof judges }[] = [];
  for (let p = 0; p < panelCount; p++) {
    const members = judges.slice(p * o.panelSize, (p + 1) * o.panelSize);
    const panel = await prisma.panel.create({ data: { roundId: round.id, name: `Tiểu ban ${p + 1}` } });
    await prisma.panelJudge.createMany({ data: members.map((j, k) => ({ panelId: panel.id, userId: j.id, isChair: k === 0 })) });
    panels.push({ id: panel.id, judges: members });
  }
  const submitter = await prisma.user.create({ data: { email: "tacgia@example.test", name: "Tác giả" } });
  await prisma.rubricVersion.update({ where: { id: version.id }, data: { lockedAt: new Date(Date.UTC(2026, 4, 1)) } });
  await disconnectDb();

  // The bulk: plain multi-row inserts outside Prisma (the same rows Prisma would write).
  const bulk = await bulkWriter(resolveDatabase());
  const submittedAt = bulk.date(new Date(Date.UTC(2026, 4, 1)));
  const CHUNK = 5000;
  const batch = { entries: [] as unknown[][], authors: [] as unknown[][], roundEntries: [] as unknown[][], assignments: [] as unknown[][], sheets: [] as unknown[][], scores: [] as unknown[][] };
  const flush = async () => {
    await bulk.insert("Entry", ["id", "contestId", "categoryId", "submitterId", "title", "status", "entryCode", "anonymousCode", "submittedAt", "updatedAt"], batch.entries);
    await bulk.insert("EntryAuthor", ["id", "entryId", "position", "name", "unit"], batch.authors);
    await bulk.insert("RoundEntry", ["id", "roundId", "entryId", "panelId", "status"], batch.roundEntries);
    await bulk.insert("Assignment", ["id", "roundId", "panelId", "entryId", "judgeId", "updatedAt"], batch.assignments);
    await bulk.insert("Scoresheet", ["id", "assignmentId", "rubricVersionId", "status", "total", "topMarks", "criterionPoints", "submittedAt", "updatedAt"], batch.sheets);
    await bulk.insert("Score", ["scoresheetId", "criterionId", "points"], batch.scores);
    for (const rows of Object.values(batch)) rows.length = 0;
  };
  const seen = new Array<number>(panelCount).fill(0);
  let scoresheets = 0;
  for (let i = 0; i < o.entries; i++) {
    const id = rng.id();
    const code = `BTC-${String(i + 1).padStart(6, "0")}`;
    batch.entries.push([id, contest.id, categories[i % 4]!.id, submitter.id, `Bài dự thi ${i + 1}`, "ELIGIBLE", code, `P${rng.int(100000, 999999)}-${i}`, submittedAt, submittedAt]);
    batch.authors.push([rng.id(), id, 0, `Tác giả ${i + 1}`, `Đơn vị ${rng.int(1, 3000)}`]);
    const p = i % panelCount;
    const panel = panels[p]!;
    batch.roundEntries.push([rng.id(), round.id, id, panel.id, "IN"]);
    const quality = rng.normal(0.65, 0.1);
    const t = seen[p]!++;
    for (let r = 0; r < o.reads; r++) {
      const judge = panel.judges[(t * o.reads + r) % panel.judges.length]!;
      const assignmentId = rng.id();
      batch.assignments.push([assignmentId, round.id, panel.id, id, judge.id, submittedAt]);
      const sheetId = rng.id();
      const level = quality + judge.severity / 100 + rng.normal(0, 0.05);
      const points: Record<string, number> = {};
      for (const c of criteria) {
        const v = Math.min(c.maxPoints, Math.max(0, Math.round((level + rng.normal(0, 0.03)) * c.maxPoints * 2) / 2));
        points[c.id] = v;
        batch.scores.push([sheetId, c.id, v]);
      }
      const summary = scoresheetSummary(criteria, points);
      batch.sheets.push([sheetId, assignmentId, version.id, "SUBMITTED", scoresheetTotal(criteria, points), summary.topMarks, summary.criterionPoints, submittedAt, submittedAt]);
      scoresheets++;
    }
    if (batch.entries.length === CHUNK) await flush();
  }
  await flush();
  await bulk.close();
  const seedSeconds = (performance.now() - start) / 1000;
  return { scoresheets, panels: panelCount, seedSeconds };
}

// ─────────────────────────────── measuring (child) ───────────────────────────────

/** Wall-clock and CPU (user + system, this process) seconds of one call. */
async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1e6 };
}

async function measure() {
  const { prisma, disconnectDb } = await import("#app/utils/db.server");
  const { computeRoundResults, loadRoundInputs, computeFromInputs } = await import("#app/modules/rankings/results.server");
  const { advanceRound } = await import("#app/modules/rankings/decisions.server");
  const { roundResultsPage } = await import("#app/modules/rankings/results-page.server");
  const { aggregate } = await import("#app/modules/rankings/aggregate");
  const contest = await prisma.contest.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true, createdById: true } });
  const [round, next] = await prisma.round.findMany({ where: { contestId: contest.id }, orderBy: { position: "asc" }, select: { id: true } });
  const reset = async () => {
    await prisma.roundEntry.deleteMany({ where: { roundId: next!.id } });
    await prisma.roundEntry.updateMany({ where: { roundId: round!.id }, data: { status: "IN" } });
  };
  const rssAtStart = process.resourceUsage().maxRSS * 1024;
  type Figures = {
    seconds: number;
    cpuSeconds: number;
    pageSeconds: number;
    pageCpuSeconds: number;
    resultsPageSeconds: number;
    resultsPageBytes: number;
    computeSeconds: number;
    aggregateSeconds: number;
    warmSeconds: number;
    warmPageSeconds: number;
    warmResultsPageSeconds: number;
  };
  /** What a write to the round's inputs does to kept results: the contest's stamp cleared. */
  const stale = () => prisma.$executeRaw`UPDATE "ResultsStamp" SET "token" = NULL WHERE "contestId" = ${contest.id}`;
  const byMethod: Record<string, Figures & { runs: number[]; advanced: number; ranked: number }> = {};
  let shape = { entries: 0, scoresheets: 0, components: 0 };
  const methods: AggregationMethod[] = o.method === "MEAN" ? ["MEAN"] : ["MEAN", o.method];
  // One untimed pass first, so the first method measured does not pay for compiling the code.
  let warm = true;
  for (const method of methods) {
    await prisma.round.update({ where: { id: round!.id }, data: { aggregation: method } });
    const t: Record<keyof Figures, number[]> = {
      seconds: [],
      cpuSeconds: [],
      pageSeconds: [],
      pageCpuSeconds: [],
      resultsPageSeconds: [],
      resultsPageBytes: [],
      computeSeconds: [],
      aggregateSeconds: [],
      warmSeconds: [],
      warmPageSeconds: [],
      warmResultsPageSeconds: [],
    };
    let advanced = 0;
    let ranked = 0;
    for (let r = warm ? -1 : 0; r < o.runs; r++) {
      const advance = async (fingerprint: string) => {
        const outcome = await advanceRound({ contestId: contest.id, actorId: contest.createdById!, roundId: round!.id, manual: [], fingerprint });
        if ("status" in outcome) throw new Error(`advanceRound refused: ${JSON.stringify(outcome)}`);
        return outcome;
      };
      // Cold: the page reads and computes; then a write (here the stamp cleared as a write's trigger
      // does) leaves nothing to reuse, and the advance reads and computes again.
      // As between an organizer's page and the action, only the fingerprint is held: the results
      // are the cache's alone (which gives them up once the stamp is cleared).
      await reset();
      const page = await timed(async () => {
        const results = (await computeRoundResults(prisma, contest.id, round!.id))!;
        return { fingerprint: results.fingerprint, ranked: results.categories.reduce((n, c) => n + c.ranking.ranked.length, 0) };
      });
      let warmPage: { wall: number };
      {
        const again = await timed(async () => (await computeRoundResults(prisma, contest.id, round!.id))!);
        if ((await computeRoundResults(prisma, contest.id, round!.id)) !== again.value || again.value.fingerprint !== page.value.fingerprint) {
          throw new Error("the second page load did not reuse the kept results");
        }
        warmPage = { wall: again.wall };
      }
      await stale();
      const e2e = await timed(() => advance(page.value.fingerprint));
      advanced = e2e.value.advanced;
      ranked = page.value.ranked;

      // Warm: the organizer's page, then the page again and the advance, with nothing written between.
      await reset();
      const loader = await timed(async () => JSON.stringify(await roundResultsPage(contest.id, round!.id)));
      const warmLoader = await timed(async () => JSON.stringify(await roundResultsPage(contest.id, round!.id)));
      const kept = (await computeRoundResults(prisma, contest.id, round!.id))!;
      const warmAdvance = await timed(() => advance(kept.fingerprint));
      if (warmAdvance.value.advanced !== advanced) throw new Error("the advance from kept results disagrees");
      const inputs = (await loadRoundInputs(prisma, contest.id, round!.id))!;
      const pure = await timed(() => computeFromInputs(inputs));
      if (pure.value.fingerprint !== page.value.fingerprint) throw new Error("the pure computation disagrees with the page");
      const { sheets } = inputs;
      const reads = sheets.entryId.map((_, r) => r).flatMap((r) => (sheets.counted[r] ? [{ entryId: sheets.entryId[r]!, judgeId: sheets.judgeId[r]!, total: sheets.total[r]! }] : []));
      const entryIds = [...pure.value.entries.keys()];
      const agg = await timed(() => aggregate({ method, entryIds, reads }));
      shape = { entries: entryIds.length, scoresheets: reads.length, components: pure.value.components };
      if (r < 0) continue;
      t.seconds.push(e2e.wall);
      t.cpuSeconds.push(e2e.cpu);
      t.pageSeconds.push(page.wall);
      t.pageCpuSeconds.push(page.cpu);
      t.resultsPageSeconds.push(loader.wall);
      t.resultsPageBytes.push(Buffer.byteLength(loader.value));
      t.computeSeconds.push(pure.wall);
      t.aggregateSeconds.push(agg.wall);
      t.warmSeconds.push(warmAdvance.wall);
      t.warmPageSeconds.push(warmPage.wall);
      t.warmResultsPageSeconds.push(warmLoader.wall);
    }
    warm = false;
    const med = Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, Math.round(median(xs) * 1000) / 1000])) as Figures;
    byMethod[method] = { ...med, runs: t.seconds.map((x) => Math.round(x * 1000) / 1000), advanced, ranked };
  }
  await disconnectDb();
  const main = byMethod[o.method]!;
  const base = byMethod.MEAN!;
  const { runs, advanced, ranked, ...mainFigures } = main;
  const { runs: _r, advanced: _a, ranked: _k, ...baseFigures } = base;
  return {
    ...shape,
    method: o.method,
    ...mainFigures,
    runs,
    advanced,
    ranked,
    baseline: { method: "MEAN", ...baseFigures },
    ratioToBaseline: Object.fromEntries(Object.keys(mainFigures).map((k) => [k, ratio(mainFigures[k as keyof Figures], baseFigures[k as keyof Figures])])),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    rssAtStartBytes: rssAtStart,
  };
}

// ─────────────────────────────── main ───────────────────────────────

if (o.child) {
  process.env.LOG_LEVEL = "silent";
  console.log(JSON.stringify(await measure()));
} else {
  const pgAdmin = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";
  const pgAdminQuery = async (sql: string) => {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: pgAdmin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const self = fileURLToPath(import.meta.url);
  /** The options of o's measurement, for a process of its own. */
  const sizeArgs = () => ["--entries", o.entries, "--judges", o.judges, "--reads", o.reads, "--panel-size", o.panelSize, "--database", o.database, "--method", o.method, "--threshold", o.threshold, "--runs", o.runs, "--seed", o.seed].map(String);
  /** Generates a round of o's size in a fresh database and measures it in a child process. */
  const runOnce = async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rank-bench-"));
    const pgName = `bench_rank_${process.pid}_${Date.now().toString(36)}`;
    let pgUrl = "";
    try {
      process.env.DATA_DIR = dir;
      process.env.LOG_LEVEL = "silent";
      if (o.database === "postgres") {
        await pgAdminQuery(`CREATE DATABASE "${pgName}"`);
        const u = new URL(pgAdmin);
        u.pathname = `/${pgName}`;
        pgUrl = u.toString();
        process.env.DATABASE_URL = pgUrl;
      } else process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
      const seeded = await seed();
      const args = sizeArgs();
      const child = spawnSync(process.execPath, [...process.execArgv, self, ...args, "--child"], { env: process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (child.status !== 0) throw new Error(`measuring failed:\n${child.stderr}`);
      const measured = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
      return {
        bench: "rank",
        database: o.database === "postgres" ? "postgresql" : "sqlite",
        entries: measured.entries,
        judges: o.judges,
        panels: seeded.panels,
        reads: o.reads,
        scoresheets: measured.scoresheets,
        components: measured.components,
        seed: o.seed,
        seedSeconds: Math.round(seeded.seedSeconds * 100) / 100,
        ...measured,
        loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      };
    } finally {
      if (o.keep && !pgUrl) console.error(`kept ${path.join(dir, "bench.db")}`);
      else fs.rmSync(dir, { recursive: true, force: true });
      if (pgUrl) await pgAdminQuery(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`).catch(() => {});
    }
  };

  const report = (result: Awaited<ReturnType<typeof runOnce>>) => {
    if (o.json) console.log(JSON.stringify(result));
    else {
      const s = (x: number) => `${x.toFixed(3)} s`;
      console.log(`${result.entries} entries, ${o.judges} judges in ${result.panels} panels, ${result.scoresheets} submitted sheets on ${result.database} (generated in ${result.seedSeconds.toFixed(1)} s)`);
      console.log(`${o.method}: advance end to end ${s(result.seconds)} (CPU ${s(result.cpuSeconds)}; runs ${result.runs.map((x: number) => x.toFixed(3)).join(", ")}); results page ${s(result.pageSeconds)} (CPU ${s(result.pageCpuSeconds)}); pure computation ${s(result.computeSeconds)}, of which aggregate ${s(result.aggregateSeconds)}`);
      console.log(`organizer's results page (loader and its JSON): ${s(result.resultsPageSeconds)}, ${(result.resultsPageBytes / 2 ** 20).toFixed(1)} MiB`);
      console.log(`reusing kept results: results page ${s(result.warmResultsPageSeconds)}, computeRoundResults ${s(result.warmPageSeconds)}, advance ${s(result.warmSeconds)}`);
      console.log(`MEAN (baseline): advance ${s(result.baseline.seconds)}; page ${s(result.baseline.pageSeconds)}; pure ${s(result.baseline.computeSeconds)}; ratio ${JSON.stringify(result.ratioToBaseline)}`);
      console.log(`peak RSS of the measuring process ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB; ${result.advanced} advance at a threshold of ${o.threshold}`);
    }
  };

  /** The earlier run's figures by entries (--baseline), read before anything is measured. */
  const before = new Map<number, { seconds: number; pageSeconds: number; computeSeconds: number }>();
  if (o.baseline) {
    let text = "";
    try {
      text = fs.readFileSync(o.baseline, "utf8");
    } catch {
      fail(`--baseline: cannot read ${o.baseline}`);
    }
    for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
      let row: { entries?: unknown; seconds?: unknown; pageSeconds?: unknown; computeSeconds?: unknown };
      try {
        row = JSON.parse(line);
      } catch {
        fail(`--baseline: ${o.baseline} holds a line that is not JSON`);
      }
      const { entries, seconds, pageSeconds, computeSeconds } = row;
      if ([entries, seconds, pageSeconds, computeSeconds].some((x) => typeof x !== "number")) fail(`--baseline: a line of ${o.baseline} lacks entries, seconds, pageSeconds or computeSeconds`);
      before.set(entries as number, { seconds: seconds as number, pageSeconds: pageSeconds as number, computeSeconds: computeSeconds as number });
    }
  }

  if (!o.chart) report(await runOnce());
  else {
    // A hundredth, a tenth and the whole size, smallest first, each in a process of its own (the
    // database client and its settings are the process's), each reported as it is measured.
    const full = { entries: o.entries, judges: o.judges };
    const results: Awaited<ReturnType<typeof runOnce>>[] = [];
    for (const share of [0.01, 0.1, 1]) {
      o.entries = Math.max(1, Math.round(full.entries * share));
      o.judges = Math.max(Math.min(o.panelSize, full.judges), Math.round(full.judges * share));
      const args = sizeArgs();
      const run = spawnSync(process.execPath, [...process.execArgv, self, ...args, "--json"], { env: process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (run.status !== 0) throw new Error(`the run at ${o.entries} entries failed:\n${run.stderr}`);
      const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
      const earlier = before.get(result.entries);
      if (o.baseline && !earlier) fail(`--baseline: ${o.baseline} has no run at ${result.entries} entries`);
      if (earlier) {
        result.ratioToBefore = { seconds: ratio(result.seconds, earlier.seconds), pageSeconds: ratio(result.pageSeconds, earlier.pageSeconds), computeSeconds: ratio(result.computeSeconds, earlier.computeSeconds) };
      }
      report(result);
      results.push(result);
    }
    const { chartSvg } = await import("./chart");
    // Logarithmic axes: a time rounded to 0 (under half a millisecond) is drawn at 1 ms.
    const line = (name: string, color: string, pick: (r: (typeof results)[number]) => number, dashed = false) => ({ name, color, dashed, points: results.map((r) => [r.entries, Math.max(0.001, pick(r))] as const) });
    const goal = (name: string, color: string, seconds: number) => ({ name, color, dashed: true, points: results.map((r) => [r.entries, seconds] as const) });
    const earlier = (name: string, color: string, pick: (b: { seconds: number; pageSeconds: number; computeSeconds: number }) => number) =>
      before.size ? [{ name, color, points: results.map((r) => [r.entries, Math.max(0.001, pick(before.get(r.entries)!))] as const) }] : [];
    const svg = chartSvg(
      [
        {
          title: `Reading and ranking a round (${o.method}, ${results.at(-1)!.database})`,
          xLabel: "entries",
          yLabel: "seconds (median of runs)",
          xLog: true,
          yLog: true,
          series: [
            line("advance, end to end (seconds)", "#1d4ed8", (r) => r.seconds),
            line("read and computed (pageSeconds)", "#059669", (r) => r.pageSeconds),
            line("organizer's results page", "#d97706", (r) => r.resultsPageSeconds),
            line("advance reusing a page's results (warmSeconds)", "#0891b2", (r) => r.warmSeconds),
            line("results page reusing them", "#b45309", (r) => r.warmResultsPageSeconds),
            ...earlier("before: advance, end to end", "#93c5fd", (b) => b.seconds),
            ...earlier("before: read and computed", "#86efac", (b) => b.pageSeconds),
            goal("goal for seconds: 2", "#1d4ed8", 2),
          ],
        },
        {
          title: "The computation alone",
          xLabel: "entries",
          yLabel: "seconds (median of runs)",
          xLog: true,
          yLog: true,
          series: [
            line("computeSeconds", "#7c3aed", (r) => r.computeSeconds),
            line("of which aggregate()", "#db2777", (r) => r.aggregateSeconds),
            ...earlier("before: computeSeconds", "#c4b5fd", (b) => b.computeSeconds),
            goal("goal for computeSeconds: 0.5", "#7c3aed", 0.5),
          ],
        },
      ],
      `${o.reads} reads per entry, panels of ${o.panelSize}, one judge per ${Math.round(full.entries / full.judges)} entries; load average at the end ${results.at(-1)!.loadAverage.join(", ")}${before.size ? `; "before": ${path.basename(o.baseline!)}` : ""}`,
    );
    fs.writeFileSync(o.chart, svg);
  }
}
