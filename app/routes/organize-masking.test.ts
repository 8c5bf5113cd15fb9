// The secretary's masking review (/organize/:contestId/entries/:entryId/masking): refusals with data
// present that could leak (signed out 403; an entrant, a judge, an organizer or secretary of another
// contest 404, and an entry of another contest through one's own), nothing written by a refused
// action; the contest's secretary and organizer review and change the masking.
import { beforeAll, describe, expect, it } from "vitest";
import { MASK_MARKERS } from "#app/modules/entries/mask";
import { refreshMasking } from "#app/modules/entries/masking.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries, createTestVersion } from "#tests/factories/contests";
import { load, submit, type Outcome } from "#tests/factories/requests";
import * as route from "./organize.$contestId.entries_.$entryId_.masking";

const MARK = MASK_MARKERS.vi;
const KHAI = { name: "Nguyễn Thị Minh Khai", unit: "UBND xã Phú Sơn", email: "minhkhai@phuson.gov.vn", phone: "0912 345 678" };
const ESSAY =
  "Tại Ủy ban nhân dân xã Phú Sơn, đồng chí Khai thường nhắc về trận địa tư tưởng. Bút danh Hoa Sen của tôi quen thuộc.\n\nNgười viết: NGUYỄN THỊ\nMINH KHAI, 0912.345.678";
const SECRETS = ["Nguyễn Thị Minh Khai", "MINH KHAI", "Phú Sơn", "0912", "minhkhai@", "trận địa tư tưởng", "Bút danh Hoa Sen"];

let contestId: string;
let entryId: string;
let versionId: string;
let otherContestId: string;
let otherEntryId: string;
const cookies: Record<"organizer" | "secretary" | "judge" | "entrant" | "otherOrganizer" | "otherSecretary", string> = {
  organizer: "",
  secretary: "",
  judge: "",
  entrant: "",
  otherOrganizer: "",
  otherSecretary: "",
};

beforeAll(async () => {
  const { contest, organizerId, categories } = await createTestContest({ categories: ["Cán bộ, đảng viên"], phase: "JUDGING" });
  contestId = contest.id;
  cookies.organizer = await sessionCookie(organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY", { name: "Lê Thư Ký" })).cookie;
  cookies.judge = (await addContestMember(contestId, "JUDGE", { name: "Phạm Giám Khảo" })).cookie;
  const entrant = await createTestUser({ name: KHAI.name });
  cookies.entrant = await sessionCookie(entrant.id);
  const [entry] = await createTestEntries(contestId, categories[0]!.id, 1, { submitterId: entrant.id, authors: () => [{ ...KHAI, userId: entrant.id }] });
  entryId = entry!.id;
  versionId = (await createTestVersion(entryId, ESSAY, { originalName: "bai-du-thi-minh-khai.txt" })).version.id;
  await refreshMasking(prisma, contestId, entryId);

  const other = await createTestContest({ categories: ["Đoàn viên"] });
  otherContestId = other.contest.id;
  cookies.otherOrganizer = await sessionCookie(other.organizerId);
  cookies.otherSecretary = (await addContestMember(otherContestId, "SECRETARY")).cookie;
  const [otherEntry] = await createTestEntries(otherContestId, other.categories[0]!.id, 1, { authors: () => [KHAI] });
  otherEntryId = otherEntry!.id;
  await createTestVersion(otherEntryId, ESSAY);
});

const path = (c = contestId, e = entryId) => `/organize/${c}/entries/${e}/masking`;
const page = (cookie?: string, c = contestId, e = entryId) => load(route.loader, path(c, e), { cookie, params: { contestId: c, entryId: e } });
const post = (fields: Record<string, string>, cookie?: string, c = contestId, e = entryId) =>
  submit(route.action, path(c, e), fields, { cookie, params: { contestId: c, entryId: e } });

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(SECRETS.filter((s) => body.includes(s))).toEqual([]);
}

async function snapshot() {
  const [terms, version, logs] = await Promise.all([
    prisma.maskTerm.findMany({ orderBy: { id: "asc" } }),
    prisma.entryVersion.findUniqueOrThrow({ where: { id: versionId }, select: { maskedText: true, maskReport: true } }),
    prisma.auditLog.count(),
  ]);
  return { terms, version, logs };
}

const refusals = [
  ["an entrant (the author)", "entrant"],
  ["a judge of the contest", "judge"],
  ["an organizer of another contest", "otherOrganizer"],
  ["a secretary of another contest", "otherSecretary"],
] as const;

describe("the masking review page", () => {
  it("refuses a signed-out visitor with 403", async () => {
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    expectNoLeak(res);
  });

  for (const [who, key] of refusals) {
    it(`answers 404 to ${who}`, async () => {
      const res = await page(cookies[key]);
      expect(res.status).toBe(404);
      expectNoLeak(res);
    });
  }

  it("answers 404 for an entry of another contest, through one's own contest or theirs", async () => {
    for (const res of [await page(cookies.organizer, contestId, otherEntryId), await page(cookies.secretary, otherContestId, otherEntryId)]) {
      expect(res.status).toBe(404);
      expectNoLeak(res);
    }
  });

  it("shows the secretary what judges will read, with the masked places and what they replaced", async () => {
    const res = await page(cookies.secretary);
    expect(res.status).toBe(200);
    const { review } = res.body as { review: { segments: ({ text: string } | { kind: string; original: string; marker: string })[]; masked: { kind: string; original: string }[] } };
    const reading = review.segments.map((s) => ("text" in s ? s.text : s.marker)).join("");
    expect(reading).toBe(`Tại ${MARK}, đồng chí ${MARK} thường nhắc về trận địa tư tưởng. Bút danh Hoa Sen của tôi quen thuộc.\n\nNgười viết: ${MARK}, ${MARK}`);
    expect(review.masked.map((m) => [m.kind, m.original])).toEqual([
      ["unit", "Ủy ban nhân dân xã Phú Sơn"],
      ["name", "Khai"],
      ["name", "NGUYỄN THỊ MINH KHAI"],
      ["phone", "0912.345.678"],
    ]);
    expect((await page(cookies.organizer)).status).toBe(200);
  });
});

describe("changing the masking", () => {
  for (const [who, key] of refusals) {
    it(`answers 404 to ${who} and writes nothing`, async () => {
      const before = await snapshot();
      const attempts: Record<string, string>[] = [{ intent: "add", term: "Hoa Sen" }, { intent: "exclude", term: "Khai" }, { intent: "remove", termId: "x" }];
      for (const fields of attempts) {
        const res = await post(fields, cookies[key]);
        expect(res.status).toBe(404);
        expectNoLeak(res);
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("refuses a signed-out visitor with 403 and writes nothing", async () => {
    const before = await snapshot();
    const res = await post({ intent: "add", term: "Hoa Sen" });
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 to the other contest's organizer posting this entry under their own contest, and writes nothing", async () => {
    const before = await snapshot();
    const res = await post({ intent: "add", term: "Hoa Sen" }, cookies.otherOrganizer, otherContestId, entryId);
    expect(res.status).toBe(404);
    expectNoLeak(res);
    expect(await snapshot()).toEqual(before);
  });

  it("answers invalid input with 400 and field errors, saving nothing", async () => {
    const before = await snapshot();
    const empty = await post({ intent: "add", term: "   " }, cookies.secretary);
    expect(empty.status).toBe(400);
    expect((empty.body as { result: { error: Record<string, string[]> } }).result.error.term).toEqual(["masking:errors.termRequired"]);
    const unknown = await post({ intent: "rename", term: "x" }, cookies.secretary);
    expect(unknown.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("lets the secretary add a term, refuses it twice with a message, and takes it off again", async () => {
    const added = await post({ intent: "add", term: "hoa sen" }, cookies.secretary);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ intent: "add", notice: { key: "masking:notices.added", term: "hoa sen", spans: 5 } });
    const version = await prisma.entryVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(version.maskedText).toContain(`Bút danh ${MARK} của tôi`);

    const before = await snapshot();
    const again = await post({ intent: "add", term: "HOA SEN" }, cookies.secretary);
    expect(again.status).toBe(409);
    expect((again.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual([`masking:errors.alreadyListed|{"term":"hoa sen"}`]);
    expect(await snapshot()).toEqual(before);

    const term = before.terms.find((t) => t.entryId === entryId)!;
    const removed = await post({ intent: "remove", termId: term.id }, cookies.secretary);
    expect(removed.body).toMatchObject({ notice: { key: "masking:notices.removed", term: "hoa sen", spans: 4 } });
    // A second removal (a stale page) gets a message, not an error page.
    const stale = await post({ intent: "remove", termId: term.id }, cookies.secretary);
    expect(stale.status).toBe(409);
    expect((stale.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["masking:errors.termGone"]);
  });

  it("lets the organizer exclude an automatically found term, audited", async () => {
    const res = await post({ intent: "exclude", term: "Khai" }, cookies.organizer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notice: { key: "masking:notices.excluded", term: "Khai", spans: 3 } });
    expect((await prisma.entryVersion.findUniqueOrThrow({ where: { id: versionId } })).maskedText).toContain("đồng chí Khai thường nhắc");
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId, action: "masking.excludeTerm" } });
    expect(JSON.parse(log.data)).toMatchObject({ entryId, term: "Khai", before: { spans: 4 }, after: { spans: 3 } });
  });
});
