// Contests with their people and entries, written straight to the test database (the screens
// that create them are tested on their own). Everything returned is a real row.
import crypto from "node:crypto";
import type { ContestPhase, ContestRole, EntryStatus } from "#app/generated/sqlite/enums";
import { countWords } from "#app/modules/entries/words";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { prisma } from "#app/utils/db.server";
import { createTestUser, sessionCookie, type TestUserOptions } from "./accounts";

const hex = () => crypto.randomBytes(4).toString("hex");

export interface TestContestOptions {
  title?: string;
  phase?: ContestPhase;
  /** The organizer; a new organizer account when left out. */
  organizerId?: string;
  /** Category names; each gets the tiers Nhất 1, Nhì 2, Ba 3, Khuyến khích 5. */
  categories?: string[];
  /** Adds the default rubric (version 1, unlocked) when true. */
  rubric?: boolean;
  blind?: boolean;
  closesAt?: Date | null;
}

export const TEST_PRIZE_TIERS = [
  { rank: 1, name: "Giải Nhất", count: 1 },
  { rank: 2, name: "Giải Nhì", count: 2 },
  { rank: 3, name: "Giải Ba", count: 3 },
  { rank: 4, name: "Giải Khuyến khích", count: 5 },
] as const;

/** A contest with an organizer (and optionally categories and the default rubric). */
export async function createTestContest(options: TestContestOptions = {}) {
  const organizerId = options.organizerId ?? (await createTestUser({ isOrganizer: true, name: "Trần Thị Tổ Chức" })).id;
  const contest = await prisma.contest.create({
    data: {
      title: options.title ?? "Cuộc thi viết chính luận 2026",
      slug: `chinh-luan-${hex()}`,
      phase: options.phase ?? "DRAFT",
      blind: options.blind ?? true,
      closesAt: options.closesAt === undefined ? null : options.closesAt,
      createdById: organizerId,
      members: { create: { userId: organizerId, role: "ORGANIZER" } },
    },
  });
  const categories = [];
  for (const [position, name] of (options.categories ?? []).entries()) {
    categories.push(
      await prisma.category.create({
        data: { contestId: contest.id, name, position, prizeTiers: { create: TEST_PRIZE_TIERS.map((t) => ({ ...t })) } },
      }),
    );
  }
  let rubricVersionId: string | null = null;
  if (options.rubric) {
    const template = defaultRubricTemplate("vi");
    const rubric = await prisma.rubric.create({
      data: {
        contestId: contest.id,
        name: template.name,
        versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } },
      },
      select: { versions: { select: { id: true } } },
    });
    rubricVersionId = rubric.versions[0]!.id;
  }
  return { contest, organizerId, categories, rubricVersionId };
}

/** A new account holding `role` in the contest, with a session cookie. */
export async function addContestMember(contestId: string, role: ContestRole, user: TestUserOptions = {}) {
  const created = await createTestUser(user);
  await prisma.contestMember.create({ data: { contestId, userId: created.id, role } });
  return { user: created, cookie: await sessionCookie(created.id) };
}

export interface TestAuthor {
  name: string;
  unit?: string;
  email?: string;
  phone?: string;
  userId?: string | null;
}

export interface TestEntriesOptions {
  status?: EntryStatus;
  /** The authors of the i-th entry (0-based); one author named after the entry by default. */
  authors?: (i: number) => TestAuthor[];
  /** The submitter; a new entrant account when left out. */
  submitterId?: string;
  prefix?: string;
}

/** `count` entries of a category with codes, authors and (for submitted ones) a submission time. */
export async function createTestEntries(contestId: string, categoryId: string, count: number, options: TestEntriesOptions = {}) {
  const submitterId = options.submitterId ?? (await createTestUser({ name: "Lê Văn Tác Giả" })).id;
  const status = options.status ?? "ELIGIBLE";
  const prefix = options.prefix ?? "CL-";
  const start = await prisma.entry.count({ where: { contestId } });
  const entries = [];
  for (let i = 0; i < count; i++) {
    const n = start + i + 1;
    const authors = options.authors?.(i) ?? [{ name: `Tác giả số ${n}`, unit: `Đơn vị ${n}`, email: `tac-gia-${n}-${hex()}@example.test` }];
    entries.push(
      await prisma.entry.create({
        data: {
          contestId,
          categoryId,
          submitterId,
          title: `Bài dự thi số ${n}`,
          status,
          entryCode: status === "DRAFT" ? null : `${prefix}${String(n).padStart(4, "0")}`,
          anonymousCode: status === "DRAFT" ? null : `PH-${hex().toUpperCase()}`,
          submittedAt: status === "DRAFT" ? null : new Date(),
          declarationAcceptedAt: status === "DRAFT" ? null : new Date(),
          authors: {
            create: authors.map((a, position) => ({
              position,
              name: a.name,
              unit: a.unit ?? "",
              email: a.email ?? "",
              phone: a.phone ?? "",
              userId: a.userId ?? null,
            })),
          },
        },
      }),
    );
  }
  return entries;
}

export interface TestVersionOptions {
  /** Stores a file row for the version, with this original name (what a judge must never see). */
  originalName?: string;
  /** Makes it the entry's current version (default true). */
  current?: boolean;
}

/** The entry's next essay version with its extracted text (the masking is left uncomputed). */
export async function createTestVersion(entryId: string, text: string, options: TestVersionOptions = {}) {
  const number = (await prisma.entryVersion.count({ where: { entryId } })) + 1;
  const file = options.originalName
    ? await prisma.storedFile.create({
        data: {
          backend: "LOCAL",
          storageKey: `test/${hex()}${hex()}`,
          sha256: crypto.createHash("sha256").update(text).digest("hex"),
          size: Buffer.byteLength(text),
          kind: "TXT",
          mimeType: "text/plain",
          originalName: options.originalName,
        },
      })
    : null;
  const version = await prisma.entryVersion.create({
    data: { entryId, number, fileId: file?.id ?? null, extractedText: text, wordCount: countWords(text) },
  });
  if (options.current ?? true) await prisma.entry.update({ where: { id: entryId }, data: { currentVersionId: version.id } });
  return { version, file };
}
