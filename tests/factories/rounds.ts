// Rounds, panels, seats, placements and assignments written straight to the test database (the
// screens that create them are tested on their own). Everything returned is a real row.
import type { AssignmentSource, AssignmentStatus } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";

export async function createTestRound(contestId: string, options: { name?: string; readsPerEntry?: number; rubricVersionId?: string | null } = {}) {
  const last = await prisma.round.findFirst({ where: { contestId }, orderBy: { position: "desc" }, select: { position: true } });
  const position = (last?.position ?? 0) + 1;
  return prisma.round.create({
    data: {
      contestId,
      position,
      name: options.name ?? `Vòng ${position}`,
      readsPerEntry: options.readsPerEntry ?? 3,
      rubricVersionId: options.rubricVersionId ?? null,
    },
  });
}

export async function createTestPanel(roundId: string, options: { name?: string; categoryId?: string | null } = {}) {
  const count = await prisma.panel.count({ where: { roundId } });
  return prisma.panel.create({ data: { roundId, name: options.name ?? `Tiểu ban ${count + 1}`, categoryId: options.categoryId ?? null } });
}

export async function seatJudge(panelId: string, userId: string, options: { isChair?: boolean; maxLoad?: number | null } = {}) {
  return prisma.panelJudge.create({ data: { panelId, userId, isChair: options.isChair ?? false, maxLoad: options.maxLoad ?? null } });
}

/** RoundEntry rows putting the entries on the panel (status IN). */
export async function placeEntries(roundId: string, panelId: string | null, entryIds: string[]) {
  await prisma.roundEntry.createMany({ data: entryIds.map((entryId) => ({ roundId, entryId, panelId })) });
}

export async function createTestAssignment(
  roundId: string,
  panelId: string,
  entryId: string,
  judgeId: string,
  options: { source?: AssignmentSource; status?: AssignmentStatus } = {},
) {
  return prisma.assignment.create({
    data: { roundId, panelId, entryId, judgeId, source: options.source ?? "AUTO", status: options.status ?? "ACTIVE" },
  });
}

/** A scoresheet on the assignment holding one point on the rubric version's first criterion. */
export async function scoreAssignment(assignmentId: string, rubricVersionId: string, options: { submitted?: boolean } = {}) {
  const criterion = await prisma.criterion.findFirstOrThrow({ where: { rubricVersionId }, orderBy: { position: "asc" } });
  return prisma.scoresheet.create({
    data: {
      assignmentId,
      rubricVersionId,
      status: options.submitted ? "SUBMITTED" : "DRAFT",
      submittedAt: options.submitted ? new Date() : null,
      total: 10,
      scores: { create: { criterionId: criterion.id, points: 10 } },
    },
  });
}
