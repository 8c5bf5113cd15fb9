// The chair's view and actions against a real database: who gets access, blindness of the view,
// extra readers (conflicts respected), resolutions unflagging, reopening only by the panel's chair.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import { getChairView, listChairedPanels, panelChairAccess, reopenScoresheet, requestExtraReader, resolveDisagreement, type ChairAccess } from "./chair.server";
import { countOpenDisagreements, roundDisagreements } from "./discrepancies.server";

const AUTHOR = "Phạm Thị Tác Giả Riêng";
const UNIT = "Trường Chính trị tỉnh Đặc Biệt";
const EMAIL = "tac-gia-rieng@example.vn";

async function submitSheet(assignmentId: string, rubricVersionId: string, total: number, submittedAt = new Date(Date.now() - 60_000)) {
  return prisma.scoresheet.create({ data: { assignmentId, rubricVersionId, status: "SUBMITTED", total, submittedAt } });
}

/**
 * A judging contest (blind), round k = 2 with spread threshold 10, panel P of judges 0..3 (0 chairs),
 * entries A (80 vs 60: flagged), B (75 vs 78), C (judge 0 has a draft, judge 1 submitted 50);
 * judges 0 and 1 read each entry. A second panel Q with its own chair.
 */
async function setup() {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"], rubric: true });
  const round = await createTestRound(contest.id, { readsPerEntry: 2, rubricVersionId });
  await prisma.round.update({ where: { id: round.id }, data: { spreadThreshold: 10 } });
  const panel = await createTestPanel(round.id, { name: "Tiểu ban Một" });
  const otherPanel = await createTestPanel(round.id, { name: "Tiểu ban Hai" });
  const judges = [];
  for (let j = 0; j < 4; j++) {
    const member = await addContestMember(contest.id, "JUDGE", { name: `Giám khảo ${j}` });
    await seatJudge(panel.id, member.user.id, { isChair: j === 0 });
    judges.push(member.user);
  }
  const otherChair = (await addContestMember(contest.id, "JUDGE", { name: "Trưởng tiểu ban Hai" })).user;
  await seatJudge(otherPanel.id, otherChair.id, { isChair: true });
  const entries = await createTestEntries(contest.id, categories[0]!.id, 3, { authors: () => [{ name: AUTHOR, unit: UNIT, email: EMAIL }] });
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  const [a, b, c] = entries as [(typeof entries)[0], (typeof entries)[0], (typeof entries)[0]];
  const pairs: Record<string, string> = {};
  for (const e of entries) for (const j of [0, 1]) pairs[`${e.id}:${j}`] = (await createTestAssignment(round.id, panel.id, e.id, judges[j]!.id)).id;
  const sheets = {
    a0: await submitSheet(pairs[`${a.id}:0`]!, rubricVersionId!, 80),
    a1: await submitSheet(pairs[`${a.id}:1`]!, rubricVersionId!, 60),
    b0: await submitSheet(pairs[`${b.id}:0`]!, rubricVersionId!, 75),
    b1: await submitSheet(pairs[`${b.id}:1`]!, rubricVersionId!, 78),
    c1: await submitSheet(pairs[`${c.id}:1`]!, rubricVersionId!, 50),
  };
  await prisma.scoresheet.create({ data: { assignmentId: pairs[`${c.id}:0`]!, rubricVersionId: rubricVersionId!, status: "DRAFT", total: 20 } });
  const chairAccess: ChairAccess = { panelId: panel.id, roundId: round.id, contestId: contest.id, isChair: true, isOrganizer: false };
  return { contest, organizerId, round, panel, otherPanel, judges, otherChair, entries: { a, b, c }, sheets, rubricVersionId: rubricVersionId!, chairAccess };
}

type Setup = Awaited<ReturnType<typeof setup>>;
let s: Setup;
beforeEach(async () => {
  s = await setup();
});

const who = (user: { id: string }) => ({ id: user.id, isAdmin: false, isOrganizer: false });

describe("panelChairAccess", () => {
  it("lets the panel's chair act and its contest's organizers look; nobody else", async () => {
    expect(await panelChairAccess(who(s.judges[0]!), s.panel.id)).toEqual(s.chairAccess);
    expect(await panelChairAccess(who({ id: s.organizerId }), s.panel.id)).toMatchObject({ isChair: false, isOrganizer: true });
    expect(await panelChairAccess(who(s.judges[1]!), s.panel.id)).toBeNull();
    expect(await panelChairAccess(who(s.otherChair), s.panel.id)).toBeNull();
    expect(await panelChairAccess(who(s.otherChair), s.otherPanel.id)).toMatchObject({ isChair: true });
    const secretary = (await addContestMember(s.contest.id, "SECRETARY")).user;
    expect(await panelChairAccess(who(secretary), s.panel.id)).toBeNull();
    const other = await createTestContest();
    expect(await panelChairAccess(who({ id: other.organizerId }), s.panel.id)).toBeNull();
    expect(await panelChairAccess(who(s.judges[0]!), "no-such-panel")).toBeNull();
  });

  it("forgets a chair whose judge membership was revoked", async () => {
    await prisma.contestMember.updateMany({ where: { contestId: s.contest.id, userId: s.judges[0]!.id }, data: { revokedAt: new Date() } });
    expect(await panelChairAccess(who(s.judges[0]!), s.panel.id)).toBeNull();
    expect(await listChairedPanels(s.judges[0]!.id)).toEqual([]);
  });
});

describe("getChairView", () => {
  it("shows progress, the matrix and the flagged entry by anonymous code only in a blind contest", async () => {
    const view = (await getChairView({ ...s.chairAccess, isOrganizer: true }, s.organizerId))!;
    expect(view.judges.map((j) => [j.name, j.assigned, j.notStarted, j.drafts, j.submitted])).toEqual([
      ["Giám khảo 0", 3, 0, 1, 2],
      ["Giám khảo 1", 3, 0, 0, 3],
      ["Giám khảo 2", 0, 0, 0, 0],
      ["Giám khảo 3", 0, 0, 0, 0],
    ]);
    expect(view.totals).toEqual({ assigned: 6, submitted: 5, drafts: 1, notStarted: 0 });
    const a = view.entries.find((e) => e.anonymousCode === s.entries.a.anonymousCode)!;
    expect(a).toMatchObject({ flagged: true, spread: 20, readers: 2, submitted: 2, entryCode: null, title: null });
    expect(a.cells.slice(0, 2).map((c) => (c.kind === "submitted" ? c.total : c.kind))).toEqual([80, 60]);
    expect(view.entries.filter((e) => e.flagged)).toHaveLength(1);
    expect(view.reminder).toMatchObject({ judges: 1, sheets: 1, nextAt: null });

    const text = JSON.stringify(view);
    for (const secret of [AUTHOR, UNIT, EMAIL, s.entries.a.title, s.entries.a.entryCode!, s.entries.b.entryCode!]) expect(text).not.toContain(secret);
  });

  it("names entries by code and title when the contest is not blind", async () => {
    await prisma.contest.update({ where: { id: s.contest.id }, data: { blind: false } });
    const view = (await getChairView(s.chairAccess, s.judges[0]!.id))!;
    expect(view.entries.map((e) => e.entryCode).sort()).toEqual([s.entries.a, s.entries.b, s.entries.c].map((e) => e.entryCode).sort());
    expect(JSON.stringify(view)).not.toContain(AUTHOR);
  });

  it("hides other judges' totals from a chair who has not submitted their own sheet of the entry", async () => {
    const view = (await getChairView(s.chairAccess, s.judges[0]!.id))!;
    const c = view.entries.find((e) => e.entryId === s.entries.c.id)!;
    expect(c.hidden).toBe(true);
    expect(c.cells.some((cell) => cell.kind === "submitted" && cell.total !== null)).toBe(false);
    // No number of the hidden sheet leaks under another name either (ids and codes are random, so
    // only the values are searched).
    const values = JSON.stringify(c, (key, value: unknown) => (["entryId", "anonymousCode", "scoresheetId"].includes(key) ? undefined : value));
    expect(values).not.toMatch(/\b50\b/);
    // The chair's own submitted entries show everything; the organizer sees all.
    expect(view.entries.find((e) => e.entryId === s.entries.a.id)!.hidden).toBe(false);
    const organizer = (await getChairView({ ...s.chairAccess, isChair: false, isOrganizer: true }, s.organizerId))!;
    expect(organizer.entries.find((e) => e.entryId === s.entries.c.id)!.hidden).toBe(false);
  });
});

describe("requestExtraReader", () => {
  it("never picks a judge in conflict with the entry, and writes nothing when nobody is left", async () => {
    for (const j of [2, 3]) {
      await prisma.conflictOfInterest.create({
        data: { contestId: s.contest.id, judgeId: s.judges[j]!.id, entryId: s.entries.a.id, source: "DECLARED", status: "CONFIRMED" },
      });
    }
    const before = await prisma.assignment.count({ where: { roundId: s.round.id } });
    const result = await requestExtraReader({ access: s.chairAccess, actorId: s.judges[0]!.id, entryId: s.entries.a.id, reason: "" });
    expect(result).toEqual({ ok: false, status: "refused", error: "rounds:repair.noExtraReader" });
    expect(await prisma.assignment.count({ where: { roundId: s.round.id } })).toBe(before);
    expect(await prisma.resolution.count({ where: { roundId: s.round.id } })).toBe(0);
  });

  it("adds a free judge as an extra reader with the chair's reason; the entry stays flagged", async () => {
    await prisma.conflictOfInterest.create({
      data: { contestId: s.contest.id, judgeId: s.judges[2]!.id, entryId: s.entries.a.id, source: "DETECTED", status: "PENDING" },
    });
    const result = await requestExtraReader({ access: s.chairAccess, actorId: s.judges[0]!.id, entryId: s.entries.a.id, reason: "Nhờ thêm ý kiến" });
    expect(result).toEqual({ ok: true, judgeName: "Giám khảo 3" });
    const added = await prisma.assignment.findFirstOrThrow({ where: { entryId: s.entries.a.id, judgeId: s.judges[3]!.id } });
    expect(added).toMatchObject({ status: "ACTIVE", source: "EXTRA_READER", panelId: s.panel.id });
    expect(await prisma.resolution.findMany({ where: { roundId: s.round.id }, select: { kind: true, reason: true, chairId: true } })).toEqual([
      { kind: "EXTRA_READER", reason: "Nhờ thêm ý kiến", chairId: s.judges[0]!.id },
    ]);
    expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "assignment.extraReader", actorId: s.judges[0]!.id } })).toBe(1);
    expect((await roundDisagreements(prisma, s.round.id))!.spreads.find((x) => x.entryId === s.entries.a.id)!.flagged).toBe(true);
  });

  it("refuses an entry that is not flagged, one of another panel, and the organizer", async () => {
    expect(await requestExtraReader({ access: s.chairAccess, actorId: s.judges[0]!.id, entryId: s.entries.b.id, reason: "" })).toEqual({
      ok: false,
      status: "refused",
      error: "chair:errors.notFlagged",
    });
    const otherAccess = { ...s.chairAccess, panelId: s.otherPanel.id };
    expect(await requestExtraReader({ access: otherAccess, actorId: s.otherChair.id, entryId: s.entries.a.id, reason: "" })).toEqual({ ok: false, status: "notFound" });
    const organizer = { ...s.chairAccess, isChair: false, isOrganizer: true };
    expect(await requestExtraReader({ access: organizer, actorId: s.organizerId, entryId: s.entries.a.id, reason: "" })).toEqual({ ok: false, status: "notFound" });
    expect(await prisma.resolution.count({ where: { roundId: s.round.id } })).toBe(0);
  });
});

describe("resolveDisagreement", () => {
  it("unflags the entry, once; a sheet submitted after it flags it again", async () => {
    expect(await countOpenDisagreements(prisma, s.contest.id)).toBe(1);
    const result = await resolveDisagreement({ access: s.chairAccess, actorId: s.judges[0]!.id, entryId: s.entries.a.id, reason: "Tiểu ban thống nhất giữ nguyên" });
    expect(result).toMatchObject({ ok: true });
    expect(await countOpenDisagreements(prisma, s.contest.id)).toBe(0);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "resolution.record" } });
    expect(JSON.parse(log.data)).toMatchObject({ reason: "Tiểu ban thống nhất giữ nguyên", totals: [80, 60], spread: 20, panelId: s.panel.id });
    const again = await resolveDisagreement({ access: s.chairAccess, actorId: s.judges[0]!.id, entryId: s.entries.a.id, reason: "Lần hai" });
    expect(again).toEqual({ ok: false, status: "refused", error: "chair:errors.notFlagged" });
    expect(await prisma.resolution.count({ where: { roundId: s.round.id } })).toBe(1);

    await prisma.scoresheet.update({ where: { id: s.sheets.a1.id }, data: { submittedAt: new Date(Date.now() + 60_000), total: 55 } });
    expect(await countOpenDisagreements(prisma, s.contest.id)).toBe(1);
  });

  it("refuses outside the judging phase, writing nothing", async () => {
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    const result = await resolveDisagreement({ access: s.chairAccess, actorId: s.judges[0]!.id, entryId: s.entries.a.id, reason: "x" });
    expect(result).toEqual({ ok: false, status: "refused", error: "chair:errors.notJudging" });
    expect(await prisma.resolution.count({ where: { roundId: s.round.id } })).toBe(0);
  });
});

describe("reopenScoresheet", () => {
  it("sends a submitted sheet back to its judge as a draft, logged with the reason", async () => {
    const result = await reopenScoresheet({ access: s.chairAccess, actorId: s.judges[0]!.id, scoresheetId: s.sheets.a1.id, version: 0, reason: "Cộng điểm sai" });
    expect(result).toEqual({ ok: true, judgeName: "Giám khảo 1" });
    const sheet = await prisma.scoresheet.findUniqueOrThrow({ where: { id: s.sheets.a1.id } });
    expect(sheet).toMatchObject({ status: "DRAFT", submittedAt: null, reopenedById: s.judges[0]!.id, reopenReason: "Cộng điểm sai", version: 1, total: 60 });
    expect(sheet.reopenedAt).toBeInstanceOf(Date);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "scoresheet.reopen" } });
    expect(log).toMatchObject({ actorId: s.judges[0]!.id, contestId: s.contest.id, targetId: s.sheets.a1.id });
    expect(JSON.parse(log.data)).toMatchObject({ reason: "Cộng điểm sai", before: { status: "SUBMITTED", total: 60, version: 0 }, after: { status: "DRAFT", version: 1 } });
    // The entry has one submitted total left: no longer flagged.
    expect(await countOpenDisagreements(prisma, s.contest.id)).toBe(0);
  });

  it("refuses a stale page, a sheet not submitted, another panel's chair and the organizer, writing nothing", async () => {
    const snapshot = () => prisma.scoresheet.findMany({ where: { assignment: { roundId: s.round.id } }, orderBy: { id: "asc" } });
    const before = await snapshot();
    const base = { actorId: s.judges[0]!.id, reason: "Lý do" };
    expect(await reopenScoresheet({ ...base, access: s.chairAccess, scoresheetId: s.sheets.a1.id, version: 3 })).toEqual({ ok: false, status: "changedMeanwhile" });
    const draft = await prisma.scoresheet.findFirstOrThrow({ where: { status: "DRAFT", assignment: { roundId: s.round.id } } });
    expect(await reopenScoresheet({ ...base, access: s.chairAccess, scoresheetId: draft.id, version: 0 })).toEqual({ ok: false, status: "refused", error: "chair:errors.notSubmitted" });
    const otherAccess = { ...s.chairAccess, panelId: s.otherPanel.id };
    expect(await reopenScoresheet({ ...base, actorId: s.otherChair.id, access: otherAccess, scoresheetId: s.sheets.a1.id, version: 0 })).toEqual({ ok: false, status: "notFound" });
    // A judge of the panel who does not chair it, even holding a forged access.
    expect(await reopenScoresheet({ ...base, actorId: s.judges[1]!.id, access: s.chairAccess, scoresheetId: s.sheets.a0.id, version: 0 })).toEqual({ ok: false, status: "notFound" });
    const organizer = { ...s.chairAccess, isChair: false, isOrganizer: true };
    expect(await reopenScoresheet({ ...base, actorId: s.organizerId, access: organizer, scoresheetId: s.sheets.a1.id, version: 0 })).toEqual({ ok: false, status: "notFound" });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "scoresheet.reopen" } })).toBe(0);
  });
});

describe("listChairedPanels", () => {
  it("lists the panels a judge chairs with their progress", async () => {
    expect(await listChairedPanels(s.judges[0]!.id)).toMatchObject([{ panelId: s.panel.id, name: "Tiểu ban Một", assigned: 6, submitted: 5 }]);
    expect(await listChairedPanels(s.judges[1]!.id)).toEqual([]);
    expect(await listChairedPanels((await createTestUser()).id)).toEqual([]);
  });
});
