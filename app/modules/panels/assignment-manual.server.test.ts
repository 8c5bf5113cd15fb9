import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, scoreAssignment, seatJudge } from "#tests/factories/rounds";
import { addManualAssignment, getAssignmentBoard, removeManualAssignment } from "./assignment-manual.server";
import { applyAssignment, previewAssignment } from "./assignment.server";

/** A round (k = 1) with two panels of three judges; entries 0-2 on panel A, 3 on panel B, 4 in the round without a panel. */
async function setup() {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ categories: ["Cán bộ"], rubric: true });
  const round = await createTestRound(contest.id, { name: "Sơ khảo", readsPerEntry: 1, rubricVersionId });
  const a = await createTestPanel(round.id, { name: "Tiểu ban A" });
  const b = await createTestPanel(round.id, { name: "Tiểu ban B" });
  const judges = [];
  for (const name of ["Bùi An", "Cao Bình", "Đỗ Chi", "Hà Dũng"]) judges.push((await addContestMember(contest.id, "JUDGE", { name })).user);
  for (const j of judges.slice(0, 3)) await seatJudge(a.id, j.id);
  await seatJudge(b.id, judges[3]!.id);
  const entries = await createTestEntries(contest.id, categories[0]!.id, 5);
  await placeEntries(round.id, a.id, entries.slice(0, 3).map((e) => e.id));
  await placeEntries(round.id, b.id, [entries[3]!.id]);
  await placeEntries(round.id, null, [entries[4]!.id]);
  return { contest, organizerId, round, a, b, judges, entries, rubricVersionId: rubricVersionId! };
}

type Setup = Awaited<ReturnType<typeof setup>>;
const pair = (s: Setup, entry: number, judge: number) => ({
  contestId: s.contest.id,
  roundId: s.round.id,
  entryId: s.entries[entry]!.id,
  judgeId: s.judges[judge]!.id,
  actorId: s.organizerId,
  ip: "203.0.113.4",
});

async function state(roundId: string, contestId: string) {
  return {
    rows: await prisma.assignment.findMany({ where: { roundId }, orderBy: { id: "asc" }, select: { id: true, entryId: true, judgeId: true, status: true, source: true, panelId: true } }),
    audits: await prisma.auditLog.count({ where: { contestId } }),
  };
}

describe("addManualAssignment", () => {
  it("creates an active manual pair on the entry's panel, logged", async () => {
    const s = await setup();
    expect(await addManualAssignment(pair(s, 0, 0))).toEqual({ ok: true, reactivated: false });
    const row = await prisma.assignment.findFirstOrThrow({ where: { roundId: s.round.id } });
    expect(row).toMatchObject({ entryId: s.entries[0]!.id, judgeId: s.judges[0]!.id, panelId: s.a.id, status: "ACTIVE", source: "MANUAL" });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "assignment.manualAdd" } });
    expect(log).toMatchObject({ actorId: s.organizerId, targetType: "Assignment", targetId: row.id, ip: "203.0.113.4" });
    expect(JSON.parse(log.data)).toEqual({
      roundId: s.round.id,
      entryId: s.entries[0]!.id,
      judgeId: s.judges[0]!.id,
      panelId: s.a.id,
      before: null,
      after: { status: "ACTIVE", source: "MANUAL", panelId: s.a.id },
    });
  });

  it("reactivates the pair's removed row rather than creating another", async () => {
    const s = await setup();
    const removed = await createTestAssignment(s.round.id, s.a.id, s.entries[1]!.id, s.judges[1]!.id, { status: "REMOVED", source: "AUTO" });
    expect(await addManualAssignment(pair(s, 1, 1))).toEqual({ ok: true, reactivated: true });
    expect(await prisma.assignment.findMany({ where: { roundId: s.round.id }, select: { id: true, status: true, source: true } })).toEqual([
      { id: removed.id, status: "ACTIVE", source: "MANUAL" },
    ]);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "assignment.manualAdd" } });
    expect(JSON.parse(log.data)).toMatchObject({ before: { status: "REMOVED", source: "AUTO" } });
  });

  it("refuses a judge of another panel, a conflicted or recused judge, an active pair and an entry without panel, writing nothing", async () => {
    const s = await setup();
    await prisma.conflictOfInterest.create({ data: { contestId: s.contest.id, judgeId: s.judges[1]!.id, entryId: s.entries[0]!.id, source: "DETECTED", status: "PENDING" } });
    await prisma.conflictOfInterest.create({ data: { contestId: s.contest.id, judgeId: s.judges[2]!.id, entryId: s.entries[2]!.id, source: "DECLARED", status: "CONFIRMED" } });
    await createTestAssignment(s.round.id, s.a.id, s.entries[1]!.id, s.judges[0]!.id);
    await createTestAssignment(s.round.id, s.a.id, s.entries[2]!.id, s.judges[1]!.id, { status: "RECUSED" });
    const before = await state(s.round.id, s.contest.id);

    const refusal = (error: string) => ({ ok: false, status: "refused", error: `rounds:errors.manual.${error}` });
    expect(await addManualAssignment(pair(s, 0, 3))).toEqual(refusal("notOnPanel"));
    expect(await addManualAssignment(pair(s, 0, 1))).toEqual(refusal("conflict"));
    expect(await addManualAssignment(pair(s, 2, 2))).toEqual(refusal("conflict"));
    expect(await addManualAssignment(pair(s, 1, 0))).toEqual(refusal("alreadyAssigned"));
    expect(await addManualAssignment(pair(s, 2, 1))).toEqual(refusal("recused"));
    expect(await addManualAssignment(pair(s, 4, 0))).toEqual(refusal("entryNotOpen"));
    expect(await state(s.round.id, s.contest.id)).toEqual(before);
  });

  it("a dismissed conflict no longer stands in the way", async () => {
    const s = await setup();
    await prisma.conflictOfInterest.create({ data: { contestId: s.contest.id, judgeId: s.judges[1]!.id, entryId: s.entries[0]!.id, source: "DETECTED", status: "DISMISSED" } });
    expect(await addManualAssignment(pair(s, 0, 1))).toEqual({ ok: true, reactivated: false });
  });

  it("does not find the round through another contest, nor an entry of another contest", async () => {
    const s = await setup();
    const other = await createTestContest({ categories: ["Khác"] });
    const [foreign] = await createTestEntries(other.contest.id, other.categories[0]!.id, 1);
    expect(await addManualAssignment({ ...pair(s, 0, 0), contestId: other.contest.id })).toEqual({ ok: false, status: "notFound" });
    expect(await addManualAssignment({ ...pair(s, 0, 0), entryId: foreign!.id })).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.assignment.count({ where: { roundId: s.round.id } })).toBe(0);
  });
});

describe("removeManualAssignment", () => {
  it("marks the pair removed by hand, logged, so that a preview made before cannot be applied", async () => {
    const s = await setup();
    const row = await createTestAssignment(s.round.id, s.a.id, s.entries[0]!.id, s.judges[0]!.id);
    const preview = await previewAssignment({ roundId: s.round.id, seed: 1 });
    if (!preview.ok) throw new Error("expected a preview");

    expect(await removeManualAssignment(pair(s, 0, 0))).toEqual({ ok: true });
    expect(await prisma.assignment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "REMOVED", source: "MANUAL" });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "assignment.manualRemove" } });
    expect(JSON.parse(log.data)).toEqual({
      roundId: s.round.id,
      entryId: s.entries[0]!.id,
      judgeId: s.judges[0]!.id,
      panelId: s.a.id,
      before: { status: "ACTIVE", source: "AUTO" },
      after: { status: "REMOVED", source: "MANUAL" },
    });
    const applied = await applyAssignment({ roundId: s.round.id, seed: 1, actorId: s.organizerId, expectedFingerprint: preview.fingerprint });
    expect(applied).toEqual({ ok: false, status: "changedMeanwhile" });
  });

  it("never removes a pair holding a score (draft or submitted), nor one that is not active", async () => {
    const s = await setup();
    const draft = await createTestAssignment(s.round.id, s.a.id, s.entries[0]!.id, s.judges[0]!.id);
    await scoreAssignment(draft.id, s.rubricVersionId);
    const submitted = await createTestAssignment(s.round.id, s.a.id, s.entries[1]!.id, s.judges[0]!.id);
    await scoreAssignment(submitted.id, s.rubricVersionId, { submitted: true });
    await createTestAssignment(s.round.id, s.a.id, s.entries[2]!.id, s.judges[0]!.id, { status: "REMOVED" });
    const before = await state(s.round.id, s.contest.id);

    expect(await removeManualAssignment(pair(s, 0, 0))).toEqual({ ok: false, status: "refused", error: "rounds:errors.manual.scored" });
    expect(await removeManualAssignment(pair(s, 1, 0))).toEqual({ ok: false, status: "refused", error: "rounds:errors.manual.scored" });
    expect(await removeManualAssignment(pair(s, 2, 0))).toEqual({ ok: false, status: "refused", error: "rounds:errors.manual.notAssigned" });
    expect(await removeManualAssignment(pair(s, 3, 1))).toEqual({ ok: false, status: "refused", error: "rounds:errors.manual.notAssigned" });
    expect(await state(s.round.id, s.contest.id)).toEqual(before);
  });
});

describe("getAssignmentBoard", () => {
  it("shows a panel's entries by its judges, with what each cell holds, and judges who left with active pairs", async () => {
    const s = await setup();
    const scored = await createTestAssignment(s.round.id, s.a.id, s.entries[0]!.id, s.judges[0]!.id);
    await scoreAssignment(scored.id, s.rubricVersionId);
    await createTestAssignment(s.round.id, s.a.id, s.entries[0]!.id, s.judges[1]!.id, { source: "MANUAL" });
    await createTestAssignment(s.round.id, s.a.id, s.entries[1]!.id, s.judges[1]!.id, { status: "REMOVED", source: "MANUAL" });
    await prisma.conflictOfInterest.create({ data: { contestId: s.contest.id, judgeId: s.judges[2]!.id, entryId: s.entries[1]!.id, source: "DECLARED", status: "CONFIRMED" } });
    // Hà Dũng sat on panel A, read entry 2, and moved to panel B.
    await createTestAssignment(s.round.id, s.a.id, s.entries[2]!.id, s.judges[3]!.id);

    const board = await getAssignmentBoard(prisma, { roundId: s.round.id, panelId: s.a.id });
    expect(board.panels.map((p) => [p.name, p.entries])).toEqual([
      ["Tiểu ban A", 3],
      ["Tiểu ban B", 1],
    ]);
    const panel = board.panel!;
    expect(panel.judges.map((j) => [j.name, j.seated, j.load])).toEqual([
      ["Bùi An", true, 1],
      ["Cao Bình", true, 1],
      ["Đỗ Chi", true, 0],
      ["Hà Dũng", false, 1],
    ]);
    expect(panel.entries.map((e) => [e.entryCode, e.reads, e.cells.map((c) => c.kind)])).toEqual([
      [s.entries[0]!.entryCode, 2, ["active", "active", "none", "none"]],
      [s.entries[1]!.entryCode, 0, ["none", "removed", "conflict", "none"]],
      [s.entries[2]!.entryCode, 1, ["none", "none", "none", "active"]],
    ]);
    expect(panel.entries[0]!.cells.slice(0, 2)).toEqual([
      { kind: "active", source: "AUTO", scored: true },
      { kind: "active", source: "MANUAL", scored: false },
    ]);
    expect(panel.entries[1]!.cells[1]).toEqual({ kind: "removed", manual: true });
    // Without a panel chosen, the first by name.
    expect((await getAssignmentBoard(prisma, { roundId: s.round.id, panelId: "other" })).panel!.id).toBe(s.a.id);
  });
});
