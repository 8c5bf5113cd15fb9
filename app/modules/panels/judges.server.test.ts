import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { CONFLICT_NOT_FOUND, UNKNOWN_ENTRY_CODE, declareConflict, refreshDetectedConflicts } from "./conflicts.server";
import { expertiseKey } from "./judges.schema";
import {
  JUDGE_CHANGED_MEANWHILE,
  declareOwnConflict,
  getJudgeArea,
  saveJudgeExpertise,
  saveJudgeUnit,
} from "./judges.server";

async function contestWithEntries(options: { blind?: boolean; title?: string } = {}) {
  const c = await createTestContest({ categories: ["Cán bộ, đảng viên", "Học sinh, sinh viên"], blind: options.blind ?? true, title: options.title, phase: "CLOSED" });
  const entries = await createTestEntries(c.contest.id, c.categories[0]!.id, 3, {
    authors: (i) => [{ name: `Tác Giả Bí Mật ${i}`, unit: "Trường THPT Chu Văn An", email: `tac-gia-${i}-${c.contest.id}@gmail.com` }],
  });
  return { ...c, entries };
}

async function expertiseRows(contestId: string, userId: string) {
  const rows = await prisma.judgePreference.findMany({ where: { contestId, userId, kind: "EXPERTISE" }, select: { categoryId: true } });
  return rows.map((r) => r.categoryId).sort();
}

describe("getJudgeArea", () => {
  it("shows only the contests the user judges, with expertise and their own declarations", async () => {
    const a = await contestWithEntries({ title: "Cuộc thi A" });
    const b = await contestWithEntries({ title: "Cuộc thi B (không chấm phách)", blind: false });
    const judge = await addContestMember(a.contest.id, "JUDGE", { unit: "Sở Tư pháp" });
    await prisma.contestMember.create({ data: { contestId: b.contest.id, userId: judge.user.id, role: "JUDGE" } });
    // Revoked in one contest, organizer (not judge) in another: neither shows.
    const revoked = await contestWithEntries({ title: "Đã thôi chấm" });
    await prisma.contestMember.create({ data: { contestId: revoked.contest.id, userId: judge.user.id, role: "JUDGE", revokedAt: new Date() } });
    const organized = await createTestContest({ title: "Tôi tổ chức", organizerId: judge.user.id });

    await prisma.judgePreference.create({ data: { contestId: a.contest.id, userId: judge.user.id, kind: "EXPERTISE", categoryId: a.categories[1]!.id } });
    await declareConflict({ contestId: a.contest.id, judgeId: judge.user.id, entryId: a.entries[0]!.id, reason: "Người thân của tôi", actorId: judge.user.id });
    await declareConflict({ contestId: b.contest.id, judgeId: judge.user.id, entryId: b.entries[1]!.id, reason: "Học trò cũ", actorId: judge.user.id });
    // Not theirs to see: a detection about them, another judge's declaration, one staff made on their behalf.
    const other = await addContestMember(a.contest.id, "JUDGE");
    await declareConflict({ contestId: a.contest.id, judgeId: other.user.id, entryId: a.entries[1]!.id, reason: "Đồng nghiệp", actorId: other.user.id });
    await declareConflict({ contestId: a.contest.id, judgeId: judge.user.id, entryId: a.entries[2]!.id, reason: "Ban tổ chức ghi thay", actorId: a.organizerId });
    await prisma.user.update({ where: { id: judge.user.id }, data: { unit: "Trường THPT Chu Văn An" } });
    expect(await refreshDetectedConflicts({ contestId: b.contest.id, actorId: null })).toMatchObject({ created: 2 });

    const area = await getJudgeArea(judge.user.id);
    expect(area.unit).toBe("Trường THPT Chu Văn An");
    expect(area.contests.map((c) => c.title).sort()).toEqual(["Cuộc thi A", "Cuộc thi B (không chấm phách)"]);
    expect(area.contests.map((c) => c.id)).not.toContain(organized.contest.id);
    const inA = area.contests.find((c) => c.id === a.contest.id)!;
    expect(inA.categories.map((c) => [c.name, c.expertise])).toEqual([
      ["Cán bộ, đảng viên", false],
      ["Học sinh, sinh viên", true],
    ]);
    expect(inA.expertiseKey).toBe(a.categories[1]!.id);
    expect(inA.declarations.map((d) => [d.entryCode, d.title, d.reason])).toEqual([[a.entries[0]!.entryCode, null, "Người thân của tôi"]]);
    const inB = area.contests.find((c) => c.id === b.contest.id)!;
    expect(inB.declarations.map((d) => [d.entryCode, d.title])).toEqual([[b.entries[1]!.entryCode, b.entries[1]!.title]]);
    expect(JSON.stringify(area)).not.toContain("Tác Giả Bí Mật");
    expect(JSON.stringify(area)).not.toContain(a.entries[0]!.title);
  });

  it("is empty for someone who judges nothing", async () => {
    const someone = await createTestUser({ unit: "UBND phường Bến Nghé" });
    expect(await getJudgeArea(someone.id)).toEqual({ unit: "UBND phường Bến Nghé", contests: [] });
  });
});

describe("saveJudgeUnit", () => {
  it("saves and clears the unit, audited, and refuses a stale form", async () => {
    const judge = await createTestUser();
    expect(await saveJudgeUnit({ userId: judge.id, unit: "  Trường THPT Chu Văn An ", expected: "", ip: "198.51.100.5" })).toEqual({
      ok: true,
      unit: "Trường THPT Chu Văn An",
    });
    const logs = await prisma.auditLog.findMany({ where: { actorId: judge.id, action: "user.setUnit" } });
    expect(logs.map((l) => JSON.parse(l.data))).toEqual([{ before: null, after: "Trường THPT Chu Văn An" }]);
    expect(logs[0]).toMatchObject({ targetId: judge.id, ip: "198.51.100.5", contestId: null });

    // Another tab still showed the empty unit.
    expect(await saveJudgeUnit({ userId: judge.id, unit: "Sở GD&ĐT", expected: "" })).toEqual({
      ok: false,
      status: "changedMeanwhile",
      error: JUDGE_CHANGED_MEANWHILE,
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: judge.id } })).unit).toBe("Trường THPT Chu Văn An");

    expect(await saveJudgeUnit({ userId: judge.id, unit: "", expected: "Trường THPT Chu Văn An" })).toEqual({ ok: true, unit: null });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: judge.id } })).unit).toBeNull();
    expect(await prisma.auditLog.count({ where: { actorId: judge.id, action: "user.setUnit" } })).toBe(2);
  });

  it("feeds conflict detection: a judge of the same unit as an author is detected", async () => {
    const c = await contestWithEntries();
    const judge = await addContestMember(c.contest.id, "JUDGE");
    expect(await refreshDetectedConflicts({ contestId: c.contest.id, actorId: null })).toMatchObject({ created: 0 });
    await saveJudgeUnit({ userId: judge.user.id, unit: "trường THPT Chu Văn An", expected: "" });
    expect(await refreshDetectedConflicts({ contestId: c.contest.id, actorId: null })).toMatchObject({ created: 3 });
  });
});

describe("saveJudgeExpertise", () => {
  it("replaces the judge's expertise in the contest, audited with the categories' names", async () => {
    const c = await contestWithEntries();
    const judge = await addContestMember(c.contest.id, "JUDGE");
    const [cadres, students] = c.categories.map((x) => x.id) as [string, string];
    const first = await saveJudgeExpertise({ contestId: c.contest.id, userId: judge.user.id, categoryIds: [cadres, students], expected: "" });
    expect(first).toEqual({ ok: true, count: 2 });
    expect(await expertiseRows(c.contest.id, judge.user.id)).toEqual([cadres, students].sort());

    const second = await saveJudgeExpertise({
      contestId: c.contest.id,
      userId: judge.user.id,
      categoryIds: [students],
      expected: expertiseKey([students, cadres]),
      ip: "198.51.100.6",
    });
    expect(second).toEqual({ ok: true, count: 1 });
    expect(await expertiseRows(c.contest.id, judge.user.id)).toEqual([students]);
    const logs = await prisma.auditLog.findMany({ where: { contestId: c.contest.id, action: "judge.setExpertise" }, orderBy: { id: "asc" } });
    expect(logs.map((l) => JSON.parse(l.data))).toEqual([
      { before: [], after: ["Cán bộ, đảng viên", "Học sinh, sinh viên"], categoryIds: [cadres, students].sort() },
      { before: ["Cán bộ, đảng viên", "Học sinh, sinh viên"], after: ["Học sinh, sinh viên"], categoryIds: [students] },
    ]);
    expect(logs[1]).toMatchObject({ actorId: judge.user.id, ip: "198.51.100.6" });
  });

  it("refuses a stale form, another contest's category, a non-judge and a revoked judge, writing nothing", async () => {
    const c = await contestWithEntries();
    const other = await contestWithEntries();
    const judge = await addContestMember(c.contest.id, "JUDGE");
    const cadres = c.categories[0]!.id;
    await saveJudgeExpertise({ contestId: c.contest.id, userId: judge.user.id, categoryIds: [cadres], expected: "" });
    const auditBefore = await prisma.auditLog.count({ where: { action: "judge.setExpertise" } });

    expect(await saveJudgeExpertise({ contestId: c.contest.id, userId: judge.user.id, categoryIds: [], expected: "" })).toMatchObject({
      status: "changedMeanwhile",
    });
    expect(
      await saveJudgeExpertise({ contestId: c.contest.id, userId: judge.user.id, categoryIds: [other.categories[0]!.id], expected: cadres }),
    ).toEqual({ ok: false, status: "invalid", fieldErrors: { categoryIds: ["validation.invalid"] } });
    const organizer = c.organizerId;
    expect(await saveJudgeExpertise({ contestId: c.contest.id, userId: organizer, categoryIds: [cadres], expected: "" })).toEqual({ ok: false, status: "notFound" });
    expect(await saveJudgeExpertise({ contestId: other.contest.id, userId: judge.user.id, categoryIds: [other.categories[0]!.id], expected: "" })).toEqual({
      ok: false,
      status: "notFound",
    });
    await prisma.contestMember.updateMany({ where: { contestId: c.contest.id, userId: judge.user.id }, data: { revokedAt: new Date() } });
    expect(await saveJudgeExpertise({ contestId: c.contest.id, userId: judge.user.id, categoryIds: [], expected: cadres })).toEqual({ ok: false, status: "notFound" });

    expect(await expertiseRows(c.contest.id, judge.user.id)).toEqual([cadres]);
    expect(await prisma.judgePreference.count({ where: { userId: { in: [organizer, judge.user.id] }, contestId: other.contest.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "judge.setExpertise" } })).toBe(auditBefore);
  });
});

describe("declareOwnConflict", () => {
  it("declares on the entry with the typed code, confirmed at once, answering only the code", async () => {
    const c = await contestWithEntries();
    const judge = await addContestMember(c.contest.id, "JUDGE");
    const entry = c.entries[1]!;
    const typed = ` ${entry.entryCode!.toLowerCase()} `;
    const result = await declareOwnConflict({ contestId: c.contest.id, judgeId: judge.user.id, entryCode: typed, reason: "Tác giả là em họ tôi", ip: "198.51.100.7" });
    expect(result).toEqual({ ok: true, entryCode: entry.entryCode, replaced: "none" });
    expect(JSON.stringify(result)).not.toContain(entry.title);
    const row = await prisma.conflictOfInterest.findUniqueOrThrow({ where: { judgeId_entryId: { judgeId: judge.user.id, entryId: entry.id } } });
    expect(row).toMatchObject({ source: "DECLARED", status: "CONFIRMED", reason: "Tác giả là em họ tôi", decidedById: judge.user.id });
    expect(await prisma.auditLog.count({ where: { contestId: c.contest.id, action: "conflict.declare", actorId: judge.user.id } })).toBe(1);

    const again = await declareOwnConflict({ contestId: c.contest.id, judgeId: judge.user.id, entryCode: entry.entryCode!, reason: "Em họ bên ngoại" });
    expect(again).toEqual({ ok: true, entryCode: entry.entryCode, replaced: "declared" });
  });

  it("answers an unknown code (or another contest's) with a field error, a bad reason with its error, and writes nothing", async () => {
    const c = await contestWithEntries();
    const other = await contestWithEntries();
    await prisma.entry.update({ where: { id: other.entries[0]!.id }, data: { entryCode: "KHAC-0001" } });
    const judge = await addContestMember(c.contest.id, "JUDGE");
    const base = { contestId: c.contest.id, judgeId: judge.user.id, reason: "Lý do đủ dài" };
    for (const entryCode of ["CL-9999", "KHAC-0001", "   "]) {
      expect(await declareOwnConflict({ ...base, entryCode }), entryCode).toEqual({ ok: false, status: "invalid", fieldErrors: { entryCode: [UNKNOWN_ENTRY_CODE] } });
    }
    expect(await declareOwnConflict({ ...base, entryCode: c.entries[0]!.entryCode!, reason: "ab" })).toMatchObject({
      status: "invalid",
      fieldErrors: { reason: ['contests:conflicts.errors.reasonTooShort|{"min":3}'] },
    });
    expect(await prisma.conflictOfInterest.count({ where: { judgeId: judge.user.id } })).toBe(0);
  });

  it("answers not found to anyone who is not a judge of the contest", async () => {
    const c = await contestWithEntries();
    const secretary = await addContestMember(c.contest.id, "SECRETARY");
    for (const userId of [secretary.user.id, c.organizerId]) {
      expect(await declareOwnConflict({ contestId: c.contest.id, judgeId: userId, entryCode: c.entries[0]!.entryCode!, reason: "Lý do đủ dài" })).toEqual({
        ok: false,
        status: "notFound",
        error: CONFLICT_NOT_FOUND,
      });
    }
    expect(await prisma.conflictOfInterest.count({ where: { contestId: c.contest.id } })).toBe(0);
  });
});
