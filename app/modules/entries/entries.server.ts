// The entrant's side of entries, read-only: the form to start an entry, an entry's page, "my
// entries". Every query is scoped by the entrant (submitterId), so another entrant's entry is
// simply not found. The writes are submission.server.ts.
import type { EntryStatus } from "#app/generated/sqlite/enums";
import { parseAllowedFileTypes } from "#app/modules/storage/files.schema";
import { prisma } from "#app/utils/db.server";
import { acceptsUntil, COUNTED_STATUSES, EDITABLE_STATUSES, windowRefusal } from "./submission.server";

const contestRules = {
  id: true,
  slug: true,
  title: true,
  phase: true,
  timeZone: true,
  closesAt: true,
  graceMinutes: true,
  minWords: true,
  maxWords: true,
  allowedFileTypes: true,
  maxFileBytes: true,
  allowOnlineText: true,
  maxEntriesPerUser: true,
  maxCoAuthors: true,
  categories: { orderBy: [{ position: "asc" as const }, { name: "asc" as const }], select: { id: true, name: true } },
};

type RulesRow = {
  phase: string;
  closesAt: Date | null;
  graceMinutes: number;
  allowedFileTypes: string;
};

function rulesOf<T extends RulesRow>(contest: T, now: Date) {
  const { allowedFileTypes, ...rest } = contest;
  return { ...rest, fileKinds: parseAllowedFileTypes(allowedFileTypes), acceptsUntil: acceptsUntil(contest), closed: windowRefusal(contest, now) };
}

export type EntrantAuthor = { name: string; birthYear: number | null; unit: string; jobTitle: string; email: string; phone: string };

/**
 * The new-entry form of a public contest for this entrant: the contest's rules, the author fields
 * prefilled from the account, and why an entry cannot be started now (closed, or the limit
 * reached), or null when the contest is not public.
 */
export async function getEnterPage(slug: string, userId: string, now: Date = new Date()) {
  const contest = await prisma.contest.findUnique({ where: { slug }, select: contestRules });
  if (!contest || contest.phase === "DRAFT") return null;
  const [user, held] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, birthYear: true, unit: true, jobTitle: true, email: true, phone: true } }),
    prisma.entry.count({ where: { contestId: contest.id, submitterId: userId, status: { in: [...COUNTED_STATUSES] } } }),
  ]);
  const rules = rulesOf(contest, now);
  const refusal = rules.closed ?? (held >= contest.maxEntriesPerUser ? `entries:errors.limitReached|${JSON.stringify({ max: contest.maxEntriesPerUser })}` : null);
  const author: EntrantAuthor = {
    name: user.name,
    birthYear: user.birthYear,
    unit: user.unit ?? "",
    jobTitle: user.jobTitle ?? "",
    email: user.email,
    phone: user.phone ?? "",
  };
  return { contest: rules, author, refusal };
}

/** The contest an entry form posts to, by slug (only public contests take entries). */
export async function contestIdForEntries(slug: string): Promise<string | null> {
  const contest = await prisma.contest.findUnique({ where: { slug }, select: { id: true, phase: true } });
  return contest && contest.phase !== "DRAFT" ? contest.id : null;
}

/** The entrant's own entry with its contest's rules, authors and versions; null when it is not theirs. */
export async function getEntrantEntry(userId: string, entryId: string, now: Date = new Date()) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, submitterId: userId },
    select: {
      id: true,
      status: true,
      statusReason: true,
      version: true,
      categoryId: true,
      title: true,
      abstract: true,
      entryCode: true,
      submittedAt: true,
      withdrawnAt: true,
      declarationAcceptedAt: true,
      currentVersionId: true,
      category: { select: { name: true } },
      contest: { select: contestRules },
      authors: { orderBy: { position: "asc" }, select: { name: true, birthYear: true, unit: true, jobTitle: true, email: true, phone: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, createdAt: true, wordCount: true, onlineText: true, file: { select: { originalName: true, kind: true, size: true } } },
      },
    },
  });
  if (!entry) return null;
  const contest = rulesOf(entry.contest, now);
  const editable = EDITABLE_STATUSES.includes(entry.status) && contest.closed === null;
  const { versions, ...rest } = entry;
  return {
    ...rest,
    // The reason is the entrant's to read only when the entry was disqualified.
    statusReason: entry.status === "DISQUALIFIED" ? entry.statusReason : null,
    contest,
    editable,
    /** Why it cannot be changed (an i18n key), when it cannot. */
    lockedBecause: editable ? null : (contest.closed ?? "entries:errors.notEditable"),
    versions: versions.map(({ onlineText, ...v }) => ({ ...v, isCurrent: v.id === entry.currentVersionId, writtenOnline: onlineText !== null })),
    /** The current version's text when it was written in the browser (to edit it further). */
    onlineText: versions.find((v) => v.id === entry.currentVersionId)?.onlineText ?? null,
  };
}

export interface MyEntry {
  id: string;
  title: string;
  status: EntryStatus;
  statusReason: string | null;
  entryCode: string | null;
  updatedAt: Date;
  contest: { title: string; slug: string; timeZone: string };
}

/** The entrant's entries in every contest, newest first. */
export async function listMyEntries(userId: string): Promise<MyEntry[]> {
  const entries = await prisma.entry.findMany({
    where: { submitterId: userId },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      status: true,
      statusReason: true,
      entryCode: true,
      updatedAt: true,
      contest: { select: { title: true, slug: true, timeZone: true } },
    },
  });
  return entries.map((e) => ({ ...e, statusReason: e.status === "DISQUALIFIED" ? e.statusReason : null }));
}
