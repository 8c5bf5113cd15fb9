// The public side of results: no results page before publication (404), the latest version and
// earlier ones by ?version, the JSON whose SHA-256 the page shows, certificate verification, and
// the entrant's own result (theirs only; no judge's name in a blind contest, no private note).
import { beforeAll, describe, expect, it } from "vitest";
import { computeRoundResults } from "#app/modules/rankings/results.server";
import { decideTie } from "#app/modules/rankings/decisions.server";
import { publishResults, reopenForCorrection } from "#app/modules/rankings/publish.server";
import { prisma } from "#app/utils/db.server";
import { sha256Hex } from "#app/utils/crypto.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { sessionCookie } from "#tests/factories/accounts";
import { load, outcomeOf, getRequest, type Outcome } from "#tests/factories/requests";
import { createJudgedContest } from "#tests/factories/results";
import * as resultsJson from "./contests.$slug_.results[.]json";
import * as resultsPage from "./contests.$slug_.results";
import * as entryResult from "./entries.$entryId_.result";
import * as verifyCode from "./verify.$code";
import * as verifyIndex from "./verify._index";

const JUDGE_NAMES = ["Quách Văn Giám Khảo", "Tạ Thị Giám Khảo", "Lý Văn Giám Khảo"];
const PRIVATE_NOTE = "Ghi chú riêng cho Ban tổ chức";
const FEEDBACK = "Lập luận chặt chẽ, dẫn chứng phong phú";

let s: Awaited<ReturnType<typeof createJudgedContest>>;
let entrantCookie: string;
let otherEntrantCookie: string;
let organizerCookie: string;

async function publish(reason?: string) {
  const results = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
  const out = await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: true, fingerprint: results.fingerprint, reason });
  expect(out.ok).toBe(true);
}

const page = (slug: string, search = "") => load(resultsPage.loader, `/contests/${slug}/results${search}`, { params: { slug } });
const text = (o: Outcome) => (typeof o.body === "string" ? o.body : JSON.stringify(o.body));

beforeAll(async () => {
  s = await createJudgedContest({
    entries: 3,
    points: (i, j) => [90, 80, 70][i]! + j,
    judgeNames: JUDGE_NAMES,
    feedback: (i, j) => (j === 1 ? `${FEEDBACK} (${i})` : ""),
    privateNote: () => PRIVATE_NOTE,
  });
  entrantCookie = await sessionCookie(s.entries[0]!.submitterId);
  otherEntrantCookie = await sessionCookie(s.entries[1]!.submitterId);
  organizerCookie = await sessionCookie(s.organizerId);
});

describe("before publication", () => {
  it("has no results page, no JSON, and the entrant reads only that results are not out", async () => {
    expect((await page(s.contest.slug)).status).toBe(404);
    expect((await page("no-such-contest")).status).toBe(404);
    expect((await load(resultsJson.loader, `/contests/${s.contest.slug}/results.json`, { params: { slug: s.contest.slug } })).status).toBe(404);
    const mine = await load(entryResult.loader, `/entries/${s.entries[0]!.id}/result`, { cookie: entrantCookie, params: { entryId: s.entries[0]!.id } });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ published: false });
    expect(text(mine)).not.toContain(FEEDBACK);
  });
});

describe("after publication", () => {
  beforeAll(async () => {
    await publish();
  });

  it("shows the latest snapshot with its SHA-256, which is that of the JSON served", async () => {
    const res = await page(s.contest.slug);
    expect(res.status).toBe(200);
    const body = res.body as { publication: { version: number; sha256: string }; content: { categories: { winners: { entryCode: string; score: number | null }[] }[] } };
    expect(body.publication.version).toBe(1);
    expect(body.content.categories[0]!.winners.map((w) => [w.entryCode, w.score])).toEqual(s.entries.map((e, i) => [e.entryCode, [91, 81, 71][i]]));
    for (const secret of [...JUDGE_NAMES, PRIVATE_NOTE, FEEDBACK]) expect(text(res)).not.toContain(secret);

    const json = await outcomeOf(() => resultsJson.loader({ request: getRequest(`/contests/${s.contest.slug}/results.json`), params: { slug: s.contest.slug }, context: {} }));
    expect(json.status).toBe(200);
    const raw = await prisma.publication.findFirstOrThrow({ where: { contestId: s.contest.id, version: 1 } });
    expect(JSON.stringify(json.body)).toBe(raw.content);
    expect(sha256Hex(raw.content)).toBe(body.publication.sha256);
    expect(json.headers.get("X-Content-SHA256")).toBe(body.publication.sha256);
  });

  it("answers 404 for a version that does not exist or cannot be one", async () => {
    expect((await page(s.contest.slug, "?version=9")).status).toBe(404);
    expect((await page(s.contest.slug, "?version=abc")).status).toBe(404);
    expect((await page(s.contest.slug, "?version=1")).status).toBe(200);
  });

  it("verifies a certificate code typed any way, and says so when a code is unknown", async () => {
    const cert = await prisma.certificate.findFirstOrThrow({ where: { entryId: s.entries[0]!.id } });
    const typed = cert.code.toLowerCase().replace(/-/g, " ");
    const redirect = await load(verifyIndex.loader, `/verify?code=${encodeURIComponent(typed)}`);
    expect(redirect.status).toBe(302);
    expect(redirect.location).toBe(`/verify/${cert.code}`);
    const found = await load(verifyCode.loader, `/verify/${cert.code}`, { params: { code: cert.code } });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ certificate: { winner: { entryCode: s.entries[0]!.entryCode, prize: "Giải Nhất" }, superseded: false } });
    const unknown = await load(verifyCode.loader, "/verify/GCN-2345-6789-ABCD", { params: { code: "GCN-2345-6789-ABCD" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ certificate: null });
    expect((await load(verifyIndex.loader, "/verify?code=hello")).status).toBe(404);
    expect((await load(verifyIndex.loader, "/verify")).status).toBe(200);
  });

  it("gives the entrant their own result and feedback; never a judge's name in a blind contest, nor the private note", async () => {
    const mine = await load(entryResult.loader, `/entries/${s.entries[0]!.id}/result`, { cookie: entrantCookie, params: { entryId: s.entries[0]!.id } });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ published: true, winner: { prize: "Giải Nhất", score: 91 } });
    expect(text(mine)).toContain(`${FEEDBACK} (0)`);
    for (const secret of [...JUDGE_NAMES, PRIVATE_NOTE]) expect(text(mine)).not.toContain(secret);
  });

  it("refuses another entrant, the organizer and a signed-out visitor the entrant's page", async () => {
    const path = `/entries/${s.entries[0]!.id}/result`;
    const params = { entryId: s.entries[0]!.id };
    const signedOut = await load(entryResult.loader, path, { params });
    expect(signedOut.status).toBe(403);
    expect(signedOut.body).toBe(SIGN_IN_REQUIRED);
    for (const cookie of [otherEntrantCookie, organizerCookie]) {
      const res = await load(entryResult.loader, path, { cookie, params });
      expect(res.status).toBe(404);
      expect(text(res)).not.toContain(FEEDBACK);
      expect(text(res)).not.toContain(s.entries[0]!.title);
    }
  });

  it("keeps earlier versions readable after a correction, and their certificates say they were superseded", async () => {
    expect(await reopenForCorrection({ contestId: s.contest.id, actorId: s.organizerId })).toEqual({ ok: true });
    // The correction: one Second prize instead of two and no lower prizes, so the third entry no longer wins.
    await prisma.prizeTier.updateMany({ where: { categoryId: s.categories[0]!.id, rank: 2 }, data: { count: 1 } });
    await prisma.prizeTier.updateMany({ where: { categoryId: s.categories[0]!.id, rank: { gte: 3 } }, data: { count: 0 } });
    await publish("Rút bớt giải theo quyết định của Ban tổ chức");
    const latest = await page(s.contest.slug);
    expect((latest.body as { publication: { version: number; reason: string } }).publication).toMatchObject({ version: 2, reason: "Rút bớt giải theo quyết định của Ban tổ chức" });
    const first = await page(s.contest.slug, "?version=1");
    expect(first.status).toBe(200);
    expect((first.body as { latest: number; publication: { version: number } }).publication.version).toBe(1);
    const old = await prisma.certificate.findFirstOrThrow({ where: { entryId: s.entries[2]!.id, publication: { version: 1 } } });
    const answer = await load(verifyCode.loader, `/verify/${old.code}`, { params: { code: old.code } });
    expect(answer.body).toMatchObject({ certificate: { version: 1, superseded: true, latestVersion: 2, latestPrize: null } });
  });

  it("does not let a correction be decided after the fact without going back to finalizing", async () => {
    const results = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    const refused = await decideTie({
      contestId: s.contest.id,
      actorId: s.organizerId,
      roundId: s.round.id,
      categoryId: s.categories[0]!.id,
      entryIds: [s.entries[0]!.id, s.entries[1]!.id],
      places: [1, 2],
      reason: "x",
      fingerprint: results.fingerprint,
    });
    expect(refused).toEqual({ ok: false, status: "refused", error: "results:errors.phaseDecide" });
  });
});
