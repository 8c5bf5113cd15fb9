import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import { addExtraReader, repairEntry } from "./repair.server";

/** A judging round (k = 3) with one panel of `judges` judges and `entries` entries, each read by judges 0, 1, 2. */
async function setup(judges = 5, entries = 4) {
  const { contest, organizerId, categories } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"] });
  const round = await createTestRound(contest.id, { readsPerEntry: 3 });
  const panel = await createTestPanel(round.id, { categoryId: categories[0]!.id });
  const people = [];
  for (let j = 0; j < judges; j++) {
    const { user } = await addContestMember(contest.id, "JUDGE", { name: `Giám khảo ${j}` });
    await seatJudge(panel.id, user.id);
    people.push(user);
  }
  const list = await createTestEntries(contest.id, categories[0]!.id, entries);
  await placeEntries(round.id, panel.id, list.map((e) => e.id));
  for (const e of list) for (const j of [0, 1, 2]) await createTestAssignment(round.id, panel.id, e.id, people[j]!.id);
  return { contest, organizerId, round, panel, judges: people, entries: list };
}

const activeOf = (roundId: string, entryId: string) =>
  prisma.assignment.findMany({ where: { roundId, entryId, status: "ACTIVE" }, select: { judgeId: true, source: true } });

async function pairsElsewhere(roundId: string, entryId: string) {
  return prisma.assignment.findMany({ where: { roundId, entryId: { not: entryId } }, orderBy: { id: "asc" }, select: { id: true, judgeId: true, status: true } });
}

describe("repairEntry", () => {
  it("replaces a recused judge by the least-loaded free judge, changes nothing else, and is audited", async () => {
    const s = await setup();
    const target = s.entries[0]!;
    // Judge 3 already reads two other entries (in another panel's sense: loads count round-wide); judge 4 reads none.
    await prisma.assignment.updateMany({ where: { entryId: target.id, judgeId: s.judges[1]!.id }, data: { status: "RECUSED" } });
    const before = await pairsElsewhere(s.round.id, target.id);
    const result = await repairEntry({ contestId: s.contest.id, roundId: s.round.id, entryId: target.id, actorId: s.judges[1]!.id });
    expect(result).toMatchObject({ ok: true, short: 0 });
    const readers = (await activeOf(s.round.id, target.id)).map((a) => a.judgeId).sort();
    expect(readers).toHaveLength(3);
    expect(readers).not.toContain(s.judges[1]!.id);
    expect(readers.filter((id) => id === s.judges[3]!.id || id === s.judges[4]!.id)).toHaveLength(1);
    expect(await pairsElsewhere(s.round.id, target.id)).toEqual(before);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "assignment.repair" } });
    expect(JSON.parse(log.data)).toMatchObject({ roundId: s.round.id, short: 0 });
  });

  it("never picks a conflicted judge or one removed by hand, and reports what it cannot fill", async () => {
    const s = await setup(5, 1);
    const target = s.entries[0]!;
    await prisma.assignment.updateMany({ where: { entryId: target.id, judgeId: { in: [s.judges[0]!.id, s.judges[1]!.id] } }, data: { status: "RECUSED" } });
    await prisma.conflictOfInterest.create({
      data: { contestId: s.contest.id, judgeId: s.judges[3]!.id, entryId: target.id, source: "DETECTED", status: "PENDING", reason: "[]" },
    });
    await createTestAssignment(s.round.id, s.panel.id, target.id, s.judges[4]!.id, { status: "REMOVED", source: "MANUAL" });
    const result = await repairEntry({ contestId: s.contest.id, roundId: s.round.id, entryId: target.id, actorId: null });
    expect(result).toMatchObject({ ok: true, added: [], short: 2 });
    expect((await activeOf(s.round.id, target.id)).map((a) => a.judgeId)).toEqual([s.judges[2]!.id]);
  });

  it("respects a judge's cap in the panel", async () => {
    const s = await setup(4, 2);
    await prisma.panelJudge.updateMany({ where: { panelId: s.panel.id, userId: s.judges[3]!.id }, data: { maxLoad: 0 } });
    await prisma.assignment.updateMany({ where: { entryId: s.entries[0]!.id, judgeId: s.judges[0]!.id }, data: { status: "RECUSED" } });
    const result = await repairEntry({ contestId: s.contest.id, roundId: s.round.id, entryId: s.entries[0]!.id, actorId: null });
    expect(result).toMatchObject({ ok: true, added: [], short: 1 });
  });

  it("does nothing for an entry that already has k readers, and answers notFound for another contest", async () => {
    const s = await setup(4, 1);
    const other = await createTestContest();
    expect(await repairEntry({ contestId: s.contest.id, roundId: s.round.id, entryId: s.entries[0]!.id, actorId: null })).toEqual({ ok: true, added: [], short: 0 });
    expect(await repairEntry({ contestId: other.contest.id, roundId: s.round.id, entryId: s.entries[0]!.id, actorId: null })).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "assignment.repair" } })).toBe(0);
  });
});

describe("addExtraReader", () => {
  it("adds one extra reader outside k, then refuses once no judge is left", async () => {
    const s = await setup(4, 1);
    const target = s.entries[0]!;
    const first = await addExtraReader({ contestId: s.contest.id, roundId: s.round.id, entryId: target.id, actorId: s.judges[0]!.id });
    expect(first).toMatchObject({ ok: true, added: [{ judgeId: s.judges[3]!.id }] });
    expect((await activeOf(s.round.id, target.id)).find((a) => a.judgeId === s.judges[3]!.id)?.source).toBe("EXTRA_READER");
    const second = await addExtraReader({ contestId: s.contest.id, roundId: s.round.id, entryId: target.id, actorId: s.judges[0]!.id });
    expect(second).toEqual({ ok: false, status: "refused", error: "rounds:repair.noExtraReader" });
    expect(await prisma.assignment.count({ where: { entryId: target.id, status: "ACTIVE" } })).toBe(4);
    expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "assignment.extraReader" } })).toBe(1);
  });
});

/** A second panel with `entries` entries, all read by a judge seated on both panels (the shared judge). */
async function withSharedJudge(s: Awaited<ReturnType<typeof setup>>, entries: number) {
  const other = await createTestPanel(s.round.id, { name: "Tiểu ban 2" });
  const { user: shared } = await addContestMember(s.contest.id, "JUDGE", { name: "Giám khảo chung" });
  await seatJudge(s.panel.id, shared.id);
  await seatJudge(other.id, shared.id);
  const categoryId = (await prisma.category.findFirstOrThrow({ where: { contestId: s.contest.id } })).id;
  const elsewhere = await createTestEntries(s.contest.id, categoryId, entries);
  await placeEntries(s.round.id, other.id, elsewhere.map((e) => e.id));
  for (const e of elsewhere) await createTestAssignment(s.round.id, other.id, e.id, shared.id);
  return shared;
}

describe("repairEntry and shared judges", () => {
  it("takes first a judge seated on another panel who has no read yet in this one (linking the panels)", async () => {
    const s = await setup(5, 2);
    // The shared judge is busier in the round than judges 3 and 4, yet a read here links the panels.
    const shared = await withSharedJudge(s, 1);
    await prisma.assignment.updateMany({ where: { entryId: s.entries[0]!.id, judgeId: s.judges[0]!.id }, data: { status: "RECUSED" } });
    const result = await repairEntry({ contestId: s.contest.id, roundId: s.round.id, entryId: s.entries[0]!.id, actorId: null });
    expect(result).toMatchObject({ ok: true, added: [{ judgeId: shared.id }], short: 0 });
  });

  it("prefers the shared judge until their seat holds its linking target, then the least-loaded judge", async () => {
    // Panel 1: 8 entries, judges 0–4 and the shared judge; panel 2: 4 entries read by the shared
    // judge. k = 3: 36 reads over 6 judges (mean 6), so the shared judge's seats want ⌊6 / 2⌋ = 3.
    const s = await setup(5, 8);
    const shared = await withSharedJudge(s, 4);
    // One read here already: below the target of 3, so the shared judge (5 reads in the round) is
    // taken before judges 3 and 4 (none).
    await prisma.assignment.updateMany({ where: { entryId: s.entries[7]!.id, judgeId: s.judges[2]!.id }, data: { judgeId: shared.id } });
    const recuse = (entry: number, judge: number) =>
      prisma.assignment.updateMany({ where: { entryId: s.entries[entry]!.id, judgeId: s.judges[judge]!.id }, data: { status: "RECUSED" } });
    const repair = (entry: number) => repairEntry({ contestId: s.contest.id, roundId: s.round.id, entryId: s.entries[entry]!.id, actorId: null });
    await recuse(0, 0);
    expect(await repair(0)).toMatchObject({ ok: true, added: [{ judgeId: shared.id }] });
    await recuse(1, 0);
    expect(await repair(1)).toMatchObject({ ok: true, added: [{ judgeId: shared.id }] });
    // Now 3 reads here: the target is met, and the least-loaded judges come first.
    await recuse(2, 0);
    const third = await repair(2);
    expect(third).toMatchObject({ ok: true, short: 0 });
    if (!("added" in third)) throw new Error("expected a repair");
    expect([s.judges[3]!.id, s.judges[4]!.id]).toContain(third.added[0]!.judgeId);
  });
});
