// Conflicts of interest in the database (DOMAIN.md, "Judging"; issue 3, item 6): detections of
// the pure detector (./conflicts) stored as ConflictOfInterest rows, judges' declarations, the
// secretary's decisions, and the pairs the assignment solver (./assign) must avoid.
//
// A row is one (judge, entry) pair, unique in the whole database (an entry has one contest):
//   DETECTED PENDING     found by refreshDetectedConflicts, awaiting the secretary; `reason` is
//                        the JSON of the detector's matches (rule and evidence);
//   DETECTED CONFIRMED / DISMISSED   decided by the secretary or organizer; detection re-runs
//                        never change it again (neither status nor reason);
//   DECLARED CONFIRMED   declared by the judge (or by staff on the judge's behalf), with the
//                        reason; confirmed at once, and staff cannot dismiss it.
//
// Concurrency: every writer first locks the contest row (a no-op write, as in
// contests/phases.server), so a detection run, a declaration and a decision on one contest never
// interleave: the rows a run read are the rows it changes.
//
// Authorization is the caller's (who may declare for whom, who may decide): these functions
// check only that the judge, the entry and the conflict belong to the contest.
import { z } from "zod";
import type { ConflictSource, ConflictStatus } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { entryCode } from "#app/modules/entries/codes";
import { prisma, type Prisma, type Tx } from "#app/utils/db.server";
import { nameCollator, sortByName } from "#app/utils/format";
import { CONFLICT_RULES, type ConflictMatch, type ConflictRule, detectConflicts } from "./conflicts";
import {
  CONFLICT_PAGE_SIZE,
  CONFLICT_STATUSES,
  ENTRY_SELECT_MAX,
  type ConflictDecision,
  type ConflictFilter,
  decideConflictSchema,
  declareConflictSchema,
} from "./conflicts.schema";

export const CONFLICT_NOT_FOUND = "contests:conflicts.errors.notFound";
export const CONFLICT_DECLARED_STANDS = "contests:conflicts.errors.declaredStands";
export const CONFLICT_CHANGED_MEANWHILE = "contests:conflicts.errors.changedMeanwhile";
export const UNKNOWN_ENTRY_CODE = "contests:conflicts.errors.unknownCode";
export const NOT_A_JUDGE = "contests:conflicts.errors.notAJudge";

export type NotFound = { ok: false; status: "notFound"; error: typeof CONFLICT_NOT_FOUND };
export type Invalid = { ok: false; status: "invalid"; fieldErrors: Record<string, string[]> };

const notFound: NotFound = { ok: false, status: "notFound", error: CONFLICT_NOT_FOUND };

/** Rows per createMany/deleteMany statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** Detection over a national contest (100k entries) reads and writes many rows: more than Prisma's 5 s default. */
const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

function pairKey(judgeId: string, entryId: string) {
  return `${judgeId}\u0000${entryId}`;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ───────────────────────────── detection ─────────────────────────────

export interface RefreshInput {
  contestId: string;
  actorId: string | null;
  /** E-mail domains of large organisations (a university...) not taken as evidence; see ./conflicts. */
  largeDomains?: Iterable<string>;
  ip?: string | null;
}

/**
 * created: pairs detected for the first time (new DETECTED PENDING rows);
 * kept: pairs detected that already had a row, whatever its source and status (a PENDING
 *       detection gets the current evidence; a decided or declared row is left as it is);
 * removed: DETECTED PENDING rows whose evidence no longer holds (an author's unit or e-mail
 *       changed, the entry was withdrawn or sent back to draft, the judge was revoked).
 */
export type RefreshResult = { ok: true; created: number; kept: number; removed: number } | NotFound;

/**
 * Runs the detector over the contest's judges (JUDGE members, not revoked) and entries (all but
 * DRAFT and WITHDRAWN) and brings the DETECTED PENDING rows up to date, in one transaction with
 * its audit record "conflict.detect" {created, kept, removed, updated, judges, entries}. Never
 * touches a CONFIRMED or DISMISSED row nor a DECLARED one: what a person decided stays decided.
 */
export async function refreshDetectedConflicts(input: RefreshInput): Promise<RefreshResult> {
  const { contestId } = input;
  return prisma.$transaction(async (tx): Promise<RefreshResult> => {
    if (!(await lockContest(tx, contestId))) return notFound;

    const [members, entries, existing] = await Promise.all([
      tx.contestMember.findMany({
        where: { contestId, role: "JUDGE", revokedAt: null },
        select: { user: { select: { id: true, email: true, unit: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
      tx.entry.findMany({
        where: { contestId, status: { notIn: ["DRAFT", "WITHDRAWN"] } },
        select: { id: true, authors: { select: { email: true, unit: true, userId: true }, orderBy: { position: "asc" } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
      tx.conflictOfInterest.findMany({
        where: { contestId },
        select: { id: true, judgeId: true, entryId: true, source: true, status: true, reason: true },
      }),
    ]);

    const detections = detectConflicts(
      members.map((m) => m.user),
      entries,
      input.largeDomains ? { largeDomains: input.largeDomains } : {},
    );

    const byPair = new Map(existing.map((row) => [pairKey(row.judgeId, row.entryId), row]));
    const detected = new Set<string>();
    const toCreate: { contestId: string; judgeId: string; entryId: string; source: ConflictSource; status: ConflictStatus; reason: string }[] = [];
    const toUpdate: { id: string; reason: string }[] = [];
    let kept = 0;
    for (const d of detections) {
      const key = pairKey(d.judgeId, d.entryId);
      detected.add(key);
      const reason = JSON.stringify(d.matches);
      const row = byPair.get(key);
      if (!row) {
        toCreate.push({ contestId, judgeId: d.judgeId, entryId: d.entryId, source: "DETECTED", status: "PENDING", reason });
        continue;
      }
      kept++;
      if (row.source === "DETECTED" && row.status === "PENDING" && row.reason !== reason) toUpdate.push({ id: row.id, reason });
    }
    const toRemove = existing
      .filter((row) => row.source === "DETECTED" && row.status === "PENDING" && !detected.has(pairKey(row.judgeId, row.entryId)))
      .map((row) => row.id);

    for (const batch of chunks(toCreate)) await tx.conflictOfInterest.createMany({ data: batch });
    for (const { id, reason } of toUpdate) await tx.conflictOfInterest.update({ where: { id }, data: { reason } });
    for (const batch of chunks(toRemove)) {
      await tx.conflictOfInterest.deleteMany({ where: { id: { in: batch }, source: "DETECTED", status: "PENDING" } });
    }

    const counts = { created: toCreate.length, kept, removed: toRemove.length };
    await audit(tx, {
      actorId: input.actorId,
      contestId,
      action: "conflict.detect",
      targetType: "Contest",
      targetId: contestId,
      data: { ...counts, updated: toUpdate.length, judges: members.length, entries: entries.length },
      ip: input.ip ?? null,
    });
    return { ok: true, ...counts };
  }, LONG_TRANSACTION);
}

// ───────────────────────────── declaration ─────────────────────────────

export interface DeclareInput {
  contestId: string;
  judgeId: string;
  entryId: string;
  /** Validated by declareConflictSchema: required, 3..500 characters after trimming. */
  reason: unknown;
  actorId: string;
  ip?: string | null;
}

export type DeclareResult = { ok: true; conflictId: string; replaced: "none" | "detected" | "declared" } | NotFound | Invalid;

/**
 * A judge declares a conflict of interest on an entry: the pair becomes DECLARED and CONFIRMED
 * at once (decided by the declaring actor, now), with the judge's reason, replacing a detection
 * of the same pair whatever its status (the judge knows best) or an earlier declaration.
 * The judge must be a (not revoked) judge of the contest and the entry one of its entries; else
 * not found, and nothing is written. Audited "conflict.declare" {judgeId, entryId, before, after}.
 */
export async function declareConflict(input: DeclareInput): Promise<DeclareResult> {
  const parsed = declareConflictSchema.safeParse({ reason: input.reason });
  if (!parsed.success) return { ok: false, status: "invalid", fieldErrors: parsed.error.flatten().fieldErrors };
  const { reason } = parsed.data;
  const { contestId, judgeId, entryId } = input;

  return prisma.$transaction(async (tx): Promise<DeclareResult> => {
    if (!(await lockContest(tx, contestId))) return notFound;
    const [judge, entry] = await Promise.all([
      tx.contestMember.findFirst({ where: { contestId, userId: judgeId, role: "JUDGE", revokedAt: null }, select: { id: true } }),
      tx.entry.findFirst({ where: { id: entryId, contestId }, select: { id: true } }),
    ]);
    if (!judge || !entry) return notFound;

    const before = await tx.conflictOfInterest.findUnique({
      where: { judgeId_entryId: { judgeId, entryId } },
      select: { source: true, status: true, reason: true },
    });
    const now = new Date();
    const data = { source: "DECLARED", status: "CONFIRMED", reason, decidedById: input.actorId, decidedAt: now } as const;
    const row = await tx.conflictOfInterest.upsert({
      where: { judgeId_entryId: { judgeId, entryId } },
      create: { contestId, judgeId, entryId, ...data },
      update: data,
      select: { id: true },
    });
    await audit(tx, {
      actorId: input.actorId,
      contestId,
      action: "conflict.declare",
      targetType: "ConflictOfInterest",
      targetId: row.id,
      data: { judgeId, entryId, before, after: { source: data.source, status: data.status, reason } },
      ip: input.ip ?? null,
    });
    return { ok: true, conflictId: row.id, replaced: before ? (before.source === "DECLARED" ? "declared" : "detected") : "none" };
  });
}

export type DeclareByCodeResult = { ok: true; entryCode: string; replaced: "none" | "detected" | "declared" } | NotFound | Invalid;

/**
 * The entry of the contest with this entry code [mã bài dự thi] as someone typed it: trimmed,
 * inner spaces dropped, matched as written and then in capitals. Null when there is none.
 */
export async function findEntryByCode(contestId: string, typed: string): Promise<{ id: string; entryCode: string } | null> {
  const code = typed.trim().replace(/\s+/g, "");
  if (!code) return null;
  const entry = await prisma.entry.findFirst({
    where: { contestId, entryCode: { in: [...new Set([code, code.toUpperCase()])] } },
    select: { id: true, entryCode: true },
  });
  return entry?.entryCode ? { id: entry.id, entryCode: entry.entryCode } : null;
}

/**
 * Declares a conflict between a judge of the contest and the entry with this code (the judge's
 * own declaration, or staff's on the judge's behalf: `actorId` says who). Field errors: judgeId
 * when the person is not an unrevoked judge of the contest, entryCode when no entry of the
 * contest has the code. Then as declareConflict. The answer names the entry by its code only.
 */
export async function declareConflictByCode(input: {
  contestId: string;
  judgeId: string;
  entryCode: string;
  reason: unknown;
  actorId: string;
  ip?: string | null;
}): Promise<DeclareByCodeResult> {
  const { contestId, judgeId } = input;
  const judge = await prisma.contestMember.findFirst({ where: { contestId, userId: judgeId, role: "JUDGE", revokedAt: null }, select: { id: true } });
  if (!judge) return { ok: false, status: "invalid", fieldErrors: { judgeId: [NOT_A_JUDGE] } };
  const entry = await findEntryByCode(contestId, input.entryCode);
  if (!entry) return { ok: false, status: "invalid", fieldErrors: { entryCode: [UNKNOWN_ENTRY_CODE] } };
  const result = await declareConflict({ contestId, judgeId, entryId: entry.id, reason: input.reason, actorId: input.actorId, ip: input.ip ?? null });
  if (!result.ok) return result;
  return { ok: true, entryCode: entry.entryCode, replaced: result.replaced };
}

// ───────────────────────────── decision ─────────────────────────────

export interface DecideInput {
  conflictId: string;
  contestId: string;
  decision: ConflictDecision;
  /** The status the decider saw; a different current status means someone decided meanwhile. */
  expected?: ConflictStatus;
  actorId: string;
  ip?: string | null;
}

export type DecideResult =
  | { ok: true; from: ConflictStatus; to: ConflictDecision; judgeName: string; entryCode: string | null }
  | NotFound
  | Invalid
  | { ok: false; status: "declaredStands"; error: typeof CONFLICT_DECLARED_STANDS }
  | { ok: false; status: "changedMeanwhile"; error: typeof CONFLICT_CHANGED_MEANWHILE };

/**
 * The secretary or organizer confirms or dismisses a conflict of the contest (a conflict of
 * another contest is not found). Records who and when; audited "conflict.decide"
 * {judgeId, entryId, source, from, to}.
 *
 * A declared conflict stands: a judge's own declaration cannot be dismissed by staff (refused
 * with CONFLICT_DECLARED_STANDS, nothing written). A judge who declared on the wrong entry
 * tells the secretariat, and the pair simply stays apart.
 *
 * `expected` is the status the deciding form showed: when someone else decided meanwhile, the
 * answer is changedMeanwhile and nothing is written, rather than silently overwriting them.
 */
export async function decideConflict(input: DecideInput): Promise<DecideResult> {
  const parsed = decideConflictSchema.safeParse({ decision: input.decision });
  if (!parsed.success) return { ok: false, status: "invalid", fieldErrors: parsed.error.flatten().fieldErrors };
  const to = parsed.data.decision;
  const { contestId, conflictId } = input;

  return prisma.$transaction(async (tx): Promise<DecideResult> => {
    if (!(await lockContest(tx, contestId))) return notFound;
    const row = await tx.conflictOfInterest.findFirst({
      where: { id: conflictId, contestId },
      select: { judgeId: true, entryId: true, source: true, status: true, judge: { select: { name: true } }, entry: { select: { entryCode: true } } },
    });
    if (!row) return notFound;
    if (input.expected && row.status !== input.expected) {
      return { ok: false, status: "changedMeanwhile", error: CONFLICT_CHANGED_MEANWHILE };
    }
    if (row.source === "DECLARED" && to === "DISMISSED") {
      return { ok: false, status: "declaredStands", error: CONFLICT_DECLARED_STANDS };
    }
    const changed = await tx.conflictOfInterest.updateMany({
      where: { id: conflictId, contestId, status: row.status },
      data: { status: to, decidedById: input.actorId, decidedAt: new Date() },
    });
    if (changed.count !== 1) return notFound;
    await audit(tx, {
      actorId: input.actorId,
      contestId,
      action: "conflict.decide",
      targetType: "ConflictOfInterest",
      targetId: conflictId,
      data: { judgeId: row.judgeId, entryId: row.entryId, source: row.source, from: row.status, to },
      ip: input.ip ?? null,
    });
    return { ok: true, from: row.status, to, judgeName: row.judge.name, entryCode: row.entry.entryCode };
  });
}

// ───────────────────────────── reading ─────────────────────────────

const matchSchema = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("judgeIsAuthor"), authorIndex: z.number().int(), evidence: z.object({ userId: z.string() }) }),
  z.object({ rule: z.literal("sameEmail"), authorIndex: z.number().int(), evidence: z.object({ email: z.string() }) }),
  z.object({
    rule: z.literal("sameUnit"),
    authorIndex: z.number().int(),
    evidence: z.object({ judgeUnit: z.string(), authorUnit: z.string(), normalized: z.string() }),
  }),
  z.object({
    rule: z.literal("sameEmailDomain"),
    authorIndex: z.number().int(),
    evidence: z.object({ domain: z.string(), judgeEmail: z.string(), authorEmail: z.string() }),
  }),
]);

/** The detector's matches stored in a DETECTED row's reason; [] for anything else or unreadable JSON. */
export function parseDetectionReason(reason: string): ConflictMatch[] {
  let json: unknown;
  try {
    json = JSON.parse(reason);
  } catch {
    return [];
  }
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const m = matchSchema.safeParse(item);
    return m.success ? [m.data as ConflictMatch] : [];
  });
}

export interface ConflictListItem {
  id: string;
  source: ConflictSource;
  status: ConflictStatus;
  judge: { id: string; name: string; email: string; unit: string | null };
  entry: { id: string; code: string | null; title: string };
  /** The rules that matched, in CONFLICT_RULES order (label keys: CONFLICT_RULE_KEYS). */
  rules: ConflictRule[];
  /** Each match with its evidence (text keys: CONFLICT_EVIDENCE_KEYS, the evidence is the interpolation). */
  matches: ConflictMatch[];
  /** The judge's reason, for a DECLARED row; null for a detection. */
  declaredReason: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: Date | null;
  createdAt: Date;
}

const listSelect = {
  id: true,
  source: true,
  status: true,
  reason: true,
  decidedAt: true,
  createdAt: true,
  judge: { select: { id: true, name: true, email: true, unit: true } },
  entry: { select: { id: true, entryCode: true, title: true } },
  decidedBy: { select: { id: true, name: true } },
} satisfies Prisma.ConflictOfInterestSelect;

function toListItem(row: Prisma.ConflictOfInterestGetPayload<{ select: typeof listSelect }>): ConflictListItem {
  const matches = row.source === "DETECTED" ? parseDetectionReason(row.reason) : [];
  const present = new Set(matches.map((m) => m.rule));
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    judge: row.judge,
    entry: { id: row.entry.id, code: row.entry.entryCode, title: row.entry.title },
    rules: CONFLICT_RULES.filter((rule) => present.has(rule)),
    matches,
    declaredReason: row.source === "DECLARED" ? row.reason : null,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
  };
}

/** The contest's conflicts for the secretary, pending first, then by entry code and judge name. */
export async function listConflicts(contestId: string, options: { status?: ConflictStatus } = {}): Promise<ConflictListItem[]> {
  const rows = await prisma.conflictOfInterest.findMany({
    where: { contestId, ...(options.status ? { status: options.status } : {}) },
    select: listSelect,
  });
  const statusOrder: Record<ConflictStatus, number> = { PENDING: 0, CONFIRMED: 1, DISMISSED: 2 };
  return rows
    .map(toListItem)
    .sort(
      (a, b) =>
        statusOrder[a.status] - statusOrder[b.status] ||
        (a.entry.code ?? "").localeCompare(b.entry.code ?? "") ||
        a.judge.name.localeCompare(b.judge.name, "vi") ||
        a.id.localeCompare(b.id),
    );
}

export type StatusCounts = Record<ConflictStatus, number>;

export interface ConflictsScreen {
  contest: { id: string; title: string; timeZone: string };
  /** The contest's conflicts by status, whatever the filter. */
  counts: StatusCounts;
  /** Rows matching the filter, and this page of them (pending first, then by entry code and judge). */
  total: number;
  page: number;
  pageCount: number;
  items: ConflictListItem[];
  /** The contest's judges (for the filter; `active` ones for declaring). */
  judges: { id: string; name: string; email: string; active: boolean }[];
  /** The declaration form's entries: a select up to ENTRY_SELECT_MAX coded entries, else a code to type. */
  entries: { mode: "select"; options: { code: string; title: string }[] } | { mode: "code"; count: number; example: string };
}

async function countByStatus(where: Prisma.ConflictOfInterestWhereInput): Promise<StatusCounts> {
  const groups = await prisma.conflictOfInterest.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: StatusCounts = { PENDING: 0, CONFIRMED: 0, DISMISSED: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

/**
 * The conflicts screen of a contest: counts, one page of the filtered list, and what the
 * declaration form offers. Pages are cut in the database (a national contest has many rows):
 * the list is the PENDING rows, then CONFIRMED, then DISMISSED, each by entry code then judge
 * name (names of one entry in Vietnamese order). Null when the contest does not exist; the
 * caller has checked canDecideConflicts. A page past the end shows the last page.
 */
export async function getConflictsScreen(contestId: string, filter: ConflictFilter, pageSize = CONFLICT_PAGE_SIZE): Promise<ConflictsScreen | null> {
  const row = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, timeZone: true, entryCodePrefix: true } });
  if (!row) return null;
  const { entryCodePrefix, ...contest } = row;
  const base: Prisma.ConflictOfInterestWhereInput = {
    contestId,
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.judge ? { judgeId: filter.judge } : {}),
  };
  const [counts, filtered, memberRows, codedEntries] = await Promise.all([
    countByStatus({ contestId }),
    countByStatus(base),
    prisma.contestMember.findMany({
      where: { contestId, role: "JUDGE" },
      select: { revokedAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.entry.count({ where: { contestId, entryCode: { not: null } } }),
  ]);
  const statuses = filter.status ? [filter.status] : [...CONFLICT_STATUSES];
  const total = statuses.reduce((sum, s) => sum + filtered[s], 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page ?? 1, pageCount);

  // The page's window over the status segments, each read with skip/take.
  const rows: Prisma.ConflictOfInterestGetPayload<{ select: typeof listSelect }>[] = [];
  let skip = (page - 1) * pageSize;
  for (const status of statuses) {
    if (rows.length >= pageSize) break;
    if (skip >= filtered[status]) {
      skip -= filtered[status];
      continue;
    }
    rows.push(
      ...(await prisma.conflictOfInterest.findMany({
        where: { ...base, status },
        select: listSelect,
        orderBy: [{ entry: { entryCode: "asc" } }, { judge: { name: "asc" } }, { id: "asc" }],
        skip,
        take: pageSize - rows.length,
      })),
    );
    skip = 0;
  }
  // The database orders names by their bytes; within one entry, put them in Vietnamese order.
  const items: ConflictListItem[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.status === rows[i]!.status && rows[j]!.entry.id === rows[i]!.entry.id) j++;
    items.push(...rows.slice(i, j).map(toListItem).sort((a, b) => nameCollator.compare(a.judge.name, b.judge.name)));
    i = j;
  }

  const judges = sortByName(
    memberRows.map((m) => ({ ...m.user, active: m.revokedAt === null })),
    (j) => j.name,
  );
  const entries: ConflictsScreen["entries"] =
    codedEntries <= ENTRY_SELECT_MAX
      ? {
          mode: "select",
          options: (
            await prisma.entry.findMany({
              where: { contestId, entryCode: { not: null } },
              select: { entryCode: true, title: true },
              orderBy: { entryCode: "asc" },
            })
          ).map((e) => ({ code: e.entryCode ?? "", title: e.title })),
        }
      : { mode: "code", count: codedEntries, example: entryCode(entryCodePrefix, 12) };
  return { contest, counts, total, page, pageCount, items, judges, entries };
}

/**
 * The (judge, entry) pairs the assignment solver must never assign: every CONFIRMED conflict,
 * declared or detected, and every PENDING detection as well. An unconfirmed suspicion is treated
 * as a conflict until the secretary dismisses it: assigning a suspect pair and discovering the
 * conflict after the judge has read (and perhaps scored) the entry costs a re-assignment and
 * leaks the entry, while keeping a pair apart that turns out harmless costs nothing once it is
 * dismissed (the re-run moves only what must move). Only DISMISSED rows are left out.
 */
export async function confirmedConflictPairs(
  contestId: string,
  db: Tx = prisma,
): Promise<{ judgeId: string; entryId: string }[]> {
  return db.conflictOfInterest.findMany({
    where: { contestId, status: { in: ["CONFIRMED", "PENDING"] } },
    select: { judgeId: true, entryId: true },
    orderBy: [{ entryId: "asc" }, { judgeId: "asc" }],
  });
}
