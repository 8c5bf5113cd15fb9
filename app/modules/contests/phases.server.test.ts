import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ContestPhase } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { gatherPhaseFacts, runDuePhaseChanges, transitionContest } from "./phases.server";

const NOW = new Date("2026-05-01T03:00:00Z");
const LATER = new Date("2026-06-01T10:00:00Z");

/** A contest in the given phase; `ready` adds a category and a rubric with one criterion. */
async function contest(phase: ContestPhase, { ready = true, closesAt = LATER as Date | null } = {}) {
  const owner = await createTestUser({ isOrganizer: true });
  const c = await prisma.contest.create({
    data: { title: "Chính luận 2026", slug: `c-${crypto.randomBytes(4).toString("hex")}`, phase, closesAt, createdById: owner.id },
  });
  let categoryId: string | null = null;
  let rubricVersionId: string | null = null;
  if (ready) {
    categoryId = (await prisma.category.create({ data: { contestId: c.id, name: "Cán bộ" } })).id;
    const rubric = await prisma.rubric.create({
      data: {
        contestId: c.id,
        name: "Mặc định",
        versions: { create: { version: 1, criteria: { create: { position: 0, name: "Tư tưởng", maxPoints: 25 } } } },
      },
      include: { versions: true },
    });
    rubricVersionId = rubric.versions[0]!.id;
  }
  return { contest: c, owner, categoryId, rubricVersionId };
}

async function auditRows(contestId: string, action = "contest.phase") {
  return prisma.auditLog.findMany({ where: { contestId, action }, orderBy: { id: "asc" } });
}

async function phaseOf(contestId: string) {
  return (await prisma.contest.findUniqueOrThrow({ where: { id: contestId } })).phase;
}

describe("transitionContest", () => {
  it("moves the phase and writes the audit record in the same commit", async () => {
    const { contest: c, owner } = await contest("DRAFT");
    const result = await transitionContest({ contestId: c.id, to: "OPEN", actorId: owner.id, ip: "203.0.113.7", now: NOW });
    expect(result).toEqual({ ok: true, from: "DRAFT", to: "OPEN" });
    expect(await phaseOf(c.id)).toBe("OPEN");
    const rows = await auditRows(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: owner.id, targetType: "Contest", targetId: c.id, ip: "203.0.113.7" });
    expect(JSON.parse(rows[0]!.data)).toEqual({ from: "DRAFT", to: "OPEN" });
  });

  it("changes nothing and logs nothing when the guard refuses", async () => {
    const { contest: c, owner } = await contest("DRAFT", { ready: false, closesAt: null });
    const result = await transitionContest({ contestId: c.id, to: "OPEN", actorId: owner.id, now: NOW });
    expect(result).toEqual({
      ok: false,
      from: "DRAFT",
      reasons: ["contests:phase.errors.noCategory", "contests:phase.errors.noRubric", "contests:phase.errors.noDeadline"],
    });
    expect(await phaseOf(c.id)).toBe("DRAFT");
    expect(await prisma.auditLog.count({ where: { contestId: c.id } })).toBe(0);
  });

  it("refuses an edge outside the lifecycle, an unknown contest and a stale expected phase", async () => {
    const { contest: c, owner } = await contest("DRAFT");
    expect(await transitionContest({ contestId: c.id, to: "PUBLISHED", actorId: owner.id, now: NOW })).toMatchObject({
      ok: false,
      reasons: ["contests:phase.errors.notAllowed"],
    });
    expect(await transitionContest({ contestId: "nope", to: "OPEN", actorId: owner.id, now: NOW })).toMatchObject({
      ok: false,
      reasons: ["contests:phase.errors.notFound"],
    });
    expect(await transitionContest({ contestId: c.id, from: "OPEN", to: "CLOSED", actorId: owner.id, now: NOW })).toMatchObject({
      ok: false,
      reasons: ["contests:phase.errors.changedMeanwhile"],
    });
    expect(await phaseOf(c.id)).toBe("DRAFT");
    expect(await prisma.auditLog.count({ where: { contestId: c.id } })).toBe(0);
  });

  it("of two concurrent transitions from the same phase, exactly one succeeds", async () => {
    for (const targets of [
      ["CLOSED", "CLOSED"],
      ["CLOSED", "DRAFT"],
    ] as const) {
      const { contest: c, owner } = await contest("OPEN");
      const results = await Promise.all(
        targets.map((to) => transitionContest({ contestId: c.id, from: "OPEN", to, actorId: owner.id, now: NOW })),
      );
      const won = results.filter((r) => r.ok);
      expect(won).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ reasons: ["contests:phase.errors.changedMeanwhile"] });
      const rows = await auditRows(c.id);
      expect(rows).toHaveLength(1);
      expect(await phaseOf(c.id)).toBe(JSON.parse(rows[0]!.data).to);
    }
  });

  it("starts judging only once every eligible entry is on a panel with k active judges", async () => {
    const { contest: c, owner, categoryId, rubricVersionId } = await contest("CLOSED");
    const entrant = await createTestUser();
    const entries = await Promise.all(
      ["A", "B"].map((title) =>
        prisma.entry.create({
          data: { contestId: c.id, categoryId: categoryId!, submitterId: entrant.id, title, status: "ELIGIBLE", submittedAt: NOW },
        }),
      ),
    );
    await prisma.entry.create({
      data: { contestId: c.id, categoryId: categoryId!, submitterId: entrant.id, title: "C", status: "SUBMITTED", submittedAt: NOW },
    });
    const round = await prisma.round.create({ data: { contestId: c.id, position: 1, name: "Sơ khảo", rubricVersionId, readsPerEntry: 2 } });
    const panel = await prisma.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1" } });
    const judges = await Promise.all([0, 1].map(() => createTestUser()));

    const refused = await transitionContest({ contestId: c.id, to: "JUDGING", actorId: owner.id, now: NOW });
    expect(refused).toMatchObject({
      ok: false,
      reasons: ['contests:phase.errors.entriesUnchecked|{"count":1}', 'contests:phase.errors.entriesWithoutPanel|{"count":2}'],
    });

    await prisma.entry.updateMany({ where: { contestId: c.id, status: "SUBMITTED" }, data: { status: "DISQUALIFIED" } });
    for (const e of entries) await prisma.roundEntry.create({ data: { roundId: round.id, entryId: e.id, panelId: panel.id } });
    // A: two judges; B: one active judge and one removed.
    for (const [entry, judge, status] of [
      [entries[0]!, judges[0]!, "ACTIVE"],
      [entries[0]!, judges[1]!, "ACTIVE"],
      [entries[1]!, judges[0]!, "ACTIVE"],
      [entries[1]!, judges[1]!, "REMOVED"],
    ] as const) {
      await prisma.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry.id, judgeId: judge.id, status } });
    }
    expect(await transitionContest({ contestId: c.id, to: "JUDGING", actorId: owner.id, now: NOW })).toMatchObject({
      ok: false,
      reasons: ['contests:phase.errors.entriesShortOfJudges|{"count":1}'],
    });

    await prisma.assignment.updateMany({ where: { entryId: entries[1]!.id, status: "REMOVED" }, data: { status: "ACTIVE" } });
    expect(await transitionContest({ contestId: c.id, to: "JUDGING", actorId: owner.id, now: NOW })).toEqual({
      ok: true,
      from: "CLOSED",
      to: "JUDGING",
    });

    // Judging: a draft scoresheet blocks both going back and finishing.
    const a = await prisma.assignment.findFirstOrThrow({ where: { entryId: entries[0]!.id, judgeId: judges[0]!.id } });
    await prisma.scoresheet.create({ data: { assignmentId: a.id, rubricVersionId: rubricVersionId! } });
    const facts = await prisma.$transaction((tx) => gatherPhaseFacts(tx, c.id, NOW));
    expect(facts).toMatchObject({ scoresheetCount: 1, pendingScoresheets: 4, eligibleEntryCount: 2, submittedEntryCount: 3 });
    expect(await transitionContest({ contestId: c.id, to: "CLOSED", actorId: owner.id, now: NOW })).toMatchObject({
      reasons: ["contests:phase.errors.scoringStarted"],
    });
    expect(await transitionContest({ contestId: c.id, to: "FINALIZING", actorId: owner.id, now: NOW })).toMatchObject({
      reasons: ['contests:phase.errors.scoresheetsPending|{"count":4}'],
    });
  });

  it("counts a wide spread of submitted totals as an open disagreement until the chair resolves it", async () => {
    const { contest: c, owner, categoryId, rubricVersionId } = await contest("JUDGING");
    const entrant = await createTestUser();
    const entry = await prisma.entry.create({
      data: { contestId: c.id, categoryId: categoryId!, submitterId: entrant.id, title: "A", status: "ELIGIBLE", submittedAt: NOW },
    });
    const round = await prisma.round.create({ data: { contestId: c.id, position: 1, name: "Sơ khảo", rubricVersionId, spreadThreshold: 10 } });
    const panel = await prisma.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1" } });
    const judges = await Promise.all([0, 1].map(() => createTestUser()));
    for (const [judge, total] of [
      [judges[0]!, 80],
      [judges[1]!, 60],
    ] as const) {
      await prisma.assignment.create({
        data: {
          roundId: round.id,
          panelId: panel.id,
          entryId: entry.id,
          judgeId: judge.id,
          scoresheet: { create: { rubricVersionId: rubricVersionId!, status: "SUBMITTED", total, submittedAt: NOW } },
        },
      });
    }
    expect(await transitionContest({ contestId: c.id, to: "FINALIZING", actorId: owner.id, now: NOW })).toMatchObject({
      reasons: ['contests:phase.errors.disagreementsOpen|{"count":1}'],
    });
    await prisma.resolution.create({ data: { roundId: round.id, entryId: entry.id, chairId: judges[0]!.id, kind: "RESOLVED", reason: "Đã thống nhất" } });
    expect(await transitionContest({ contestId: c.id, to: "FINALIZING", actorId: owner.id, now: NOW })).toMatchObject({ ok: true });
  });
});

describe("runDuePhaseChanges", () => {
  it("applies a due change exactly once, even when two runs race", async () => {
    const { contest: c } = await contest("DRAFT");
    const due = await prisma.phaseChange.create({ data: { contestId: c.id, toPhase: "OPEN", runAt: NOW } });
    const notYet = await prisma.phaseChange.create({ data: { contestId: c.id, toPhase: "CLOSED", runAt: LATER } });

    const [first, second] = await Promise.all([runDuePhaseChanges(NOW), runDuePhaseChanges(NOW)]);
    const runs = [...first!, ...second!].filter((r) => r.contestId === c.id);
    expect(runs).toEqual([{ phaseChangeId: due.id, contestId: c.id, to: "OPEN", outcome: "applied", reasons: [] }]);
    expect(await phaseOf(c.id)).toBe("OPEN");
    const rows = await auditRows(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBeNull();
    expect(JSON.parse(rows[0]!.data)).toEqual({ from: "DRAFT", to: "OPEN", phaseChangeId: due.id });
    expect((await prisma.phaseChange.findUniqueOrThrow({ where: { id: due.id } })).doneAt).toEqual(NOW);
    expect((await prisma.phaseChange.findUniqueOrThrow({ where: { id: notYet.id } })).doneAt).toBeNull();

    // Again later: nothing left for this contest at NOW; the closing runs at its time.
    expect((await runDuePhaseChanges(NOW)).filter((r) => r.contestId === c.id)).toEqual([]);
    expect((await runDuePhaseChanges(LATER)).filter((r) => r.contestId === c.id)).toMatchObject([{ to: "CLOSED", outcome: "applied" }]);
    expect(await phaseOf(c.id)).toBe("CLOSED");
  });

  it("skips a change the guard refuses, marks it done and records why", async () => {
    const { contest: c } = await contest("DRAFT", { ready: false });
    const change = await prisma.phaseChange.create({ data: { contestId: c.id, toPhase: "OPEN", runAt: NOW } });
    const runs = (await runDuePhaseChanges(NOW)).filter((r) => r.contestId === c.id);
    expect(runs).toEqual([
      {
        phaseChangeId: change.id,
        contestId: c.id,
        to: "OPEN",
        outcome: "refused",
        reasons: ["contests:phase.errors.noCategory", "contests:phase.errors.noRubric"],
      },
    ]);
    expect(await phaseOf(c.id)).toBe("DRAFT");
    expect(await auditRows(c.id)).toHaveLength(0);
    const refused = await auditRows(c.id, "contest.phaseRefused");
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!.data)).toEqual({
      from: "DRAFT",
      to: "OPEN",
      phaseChangeId: change.id,
      reasons: ["contests:phase.errors.noCategory", "contests:phase.errors.noRubric"],
    });
    expect((await prisma.phaseChange.findUniqueOrThrow({ where: { id: change.id } })).doneAt).toEqual(NOW);
    expect((await runDuePhaseChanges(NOW)).filter((r) => r.contestId === c.id)).toEqual([]);
  });
});
