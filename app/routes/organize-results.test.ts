// The organizer's results area: every loader and every intent refuses a signed-out visitor (403),
// and an entrant, a judge and a secretary of the contest and an organizer of another contest (404),
// while data that could leak exists (titles, authors, judges' names, private notes) and nothing is
// written. Then the organizer's journey: the ranking, deciding a boundary tie (400 without a reason,
// 409 on a stale page), publishing, and a correction.
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import { createJudgedContest } from "#tests/factories/results";
import * as breakdownPage from "./organize.$contestId.results.$roundId.$entryId";
import * as roundPage from "./organize.$contestId.results.$roundId._index";
import * as overviewPage from "./organize.$contestId.results._index";

const SECRET_TITLE = "Bài dự thi tuyệt mật về kinh tế số";
const SECRET_AUTHOR = "Trịnh Thị Tác Giả Kín";
const JUDGE_NAME = "Lương Văn Giám Khảo Kín";
const PRIVATE_NOTE = "Ghi chú riêng không được lộ";
const TOTALS = [95, 85, 85, 70];

type Who = "signedOut" | "entrant" | "judge" | "secretary" | "otherOrganizer";
const cookies: Record<Who | "organizer", string | undefined> = { signedOut: undefined, entrant: "", judge: "", secretary: "", otherOrganizer: "", organizer: "" };
let s: Awaited<ReturnType<typeof createJudgedContest>>;

beforeAll(async () => {
  s = await createJudgedContest({
    entries: TOTALS.length,
    points: (i) => TOTALS[i]!,
    judgeNames: [JUDGE_NAME, "Giám khảo B", "Giám khảo C"],
    privateNote: () => PRIVATE_NOTE,
  });
  await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: SECRET_TITLE } });
  await prisma.entryAuthor.updateMany({ where: { entryId: s.entries[0]!.id }, data: { name: SECRET_AUTHOR } });
  // Nhì has one place here, so the two 85s straddle Nhì and Ba.
  await prisma.prizeTier.updateMany({ where: { categoryId: s.categories[0]!.id, rank: 2 }, data: { count: 1 } });
  cookies.organizer = await sessionCookie(s.organizerId);
  cookies.entrant = await sessionCookie(s.entries[0]!.submitterId);
  cookies.judge = await sessionCookie(s.judges[0]!.id);
  cookies.secretary = (await addContestMember(s.contest.id, "SECRETARY")).cookie;
  cookies.otherOrganizer = await sessionCookie((await createTestContest()).organizerId);
});

async function snapshot() {
  const [contests, awards, publications, certificates, roundEntries, audits] = await Promise.all([
    prisma.contest.findMany({ orderBy: { id: "asc" } }),
    prisma.award.findMany({ orderBy: { id: "asc" } }),
    prisma.publication.findMany({ orderBy: { id: "asc" } }),
    prisma.certificate.findMany({ orderBy: { id: "asc" } }),
    prisma.roundEntry.findMany({ orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { contests, awards, publications, certificates, roundEntries, audits };
}

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  for (const secret of [SECRET_TITLE, SECRET_AUTHOR, JUDGE_NAME, PRIVATE_NOTE]) expect(body).not.toContain(secret);
}

const paths = {
  overview: () => `/organize/${s.contest.id}/results`,
  round: () => `/organize/${s.contest.id}/results/${s.round.id}`,
  breakdown: () => `/organize/${s.contest.id}/results/${s.round.id}/${s.entries[0]!.id}`,
};
const params = () => ({ contestId: s.contest.id, roundId: s.round.id, entryId: s.entries[0]!.id });

const loaders = [
  ["results overview", () => overviewPage.loader, paths.overview],
  ["round ranking", () => roundPage.loader, paths.round],
  ["entry breakdown", () => breakdownPage.loader, paths.breakdown],
] as const;

type Action = (args: ActionFunctionArgs) => unknown;
const tied = () => [s.entries[1]!.id, s.entries[2]!.id];
const intents: [string, () => Action, () => string, () => Record<string, string>][] = [
  ["tie-break", () => overviewPage.action, paths.overview, () => ({ intent: "tieBreak", expected: "[]", "steps[0]": "topMarks" })],
  ["publish", () => overviewPage.action, paths.overview, () => ({ intent: "publish", fingerprint: "a".repeat(64), showScores: "on" })],
  ["reopen", () => overviewPage.action, paths.overview, () => ({ intent: "reopen" })],
  [
    "decide",
    () => roundPage.action,
    paths.round,
    () => ({
      intent: "decide",
      categoryId: s.categories[0]!.id,
      "entryIds[0]": tied()[0]!,
      "entryIds[1]": tied()[1]!,
      "places[0]": "1",
      "places[1]": "2",
      reason: "Biên bản",
      fingerprint: "a".repeat(64),
    }),
  ],
  ["advance", () => roundPage.action, paths.round, () => ({ intent: "advance", fingerprint: "a".repeat(64) })],
];

const refusals: [Who, number][] = [
  ["signedOut", 403],
  ["entrant", 404],
  ["judge", 404],
  ["secretary", 404],
  ["otherOrganizer", 404],
];

describe("refusals", () => {
  for (const [name, loader, path] of loaders) {
    for (const [who, status] of refusals) {
      it(`${name}: ${who} gets ${status}`, async () => {
        const res = await load(loader(), path(), { cookie: cookies[who], params: params() });
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

  it("a round or entry of another contest is 404 even for an organizer", async () => {
    const other = await createJudgedContest({ entries: 1, points: () => 50 });
    const foreign = { contestId: s.contest.id, roundId: other.round.id, entryId: other.entries[0]!.id };
    expect((await load(roundPage.loader, paths.round(), { cookie: cookies.organizer, params: foreign })).status).toBe(404);
    expect((await load(breakdownPage.loader, paths.breakdown(), { cookie: cookies.organizer, params: foreign })).status).toBe(404);
    expect((await load(breakdownPage.loader, paths.breakdown(), { cookie: cookies.organizer, params: { ...params(), entryId: other.entries[0]!.id } })).status).toBe(404);
  });
});

type Body = Record<string, unknown> & { result?: { error?: Record<string, string[]> }; notice?: { key: string; values: Record<string, unknown> } };
type RoundBody = { fingerprint: string; identified: boolean; categories: { id: string; straddles: number; ranked: { page: number; total: number; rows: { label: string; identity: unknown; prize: unknown }[] }; ties: { entries: { id: string }[] }[] }[]; judges: { name: string; effect: number }[] };

describe("the organizer", () => {
  const as = () => ({ cookie: cookies.organizer, params: params() });

  it("reviews the ranking with identities joined, raw and adjusted scores, each judge's severity, and the breakdown with notes", async () => {
    const res = await load(roundPage.loader, paths.round(), as());
    expect(res.status).toBe(200);
    const body = res.body as RoundBody;
    expect(body.identified).toBe(true);
    const category = body.categories[0]!;
    expect(category.ranked.rows.map((r) => r.label)).toEqual(s.entries.map((e) => e.entryCode));
    expect(category.straddles).toBe(1);
    expect(category.ranked.rows.map((r) => r.prize)).toEqual([{ name: "Giải Nhất" }, { pending: true }, { pending: true }, { name: "Giải Ba" }]);
    expect(JSON.stringify(body)).toContain(SECRET_AUTHOR);
    expect(body.judges.map((j) => j.name).sort()).toEqual([JUDGE_NAME, "Giám khảo B", "Giám khảo C"].sort());

    const breakdown = await load(breakdownPage.loader, paths.breakdown(), as());
    expect(breakdown.status).toBe(200);
    expect(JSON.stringify(breakdown.body)).toContain(PRIVATE_NOTE);
    expect((breakdown.body as { judges: { total: number }[] }).judges.map((j) => j.total)).toEqual([95, 95, 95]);
  });

  it("reads the page's query leniently: nonsense pages read as the first, a page past the end as the last, an unknown code is told", async () => {
    const id = s.categories[0]!.id;
    const res = await load(roundPage.loader, `${paths.round()}?page.${id}=abc&page=7&unranked.${id}.x=2&q=KHONG-CO`, as());
    expect(res.status).toBe(200);
    const body = res.body as RoundBody & { search: unknown };
    expect(body.categories[0]!.ranked).toMatchObject({ page: 1, total: s.entries.length });
    expect(body.search).toEqual({ query: "KHONG-CO", found: null });
    const past = (await load(roundPage.loader, `${paths.round()}?page.${id}=40&q=${s.entries[3]!.entryCode}`, as())).body as RoundBody & { search: { found: { page: number } | null } };
    expect(past.categories[0]!.ranked.page).toBe(1);
    expect(past.search.found).toMatchObject({ page: 1, label: s.entries[3]!.entryCode });
  });

  it("hides identities while a blind contest is still judging", async () => {
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "JUDGING" } });
    const res = await load(roundPage.loader, paths.round(), as());
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    const body = res.body as RoundBody;
    expect(body.identified).toBe(false);
    expect(body.categories[0]!.ranked.rows.map((r) => r.label)).toEqual(s.entries.map((e) => e.anonymousCode));
    expect(body.categories[0]!.ranked.rows.every((r) => r.identity === null)).toBe(true);
    const text = JSON.stringify(body);
    for (const e of s.entries) expect(text).not.toContain(e.entryCode!);
    expect(text).not.toContain(SECRET_TITLE);
    expect(text).not.toContain(SECRET_AUTHOR);
  });

  it("decides the boundary tie: 400 without a reason, 409 on a stale page, then recorded; publishes; corrects with a reason", async () => {
    const { fingerprint } = (await load(roundPage.loader, paths.round(), as())).body as RoundBody;
    const decide = (fields: Record<string, string>) =>
      submit(roundPage.action, paths.round(), { ...intents[3]![3](), fingerprint, ...fields }, as());

    const before = await snapshot();
    const noReason = await decide({ reason: " " });
    expect(noReason.status).toBe(400);
    expect((noReason.body as Body).result?.error?.reason).toEqual(["results:errors.reasonRequired"]);
    const badPlace = await decide({ "places[1]": "7" });
    expect(badPlace.status).toBe(400);
    const stale = await decide({ fingerprint: "b".repeat(64) });
    expect(stale.status).toBe(409);
    expect((stale.body as Body).result?.error?.[""]).toEqual(["results:errors.stale"]);
    expect(await snapshot()).toEqual(before);

    const decided = await decide({ "places[0]": "2", "places[1]": "1", reason: "Theo biên bản họp Ban Giám khảo" });
    expect(decided.status).toBe(200);
    expect((decided.body as Body).notice).toEqual({ key: "results:ties.decided", values: { count: 2 } });
    const after = (await load(roundPage.loader, paths.round(), as())).body as RoundBody;
    expect(after.categories[0]!.ranked.rows.map((r) => r.prize)).toEqual([{ name: "Giải Nhất" }, { name: "Giải Nhì" }, { name: "Giải Ba" }, { name: "Giải Ba" }]);
    expect(after.categories[0]!.ranked.rows[1]!.label).toBe(s.entries[2]!.entryCode);

    const overview = await load(overviewPage.loader, paths.overview(), as());
    const publish = (overview.body as { publish: { fingerprint: string; blockers: string[]; version: number } }).publish;
    expect(publish.blockers).toEqual([]);
    const published = await submit(overviewPage.action, paths.overview(), { intent: "publish", fingerprint: publish.fingerprint }, as());
    expect(published.status).toBe(200);
    expect((published.body as Body).notice).toMatchObject({ key: "results:publish.published", values: { version: 1 } });
    const version1 = await prisma.publication.findFirstOrThrow({ where: { contestId: s.contest.id } });
    expect(JSON.parse(version1.content)).toMatchObject({ showScores: false });

    expect((await submit(overviewPage.action, paths.overview(), { intent: "reopen" }, as())).status).toBe(200);
    const reopened = await load(overviewPage.loader, paths.overview(), as());
    const next = (reopened.body as { publish: { fingerprint: string; version: number } }).publish;
    expect(next.version).toBe(2);
    const noReason2 = await submit(overviewPage.action, paths.overview(), { intent: "publish", fingerprint: next.fingerprint, showScores: "on" }, as());
    expect(noReason2.status).toBe(400);
    expect((noReason2.body as Body).result?.error?.reason).toEqual(["results:errors.correctionReason"]);
    const corrected = await submit(overviewPage.action, paths.overview(), { intent: "publish", fingerprint: next.fingerprint, showScores: "on", reason: "Công bố thêm điểm" }, as());
    expect(corrected.status).toBe(200);
    expect(await prisma.publication.count({ where: { contestId: s.contest.id } })).toBe(2);
    expect(await prisma.publication.findUniqueOrThrow({ where: { id: version1.id } })).toEqual(version1);
  });

  it("advances by the organizer's list from the round page (one box ticked)", async () => {
    const two = await createJudgedContest({ entries: 3, points: (i) => 70 + i, phase: "JUDGING" });
    await prisma.round.create({ data: { contestId: two.contest.id, position: 2, name: "Chung khảo" } });
    const cookie = await sessionCookie(two.organizerId);
    const path = `/organize/${two.contest.id}/results/${two.round.id}`;
    const p = { contestId: two.contest.id, roundId: two.round.id };
    const { fingerprint } = (await load(roundPage.loader, path, { cookie, params: p })).body as RoundBody;
    const res = await submit(roundPage.action, path, { intent: "advance", fingerprint, manual: two.entries[1]!.id }, { cookie, params: p });
    expect(res.status).toBe(200);
    expect((res.body as Body).notice).toEqual({ key: "results:advance.done", values: { advanced: 1, eliminated: 2, round: "Chung khảo" } });
    const statuses = await prisma.roundEntry.findMany({ where: { roundId: two.round.id }, orderBy: { entryId: "asc" } });
    expect(statuses.filter((r) => r.status === "ADVANCED").map((r) => r.entryId)).toEqual([two.entries[1]!.id]);
  });

  it("declares the tie-break order before judging, from the rubric's criteria", async () => {
    const draft = await createJudgedContest({ entries: 1, points: () => 50, phase: "CLOSED" });
    const cookie = await sessionCookie(draft.organizerId);
    const path = `/organize/${draft.contest.id}/results`;
    const p = { contestId: draft.contest.id };
    const page = await load(overviewPage.loader, path, { cookie, params: p });
    const tieBreak = (page.body as { tieBreak: { editable: boolean; criteria: string[]; expected: string } }).tieBreak;
    expect(tieBreak.editable).toBe(true);
    expect(tieBreak.criteria).toHaveLength(5);
    const saved = await submit(overviewPage.action, path, { intent: "tieBreak", expected: tieBreak.expected, "steps[0]": `criterion:${tieBreak.criteria[0]}`, "steps[2]": "chair" }, { cookie, params: p });
    expect(saved.status).toBe(200);
    expect((saved.body as Body).notice).toEqual({ key: "results:tieBreak.saved", values: {} });
    expect(JSON.parse((await prisma.contest.findUniqueOrThrow({ where: { id: draft.contest.id } })).tieBreak)).toEqual([{ kind: "criterion", name: tieBreak.criteria[0] }, { kind: "chair" }]);
    // The same form again is stale: someone (this very organizer) changed the order meanwhile.
    const stale = await submit(overviewPage.action, path, { intent: "tieBreak", expected: tieBreak.expected, "steps[0]": "topMarks" }, { cookie, params: p });
    expect(stale.status).toBe(409);
  });

  it("cannot change the tie-break order once judging has started", async () => {
    const res = await submit(overviewPage.action, paths.overview(), { intent: "tieBreak", expected: "[]", "steps[0]": "chair", "steps[1]": "topMarks" }, as());
    expect(res.status).toBe(400);
    expect((res.body as Body).result?.error?.steps).toEqual(["results:tieBreak.errors.chairLast"]);
    const locked = await submit(overviewPage.action, paths.overview(), { intent: "tieBreak", expected: "[]", "steps[0]": "topMarks" }, as());
    expect(locked.status).toBe(409);
    expect((locked.body as Body).result?.error?.[""]).toEqual(["results:tieBreak.errors.locked"]);
  });
});
