import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { blankRubricTemplate, defaultRubricTemplate } from "./default-template";
import type { RubricDraftInput } from "./rubric-editor.schema";
import {
  createBlankRubric,
  createRubricFromTemplate,
  getRubricBuilder,
  getRubricForEditing,
  getRubricVersion,
  isContestRubric,
  listContestRubrics,
  lockRubricVersion,
  saveRubric,
  type RubricForEditing,
} from "./rubrics.server";

async function setup() {
  const owner = await createTestUser({ isOrganizer: true });
  const contest = await prisma.contest.create({
    data: { title: "Chính luận 2026", slug: `r-${crypto.randomBytes(4).toString("hex")}`, createdById: owner.id },
  });
  const rubric = await createRubricFromTemplate({ contestId: contest.id, language: "vi", actorId: owner.id });
  return { owner, contest, rubric };
}

/** The current criteria as a draft, reordered and edited by `edit`. */
function draftOf(rubric: RubricForEditing, edit: (d: RubricDraftInput) => void = () => {}): RubricDraftInput {
  const d: RubricDraftInput = {
    name: rubric.name,
    criteria: rubric.criteria.map(({ name, description, maxPoints, step, weight, levels }) => ({ name, description, maxPoints, step, weight, levels })),
  };
  edit(d);
  return d;
}

const tokens = (r: RubricForEditing) => ({ contestId: r.contestId, expectedVersionId: r.versionId, expectedRevision: r.revision });

/** A submitted scoresheet on the given version, with a score on each criterion. */
async function scoresheetOn(contestId: string, rubric: RubricForEditing) {
  const judge = await createTestUser();
  const entrant = await createTestUser();
  const category = await prisma.category.create({ data: { contestId, name: `Cán bộ ${crypto.randomBytes(2).toString("hex")}` } });
  const round = await prisma.round.create({ data: { contestId, position: 0, name: "Sơ khảo", rubricVersionId: rubric.versionId } });
  const panel = await prisma.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1" } });
  const entry = await prisma.entry.create({ data: { contestId, categoryId: category.id, submitterId: entrant.id, title: "Bài 1", status: "ELIGIBLE" } });
  const assignment = await prisma.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry.id, judgeId: judge.id } });
  const sheet = await prisma.$transaction(async (tx) => {
    await lockRubricVersion(tx, rubric.versionId);
    return tx.scoresheet.create({
      data: {
        assignmentId: assignment.id,
        rubricVersionId: rubric.versionId,
        status: "SUBMITTED",
        total: 80,
        scores: { create: rubric.criteria.map((c) => ({ criterionId: c.id, points: c.maxPoints * 0.8 })) },
      },
      include: { scores: true },
    });
  });
  return { sheet, round };
}

describe("createRubricFromTemplate", () => {
  it("makes version 1 with the template's five criteria, 100 points, in order", async () => {
    const { rubric, contest, owner } = await setup();
    expect(rubric).toMatchObject({ contestId: contest.id, version: 1, lockedAt: null, name: defaultRubricTemplate("vi").name });
    expect(rubric.criteria).toHaveLength(5);
    expect(rubric.criteria.map((c) => c.position)).toEqual([0, 1, 2, 3, 4]);
    expect(rubric.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    expect(rubric.criteria.map(({ name, description, maxPoints, step, weight, levels }) => ({ name, description, maxPoints, step, weight, levels }))).toEqual(
      defaultRubricTemplate("vi").criteria,
    );
    expect(await getRubricForEditing(rubric.rubricId)).toEqual(rubric);
    const rows = await prisma.auditLog.findMany({ where: { contestId: contest.id, action: "rubric.create" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: owner.id, targetType: "Rubric", targetId: rubric.rubricId });
  });

  it("speaks the contest's language", async () => {
    const { contest } = await setup();
    const en = await createRubricFromTemplate({ contestId: contest.id, language: "en", actorId: null });
    expect(en.criteria[0]!.name).toBe(defaultRubricTemplate("en").criteria[0]!.name);
  });
});

describe("createBlankRubric", () => {
  it("starts from one placeholder criterion in the contest's language, logged", async () => {
    const { contest, owner } = await setup();
    const vi = await createBlankRubric({ contestId: contest.id, actorId: owner.id, ip: "203.0.113.5" });
    expect(vi).toMatchObject({ contestId: contest.id, version: 1, lockedAt: null, name: blankRubricTemplate("vi").name });
    expect(vi!.criteria.map(({ name, description, maxPoints, step, weight, levels }) => ({ name, description, maxPoints, step, weight, levels }))).toEqual(
      blankRubricTemplate("vi").criteria,
    );
    const row = await prisma.auditLog.findFirstOrThrow({ where: { contestId: contest.id, action: "rubric.create", targetId: vi!.rubricId } });
    expect(JSON.parse(row.data)).toMatchObject({ version: 1, blank: true, language: "vi" });
    expect(row).toMatchObject({ actorId: owner.id, ip: "203.0.113.5" });

    await prisma.contest.update({ where: { id: contest.id }, data: { locale: "en" } });
    const en = await createBlankRubric({ contestId: contest.id, actorId: owner.id });
    expect(en!.name).toBe(blankRubricTemplate("en").name);
    expect(en!.criteria[0]!.name).toBe(blankRubricTemplate("en").criteria[0]!.name);
  });

  it("creates nothing for an unknown contest", async () => {
    const before = await prisma.rubric.count();
    expect(await createBlankRubric({ contestId: "nope", actorId: null })).toBeNull();
    expect(await prisma.rubric.count()).toBe(before);
  });
});

describe("saveRubric", () => {
  it("does not find a rubric through another contest", async () => {
    const { rubric } = await setup();
    const other = await setup();
    const result = await saveRubric({ ...tokens(rubric), contestId: other.contest.id, rubricId: rubric.rubricId, draft: draftOf(rubric, (d) => d.criteria.pop()), actorId: other.owner.id });
    expect(result).toEqual({ ok: false, reason: "rubrics:errors.notFound" });
    expect(await getRubricForEditing(rubric.rubricId)).toEqual(rubric);
    expect(await prisma.auditLog.count({ where: { action: "rubric.update" } })).toBe(0);
  });

  it("replaces the criteria of an unlocked version in place, in the draft's order, and logs before/after", async () => {
    const { rubric, owner, contest } = await setup();
    const draft = draftOf(rubric, (d) => {
      d.name = "Thang điểm sửa";
      d.criteria.reverse();
      d.criteria[0] = { ...d.criteria[0]!, name: "Hình thức", maxPoints: 15, weight: 2, levels: [] };
      d.criteria.pop();
    });
    const result = await saveRubric({ rubricId: rubric.rubricId, draft, actorId: owner.id, ip: "203.0.113.9", ...tokens(rubric) });
    expect(result).toMatchObject({ ok: true, outcome: "replaced" });
    if (!result.ok) throw new Error("unreachable");
    const after = await getRubricForEditing(rubric.rubricId);
    expect(after).toEqual(result.rubric);
    expect(after).toMatchObject({ versionId: rubric.versionId, version: 1, name: "Thang điểm sửa" });
    expect(after!.revision).not.toBe(rubric.revision);
    expect(after!.criteria.map((c) => [c.position, c.name, c.maxPoints, c.weight])).toEqual([
      [0, "Hình thức", 15, 2],
      [1, "Tính thực tiễn, thời sự", 20, 1],
      [2, "Tính chiến đấu, thuyết phục", 20, 1],
      [3, "Tính khoa học, lập luận", 25, 1],
    ]);
    expect(await prisma.rubricVersion.count({ where: { rubricId: rubric.rubricId } })).toBe(1);
    expect(await prisma.criterion.count({ where: { rubricVersionId: rubric.versionId } })).toBe(4);

    const rows = await prisma.auditLog.findMany({ where: { contestId: contest.id, action: "rubric.update" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: owner.id, targetType: "Rubric", targetId: rubric.rubricId, ip: "203.0.113.9" });
    const data = JSON.parse(rows[0]!.data);
    expect(data).toMatchObject({ versionId: rubric.versionId, version: 1, newVersion: false });
    expect(data.before.name).toBe(rubric.name);
    expect(data.before.criteria[0]).toEqual({ name: "Tư tưởng, quan điểm", maxPoints: 25, step: 0.5, weight: 1 });
    expect(data.after.criteria[0]).toEqual({ name: "Hình thức", maxPoints: 15, step: 0.5, weight: 2 });
    expect(data.after.criteria).toHaveLength(4);
  });

  it("after the version is locked, saves as version 2 and leaves version 1, its criteria and scoresheets untouched", async () => {
    const { rubric, owner, contest } = await setup();
    const { sheet, round } = await scoresheetOn(contest.id, rubric);
    const locked = (await getRubricForEditing(rubric.rubricId))!;
    expect(locked.lockedAt).toBeInstanceOf(Date);
    const v1Criteria = await prisma.criterion.findMany({ where: { rubricVersionId: rubric.versionId }, orderBy: { position: "asc" } });

    const draft = draftOf(locked, (d) => {
      d.criteria[0] = { ...d.criteria[0]!, maxPoints: 30, levels: [] };
    });
    const result = await saveRubric({ rubricId: rubric.rubricId, draft, actorId: owner.id, ...tokens(locked) });
    expect(result).toMatchObject({ ok: true, outcome: "newVersion" });
    if (!result.ok) throw new Error("unreachable");
    expect(result.rubric).toMatchObject({ version: 2, lockedAt: null });
    expect(result.rubric.versionId).not.toBe(rubric.versionId);
    expect(result.rubric.criteria.map((c) => c.maxPoints)).toEqual([30, 25, 20, 20, 10]);

    expect(await prisma.criterion.findMany({ where: { rubricVersionId: rubric.versionId }, orderBy: { position: "asc" } })).toEqual(v1Criteria);
    const v1 = await prisma.rubricVersion.findUniqueOrThrow({ where: { id: rubric.versionId } });
    expect(v1.lockedAt).toEqual(locked.lockedAt);
    expect(await prisma.scoresheet.findUniqueOrThrow({ where: { id: sheet.id }, include: { scores: true } })).toEqual(sheet);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: round.id } })).rubricVersionId).toBe(rubric.versionId);

    const rows = await prisma.auditLog.findMany({ where: { contestId: contest.id, action: "rubric.update" } });
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ versionId: result.rubric.versionId, version: 2, newVersion: true });

    // Version 2 is unlocked, so the next save edits it in place.
    const again = await saveRubric({ rubricId: rubric.rubricId, draft: draftOf(result.rubric, (d) => d.criteria.pop()), actorId: owner.id, ...tokens(result.rubric) });
    expect(again).toMatchObject({ ok: true, outcome: "replaced", rubric: { version: 2, versionId: result.rubric.versionId } });
  });

  it("refuses a stale version id or revision and changes nothing", async () => {
    const { rubric, owner, contest } = await setup();
    const first = await saveRubric({ rubricId: rubric.rubricId, draft: draftOf(rubric, (d) => d.criteria.pop()), actorId: owner.id, ...tokens(rubric) });
    expect(first.ok).toBe(true);
    const now = await getRubricForEditing(rubric.rubricId);

    // Same (unlocked) version id, but another editor saved meanwhile: the revision is stale.
    const stale = await saveRubric({ rubricId: rubric.rubricId, draft: draftOf(rubric), actorId: owner.id, ...tokens(rubric) });
    expect(stale).toEqual({ ok: false, reason: "rubrics:errors.changedMeanwhile", current: now });
    const otherVersion = await saveRubric({
      rubricId: rubric.rubricId,
      draft: draftOf(rubric),
      actorId: owner.id,
      contestId: contest.id,
      expectedVersionId: "someone-elses",
      expectedRevision: now!.revision,
    });
    expect(otherVersion).toMatchObject({ ok: false, reason: "rubrics:errors.changedMeanwhile" });
    expect(await getRubricForEditing(rubric.rubricId)).toEqual(now);
    expect(await prisma.auditLog.count({ where: { contestId: contest.id, action: "rubric.update" } })).toBe(1);
  });

  it("refuses an invalid draft and an unknown rubric without writing", async () => {
    const { rubric, owner, contest } = await setup();
    const invalid = await saveRubric({
      rubricId: rubric.rubricId,
      draft: draftOf(rubric, (d) => {
        d.criteria[0] = { ...d.criteria[0]!, step: 2 };
        d.criteria[1] = { ...d.criteria[1]!, name: "" };
      }),
      actorId: owner.id,
      ...tokens(rubric),
    });
    expect(invalid).toEqual({
      ok: false,
      reason: "rubrics:errors.invalid",
      fieldErrors: { "criteria.0.step": ["rubrics:errors.stepNotDivisor"], "criteria.1.name": ["rubrics:errors.nameRequired"] },
    });
    expect(await saveRubric({ rubricId: "nope", draft: draftOf(rubric), actorId: owner.id, ...tokens(rubric) })).toEqual({
      ok: false,
      reason: "rubrics:errors.notFound",
    });
    expect(await getRubricForEditing(rubric.rubricId)).toEqual(rubric);
    expect(await getRubricForEditing("nope")).toBeNull();
    expect(await prisma.auditLog.count({ where: { contestId: contest.id, action: "rubric.update" } })).toBe(0);
  });

  it("writes nothing for an unchanged draft, even on a locked version", async () => {
    const { rubric, owner, contest } = await setup();
    await prisma.$transaction((tx) => lockRubricVersion(tx, rubric.versionId));
    const locked = (await getRubricForEditing(rubric.rubricId))!;
    const result = await saveRubric({ rubricId: rubric.rubricId, draft: draftOf(locked), actorId: owner.id, ...tokens(locked) });
    expect(result).toEqual({ ok: true, outcome: "unchanged", rubric: locked });
    expect(await prisma.rubricVersion.count({ where: { rubricId: rubric.rubricId } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { contestId: contest.id, action: "rubric.update" } })).toBe(0);
  });

  it("never deletes scored criteria, even if the scoring module forgot to lock", async () => {
    const { rubric, owner, contest } = await setup();
    const { sheet } = await scoresheetOn(contest.id, rubric);
    await prisma.rubricVersion.update({ where: { id: rubric.versionId }, data: { lockedAt: null } });
    const current = (await getRubricForEditing(rubric.rubricId))!;
    const result = await saveRubric({ rubricId: rubric.rubricId, draft: draftOf(current, (d) => d.criteria.pop()), actorId: owner.id, ...tokens(current) });
    expect(result).toMatchObject({ ok: true, outcome: "newVersion", rubric: { version: 2 } });
    expect((await prisma.rubricVersion.findUniqueOrThrow({ where: { id: rubric.versionId } })).lockedAt).toBeInstanceOf(Date);
    expect(await prisma.score.count({ where: { scoresheetId: sheet.id } })).toBe(5);
  });
});

describe("lockRubricVersion", () => {
  it("sets lockedAt once", async () => {
    const { rubric } = await setup();
    const t1 = new Date("2026-05-01T03:00:00Z");
    expect(await prisma.$transaction((tx) => lockRubricVersion(tx, rubric.versionId, t1))).toBe(true);
    expect(await prisma.$transaction((tx) => lockRubricVersion(tx, rubric.versionId, new Date("2026-06-01T03:00:00Z")))).toBe(false);
    expect((await prisma.rubricVersion.findUniqueOrThrow({ where: { id: rubric.versionId } })).lockedAt).toEqual(t1);
    expect(await prisma.$transaction((tx) => lockRubricVersion(tx, "nope"))).toBe(false);
  });
});

describe("reading rubrics for the screens", () => {
  it("lists the contest's rubrics with their versions, totals, locks and rounds, and nothing of other contests", async () => {
    const { rubric, owner, contest } = await setup();
    const { round } = await scoresheetOn(contest.id, rubric);
    const locked = (await getRubricForEditing(rubric.rubricId))!;
    const saved = await saveRubric({ rubricId: rubric.rubricId, draft: draftOf(locked, (d) => d.criteria.pop()), actorId: owner.id, ...tokens(locked) });
    if (!saved.ok) throw new Error("unreachable");
    const blank = (await createBlankRubric({ contestId: contest.id, actorId: owner.id }))!;
    const other = await setup();

    const listed = await listContestRubrics(contest.id);
    expect(listed!.contest).toEqual({ id: contest.id, title: contest.title, language: "vi", timeZone: "Asia/Ho_Chi_Minh" });
    expect(listed!.rubrics.map((r) => r.id)).toEqual([rubric.rubricId, blank.rubricId]);
    const [first, second] = listed!.rubrics;
    expect(first!.versions).toEqual([
      { id: saved.rubric.versionId, version: 2, createdAt: expect.any(Date), lockedAt: null, criteriaCount: 4, totalPoints: 90, rounds: [], scoresheets: 0 },
      {
        id: rubric.versionId,
        version: 1,
        createdAt: expect.any(Date),
        lockedAt: locked.lockedAt,
        criteriaCount: 5,
        totalPoints: 100,
        rounds: [{ id: round.id, name: round.name }],
        scoresheets: 1,
      },
    ]);
    expect(second!.versions.map((v) => [v.version, v.criteriaCount, v.totalPoints])).toEqual([[1, 1, 10]]);
    expect(JSON.stringify(listed)).not.toContain(other.rubric.rubricId);
    expect(await listContestRubrics("nope")).toBeNull();
  });

  it("reads the builder and an older version only through the rubric's own contest", async () => {
    const { rubric, owner, contest } = await setup();
    await scoresheetOn(contest.id, rubric);
    const locked = (await getRubricForEditing(rubric.rubricId))!;
    const saved = await saveRubric({
      rubricId: rubric.rubricId,
      draft: draftOf(locked, (d) => {
        d.criteria[0] = { ...d.criteria[0]!, name: "Quan điểm (sửa)" };
      }),
      actorId: owner.id,
      ...tokens(locked),
    });
    if (!saved.ok) throw new Error("unreachable");
    const other = await setup();

    const builder = await getRubricBuilder(contest.id, rubric.rubricId);
    expect(builder!.rubric).toEqual(saved.rubric);
    expect(builder!.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(builder!.view).toBeNull();
    expect((await getRubricBuilder(contest.id, rubric.rubricId, 2))!.view).toBeNull();
    const old = await getRubricBuilder(contest.id, rubric.rubricId, 1);
    expect(old!.view).toMatchObject({ version: 1, id: rubric.versionId, criteria: rubric.criteria });
    expect(old!.rubric).toEqual(saved.rubric);
    expect(await getRubricBuilder(contest.id, rubric.rubricId, 3)).toBeNull();
    expect(await getRubricBuilder(other.contest.id, rubric.rubricId)).toBeNull();
    expect(await getRubricBuilder(other.contest.id, rubric.rubricId, 1)).toBeNull();
    expect(await isContestRubric(contest.id, rubric.rubricId)).toBe(true);
    expect(await isContestRubric(other.contest.id, rubric.rubricId)).toBe(false);

    const v1 = await getRubricVersion(contest.id, rubric.rubricId, 1);
    expect(v1).toMatchObject({ version: 1, id: rubric.versionId, lockedAt: locked.lockedAt, scoresheets: 1, name: rubric.name });
    expect(v1!.criteria).toEqual(rubric.criteria);
    expect((await getRubricVersion(contest.id, rubric.rubricId, 2))!.criteria[0]!.name).toBe("Quan điểm (sửa)");
    expect(await getRubricVersion(contest.id, rubric.rubricId, 3)).toBeNull();
    expect(await getRubricVersion(other.contest.id, rubric.rubricId, 1)).toBeNull();
  });
});
