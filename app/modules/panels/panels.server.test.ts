import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, scoreAssignment, seatJudge } from "#tests/factories/rounds";
import {
  addPanelJudge,
  createPanel,
  defaultPanelName,
  deletePanel,
  getRoundPage,
  panelRevision,
  removePanelJudge,
  setPanelChair,
  setPanelJudgeCap,
  updatePanel,
} from "./panels.server";

async function setup() {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ categories: ["Cán bộ", "Sinh viên"], rubric: true });
  const round = await createTestRound(contest.id, { name: "Sơ khảo", rubricVersionId });
  const judges = [];
  for (const name of ["Bùi Văn An", "Đặng Thị Bình", "Dương Văn Chính"]) judges.push((await addContestMember(contest.id, "JUDGE", { name })).user);
  return { contest, organizerId, categories, round, judges, rubricVersionId: rubricVersionId! };
}

async function audits(contestId: string, action: string) {
  const rows = await prisma.auditLog.findMany({ where: { contestId, action }, orderBy: { id: "asc" } });
  return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
}

const scope = (s: { contest: { id: string }; round: { id: string } }, panelId: string) => ({ contestId: s.contest.id, roundId: s.round.id, panelId });

describe("panels", () => {
  it("creates a panel of a category or of the even split, logged, and refuses a taken name or a foreign category", async () => {
    const s = await setup();
    const other = await createTestContest({ categories: ["Khác"] });
    const a = await createPanel({ contestId: s.contest.id, roundId: s.round.id, name: "Tiểu ban 1", categoryId: s.categories[0]!.id, actorId: s.organizerId });
    const b = await createPanel({ contestId: s.contest.id, roundId: s.round.id, name: "Tiểu ban 2", categoryId: null, actorId: s.organizerId });
    expect(a.ok && b.ok).toBe(true);
    expect((await prisma.panel.findMany({ where: { roundId: s.round.id }, orderBy: { name: "asc" } })).map((p) => [p.name, p.categoryId])).toEqual([
      ["Tiểu ban 1", s.categories[0]!.id],
      ["Tiểu ban 2", null],
    ]);
    expect(await audits(s.contest.id, "panel.create")).toEqual([
      { roundId: s.round.id, after: { name: "Tiểu ban 1", categoryId: s.categories[0]!.id } },
      { roundId: s.round.id, after: { name: "Tiểu ban 2", categoryId: null } },
    ]);

    const refused = await createPanel({ contestId: s.contest.id, roundId: s.round.id, name: "tiểu ban 1", categoryId: other.categories[0]!.id, actorId: s.organizerId });
    expect(refused).toEqual({ ok: false, status: "invalid", fieldErrors: { name: ["rounds:errors.panelNameTaken"], categoryId: ["rounds:errors.categoryUnknown"] } });
    expect(await prisma.panel.count({ where: { roundId: s.round.id } })).toBe(2);
    // A round of another contest is not found through this one.
    const otherRound = await createTestRound(other.contest.id);
    expect(await createPanel({ contestId: s.contest.id, roundId: otherRound.id, name: "X", categoryId: null, actorId: s.organizerId })).toEqual({ ok: false, status: "notFound" });
  });

  it("renames a panel from a fresh form, refuses a stale one, and keeps the category while assignments are active", async () => {
    const s = await setup();
    const panel = await createTestPanel(s.round.id, { name: "Tiểu ban 1" });
    const revision = panelRevision(panel);
    expect(await updatePanel({ ...scope(s, panel.id), name: "Tiểu ban A", categoryId: null, revision, actorId: s.organizerId })).toEqual({ ok: true, changed: true });
    expect(await audits(s.contest.id, "panel.update")).toEqual([{ roundId: s.round.id, before: { name: "Tiểu ban 1", categoryId: null }, after: { name: "Tiểu ban A", categoryId: null } }]);
    expect(await updatePanel({ ...scope(s, panel.id), name: "Tiểu ban B", categoryId: null, revision, actorId: s.organizerId })).toEqual({ ok: false, status: "changedMeanwhile" });

    const [entry] = await createTestEntries(s.contest.id, s.categories[0]!.id, 1);
    await seatJudge(panel.id, s.judges[0]!.id);
    await placeEntries(s.round.id, panel.id, [entry!.id]);
    await createTestAssignment(s.round.id, panel.id, entry!.id, s.judges[0]!.id);
    const fresh = panelRevision({ name: "Tiểu ban A", categoryId: null });
    const refused = await updatePanel({ ...scope(s, panel.id), name: "Tiểu ban A", categoryId: s.categories[0]!.id, revision: fresh, actorId: s.organizerId });
    expect(refused).toEqual({ ok: false, status: "invalid", fieldErrors: { categoryId: ["rounds:errors.categoryFixedByAssignments"] } });
    expect(await prisma.panel.findUniqueOrThrow({ where: { id: panel.id } })).toMatchObject({ name: "Tiểu ban A", categoryId: null });
  });

  it("deletes a panel without assignments (its entries lose their panel) and refuses one with a removed assignment", async () => {
    const s = await setup();
    const empty = await createTestPanel(s.round.id, { name: "Trống" });
    const used = await createTestPanel(s.round.id, { name: "Đã phân công" });
    const [e1, e2] = await createTestEntries(s.contest.id, s.categories[0]!.id, 2);
    await placeEntries(s.round.id, empty.id, [e1!.id]);
    await placeEntries(s.round.id, used.id, [e2!.id]);
    await seatJudge(used.id, s.judges[0]!.id);
    await createTestAssignment(s.round.id, used.id, e2!.id, s.judges[0]!.id, { status: "REMOVED" });

    expect(await deletePanel({ ...scope(s, empty.id), actorId: s.organizerId })).toEqual({ ok: true, name: "Trống" });
    expect(await prisma.roundEntry.findFirstOrThrow({ where: { entryId: e1!.id } })).toMatchObject({ panelId: null });
    expect(await audits(s.contest.id, "panel.delete")).toEqual([{ roundId: s.round.id, before: { name: "Trống", categoryId: null, judges: [] }, entries: 1 }]);

    expect(await deletePanel({ ...scope(s, used.id), actorId: s.organizerId })).toEqual({ ok: false, status: "refused", error: "rounds:errors.panelHasAssignments" });
    expect(await prisma.panel.count({ where: { id: used.id } })).toBe(1);
  });

  it("does not find a panel through another round", async () => {
    const s = await setup();
    const otherRound = await createTestRound(s.contest.id, { name: "Chung khảo" });
    const panel = await createTestPanel(otherRound.id);
    expect(await deletePanel({ ...scope(s, panel.id), actorId: s.organizerId })).toEqual({ ok: false, status: "notFound" });
    expect(await addPanelJudge({ ...scope(s, panel.id), userId: s.judges[0]!.id, maxLoad: null, actorId: s.organizerId })).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.panel.count({ where: { id: panel.id } })).toBe(1);
    expect(await prisma.panelJudge.count({ where: { panelId: panel.id } })).toBe(0);
  });
});

describe("seats", () => {
  it("seats the contest's judges (one judge on several panels), refusing others and a second seat", async () => {
    const s = await setup();
    const p1 = await createTestPanel(s.round.id);
    const p2 = await createTestPanel(s.round.id);
    const { user: secretary } = await addContestMember(s.contest.id, "SECRETARY");
    const revoked = (await addContestMember(s.contest.id, "JUDGE")).user;
    await prisma.contestMember.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    const otherJudge = (await addContestMember((await createTestContest()).contest.id, "JUDGE")).user;

    const judge = s.judges[0]!;
    expect(await addPanelJudge({ ...scope(s, p1.id), userId: judge.id, maxLoad: 20, actorId: s.organizerId })).toEqual({ ok: true, name: judge.name });
    expect(await addPanelJudge({ ...scope(s, p2.id), userId: judge.id, maxLoad: null, actorId: s.organizerId })).toEqual({ ok: true, name: judge.name });
    expect(await prisma.panelJudge.findMany({ where: { userId: judge.id }, orderBy: { maxLoad: "asc" }, select: { panelId: true, maxLoad: true } })).toEqual(
      expect.arrayContaining([
        { panelId: p1.id, maxLoad: 20 },
        { panelId: p2.id, maxLoad: null },
      ]),
    );
    expect((await audits(s.contest.id, "panel.addJudge"))[0]).toEqual({ roundId: s.round.id, judgeId: judge.id, after: { maxLoad: 20 } });

    for (const userId of [secretary.id, revoked.id, otherJudge.id]) {
      expect(await addPanelJudge({ ...scope(s, p1.id), userId, maxLoad: null, actorId: s.organizerId })).toEqual({ ok: false, status: "invalid", fieldErrors: { userId: ["rounds:errors.notAJudge"] } });
    }
    expect(await addPanelJudge({ ...scope(s, p1.id), userId: judge.id, maxLoad: null, actorId: s.organizerId })).toEqual({ ok: false, status: "invalid", fieldErrors: { userId: ["rounds:errors.alreadySeated"] } });
    expect(await prisma.panelJudge.count({ where: { panelId: p1.id } })).toBe(1);
  });

  it("keeps one chair per panel and logs who it was before", async () => {
    const s = await setup();
    const panel = await createTestPanel(s.round.id);
    const [a, b] = s.judges;
    await seatJudge(panel.id, a!.id, { isChair: true });
    await seatJudge(panel.id, b!.id);
    expect(await setPanelChair({ ...scope(s, panel.id), userId: b!.id, actorId: s.organizerId })).toEqual({ ok: true, name: b!.name });
    expect(await prisma.panelJudge.findMany({ where: { panelId: panel.id, isChair: true }, select: { userId: true } })).toEqual([{ userId: b!.id }]);
    expect(await audits(s.contest.id, "panel.setChair")).toEqual([{ roundId: s.round.id, before: { chairId: a!.id }, after: { chairId: b!.id } }]);
    // A judge who is not seated (any more) cannot be made chair: the page was stale.
    expect(await setPanelChair({ ...scope(s, panel.id), userId: s.judges[2]!.id, actorId: s.organizerId })).toEqual({ ok: false, status: "changedMeanwhile" });
  });

  it("sets and clears a judge's cap, logged", async () => {
    const s = await setup();
    const panel = await createTestPanel(s.round.id);
    await seatJudge(panel.id, s.judges[0]!.id, { maxLoad: 10 });
    expect(await setPanelJudgeCap({ ...scope(s, panel.id), userId: s.judges[0]!.id, maxLoad: null, actorId: s.organizerId })).toEqual({ ok: true, name: s.judges[0]!.name, changed: true });
    expect(await prisma.panelJudge.findFirstOrThrow({ where: { panelId: panel.id } })).toMatchObject({ maxLoad: null });
    expect(await audits(s.contest.id, "panel.updateJudge")).toEqual([{ roundId: s.round.id, judgeId: s.judges[0]!.id, before: { maxLoad: 10 }, after: { maxLoad: null } }]);
  });

  it("lets a judge drop out, keeping their assignments for the next run to move, but not while they hold a score there", async () => {
    const s = await setup();
    const panel = await createTestPanel(s.round.id);
    const [a, b] = s.judges;
    await seatJudge(panel.id, a!.id, { isChair: true });
    await seatJudge(panel.id, b!.id);
    const [e1, e2] = await createTestEntries(s.contest.id, s.categories[0]!.id, 2);
    await placeEntries(s.round.id, panel.id, [e1!.id, e2!.id]);
    await createTestAssignment(s.round.id, panel.id, e1!.id, a!.id);
    await createTestAssignment(s.round.id, panel.id, e2!.id, a!.id);
    const scored = await createTestAssignment(s.round.id, panel.id, e1!.id, b!.id);
    await scoreAssignment(scored.id, s.rubricVersionId);

    expect(await removePanelJudge({ ...scope(s, panel.id), userId: b!.id, actorId: s.organizerId })).toEqual({
      ok: false,
      status: "refused",
      error: 'rounds:errors.judgeHasScores|{"count":1}',
    });
    expect(await prisma.panelJudge.count({ where: { panelId: panel.id, userId: b!.id } })).toBe(1);

    expect(await removePanelJudge({ ...scope(s, panel.id), userId: a!.id, actorId: s.organizerId })).toEqual({ ok: true, name: a!.name, activePairs: 2 });
    expect(await prisma.panelJudge.count({ where: { panelId: panel.id, userId: a!.id } })).toBe(0);
    expect(await prisma.assignment.count({ where: { judgeId: a!.id, status: "ACTIVE" } })).toBe(2);
    expect(await audits(s.contest.id, "panel.removeJudge")).toEqual([{ roundId: s.round.id, judgeId: a!.id, before: { isChair: true, maxLoad: null }, activePairs: 2 }]);
  });
});

describe("getRoundPage", () => {
  it("shows the panels by name with their seats and counts, the judges and where the entries stand", async () => {
    const s = await setup();
    const p2 = await createTestPanel(s.round.id, { name: "Tiểu ban Đ" });
    const p1 = await createTestPanel(s.round.id, { name: "Tiểu ban D", categoryId: s.categories[1]!.id });
    await seatJudge(p1.id, s.judges[1]!.id, { isChair: true, maxLoad: 5 });
    await seatJudge(p1.id, s.judges[0]!.id);
    const entries = await createTestEntries(s.contest.id, s.categories[0]!.id, 3);
    await createTestEntries(s.contest.id, s.categories[0]!.id, 1, { status: "SUBMITTED" });
    await placeEntries(s.round.id, p1.id, [entries[0]!.id]);
    await placeEntries(s.round.id, null, [entries[1]!.id]);
    await createTestAssignment(s.round.id, p1.id, entries[0]!.id, s.judges[0]!.id);

    const page = (await getRoundPage(s.contest.id, s.round.id))!;
    expect(page.panels.map((p) => [p.name, p.categoryName, p.entries, p.assignments])).toEqual([
      ["Tiểu ban D", "Sinh viên", 1, 1],
      ["Tiểu ban Đ", null, 0, 0],
    ]);
    expect(page.panels[0]!.judges.map((j) => [j.name, j.isChair, j.maxLoad, j.activePairs])).toEqual([
      ["Bùi Văn An", false, null, 1],
      ["Đặng Thị Bình", true, 5, 0],
    ]);
    expect(page.judges.map((j) => j.name)).toEqual(["Bùi Văn An", "Dương Văn Chính", "Đặng Thị Bình"]);
    expect(page.distribution).toEqual({ entrySet: 3, onPanels: 1, withoutPanel: 1 });
    expect(page.panels.find((p) => p.id === p2.id)!.revision).toBe(panelRevision(p2));
    expect(page.newPanelName).toBe("Tiểu ban 3");
    expect(await getRoundPage((await createTestContest()).contest.id, s.round.id)).toBeNull();
  });

  it("offers a new panel a free name in the contest's language, whoever reads the page", async () => {
    const s = await setup();
    expect((await getRoundPage(s.contest.id, s.round.id))!.newPanelName).toBe("Tiểu ban 1");
    const first = await createPanel({ contestId: s.contest.id, roundId: s.round.id, name: "Tiểu ban 1", categoryId: null, actorId: s.organizerId });
    await createPanel({ contestId: s.contest.id, roundId: s.round.id, name: "Tiểu ban 2", categoryId: null, actorId: s.organizerId });
    expect(first.ok).toBe(true);
    // With "Tiểu ban 1" deleted, one panel is left, and "Tiểu ban 2" is taken: the offer is one that can be created.
    await deletePanel({ ...scope(s, first.ok ? first.panelId : ""), actorId: s.organizerId });
    const offered = (await getRoundPage(s.contest.id, s.round.id))!.newPanelName;
    expect(offered).toBe("Tiểu ban 3");
    expect((await createPanel({ contestId: s.contest.id, roundId: s.round.id, name: offered, categoryId: null, actorId: s.organizerId })).ok).toBe(true);

    await prisma.contest.update({ where: { id: s.contest.id }, data: { locale: "en" } });
    expect((await getRoundPage(s.contest.id, s.round.id))!.newPanelName).toBe("Panel 3");
  });
});

describe("defaultPanelName", () => {
  it("counts on from the panels there are and skips a taken name in any case", () => {
    expect(defaultPanelName("vi", [])).toBe("Tiểu ban 1");
    expect(defaultPanelName("vi", ["Tiểu ban A"])).toBe("Tiểu ban 2");
    expect(defaultPanelName("vi", ["tiểu ban 2"])).toBe("Tiểu ban 3");
    expect(defaultPanelName("vi", ["Tiểu ban 2", "Tiểu ban 3"])).toBe("Tiểu ban 4");
    expect(defaultPanelName("en", ["Panel 1"])).toBe("Panel 2");
    expect(defaultPanelName("xx", [])).toBe("Tiểu ban 1");
  });
});
