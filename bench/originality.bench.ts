// Benchmark of the originality check (app/modules/entries/similarity.ts), the pipeline the server
// runs (originality.server.ts) without the database:
//
//   npm run bench:originality -- --entries 20000 --json
//   npm run bench:originality -- --entries 3000 --db --json
//
// A contest of --entries essays of about --words words (bench/generators/vietnamese-text.ts) and
// --earlier essays of earlier contests, with planted copies (each source essay used once):
//   resubmitted  an earlier contest's essay sent again with 3 % of its words changed;
//   duplicate    another entry of the contest with 5 % of its words changed;
//   partial      about 40 % of another entry's paragraphs put in place of the entry's own;
//   contained    a short entry (about 700 words) copied whole into a longer one.
// Stages, timed apart (generating the texts is not timed): prepare (shingle sets), search (stock
// phrases, signatures, LSH banding, exact containment of candidates), align (passages of the
// candidates, texts generated again as the server reads them again). Then the baseline, in the
// same run: brute-force exact containment of all pairs of the first --baseline entries (and the
// earlier essays), extrapolated to the whole contest by the number of pairs, against the search
// stage it replaces; it also gives the recall of the banding on that subset.
//
// --db: the server's own path instead (originality.server.ts runOriginalityCheck): the corpus is
// written to a fresh, migrated SQLite database in a temporary folder (not timed), then one run,
// in a child process of its own so that its peak memory is its own, reads the texts in batches,
// searches, aligns and writes the rows, scores and audit record.
//
// Output: a readable summary, or one JSON line with --json: seconds (prepare + search + align),
// entries, earlier, candidates, aligned, pairsReported, planted/plantedFound per kind,
// unplantedReported, peakRssBytes (the process's peak resident set) and the baseline.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_SIMILARITY_OPTIONS,
  SimilarityIndex,
  bandingProbability,
  intersectionSize,
  shingleSet,
  tokenize,
  type Tokens,
} from "#app/modules/entries/similarity";
import { SIMILARITY_REPORT_THRESHOLD } from "#app/modules/entries/originality.schema";
import { Rng, deriveSeed } from "./generators/random";
import { vietnameseEssay } from "./generators/vietnamese-text";

const USAGE = `usage: npm run bench:originality -- [--entries N] [--earlier E] [--words W] [--varied V] [--baseline B] [--seed S] [--db] [--json]

  --entries N    entries of the contest, 10..200000 (default 20000)
  --earlier E    essays of earlier contests on the installation, 0..200000 (default N / 10)
  --words W      words per essay, about (default 2000; 400..10000)
  --varied V     share of words replaced by random syllables, 0..0.9 (default 0): the generator
                 assembles essays from a small phrase list, so its essays share far more wording
                 than real ones; --varied 0.3 gives each essay wording of its own (most shingles
                 unique), as real essays have
  --baseline B   entries in the brute-force baseline's subset (default 1000; 0 skips it)
  --seed S       generator seed, an integer (default 42)
  --db           run the server's check on an SQLite database instead (no baseline)
  --json         one JSON line instead of a readable summary`;

interface Options {
  entries: number;
  varied: number;
  db: boolean;
  earlier: number | null;
  words: number;
  baseline: number;
  seed: number;
  json: boolean;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { entries: 20_000, varied: 0, db: false, earlier: null, words: 2_000, baseline: 1_000, seed: 42, json: false };
  const int = (flag: string, v: string | undefined, lo: number, hi: number) => {
    const n = v === undefined || v.trim() === "" ? NaN : Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) fail(`bad value for ${flag}: ${v ?? "(missing)"}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") o.json = true;
    else if (a === "--db") o.db = true;
    else if (a === "--entries") o.entries = int(a, argv[++i], 10, 200_000);
    else if (a === "--earlier") o.earlier = int(a, argv[++i], 0, 200_000);
    else if (a === "--words") o.words = int(a, argv[++i], 400, 10_000);
    else if (a === "--varied") {
      const v = Number(argv[++i]);
      if (!(v >= 0 && v <= 0.9)) fail(`bad value for --varied: ${argv[i] ?? "(missing)"}`);
      o.varied = v;
    } else if (a === "--baseline") o.baseline = int(a, argv[++i], 0, 200_000);
    else if (a === "--seed") o.seed = int(a, argv[++i], -(2 ** 31), 2 ** 31 - 1);
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument: ${a}`);
  }
  return o;
}

// ------------------------------------------------------------------------------- the corpus

type Kind = "resubmitted" | "duplicate" | "partial" | "contained";
const KINDS: readonly Kind[] = ["resubmitted", "duplicate", "partial", "contained"];
/** Share of the contest's entries planted with each kind. */
const PLANT_SHARE: Record<Kind, number> = { resubmitted: 0.005, duplicate: 0.005, partial: 0.005, contained: 0.0025 };
const EDIT_WORDS = ["rất", "luôn", "những", "cũng", "thật sự", "vô cùng", "hết sức", "ngày càng"];

// Vietnamese-looking syllables (onset + rhyme + tone) for --varied: thousands of them, so that a
// replaced word rarely matches another essay's.
const ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"];
const RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "at", "ach", "âm", "ân", "âu", "ây", "e", "em", "en", "eo", "ê", "êm", "ên", "i", "im", "in", "inh", "ich", "iêu", "o", "oa", "oai", "oan", "oang", "oi", "om", "on", "ong", "ô", "ôi", "ông", "ơ", "ơi", "ơn", "u", "ui", "um", "un", "ung", "uôi", "uông", "ư", "ưa", "ưng", "ươi", "ương", "y"];
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

function syllable(rng: Rng): string {
  const rhyme = rng.pick(RHYMES);
  // The tone goes on the rhyme's first vowel; NFC composes it with that vowel.
  return (rng.pick(ONSETS) + rhyme.charAt(0) + rng.pick(TONES) + rhyme.slice(1)).normalize("NFC");
}

interface Plant {
  kind: Kind;
  /** The source document's id ("e12" earlier, "c34" this contest). */
  source: string;
}

class Corpus {
  readonly plants = new Map<string, Plant>(); // copy id → plant
  private readonly shortIds = new Set<string>();

  constructor(
    readonly entries: number,
    readonly earlier: number,
    readonly words: number,
    readonly varied: number,
    readonly seed: number,
  ) {
    const rng = Rng.seeded(seed, "plants");
    const current = rng.shuffle(Array.from({ length: entries }, (_, i) => `c${i}`));
    const earlierIds = rng.shuffle(Array.from({ length: earlier }, (_, i) => `e${i}`));
    for (const kind of KINDS) {
      const count = Math.max(1, Math.round(PLANT_SHARE[kind] * entries));
      for (let n = 0; n < count; n++) {
        const copy = current.pop();
        const source = kind === "resubmitted" ? earlierIds.pop() : current.pop();
        if (!copy || !source) break;
        this.plants.set(copy, { kind, source });
        if (kind === "contained") this.shortIds.add(source);
      }
    }
  }

  ids(): string[] {
    return [...Array.from({ length: this.earlier }, (_, i) => `e${i}`), ...Array.from({ length: this.entries }, (_, i) => `c${i}`)];
  }

  private base(id: string): string {
    const short = this.shortIds.has(id);
    const min = short ? 650 : Math.round(this.words * 0.9);
    const text = vietnameseEssay(deriveSeed(this.seed, `essay:${id}`), {
      minWords: min,
      maxWords: short ? 1_000 : Math.round(this.words * 1.05) + 320,
      place: "tỉnh Bình Sơn",
    }).text;
    if (this.varied === 0) return text;
    const rng = Rng.seeded(this.seed, `varied:${id}`);
    return text
      .split("\n\n")
      .map((p) => p.split(" ").map((w) => (rng.chance(this.varied) ? syllable(rng) : w)).join(" "))
      .join("\n\n");
  }

  /** The text of a document, the same every time it is asked. */
  text(id: string): string {
    const plant = this.plants.get(id);
    if (!plant) return this.base(id);
    const rng = Rng.seeded(this.seed, `plant:${id}`);
    const source = this.base(plant.source);
    switch (plant.kind) {
      case "resubmitted":
        return edit(source, 0.03, rng);
      case "duplicate":
        return edit(source, 0.05, rng);
      case "partial": {
        const own = this.base(id).split("\n\n");
        const theirs = source.split("\n\n");
        const out = own.map((p, i) => (i > 0 && rng.chance(0.4) && theirs[i] ? theirs[i] : p));
        return out.join("\n\n");
      }
      case "contained": {
        const own = this.base(id).split("\n\n");
        const at = Math.floor(own.length / 2);
        return [...own.slice(0, at), source, ...own.slice(at)].join("\n\n");
      }
    }
  }
}

/** Replaces a share of the words with common words, as a copier who changes a word here and there. */
function edit(text: string, share: number, rng: Rng): string {
  return text
    .split("\n\n")
    .map((p) =>
      p
        .split(" ")
        .map((w) => (rng.chance(share) ? rng.pick(EDIT_WORDS) : w))
        .join(" "),
    )
    .join("\n\n");
}

// ------------------------------------------------------------------------------- the run

/**
 * Wall-clock and CPU time (user + system, milliseconds) of the work run through it. The machines
 * these figures come from are shared: CPU time says what the work costs, wall time what a user
 * waited.
 */
class Stopwatch {
  wall = 0;
  cpu = 0;
  time<T>(work: () => T): T {
    const w = performance.now();
    const c = process.cpuUsage();
    try {
      return work();
    } finally {
      const used = process.cpuUsage(c);
      this.cpu += (used.user + used.system) / 1000;
      this.wall += performance.now() - w;
    }
  }
  seconds() {
    return { seconds: round(this.wall / 1000), cpuSeconds: round(this.cpu / 1000) };
  }
}

function run(o: Options) {
  const earlier = o.earlier ?? Math.round(o.entries / 10);
  const corpus = new Corpus(o.entries, earlier, o.words, o.varied, o.seed);
  const index = new SimilarityIndex();
  const ids = corpus.ids();
  const isEarlier = (id: string) => id.startsWith("e");

  const prepare = new Stopwatch();
  let words = 0;
  for (const id of ids) {
    const text = corpus.text(id);
    words += text.split(/\s+/u).length;
    prepare.time(() => index.add(id, text, isEarlier(id)));
  }

  const searching = new Stopwatch();
  const search = searching.time(() => index.search());
  const memory = process.memoryUsage();
  // Typed arrays live outside the JavaScript heap: the index's shingle sets and signatures.
  const indexBytes = memory.heapUsed + memory.arrayBuffers;

  // Align: texts read again (here: generated again, not timed), tokenized once per document.
  const tokens = new Map<string, Tokens>();
  const align = new Stopwatch();
  const reported: { a: string; b: string; score: number }[] = [];
  for (const pair of search.pairs) {
    for (const id of [pair.a, pair.b]) {
      if (!tokens.has(id)) {
        const text = corpus.text(id);
        tokens.set(id, align.time(() => tokenize(text)));
      }
    }
    const result = align.time(() => index.compare(tokens.get(pair.a)!, tokens.get(pair.b)!));
    if (result.score >= SIMILARITY_REPORT_THRESHOLD) reported.push({ a: pair.a, b: pair.b, score: result.score });
  }
  tokens.clear();

  // Planted pairs found, by kind.
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const reportedKeys = new Map(reported.map((r) => [key(r.a, r.b), r.score]));
  // For each kind: planted pairs, those whose own score (aligned directly, not timed) reaches the
  // threshold, those the run reported, and the lowest score among the reportable ones.
  const planted: Record<Kind, { planted: number; reportable: number; found: number; minScore: number | null }> = {
    resubmitted: { planted: 0, reportable: 0, found: 0, minScore: null },
    duplicate: { planted: 0, reportable: 0, found: 0, minScore: null },
    partial: { planted: 0, reportable: 0, found: 0, minScore: null },
    contained: { planted: 0, reportable: 0, found: 0, minScore: null },
  };
  const plantedKeys = new Set<string>();
  const stock = index.stockShingles();
  const kept = (id: string) => shingleSet(corpus.text(id)).filter((h) => !stock.has(h));
  /** Reportable planted pairs the run missed: their Jaccard index and containment (stock phrases left out). */
  const missed: { kind: Kind; score: number; jaccard: number; containment: number }[] = [];
  for (const [copy, plant] of corpus.plants) {
    const k = key(copy, plant.source);
    plantedKeys.add(k);
    const row = planted[plant.kind];
    row.planted++;
    const own = index.compare(tokenize(corpus.text(copy)), tokenize(corpus.text(plant.source))).score;
    if (own < SIMILARITY_REPORT_THRESHOLD) continue;
    row.reportable++;
    row.minScore = row.minScore === null ? own : Math.min(row.minScore, own);
    if (reportedKeys.has(k)) row.found++;
    else {
      const a = kept(copy);
      const b = kept(plant.source);
      const inter = intersectionSize(a, b);
      missed.push({ kind: plant.kind, score: own, jaccard: round(inter / (a.length + b.length - inter)), containment: round(inter / Math.min(a.length, b.length)) });
    }
  }
  const unplantedReported = reported.filter((r) => !plantedKeys.has(key(r.a, r.b))).length;

  const baseline = o.baseline > 0 ? runBaseline(corpus, index, Math.min(o.baseline, o.entries), earlier, reportedKeys, searching) : null;

  const seconds = (prepare.wall + searching.wall + align.wall) / 1000;
  const cpuSeconds = (prepare.cpu + searching.cpu + align.cpu) / 1000;
  return {
    bench: "originality",
    entries: o.entries,
    earlier,
    meanWords: Math.round(words / ids.length),
    varied: o.varied,
    seed: o.seed,
    threshold: SIMILARITY_REPORT_THRESHOLD,
    bands: DEFAULT_SIMILARITY_OPTIONS.bands,
    rows: DEFAULT_SIMILARITY_OPTIONS.rows,
    seconds: round(seconds),
    cpuSeconds: round(cpuSeconds),
    loadAverage: round(os.loadavg()[0]!),
    stages: { prepare: prepare.seconds(), search: searching.seconds(), align: align.seconds() },
    stockShingles: search.stockShingles,
    candidates: search.candidates,
    aligned: search.pairs.length,
    pairsReported: reported.length,
    planted,
    missed,
    unplantedReported,
    heapAndBuffersAfterSearchBytes: indexBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baseline,
  };
}

/**
 * Brute force on a subset: exact containment of every pair among the first `size` entries and
 * between them and the earlier essays, on the same shingle sets without stock phrases; the pairs
 * above the verify bound are then aligned (not timed) to count those that score above the
 * threshold, and how many of them the run reported (the recall of the banding).
 */
function runBaseline(corpus: Corpus, index: SimilarityIndex, size: number, earlier: number, reported: ReadonlyMap<string, number>, searching: Stopwatch) {
  const stock = index.stockShingles();
  const sets = new Map<string, Uint32Array>();
  const earlierIds = Array.from({ length: earlier }, (_, i) => `e${i}`);
  const current = Array.from({ length: size }, (_, i) => `c${i}`);
  for (const id of [...earlierIds, ...current]) sets.set(id, shingleSet(corpus.text(id)).filter((h) => !stock.has(h)));
  const verifyMin = index.options.verifyMinContainment;
  const brute = new Stopwatch();
  let pairs = 0;
  const above: [string, string][] = [];
  brute.time(() => {
    for (let i = 0; i < current.length; i++) {
      const a = sets.get(current[i]!)!;
      const check = (other: string) => {
        const b = sets.get(other)!;
        pairs++;
        const small = Math.min(a.length, b.length);
        if (small > 0 && intersectionSize(a, b) / small >= verifyMin) above.push([current[i]!, other]);
      };
      for (let j = i + 1; j < current.length; j++) check(current[j]!);
      for (const other of earlierIds) check(other);
    }
  });
  let reportable = 0;
  let reportedByRun = 0;
  for (const [x, y] of above) {
    if (index.compare(tokenize(corpus.text(x)), tokenize(corpus.text(y))).score < SIMILARITY_REPORT_THRESHOLD) continue;
    reportable++;
    if (reported.has(x < y ? `${x}|${y}` : `${y}|${x}`)) reportedByRun++;
  }
  // CPU time on both sides: the ratio does not depend on what else the machine was doing.
  const fullPairs = (corpus.entries * (corpus.entries - 1)) / 2 + corpus.entries * earlier;
  const extrapolated = (brute.cpu / 1000) * (fullPairs / pairs);
  return {
    subset: size,
    pairs,
    ...brute.seconds(),
    extrapolatedCpuSeconds: round(extrapolated),
    searchCpuSeconds: round(searching.cpu / 1000),
    ratio: round(extrapolated / (searching.cpu / 1000)),
    pairsAboveVerify: above.length,
    reportable,
    reportedByRun,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

// ------------------------------------------------------------------------------- --db

/** The corpus written to a fresh SQLite database, then one run of the server's check. */
async function runDatabase(o: Options) {
  const earlier = o.earlier ?? Math.round(o.entries / 10);
  const corpus = new Corpus(o.entries, earlier, o.words, o.varied, o.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "originality-bench-"));
  try {
    process.env.DATA_DIR = dir;
    process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
    process.env.LOG_LEVEL = "silent";
    const { resolveDatabase } = await import("#app/utils/database-url");
    const { migrateDeploy } = await import("#app/utils/migrate.server");
    await migrateDeploy(resolveDatabase());
    const { prisma, disconnectDb } = await import("#app/utils/db.server");

    const t0 = performance.now();
    const user = await prisma.user.create({ data: { email: "bench@example.test", name: "Bench" } });
    const contest = async (slug: string, createdAt: Date) =>
      prisma.contest.create({
        data: { slug, title: slug, createdAt, phase: "JUDGING", categories: { create: { name: "Bench" } } },
        include: { categories: true },
      });
    const old = await contest("earlier", new Date(Date.UTC(2024, 0, 1)));
    const current = await contest("current", new Date(Date.UTC(2025, 0, 1)));
    const entryId = (id: string) => `${id[0]}${id.slice(1).padStart(7, "0")}`;
    const ids = corpus.ids();
    for (let i = 0; i < ids.length; i += 250) {
      const batch = ids.slice(i, i + 250);
      const rows = batch.map((id) => ({ id, text: corpus.text(id), target: id.startsWith("e") ? old : current }));
      await prisma.entry.createMany({
        data: rows.map((r) => ({
          id: entryId(r.id),
          contestId: r.target.id,
          categoryId: r.target.categories[0]!.id,
          submitterId: user.id,
          title: r.id,
          status: "SUBMITTED" as const,
          entryCode: r.id,
          anonymousCode: `PH-${r.id}`,
          submittedAt: new Date(),
        })),
      });
      await prisma.entryVersion.createMany({
        data: rows.map((r) => ({ id: `v${entryId(r.id)}`, entryId: entryId(r.id), number: 1, extractedText: r.text, wordCount: r.text.split(/\s+/u).length })),
      });
    }
    await prisma.$executeRawUnsafe(`UPDATE "Entry" SET "currentVersionId" = 'v' || "id"`);
    const seedSeconds = (performance.now() - t0) / 1000;

    await disconnectDb();

    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--db-run", dir, current.id, user.id], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
      env: process.env,
    });
    if (child.status !== 0) throw new Error(`the run failed:\n${child.stderr}`);
    const run = JSON.parse(child.stdout.trim().split("\n").pop()!) as ChildRun;

    const rows = await prisma.similarity.findMany({ select: { entryId: true, otherEntryId: true } });
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const stored = new Set(rows.map((r) => key(r.entryId, r.otherEntryId)));
    const planted: Record<Kind, { planted: number; found: number }> = {
      resubmitted: { planted: 0, found: 0 },
      duplicate: { planted: 0, found: 0 },
      partial: { planted: 0, found: 0 },
      contained: { planted: 0, found: 0 },
    };
    for (const [copy, plant] of corpus.plants) {
      planted[plant.kind].planted++;
      if (stored.has(key(entryId(copy), entryId(plant.source)))) planted[plant.kind].found++;
    }
    await disconnectDb();
    return {
      bench: "originality",
      mode: "database",
      entries: o.entries,
      earlier,
      varied: o.varied,
      seed: o.seed,
      threshold: SIMILARITY_REPORT_THRESHOLD,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      loadAverage: round(os.loadavg()[0]!),
      seedSeconds: round(seedSeconds),
      candidates: run.counts.candidates,
      pairsReported: run.counts.pairs,
      flagged: run.counts.flagged,
      planted,
      peakRssBytes: run.peakRssBytes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface ChildRun {
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  counts: { candidates: number; pairs: number; flagged: number };
}

/** The child of --db: one run of the server's check on the database in `dir`, one JSON line. */
async function runChild(dir: string, contestId: string, actorId: string) {
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.LOG_LEVEL = "silent";
  const { disconnectDb } = await import("#app/utils/db.server");
  const { runOriginalityCheck } = await import("#app/modules/entries/originality.server");
  const t = performance.now();
  const c = process.cpuUsage();
  const result = await runOriginalityCheck({ contestId, actorId });
  const used = process.cpuUsage(c);
  const seconds = (performance.now() - t) / 1000;
  await disconnectDb();
  if (!result.ok) throw new Error("the run found no contest");
  const out: ChildRun = {
    seconds: round(seconds),
    cpuSeconds: round((used.user + used.system) / 1e6),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    counts: result.counts,
  };
  console.log(JSON.stringify(out));
}

const childAt = process.argv.indexOf("--db-run");
if (childAt >= 0) {
  const [dir, contestId, actorId] = process.argv.slice(childAt + 1);
  await runChild(dir!, contestId!, actorId!);
  process.exit(0);
}

const o = parseArgs(process.argv.slice(2));
if (o.db) {
  const result = await runDatabase(o);
  if (o.json) console.log(JSON.stringify(result));
  else {
    console.log(`originality check on SQLite: ${result.entries} entries + ${result.earlier} earlier essays`);
    console.log(
      `  ${result.seconds} s for the run, CPU ${result.cpuSeconds} s (writing the corpus: ${result.seedSeconds} s); peak RSS ${Math.round(result.peakRssBytes / 1e6)} MB; load average ${result.loadAverage}`,
    );
    console.log(`  ${result.candidates} candidates, ${result.pairsReported} pairs stored, ${result.flagged} entries flagged`);
    for (const kind of KINDS) console.log(`  planted ${kind}: ${result.planted[kind].found}/${result.planted[kind].planted} stored`);
  }
  process.exit(0);
}
const result = run(o);
if (o.json) console.log(JSON.stringify(result));
else {
  const mb = (b: number) => `${Math.round(b / 1e6)} MB`;
  console.log(`originality check: ${result.entries} entries + ${result.earlier} earlier essays, ~${result.meanWords} words`);
  const st = result.stages;
  console.log(
    `  ${result.seconds} s, CPU ${result.cpuSeconds} s (prepare ${st.prepare.seconds}/${st.prepare.cpuSeconds}, search ${st.search.seconds}/${st.search.cpuSeconds}, align ${st.align.seconds}/${st.align.cpuSeconds}); ` +
      `peak RSS ${mb(result.peakRssBytes)}; load average ${result.loadAverage}`,
  );
  console.log(`  ${result.stockShingles} stock shingles; ${result.candidates} candidates, ${result.aligned} aligned, ${result.pairsReported} pairs ≥ ${result.threshold}`);
  for (const kind of KINDS) {
    const p = result.planted[kind];
    console.log(`  planted ${kind}: ${p.planted}, ${p.reportable} scoring ≥ ${result.threshold} (lowest ${p.minScore ?? "—"}), ${p.found} of them reported`);
  }
  for (const m of result.missed) console.log(`  missed ${m.kind}: score ${m.score}, Jaccard ${m.jaccard}, containment ${m.containment}`);
  console.log(`  reported but not planted: ${result.unplantedReported}`);
  console.log(`  banding: P(candidate) = ${[0.1, 0.2, 0.3, 0.5].map((j) => `${j} → ${bandingProbability(j).toFixed(3)}`).join(", ")}`);
  if (result.baseline) {
    const b = result.baseline;
    console.log(
      `  baseline (all ${b.pairs} pairs of ${b.subset} entries + earlier): CPU ${b.cpuSeconds} s → ${b.extrapolatedCpuSeconds} s for the contest, ×${b.ratio} the search; ` +
        `of its ${b.pairsAboveVerify} pairs above the verify bound, ${b.reportable} score ≥ ${result.threshold}, ${b.reportedByRun} of them reported by the run`,
    );
  }
}
