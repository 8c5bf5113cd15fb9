// The originality screens: the contest's organizers and secretaries run the check, read the list
// and compare a pair; a signed-out visitor gets 403, and an entrant of the contest, a judge of the
// contest and an organizer of another contest get 404, with nothing written and nothing leaked
// while texts, titles and pairs that could leak exist.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import { randomEssay, setEntryText } from "#tests/factories/texts";
import * as pairPage from "./organize.$contestId.originality.$pairId";
import * as listPage from "./organize.$contestId.originality._index";

const SECRET_TITLE = "Bài viết có đoạn chép lại";
const OTHER_TITLE = "Bài viết của cuộc thi khác";
// Distinctive words of the shared passage, to look for in answers.
const SHARED = randomEssay(77, 120);
const SHARED_MARK = SHARED.split(/\s+/u).slice(0, 12).join(" ");

let contestId: string;
let otherContestId: string;
let otherPairId: string;
let entryIds: string[];
const cookies: Record<"organizer" | "secretary" | "entrant" | "judge" | "otherOrganizer", string> = {
  organizer: "",
  secretary: "",
  entrant: "",
  judge: "",
  otherOrganizer: "",
};

beforeAll(async () => {
  const entrant = await createTestUser({ name: "Lê Văn Tác Giả" });
  const { contest, organizerId, categories } = await createTestContest({ title: "Chính luận 2026", categories: ["Cán bộ, đảng viên"], phase: "JUDGING" });
  contestId = contest.id;
  cookies.organizer = await sessionCookie(organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY", { name: "Ngô Thư Ký" })).cookie;
  cookies.judge = (await addContestMember(contestId, "JUDGE", { name: "Phạm Giám Khảo" })).cookie;
  cookies.entrant = await sessionCookie(entrant.id);
  const entries = await createTestEntries(contestId, categories[0]!.id, 3, { submitterId: entrant.id });
  entryIds = entries.map((e) => e.id);
  await prisma.entry.update({ where: { id: entryIds[0] }, data: { title: SECRET_TITLE } });
  await setEntryText(entryIds[0]!, `${randomEssay(1, 300)}\n\n${SHARED}`);
  await setEntryText(entryIds[1]!, `${SHARED}\n\n${randomEssay(2, 300)}`);
  await setEntryText(entryIds[2]!, randomEssay(3, 400));

  // Another contest (created later) with a pair of its own.
  const other = await createTestContest({ title: "Cuộc thi khác", categories: ["Học sinh"], phase: "JUDGING" });
  otherContestId = other.contest.id;
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
  const theirs = await createTestEntries(otherContestId, other.categories[0]!.id, 2, { prefix: "KH-" });
  await prisma.entry.update({ where: { id: theirs[0]!.id }, data: { title: OTHER_TITLE } });
  const theirText = randomEssay(9, 400);
  await setEntryText(theirs[0]!.id, theirText);
  await setEntryText(theirs[1]!.id, theirText);
  const { runOriginalityCheck } = await import("#app/modules/entries/originality.server");
  await runOriginalityCheck({ contestId: otherContestId, actorId: other.organizerId });
  otherPairId = (await prisma.similarity.findFirstOrThrow({ where: { entryId: { in: theirs.map((e) => e.id) } } })).id;
});

const listUrl = () => `/organize/${contestId}/originality`;
const list = (cookie?: string, search = "") => load(listPage.loader, `${listUrl()}${search}`, { cookie, params: { contestId } });
const run = (cookie?: string, fields: Record<string, string> = { intent: "run" }) =>
  submit(listPage.action, `${listUrl()}?index`, fields, { cookie, params: { contestId } });
const pair = (cookie: string | undefined, pairId: string, id = contestId) =>
  load(pairPage.loader, `/organize/${id}/originality/${pairId}`, { cookie, params: { contestId: id, pairId } });

/** What a run writes, to compare before and after a refusal. */
async function written() {
  return {
    similarities: await prisma.similarity.findMany({ orderBy: { id: "asc" } }),
    scores: await prisma.entry.findMany({ select: { id: true, originalityScore: true }, orderBy: { id: "asc" } }),
    runs: await prisma.auditLog.count({ where: { action: "originality.run" } }),
  };
}

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(body).not.toContain(SECRET_TITLE);
  expect(body).not.toContain(SHARED_MARK);
  expect(body).not.toContain(OTHER_TITLE);
}

const REFUSED = [
  ["entrant", "an entrant of the contest"],
  ["judge", "a judge of the contest"],
  ["otherOrganizer", "an organizer of another contest"],
] as const;

describe("running the check", () => {
  it("refuses a signed-out visitor with 403 and writes nothing", async () => {
    const before = await written();
    const res = await run();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    expect(await written()).toEqual(before);
  });

  for (const [who, name] of REFUSED) {
    it(`answers 404 to ${name} and writes nothing`, async () => {
      const before = await written();
      const res = await run(cookies[who]);
      expect(res.status).toBe(404);
      expectNoLeak(res);
      expect(await written()).toEqual(before);
    });
  }

  it("answers an unknown intent with 400 and writes nothing", async () => {
    const before = await written();
    const res = await run(cookies.organizer, { intent: "delete" });
    expect(res.status).toBe(400);
    expect(await written()).toEqual(before);
  });

  it("runs for a secretary, then again for the organizer, with the counts", async () => {
    for (const who of ["secretary", "organizer"] as const) {
      const res = await run(cookies[who]);
      expect(res.status).toBe(200);
      expect((res.body as { counts: unknown }).counts).toMatchObject({ entries: 3, withoutText: 0, pairs: 1, flagged: 2 });
    }
    expect(await prisma.auditLog.count({ where: { action: "originality.run", contestId } })).toBe(2);
  });
});

describe("the list and the side-by-side view", () => {
  for (const [who, name] of REFUSED) {
    it(`answer 404 to ${name}`, async () => {
      const ownPair = await prisma.similarity.findFirstOrThrow({ where: { entryId: { in: entryIds } } });
      for (const res of [await list(cookies[who]), await pair(cookies[who], ownPair.id)]) {
        expect(res.status).toBe(404);
        expectNoLeak(res);
      }
    });
  }

  it("refuse a signed-out visitor with 403", async () => {
    const ownPair = await prisma.similarity.findFirstOrThrow({ where: { entryId: { in: entryIds } } });
    for (const res of [await list(), await pair(undefined, ownPair.id)]) {
      expect(res.status).toBe(403);
      expect(res.body).toBe(SIGN_IN_REQUIRED);
    }
  });

  it("show the staff the flagged entries with their pair, and the pair side by side", async () => {
    for (const who of ["organizer", "secretary"] as const) {
      const res = await list(cookies[who]);
      expect(res.status).toBe(200);
      const body = res.body as { list: { rows: { entryId: string; title: string; pairs: { id: string }[] }[]; lastRun: { actorName: string } } };
      expect(body.list.rows.map((r) => r.entryId).sort()).toEqual(entryIds.slice(0, 2).sort());
      expect(JSON.stringify(body)).toContain(SECRET_TITLE);
      expect(JSON.stringify(body)).not.toContain(OTHER_TITLE);
      expect(body.list.lastRun.actorName).toBe("Trần Thị Tổ Chức");

      const view = await pair(cookies[who], body.list.rows[0]!.pairs[0]!.id);
      expect(view.status).toBe(200);
      const text = JSON.stringify(view.body);
      expect(text).toContain(SHARED_MARK);
      const passages = (view.body as { pair: { passages: { words: number }[] } }).pair.passages;
      expect(passages).toHaveLength(1);
      expect(passages[0]!.words).toBe(120);
    }
  });

  it("answer 404 for another contest's pair, even to this contest's organizer", async () => {
    const res = await pair(cookies.organizer, otherPairId);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(OTHER_TITLE);
    expect((await pair(cookies.otherOrganizer, otherPairId, otherContestId)).status).toBe(200);
  });

  it("filter by minimum score, and answer an invalid filter with 400 and no rows", async () => {
    const all = (await list(cookies.organizer, "?min=0&sort=code")).body as { list: { rows: { code: string }[]; total: number } };
    expect(all.list.total).toBe(3);
    expect(all.list.rows.map((r) => r.code)).toEqual([...all.list.rows.map((r) => r.code)].sort());
    const none = (await list(cookies.organizer, "?min=100")).body as { list: { total: number } };
    expect(none.list.total).toBe(0);
    const invalid = await list(cookies.organizer, "?min=150");
    expect(invalid.status).toBe(400);
    const body = invalid.body as { result: { error?: Record<string, string[]> }; list: { rows: unknown[] } };
    expect(body.result.error?.min).toEqual(["originality:errors.minPercent"]);
    expect(body.list.rows).toEqual([]);
  });
});
