// What the public sees of a contest (/ and /contests/:slug): everything but drafts. A draft's page
// and banner are for its staff only (a preview); anyone else gets null, the route's 404.
import type { ContestPhase } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";
import { contestRoles, isContestStaff } from "./policies.server";

type Who = { id: string; isAdmin: boolean; isOrganizer: boolean } | null;

async function visibleTo(user: Who, contest: { id: string; phase: ContestPhase }): Promise<boolean> {
  if (contest.phase !== "DRAFT") return true;
  return user !== null && isContestStaff(await contestRoles(user, contest.id));
}

/** The contest's public page, or null (no such contest, or a draft the user does not staff). */
export async function getPublicContest(slug: string, user: Who) {
  const contest = await prisma.contest.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      rules: true,
      locale: true,
      phase: true,
      timeZone: true,
      opensAt: true,
      closesAt: true,
      graceMinutes: true,
      minWords: true,
      maxWords: true,
      allowedFileTypes: true,
      maxFileBytes: true,
      allowOnlineText: true,
      maxEntriesPerUser: true,
      maxCoAuthors: true,
      bannerFileId: true,
      categories: {
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: { id: true, name: true, description: true, prizeTiers: { orderBy: { rank: "asc" }, select: { rank: true, name: true, count: true } } },
      },
    },
  });
  if (!contest || !(await visibleTo(user, contest))) return null;
  const myEntries = user
    ? await prisma.entry.count({ where: { contestId: contest.id, submitterId: user.id, status: { not: "WITHDRAWN" } } })
    : 0;
  const { bannerFileId, ...rest } = contest;
  return { ...rest, bannerId: bannerFileId, myEntries };
}

/** The contest's banner file, when the user may see the contest. */
export async function getContestBanner(slug: string, user: Who) {
  const contest = await prisma.contest.findUnique({
    where: { slug },
    select: { id: true, phase: true, bannerFile: { select: { backend: true, storageKey: true, mimeType: true, size: true, sha256: true } } },
  });
  if (!contest?.bannerFile || !(await visibleTo(user, contest))) return null;
  return { ...contest.bannerFile, public: contest.phase !== "DRAFT" };
}
