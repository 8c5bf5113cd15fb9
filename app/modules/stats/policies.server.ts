// Who sees which statistics of a contest. Its staff see participation (entries by category,
// unit and day); only organizers (and admins) see the judging figures: the secretariat knows who
// wrote each entry and never sees scores (DOMAIN.md), not even in aggregate, since per-judge and
// per-panel figures of a small contest narrow down whose essay scored what.
import type { ContestRole } from "#app/generated/sqlite/enums";
import type { SessionUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";

export function canSeeJudgingStats(roles: ReadonlySet<ContestRole>): boolean {
  return roles.has("ORGANIZER");
}

/** The contest's staff may open its statistics (anyone else gets 404); says whether they see the judging. */
export async function requireStatsAccess(user: Pick<SessionUser, "id" | "isAdmin" | "isOrganizer">, contestId: string): Promise<{ scoring: boolean }> {
  const roles = await requireContestStaff(user, contestId);
  return { scoring: canSeeJudgingStats(roles) };
}
