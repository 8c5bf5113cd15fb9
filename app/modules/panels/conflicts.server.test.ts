import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EntryStatus } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { ENTRY_SELECT_MAX } from "./conflicts.schema";
import {
  CONFLICT_CHANGED_MEANWHILE,
  CONFLICT_DECLARED_STANDS,
  CONFLICT_NOT_FOUND,
  NOT_A_JUDGE,
  UNKNOWN_ENTRY_CODE,
  confirmedConflictPairs,
  declareConflict,
  declareConflictByCode,
  getConflictsScreen,
  decideConflict,
  listConflicts,
  parseDetectionReason,
  refreshDetectedConflicts,
} from "./conflicts.server";

const hex = () => crypto.randomBytes(4).toString("hex");

async function makeContest() {
  const organizer = await createTestUser({ isOrganizer: true });
  const contest = await prisma.contest.create({
    data: { title: "Chính luận 2026", slug: `c-${hex()}`, phase: "CLOSED", createdById: organizer.id },
  });
  const category = await prisma.category.create({ data: { contestId: contest.id, name: "Cán bộ" } });
  return { contest, organizer, categoryId: category.id };
}

async function makeJudge(contestId: string, options: { unit?: string; email?: string; revoked?: boolean } = {}) {
  // A webmail address by default, so that judges share no organisation domain with anyone.
  const user = await createTestUser({ unit: options.unit, email: options.email ?? `judge-${hex()}@gmail.com` });
  await prisma.contestMember.create({
    data: { contestId, userId: user.id, role: "JUDGE", revokedAt: options.revoked ? new Date() : null },
  });
  return user;
}

async function makeEntry(
  c: { contest: { id: string }; categoryId: string },
  authors: { unit?: string; email?: string; userId?: string }[],
  status: EntryStatus = "SUBMITTED",
) {
  const submitter = await createTestUser();
  const code = `CL-${hex()}`;
  return prisma.entry.create({
    data: {
      contestId: c.contest.id,
      categoryId: c.categoryId,
      submitterId: submitter.id,
      title: `Bài ${code}`,
      status,
      entryCode: code,
      authors: {
        create: authors.map((a, position) => ({
          position,
          name: `Tác giả ${position}`,
          unit: a.unit ?? "",
          email: a.email ?? `author-${hex()}@gmail.com`,
          userId: a.userId ?? null,
        })),
      },
    },
  });
}

async function rowsOf(contestId: string) {
  return prisma.conflictOfInterest.findMany({ where: { contestId }, orderBy: { id: "asc" } });
}

async function auditOf(contestId: string, action: string) {
  return prisma.auditLog.findMany({ where: { contestId, action }, orderBy: { id: "asc" } });
}

/** A contest with a judge of "Trường THPT Chu Văn An" and an entry by "truong thpt chu van an". */
async function sameUnitSetup() {
  const c = await makeContest();
  const judge = await makeJudge(c.contest.id, { unit: "Trường THPT Chu Văn An" });
  const other = await makeJudge(c.contest.id, { unit: "Sở GD&ĐT Hà Nội" });
  const entry = await makeEntry(c, [{ unit: "truong thpt chu van an" }]);
  const unrelated = await makeEntry(c, [{ unit: "UBND phường Bến Nghé" }]);
  return { ...c, judge, other, entry, unrelated };
}

describe("refreshDetectedConflicts", () => {
  it("stores a PENDING detection with its evidence, audited", async () => {
    const s = await sameUnitSetup();
    const result = await refreshDetectedConflicts({ contestId: s.contest.id, actorId: s.organizer.id });
    expect(result).toEqual({ ok: true, created: 1, kept: 0, removed: 0 });

    const rows = await rowsOf(s.contest.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ judgeId: s.judge.id, entryId: s.entry.id, source: "DETECTED", status: "PENDING", decidedById: null });
    expect(parseDetectionReason(rows[0]!.reason)).toEqual([
      {
        rule: "sameUnit",
        authorIndex: 0,
        evidence: { judgeUnit: "Trường THPT Chu Văn An", authorUnit: "truong thpt chu van an", normalized: "thpt chu van an" },
      },
    ]);

    const logs = await auditOf(s.contest.id, "conflict.detect");
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ actorId: s.organizer.id, targetType: "Contest", targetId: s.contest.id });
    expect(JSON.parse(logs[0]!.data)).toMatchObject({ created: 1, kept: 0, removed: 0, judges: 2, entries: 2 });
  });

  it("is idempotent", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: s.organizer.id });
    const before = await rowsOf(s.contest.id);
    const again = await refreshDetectedConflicts({ contestId: s.contest.id, actorId: s.organizer.id });
    expect(again).toEqual({ ok: true, created: 0, kept: 1, removed: 0 });
    expect(await rowsOf(s.contest.id)).toEqual(before);
  });

  it("leaves out revoked judges and draft or withdrawn entries", async () => {
    const c = await makeContest();
    await makeJudge(c.contest.id, { unit: "Công ty TNHH Minh Phát", revoked: true });
    const judge = await makeJudge(c.contest.id, { email: "an@minhphat.vn" });
    await makeEntry(c, [{ unit: "Công ty TNHH Minh Phát" }]);
    await makeEntry(c, [{ email: "binh@minhphat.vn" }], "DRAFT");
    await makeEntry(c, [{ email: "AN@minhphat.vn" }], "WITHDRAWN");
    const counted = await makeEntry(c, [{ email: "cuong@minhphat.vn" }], "ELIGIBLE");
    expect(await refreshDetectedConflicts({ contestId: c.contest.id, actorId: null })).toEqual({ ok: true, created: 1, kept: 0, removed: 0 });
    const rows = await rowsOf(c.contest.id);
    expect(rows.map((r) => [r.judgeId, r.entryId])).toEqual([[judge.id, counted.id]]);
    expect(parseDetectionReason(rows[0]!.reason).map((m) => m.rule)).toEqual(["sameEmailDomain"]);
  });

  it("keeps a dismissed detection dismissed on a re-run", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: s.organizer.id });
    const [row] = await rowsOf(s.contest.id);
    expect(await decideConflict({ conflictId: row!.id, contestId: s.contest.id, decision: "DISMISSED", actorId: s.organizer.id })).toEqual({
      ok: true,
      from: "PENDING",
      to: "DISMISSED",
      judgeName: s.judge.name,
      entryCode: s.entry.entryCode,
    });

    expect(await refreshDetectedConflicts({ contestId: s.contest.id, actorId: s.organizer.id })).toEqual({
      ok: true,
      created: 0,
      kept: 1,
      removed: 0,
    });
    const [after] = await rowsOf(s.contest.id);
    expect(after).toMatchObject({ id: row!.id, status: "DISMISSED", source: "DETECTED", decidedById: s.organizer.id });
  });

  it("removes a PENDING detection whose evidence is gone, but not a CONFIRMED one", async () => {
    const c = await makeContest();
    const judge = await makeJudge(c.contest.id, { unit: "Trường THPT Chu Văn An" });
    const pendingEntry = await makeEntry(c, [{ unit: "truong thpt chu van an" }]);
    const confirmedEntry = await makeEntry(c, [{ unit: "THPT Chu Văn An" }]);
    await refreshDetectedConflicts({ contestId: c.contest.id, actorId: c.organizer.id });
    const confirmed = (await rowsOf(c.contest.id)).find((r) => r.entryId === confirmedEntry.id)!;
    await decideConflict({ conflictId: confirmed.id, contestId: c.contest.id, decision: "CONFIRMED", actorId: c.organizer.id });

    await prisma.entryAuthor.updateMany({ where: { entryId: { in: [pendingEntry.id, confirmedEntry.id] } }, data: { unit: "Đại học Huế" } });
    expect(await refreshDetectedConflicts({ contestId: c.contest.id, actorId: c.organizer.id })).toEqual({
      ok: true,
      created: 0,
      kept: 0,
      removed: 1,
    });
    const rows = await rowsOf(c.contest.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: confirmed.id, judgeId: judge.id, status: "CONFIRMED", source: "DETECTED" });
    expect(JSON.parse((await auditOf(c.contest.id, "conflict.detect"))[1]!.data)).toMatchObject({ created: 0, kept: 0, removed: 1 });
  });

  it("updates the evidence of a PENDING detection that still holds", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    await prisma.entryAuthor.updateMany({ where: { entryId: s.entry.id }, data: { email: s.judge.email } });
    expect(await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null })).toMatchObject({ created: 0, kept: 1, removed: 0 });
    const [row] = await rowsOf(s.contest.id);
    expect(parseDetectionReason(row!.reason).map((m) => m.rule)).toEqual(["sameEmail", "sameUnit"]);
  });

  it("does not touch a declared conflict", async () => {
    const s = await sameUnitSetup();
    await declareConflict({ contestId: s.contest.id, judgeId: s.judge.id, entryId: s.entry.id, reason: "Tôi dạy cùng trường", actorId: s.judge.id });
    expect(await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null })).toMatchObject({ created: 0, kept: 1, removed: 0 });
    const [row] = await rowsOf(s.contest.id);
    expect(row).toMatchObject({ source: "DECLARED", status: "CONFIRMED", reason: "Tôi dạy cùng trường" });
  });

  it("answers not found for an unknown contest and writes nothing", async () => {
    expect(await refreshDetectedConflicts({ contestId: "nope", actorId: null })).toMatchObject({ ok: false, error: CONFLICT_NOT_FOUND });
    expect(await prisma.auditLog.count({ where: { action: "conflict.detect", contestId: "nope" } })).toBe(0);
  });
});

describe("declareConflict", () => {
  it("creates a DECLARED, CONFIRMED conflict with the judge's reason, audited", async () => {
    const s = await sameUnitSetup();
    const result = await declareConflict({
      contestId: s.contest.id,
      judgeId: s.other.id,
      entryId: s.unrelated.id,
      reason: "  Tác giả là người thân của tôi  ",
      actorId: s.other.id,
    });
    expect(result).toMatchObject({ ok: true, replaced: "none" });
    const [row] = await rowsOf(s.contest.id);
    expect(row).toMatchObject({ source: "DECLARED", status: "CONFIRMED", reason: "Tác giả là người thân của tôi", decidedById: s.other.id });
    expect(row!.decidedAt).toBeInstanceOf(Date);
    const logs = await auditOf(s.contest.id, "conflict.declare");
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ actorId: s.other.id, targetType: "ConflictOfInterest", targetId: row!.id });
    expect(JSON.parse(logs[0]!.data)).toMatchObject({ judgeId: s.other.id, entryId: s.unrelated.id, before: null, after: { status: "CONFIRMED" } });
  });

  it("turns an existing detection into a declared, confirmed conflict", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    const [detected] = await rowsOf(s.contest.id);
    const result = await declareConflict({ contestId: s.contest.id, judgeId: s.judge.id, entryId: s.entry.id, reason: "Đồng nghiệp", actorId: s.judge.id });
    expect(result).toEqual({ ok: true, conflictId: detected!.id, replaced: "detected" });
    const rows = await rowsOf(s.contest.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: detected!.id, source: "DECLARED", status: "CONFIRMED", reason: "Đồng nghiệp" });
    const data = JSON.parse((await auditOf(s.contest.id, "conflict.declare"))[0]!.data);
    expect(data.before).toMatchObject({ source: "DETECTED", status: "PENDING" });
  });

  it("refuses a reason that is missing, too short or too long, writing nothing", async () => {
    const s = await sameUnitSetup();
    const base = { contestId: s.contest.id, judgeId: s.judge.id, entryId: s.entry.id, actorId: s.judge.id };
    expect(await declareConflict({ ...base, reason: undefined })).toEqual({
      ok: false,
      status: "invalid",
      fieldErrors: { reason: ["contests:conflicts.errors.reasonRequired"] },
    });
    expect(await declareConflict({ ...base, reason: "  " })).toMatchObject({ fieldErrors: { reason: ["contests:conflicts.errors.reasonRequired"] } });
    expect(await declareConflict({ ...base, reason: " ab " })).toMatchObject({
      fieldErrors: { reason: ['contests:conflicts.errors.reasonTooShort|{"min":3}'] },
    });
    expect(await declareConflict({ ...base, reason: "x".repeat(501) })).toMatchObject({
      fieldErrors: { reason: ['contests:conflicts.errors.reasonTooLong|{"max":500}'] },
    });
    expect(await declareConflict({ ...base, reason: "x".repeat(500) })).toMatchObject({ ok: true });
  });

  it("answers not found for an entry of another contest, a non-judge or a revoked judge, and writes nothing", async () => {
    const s = await sameUnitSetup();
    const elsewhere = await makeContest();
    const foreignEntry = await makeEntry(elsewhere, [{ unit: "Trường THPT Chu Văn An" }]);
    const revoked = await makeJudge(s.contest.id, { revoked: true });
    const outsider = await createTestUser();
    const attempts = [
      { judgeId: s.judge.id, entryId: foreignEntry.id },
      { judgeId: outsider.id, entryId: s.entry.id },
      { judgeId: revoked.id, entryId: s.entry.id },
      { judgeId: s.judge.id, entryId: "missing" },
    ];
    for (const a of attempts) {
      expect(await declareConflict({ contestId: s.contest.id, ...a, reason: "Lý do đủ dài", actorId: a.judgeId })).toEqual({
        ok: false,
        status: "notFound",
        error: CONFLICT_NOT_FOUND,
      });
    }
    // The judge of the other contest's entry, asking through the entry's own contest, is not its judge either.
    expect(
      await declareConflict({ contestId: elsewhere.contest.id, judgeId: s.judge.id, entryId: foreignEntry.id, reason: "Lý do", actorId: s.judge.id }),
    ).toMatchObject({ status: "notFound" });
    const contestIds = [s.contest.id, elsewhere.contest.id];
    expect(await prisma.conflictOfInterest.count({ where: { contestId: { in: contestIds } } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "conflict.declare", contestId: { in: contestIds } } })).toBe(0);
  });
});

describe("decideConflict", () => {
  it("records who decided and when, audited", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    const [row] = await rowsOf(s.contest.id);
    const secretary = await createTestUser();
    expect(await decideConflict({ conflictId: row!.id, contestId: s.contest.id, decision: "CONFIRMED", actorId: secretary.id })).toEqual({
      ok: true,
      from: "PENDING",
      to: "CONFIRMED",
      judgeName: s.judge.name,
      entryCode: s.entry.entryCode,
    });
    const [after] = await rowsOf(s.contest.id);
    expect(after).toMatchObject({ status: "CONFIRMED", decidedById: secretary.id });
    expect(after!.decidedAt).toBeInstanceOf(Date);
    const logs = await auditOf(s.contest.id, "conflict.decide");
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ actorId: secretary.id, targetType: "ConflictOfInterest", targetId: row!.id });
    expect(JSON.parse(logs[0]!.data)).toEqual({ judgeId: s.judge.id, entryId: s.entry.id, source: "DETECTED", from: "PENDING", to: "CONFIRMED" });
  });

  it("cannot decide a conflict of another contest", async () => {
    const s = await sameUnitSetup();
    const elsewhere = await makeContest();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    const [row] = await rowsOf(s.contest.id);
    expect(await decideConflict({ conflictId: row!.id, contestId: elsewhere.contest.id, decision: "DISMISSED", actorId: elsewhere.organizer.id })).toEqual({
      ok: false,
      status: "notFound",
      error: CONFLICT_NOT_FOUND,
    });
    expect((await rowsOf(s.contest.id))[0]).toMatchObject({ status: "PENDING", decidedById: null });
    const contestIds = [s.contest.id, elsewhere.contest.id];
    expect(await prisma.auditLog.count({ where: { action: "conflict.decide", contestId: { in: contestIds } } })).toBe(0);
  });

  it("refuses staff dismissing a declared conflict: the judge's declaration stands", async () => {
    const s = await sameUnitSetup();
    const declared = await declareConflict({ contestId: s.contest.id, judgeId: s.judge.id, entryId: s.entry.id, reason: "Tác giả là em gái tôi", actorId: s.judge.id });
    expect(declared).toMatchObject({ ok: true });
    const before = await rowsOf(s.contest.id);
    const secretary = await createTestUser();
    expect(await decideConflict({ conflictId: before[0]!.id, contestId: s.contest.id, decision: "DISMISSED", actorId: secretary.id })).toEqual({
      ok: false,
      status: "declaredStands",
      error: CONFLICT_DECLARED_STANDS,
    });
    expect(await rowsOf(s.contest.id)).toEqual(before);
    expect(await auditOf(s.contest.id, "conflict.decide")).toEqual([]);
    // Declared on the judge's behalf by staff: it stands all the same.
    const onBehalf = await declareConflict({ contestId: s.contest.id, judgeId: s.other.id, entryId: s.unrelated.id, reason: "Người thân", actorId: secretary.id });
    expect(onBehalf).toMatchObject({ ok: true });
    const id = onBehalf.ok ? onBehalf.conflictId : "";
    expect(await decideConflict({ conflictId: id, contestId: s.contest.id, decision: "DISMISSED", actorId: s.organizer.id })).toMatchObject({
      status: "declaredStands",
    });
    expect(await prisma.conflictOfInterest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CONFIRMED", source: "DECLARED" });
  });

  it("refuses a stale decision (someone decided meanwhile) and writes nothing", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    const [row] = await rowsOf(s.contest.id);
    const first = await decideConflict({ conflictId: row!.id, contestId: s.contest.id, decision: "DISMISSED", expected: "PENDING", actorId: s.organizer.id });
    expect(first).toMatchObject({ ok: true, from: "PENDING", to: "DISMISSED" });
    const secretary = await createTestUser();
    expect(await decideConflict({ conflictId: row!.id, contestId: s.contest.id, decision: "CONFIRMED", expected: "PENDING", actorId: secretary.id })).toEqual({
      ok: false,
      status: "changedMeanwhile",
      error: CONFLICT_CHANGED_MEANWHILE,
    });
    expect((await rowsOf(s.contest.id))[0]).toMatchObject({ status: "DISMISSED", decidedById: s.organizer.id });
    expect(await auditOf(s.contest.id, "conflict.decide")).toHaveLength(1);
  });

  it("refuses a decision other than CONFIRMED or DISMISSED", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    const [row] = await rowsOf(s.contest.id);
    const decision = "PENDING" as unknown as "CONFIRMED";
    expect(await decideConflict({ conflictId: row!.id, contestId: s.contest.id, decision, actorId: s.organizer.id })).toMatchObject({
      ok: false,
      status: "invalid",
    });
    expect((await rowsOf(s.contest.id))[0]).toMatchObject({ status: "PENDING" });
  });
});

describe("listConflicts and confirmedConflictPairs", () => {
  it("lists judge, entry, rules and evidence; filters by status", async () => {
    const s = await sameUnitSetup();
    await refreshDetectedConflicts({ contestId: s.contest.id, actorId: null });
    await declareConflict({ contestId: s.contest.id, judgeId: s.other.id, entryId: s.unrelated.id, reason: "Người thân", actorId: s.other.id });

    const all = await listConflicts(s.contest.id);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      status: "PENDING",
      source: "DETECTED",
      judge: { id: s.judge.id, name: s.judge.name },
      entry: { id: s.entry.id, code: s.entry.entryCode, title: s.entry.title },
      rules: ["sameUnit"],
      declaredReason: null,
      decidedBy: null,
    });
    expect(all[0]!.matches[0]).toMatchObject({ rule: "sameUnit", evidence: { normalized: "thpt chu van an" } });
    expect(all[1]).toMatchObject({
      status: "CONFIRMED",
      source: "DECLARED",
      rules: [],
      matches: [],
      declaredReason: "Người thân",
      decidedBy: { id: s.other.id },
    });

    expect((await listConflicts(s.contest.id, { status: "PENDING" })).map((c) => c.entry.id)).toEqual([s.entry.id]);
    expect(await listConflicts(s.contest.id, { status: "DISMISSED" })).toEqual([]);
  });

  it("gives the solver pending and confirmed pairs, not dismissed ones", async () => {
    const c = await makeContest();
    const a = await makeJudge(c.contest.id, { unit: "Trường THPT Chu Văn An" });
    const b = await makeJudge(c.contest.id, { email: "b@congtyminhphat.vn" });
    const d = await makeJudge(c.contest.id);
    const pending = await makeEntry(c, [{ unit: "THPT Chu Văn An" }]);
    const dismissed = await makeEntry(c, [{ email: "x@congtyminhphat.vn" }]);
    const declared = await makeEntry(c, []);
    await refreshDetectedConflicts({ contestId: c.contest.id, actorId: null });
    const toDismiss = (await rowsOf(c.contest.id)).find((r) => r.entryId === dismissed.id)!;
    await decideConflict({ conflictId: toDismiss.id, contestId: c.contest.id, decision: "DISMISSED", actorId: c.organizer.id });
    await declareConflict({ contestId: c.contest.id, judgeId: d.id, entryId: declared.id, reason: "Tôi hướng dẫn bài này", actorId: d.id });

    const pairs = await confirmedConflictPairs(c.contest.id);
    const key = (p: { judgeId: string; entryId: string }) => `${p.judgeId}/${p.entryId}`;
    expect(pairs.map(key).sort()).toEqual([key({ judgeId: a.id, entryId: pending.id }), key({ judgeId: d.id, entryId: declared.id })].sort());
    expect(pairs.map(key)).not.toContain(key({ judgeId: b.id, entryId: dismissed.id }));
  });
});

describe("declareConflictByCode (staff on a judge's behalf)", () => {
  it("declares for the judge, recording who declared; refuses a non-judge and an unknown code with field errors", async () => {
    const s = await sameUnitSetup();
    const secretary = await createTestUser();
    const result = await declareConflictByCode({
      contestId: s.contest.id,
      judgeId: s.other.id,
      entryCode: s.unrelated.entryCode!,
      reason: "Giám khảo báo qua điện thoại: tác giả là con rể",
      actorId: secretary.id,
    });
    expect(result).toEqual({ ok: true, entryCode: s.unrelated.entryCode, replaced: "none" });
    const row = await prisma.conflictOfInterest.findUniqueOrThrow({ where: { judgeId_entryId: { judgeId: s.other.id, entryId: s.unrelated.id } } });
    expect(row).toMatchObject({ source: "DECLARED", status: "CONFIRMED", decidedById: secretary.id });

    const before = await rowsOf(s.contest.id);
    expect(
      await declareConflictByCode({ contestId: s.contest.id, judgeId: secretary.id, entryCode: s.entry.entryCode!, reason: "Lý do đủ dài", actorId: secretary.id }),
    ).toEqual({ ok: false, status: "invalid", fieldErrors: { judgeId: [NOT_A_JUDGE] } });
    expect(
      await declareConflictByCode({ contestId: s.contest.id, judgeId: s.judge.id, entryCode: "CL-khong-co", reason: "Lý do đủ dài", actorId: secretary.id }),
    ).toEqual({ ok: false, status: "invalid", fieldErrors: { entryCode: [UNKNOWN_ENTRY_CODE] } });
    expect(await rowsOf(s.contest.id)).toEqual(before);
  });
});

describe("getConflictsScreen", () => {
  /** A contest with `judges` judges and `entries` entries, every judge in conflict with every entry by unit. */
  async function grid(judgeNames: string[], entries: number) {
    const c = await makeContest();
    const judges = [];
    for (const name of judgeNames) {
      const judge = await makeJudge(c.contest.id, { unit: "Công ty TNHH Minh Phát" });
      await prisma.user.update({ where: { id: judge.id }, data: { name } });
      judges.push({ ...judge, name });
    }
    const rows = [];
    for (let i = 0; i < entries; i++) rows.push(await makeEntry(c, [{ unit: "Công ty TNHH Minh Phát" }]));
    await refreshDetectedConflicts({ contestId: c.contest.id, actorId: null });
    return { ...c, judges, entries: rows };
  }

  it("pages pending rows first, then confirmed, then dismissed; counts per status; filters", async () => {
    const g = await grid(["Bùi Văn Bình", "Âu Thị Ánh"], 4); // 8 detections
    const all = await rowsOf(g.contest.id);
    const byEntry = (entryId: string) => all.filter((r) => r.entryId === entryId);
    for (const r of byEntry(g.entries[0]!.id)) await decideConflict({ conflictId: r.id, contestId: g.contest.id, decision: "DISMISSED", actorId: g.organizer.id });
    for (const r of byEntry(g.entries[1]!.id)) await decideConflict({ conflictId: r.id, contestId: g.contest.id, decision: "CONFIRMED", actorId: g.organizer.id });

    const pages = await Promise.all([1, 2, 3].map(async (page) => (await getConflictsScreen(g.contest.id, { page }, 3))!));
    expect(pages[0]!.counts).toEqual({ PENDING: 4, CONFIRMED: 2, DISMISSED: 2 });
    expect(pages.map((p) => [p.page, p.pageCount, p.total])).toEqual([
      [1, 3, 8],
      [2, 3, 8],
      [3, 3, 8],
    ]);
    const seen = pages.flatMap((p) => p.items.map((i) => i.status));
    expect(seen).toEqual(["PENDING", "PENDING", "PENDING", "PENDING", "CONFIRMED", "CONFIRMED", "DISMISSED", "DISMISSED"]);
    expect(new Set(pages.flatMap((p) => p.items.map((i) => i.id))).size).toBe(8);
    // Within one entry, judges in Vietnamese order (Â before B), not by bytes.
    const firstEntry = pages[0]!.items.filter((i) => i.entry.id === pages[0]!.items[0]!.entry.id);
    expect(firstEntry.map((i) => i.judge.name)).toEqual(["Âu Thị Ánh", "Bùi Văn Bình"]);
    // Past the end: the last page.
    expect((await getConflictsScreen(g.contest.id, { page: 99 }, 3))!.page).toBe(3);

    const dismissed = (await getConflictsScreen(g.contest.id, { status: "DISMISSED" }))!;
    expect(dismissed.items.map((i) => i.entry.id)).toEqual([g.entries[0]!.id, g.entries[0]!.id]);
    expect(dismissed.counts).toEqual({ PENDING: 4, CONFIRMED: 2, DISMISSED: 2 });
    const oneJudge = (await getConflictsScreen(g.contest.id, { judge: g.judges[0]!.id }))!;
    expect(oneJudge.total).toBe(4);
    expect(oneJudge.items.every((i) => i.judge.id === g.judges[0]!.id)).toBe(true);
    await declareConflict({ contestId: g.contest.id, judgeId: g.judges[1]!.id, entryId: g.entries[2]!.id, reason: "Người thân", actorId: g.judges[1]!.id });
    const declared = (await getConflictsScreen(g.contest.id, { source: "DECLARED" }))!;
    expect(declared.items.map((i) => [i.source, i.declaredReason])).toEqual([["DECLARED", "Người thân"]]);
    expect(declared.judges.map((j) => j.name)).toEqual(["Âu Thị Ánh", "Bùi Văn Bình"]);
    expect(await getConflictsScreen("khong-co", {})).toBeNull();
  });

  it("offers a select of the coded entries, or a code to type when there are too many", async () => {
    const c = await makeContest();
    const submitter = await createTestUser();
    const coded = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({
        contestId: c.contest.id,
        categoryId: c.categoryId,
        submitterId: submitter.id,
        title: `Bài ${from + i}`,
        status: "SUBMITTED" as const,
        entryCode: `CL-${String(from + i).padStart(4, "0")}`,
      }));
    await prisma.entry.createMany({ data: [...coded(2), { contestId: c.contest.id, categoryId: c.categoryId, submitterId: submitter.id, title: "Nháp" }] });
    expect((await getConflictsScreen(c.contest.id, {}))!.entries).toEqual({
      mode: "select",
      options: [
        { code: "CL-0000", title: "Bài 0" },
        { code: "CL-0001", title: "Bài 1" },
      ],
    });
    await prisma.entry.createMany({ data: coded(ENTRY_SELECT_MAX - 1, 2) });
    expect((await getConflictsScreen(c.contest.id, {}))!.entries).toEqual({ mode: "code", count: ENTRY_SELECT_MAX + 1, example: "0012" });
  });
});
