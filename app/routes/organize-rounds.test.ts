// The rounds, round and assignment pages of a contest: every loader and every intent refuses a
// signed-out visitor (403), and an entrant, a judge and a secretary of the contest and an
// organizer of another contest (404), while data that could leak exists (entry titles, judges'
// names) and nothing is written. Then the organizer's journey through the same routes.
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { ADVANCE_RULES, AGGREGATION_METHODS, SCORE_VISIBILITIES } from "#app/modules/panels/rounds.schema";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { getFixedT } from "#app/utils/i18n";
import { sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import * as assignmentPage from "./organize.$contestId.rounds.$roundId.assignment";
import * as roundPage from "./organize.$contestId.rounds.$roundId._index";
import * as roundsPage from "./organize.$contestId.rounds._index";

const SECRET_TITLE = "Bài dự thi tuyệt mật về chuyển đổi số";
const JUDGE_NAME = "Hoàng Thị Giám Khảo Bí Mật";
const ROUND_NAME = "Vòng sơ khảo kín";

type Who = "signedOut" | "entrant" | "judge" | "secretary" | "otherOrganizer";
const cookies: Record<Who | "organizer", string | undefined> = {
  signedOut: undefined,
  entrant: "",
  judge: "",
  secretary: "",
  otherOrganizer: "",
  organizer: "",
};
let contestId: string;
let otherContestId: string;
let roundId: string;
let panelId: string;
let judgeId: string;
let entryId: string;
let categoryId: string;

beforeAll(async () => {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ categories: ["Cán bộ"], rubric: true });
  contestId = contest.id;
  categoryId = categories[0]!.id;
  cookies.organizer = await sessionCookie(organizerId);
  const judge = await addContestMember(contestId, "JUDGE", { name: JUDGE_NAME });
  judgeId = judge.user.id;
  cookies.judge = judge.cookie;
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  const [entry] = await createTestEntries(contestId, categoryId, 1, {
    authors: () => [{ name: "Lê Văn Tác Giả" }],
  });
  await prisma.entry.update({ where: { id: entry!.id }, data: { title: SECRET_TITLE } });
  entryId = entry!.id;
  cookies.entrant = await sessionCookie(entry!.submitterId);
  const round = await createTestRound(contestId, { name: ROUND_NAME, rubricVersionId, readsPerEntry: 1 });
  roundId = round.id;
  const panel = await createTestPanel(roundId, { name: "Tiểu ban 1" });
  panelId = panel.id;
  await seatJudge(panelId, judgeId, { isChair: true });
  await placeEntries(roundId, panelId, [entryId]);
  await createTestAssignment(roundId, panelId, entryId, judgeId);
  const other = await createTestContest();
  otherContestId = other.contest.id;
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
});

/** Everything the refused requests could have written. */
async function snapshot() {
  const [rounds, panels, seats, roundEntries, assignments, audits] = await Promise.all([
    prisma.round.findMany({ orderBy: { id: "asc" } }),
    prisma.panel.findMany({ orderBy: { id: "asc" } }),
    prisma.panelJudge.findMany({ orderBy: { id: "asc" } }),
    prisma.roundEntry.findMany({ orderBy: { id: "asc" } }),
    prisma.assignment.findMany({ orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { rounds, panels, seats, roundEntries, assignments, audits };
}

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(body).not.toContain(SECRET_TITLE);
  expect(body).not.toContain(JUDGE_NAME);
  expect(body).not.toContain(ROUND_NAME);
}

const paths = {
  rounds: () => `/organize/${contestId}/rounds`,
  round: () => `/organize/${contestId}/rounds/${roundId}`,
  assignment: () => `/organize/${contestId}/rounds/${roundId}/assignment`,
};
const params = () => ({ contestId, roundId });

const loaders = [
  ["rounds page", () => roundsPage.loader, paths.rounds, ""],
  ["round page", () => roundPage.loader, paths.round, ""],
  ["assignment page", () => assignmentPage.loader, paths.assignment, ""],
  ["assignment preview", () => assignmentPage.loader, paths.assignment, "?preview=1&seed=1"],
] as const;

const validRound = { name: "Chung khảo", readsPerEntry: "3", advanceRule: "MANUAL", aggregation: "MEAN", scoreVisibility: "AFTER_OWN" };
type Action = (args: ActionFunctionArgs) => unknown;
const intents: [string, () => Action, () => string, () => Record<string, string>][] = [
  ["create round", () => roundsPage.action, paths.rounds, () => ({ intent: "create", ...validRound })],
  ["move round", () => roundsPage.action, paths.rounds, () => ({ intent: "move", roundId, direction: "down", position: "1" })],
  ["delete round", () => roundsPage.action, paths.rounds, () => ({ intent: "delete", roundId })],
  ["update round", () => roundPage.action, paths.round, () => ({ intent: "updateRound", ...validRound, revision: "x" })],
  ["create panel", () => roundPage.action, paths.round, () => ({ intent: "createPanel", name: "Tiểu ban mới" })],
  ["update panel", () => roundPage.action, paths.round, () => ({ intent: "updatePanel", panelId, name: "Đổi tên", revision: "x" })],
  ["delete panel", () => roundPage.action, paths.round, () => ({ intent: "deletePanel", panelId })],
  ["add judge", () => roundPage.action, paths.round, () => ({ intent: "addJudge", panelId, userId: judgeId })],
  ["set cap", () => roundPage.action, paths.round, () => ({ intent: "setCap", panelId, userId: judgeId, maxLoad: "2" })],
  ["set chair", () => roundPage.action, paths.round, () => ({ intent: "setChair", panelId, userId: judgeId })],
  ["remove judge", () => roundPage.action, paths.round, () => ({ intent: "removeJudge", panelId, userId: judgeId })],
  ["distribute", () => roundPage.action, paths.round, () => ({ intent: "distribute" })],
  ["apply", () => assignmentPage.action, paths.assignment, () => ({ intent: "apply", seed: "1", fingerprint: "0".repeat(64) })],
  ["manual add", () => assignmentPage.action, paths.assignment, () => ({ intent: "manualAdd", entryId, judgeId })],
  ["manual remove", () => assignmentPage.action, paths.assignment, () => ({ intent: "manualRemove", entryId, judgeId })],
];

const refusals: [Who, number][] = [
  ["signedOut", 403],
  ["entrant", 404],
  ["judge", 404],
  ["secretary", 404],
  ["otherOrganizer", 404],
];

describe("refusals", () => {
  for (const [name, loader, path, search] of loaders) {
    for (const [who, status] of refusals) {
      it(`${name}: ${who} gets ${status}`, async () => {
        const res = await load(loader(), path() + search, { cookie: cookies[who], params: params() });
        expect(res.status).toBe(status);
        if (who === "signedOut") expect(res.body).toBe(SIGN_IN_REQUIRED);
        expectNoLeak(res);
      });
    }
  }

  for (const [name, action, path, fields] of intents) {
    for (const [who, status] of refusals) {
      it(`${name}: ${who} gets ${status} and nothing is written`, async () => {
        const before = await snapshot();
        const res = await submit(action(), path(), fields(), { cookie: cookies[who], params: params() });
        expect(res.status).toBe(status);
        expectNoLeak(res);
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it("an organizer of another contest cannot reach this contest's round through their own contest", async () => {
    const cross = { contestId: otherContestId, roundId };
    const before = await snapshot();
    for (const [name, loader, path, search] of loaders) {
      const res = await load(loader(), path().replace(contestId, otherContestId) + search, { cookie: cookies.otherOrganizer, params: cross });
      // Their own contest's rounds page is theirs to see; it lists none of this contest's rounds.
      expect(res.status, name).toBe(name === "rounds page" ? 200 : 404);
      expectNoLeak(res);
    }
    for (const [name, action, path, fields] of intents) {
      if (name === "create round" || name === "move round") continue; // act on the other contest's own rounds
      const res = await submit(action(), path().replace(contestId, otherContestId), fields(), { cookie: cookies.otherOrganizer, params: cross });
      expect(res.status, name).toBe(404);
      expectNoLeak(res);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("labels", () => {
  it("names every advance rule, aggregation method and score visibility in both languages", () => {
    for (const lng of ["vi", "en"] as const) {
      const t = getFixedT(lng);
      for (const [group, values] of [
        ["advanceRule", ADVANCE_RULES],
        ["advanceSummary", ADVANCE_RULES],
        ["aggregation", AGGREGATION_METHODS],
        ["scoreVisibility", SCORE_VISIBILITIES],
      ] as const) {
        for (const value of values) expect(t(`rounds:${group}.${value}`), `${lng} ${group}.${value}`).not.toBe(`${group}.${value}`);
      }
    }
  });
});

type Body = Record<string, unknown> & { result?: { error?: Record<string, string[]> } };

describe("the organizer", () => {
  const as = { get cookie() { return cookies.organizer; } };
  const post = (action: Action, path: string, fields: Record<string, string>, p: Record<string, string> = params()) =>
    submit(action, path, fields, { cookie: as.cookie, params: p });

  it("sees the rounds with the next default name, and creates one; an empty name is a 400 with nothing saved", async () => {
    const page = await load(roundsPage.loader, paths.rounds(), { cookie: as.cookie, params: params() });
    expect(page.status).toBe(200);
    const body = page.body as { rounds: { name: string }[]; defaults: { name: string } };
    expect(body.rounds.map((r) => r.name)).toEqual([ROUND_NAME]);
    expect(body.defaults.name).toBe("Chung khảo");

    const count = await prisma.round.count({ where: { contestId } });
    const invalid = await post(roundsPage.action, paths.rounds(), { intent: "create", ...validRound, name: " " });
    expect(invalid.status).toBe(400);
    expect((invalid.body as Body).result?.error?.name).toEqual(["rounds:errors.nameRequired"]);
    const topN = await post(roundsPage.action, paths.rounds(), { intent: "create", ...validRound, advanceRule: "TOP_N" });
    expect(topN.status).toBe(400);
    expect((topN.body as Body).result?.error?.advanceValue).toEqual(["rounds:errors.topNRequired"]);
    expect(await prisma.round.count({ where: { contestId } })).toBe(count);

    const created = await post(roundsPage.action, paths.rounds(), { intent: "create", ...validRound, judgingDeadline: "2026-12-20T17:30" });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ notice: { key: "rounds:notices.created", values: { name: "Chung khảo" } } });
    const round = await prisma.round.findFirstOrThrow({ where: { contestId, name: "Chung khảo" } });
    expect(round.judgingDeadline?.toISOString()).toBe("2026-12-20T10:30:00.000Z");
    // Deleting it (no assignments) works from the same page; the first round has assignments and stays.
    expect((await post(roundsPage.action, paths.rounds(), { intent: "delete", roundId: round.id })).status).toBe(200);
    const refused = await post(roundsPage.action, paths.rounds(), { intent: "delete", roundId });
    expect(refused.status).toBe(409);
    expect((refused.body as Body).result?.error?.[""]).toEqual(["rounds:errors.roundHasAssignments"]);
  });

  it("edits the round from a fresh form and is told when the form is stale", async () => {
    const page = await load(roundPage.loader, paths.round(), { cookie: as.cookie, params: params() });
    const { round } = page.body as { round: { revision: string; fields: Record<string, unknown> } };
    const fields = { intent: "updateRound", ...validRound, name: ROUND_NAME, readsPerEntry: "1", revision: round.revision };
    const saved = await post(roundPage.action, paths.round(), { ...fields, spreadThreshold: "15" });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ notice: { key: "rounds:notices.saved" } });
    const stale = await post(roundPage.action, paths.round(), { ...fields, spreadThreshold: "20" });
    expect(stale.status).toBe(409);
    expect((stale.body as Body).result?.error?.[""]).toEqual(["rounds:errors.changedMeanwhile"]);
    expect(await prisma.round.findUniqueOrThrow({ where: { id: roundId } })).toMatchObject({ spreadThreshold: 15 });
  });

  it("builds panels, distributes entries, previews and applies an assignment; a judge drops out and only their entries move", async () => {
    // A second round with two panels of three judges and nine entries.
    const { contest, organizerId, categories } = await createTestContest({ categories: ["Sinh viên"] });
    const cookie = await sessionCookie(organizerId);
    const p = (id: string) => ({ contestId: contest.id, roundId: id });
    const postAs = (action: Action, path: string, fields: Record<string, string>, prm: Record<string, string>) =>
      submit(action, path, fields, { cookie, params: prm });
    const judges = [];
    for (let i = 1; i <= 6; i++) judges.push((await addContestMember(contest.id, "JUDGE", { name: `Giám khảo số ${i}` })).user);
    await createTestEntries(contest.id, categories[0]!.id, 9);
    const round = await createTestRound(contest.id, { name: "Sơ khảo", readsPerEntry: 2 });
    const roundPath = `/organize/${contest.id}/rounds/${round.id}`;

    for (const name of ["Tiểu ban 1", "Tiểu ban 2"]) {
      expect((await postAs(roundPage.action, roundPath, { intent: "createPanel", name }, p(round.id))).status).toBe(200);
    }
    const panels = await prisma.panel.findMany({ where: { roundId: round.id }, orderBy: { name: "asc" } });
    for (const [i, judge] of judges.entries()) {
      const res = await postAs(roundPage.action, roundPath, { intent: "addJudge", panelId: panels[i % 2]!.id, userId: judge.id }, p(round.id));
      expect(res.status).toBe(200);
    }
    const chair = await postAs(roundPage.action, roundPath, { intent: "setChair", panelId: panels[0]!.id, userId: judges[0]!.id }, p(round.id));
    expect(chair.status).toBe(200);
    const distributed = await postAs(roundPage.action, roundPath, { intent: "distribute" }, p(round.id));
    expect(distributed.status).toBe(200);
    expect((distributed.body as { distribution: { panels: { after: number }[] } }).distribution.panels.map((x) => x.after)).toEqual([5, 4]);

    const assignmentPath = `${roundPath}/assignment`;
    const previewed = await load(assignmentPage.loader, `${assignmentPath}?preview=1&seed=1`, { cookie, params: p(round.id) });
    expect(previewed.status).toBe(200);
    const preview = (previewed.body as { screen: { preview: { ok: true; fingerprint: string; added: number; changes: { rows: unknown[] } } } }).screen.preview;
    expect(preview).toMatchObject({ ok: true, added: 18 });
    expect(preview.changes.rows).toHaveLength(18);
    const applied = await postAs(assignmentPage.action, assignmentPath, { intent: "apply", seed: "1", fingerprint: preview.fingerprint }, p(round.id));
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ notice: { key: "rounds:notices.applied", values: { added: 18, removed: 0, kept: 0 } } });
    const again = await postAs(assignmentPage.action, assignmentPath, { intent: "apply", seed: "1", fingerprint: preview.fingerprint }, p(round.id));
    expect(again.status).toBe(409);
    expect((again.body as Body).result?.error?.[""]).toEqual(["rounds:errors.assignmentChanged"]);

    // The first judge of panel 1 drops out; the re-run moves exactly their entries.
    const leaving = judges[0]!;
    const theirs = await prisma.assignment.findMany({ where: { roundId: round.id, judgeId: leaving.id, status: "ACTIVE" }, select: { entryId: true } });
    expect(theirs.length).toBeGreaterThan(0);
    const removed = await postAs(roundPage.action, roundPath, { intent: "removeJudge", panelId: panels[0]!.id, userId: leaving.id }, p(round.id));
    expect(removed.status).toBe(200);
    const rerun = await load(assignmentPage.loader, `${assignmentPath}?preview=1&seed=1`, { cookie, params: p(round.id) });
    type Loads = { panelId: string; judges: { judgeId: string; before: number; after: number; left: boolean }[] }[];
    const second = (rerun.body as { screen: { preview: { ok: true; removed: number; added: number; panels: Loads; changes: { rows: { kind: string; entryId: string; judgeId: string }[] } } } }).screen.preview;
    // The judge who left still shows in the panel's loads, going down to 0.
    const leftRow = second.panels.find((x) => x.panelId === panels[0]!.id)!.judges.find((j) => j.judgeId === leaving.id);
    expect(leftRow).toMatchObject({ before: theirs.length, after: 0, left: true });
    expect(second.removed).toBe(theirs.length);
    expect(second.added).toBe(theirs.length);
    const removedRows = second.changes.rows.filter((r) => r.kind === "removed");
    expect(removedRows.every((r) => r.judgeId === leaving.id)).toBe(true);
    expect(second.changes.rows.filter((r) => r.kind === "added").map((r) => r.entryId).sort()).toEqual(theirs.map((t) => t.entryId).sort());

    // Manual overrides through the same page.
    const entry = theirs[0]!.entryId;
    const active = await prisma.assignment.findFirstOrThrow({ where: { roundId: round.id, entryId: entry, status: "ACTIVE", judgeId: { not: leaving.id } } });
    const manualRemove = await postAs(assignmentPage.action, assignmentPath, { intent: "manualRemove", entryId: entry, judgeId: active.judgeId }, p(round.id));
    expect(manualRemove.status).toBe(200);
    expect(await prisma.assignment.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ status: "REMOVED", source: "MANUAL" });
    const manualAdd = await postAs(assignmentPage.action, assignmentPath, { intent: "manualAdd", entryId: entry, judgeId: leaving.id }, p(round.id));
    expect(manualAdd.status).toBe(409);
    expect((manualAdd.body as Body).result?.error?.[""]).toEqual(["rounds:errors.manual.notOnPanel"]);
  });

  it("answers an invalid preview query with 400 and no preview", async () => {
    const res = await load(assignmentPage.loader, `${paths.assignment()}?preview=1&seed=-4`, { cookie: as.cookie, params: params() });
    expect(res.status).toBe(400);
    const body = res.body as { screen: { preview: unknown }; result: { error: Record<string, string[]> } };
    expect(body.screen.preview).toBeNull();
    expect(body.result.error.seed).toEqual(["rounds:errors.seedInvalid"]);
  });
});
