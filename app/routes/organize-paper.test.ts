// The paper scoresheet pages (/organize/:contestId/paper, …/paper/:panelId and its template)
// through their real loaders and actions: a signed-out visitor gets 403; an entrant, a judge (the
// panel's chair included) and another contest's organizer get 404 with nothing of the panel in
// the body and nothing written; the contest's secretary downloads, checks and imports, through the
// page's form and through the import route that streams its progress.
import fs from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { load, ORIGIN, outcomeOf, type Outcome } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import * as indexPage from "./organize.$contestId.paper._index";
import * as panelPage from "./organize.$contestId.paper.$panelId";
import * as importRoute from "./organize.$contestId.paper.$panelId.import";
import * as templateRoute from "./organize.$contestId.paper.$panelId.template";

const JUDGE_NAME = "Vũ Thị Giám Khảo Giấy";
const PANEL_NAME = "Tiểu ban Phiếu Giấy";

type Who = "signedOut" | "entrant" | "judge" | "otherOrganizer";
const cookies: Record<Who | "secretary" | "organizer", string | undefined> = {
  signedOut: undefined,
  entrant: "",
  judge: "",
  otherOrganizer: "",
  secretary: "",
  organizer: "",
};
let contestId: string;
let panelId: string;
let judgeEmail: string;
let code: string;

beforeAll(async () => {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"], rubric: true });
  contestId = contest.id;
  cookies.organizer = await sessionCookie(organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  const judge = await addContestMember(contestId, "JUDGE", { name: JUDGE_NAME, email: "giam-khao-giay@example.vn" });
  judgeEmail = judge.user.email;
  cookies.judge = judge.cookie;
  const round = await createTestRound(contestId, { rubricVersionId, readsPerEntry: 1 });
  const panel = await createTestPanel(round.id, { name: PANEL_NAME });
  panelId = panel.id;
  await seatJudge(panelId, judge.user.id, { isChair: true });
  const [entry] = await createTestEntries(contestId, categories[0]!.id, 1);
  code = entry!.anonymousCode!;
  cookies.entrant = await sessionCookie(entry!.submitterId);
  await placeEntries(round.id, panelId, [entry!.id]);
  await createTestAssignment(round.id, panelId, entry!.id, judge.user.id);
  cookies.otherOrganizer = await sessionCookie((await createTestContest()).organizerId);
});

const HEADER = "Số phách;Giám khảo;E-mail giám khảo;1;2;3;4;5;Ghi chú riêng";
const goodCsv = () => `\uFEFF${HEADER}\r\n${code};;${judgeEmail};20,5;19;15,5;16;8;Tốt\r\n`;
const badCsv = () => `\uFEFF${HEADER}\r\n${code};;${judgeEmail};20,5;19;15,5;16;11;Tốt\r\n`;

function upload(fields: Record<string, string>, csv: string | null, cookie?: string, target: "page" | "import" = "page", panel = panelId): Promise<Outcome> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (csv !== null) body.append("file", new File([csv], "phieu-cham.csv", { type: "text/csv" }));
  const headers = new Headers({ Origin: ORIGIN, "x-portal-client-ip": "203.0.113.7" });
  if (cookie) headers.set("Cookie", cookie);
  const path = `/organize/${contestId}/paper/${panel}${target === "import" ? "/import" : ""}`;
  const request = new Request(ORIGIN + path, { method: "POST", headers, body });
  const args = { request, params: { contestId, panelId: panel }, context: {} } as ActionFunctionArgs;
  return outcomeOf(() => (target === "import" ? importRoute.action(args) : panelPage.action(args)));
}

/** The lines of a streamed answer (the import route's newline-delimited JSON). */
function lines(outcome: Outcome): Record<string, unknown>[] {
  expect(outcome.headers.get("Content-Type")).toMatch(/^application\/x-ndjson/);
  return (outcome.body as string)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const params = () => ({ contestId, panelId });
const pages = (cookie?: string) => [
  load(indexPage.loader, `/organize/${contestId}/paper`, { cookie, params: params() }),
  load(panelPage.loader, `/organize/${contestId}/paper/${panelId}`, { cookie, params: params() }),
  load(templateRoute.loader, `/organize/${contestId}/paper/${panelId}/template?format=xlsx`, { cookie, params: params() }),
  load(templateRoute.loader, `/organize/${contestId}/paper/${panelId}/template?format=csv`, { cookie, params: params() }),
];

async function snapshot() {
  const [sheets, scores, rubrics, audits] = await Promise.all([
    prisma.scoresheet.findMany({ orderBy: { id: "asc" } }),
    prisma.score.count(),
    prisma.rubricVersion.findMany({ orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { sheets, scores, rubrics, audits };
}

function text(outcome: Outcome) {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
}

describe("refusals on the paper pages", () => {
  it("refuses a signed-out visitor with 403 on every page, download and intent", async () => {
    const before = await snapshot();
    for (const res of await Promise.all(pages())) expect(res).toMatchObject({ status: 403, body: SIGN_IN_REQUIRED });
    expect((await upload({ intent: "check" }, goodCsv())).status).toBe(403);
    expect((await upload({ intent: "import", sha256: "0".repeat(64), plan: "0".repeat(64) }, goodCsv())).status).toBe(403);
    expect((await upload({ intent: "import", sha256: "0".repeat(64), plan: "0".repeat(64) }, goodCsv(), undefined, "import")).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  for (const who of ["entrant", "judge", "otherOrganizer"] as const) {
    it(`answers 404 to ${who}, leaking nothing and writing nothing`, async () => {
      const before = await snapshot();
      for (const res of await Promise.all(pages(cookies[who]))) {
        expect(res.status).toBe(404);
        for (const secret of [PANEL_NAME, JUDGE_NAME, judgeEmail, code]) expect(text(res)).not.toContain(secret);
      }
      const check = await upload({ intent: "check" }, goodCsv(), cookies[who]);
      expect(check.status).toBe(404);
      expect(text(check)).not.toContain(code);
      // Even with the right hashes (from a preview the staff made), the import is refused.
      const preview = (await upload({ intent: "check" }, goodCsv(), cookies.secretary)).body as { preview: { sha256: string; plan: string } };
      const imported = await upload({ intent: "import", sha256: preview.preview.sha256, plan: preview.preview.plan }, goodCsv(), cookies[who]);
      expect(imported.status).toBe(404);
      const streamed = await upload({ intent: "import", sha256: preview.preview.sha256, plan: preview.preview.plan }, goodCsv(), cookies[who], "import");
      expect(streamed.status).toBe(404);
      expect(text(streamed)).not.toContain(code);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("answers 404 for another contest's panel id under this contest", async () => {
    const other = await createTestContest({ rubric: true });
    const round = await createTestRound(other.contest.id, { rubricVersionId: other.rubricVersionId });
    const foreign = await createTestPanel(round.id);
    const res = await load(panelPage.loader, `/organize/${contestId}/paper/${foreign.id}`, { cookie: cookies.secretary, params: { contestId, panelId: foreign.id } });
    expect(res.status).toBe(404);
    const streamed = await upload({ intent: "import", sha256: "0".repeat(64), plan: "0".repeat(64) }, goodCsv(), cookies.secretary, "import", foreign.id);
    expect(streamed.status).toBe(404);
  });
});

describe("the secretary imports paper scoresheets", () => {
  it("sees the panels and downloads both templates", async () => {
    const index = await load(indexPage.loader, `/organize/${contestId}/paper`, { cookie: cookies.secretary, params: params() });
    expect(index.body).toMatchObject({ organizer: false, rounds: [{ panels: [{ id: panelId, name: PANEL_NAME, assigned: 1, submitted: 0 }] }] });
    const [, , xlsx, csv] = await Promise.all(pages(cookies.secretary));
    expect(xlsx!.status).toBe(200);
    expect(xlsx!.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="phieu-cham-1-tieu-ban-phieu-giay\.xlsx"$/);
    expect(csv!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(text(csv!)).toContain(`${code};${JUDGE_NAME};${judgeEmail}`);
    const bad = await load(templateRoute.loader, `/organize/${contestId}/paper/${panelId}/template?format=pdf`, { cookie: cookies.secretary, params: params() });
    expect(bad.status).toBe(400);
  });

  it("gets 400 without a file, and a preview of the problems with 400, nothing saved", async () => {
    const before = await snapshot();
    const noFile = await upload({ intent: "check" }, null, cookies.secretary);
    expect(noFile.status).toBe(400);
    expect(noFile.body).toMatchObject({ result: { error: { file: ["files:errors.noFile"] } } });
    const bad = await upload({ intent: "check" }, badCsv(), cookies.secretary);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ preview: { ok: false, problemRows: [{ line: 2, problems: [{ column: "c5", message: 'chair:paper.errors.outOfRange|{"max":10}' }] }] } });
    // Importing with a plan it was never given: refused, nothing saved.
    const forced = await upload({ intent: "import", sha256: "a".repeat(64), plan: "b".repeat(64) }, badCsv(), cookies.secretary);
    expect(forced.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("checks a good file, is refused with 409 for another file, then imports it", async () => {
    const checked = await upload({ intent: "check" }, goodCsv(), cookies.secretary);
    expect(checked.status).toBe(200);
    const { preview } = checked.body as { preview: { ok: boolean; sha256: string; plan: string } };
    expect(preview.ok).toBe(true);
    const before = await snapshot();
    const other = await upload({ intent: "import", sha256: preview.sha256, plan: preview.plan }, goodCsv().replace("Tốt", "Khá"), cookies.secretary);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ result: { error: { "": ["chair:paper.errors.otherFile"] } } });
    expect(await snapshot()).toEqual(before);

    const imported = await upload({ intent: "import", sha256: preview.sha256, plan: preview.plan }, goodCsv(), cookies.secretary);
    expect(imported).toMatchObject({ status: 200, body: { notice: { key: "chair:paper.notices.imported", values: { count: 1, drafts: 0 } } } });
    const sheet = await prisma.scoresheet.findFirstOrThrow({ where: { assignment: { panelId } } });
    expect(sheet).toMatchObject({ status: "SUBMITTED", total: 79, privateNote: "Tốt" });
  });

  it("streams an import's progress from the import route, answering as the page would, every sheet or none", async () => {
    // A panel of its own, so the page's import above and this one do not meet.
    const round = await prisma.round.findFirstOrThrow({ where: { contestId } });
    const panel = await createTestPanel(round.id, { name: "Tiểu ban Luồng" });
    const judge = await prisma.user.findUniqueOrThrow({ where: { email: judgeEmail } });
    await seatJudge(panel.id, judge.id);
    const [entry] = await createTestEntries(contestId, (await prisma.category.findFirstOrThrow({ where: { contestId } })).id, 1);
    await placeEntries(round.id, panel.id, [entry!.id]);
    await createTestAssignment(round.id, panel.id, entry!.id, judge.id);
    const csv = (last: string) => `\uFEFF${HEADER}\r\n${entry!.anonymousCode};;${judgeEmail};20;19;15;16;${last};Giấy\r\n`;

    // A form the import cannot take: 400 with the page's reply, as JSON.
    const noHashes = await upload({ intent: "import" }, csv("8"), cookies.secretary, "import", panel.id);
    expect(noHashes).toMatchObject({ status: 400, body: { type: "done", status: 400, reply: { form: "paper", result: { error: { sha256: ["validation.invalid"] } } } } });

    const checked = (await upload({ intent: "check" }, csv("8"), cookies.secretary, "page", panel.id)).body as { preview: { sha256: string; plan: string } };
    const hashes = { intent: "import", sha256: checked.preview.sha256, plan: checked.preview.plan };
    // Another file than the one checked: the stream ends with the page's 409, nothing written.
    const before = await snapshot();
    const other = await upload(hashes, csv("7"), cookies.secretary, "import", panel.id);
    expect(other.status).toBe(200);
    expect(lines(other).at(-1)).toMatchObject({ type: "done", status: 409, reply: { result: { error: { "": ["chair:paper.errors.otherFile"] } } } });
    expect(await snapshot()).toEqual(before);

    const imported = await upload(hashes, csv("8"), cookies.secretary, "import", panel.id);
    expect(imported.status).toBe(200);
    expect(lines(imported)).toEqual([
      { type: "progress", stage: "checking" },
      { type: "progress", stage: "writing", written: 0, total: 1 },
      { type: "progress", stage: "writing", written: 1, total: 1 },
      expect.objectContaining({ type: "done", status: 200, reply: expect.objectContaining({ notice: { key: "chair:paper.notices.imported", values: { count: 1, drafts: 0 } } }) }),
    ]);
    const sheet = await prisma.scoresheet.findFirstOrThrow({ where: { assignment: { panelId: panel.id } } });
    expect(sheet).toMatchObject({ status: "SUBMITTED", total: 78, privateNote: "Giấy" });
    // The received file does not outlive the answer.
    const incoming = path.join(process.env.DATA_DIR!, "uploads", ".incoming");
    expect(fs.existsSync(incoming) ? fs.readdirSync(incoming) : []).toEqual([]);
  });
});
