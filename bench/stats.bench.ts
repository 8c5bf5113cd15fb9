// Benchmark of the statistics page's figures (app/modules/stats/stats.server.ts getContestStats).
//
//   npm run bench:stats -- --entries 20000 --json
//
// Writes one generated contest to a fresh SQLite database in a temporary folder: --entries entries
// over 4 categories, submitted over 90 days with the deadline surge, one author each (a third
// with a co-author from the same unit spelled out in full, "Ủy ban nhân dân" for "UBND"), 3,000
// units; --panels panels of 10 judges (default: one panel per 1,000 entries); each entry read by
// 3 of its panel's judges, 80 % of the sheets submitted with the five criteria of the default
// rubric. Then times getContestStats --runs times (default 3) with the judging figures and once
// without (what a secretary sees), and prints the median, or one JSON line with --json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Rng } from "./generators/random";

const USAGE = `usage: npm run bench:stats -- [--entries N] [--panels P] [--runs R] [--seed S] [--json]`;

function parse(argv: string[]) {
  const o = { entries: 20_000, panels: 0, runs: 3, seed: 42, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === "--entries") o.entries = value();
    else if (a === "--panels") o.panels = value();
    else if (a === "--runs") o.runs = value();
    else if (a === "--seed") o.seed = value();
    else if (a === "--json") o.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  o.panels ||= Math.max(1, Math.round(o.entries / 1000));
  return o;
}

let o: ReturnType<typeof parse>;
try {
  o = parse(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const JUDGES_PER_PANEL = 10;
const READS = 3;
const DAY = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stats-bench-"));
try {
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.LOG_LEVEL = "silent";
  const { resolveDatabase } = await import("#app/utils/database-url");
  const { migrateDeploy } = await import("#app/utils/migrate.server");
  await migrateDeploy(resolveDatabase());
  const { prisma, disconnectDb } = await import("#app/utils/db.server");
  const { defaultRubricTemplate } = await import("#app/modules/rubrics/default-template");
  const { criterionRows } = await import("#app/modules/rubrics/rubric.schema");
  const { getContestStats } = await import("#app/modules/stats/stats.server");
  const rng = Rng.seeded(o.seed, "stats-bench");

  const seedStart = performance.now();
  const closesAt = Date.UTC(2026, 2, 31, 10);
  const opensAt = closesAt - 90 * DAY;
  const submitter = await prisma.user.create({ data: { email: "bench@example.test", name: "Bench" } });
  const contest = await prisma.contest.create({
    data: { slug: "bench", title: "Bench", phase: "JUDGING", opensAt: new Date(opensAt), closesAt: new Date(closesAt) },
  });
  const categories = await Promise.all([0, 1, 2, 3].map((i) => prisma.category.create({ data: { contestId: contest.id, name: `Đối tượng ${i + 1}`, position: i } })));
  const rubric = await prisma.rubric.create({
    data: { contestId: contest.id, name: "Thang điểm", versions: { create: { version: 1, criteria: { create: criterionRows(defaultRubricTemplate("vi").criteria) } } } },
    select: { versions: { select: { id: true, criteria: { select: { id: true, maxPoints: true } } } } },
  });
  const version = rubric.versions[0]!;
  const round = await prisma.round.create({ data: { contestId: contest.id, position: 1, name: "Sơ khảo", rubricVersionId: version.id } });
  const panels = await Promise.all(Array.from({ length: o.panels }, (_, i) => prisma.panel.create({ data: { roundId: round.id, name: `Tiểu ban ${i + 1}` } })));
  const judges = Array.from({ length: o.panels * JUDGES_PER_PANEL }, (_, i) => ({ id: `j${String(i).padStart(7, "0")}`, email: `j${i}@example.test`, name: `Giám khảo ${i + 1}` }));
  await prisma.user.createMany({ data: judges });

  const batch = { entries: [] as object[], authors: [] as object[], assignments: [] as object[], sheets: [] as object[], scores: [] as object[] };
  const flush = async () => {
    await prisma.entry.createMany({ data: batch.entries as never });
    await prisma.entryAuthor.createMany({ data: batch.authors as never });
    await prisma.assignment.createMany({ data: batch.assignments as never });
    await prisma.scoresheet.createMany({ data: batch.sheets as never });
    await prisma.score.createMany({ data: batch.scores as never });
    for (const rows of Object.values(batch)) rows.length = 0;
  };
  let sheetCount = 0;
  for (let i = 0; i < o.entries; i++) {
    const id = `e${String(i).padStart(7, "0")}`;
    // Faster towards the deadline: the share of the window elapsed is uniform^(1/3).
    const at = opensAt + Math.cbrt(rng.next()) * (closesAt - opensAt);
    batch.entries.push({ id, contestId: contest.id, categoryId: categories[i % 4]!.id, submitterId: submitter.id, title: id, status: "ELIGIBLE", entryCode: id, anonymousCode: `P${id}`, submittedAt: new Date(at) });
    const unit = rng.int(1, 3000);
    batch.authors.push({ entryId: id, position: 0, name: "Tác giả", unit: `UBND xã số ${unit}` });
    if (rng.chance(1 / 3)) batch.authors.push({ entryId: id, position: 1, name: "Đồng tác giả", unit: `Ủy ban nhân dân xã số ${unit}` });
    const panel = i % o.panels;
    const quality = rng.float(0.45, 0.9);
    const readers = new Set<number>();
    while (readers.size < READS) readers.add(rng.int(0, JUDGES_PER_PANEL - 1));
    for (const r of readers) {
      const assignmentId = `a${id}${r}`;
      batch.assignments.push({ id: assignmentId, roundId: round.id, panelId: panels[panel]!.id, entryId: id, judgeId: judges[panel * JUDGES_PER_PANEL + r]!.id });
      if (!rng.chance(0.8)) continue;
      const sheetId = `s${assignmentId}`;
      let total = 0;
      for (const c of version.criteria) {
        const points = Math.min(c.maxPoints, Math.max(0, Math.round((quality + rng.normal(0, 0.05)) * c.maxPoints * 2) / 2));
        total += points;
        batch.scores.push({ scoresheetId: sheetId, criterionId: c.id, points });
      }
      batch.sheets.push({ id: sheetId, assignmentId, rubricVersionId: version.id, status: "SUBMITTED", total, submittedAt: new Date(closesAt + DAY) });
      sheetCount++;
    }
    if (batch.entries.length === 2000) await flush();
  }
  await flush();
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const now = new Date(closesAt + 10 * DAY);
  const full: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const t = performance.now();
    await getContestStats({ contestId: contest.id, scoring: true, now });
    full.push((performance.now() - t) / 1000);
  }
  const t = performance.now();
  await getContestStats({ contestId: contest.id, scoring: false, now });
  const participationSeconds = (performance.now() - t) / 1000;
  await disconnectDb();

  const result = { entries: o.entries, panels: o.panels, judges: judges.length, sheets: sheetCount, seedSeconds, seconds: median(full), runs: full, participationSeconds };
  if (o.json) console.log(JSON.stringify(result));
  else {
    console.log(`${o.entries} entries, ${o.panels} panels of ${JUDGES_PER_PANEL} judges, ${sheetCount} submitted sheets (seeded in ${seedSeconds.toFixed(1)} s)`);
    console.log(`getContestStats with judging: median ${median(full).toFixed(2)} s of ${o.runs} runs (${full.map((s) => s.toFixed(2)).join(", ")})`);
    console.log(`participation only: ${participationSeconds.toFixed(2)} s`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
