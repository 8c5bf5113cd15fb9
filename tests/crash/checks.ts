// The crash harness's checks, read straight from the database and the upload folder while the
// server is down (after a kill, before the restart), so nothing moves under them:
//   - the ledger: every acknowledged write is there with exactly its content (./ledger);
//   - no half-written record: an entry without its current version, a version without its file
//     row or bytes, bytes whose hash differs from the row, a file row nothing refers to, a
//     submitted sheet without all its criteria, a stored total that is not its scores' total,
//     a write without its audit record;
//   - the database's own integrity check (SQLite integrity_check and foreign_key_check;
//     PostgreSQL amcheck on every B-tree index and heap of the schema).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LocalDiskStore } from "#app/modules/storage/local-store.server";
import { scoresheetTotal } from "#app/modules/scoring/total";
import type { DatabaseKind } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { entryVerdict, sheetVerdict, unknownEntryVerdict, type EntryRecord, type SheetRecord, type StoredEntry, type UnknownNewEntry, type Verdict } from "./ledger";

export interface Findings {
  lost: string[];
  partial: string[];
}

export interface CheckScope {
  submissionContestId: string;
  judgingContestId: string;
  uploadsDir: string;
}

function add(findings: Findings, verdict: Verdict) {
  if (!verdict.ok) findings[verdict.kind].push(verdict.why);
}

export function sha256File(file: string): string | null {
  try {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

async function storedEntries(contestId: string, ids?: readonly string[]) {
  return prisma.entry.findMany({
    where: { contestId, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: {
      id: true,
      title: true,
      status: true,
      entryCode: true,
      anonymousCode: true,
      currentVersion: { select: { number: true } },
      versions: { select: { number: true, onlineText: true, file: { select: { id: true, sha256: true, size: true, storageKey: true, backend: true } } } },
      _count: { select: { authors: true } },
    },
  });
}

type EntryRow = Awaited<ReturnType<typeof storedEntries>>[number];

function storedEntry(row: EntryRow): StoredEntry {
  return {
    title: row.title,
    status: row.status,
    versions: row.versions.map((v) => ({ number: v.number, sha256: v.file?.sha256 ?? "" })),
    currentNumber: row.currentVersion?.number ?? null,
  };
}

/** The ledger against the database: for the given records (all when left out). */
export async function checkLedger(
  scope: CheckScope,
  ledger: { entries: readonly EntryRecord[]; unknownNew: readonly UnknownNewEntry[]; sheets: readonly SheetRecord[] },
  findings: Findings,
  options: { unknownEntries: boolean },
): Promise<void> {
  const rows = await storedEntries(scope.submissionContestId, options.unknownEntries ? undefined : ledger.entries.map((e) => e.entryId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const record of ledger.entries) {
    const row = byId.get(record.entryId);
    add(findings, entryVerdict(record, row ? storedEntry(row) : null));
  }
  if (options.unknownEntries) {
    const known = new Set(ledger.entries.map((e) => e.entryId));
    for (const row of rows) if (!known.has(row.id)) add(findings, unknownEntryVerdict(row.id, storedEntry(row), ledger.unknownNew));
  }
  const sheets = await prisma.scoresheet.findMany({
    where: { assignmentId: { in: ledger.sheets.map((s) => s.assignmentId) } },
    select: { assignmentId: true, version: true, status: true, privateNote: true, scores: { select: { criterionId: true, points: true } } },
  });
  const sheetOf = new Map(sheets.map((s) => [s.assignmentId, s]));
  for (const record of ledger.sheets) {
    const s = sheetOf.get(record.assignmentId);
    add(
      findings,
      sheetVerdict(
        record,
        s
          ? {
              version: s.version,
              content: { status: s.status as "DRAFT" | "SUBMITTED", privateNote: s.privateNote, points: Object.fromEntries(s.scores.map((x) => [x.criterionId, x.points])) },
            }
          : null,
      ),
    );
  }
}

/**
 * Half-written records anywhere in the two contests. File bytes are hashed for the entries named
 * (every entry when left out); the upload folder is walked for bytes no row holds when `walk`.
 */
export async function checkStructure(
  scope: CheckScope,
  findings: Findings,
  options: { hashEntries?: ReadonlySet<string>; walk: boolean },
): Promise<{ orphanFiles: number; temporaryFiles: number }> {
  const store = new LocalDiskStore(scope.uploadsDir);
  const rows = await storedEntries(scope.submissionContestId);
  const audited = new Set(
    (await prisma.auditLog.findMany({ where: { contestId: scope.submissionContestId, targetType: "Entry" }, select: { targetId: true } })).map((a) => a.targetId),
  );
  for (const row of rows) {
    const what = `entry ${row.id}`;
    if (row._count.authors === 0) findings.partial.push(`${what}: no authors`);
    if (!audited.has(row.id)) findings.partial.push(`${what}: no audit record`);
    if (row.status !== "DRAFT" && (!row.entryCode || !row.anonymousCode)) findings.partial.push(`${what}: ${row.status} without its codes`);
    if (row.status !== "DRAFT" && !row.currentVersion) findings.partial.push(`${what}: ${row.status} without a current version`);
    if (row.versions.length > 0 && !row.currentVersion) findings.partial.push(`${what}: versions but none current`);
    for (const v of row.versions) {
      if (!v.file && v.onlineText === null) {
        findings.partial.push(`${what} version ${v.number}: neither a file nor a text`);
        continue;
      }
      if (!v.file || (options.hashEntries && !options.hashEntries.has(row.id))) continue;
      const onDisk = sha256File(store.pathOf(v.file.storageKey));
      if (onDisk === null) findings.partial.push(`${what} version ${v.number}: file ${v.file.storageKey} missing on disk`);
      else if (onDisk !== v.file.sha256) findings.partial.push(`${what} version ${v.number}: file on disk does not hash to its row's SHA-256`);
      else if (fs.statSync(store.pathOf(v.file.storageKey)).size !== v.file.size) findings.partial.push(`${what} version ${v.number}: file size differs from its row`);
    }
  }
  const unreferenced = await prisma.storedFile.findMany({ where: { versions: { none: {} }, banners: { none: {} } }, select: { id: true } });
  for (const f of unreferenced) findings.partial.push(`stored file ${f.id}: a row that no entry version refers to`);

  const criteria = await prisma.criterion.findMany({
    where: { rubricVersion: { rubric: { contestId: scope.judgingContestId } } },
    select: { id: true, rubricVersionId: true, maxPoints: true, weight: true },
  });
  const criteriaOf = new Map<string, typeof criteria>();
  for (const c of criteria) criteriaOf.set(c.rubricVersionId, [...(criteriaOf.get(c.rubricVersionId) ?? []), c]);
  const sheets = await prisma.scoresheet.findMany({
    where: { assignment: { round: { contestId: scope.judgingContestId } } },
    select: { id: true, version: true, status: true, total: true, submittedAt: true, rubricVersionId: true, scores: { select: { criterionId: true, points: true } } },
  });
  for (const s of sheets) {
    const what = `sheet ${s.id}`;
    const list = criteriaOf.get(s.rubricVersionId) ?? [];
    if (s.version < 1) findings.partial.push(`${what}: version ${s.version}`);
    if (s.status === "SUBMITTED" && s.scores.length !== list.length) findings.partial.push(`${what}: submitted with ${s.scores.length} of ${list.length} criteria`);
    if (s.status === "SUBMITTED" && !s.submittedAt) findings.partial.push(`${what}: submitted without its time`);
    const total = scoresheetTotal(list, Object.fromEntries(s.scores.map((x) => [x.criterionId, x.points])));
    if (s.total === null || Math.abs(s.total - total) > 1e-9) findings.partial.push(`${what}: stored total ${s.total} is not its scores' total ${total}`);
  }

  let orphanFiles = 0;
  let temporaryFiles = 0;
  if (options.walk) {
    const held = new Set((await prisma.storedFile.findMany({ where: { backend: "LOCAL" }, select: { storageKey: true } })).map((f) => f.storageKey));
    for (const file of walk(scope.uploadsDir)) {
      const name = path.basename(file);
      if (path.dirname(file) === store.temporaryDir) temporaryFiles++;
      else if (!held.has(name)) orphanFiles++;
    }
  }
  return { orphanFiles, temporaryFiles };
}

function* walk(dir: string): Generator<string> {
  let items: fs.Dirent[];
  try {
    items = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const item of items) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** The database's own check; an empty list when it finds nothing. */
export async function checkIntegrity(kind: DatabaseKind): Promise<string[]> {
  if (kind === "sqlite") {
    const integrity = await prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    const foreign = await prisma.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA foreign_key_check");
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== "ok");
    return [...problems, ...foreign.map((r) => `foreign key: ${JSON.stringify(r)}`)];
  }
  await prisma.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS amcheck");
  const indexes = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = current_schema() AND c.relpersistence = 'p'`,
  );
  const problems: string[] = [];
  for (const { name } of indexes) {
    try {
      await prisma.$queryRawUnsafe(`SELECT bt_index_check(to_regclass($1)::oid, true)::text AS checked`, `"${name}"`);
    } catch (e) {
      problems.push(`index ${name}: ${(e as Error).message}`);
    }
  }
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
  );
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ msg: string }[]>(`SELECT msg FROM verify_heapam(to_regclass($1))`, `"${name}"`);
    for (const r of rows) problems.push(`table ${name}: ${r.msg}`);
  }
  return problems;
}
