// The contest staff's side of entries (/organize/:contestId/entries): the list with its filters
// and keyset paging (tens of thousands of entries), one entry with its authors' identities and
// versions, the original file of a version, and the eligibility decision. The caller checks that
// the user is the contest's staff (requireContestStaff); every query is scoped by the contest.
// Judges never come here: they read entries through judgeReadingView (masking.server.ts).
//
// Eligibility: SUBMITTED → ELIGIBLE or DISQUALIFIED (with a reason the entrant reads), and back,
// while the contest is OPEN or CLOSED (once judging starts the set of judged entries is fixed).
// The phase guard "entriesUnchecked" (contests/phases.ts) waits for every SUBMITTED entry.
import type { EntryStatus } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { databaseKind, prisma, type Prisma } from "#app/utils/db.server";
import { ENTRY_PAGE_SIZE, LISTED_STATUSES, type EligibilityInput, type EntryFilter } from "./submission.schema";
import { sha256Text } from "./submission.server";

const DECIDABLE: readonly EntryStatus[] = ["SUBMITTED", "ELIGIBLE", "DISQUALIFIED"];

/** The staff list's filter as a query (the list and its XLSX export). */
export function filterWhere(contestId: string, filter: EntryFilter): Prisma.EntryWhereInput {
  const where: Prisma.EntryWhereInput = { contestId, status: filter.status ? filter.status : { in: [...LISTED_STATUSES] } };
  if (filter.category) where.categoryId = filter.category;
  if (filter.minScore !== undefined) where.originalityScore = { gte: filter.minScore / 100 };
  if (filter.q) {
    // PostgreSQL compares case-insensitively here; SQLite's LIKE already does for ASCII.
    const contains = databaseKind() === "postgresql" ? { contains: filter.q, mode: "insensitive" as const } : { contains: filter.q };
    where.OR = [{ entryCode: contains }, { title: contains }, { authors: { some: { name: contains } } }];
  }
  return where;
}

export interface StaffEntryRow {
  id: string;
  entryCode: string | null;
  anonymousCode: string | null;
  title: string;
  status: EntryStatus;
  category: string;
  authors: string[];
  originalityScore: number | null;
  submittedAt: Date | null;
}

export interface StaffEntryList {
  rows: StaffEntryRow[];
  total: number;
  /** Keyset cursors: the first and last entry of the page when there is a page before or after it. */
  previous: string | null;
  next: string | null;
  categories: { id: string; name: string }[];
  /** The contest's time zone, for the submission times. */
  timeZone: string;
}

/** One page of the contest's entries (never drafts), in submission order. */
export async function listContestEntries(contestId: string, filter: EntryFilter): Promise<StaffEntryList> {
  const where = filterWhere(contestId, filter);
  const order: Prisma.EntryOrderByWithRelationInput[] = [{ submittedAt: "asc" }, { id: "asc" }];
  const backwards = !!filter.before && !filter.after;
  const cursor = filter.after ?? filter.before;
  const known = cursor ? await prisma.entry.count({ where: { id: cursor, contestId } }) : 0;
  const select = {
    id: true,
    entryCode: true,
    anonymousCode: true,
    title: true,
    status: true,
    originalityScore: true,
    submittedAt: true,
    category: { select: { name: true } },
    authors: { orderBy: { position: "asc" as const }, select: { name: true } },
  };
  const page = await prisma.entry.findMany({
    where,
    orderBy: order,
    select,
    take: (backwards ? -1 : 1) * (ENTRY_PAGE_SIZE + 1),
    ...(cursor && known ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const more = page.length > ENTRY_PAGE_SIZE;
  const rows = backwards ? page.slice(more ? 1 : 0) : page.slice(0, ENTRY_PAGE_SIZE);
  const [total, categories, contest] = await Promise.all([
    prisma.entry.count({ where }),
    prisma.category.findMany({ where: { contestId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    prisma.contest.findUnique({ where: { id: contestId }, select: { timeZone: true } }),
  ]);
  const hasBefore = backwards ? more : !!(cursor && known);
  const hasAfter = backwards ? true : more;
  return {
    rows: rows.map((e) => ({ ...e, category: e.category.name, authors: e.authors.map((a) => a.name) })),
    total,
    previous: hasBefore && rows.length ? rows[0]!.id : null,
    next: hasAfter && rows.length ? rows.at(-1)!.id : null,
    categories,
    timeZone: contest?.timeZone ?? "Asia/Ho_Chi_Minh",
  };
}

/** One entry as the staff see it: identities, versions with their files' names, the decision. */
export async function getStaffEntry(contestId: string, entryId: string) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, contestId, status: { not: "DRAFT" } },
    select: {
      id: true,
      title: true,
      abstract: true,
      status: true,
      statusReason: true,
      version: true,
      entryCode: true,
      anonymousCode: true,
      submittedAt: true,
      withdrawnAt: true,
      originalityScore: true,
      currentVersionId: true,
      category: { select: { name: true } },
      contest: { select: { phase: true, timeZone: true } },
      authors: { orderBy: { position: "asc" }, select: { position: true, name: true, birthYear: true, unit: true, jobTitle: true, email: true, phone: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, createdAt: true, wordCount: true, onlineText: true, file: { select: { originalName: true, kind: true, size: true, sha256: true } } },
      },
    },
  });
  if (!entry) return null;
  return {
    ...entry,
    versions: entry.versions.map(({ onlineText, file, ...v }) => ({
      ...v,
      isCurrent: v.id === entry.currentVersionId,
      file,
      sha256: file?.sha256 ?? sha256Text(onlineText ?? ""),
    })),
    canDecide: (entry.contest.phase === "OPEN" || entry.contest.phase === "CLOSED") && DECIDABLE.includes(entry.status),
  };
}

/** The stored file of one of the contest's entry versions (for the staff's download), or null. */
export async function getVersionFile(contestId: string, entryId: string, versionId: string) {
  const version = await prisma.entryVersion.findFirst({
    where: { id: versionId, entryId, entry: { contestId, status: { not: "DRAFT" } } },
    select: { number: true, entry: { select: { entryCode: true } }, file: { select: { backend: true, storageKey: true, mimeType: true, size: true, originalName: true, kind: true } } },
  });
  if (!version?.file) return null;
  return { ...version.file, number: version.number, entryCode: version.entry.entryCode };
}

export type DecideResult = { ok: true; status: EntryStatus } | { ok: false; status: "notFound" } | { ok: false; status: "stale" } | { ok: false; status: "refused"; error: string };

/** Records the secretary's eligibility decision, audited with before and after. */
export async function decideEligibility(input: { contestId: string; entryId: string; actorId: string; values: EligibilityInput; ip?: string | null }): Promise<DecideResult> {
  return prisma.$transaction(async (tx): Promise<DecideResult> => {
    if (!(await lockContest(tx, input.contestId))) return { ok: false, status: "notFound" };
    const entry = await tx.entry.findFirst({
      where: { id: input.entryId, contestId: input.contestId, status: { not: "DRAFT" } },
      select: { id: true, status: true, statusReason: true, version: true, contest: { select: { phase: true } } },
    });
    if (!entry) return { ok: false, status: "notFound" };
    if (entry.version !== input.values.version) return { ok: false, status: "stale" };
    if (entry.contest.phase !== "OPEN" && entry.contest.phase !== "CLOSED") return { ok: false, status: "refused", error: "entries:errors.decisionPhase" };
    if (!DECIDABLE.includes(entry.status)) return { ok: false, status: "refused", error: "entries:errors.decisionStatus" };
    const status = input.values.decision;
    const statusReason = status === "DISQUALIFIED" ? input.values.reason : null;
    await tx.entry.update({ where: { id: entry.id }, data: { status, statusReason, version: { increment: 1 } } });
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "entry.decide",
      targetType: "Entry",
      targetId: entry.id,
      data: { before: { status: entry.status, reason: entry.statusReason }, after: { status, reason: statusReason } },
      ip: input.ip ?? null,
    });
    return { ok: true, status };
  });
}
