// The statistics page (/organize/:contestId/stats) through its real loader: a signed-out visitor
// gets 403; an entrant of the contest, a judge of the contest and an organizer of another contest
// get 404 with nothing of the contest in the answer; the secretariat sees participation but no
// judging figure; organizers (and admins) see both. The page writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load, type Outcome } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, createTestRound, seatJudge } from "#tests/factories/rounds";
import * as statsPage from "./organize.$contestId.stats";

const SECRET_UNIT = "Sở Tư pháp tỉnh Bình Phước";
const CATEGORY = "Cán bộ công chức ngành tư pháp";
const JUDGE_NAME = "Phạm Giám Khảo Nghiêm";
const OTHER_JUDGE = "Đỗ Giám Khảo Dễ Tính";

let contestId: string;
let roundId: string;
const cookies = { organizer: "", secretary: "", judge: "", entrant: "", otherOrganizer: "", admin: "" };

interface Body {
  stats: {
    participation: { totals: { received: number }; units: { top: { label: string; entries: number }[] } };
    scoring: null | { rounds: { id: string }[]; round: null | { id: string; submitted: number; panels: { judges: { name: string; deviation: { mean: number } | null }[] }[] } };
  };
  result: unknown;
}

beforeAll(async () => {
  const entrant = await createTestUser({ name: "Lê Văn Tác Giả" });
  const c = await createTestContest({ title: "Chính luận 2026", categories: [CATEGORY], rubric: true, phase: "JUDGING" });
  contestId = c.contest.id;
  cookies.organizer = await sessionCookie(c.organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY", { name: "Ngô Thư Ký" })).cookie;
  const judge = await addContestMember(contestId, "JUDGE", { name: JUDGE_NAME });
  const other = await addContestMember(contestId, "JUDGE", { name: OTHER_JUDGE });
  cookies.judge = judge.cookie;
  cookies.entrant = await sessionCookie(entrant.id);
  cookies.otherOrganizer = await sessionCookie((await createTestContest({ title: "Cuộc thi khác" })).organizerId);
  cookies.admin = await sessionCookie((await createTestUser({ isAdmin: true })).id);
  const entries = await createTestEntries(contestId, c.categories[0]!.id, 3, { submitterId: entrant.id, authors: (i) => [{ name: `Tác giả ${i}`, unit: SECRET_UNIT }] });

  const round = await createTestRound(contestId, { name: "Sơ khảo", rubricVersionId: c.rubricVersionId });
  roundId = round.id;
  const panel = await createTestPanel(round.id, { name: "Tiểu ban 1" });
  await seatJudge(panel.id, judge.user.id);
  await seatJudge(panel.id, other.user.id);
  const criterion = await prisma.criterion.findFirstOrThrow({ where: { rubricVersionId: c.rubricVersionId! }, orderBy: { position: "asc" } });
  for (const [i, entry] of entries.entries()) {
    for (const [who, bonus] of [[judge.user.id, 0], [other.user.id, 4]] as const) {
      const a = await createTestAssignment(round.id, panel.id, entry.id, who);
      const points = 10 + i * 3 + bonus;
      await prisma.scoresheet.create({
        data: { assignmentId: a.id, rubricVersionId: c.rubricVersionId!, status: "SUBMITTED", submittedAt: new Date(), total: points, scores: { create: { criterionId: criterion.id, points } } },
      });
    }
  }
});

const page = (cookie?: string, search = "") => load(statsPage.loader, `/organize/${contestId}/stats${search}`, { cookie, params: { contestId } });

function text(outcome: Outcome): string {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
}

async function snapshot() {
  return {
    audit: await prisma.auditLog.count(),
    sheets: await prisma.scoresheet.findMany({ orderBy: { id: "asc" } }),
    entries: await prisma.entry.findMany({ where: { contestId }, orderBy: { id: "asc" } }),
  };
}

describe("refusals on the statistics page", () => {
  it("refuses a signed-out visitor with 403", async () => {
    const res = await page();
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
  });

  for (const who of ["entrant", "judge", "otherOrganizer"] as const) {
    it(`answers 404 to ${who === "judge" ? "a judge of the contest" : who === "entrant" ? "an entrant of the contest" : "an organizer of another contest"}, leaking nothing`, async () => {
      for (const search of ["", `?round=${roundId}`]) {
        const res = await page(cookies[who], search);
        expect(res.status, `${who} ${search}`).toBe(404);
        for (const secret of [SECRET_UNIT, CATEGORY, JUDGE_NAME, OTHER_JUDGE, "Tiểu ban 1"]) expect(text(res)).not.toContain(secret);
      }
    });
  }

  it("shows the secretariat participation without any judging figure, even when a round is asked for", async () => {
    for (const search of ["", `?round=${roundId}`]) {
      const res = await page(cookies.secretary, search);
      expect(res.status).toBe(200);
      const body = res.body as Body;
      expect(body.stats.participation.totals.received).toBe(3);
      expect(body.stats.participation.units.top).toEqual([{ key: "so tu phap tinh binh phuoc", label: SECRET_UNIT, entries: 3 }]);
      expect(body.stats.scoring).toBeNull();
      for (const secret of [JUDGE_NAME, OTHER_JUDGE, "Tiểu ban 1", "Sơ khảo"]) expect(text(res)).not.toContain(secret);
    }
  });
});

describe("organizers on the statistics page", () => {
  it("shows organizers and admins the judging of the round with each judge's deviation", async () => {
    for (const who of ["organizer", "admin"] as const) {
      const res = await page(cookies[who]);
      expect(res.status, who).toBe(200);
      const { scoring } = (res.body as Body).stats;
      expect(scoring!.round).toMatchObject({ id: roundId, submitted: 6 });
      // The second judge gives 4 more on every entry: −4 and +4 against each other.
      expect(scoring!.round!.panels[0]!.judges.map((j) => [j.name, j.deviation?.mean])).toEqual([
        [JUDGE_NAME, -4],
        [OTHER_JUDGE, 4],
      ]);
    }
  });

  it("answers an invalid round with 400 and no round, and a round of nowhere with 404", async () => {
    const invalid = await page(cookies.organizer, "?round=%3Cscript%3E");
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ stats: { scoring: { round: null } }, result: { error: { round: ["stats:errors.round"] } } });
    const unknown = await page(cookies.organizer, "?round=khongcovongnay");
    expect(unknown.status).toBe(404);
    expect(text(unknown)).not.toContain(JUDGE_NAME);
  });

  it("writes nothing, whoever asks", async () => {
    const before = await snapshot();
    for (const who of ["organizer", "secretary", "judge", "entrant", "otherOrganizer", "admin"] as const) await page(cookies[who], `?round=${roundId}`);
    await page();
    expect(await snapshot()).toEqual(before);
  });
});
