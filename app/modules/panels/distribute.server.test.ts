import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestPanel, createTestRound, placeEntries } from "#tests/factories/rounds";
import { defaultEntrySet, distributeRoundEntries, type DistributionOutcome } from "./distribute.server";

function expectOutcome(result: Awaited<ReturnType<typeof distributeRoundEntries>>): DistributionOutcome {
  if (!result.ok) throw new Error(`expected a distribution, got ${JSON.stringify(result)}`);
  return result;
}

async function placements(roundId: string) {
  const rows = await prisma.roundEntry.findMany({ where: { roundId }, select: { entryId: true, panelId: true, status: true } });
  return new Map(rows.map((r) => [r.entryId, r.panelId]));
}

async function setup() {
  const { contest, organizerId, categories } = await createTestContest({ categories: ["Cán bộ", "Sinh viên", "Học sinh"] });
  const [staff, students, pupils] = categories as [(typeof categories)[0], (typeof categories)[0], (typeof categories)[0]];
  const round = await createTestRound(contest.id, { name: "Sơ khảo" });
  const staffEntries = await createTestEntries(contest.id, staff.id, 6);
  const studentEntries = await createTestEntries(contest.id, students.id, 4);
  const pupilEntries = await createTestEntries(contest.id, pupils.id, 3);
  await createTestEntries(contest.id, staff.id, 2, { status: "SUBMITTED" });
  await createTestEntries(contest.id, staff.id, 1, { status: "DISQUALIFIED" });
  return { contest, organizerId, round, staff, students, pupils, staffEntries, studentEntries, pupilEntries };
}

describe("distributeRoundEntries", () => {
  it("places the first round's eligible entries: a category's on its panels, the others split evenly; logged", async () => {
    const s = await setup();
    const staffPanel = await createTestPanel(s.round.id, { name: "Tiểu ban Cán bộ", categoryId: s.staff.id });
    const g1 = await createTestPanel(s.round.id, { name: "Tiểu ban chung 1" });
    const g2 = await createTestPanel(s.round.id, { name: "Tiểu ban chung 2" });

    const result = expectOutcome(await distributeRoundEntries({ contestId: s.contest.id, roundId: s.round.id, actorId: s.organizerId, ip: "203.0.113.8" }));
    expect(result).toMatchObject({ kept: 0, moved: 0, placed: 13, removed: 0, unplacedCount: 0, unplaced: [] });
    expect(result.panels.map((p) => [p.name, p.before, p.after])).toEqual([
      ["Tiểu ban Cán bộ", 0, 6],
      ["Tiểu ban chung 1", 0, 4],
      ["Tiểu ban chung 2", 0, 3],
    ]);
    const placed = await placements(s.round.id);
    expect(placed.size).toBe(13);
    for (const e of s.staffEntries) expect(placed.get(e.id)).toBe(staffPanel.id);
    for (const e of [...s.studentEntries, ...s.pupilEntries]) expect([g1.id, g2.id]).toContain(placed.get(e.id));
    // Each category is spread over the even split too.
    const onG1 = s.studentEntries.filter((e) => placed.get(e.id) === g1.id).length;
    expect(onG1).toBe(2);

    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "round.distribute" } });
    expect(log).toMatchObject({ actorId: s.organizerId, targetType: "Round", targetId: s.round.id, ip: "203.0.113.8" });
    expect(JSON.parse(log.data)).toEqual({
      kept: 0,
      moved: 0,
      placed: 13,
      removed: 0,
      unplaced: 0,
      before: { [staffPanel.id]: 0, [g1.id]: 0, [g2.id]: 0 },
      after: { [staffPanel.id]: 6, [g1.id]: 4, [g2.id]: 3 },
    });
  });

  it("reports entries no panel can take and keeps them in the round without a panel", async () => {
    const s = await setup();
    await createTestPanel(s.round.id, { name: "Tiểu ban Cán bộ", categoryId: s.staff.id });
    const result = expectOutcome(await distributeRoundEntries({ contestId: s.contest.id, roundId: s.round.id, actorId: s.organizerId }));
    expect(result.unplacedCount).toBe(7);
    expect(result.unplaced.map((u) => u.categoryName).sort()).toEqual([...Array(3).fill("Học sinh"), ...Array(4).fill("Sinh viên")]);
    expect(result.unplaced[0]).toMatchObject({ entryCode: s.studentEntries[0]!.entryCode, title: s.studentEntries[0]!.title });
    const placed = await placements(s.round.id);
    for (const e of s.pupilEntries) expect(placed.get(e.id)).toBeNull();
  });

  it("on a re-run moves only the entries whose panel became invalid, and drops entries that left the round", async () => {
    const s = await setup();
    const p1 = await createTestPanel(s.round.id, { name: "Tiểu ban 1" });
    const p2 = await createTestPanel(s.round.id, { name: "Tiểu ban 2" });
    expectOutcome(await distributeRoundEntries({ contestId: s.contest.id, roundId: s.round.id, actorId: s.organizerId }));
    const first = await placements(s.round.id);

    // Panel 2 now takes students only; one staff entry is disqualified meanwhile.
    await prisma.panel.update({ where: { id: p2.id }, data: { categoryId: s.students.id } });
    await prisma.entry.update({ where: { id: s.staffEntries[0]!.id }, data: { status: "DISQUALIFIED" } });
    const result = expectOutcome(await distributeRoundEntries({ contestId: s.contest.id, roundId: s.round.id, actorId: s.organizerId }));
    const second = await placements(s.round.id);

    expect(second.has(s.staffEntries[0]!.id)).toBe(false);
    expect(result.removed).toBe(1);
    for (const e of s.studentEntries) expect(second.get(e.id)).toBe(p2.id);
    for (const e of [...s.staffEntries.slice(1), ...s.pupilEntries]) expect(second.get(e.id)).toBe(p1.id);
    const stayed = [...second].filter(([id, panel]) => first.get(id) === panel).length;
    expect(result.kept).toBe(stayed);
    expect(result.moved).toBe(second.size - stayed);
    expect(result.panels.map((p) => [p.name, p.before, p.after])).toEqual([
      ["Tiểu ban 1", [...first.values()].filter((p) => p === p1.id).length, 8],
      ["Tiểu ban 2", [...first.values()].filter((p) => p === p2.id).length, 4],
    ]);
  });

  it("leaves entries whose round is over where they are", async () => {
    const s = await setup();
    const p1 = await createTestPanel(s.round.id, { name: "Tiểu ban 1", categoryId: s.students.id });
    await placeEntries(s.round.id, p1.id, [s.staffEntries[0]!.id]);
    await prisma.roundEntry.updateMany({ where: { entryId: s.staffEntries[0]!.id }, data: { status: "ELIMINATED" } });
    expectOutcome(await distributeRoundEntries({ contestId: s.contest.id, roundId: s.round.id, actorId: s.organizerId }));
    expect(await prisma.roundEntry.findFirstOrThrow({ where: { entryId: s.staffEntries[0]!.id } })).toMatchObject({ panelId: p1.id, status: "ELIMINATED" });
  });

  it("takes, for a later round, the previous round's advanced entries, unless given another entry set", async () => {
    const s = await setup();
    const final = await createTestRound(s.contest.id, { name: "Chung khảo" });
    await placeEntries(s.round.id, null, [s.staffEntries[0]!.id, s.staffEntries[1]!.id, s.studentEntries[0]!.id]);
    await prisma.roundEntry.updateMany({ where: { roundId: s.round.id, entryId: { in: [s.staffEntries[0]!.id, s.studentEntries[0]!.id] } }, data: { status: "ADVANCED" } });
    const panel = await createTestPanel(final.id, { name: "Tiểu ban chung khảo" });

    expect((await defaultEntrySet(prisma, final)).map((e) => e.id).sort()).toEqual([s.staffEntries[0]!.id, s.studentEntries[0]!.id].sort());
    expectOutcome(await distributeRoundEntries({ contestId: s.contest.id, roundId: final.id, actorId: s.organizerId }));
    expect([...(await placements(final.id)).keys()].sort()).toEqual([s.staffEntries[0]!.id, s.studentEntries[0]!.id].sort());

    const only = s.pupilEntries[0]!;
    expectOutcome(
      await distributeRoundEntries({
        contestId: s.contest.id,
        roundId: final.id,
        actorId: s.organizerId,
        entrySet: async () => [{ id: only.id, categoryId: only.categoryId }],
      }),
    );
    expect(await placements(final.id)).toEqual(new Map([[only.id, panel.id]]));
  });

  it("does not find a round through another contest, writing nothing", async () => {
    const s = await setup();
    const other = await createTestContest();
    await createTestPanel(s.round.id);
    expect(await distributeRoundEntries({ contestId: other.contest.id, roundId: s.round.id, actorId: other.organizerId })).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.roundEntry.count({ where: { roundId: s.round.id } })).toBe(0);
  });
});
