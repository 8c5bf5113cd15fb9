// The judge's scoring through the real database: the desk, opening a sheet, drafts with
// optimistic versioning, submission and locking, reopened sheets, the deadline, the visibility of
// other judges' scores, recusal with its repair, and scoping by the judge's id.
import { describe, expect, it } from "vitest";
import { getJudgeArea } from "#app/modules/panels/judges.server";
import { prisma } from "#app/utils/db.server";
import { createScoringContest, fullScores } from "#tests/factories/scoring";
import type { ScoresheetForm } from "./scoresheet.schema";
import { getJudgeDesk, openScoresheet, recuseAssignment, saveScoresheet } from "./scoresheets.server";
import { parseCriterionPoints, scoresheetTotal } from "./total";

const form = (expectedVersion: number, scores: Record<string, string>, extra: Partial<ScoresheetForm> = {}): ScoresheetForm => ({
  intent: "save",
  expectedVersion,
  scores,
  privateNote: "",
  feedback: "",
  ...extra,
});

async function rowsOf(assignmentId: string) {
  return {
    sheet: await prisma.scoresheet.findUnique({ where: { assignmentId }, include: { scores: { orderBy: { criterionId: "asc" } } } }),
    audit: await prisma.auditLog.count(),
  };
}

/** What a stored sheet's summary says, and what its Score rows say: rankings read the first instead of the second. */
async function summaryAndScores(assignmentId: string) {
  const sheet = await prisma.scoresheet.findUniqueOrThrow({ where: { assignmentId }, include: { scores: { include: { criterion: true } } } });
  return {
    summary: { topMarks: sheet.topMarks, points: sheet.criterionPoints === null ? null : parseCriterionPoints(sheet.criterionPoints) },
    scores: { topMarks: sheet.scores.filter((x) => x.points >= x.criterion.maxPoints).length, points: Object.fromEntries(sheet.scores.map((x) => [x.criterionId, x.points])) },
  };
}

describe("the desk", () => {
  it("lists the judge's panel with its entries by anonymous code, masked titles, states, progress and the next entry", async () => {
    const s = await createScoringContest({ entries: 3, authors: (i) => [{ name: `Phạm Thị Riêng Tư ${i}`, unit: "Trường THPT Lý Thường Kiệt" }] });
    await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: "Bài của Phạm Thị Riêng Tư 0 về tư tưởng" } });
    const [c0] = s.criteria;
    const first = s.assignment(0, 0);
    expect(await saveScoresheet({ judgeId: s.judges[0]!.user.id, assignmentId: first.id, form: form(0, { [c0!.id]: "20" }) })).toMatchObject({ ok: true });
    const second = s.assignment(1, 0);
    await saveScoresheet({ judgeId: s.judges[0]!.user.id, assignmentId: second.id, form: form(0, fullScores(s.criteria), { intent: "submit" }) });

    const desk = await getJudgeDesk(s.judges[0]!.user.id);
    expect(desk.contests).toHaveLength(1);
    const [round] = desk.contests[0]!.rounds;
    expect(round).toMatchObject({ name: "Sơ khảo", deadline: null, deadlinePassed: false });
    const [panel] = round!.panels;
    expect(panel).toMatchObject({ name: "Tiểu ban 1", isChair: true, counts: { assigned: 3, submitted: 1, draft: 1, notStarted: 1, onHold: 0 } });
    const codes = s.entries.map((e) => e.anonymousCode!);
    expect(panel!.items.map((i) => i.anonymousCode)).toEqual([...codes].sort((a, b) => a.localeCompare(b, "vi", { numeric: true })));
    const byEntry = (i: number) => panel!.items.find((it) => it.anonymousCode === codes[i])!;
    expect(byEntry(0)).toMatchObject({ state: "draft", title: "Bài của [đã che] về tư tưởng", category: "Cán bộ, đảng viên", canRecuse: true });
    expect(byEntry(1)).toMatchObject({ state: "submitted", canRecuse: false });
    expect(byEntry(2)).toMatchObject({ state: "notStarted" });
    // The draft comes before an entry not started.
    expect(panel!.next).toEqual({ assignmentId: first.id, anonymousCode: codes[0] });
    expect(desk.next).toMatchObject({ assignmentId: first.id, round: "Sơ khảo", panel: "Tiểu ban 1" });
    const text = JSON.stringify(desk);
    expect(text).not.toContain("Phạm Thị Riêng Tư");
    expect(text).not.toContain("Lý Thường Kiệt");
    for (const e of s.entries) expect(text).not.toContain(e.entryCode!);
  });

  it("shows another judge nothing of entries they are not assigned, holds conflicted ones, and hides assignments before judging", async () => {
    const s = await createScoringContest({ judges: 3, entries: 2, readsPerEntry: 2 });
    const third = await getJudgeDesk(s.judges[2]!.user.id);
    expect(third.contests[0]!.rounds[0]!.panels[0]!.items).toEqual([]);
    expect(third.next).toBeNull();

    await prisma.conflictOfInterest.create({
      data: { contestId: s.contest.id, judgeId: s.judges[1]!.user.id, entryId: s.entries[0]!.id, source: "DETECTED", status: "PENDING", reason: "[]" },
    });
    const held = (await getJudgeDesk(s.judges[1]!.user.id)).contests[0]!.rounds[0]!.panels[0]!;
    const item = held.items.find((i) => i.anonymousCode === s.entries[0]!.anonymousCode)!;
    expect(item).toMatchObject({ state: "onHold", title: null, canRecuse: false });
    expect(held.counts).toMatchObject({ assigned: 1, onHold: 1 });
    expect(held.next?.anonymousCode).toBe(s.entries[1]!.anonymousCode);

    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "CLOSED" } });
    const closed = await getJudgeDesk(s.judges[0]!.user.id);
    expect(closed.contests[0]).toMatchObject({ judging: false, rounds: [] });
    expect(closed.next).toBeNull();
  });

  it("offers no next entry once the round's deadline has passed", async () => {
    const s = await createScoringContest({ judgingDeadline: new Date(Date.now() - 60_000) });
    const desk = await getJudgeDesk(s.judges[0]!.user.id);
    expect(desk.contests[0]!.rounds[0]).toMatchObject({ deadlinePassed: true });
    expect(desk.next).toBeNull();
  });
});

describe("opening a sheet", () => {
  it("gives the masked text, the category and the rubric, and writes nothing", async () => {
    const s = await createScoringContest({ authors: () => [{ name: "Hoàng Văn Đặc Biệt", unit: "Sở Nội vụ tỉnh Hà Giang", phone: "0912 345 678" }] });
    const a = s.assignment(0, 0);
    const before = await rowsOf(a.id);
    const opened = (await openScoresheet(s.judges[0]!.user.id, a.id))!;
    expect(opened.entry.reading!.text).toContain("[đã che]");
    expect(opened.entry.reading!.text).not.toContain("Đặc Biệt");
    expect(opened.entry).toMatchObject({ anonymousCode: s.entries[0]!.anonymousCode, category: "Cán bộ, đảng viên" });
    expect(opened.criteria.map((c) => c.maxPoints)).toEqual([25, 25, 20, 20, 10]);
    expect(opened.criteria[0]!.levels.length).toBeGreaterThan(0);
    expect(opened.sheet).toMatchObject({ version: 0, status: null, points: {} });
    expect(opened.access).toEqual({ write: true });
    expect(JSON.stringify(opened)).not.toContain(s.entries[0]!.entryCode!);
    expect(await rowsOf(a.id)).toEqual(before);
  });

  it("is not found for another judge's assignment, a judge of another panel, or a recused pair", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    expect(await openScoresheet(s.judges[1]!.user.id, a.id)).toBeNull();
    const other = await createScoringContest();
    expect(await openScoresheet(other.judges[0]!.user.id, a.id)).toBeNull();
    await prisma.assignment.update({ where: { id: a.id }, data: { status: "RECUSED" } });
    expect(await openScoresheet(s.judges[0]!.user.id, a.id)).toBeNull();
  });
});

describe("drafts", () => {
  it("keeps a partial draft, stores the total computed by total.ts and reads '7,5' and '7.5' alike", async () => {
    const s = await createScoringContest();
    // A weight makes the total something else than the sum: the stored number must be total.ts's.
    await prisma.criterion.update({ where: { id: s.criteria[0]!.id }, data: { weight: 2 } });
    const criteria = await prisma.criterion.findMany({ where: { rubricVersionId: s.rubricVersionId }, orderBy: { position: "asc" } });
    const a = s.assignment(0, 0);
    const judgeId = s.judges[0]!.user.id;
    const saved = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [criteria[0]!.id]: "7,5", [criteria[1]!.id]: "12.5" }, { privateNote: "Lập luận tốt" }) });
    expect(saved).toMatchObject({ ok: true, status: "saved", sheet: { version: 1, status: "DRAFT", points: { [criteria[0]!.id]: 7.5, [criteria[1]!.id]: 12.5 } } });
    const row = (await rowsOf(a.id)).sheet!;
    expect(row.total).toBe(scoresheetTotal(criteria, { [criteria[0]!.id]: 7.5, [criteria[1]!.id]: 12.5 }));
    expect(row.total).not.toBe(20);
    expect(row).toMatchObject({ status: "DRAFT", version: 1, privateNote: "Lập luận tốt", rubricVersionId: s.rubricVersionId });

    // Clearing a box removes its score.
    const cleared = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, { [criteria[0]!.id]: "7,5", [criteria[1]!.id]: "" }, { privateNote: "Lập luận tốt" }) });
    expect(cleared).toMatchObject({ ok: true, sheet: { version: 2, points: { [criteria[0]!.id]: 7.5 } } });
    expect((await rowsOf(a.id)).sheet!.scores).toHaveLength(1);
    const stored = await summaryAndScores(a.id);
    expect(stored.summary).toEqual(stored.scores);
    expect(stored.summary).toEqual({ topMarks: 0, points: { [criteria[0]!.id]: 7.5 } });
  });

  it("refuses scores out of bounds or off the step with field errors, writing nothing", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    const before = await rowsOf(a.id);
    const [c0, c1, c2] = s.criteria;
    const result = await saveScoresheet({ judgeId: s.judges[0]!.user.id, assignmentId: a.id, form: form(0, { [c0!.id]: "25,5", [c1!.id]: "7,25", [c2!.id]: "abc" }) });
    expect(result).toEqual({
      ok: false,
      status: "invalid",
      fieldErrors: {
        [`scores.${c0!.id}`]: ['scoring:errors.outOfRange|{"max":25}'],
        [`scores.${c1!.id}`]: ['scoring:errors.offStep|{"step":0.5}'],
        [`scores.${c2!.id}`]: ["scoring:errors.notANumber"],
      },
    });
    expect(await rowsOf(a.id)).toEqual(before);
  });

  it("locks the rubric version with the first score, not with a note alone", async () => {
    const s = await createScoringContest();
    const judgeId = s.judges[0]!.user.id;
    await saveScoresheet({ judgeId, assignmentId: s.assignment(0, 0).id, form: form(0, {}, { privateNote: "Đọc lần đầu" }) });
    expect((await prisma.rubricVersion.findUniqueOrThrow({ where: { id: s.rubricVersionId } })).lockedAt).toBeNull();
    await saveScoresheet({ judgeId, assignmentId: s.assignment(1, 0).id, form: form(0, { [s.criteria[0]!.id]: "10" }) });
    expect((await prisma.rubricVersion.findUniqueOrThrow({ where: { id: s.rubricVersionId } })).lockedAt).not.toBeNull();
  });

  it("answers a save from a stale version with the stored copy and writes nothing; the same content never conflicts", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    const judgeId = s.judges[0]!.user.id;
    const c0 = s.criteria[0]!.id;
    // Tab A saves; tab B, still at version 0, saves something else.
    await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [c0]: "20" }) });
    const before = await rowsOf(a.id);
    const stale = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [c0]: "15" }) });
    expect(stale).toMatchObject({ ok: false, status: "conflict", current: { version: 1, points: { [c0]: 20 } } });
    expect(await rowsOf(a.id)).toEqual(before);
    // Tab B typing the same thing as A is not a conflict, and bumps nothing.
    const same = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [c0]: "20,0" }) });
    expect(same).toMatchObject({ ok: true, sheet: { version: 1 } });
    // An idle autosave of unchanged values does not bump the version either.
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, { [c0]: "20" }) })).toMatchObject({ ok: true, sheet: { version: 1 } });
    expect(await rowsOf(a.id)).toEqual(before);
    // B keeps theirs on top of the stored version: saved as version 2.
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, { [c0]: "15" }) })).toMatchObject({ ok: true, sheet: { version: 2, points: { [c0]: 15 } } });
  });

  it("logs the start of a sheet once, and no draft after it", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    const judgeId = s.judges[0]!.user.id;
    const c0 = s.criteria[0]!.id;
    for (const [v, p] of [[0, "1"], [1, "2"], [2, "3"]] as const) await saveScoresheet({ judgeId, assignmentId: a.id, form: form(v, { [c0]: p }) });
    const logs = await prisma.auditLog.findMany({ where: { contestId: s.contest.id, action: { startsWith: "scoresheet." } } });
    expect(logs.map((l) => l.action)).toEqual(["scoresheet.start"]);
    expect(logs[0]).toMatchObject({ actorId: judgeId, targetType: "Scoresheet" });
    expect(JSON.parse(logs[0]!.data)).toEqual({ assignmentId: a.id, roundId: s.round.id, entryId: s.entries[0]!.id });
  });
});

describe("submission", () => {
  it("refuses an incomplete sheet, then submits a complete one, stores its total, logs it and locks it", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    const judgeId = s.judges[0]!.user.id;
    const scores = fullScores(s.criteria);
    const missing = { ...scores, [s.criteria[4]!.id]: "" };
    const incomplete = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, missing, { intent: "submit" }) });
    expect(incomplete).toEqual({ ok: false, status: "invalid", fieldErrors: { [`scores.${s.criteria[4]!.id}`]: ["scoring:errors.required"] } });
    expect((await rowsOf(a.id)).sheet).toBeNull();

    const submitted = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, scores, { intent: "submit", feedback: "Bài viết sắc sảo" }), ip: "203.0.113.9" });
    expect(submitted).toMatchObject({ ok: true, status: "submitted", sheet: { status: "SUBMITTED", version: 1 } });
    const row = (await rowsOf(a.id)).sheet!;
    const points = Object.fromEntries(s.criteria.map((c) => [c.id, c.maxPoints - 2.5]));
    expect(row.total).toBe(scoresheetTotal(s.criteria, points));
    expect(row.submittedAt).not.toBeNull();
    const stored = await summaryAndScores(a.id);
    expect(stored.summary).toEqual(stored.scores);
    expect(stored.summary.points).toEqual(points);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "scoresheet.submit", targetId: row.id } });
    expect(log).toMatchObject({ actorId: judgeId, contestId: s.contest.id, ip: "203.0.113.9" });
    expect(JSON.parse(log.data)).toMatchObject({
      entryId: s.entries[0]!.id,
      reopened: false,
      before: null,
      after: { total: row.total, feedback: "Bài viết sắc sảo", scores: s.criteria.map((c) => ({ criterion: c.name, points: c.maxPoints - 2.5 })) },
    });

    const before = await rowsOf(a.id);
    const again = await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, { ...scores, [s.criteria[0]!.id]: "1" }) });
    expect(again).toMatchObject({ ok: false, status: "readOnly", reason: "submitted", current: { status: "SUBMITTED" } });
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, scores, { intent: "submit" }) })).toMatchObject({ status: "readOnly" });
    expect(await rowsOf(a.id)).toEqual(before);
    expect((await openScoresheet(judgeId, a.id))!.access).toEqual({ write: false, reason: "submitted" });
  });

  it("lets the judge edit and resubmit a sheet the chair reopened, logging what was submitted before", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 1);
    const judgeId = s.judges[1]!.user.id;
    const scores = fullScores(s.criteria);
    await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, scores, { intent: "submit" }) });
    const firstTotal = (await rowsOf(a.id)).sheet!.total;
    // The chair's reopening (built by the chair's view): back to DRAFT with who, when and why.
    await prisma.scoresheet.update({
      where: { assignmentId: a.id },
      data: { status: "DRAFT", reopenedAt: new Date(), reopenedById: s.judges[0]!.user.id, reopenReason: "Xem lại tiêu chí 3", version: { increment: 1 } },
    });
    const opened = (await openScoresheet(judgeId, a.id))!;
    expect(opened.access).toEqual({ write: true });
    expect(opened.reopened).toMatchObject({ reason: "Xem lại tiêu chí 3" });
    const changed = { ...scores, [s.criteria[2]!.id]: "10" };
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(2, changed) })).toMatchObject({ ok: true, sheet: { version: 3, status: "DRAFT" } });
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(3, changed, { intent: "submit" }) })).toMatchObject({ ok: true, status: "submitted" });
    const logs = await prisma.auditLog.findMany({ where: { action: "scoresheet.submit", contestId: s.contest.id }, orderBy: { id: "asc" } });
    expect(logs).toHaveLength(2);
    const last = JSON.parse(logs[1]!.data) as { reopened: boolean; before: { total: number }; after: { total: number } };
    expect(last.reopened).toBe(true);
    expect(last.before.total).toBe(firstTotal);
    expect(last.after.total).toBe((await rowsOf(a.id)).sheet!.total);
    expect(last.after.total).not.toBe(firstTotal);
    // The resubmitted sheet's summary follows its new scores.
    const stored = await summaryAndScores(a.id);
    expect(stored.summary).toEqual(stored.scores);
    expect(stored.summary.points![s.criteria[2]!.id]).toBe(10);
  });

  it("keeps a draft read-only after the deadline, unless the chair reopened it after the deadline", async () => {
    const deadline = new Date(Date.now() + 60 * 60_000);
    const s = await createScoringContest({ judgingDeadline: deadline });
    const a = s.assignment(0, 0);
    const judgeId = s.judges[0]!.user.id;
    const c0 = s.criteria[0]!.id;
    await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [c0]: "5" }) });
    const late = new Date(deadline.getTime() + 60_000);
    const before = await rowsOf(a.id);
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, { [c0]: "6" }), now: late })).toMatchObject({
      ok: false,
      status: "readOnly",
      reason: "deadlinePassed",
      current: { version: 1, points: { [c0]: 5 } },
    });
    expect(await rowsOf(a.id)).toEqual(before);
    expect((await openScoresheet(judgeId, a.id, late))!.access).toEqual({ write: false, reason: "deadlinePassed" });
    await prisma.scoresheet.update({ where: { assignmentId: a.id }, data: { reopenedAt: new Date(deadline.getTime() + 30_000), reopenReason: "Gia hạn" } });
    expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(1, { [c0]: "6" }), now: late })).toMatchObject({ ok: true });
  });
});

describe("other judges' scores", () => {
  async function twoReaders(rule: "NEVER" | "AFTER_OWN" | "ALWAYS") {
    const s = await createScoringContest({ scoreVisibility: rule });
    const scores = fullScores(s.criteria);
    await saveScoresheet({ judgeId: s.judges[1]!.user.id, assignmentId: s.assignment(0, 1).id, form: form(0, scores, { intent: "submit", privateNote: "Ghi chú của người khác" }) });
    return { s, scores, mine: s.assignment(0, 0), judgeId: s.judges[0]!.user.id };
  }

  it("hides them until the judge's own sheet is submitted (after own)", async () => {
    const { s, scores, mine, judgeId } = await twoReaders("AFTER_OWN");
    const hidden = (await openScoresheet(judgeId, mine.id))!;
    expect(hidden.others).toEqual({ rule: "AFTER_OWN", visible: false, sheets: [], pending: 0 });
    await saveScoresheet({ judgeId, assignmentId: mine.id, form: form(0, scores, { intent: "submit" }) });
    const shown = (await openScoresheet(judgeId, mine.id))!;
    expect(shown.others.visible).toBe(true);
    expect(shown.others.sheets).toEqual([{ points: Object.fromEntries(s.criteria.map((c) => [c.id, c.maxPoints - 2.5])), total: expect.any(Number) }]);
    expect(JSON.stringify(shown.others)).not.toContain("Ghi chú của người khác");
    expect(JSON.stringify(shown.others)).not.toContain(s.judges[1]!.user.name);
  });

  it("never shows them under 'never', and always under 'always' (submitted sheets only)", async () => {
    const never = await twoReaders("NEVER");
    await saveScoresheet({ judgeId: never.judgeId, assignmentId: never.mine.id, form: form(0, never.scores, { intent: "submit" }) });
    expect((await openScoresheet(never.judgeId, never.mine.id))!.others).toEqual({ rule: "NEVER", visible: false, sheets: [], pending: 0 });

    const always = await twoReaders("ALWAYS");
    const opened = (await openScoresheet(always.judgeId, always.mine.id))!;
    expect(opened.others).toMatchObject({ visible: true, pending: 0 });
    expect(opened.others.sheets).toHaveLength(1);
    // A third reader's draft is not shown.
    const third = await prisma.assignment.create({
      data: { roundId: always.s.round.id, panelId: always.s.panel.id, entryId: always.s.entries[0]!.id, judgeId: always.s.judges[2]!.user.id },
    });
    await saveScoresheet({ judgeId: always.s.judges[2]!.user.id, assignmentId: third.id, form: form(0, { [always.s.criteria[0]!.id]: "1" }) });
    expect((await openScoresheet(always.judgeId, always.mine.id))!.others).toMatchObject({ pending: 1, sheets: [expect.anything()] });
  });
});

describe("recusal", () => {
  it("recuses the pair, declares the conflict, discards the draft, repairs the entry, and the entry leaves the desk", async () => {
    const s = await createScoringContest({ judges: 3, readsPerEntry: 2 });
    const a = s.assignment(0, 1);
    const judgeId = s.judges[1]!.user.id;
    await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [s.criteria[0]!.id]: "10" }) });
    const result = await recuseAssignment({ judgeId, assignmentId: a.id, reason: "Tác giả là đồng nghiệp cùng phòng", ip: "203.0.113.5" });
    expect(result).toEqual({ ok: true, anonymousCode: s.entries[0]!.anonymousCode });

    expect((await prisma.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("RECUSED");
    expect(await prisma.scoresheet.findUnique({ where: { assignmentId: a.id } })).toBeNull();
    expect(await prisma.conflictOfInterest.findUniqueOrThrow({ where: { judgeId_entryId: { judgeId, entryId: s.entries[0]!.id } } })).toMatchObject({
      source: "DECLARED",
      status: "CONFIRMED",
      reason: "Tác giả là đồng nghiệp cùng phòng",
    });
    // The third judge of the panel now reads the entry: k = 2 again.
    const readers = await prisma.assignment.findMany({ where: { entryId: s.entries[0]!.id, status: "ACTIVE" }, select: { judgeId: true } });
    expect(readers.map((r) => r.judgeId).sort()).toEqual([s.judges[0]!.user.id, s.judges[2]!.user.id].sort());
    const actions = (await prisma.auditLog.findMany({ where: { contestId: s.contest.id }, orderBy: { id: "asc" } })).map((l) => l.action);
    expect(actions.slice(-3)).toEqual(["assignment.recuse", "conflict.declare", "assignment.repair"]);
    const recuseLog = await prisma.auditLog.findFirstOrThrow({ where: { action: "assignment.recuse" } });
    expect(JSON.parse(recuseLog.data)).toMatchObject({ reason: "Tác giả là đồng nghiệp cùng phòng", before: { status: "ACTIVE", draft: { points: { [s.criteria[0]!.id]: 10 } } } });

    const panel = (await getJudgeDesk(judgeId)).contests[0]!.rounds[0]!.panels[0]!;
    expect(panel.items.map((i) => i.anonymousCode)).not.toContain(s.entries[0]!.anonymousCode);
    expect(panel.recused).toEqual([{ assignmentId: a.id, anonymousCode: s.entries[0]!.anonymousCode, reason: "Tác giả là đồng nghiệp cùng phòng" }]);
    expect(await openScoresheet(judgeId, a.id)).toBeNull();
    // The judge's area does not list it by entry code (that would link the two codes).
    const area = await getJudgeArea(judgeId);
    expect(area.contests[0]!.declarations).toEqual([]);
    expect(JSON.stringify(area)).not.toContain(s.entries[0]!.entryCode!);
  });

  it("needs a reason, refuses a submitted sheet, and is not found for another judge, writing nothing", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    const judgeId = s.judges[0]!.user.id;
    const snapshot = async () => ({
      assignments: await prisma.assignment.findMany({ orderBy: { id: "asc" } }),
      conflicts: await prisma.conflictOfInterest.count(),
      audit: await prisma.auditLog.count(),
    });
    const before = await snapshot();
    expect(await recuseAssignment({ judgeId, assignmentId: a.id, reason: "" })).toMatchObject({ ok: false, status: "invalid", fieldErrors: { reason: expect.any(Array) } });
    expect(await recuseAssignment({ judgeId: s.judges[1]!.user.id, assignmentId: a.id, reason: "Người quen" })).toEqual({ ok: false, status: "notFound" });
    expect(await snapshot()).toEqual(before);
    await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, fullScores(s.criteria), { intent: "submit" }) });
    const submitted = await snapshot();
    expect(await recuseAssignment({ judgeId, assignmentId: a.id, reason: "Người quen" })).toEqual({ ok: false, status: "refused", error: "scoring:recuse.errors.submitted" });
    expect(await snapshot()).toEqual(submitted);
  });
});

describe("scoping", () => {
  it("answers another judge's assignment as not found and writes nothing", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    const before = await rowsOf(a.id);
    const outsider = await createScoringContest();
    for (const judgeId of [s.judges[1]!.user.id, s.judges[2]!.user.id, outsider.judges[0]!.user.id, s.organizerId]) {
      expect(await saveScoresheet({ judgeId, assignmentId: a.id, form: form(0, { [s.criteria[0]!.id]: "1" }) })).toEqual({ ok: false, status: "notFound" });
    }
    expect(await rowsOf(a.id)).toEqual(before);
  });

  it("stops a judge who was revoked or whose pair became conflicted", async () => {
    const s = await createScoringContest();
    const a = s.assignment(0, 0);
    await prisma.conflictOfInterest.create({
      data: { contestId: s.contest.id, judgeId: s.judges[0]!.user.id, entryId: s.entries[0]!.id, source: "DETECTED", status: "CONFIRMED", reason: "[]" },
    });
    expect(await saveScoresheet({ judgeId: s.judges[0]!.user.id, assignmentId: a.id, form: form(0, { [s.criteria[0]!.id]: "1" }) })).toEqual({ ok: false, status: "notFound" });
    const b = s.assignment(0, 1);
    await prisma.contestMember.updateMany({ where: { userId: s.judges[1]!.user.id }, data: { revokedAt: new Date() } });
    expect(await openScoresheet(s.judges[1]!.user.id, b.id)).toBeNull();
    expect(await prisma.scoresheet.count({ where: { assignmentId: { in: [a.id, b.id] } } })).toBe(0);
  });
});
