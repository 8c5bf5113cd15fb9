// The backup-under-load scenario, shared by the SQLite and PostgreSQL test files: the built
// server runs on the test file's database; entrants submit entries and replace their essays with
// real files through the HTTP endpoints the entry form posts to, each worker waiting for its answer
// before the next post (so every acknowledged write is recorded with what it sent); `npm run
// backup` runs in the middle of that; the writing goes on past the backup's end, then stops. The
// backup is restored with `npm run restore` into a new database and data folder, a server is
// started on it, and what it shows is compared with what was acknowledged.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Manifest } from "#app/modules/ops/backup.schema";
import { sessionCookie, createTestUser } from "#tests/factories/accounts";
import { createOpenContest } from "#tests/factories/entries";
import { prisma } from "#app/utils/db.server";
import { ROOT, startServer, type RunningServer } from "./server-process";

export interface Place {
  DATABASE_URL: string;
  DATA_DIR: string;
}

/** One acknowledged write: the entry's essay version `number` is the file with this SHA-256. */
export interface Ack {
  entryId: string;
  title: string;
  number: number;
  sha256: string;
  /** The order of events: when the post was sent and when its answer came. */
  sentAt: number;
  ackAt: number;
  entrant: number;
}

export interface Scenario {
  contestId: string;
  /** Session cookies of the entrants, and of the organizer. */
  entrantCookies: string[];
  organizerCookie: string;
}

/** How long a server may take to start (migrations included) on a busy machine. */
export const SERVER_START_MS = 120_000;

/** Events in one sequence, so that "before" and "after" need no clock. */
let tick = 0;
const now = () => ++tick;

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run <script> -- …args` with only the given environment (and PATH, HOME). */
export function npmRun(script: string, args: string[], env: Place): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The contest and its people, written into the test file's database before any server starts. */
export async function seedScenario(entrants: number): Promise<Scenario> {
  const { contest, organizerId } = await createOpenContest({ maxEntriesPerUser: 1000, allowedFileTypes: "txt" });
  const entrantCookies: string[] = [];
  for (let i = 0; i < entrants; i++) entrantCookies.push(await sessionCookie((await createTestUser({ name: `Tác giả số ${i + 1}` })).id));
  return { contestId: contest.id, entrantCookies, organizerCookie: await sessionCookie(organizerId) };
}

export function serverEnv(place: Place): Record<string, string> {
  // The sessions were signed by the test process; the scheduler has nothing to do here.
  return { ...place, SESSION_SECRET: process.env.SESSION_SECRET!, PHASE_SCHEDULER_SECONDS: "0" };
}

function essay(entrant: number, serial: number): Buffer {
  return Buffer.from(
    [
      `Bài viết số ${serial} của tác giả ${entrant + 1}, mã ${crypto.randomBytes(8).toString("hex")}.`,
      "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới.",
    ].join("\n\n"),
    "utf8",
  );
}

function entryForm(categoryId: string, title: string, version: number, file: Buffer): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    intent: "submit",
    version: String(version),
    categoryId,
    title,
    abstract: "Tóm tắt: phản bác luận điệu sai trái bằng lập luận khoa học.",
    "authors[0].name": "Hoàng Thị Lan",
    "authors[0].birthYear": "1988",
    "authors[0].unit": "Trường THPT Phan Đình Phùng",
    "authors[0].jobTitle": "Giáo viên",
    "authors[0].email": "lan.hoang@example.vn",
    "authors[0].phone": "0912 345 678",
    declaration: "on",
    essayMode: "file",
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new File([new Uint8Array(file)], "bai-du-thi.txt", { type: "text/plain" }));
  return form;
}

export interface Load {
  acks: Ack[];
  /** Posts that were answered with anything but success (none expected). */
  failures: string[];
  /** Asks the workers to stop once each has made `more` further acknowledged writes; resolves when all have stopped. */
  stopAfter(more: number): Promise<void>;
}

/**
 * Starts one worker per entrant. Each posts, one at a time: a new entry, then a new essay version
 * of one of its entries, alternately.
 */
export async function startLoad(server: RunningServer, scenario: Scenario, slug: string, categoryId: string): Promise<Load> {
  const acks: Ack[] = [];
  const failures: string[] = [];
  let stopAt: number[] | null = null;
  const done = scenario.entrantCookies.map(async (cookie, entrant) => {
    const mine: { entryId: string; title: string; version: number; versions: number }[] = [];
    let count = 0;
    for (let serial = 1; ; serial++) {
      if (stopAt && count >= stopAt[entrant]!) return;
      const file = essay(entrant, serial);
      const sha256 = crypto.createHash("sha256").update(file).digest("hex");
      const replacing = serial % 2 === 0 ? mine[(serial / 2) % mine.length] : undefined;
      const title = replacing?.title ?? `Bài dự thi ${entrant + 1}-${serial} mã ${crypto.randomBytes(6).toString("hex")}`;
      const url = replacing ? `${server.url}/entries/${replacing.entryId}/upload` : `${server.url}/contests/${slug}/enter/upload`;
      const sentAt = now();
      const response = await fetch(url, {
        method: "POST",
        headers: { Cookie: cookie, Origin: server.url },
        body: entryForm(categoryId, title, replacing?.version ?? 0, file),
      });
      const text = await response.text();
      const ackAt = now();
      const redirect = response.ok ? (JSON.parse(text) as { redirectTo?: string }).redirectTo : undefined;
      const entryId = redirect?.match(/^\/entries\/([^/]+)\/receipt$/)?.[1];
      if (!entryId || (replacing && entryId !== replacing.entryId)) {
        failures.push(`${response.status} ${url}: ${text.slice(0, 300)}`);
        return;
      }
      if (replacing) {
        replacing.version++;
        replacing.versions++;
        acks.push({ entryId, title, number: replacing.versions, sha256, sentAt, ackAt, entrant });
      } else {
        mine.push({ entryId, title, version: 0, versions: 1 });
        acks.push({ entryId, title, number: 1, sha256, sentAt, ackAt, entrant });
      }
      count++;
    }
  });
  const counts = () => scenario.entrantCookies.map((_, e) => acks.filter((a) => a.entrant === e).length);
  return {
    acks,
    failures,
    async stopAfter(more: number) {
      stopAt = counts().map((c) => c + more);
      await Promise.all(done);
    },
  };
}

/** Waits until the load has this many acknowledged writes (or a failure). */
export async function untilAcks(load: Load, n: number): Promise<void> {
  while (load.acks.length < n && load.failures.length === 0) await new Promise((r) => setTimeout(r, 20));
}

/** Rows of the database at a place, read directly (SQLite read-only, or a PostgreSQL connection). */
export async function queryAt<T>(place: Place, sql: string): Promise<T[]> {
  if (place.DATABASE_URL.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(place.DATABASE_URL.slice("file:".length), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: place.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface Outcome {
  acks: Ack[];
  /** The sequence numbers just before `npm run backup` started and just after it ended. */
  backupStarted: number;
  backupEnded: number;
  manifest: Manifest;
  backupDir: string;
  /** What `npm run restore` into the source said while its server ran. */
  restoreOverRunning: CommandResult;
  cookies: { organizer: string; entrants: string[] };
}

/**
 * Seeds the source, runs the server and the load on it, takes the backup in the middle, keeps
 * writing, stops; then restores into the target (see the top of this file).
 */
export async function backupUnderLoad(source: Place, target: Place, backupDir: string): Promise<Outcome> {
  const scenario = await seedScenario(3);
  const contest = await prisma.contest.findUniqueOrThrow({ where: { id: scenario.contestId }, include: { categories: true } });
  await prisma.$disconnect();
  const server = await startServer(serverEnv(source), SERVER_START_MS);
  try {
    const load = await startLoad(server, scenario, contest.slug, contest.categories[0]!.id);
    await untilAcks(load, 9);
    const backupStarted = now();
    const backup = await npmRun("backup", ["--out", backupDir], source);
    const backupEnded = now();
    if (backup.code !== 0) throw new Error(`npm run backup failed (${backup.code}):\n${backup.stdout}\n${backup.stderr}`);
    const restoreOverRunning = await npmRun("restore", ["--from", backupDir], source);
    await load.stopAfter(3);
    if (load.failures.length) throw new Error(`writes failed:\n${load.failures.join("\n")}\n${server.output().slice(-3000)}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as Manifest;
    const restored = await npmRun("restore", ["--from", backupDir], target);
    if (restored.code !== 0) throw new Error(`npm run restore failed (${restored.code}):\n${restored.stdout}\n${restored.stderr}`);
    return {
      acks: load.acks,
      backupStarted,
      backupEnded,
      manifest,
      backupDir,
      restoreOverRunning,
      cookies: { organizer: scenario.organizerCookie, entrants: scenario.entrantCookies },
    };
  } finally {
    await server.stop();
  }
}

export interface RestoredVersion {
  versionId: string;
  entryId: string;
  contestId: string;
  title: string;
  number: number;
  sha256: string;
}

/** Every essay version in the database at a place, with its file's SHA-256. */
export function versionsAt(place: Place): Promise<RestoredVersion[]> {
  return queryAt<RestoredVersion>(
    place,
    `SELECT v."id" AS "versionId", v."entryId" AS "entryId", e."contestId" AS "contestId", e."title" AS "title", v."number" AS "number", f."sha256" AS "sha256"
     FROM "EntryVersion" v JOIN "Entry" e ON e."id" = v."entryId" JOIN "StoredFile" f ON f."id" = v."fileId"
     ORDER BY v."entryId", v."number"`,
  );
}

/** Row counts of every table but the migrations', as the manifest counts them. */
export async function countsAt(place: Place): Promise<Record<string, number>> {
  const sqlite = place.DATABASE_URL.startsWith("file:");
  const tables = await queryAt<{ name: string }>(
    place,
    sqlite
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`
      : `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await queryAt<{ n: number | string }>(place, `SELECT count(*) AS n FROM "${name}"`))[0]!.n);
  return counts;
}
