// The rubric screens through their loaders and actions with real requests: the list and its
// create actions (template in both languages, blank), the builder's save (edit, reorder, invalid,
// stale, locked -> new version), list intents without JavaScript, reading an older version, and
// the refusals (signed out 403; an entrant, a judge, a secretary and another contest's organizer
// 404) with data present that must not leak and nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import type { RubricDraftInput } from "#app/modules/rubrics/rubric-editor.schema";
import { getRubricForEditing, lockRubricVersion, type RubricForEditing } from "#app/modules/rubrics/rubrics.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load as runLoader, submit, type Outcome } from "#tests/factories/requests";
import * as builderRoute from "./organize.$contestId.rubrics.$rubricId";
import * as listRoute from "./organize.$contestId.rubrics._index";

const SECRET_RUBRIC = "Thang điểm nội bộ vòng chung khảo";
const SECRET_CRITERION = "Tiêu chí bí mật về lập trường";

type Who = "organizer" | "entrant" | "judge" | "secretary" | "otherOrganizer";
const cookies = {} as Record<Who, string>;
const REFUSED = [
  ["entrant", "an entrant"],
  ["judge", "a judge of the contest"],
  ["secretary", "a secretary of the contest"],
  ["otherOrganizer", "an organizer of another contest"],
] as const satisfies readonly (readonly [Who, string])[];

let contestId: string;
let otherContestId: string;
let organizerId: string;
/** A rubric of the contest whose names must not leak. */
let secret: RubricForEditing;
/** A rubric of the other contest. */
let foreign: RubricForEditing;

async function makeRubric(contest: string, name: string, firstCriterion: string): Promise<RubricForEditing> {
  const template = defaultRubricTemplate("vi");
  template.criteria[0]!.name = firstCriterion;
  const rubric = await prisma.rubric.create({
    data: {
      contestId: contest,
      name,
      versions: {
        create: {
          version: 1,
          criteria: {
            create: template.criteria.map((c, position) => ({ ...c, position, levels: JSON.stringify(c.levels) })),
          },
        },
      },
    },
  });
  return (await getRubricForEditing(rubric.id))!;
}

beforeAll(async () => {
  const { contest, organizerId: orgId } = await createTestContest({ title: "Chính luận 2026", categories: ["Cán bộ, đảng viên"] });
  contestId = contest.id;
  organizerId = orgId;
  cookies.organizer = await sessionCookie(orgId);
  cookies.entrant = await sessionCookie((await createTestUser({ name: "Lê Văn Tác Giả" })).id);
  cookies.judge = (await addContestMember(contestId, "JUDGE", { name: "Phạm Giám Khảo" })).cookie;
  cookies.secretary = (await addContestMember(contestId, "SECRETARY", { name: "Đỗ Thư Ký" })).cookie;
  const other = await createTestContest({ title: "Cuộc thi khác" });
  otherContestId = other.contest.id;
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
  secret = await makeRubric(contestId, SECRET_RUBRIC, SECRET_CRITERION);
  foreign = await makeRubric(otherContestId, "Thang điểm của cuộc thi khác", "Tiêu chí của cuộc thi khác");
});

// ───────────────────────── helpers ─────────────────────────

const listPath = () => `/organize/${contestId}/rubrics`;
const builderPath = (rubricId: string) => `/organize/${contestId}/rubrics/${rubricId}`;

const loadList = (cookie?: string) => runLoader(listRoute.loader, listPath(), { cookie, params: { contestId } });
const create = (fields: Record<string, string>, cookie?: string) => submit(listRoute.action, listPath(), fields, { cookie, params: { contestId } });
const loadBuilder = (rubricId: string, cookie?: string, search = "") =>
  runLoader(builderRoute.loader, `${builderPath(rubricId)}${search}`, { cookie, params: { contestId, rubricId } });
const post = (rubricId: string, fields: Record<string, string>, cookie?: string) =>
  submit(builderRoute.action, builderPath(rubricId), fields, { cookie, params: { contestId, rubricId } });

function draftOf(rubric: RubricForEditing, edit: (d: RubricDraftInput) => void = () => {}): RubricDraftInput {
  const d: RubricDraftInput = {
    name: rubric.name,
    criteria: rubric.criteria.map(({ name, description, maxPoints, step, weight, levels }) => ({ name, description, maxPoints, step, weight, levels })),
  };
  edit(d);
  return d;
}

/** A draft as the builder's form posts it (field names as the form library writes them). */
function formFields(draft: RubricDraftInput, tokens: { versionId: string; revision: string }): Record<string, string> {
  const fields: Record<string, string> = { name: draft.name, expectedVersionId: tokens.versionId, expectedRevision: tokens.revision };
  draft.criteria.forEach((c, i) => {
    const p = `criteria[${i}]`;
    Object.assign(fields, {
      [`${p}.name`]: c.name,
      [`${p}.description`]: c.description ?? "",
      [`${p}.maxPoints`]: String(c.maxPoints),
      [`${p}.step`]: String(c.step),
      [`${p}.weight`]: String(c.weight),
    });
    (c.levels ?? []).forEach((l, j) => {
      Object.assign(fields, { [`${p}.levels[${j}].from`]: String(l.from), [`${p}.levels[${j}].to`]: String(l.to), [`${p}.levels[${j}].label`]: l.label });
    });
  });
  return fields;
}

const save = (rubric: RubricForEditing, edit?: (d: RubricDraftInput) => void, cookie = cookies.organizer) =>
  post(rubric.rubricId, formFields(draftOf(rubric, edit), rubric), cookie);

function bodyText(outcome: Outcome): string {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
}

function expectNoLeak(outcome: Outcome) {
  const text = bodyText(outcome);
  expect(text).not.toContain(SECRET_RUBRIC);
  expect(text).not.toContain(SECRET_CRITERION);
}

/** Everything the rubric screens could write, to compare before and after a refused request. */
async function snapshot() {
  return {
    rubrics: await prisma.rubric.findMany({ orderBy: { id: "asc" } }),
    versions: await prisma.rubricVersion.findMany({ orderBy: { id: "asc" } }),
    criteria: await prisma.criterion.findMany({ orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count({ where: { action: { startsWith: "rubric." } } }),
  };
}

/** A fresh rubric of the contest from the template, through the list's action. */
async function freshRubric(language: "vi" | "en" = "vi"): Promise<RubricForEditing> {
  const res = await create({ intent: "template", language }, cookies.organizer);
  expect(res.status).toBe(302);
  return (await getRubricForEditing(res.location!.split("/").pop()!))!;
}

/** A submitted scoresheet on the rubric's latest version, which locks it. */
async function scoresheetOn(rubric: RubricForEditing) {
  const category = await prisma.category.findFirstOrThrow({ where: { contestId } });
  const [entry] = await createTestEntries(contestId, category.id, 1);
  const judge = await createTestUser();
  const position = await prisma.round.count({ where: { contestId } });
  const round = await prisma.round.create({ data: { contestId, position, name: `Sơ khảo ${position + 1}`, rubricVersionId: rubric.versionId } });
  const panel = await prisma.panel.create({ data: { roundId: round.id, name: "Tiểu ban 1" } });
  const assignment = await prisma.assignment.create({ data: { roundId: round.id, panelId: panel.id, entryId: entry!.id, judgeId: judge.id } });
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
      include: { scores: { orderBy: { criterionId: "asc" } } },
    });
  });
  return { sheet, round };
}

const readSheet = (id: string) => prisma.scoresheet.findUniqueOrThrow({ where: { id }, include: { scores: { orderBy: { criterionId: "asc" } } } });
const criteriaOf = (versionId: string) => prisma.criterion.findMany({ where: { rubricVersionId: versionId }, orderBy: { position: "asc" } });

interface ActionBody {
  result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null; intent?: unknown };
  saved: { outcome: string; version: number } | null;
  current: { version: number; name: string; criteria: { name: string; maxPoints: number }[] } | null;
}

// ───────────────────────── the list ─────────────────────────

describe("the rubric list", () => {
  it("shows the organizer each rubric's versions, and nothing of another contest", async () => {
    const res = await loadList(cookies.organizer);
    expect(res.status).toBe(200);
    const body = res.body as { contest: { language: string }; rubrics: { id: string; name: string; versions: { criteriaCount: number; totalPoints: number; lockedAt: unknown }[] }[] };
    expect(body.contest.language).toBe("vi");
    const listed = body.rubrics.find((r) => r.id === secret.rubricId);
    expect(listed).toMatchObject({ name: SECRET_RUBRIC, versions: [{ criteriaCount: 5, totalPoints: 100, lockedAt: null }] });
    expect(bodyText(res)).not.toContain(foreign.rubricId);
  });

  it("refuses a signed-out visitor with 403, on the page and the action", async () => {
    const before = await snapshot();
    const page = await loadList();
    expect(page.status).toBe(403);
    expect(page.body).toBe(SIGN_IN_REQUIRED);
    const created = await create({ intent: "blank" });
    expect(created.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  for (const [who, label] of REFUSED) {
    it(`answers 404 to ${label}, on the page and both create actions, and writes nothing`, async () => {
      const before = await snapshot();
      const page = await loadList(cookies[who]);
      expect(page.status).toBe(404);
      expectNoLeak(page);
      for (const fields of [{ intent: "template", language: "vi" }, { intent: "blank" }] as Record<string, string>[]) {
        const res = await create(fields, cookies[who]);
        expect(res.status).toBe(404);
        expectNoLeak(res);
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("creates from the default template in the contest's language and in the other one, logged", async () => {
    for (const language of ["vi", "en"] as const) {
      const res = await create({ intent: "template", language }, cookies.organizer);
      expect(res.status).toBe(302);
      const rubricId = res.location!.split("/").pop()!;
      expect(res.location).toBe(builderPath(rubricId));
      const rubric = (await getRubricForEditing(rubricId))!;
      const template = defaultRubricTemplate(language);
      expect(rubric).toMatchObject({ contestId, version: 1, name: template.name, lockedAt: null });
      expect(rubric.criteria.map((c) => [c.name, c.description, c.maxPoints, c.step, c.weight, c.levels])).toEqual(
        template.criteria.map((c) => [c.name, c.description, c.maxPoints, c.step, c.weight, c.levels]),
      );
      const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "rubric.create", targetId: rubricId } });
      expect(log).toMatchObject({ actorId: organizerId, contestId, ip: "203.0.113.7" });
      expect(JSON.parse(log.data)).toMatchObject({ template: language });
    }
  });

  it("creates a blank rubric in the contest's language", async () => {
    await prisma.contest.update({ where: { id: contestId }, data: { locale: "en" } });
    try {
      const res = await create({ intent: "blank" }, cookies.organizer);
      expect(res.status).toBe(302);
      const rubric = (await getRubricForEditing(res.location!.split("/").pop()!))!;
      expect(rubric.name).toBe("New rubric");
      expect(rubric.criteria.map((c) => [c.name, c.maxPoints])).toEqual([["Criterion 1", 10]]);
      const list = (await loadList(cookies.organizer)).body as { contest: { language: string } };
      expect(list.contest.language).toBe("en");
    } finally {
      await prisma.contest.update({ where: { id: contestId }, data: { locale: "vi" } });
    }
  });

  it("answers an unknown intent or language with 400 and creates nothing", async () => {
    const before = await snapshot();
    for (const fields of [{ intent: "template", language: "fr" }, { intent: "copy" }, {}] as Record<string, string>[]) {
      const res = await create(fields, cookies.organizer);
      expect(res.status).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });
});

// ───────────────────────── the builder ─────────────────────────

describe("the rubric builder", () => {
  it("shows the organizer the latest version with its history", async () => {
    const res = await loadBuilder(secret.rubricId, cookies.organizer);
    expect(res.status).toBe(200);
    const body = res.body as { rubric: RubricForEditing; versions: { version: number }[]; view: unknown };
    expect(body.rubric).toMatchObject({ rubricId: secret.rubricId, versionId: secret.versionId, revision: secret.revision, name: SECRET_RUBRIC });
    expect(body.rubric.criteria[0]!.name).toBe(SECRET_CRITERION);
    expect(body.versions.map((v) => v.version)).toEqual([1]);
    expect(body.view).toBeNull();
  });

  it("refuses a signed-out visitor with 403, on the page and on saving", async () => {
    const before = await snapshot();
    const page = await loadBuilder(secret.rubricId);
    expect(page.status).toBe(403);
    expect(page.body).toBe(SIGN_IN_REQUIRED);
    const res = await save(secret, (d) => d.criteria.pop(), "");
    expect(res.status).toBe(403);
    expectNoLeak(res);
    expect(await snapshot()).toEqual(before);
  });

  for (const [who, label] of REFUSED) {
    it(`answers 404 to ${label}, on the page, an older version, saving and list intents, and writes nothing`, async () => {
      const before = await snapshot();
      for (const search of ["", "?version=1"]) {
        const page = await loadBuilder(secret.rubricId, cookies[who], search);
        expect(page.status).toBe(404);
        expectNoLeak(page);
      }
      const saved = await save(secret, (d) => (d.criteria[0]!.name = "Sửa trái phép"), cookies[who]);
      expect(saved.status).toBe(404);
      expectNoLeak(saved);
      const intent = await post(secret.rubricId, { ...formFields(draftOf(secret), secret), __intent__: JSON.stringify({ type: "remove", payload: { name: "criteria", index: 0 } }) }, cookies[who]);
      expect(intent.status).toBe(404);
      expectNoLeak(intent);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("answers 404 to this contest's organizer for a rubric of another contest, and changes nothing", async () => {
    const before = await snapshot();
    expect((await loadBuilder(foreign.rubricId, cookies.organizer)).status).toBe(404);
    const saved = await post(foreign.rubricId, formFields(draftOf(foreign, (d) => d.criteria.pop()), foreign), cookies.organizer);
    expect(saved.status).toBe(404);
    const intent = await post(foreign.rubricId, { ...formFields(draftOf(foreign), foreign), __intent__: JSON.stringify({ type: "remove", payload: { name: "criteria", index: 0 } }) }, cookies.organizer);
    expect(intent.status).toBe(404);
    expect(bodyText(intent)).not.toContain("Tiêu chí của cuộc thi khác");
    expect(await snapshot()).toEqual(before);
  });

  it("saves an edited criterion and the rubric's name in place, logged", async () => {
    const rubric = await freshRubric();
    const res = await save(rubric, (d) => {
      d.name = "Thang điểm vòng sơ khảo";
      d.criteria[1] = { ...d.criteria[1]!, name: "Lập luận chặt chẽ", maxPoints: 30, levels: [{ from: 0, to: 30, label: "Mọi mức" }] };
    });
    expect(res.status).toBe(200);
    expect((res.body as ActionBody).saved).toEqual({ outcome: "replaced", version: 1 });
    expect((res.body as ActionBody).result.initialValue).toBeNull(); // the form returns to what is saved
    const after = (await getRubricForEditing(rubric.rubricId))!;
    expect(after).toMatchObject({ versionId: rubric.versionId, version: 1, name: "Thang điểm vòng sơ khảo" });
    expect(after.criteria[1]).toMatchObject({ name: "Lập luận chặt chẽ", maxPoints: 30, levels: [{ from: 0, to: 30, label: "Mọi mức" }] });
    expect(after.revision).not.toBe(rubric.revision);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "rubric.update", targetId: rubric.rubricId } });
    expect(log).toMatchObject({ actorId: organizerId, contestId });
    expect(JSON.parse(log.data)).toMatchObject({ version: 1, newVersion: false });
  });

  it("persists a new order of the criteria", async () => {
    const rubric = await freshRubric();
    const names = rubric.criteria.map((c) => c.name);
    const res = await save(rubric, (d) => {
      const [first, second] = d.criteria;
      d.criteria[0] = second!;
      d.criteria[1] = first!;
    });
    expect(res.status).toBe(200);
    const rows = await criteriaOf(rubric.versionId);
    expect(rows.map((c) => c.name)).toEqual([names[1], names[0], ...names.slice(2)]);
    expect(rows.map((c) => c.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it("applies add, remove and reorder without JavaScript by sending the list back, saving nothing", async () => {
    const rubric = await freshRubric();
    const before = await snapshot();
    const base = formFields(draftOf(rubric), rubric);
    const intents = [
      { type: "reorder", payload: { name: "criteria", from: 0, to: 1 } },
      { type: "remove", payload: { name: "criteria", index: 4 } },
      { type: "insert", payload: { name: "criteria", defaultValue: { name: "", maxPoints: "10", step: "0.5", weight: "1" } } },
      { type: "remove", payload: { name: "criteria[0].levels", index: 3 } },
    ];
    const replies = [];
    for (const intent of intents) {
      const res = await post(rubric.rubricId, { ...base, __intent__: JSON.stringify(intent) }, cookies.organizer);
      expect(res.status).toBe(200);
      replies.push((res.body as ActionBody).result.initialValue as { criteria: { name?: string; levels?: unknown[] }[] });
    }
    const names = rubric.criteria.map((c) => c.name);
    expect(replies[0]!.criteria.map((c) => c.name)).toEqual([names[1], names[0], ...names.slice(2)]);
    expect(replies[1]!.criteria.map((c) => c.name)).toEqual(names.slice(0, 4));
    expect(replies[2]!.criteria).toHaveLength(6);
    expect(replies[2]!.criteria[5]!.name).toBeUndefined();
    expect(replies[3]!.criteria[0]!.levels).toHaveLength(3);
    expect(await snapshot()).toEqual(before);
  });

  it("answers an invalid draft with 400 and field errors, and saves nothing", async () => {
    const rubric = await freshRubric();
    const before = await snapshot();
    const res = await save(rubric, (d) => {
      d.name = " ";
      d.criteria[0] = { ...d.criteria[0]!, step: 2 };
      d.criteria[1] = { ...d.criteria[1]!, name: "" };
      d.criteria[2] = { ...d.criteria[2]!, levels: [{ from: 5, to: 1, label: "Ngược" }] };
    });
    expect(res.status).toBe(400);
    const { result, saved } = res.body as ActionBody;
    expect(saved).toBeNull();
    expect(result.error).toMatchObject({
      name: ["rubrics:errors.rubricNameRequired"],
      "criteria[0].step": ["rubrics:errors.stepNotDivisor"],
      "criteria[1].name": ["rubrics:errors.nameRequired"],
      "criteria[2].levels[0]": ["rubrics:errors.levelOutOfRange"],
    });
    const notNumber = await post(rubric.rubricId, { ...formFields(draftOf(rubric), rubric), "criteria[3].maxPoints": "hai mươi" }, cookies.organizer);
    expect(notNumber.status).toBe(400);
    expect((notNumber.body as ActionBody).result.error?.["criteria[3].maxPoints"]).toEqual(["rubrics:errors.notANumber"]);
    const none = await post(rubric.rubricId, { name: "Trống", expectedVersionId: rubric.versionId, expectedRevision: rubric.revision }, cookies.organizer);
    expect(none.status).toBe(400);
    expect((none.body as ActionBody).result.error?.criteria).toEqual(["rubrics:errors.tooFewCriteria"]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a save from a stale page with 409, keeps what was typed, shows what is saved, and writes nothing", async () => {
    const rubric = await freshRubric();
    const first = await save(rubric, (d) => (d.criteria[0]!.name = "Bản của người thứ nhất"));
    expect(first.status).toBe(200);
    const before = await snapshot();

    const stale = await save(rubric, (d) => (d.criteria[0]!.name = "Bản của người thứ hai"));
    expect(stale.status).toBe(409);
    const body = stale.body as ActionBody;
    expect(body.result.error?.[""]).toEqual(["rubrics:errors.changedMeanwhile"]);
    expect((body.result.initialValue as { criteria: { name: string }[] }).criteria[0]!.name).toBe("Bản của người thứ hai");
    expect(body.current).toMatchObject({ version: 1, name: rubric.name });
    expect(body.current!.criteria.map((c) => c.name)).toEqual(["Bản của người thứ nhất", ...rubric.criteria.slice(1).map((c) => c.name)]);
    expect(body.saved).toBeNull();
    const missing = await post(rubric.rubricId, { ...formFields(draftOf(rubric), rubric), expectedRevision: "" }, cookies.organizer);
    expect(missing.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect((await criteriaOf(rubric.versionId))[0]!.name).toBe("Bản của người thứ nhất");
  });

  it("saves onto a locked version as the next version, leaving the old criteria and its scoresheet unchanged", async () => {
    const rubric = await freshRubric();
    const { sheet, round } = await scoresheetOn(rubric);
    const locked = (await getRubricForEditing(rubric.rubricId))!;
    expect(locked.lockedAt).not.toBeNull();
    const page = (await loadBuilder(rubric.rubricId, cookies.organizer)).body as { rubric: { lockedAt: unknown; version: number } };
    expect(page.rubric).toMatchObject({ version: 1, lockedAt: expect.any(String) });
    const v1 = await criteriaOf(rubric.versionId);

    const res = await save(locked, (d) => (d.criteria[0] = { ...d.criteria[0]!, maxPoints: 30, levels: [] }));
    expect(res.status).toBe(200);
    expect((res.body as ActionBody).saved).toEqual({ outcome: "newVersion", version: 2 });
    const latest = (await getRubricForEditing(rubric.rubricId))!;
    expect(latest).toMatchObject({ version: 2, lockedAt: null });
    expect(latest.criteria.map((c) => c.maxPoints)).toEqual([30, 25, 20, 20, 10]);
    expect(await criteriaOf(rubric.versionId)).toEqual(v1);
    expect(await readSheet(sheet.id)).toEqual(sheet);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: round.id } })).rubricVersionId).toBe(rubric.versionId);

    // The history lists both; version 1 opens read-only with its own criteria.
    const older = (await loadBuilder(rubric.rubricId, cookies.organizer, "?version=1")).body as {
      versions: { version: number; lockedAt: unknown; rounds: { name: string }[] }[];
      view: { version: number; criteria: { maxPoints: number }[] };
    };
    expect(older.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(older.versions[1]).toMatchObject({ lockedAt: expect.any(String), rounds: [{ name: round.name }] });
    expect(older.view.criteria.map((c) => c.maxPoints)).toEqual([25, 25, 20, 20, 10]);
    expect((await loadBuilder(rubric.rubricId, cookies.organizer, "?version=2")).body).toMatchObject({ view: null });
    for (const search of ["?version=3", "?version=0", "?version=mot"]) {
      expect((await loadBuilder(rubric.rubricId, cookies.organizer, search)).status).toBe(404);
    }
  });

  it("refuses a crafted save against a locked version's id: its criteria and every scoresheet's total stay", async () => {
    const rubric = await freshRubric();
    const { sheet } = await scoresheetOn(rubric);
    const locked = (await getRubricForEditing(rubric.rubricId))!;
    const moved = await save(locked, (d) => d.criteria.pop());
    expect((moved.body as ActionBody).saved).toEqual({ outcome: "newVersion", version: 2 });
    const v1 = await criteriaOf(rubric.versionId);
    const before = await snapshot();

    // The old page's tokens name version 1: refused, nothing written.
    const crafted = await post(
      rubric.rubricId,
      formFields(
        draftOf(locked, (d) => {
          d.criteria[0] = { ...d.criteria[0]!, maxPoints: 50, levels: [] };
        }),
        locked,
      ),
      cookies.organizer,
    );
    expect(crafted.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    expect(await criteriaOf(rubric.versionId)).toEqual(v1);
    expect(await readSheet(sheet.id)).toEqual(sheet);
    expect((await readSheet(sheet.id)).total).toBe(80);
  });
});
