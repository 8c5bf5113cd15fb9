// The judge's scoring routes through their real loaders and actions: the desk (/judge/desk), the
// scoring page (/judge/sheets/:id), its autosave and the recusal page. Refusals for everyone but
// the assignment's judge (another judge of the panel, one of another panel of the round or of
// another contest, after a recusal, after submitting), with data present that could leak and
// nothing written; others' scores before one's own. (The search of
// every judge-facing answer and e-mail for authors' identities is ./judge-blindness.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestEntries, createTestVersion } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, placeEntries, seatJudge } from "#tests/factories/rounds";
import { createScoringContest, fullScores } from "#tests/factories/scoring";
import * as deskRoute from "./judge.desk";
import * as areaRoute from "./judge._index";
import * as sheetRoute from "./judge.sheets.$assignmentId";
import * as autosaveRoute from "./judge.sheets.$assignmentId_.autosave";
import * as recuseRoute from "./judge.sheets.$assignmentId_.recuse";

// What no judge may ever read: the authors' identities, the receipt's entry code, the file's name.
const AUTHOR = "Trịnh Thị Bí Danh Độc Nhất";
const UNIT = "Trường THPT Chuyên Lương Văn Tụy Ninh Bình";
const EMAIL = "bi-danh-doc-nhat@truong-luong-van-tuy.edu.vn";
const PHONE = "0987 654 321";
const FILE_NAME = "bai-du-thi-cua-trinh-thi-bi-danh.docx";
const CO_AUTHOR = "Quách Văn Đồng Tác Giả";
const ESSAY = `Tôi là ${AUTHOR}, giáo viên ${UNIT}. Liên hệ: ${EMAIL}, điện thoại ${PHONE}.\n\nCùng đồng chí ${CO_AUTHOR}, chúng tôi khẳng định nền tảng tư tưởng của Đảng là kim chỉ nam cho hành động.`;
const FORBIDDEN = [AUTHOR, "Bí Danh", UNIT, "Lương Văn Tụy", EMAIL, PHONE, "0987654321", FILE_NAME, CO_AUTHOR];

let s: Awaited<ReturnType<typeof createScoringContest>>;
const cookies = { judge: "", second: "", idle: "", entrant: "", secretary: "", organizer: "", otherOrganizer: "", otherJudge: "" };
let mine: string; // the judge's assignment on the distinctive entry

beforeAll(async () => {
  s = await createScoringContest({
    judges: 3,
    entries: 2,
    readsPerEntry: 2,
    authors: (i) =>
      i === 0
        ? [
            { name: AUTHOR, unit: UNIT, email: EMAIL, phone: PHONE },
            { name: CO_AUTHOR, unit: "Sở Giáo dục và Đào tạo Ninh Bình" },
          ]
        : [{ name: `Tác giả khác ${i}`, unit: "Đơn vị khác" }],
    text: (i) => (i === 0 ? ESSAY : "Một bài viết khác về bảo vệ nền tảng tư tưởng."),
    originalName: (i) => (i === 0 ? FILE_NAME : `khac-${i}.txt`),
  });
  await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: `Bài viết của ${AUTHOR}`, abstract: `Tác giả ${AUTHOR} (${UNIT}) trình bày...` } });
  mine = s.assignment(0, 0).id;
  cookies.judge = s.judges[0]!.cookie;
  cookies.second = s.judges[1]!.cookie;
  // The panel's third judge reads neither entry.
  cookies.idle = s.judges[2]!.cookie;
  cookies.entrant = await sessionCookie((await createTestUser()).id);
  cookies.secretary = (await addContestMember(s.contest.id, "SECRETARY")).cookie;
  cookies.organizer = await sessionCookie(s.organizerId);
  const other = await createScoringContest();
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
  cookies.otherJudge = other.judges[0]!.cookie;
});

const params = () => ({ assignmentId: mine });
const desk = (cookie?: string, search = "") => load(deskRoute.loader, `/judge/desk${search}`, { cookie });
const page = (cookie?: string, assignmentId = mine) => load(sheetRoute.loader, `/judge/sheets/${assignmentId}`, { cookie, params: { assignmentId } });
const post = (fields: Record<string, string>, cookie?: string) => submit(sheetRoute.action, `/judge/sheets/${mine}`, fields, { cookie, params: params() });
const autosave = (fields: Record<string, string>, cookie?: string) => submit(autosaveRoute.action, `/judge/sheets/${mine}/autosave`, fields, { cookie, params: params() });
const recusePage = (cookie?: string) => load(recuseRoute.loader, `/judge/sheets/${mine}/recuse`, { cookie, params: params() });
const recuse = (fields: Record<string, string>, cookie?: string) => submit(recuseRoute.action, `/judge/sheets/${mine}/recuse`, fields, { cookie, params: params() });

const scoreFields = (scores: Record<string, string>) => Object.fromEntries(Object.entries(scores).map(([id, v]) => [`scores.${id}`, v]));
const bodyText = (o: Outcome) => (typeof o.body === "string" ? o.body : JSON.stringify(o.body));

function expectBlind(outcome: Outcome, where: string) {
  const text = bodyText(outcome);
  for (const secret of FORBIDDEN) expect(text, `${where} contains ${secret}`).not.toContain(secret);
  for (const entry of s.entries) expect(text, `${where} contains an entry code`).not.toContain(entry.entryCode!);
}

async function snapshot() {
  return {
    sheets: await prisma.scoresheet.findMany({ orderBy: { id: "asc" }, include: { scores: { orderBy: { criterionId: "asc" } } } }),
    assignments: await prisma.assignment.findMany({ orderBy: { id: "asc" } }),
    conflicts: await prisma.conflictOfInterest.findMany({ orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.count(),
  };
}

describe("refusals", () => {
  it("refuses a signed-out visitor with 403 everywhere, writing nothing", async () => {
    const before = await snapshot();
    for (const res of [
      await desk(),
      await page(),
      await post({ intent: "save", expectedVersion: "0" }),
      await autosave({ expectedVersion: "0" }),
      await recusePage(),
      await recuse({ reason: "Người quen" }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toBe(SIGN_IN_REQUIRED);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses the desk with 403 to someone who judges nothing", async () => {
    for (const who of ["entrant", "secretary", "organizer", "otherOrganizer"] as const) {
      const res = await desk(cookies[who]);
      expect(res.status, who).toBe(403);
      expectBlind(res, `desk for ${who}`);
      expect(bodyText(res)).not.toContain(s.entries[0]!.anonymousCode!);
    }
  });

  for (const who of ["second", "idle", "entrant", "secretary", "organizer", "otherOrganizer", "otherJudge"] as const) {
    it(`answers ${who} 404 on the judge's sheet, its autosave and its recusal, writing nothing`, async () => {
      const before = await snapshot();
      const c0 = s.criteria[0]!.id;
      const answers = [
        await page(cookies[who]),
        await post({ intent: "save", expectedVersion: "0", [`scores.${c0}`]: "10" }, cookies[who]),
        await post({ intent: "submit", expectedVersion: "0", ...scoreFields(fullScores(s.criteria)) }, cookies[who]),
        await autosave({ expectedVersion: "0", [`scores.${c0}`]: "10" }, cookies[who]),
        await recusePage(cookies[who]),
        await recuse({ reason: "Tôi muốn chấm bài khác" }, cookies[who]),
      ];
      for (const res of answers) {
        expect(res.status, who).toBe(404);
        expectBlind(res, `answer to ${who}`);
        expect(bodyText(res)).not.toContain("kim chỉ nam");
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("shows the second judge only their own sheets on the desk", async () => {
    const res = await desk(cookies.idle);
    expect(res.status).toBe(200);
    const body = res.body as { desk: { contests: { rounds: { panels: { items: unknown[] }[] }[] }[] } };
    expect(body.desk.contests[0]!.rounds[0]!.panels[0]!.items).toEqual([]);
    expect(bodyText(res)).not.toContain(s.entries[0]!.anonymousCode!);
  });
});

describe("the judge scores through the routes", () => {
  it("autosaves, gets a conflict from a stale tab, saves and submits without JavaScript, and is then read-only", async () => {
    const c0 = s.criteria[0]!.id;
    const saved = await autosave({ expectedVersion: "0", [`scores.${c0}`]: "20,5", privateNote: "Cần đối chiếu số liệu" }, cookies.judge);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: "saved", sheet: { version: 1, points: { [c0]: 20.5 } } });

    const stale = await autosave({ expectedVersion: "0", [`scores.${c0}`]: "18" }, cookies.judge);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ status: "conflict", current: { version: 1, points: { [c0]: 20.5 }, privateNote: "Cần đối chiếu số liệu" } });

    const invalid = await autosave({ expectedVersion: "1", [`scores.${c0}`]: "26" }, cookies.judge);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ status: "invalid", fieldErrors: { [`scores.${c0}`]: ['scoring:errors.outOfRange|{"max":25}'] } });

    // The page's own form, posted without JavaScript.
    const draft = await post({ intent: "save", expectedVersion: "1", [`scores.${c0}`]: "21", privateNote: "Cần đối chiếu số liệu" }, cookies.judge);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ outcome: { status: "saved" } });
    const staleForm = await post({ intent: "save", expectedVersion: "1", [`scores.${c0}`]: "3" }, cookies.judge);
    expect(staleForm.status).toBe(409);
    expect(staleForm.body).toMatchObject({ outcome: { status: "conflict", current: { version: 2 } }, posted: { scores: { [c0]: "3" } } });

    const incomplete = await post({ intent: "submit", expectedVersion: "2", [`scores.${c0}`]: "21" }, cookies.judge);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ outcome: { status: "invalid" }, result: { error: { [`scores.${s.criteria[1]!.id}`]: ["scoring:errors.required"] } } });

    const done = await post({ intent: "submit", expectedVersion: "2", ...scoreFields(fullScores(s.criteria)) }, cookies.judge);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ outcome: { status: "submitted" } });
    const opened = await page(cookies.judge);
    expect(opened.body).toMatchObject({ opened: { access: { write: false, reason: "submitted" }, sheet: { status: "SUBMITTED" } } });

    const late = await autosave({ expectedVersion: "3", [`scores.${c0}`]: "1" }, cookies.judge);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ status: "readOnly", reason: "submitted" });
    // Nor through the page's form, as a draft or submitted again: nothing changes.
    const before = await snapshot();
    for (const intent of ["save", "submit"]) {
      const res = await post({ intent, expectedVersion: "3", ...scoreFields(fullScores(s.criteria, () => "1")) }, cookies.judge);
      expect(res.status, intent).toBe(409);
      expect(res.body).toMatchObject({ outcome: { status: "readOnly", reason: "submitted" } });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("recusal", () => {
  it("recuses through the page and names the entry on the desk by its anonymous code only", async () => {
    const other = s.assignment(1, 1).id;
    const res = await submit(recuseRoute.action, `/judge/sheets/${other}/recuse`, { reason: "Tôi đã đọc bài này trước cuộc thi" }, { cookie: cookies.second, params: { assignmentId: other } });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/judge/desk?recused=${other}`);
    const back = await desk(cookies.second, `?recused=${other}`);
    expect(back.body).toMatchObject({ recusedCode: s.entries[1]!.anonymousCode });
    expectBlind(back, "desk after recusal");
    expectBlind(await load(areaRoute.loader, "/judge", { cookie: cookies.second }), "judge area after recusal");
    // The entry is no longer theirs to read or score: 404 everywhere, nothing written.
    const before = await snapshot();
    const c0 = s.criteria[0]!.id;
    const opts = { cookie: cookies.second, params: { assignmentId: other } };
    for (const res of [
      await load(sheetRoute.loader, `/judge/sheets/${other}`, opts),
      await submit(sheetRoute.action, `/judge/sheets/${other}`, { intent: "save", expectedVersion: "0", [`scores.${c0}`]: "10" }, opts),
      await submit(sheetRoute.action, `/judge/sheets/${other}`, { intent: "submit", expectedVersion: "0", ...scoreFields(fullScores(s.criteria)) }, opts),
      await submit(autosaveRoute.action, `/judge/sheets/${other}/autosave`, { expectedVersion: "0", [`scores.${c0}`]: "10" }, opts),
      await load(recuseRoute.loader, `/judge/sheets/${other}/recuse`, opts),
      await submit(recuseRoute.action, `/judge/sheets/${other}/recuse`, { reason: "Lần nữa" }, opts),
    ]) {
      expect(res.status).toBe(404);
      expect(bodyText(res)).not.toContain(s.entries[1]!.anonymousCode!);
    }
    expect(await snapshot()).toEqual(before);
    // Someone else's recusal id in the address names nothing.
    expect((await desk(cookies.judge, `?recused=${other}`)).body).toMatchObject({ recusedCode: null });
    // A missing reason is a 400 with the field's error, nothing written.
    const unchanged = await snapshot();
    const empty = await recuse({ reason: "" }, cookies.judge);
    expect(empty.status).toBe(400);
    expect(await snapshot()).toEqual(unchanged);
  });
});

describe("another panel's judge, and others' scores before one's own", () => {
  it("answers a judge of another panel of the same round 404 both ways, writing nothing", async () => {
    const t = await createScoringContest({ judges: 2, entries: 1, readsPerEntry: 2 });
    const panel2 = await createTestPanel(t.round.id, { name: "Tiểu ban 2", categoryId: t.category.id });
    const judge2 = await addContestMember(t.contest.id, "JUDGE", { name: "Giám khảo tiểu ban 2" });
    await seatJudge(panel2.id, judge2.user.id);
    const [entry2] = await createTestEntries(t.contest.id, t.category.id, 1);
    await createTestVersion(entry2!.id, "Bài của tiểu ban hai về nền tảng tư tưởng.");
    await placeEntries(t.round.id, panel2.id, [entry2!.id]);
    const theirs = (await createTestAssignment(t.round.id, panel2.id, entry2!.id, judge2.user.id)).id;
    const c0 = t.criteria[0]!.id;
    const before = await snapshot();
    for (const [cookie, assignmentId, code] of [
      [judge2.cookie, t.assignment(0, 0).id, t.entries[0]!.anonymousCode!],
      [t.judges[0]!.cookie, theirs, entry2!.anonymousCode!],
    ] as const) {
      const opts = { cookie, params: { assignmentId } };
      for (const res of [
        await load(sheetRoute.loader, `/judge/sheets/${assignmentId}`, opts),
        await submit(sheetRoute.action, `/judge/sheets/${assignmentId}`, { intent: "submit", expectedVersion: "0", ...scoreFields(fullScores(t.criteria)) }, opts),
        await submit(autosaveRoute.action, `/judge/sheets/${assignmentId}/autosave`, { expectedVersion: "0", [`scores.${c0}`]: "10" }, opts),
        await load(recuseRoute.loader, `/judge/sheets/${assignmentId}/recuse`, opts),
        await submit(recuseRoute.action, `/judge/sheets/${assignmentId}/recuse`, { reason: "Không phải bài của tôi" }, opts),
      ]) {
        expect(res.status).toBe(404);
        expect(bodyText(res)).not.toContain(code);
      }
      const theirDesk = await load(deskRoute.loader, "/judge/desk", { cookie });
      expect(bodyText(theirDesk)).not.toContain(code);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("hides the other judge's submitted scores until the judge submits (after own), and always when the round says never", async () => {
    const t = await createScoringContest({ judges: 2, entries: 1, readsPerEntry: 2, scoreVisibility: "AFTER_OWN" });
    const [mineId, theirsId] = [t.assignment(0, 0).id, t.assignment(0, 1).id];
    const [me, them] = [t.judges[0]!.cookie, t.judges[1]!.cookie];
    const NOTE = "Ghi chú riêng của giám khảo thứ hai";
    const sheetOf = (cookie: string, assignmentId: string) => load(sheetRoute.loader, `/judge/sheets/${assignmentId}`, { cookie, params: { assignmentId } });
    const submitted = await submit(
      sheetRoute.action,
      `/judge/sheets/${theirsId}`,
      { intent: "submit", expectedVersion: "0", privateNote: NOTE, ...scoreFields(fullScores(t.criteria, (max) => String(max / 2))) },
      { cookie: them, params: { assignmentId: theirsId } },
    );
    expect(submitted.status).toBe(200);
    type Others = { opened: { others: { visible: boolean; sheets: { total: number }[] } } };
    const hidden = await sheetOf(me, mineId);
    expect((hidden.body as Others).opened.others).toMatchObject({ visible: false, sheets: [] });
    expect(bodyText(hidden)).not.toContain(NOTE);
    // A draft of one's own is not enough.
    await submit(autosaveRoute.action, `/judge/sheets/${mineId}/autosave`, { expectedVersion: "0", [`scores.${t.criteria[0]!.id}`]: "20" }, { cookie: me, params: { assignmentId: mineId } });
    expect(((await sheetOf(me, mineId)).body as Others).opened.others).toMatchObject({ visible: false, sheets: [] });
    await submit(sheetRoute.action, `/judge/sheets/${mineId}`, { intent: "submit", expectedVersion: "1", ...scoreFields(fullScores(t.criteria)) }, { cookie: me, params: { assignmentId: mineId } });
    const shown = await sheetOf(me, mineId);
    expect((shown.body as Others).opened.others.visible).toBe(true);
    expect((shown.body as Others).opened.others.sheets).toHaveLength(1);
    expect(bodyText(shown)).not.toContain(NOTE);

    await prisma.round.update({ where: { id: t.round.id }, data: { scoreVisibility: "NEVER" } });
    for (const [cookie, assignmentId] of [
      [me, mineId],
      [them, theirsId],
    ] as const) {
      expect(((await sheetOf(cookie, assignmentId)).body as Others).opened.others).toMatchObject({ visible: false, sheets: [] });
    }
  });
});
