// Benchmark of the deadline surge on the upload path: many entrants sending their essay at once.
//
//   npm run build && npm run bench:upload -- --json
//
// A freshly started server (server.mjs serving build/, as tests/integration/server-process.ts
// starts it) on a fresh SQLite database and data folder in a temporary directory; an open
// contest taking DOCX and PDF up to 10 MB; --uploads entrant accounts with sessions written
// through the app's own code (not timed). Each entrant's file is a real DOCX of --mb MB: an essay
// of about 1,500 words naming the entrant (so every file differs) plus a large incompressible
// media part, as a Word file with a photograph is; the server sniffs, walks and extracts it.
// The files are written to disk first and streamed from there (fs.openAsBlob), so the client
// holds none of them in memory.
//
// Timed: --uploads POSTs of the entry form to /contests/:slug/enter/upload, the route the page's
// script sends with XMLHttpRequest, --concurrency at a time (default: all at once), each from
// the request's start to the end of its JSON answer; the server's resident memory is polled
// from /proc/<pid>/status, and its peak (VmHWM) read at the end.
//
// Verified (not timed): every acknowledged upload is a submitted entry whose current version's
// file has the SHA-256 of the bytes sent, and the bytes on disk hash to it.
//
// Baseline, in the same run: the raw disk write rate, --uploads files of --mb MB written with fs
// write streams (64 KiB chunks) and fsynced, --concurrency at a time, into the same data folder;
// `ratio` is the uploads' throughput (MB acknowledged per second of the surge) over that rate.
// A second baseline, the machine's ceiling for any upload server: the same forms, as many at once,
// sent to bench/bare-upload-server.mjs (a bare node:http server in a child process that reads each
// body, hashes it with SHA-256, writes it and fsyncs it; no multipart parsing, no checks, no
// database); `p95RatioToBare` is the server's p95 over the bare server's.
//
// Output: a readable summary, or one JSON line with --json: uploads, stored, failed, p50Ms,
// p95Ms, p99Ms, maxMs, seconds, uploadMBps, peakRssMB (the server's), idleRssMB, diskMBps, ratio,
// bareP50Ms, bareP95Ms, bareSeconds, bareMBps, barePeakRssMB, p95RatioToBare.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { vietnameseEssay } from "./generators/vietnamese-text";
import { docxDocument } from "#tests/fixtures/documents";
import { freePort, missingBuild, startServer } from "#tests/integration/server-process";

const USAGE = `usage: npm run bench:upload -- [--uploads N] [--concurrency C] [--mb M] [--json]

  --uploads N      entrants uploading, 1..2000 (default 200)
  --concurrency C  requests in flight at once (default N: all at once)
  --mb M           size of each DOCX in MB (MiB), 1..9 (default 5)
  --json           one JSON line instead of a readable summary`;

interface Options {
  uploads: number;
  concurrency: number;
  mb: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { uploads: 200, concurrency: 0, mb: 5, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) throw new Error(`${arg} needs a number\n${USAGE}`);
      return v;
    };
    if (arg === "--uploads") options.uploads = value();
    else if (arg === "--concurrency") options.concurrency = value();
    else if (arg === "--mb") options.mb = value();
    else if (arg === "--json") options.json = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!Number.isInteger(options.uploads) || options.uploads < 1 || options.uploads > 2000) throw new Error(`--uploads must be 1..2000\n${USAGE}`);
  if (options.mb < 1 || options.mb > 9) throw new Error(`--mb must be 1..9\n${USAGE}`);
  options.concurrency = options.concurrency || options.uploads;
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error(`--concurrency must be a positive integer\n${USAGE}`);
  return options;
}

const MB = 1024 * 1024;
const SESSION_SECRET = "bench-upload-secret-bench-upload-secret-0";

/** Runs `task` for 0..count-1 with at most `limit` at once; the results in order. */
async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** VmRSS and VmHWM of a process, in MB. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** The entrant's DOCX: an essay that names them, and `bytes` in total with an incompressible media part. */
function entrantDocx(i: number, name: string, bytes: number): Uint8Array {
  const essay = vietnameseEssay(1000 + i, { minWords: 1200, maxWords: 1800, place: "tỉnh Hà Tĩnh" }).text.split("\n\n");
  const parts = unzipSync(docxDocument([...essay, `Người viết: ${name}.`]));
  const textBytes = Object.values(parts).reduce((n, p) => n + p.length, 0);
  const media = new Uint8Array(Math.max(0, bytes - textBytes - 4096));
  for (let off = 0; off < media.length; off += 65536) media.set(crypto.randomBytes(Math.min(65536, media.length - off)), off);
  media.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // a PNG's signature
  const files: Zippable = { ...parts, "word/media/image1.png": [media, { level: 0 }] };
  return zipSync(files, { level: 6 });
}

/** Starts bench/bare-upload-server.mjs as a child process on a free port; resolves once it listens. */
async function startBareServer(dir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, "bare-upload-server.mjs")], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: String(port), BARE_DIR: dir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bare server exited with ${code}`)));
    child.stdout!.setEncoding("utf8").on("data", (text: string) => {
      if (text.includes("listening")) resolve();
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const missing = missingBuild();
  if (missing) throw new Error(missing);
  const log = (line: string) => {
    if (!options.json) console.log(line);
  };

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-upload-"));
  const dataDir = path.join(root, "data");
  const filesDir = path.join(root, "files");
  fs.mkdirSync(filesDir, { recursive: true });
  // The app's own modules in this process (accounts, sessions, the store) use the server's database.
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
  process.env.SESSION_SECRET = SESSION_SECRET;
  process.env.NODE_ENV = "production";

  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", SESSION_SECRET, PHASE_SCHEDULER_SECONDS: "0", SMTP_URL: "" }, 120_000);
  const pid = server.child.pid!;
  try {
    const { prisma, disconnectDb } = await import("#app/utils/db.server");
    const { sessionCookie } = await import("#tests/factories/accounts");
    const { LocalDiskStore } = await import("#app/modules/storage/local-store.server");
    const { uploadsDir } = await import("#app/modules/storage/store.server");

    // ── Seeding (not timed) ──
    const contest = await prisma.contest.create({
      data: {
        title: "Cuộc thi chính luận: đợt nộp bài cuối",
        slug: `nop-bai-${crypto.randomBytes(3).toString("hex")}`,
        phase: "OPEN",
        closesAt: new Date(Date.now() + 24 * 3600 * 1000),
        allowedFileTypes: "pdf,docx",
        maxFileBytes: 10 * MB,
        maxEntriesPerUser: 1,
        entryCodePrefix: "NB-",
        categories: { create: { name: "Cán bộ, đảng viên" } },
      },
      include: { categories: true },
    });
    const categoryId = contest.categories[0]!.id;
    const entrants: { id: string; name: string; cookie: string; file: string; sha256: string; size: number }[] = [];
    for (let i = 0; i < options.uploads; i++) {
      const name = `Nguyễn Thị Dự Thi ${i + 1}`;
      const user = await prisma.user.create({ data: { name, email: `du-thi-${i + 1}@example.test` } });
      const bytes = entrantDocx(i, name, options.mb * MB);
      const file = path.join(filesDir, `bai-${i + 1}.docx`);
      fs.writeFileSync(file, bytes);
      entrants.push({ id: user.id, name, cookie: await sessionCookie(user.id), file, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
    }
    const totalMB = entrants.reduce((n, e) => n + e.size, 0) / MB;
    log(`seeded ${options.uploads} entrants with ${options.mb} MB DOCX files in ${root}`);

    // ── The surge (timed) ──
    const idle = memoryOf(pid);
    let sampledPeak = idle?.rss ?? 0;
    const sampler = setInterval(() => {
      const m = memoryOf(pid);
      if (m) sampledPeak = Math.max(sampledPeak, m.rss);
    }, 50);
    const url = `${server.url}/contests/${contest.slug}/enter/upload`;
    const formOf = async (i: number) => {
      const e = entrants[i]!;
      const form = new FormData();
      const fields: Record<string, string> = {
        intent: "submit",
        version: "0",
        categoryId,
        title: `Bài dự thi số ${i + 1}`,
        abstract: "Bài viết bàn về việc bảo vệ nền tảng tư tưởng của Đảng.",
        "authors[0].name": e.name,
        "authors[0].birthYear": "1990",
        "authors[0].unit": "Trường THPT Phan Đình Phùng",
        "authors[0].jobTitle": "Giáo viên",
        "authors[0].email": `du-thi-${i + 1}@example.test`,
        "authors[0].phone": "0912 345 678",
        declaration: "on",
        essayMode: "file",
      };
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append("file", await fs.openAsBlob(e.file, { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), `bai-du-thi-${i + 1}.docx`);
      return form;
    };
    const started = performance.now();
    const results = await pool(options.uploads, options.concurrency, async (i) => {
      const form = await formOf(i);
      const t0 = performance.now();
      try {
        const response = await fetch(url, { method: "POST", body: form, headers: { Cookie: entrants[i]!.cookie, Origin: server.url } });
        const body = (await response.json()) as { redirectTo?: string; result?: unknown };
        const ms = performance.now() - t0;
        const entryId = response.ok && body.redirectTo ? /^\/entries\/([^/]+)\/receipt$/.exec(body.redirectTo)?.[1] : undefined;
        return { ms, entryId, error: entryId ? null : `${response.status} ${JSON.stringify(body).slice(0, 300)}` };
      } catch (error) {
        return { ms: performance.now() - t0, entryId: undefined, error: String(error) };
      }
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const peak = memoryOf(pid);

    // ── Verification (not timed) ──
    const store = new LocalDiskStore(uploadsDir());
    let stored = 0;
    const problems: string[] = [];
    for (const [i, r] of results.entries()) {
      if (!r.entryId) {
        problems.push(`upload ${i + 1}: ${r.error}`);
        continue;
      }
      const entry = await prisma.entry.findFirst({
        where: { id: r.entryId, contestId: contest.id, submitterId: entrants[i]!.id, status: "SUBMITTED" },
        select: { currentVersion: { select: { file: { select: { sha256: true, storageKey: true, backend: true } } } } },
      });
      const file = entry?.currentVersion?.file;
      if (!file || file.sha256 !== entrants[i]!.sha256 || file.backend !== "LOCAL") {
        problems.push(`upload ${i + 1}: no entry with the file's SHA-256`);
        continue;
      }
      const hash = crypto.createHash("sha256");
      await pipeline(await store.open(file.storageKey), hash);
      if (hash.digest("hex") !== file.sha256) problems.push(`upload ${i + 1}: the bytes on disk differ`);
      else stored++;
    }
    const entries = await prisma.entry.count({ where: { contestId: contest.id } });
    if (entries !== stored) problems.push(`${entries} entries in the database for ${stored} verified uploads`);
    await disconnectDb();

    // ── Baseline: raw disk writes into the same folder (timed) ──
    const baselineDir = path.join(dataDir, "baseline");
    fs.mkdirSync(baselineDir);
    const chunk = crypto.randomBytes(64 * 1024);
    const baseStarted = performance.now();
    await pool(options.uploads, options.concurrency, async (i) => {
      const target = path.join(baselineDir, `f-${i}`);
      const stream = fs.createWriteStream(target);
      const size = entrants[i]!.size;
      for (let written = 0; written < size; written += chunk.length) {
        const piece = written + chunk.length <= size ? chunk : chunk.subarray(0, size - written);
        if (!stream.write(piece)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
      }
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const fd = await fs.promises.open(target, "r+");
      await fd.sync();
      await fd.close();
    });
    const baseSeconds = (performance.now() - baseStarted) / 1000;
    const diskMBps = totalMB / baseSeconds;

    // ── Baseline: the same forms, as many at once, to a bare server (timed) ──
    const bare = await startBareServer(path.join(dataDir, "bare"));
    let bareSampledPeak = 0;
    const bareSampler = setInterval(() => {
      const m = memoryOf(bare.pid);
      if (m) bareSampledPeak = Math.max(bareSampledPeak, m.rss);
    }, 50);
    const bareStarted = performance.now();
    const bareResults = await pool(options.uploads, options.concurrency, async (i) => {
      const form = await formOf(i);
      const t0 = performance.now();
      const response = await fetch(bare.url, { method: "POST", body: form });
      const body = (await response.json()) as { sha256?: string };
      if (!response.ok || !body.sha256) problems.push(`bare upload ${i + 1}: ${response.status}`);
      return performance.now() - t0;
    });
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    clearInterval(bareSampler);
    const barePeak = memoryOf(bare.pid);
    await bare.stop();
    const bareLatencies = bareResults.sort((a, b) => a - b);

    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    const uploadMBps = (entrants.filter((_e, i) => results[i]!.entryId).reduce((n, e) => n + e.size, 0) / MB) / seconds;
    const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
    const out = {
      uploads: options.uploads,
      stored,
      failed: options.uploads - stored,
      concurrency: options.concurrency,
      fileMB: round(totalMB / options.uploads, 2),
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.at(-1) ?? NaN),
      seconds: round(seconds, 2),
      uploadMBps: round(uploadMBps, 1),
      peakRssMB: round(Math.max(peak?.hwm ?? 0, sampledPeak), 1),
      idleRssMB: round(idle?.rss ?? NaN, 1),
      diskMBps: round(diskMBps, 1),
      diskSeconds: round(baseSeconds, 2),
      ratio: round(uploadMBps / diskMBps, 3),
      bareP50Ms: round(percentile(bareLatencies, 50)),
      bareP95Ms: round(percentile(bareLatencies, 95)),
      bareSeconds: round(bareSeconds, 2),
      bareMBps: round(totalMB / bareSeconds, 1),
      barePeakRssMB: round(Math.max(barePeak?.hwm ?? 0, bareSampledPeak), 1),
      p95RatioToBare: round(percentile(latencies, 95) / percentile(bareLatencies, 95), 2),
      cpus: os.availableParallelism(),
      node: process.version,
    };
    if (options.json) console.log(JSON.stringify(out));
    else {
      console.log(`${stored}/${options.uploads} uploads of ${out.fileMB} MB stored and verified, ${options.concurrency} at a time, in ${out.seconds} s`);
      console.log(`latency p50 ${out.p50Ms} ms, p95 ${out.p95Ms} ms, p99 ${out.p99Ms} ms, max ${out.maxMs} ms`);
      console.log(`server RSS: idle ${out.idleRssMB} MB, peak ${out.peakRssMB} MB`);
      console.log(`throughput ${out.uploadMBps} MB/s; raw disk writes ${out.diskMBps} MB/s (ratio ${out.ratio})`);
      console.log(`bare server (read, hash, write, fsync; no parsing, no database): p95 ${out.bareP95Ms} ms, ${out.bareMBps} MB/s, peak RSS ${out.barePeakRssMB} MB; p95 ratio ${out.p95RatioToBare}`);
    }
    for (const p of problems.slice(0, 10)) console.error(p);
    if (problems.length) process.exitCode = 1;
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
