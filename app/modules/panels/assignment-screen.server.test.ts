import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, scoreAssignment, seatJudge } from "#tests/factories/rounds";
import { applyRoundAssignment, CHANGES_PAGE_SIZE, getAssignmentScreen } from "./assignment-screen.server";

/** A round (k = 2) with one panel of `judges` judges and `entries` entries on it. */
async function setup(judges: number, entries: number) {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ categories: ["Cán bộ"], rubric: true });
  const round = await createTestRound(contest.id, { name: "Sơ khảo", readsPerEntry: 2, rubricVersionId });
  const panel = await createTestPanel(round.id, { name: "Tiểu ban 1" });
  const people = [];
  for (let i = 0; i < judges; i++) {
    const { user } = await addContestMember(contest.id, "JUDGE", { name: `Giám khảo ${i + 1}` });
    await seatJudge(panel.id, user.id);
    people.push(user);
  }
  const list = await createTestEntries(contest.id, categories[0]!.id, entries);
  await placeEntries(round.id, panel.id, list.map((e) => e.id));
  return { contest, organizerId, round, panel, judges: people, entries: list, rubricVersionId: rubricVersionId! };
}

describe("getAssignmentScreen", () => {
  it("pages the changes of a preview and keeps their total, without writing", async () => {
    const s = await setup(3, 30); // 60 reads to add
    const first = (await getAssignmentScreen({ contestId: s.contest.id, roundId: s.round.id, previewSeed: 1 }))!;
    const preview = first.preview!;
    if (!preview.ok) throw new Error("expected a preview");
    expect(preview).toMatchObject({ added: 60, removed: 0, kept: 0 });
    expect(preview.changes).toMatchObject({ page: 1, pages: 2, total: 60 });
    expect(preview.changes.rows).toHaveLength(CHANGES_PAGE_SIZE);
    const second = (await getAssignmentScreen({ contestId: s.contest.id, roundId: s.round.id, previewSeed: 1, changesPage: 9 }))!.preview!;
    if (!second.ok) throw new Error("expected a preview");
    expect(second.changes.page).toBe(2);
    expect(second.changes.rows).toHaveLength(60 - CHANGES_PAGE_SIZE);
    const codes = [...preview.changes.rows, ...second.changes.rows].map((r) => r.entryCode);
    expect(codes).toEqual([...codes].sort((a, b) => (a ?? "").localeCompare(b ?? "", "vi", { numeric: true })));
    expect(await prisma.assignment.count({ where: { roundId: s.round.id } })).toBe(0);
  });

  it("names the entries that cannot be covered, with the reason and the judges free of conflict", async () => {
    const s = await setup(2, 2);
    await prisma.conflictOfInterest.create({
      data: { contestId: s.contest.id, judgeId: s.judges[0]!.id, entryId: s.entries[0]!.id, source: "DECLARED", status: "CONFIRMED" },
    });
    const preview = (await getAssignmentScreen({ contestId: s.contest.id, roundId: s.round.id, previewSeed: 1 }))!.preview!;
    if (preview.ok) throw new Error("expected the round to be infeasible");
    expect(preview.uncoveredCount).toBe(1);
    expect(preview.uncovered).toEqual([
      expect.objectContaining({ entryCode: s.entries[0]!.entryCode, title: s.entries[0]!.title, panelName: "Tiểu ban 1", reason: "too-few-eligible-judges", eligibleJudges: 1 }),
    ]);
  });

  it("lists a scored pair that would have to go as blocked, and the apply refuses it, writing nothing", async () => {
    const s = await setup(3, 1);
    const rows = [];
    for (const j of s.judges.slice(0, 2)) rows.push(await createTestAssignment(s.round.id, s.panel.id, s.entries[0]!.id, j.id));
    await scoreAssignment(rows[0]!.id, s.rubricVersionId, { submitted: true });
    // A conflict found after the judge scored: the pair is no longer valid.
    await prisma.conflictOfInterest.create({
      data: { contestId: s.contest.id, judgeId: s.judges[0]!.id, entryId: s.entries[0]!.id, source: "DETECTED", status: "PENDING" },
    });
    const preview = (await getAssignmentScreen({ contestId: s.contest.id, roundId: s.round.id, previewSeed: 1 }))!.preview!;
    if (!preview.ok) throw new Error("expected a preview");
    expect(preview.blockedCount).toBe(1);
    expect(preview.blocked[0]).toMatchObject({ judgeId: s.judges[0]!.id, entryId: s.entries[0]!.id, kind: "removed" });
    expect(preview.changes.rows.find((r) => r.kind === "removed")).toMatchObject({ blocked: true });

    const before = await prisma.assignment.findMany({ where: { roundId: s.round.id }, orderBy: { id: "asc" } });
    const applied = await applyRoundAssignment({ contestId: s.contest.id, roundId: s.round.id, seed: 1, fingerprint: preview.fingerprint, actorId: s.organizerId });
    expect(applied).toEqual({ ok: false, status: "refused", error: 'rounds:errors.assignmentScored|{"count":1}' });
    expect(await prisma.assignment.findMany({ where: { roundId: s.round.id }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("does not show or apply a round through another contest", async () => {
    const s = await setup(2, 1);
    const other = await createTestContest();
    expect(await getAssignmentScreen({ contestId: other.contest.id, roundId: s.round.id, previewSeed: 1 })).toBeNull();
    const preview = (await getAssignmentScreen({ contestId: s.contest.id, roundId: s.round.id, previewSeed: 1 }))!.preview!;
    if (!preview.ok) throw new Error("expected a preview");
    const applied = await applyRoundAssignment({ contestId: other.contest.id, roundId: s.round.id, seed: 1, fingerprint: preview.fingerprint, actorId: other.organizerId });
    expect(applied).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.assignment.count({ where: { roundId: s.round.id } })).toBe(0);
  });
});
