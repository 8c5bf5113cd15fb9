import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, scoreAssignment, seatJudge } from "#tests/factories/rounds";
import { createRound, defaultRoundName, deleteRound, getRoundSettings, listRounds, moveRound, updateRound } from "./rounds.server";
import { ROUND_DEFAULTS, scoreBoundChanges, type RoundFields } from "./rounds.schema";

const fields = (overrides: Partial<RoundFields> = {}): RoundFields => ({
  name: "Sơ khảo",
  readsPerEntry: 3,
  advanceRule: "TOP_N",
  advanceValue: 10,
  aggregation: "MEAN",
  scoreVisibility: "AFTER_OWN",
  ...overrides,
});

async function audits(contestId: string, action: string) {
  const rows = await prisma.auditLog.findMany({ where: { contestId, action }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

async function roundRows(contestId: string) {
  return prisma.round.findMany({ where: { contestId }, orderBy: { position: "asc" } });
}

function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** A round with one judge's scored pair on it. */
async function scoredRound() {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ categories: ["Cán bộ"], rubric: true });
  const round = await createTestRound(contest.id, { name: "Sơ khảo", rubricVersionId });
  const panel = await createTestPanel(round.id);
  const { user: judge } = await addContestMember(contest.id, "JUDGE");
  await seatJudge(panel.id, judge.id);
  const [entry] = await createTestEntries(contest.id, categories[0]!.id, 1);
  const assignment = await createTestAssignment(round.id, panel.id, entry!.id, judge.id);
  await scoreAssignment(assignment.id, rubricVersionId!);
  return { contest, organizerId, round, rubricVersionId: rubricVersionId! };
}

describe("a new round's name", () => {
  it("is Sơ khảo, then Chung khảo, then a numbered round, in a Vietnamese contest", () => {
    expect(defaultRoundName("vi", [])).toBe("Sơ khảo");
    expect(defaultRoundName("vi", ["Sơ khảo"])).toBe("Chung khảo");
    expect(defaultRoundName("vi", ["Sơ khảo", "Chung khảo"])).toBe("Vòng 3");
  });

  it("follows the contest's language and never offers a taken name", () => {
    expect(defaultRoundName("en", [])).toBe("Preliminary round");
    expect(defaultRoundName("vi", ["chung khảo"])).toBe("Vòng 2");
    expect(defaultRoundName("vi", ["Sơ khảo", "Chung khảo", "Vòng 3"])).toBe("Vòng 4");
  });
});

describe("the score policy of a round", () => {
  it("forbids changing k or the rubric version once the round holds a score, and nothing before", () => {
    const current = { readsPerEntry: 3, rubricVersionId: "v1" };
    expect(scoreBoundChanges(current, { readsPerEntry: 2, rubricVersionId: "v2" }, false)).toEqual([]);
    expect(scoreBoundChanges(current, { readsPerEntry: 2, rubricVersionId: "v1" }, true)).toEqual(["readsPerEntry"]);
    expect(scoreBoundChanges(current, { readsPerEntry: 3, rubricVersionId: null }, true)).toEqual(["rubricVersionId"]);
    expect(scoreBoundChanges(current, { readsPerEntry: 3, rubricVersionId: "v1" }, true)).toEqual([]);
  });
});

describe("listRounds", () => {
  it("lists the rounds in order and offers the newest rubric version, locked ones included and marked", async () => {
    const { contest, rubricVersionId } = await createTestContest({ rubric: true });
    const rubric = await prisma.rubricVersion.findUniqueOrThrow({ where: { id: rubricVersionId! }, select: { rubricId: true } });
    await prisma.rubricVersion.update({ where: { id: rubricVersionId! }, data: { lockedAt: new Date() } });
    const v2 = await prisma.rubricVersion.create({ data: { rubricId: rubric.rubricId, version: 2, createdAt: new Date(Date.now() + 1000) } });
    await createTestRound(contest.id, { name: "Sơ khảo" });
    await createTestRound(contest.id, { name: "Chung khảo" });

    const page = (await listRounds(contest.id))!;
    expect(page.rounds.map((r) => [r.position, r.name])).toEqual([
      [1, "Sơ khảo"],
      [2, "Chung khảo"],
    ]);
    expect(page.rubricVersions.map((v) => [v.id, v.version, v.locked])).toEqual([
      [v2.id, 2, false],
      [rubricVersionId, 1, true],
    ]);
    expect(page.defaults).toMatchObject({ ...ROUND_DEFAULTS, name: "Vòng 3", rubricVersionId: v2.id });
    expect(await listRounds("missing")).toBeNull();
  });
});

describe("createRound", () => {
  it("adds a round at the end with its settings, the deadline on the contest's clock, logged", async () => {
    const { contest, organizerId, rubricVersionId } = await createTestContest({ rubric: true });
    await createTestRound(contest.id, { name: "Sơ khảo" });
    const result = expectOk(
      await createRound({
        contestId: contest.id,
        actorId: organizerId,
        ip: "203.0.113.5",
        fields: fields({ name: "Chung khảo", rubricVersionId: rubricVersionId!, readsPerEntry: 5, spreadThreshold: 15, advanceRule: "THRESHOLD", advanceValue: 80, judgingDeadline: "2026-12-01T17:00" }),
      }),
    );
    const round = await prisma.round.findUniqueOrThrow({ where: { id: result.roundId } });
    expect(round).toMatchObject({ position: 2, name: "Chung khảo", readsPerEntry: 5, spreadThreshold: 15, advanceRule: "THRESHOLD", advanceValue: 80, rubricVersionId });
    // 17:00 in Hà Nội (UTC+7) is 10:00 UTC.
    expect(round.judgingDeadline?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    const [log] = await audits(contest.id, "round.create");
    expect(log).toMatchObject({ actorId: organizerId, targetType: "Round", targetId: round.id, ip: "203.0.113.5" });
    expect(log!.data).toMatchObject({ position: 2, after: { name: "Chung khảo", readsPerEntry: 5, judgingDeadline: "2026-12-01T10:00:00.000Z" } });
  });

  it("keeps no advance value for a manual list", async () => {
    const { contest, organizerId } = await createTestContest();
    const { roundId } = expectOk(await createRound({ contestId: contest.id, actorId: organizerId, fields: fields({ advanceRule: "MANUAL", advanceValue: 12 }) }));
    expect(await prisma.round.findUniqueOrThrow({ where: { id: roundId } })).toMatchObject({ advanceRule: "MANUAL", advanceValue: null });
  });

  it("refuses a taken name (whatever the case) and a rubric version of another contest, writing nothing", async () => {
    const { contest, organizerId } = await createTestContest();
    const other = await createTestContest({ rubric: true });
    await createTestRound(contest.id, { name: "Sơ khảo" });
    const before = { rounds: await roundRows(contest.id), audits: await prisma.auditLog.count() };
    const result = await createRound({ contestId: contest.id, actorId: organizerId, fields: fields({ name: "SƠ KHẢO", rubricVersionId: other.rubricVersionId! }) });
    expect(result).toEqual({
      ok: false,
      status: "invalid",
      fieldErrors: { name: ["rounds:errors.nameTaken"], rubricVersionId: ["rounds:errors.rubricVersionUnknown"] },
    });
    expect({ rounds: await roundRows(contest.id), audits: await prisma.auditLog.count() }).toEqual(before);
  });

  it("answers notFound for a contest that does not exist", async () => {
    expect(await createRound({ contestId: "missing", actorId: null, fields: fields() })).toEqual({ ok: false, status: "notFound" });
  });
});

describe("updateRound", () => {
  async function roundWithRevision() {
    const { contest, organizerId } = await createTestContest();
    const { roundId } = expectOk(await createRound({ contestId: contest.id, actorId: organizerId, fields: fields() }));
    const settings = (await getRoundSettings(prisma, contest.id, roundId))!;
    return { contest, organizerId, roundId, revision: settings.round.revision };
  }

  it("saves the changed fields and logs only those, before and after", async () => {
    const { contest, organizerId, roundId, revision } = await roundWithRevision();
    const result = await updateRound({
      contestId: contest.id,
      roundId,
      actorId: organizerId,
      revision,
      fields: fields({ readsPerEntry: 2, scoreVisibility: "NEVER" }),
    });
    expect(result).toEqual({ ok: true, changed: true });
    expect(await prisma.round.findUniqueOrThrow({ where: { id: roundId } })).toMatchObject({ readsPerEntry: 2, scoreVisibility: "NEVER" });
    const [log] = await audits(contest.id, "round.update");
    expect(log!.data).toEqual({ before: { readsPerEntry: 3, scoreVisibility: "AFTER_OWN" }, after: { readsPerEntry: 2, scoreVisibility: "NEVER" } });
  });

  it("refuses a form loaded before someone else saved, writing nothing", async () => {
    const { contest, organizerId, roundId, revision } = await roundWithRevision();
    expectOk(await updateRound({ contestId: contest.id, roundId, actorId: organizerId, revision, fields: fields({ name: "Vòng loại" }) }));
    const saved = await prisma.round.findUniqueOrThrow({ where: { id: roundId } });
    const stale = await updateRound({ contestId: contest.id, roundId, actorId: organizerId, revision, fields: fields({ readsPerEntry: 4 }) });
    expect(stale).toEqual({ ok: false, status: "changedMeanwhile" });
    expect(await prisma.round.findUniqueOrThrow({ where: { id: roundId } })).toEqual(saved);
    expect(await audits(contest.id, "round.update")).toHaveLength(1);
  });

  it("refuses to change k or the rubric version once a score exists, but lets the rest change", async () => {
    const { contest, organizerId, round, rubricVersionId } = await scoredRound();
    const { revision } = (await getRoundSettings(prisma, contest.id, round.id))!.round;
    const base = fields({ name: "Sơ khảo", rubricVersionId, readsPerEntry: 3, advanceRule: "MANUAL", advanceValue: undefined });
    const refused = await updateRound({ contestId: contest.id, roundId: round.id, actorId: organizerId, revision, fields: { ...base, readsPerEntry: 2, rubricVersionId: undefined } });
    expect(refused).toEqual({
      ok: false,
      status: "invalid",
      fieldErrors: { readsPerEntry: ["rounds:errors.lockedByScores"], rubricVersionId: ["rounds:errors.lockedByScores"] },
    });
    expect(await prisma.round.findUniqueOrThrow({ where: { id: round.id } })).toMatchObject({ readsPerEntry: 3, rubricVersionId });
    const allowed = await updateRound({ contestId: contest.id, roundId: round.id, actorId: organizerId, revision, fields: { ...base, spreadThreshold: 12 } });
    expect(allowed).toEqual({ ok: true, changed: true });
  });

  it("does not find a round through another contest", async () => {
    const { roundId, revision } = await roundWithRevision();
    const other = await createTestContest();
    const result = await updateRound({ contestId: other.contest.id, roundId, actorId: other.organizerId, revision, fields: fields({ readsPerEntry: 1 }) });
    expect(result).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.round.findUniqueOrThrow({ where: { id: roundId } })).toMatchObject({ readsPerEntry: 3 });
  });
});

describe("moveRound", () => {
  it("swaps a round with its neighbour, logged, and refuses a stale page or the edge", async () => {
    const { contest, organizerId } = await createTestContest();
    const a = await createTestRound(contest.id, { name: "A" });
    const b = await createTestRound(contest.id, { name: "B" });
    const c = await createTestRound(contest.id, { name: "C" });
    expect(await moveRound({ contestId: contest.id, roundId: c.id, direction: "up", position: 3, actorId: organizerId })).toEqual({ ok: true });
    expect((await roundRows(contest.id)).map((r) => r.name)).toEqual(["A", "C", "B"]);
    const [log] = await audits(contest.id, "round.move");
    expect(log!.data).toEqual({ before: { position: 3 }, after: { position: 2 }, swappedWith: b.id });

    expect(await moveRound({ contestId: contest.id, roundId: c.id, direction: "up", position: 3, actorId: organizerId })).toEqual({ ok: false, status: "changedMeanwhile" });
    expect(await moveRound({ contestId: contest.id, roundId: a.id, direction: "up", position: 1, actorId: organizerId })).toEqual({
      ok: false,
      status: "refused",
      error: "rounds:errors.alreadyFirst",
    });
    expect((await roundRows(contest.id)).map((r) => r.name)).toEqual(["A", "C", "B"]);
    expect(await audits(contest.id, "round.move")).toHaveLength(1);
  });
});

describe("deleteRound", () => {
  it("deletes a round without assignments with its panels, moves later rounds up, and logs it", async () => {
    const { contest, organizerId } = await createTestContest();
    await createTestRound(contest.id, { name: "A" });
    const b = await createTestRound(contest.id, { name: "B" });
    await createTestRound(contest.id, { name: "C" });
    await createTestPanel(b.id);
    expect(await deleteRound({ contestId: contest.id, roundId: b.id, actorId: organizerId })).toEqual({ ok: true, name: "B" });
    expect((await roundRows(contest.id)).map((r) => [r.position, r.name])).toEqual([
      [1, "A"],
      [2, "C"],
    ]);
    expect(await prisma.panel.count({ where: { roundId: b.id } })).toBe(0);
    const [log] = await audits(contest.id, "round.delete");
    expect(log!.data).toMatchObject({ position: 2, before: { name: "B" }, panels: 1 });
  });

  it("refuses a round with an assignment (even a removed one), writing nothing", async () => {
    const { contest, organizerId, round } = await scoredRound();
    await prisma.assignment.updateMany({ where: { roundId: round.id }, data: { status: "REMOVED" } });
    const before = await roundRows(contest.id);
    expect(await deleteRound({ contestId: contest.id, roundId: round.id, actorId: organizerId })).toEqual({
      ok: false,
      status: "refused",
      error: "rounds:errors.roundHasAssignments",
    });
    expect(await roundRows(contest.id)).toEqual(before);
    expect(await prisma.scoresheet.count({ where: { assignment: { roundId: round.id } } })).toBe(1);
    expect(await audits(contest.id, "round.delete")).toEqual([]);
  });
});
