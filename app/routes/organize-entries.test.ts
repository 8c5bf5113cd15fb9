// The staff's entries list, entry page, file download and eligibility decision: refusals with data
// present that could leak (signed out 403; an entrant, a judge of the contest, an organizer of
// another contest 404, nothing written), filters and keyset paging, the decision and its audit.
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { ENTRY_PAGE_SIZE } from "#app/modules/entries/submission.schema";
import { saveEntry } from "#app/modules/entries/submission.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { getFixedT } from "#app/utils/i18n";
import { languageCookie } from "#app/utils/locale.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { ENTRANT_AUTHOR, createOpenContest, entryValues, receivedFile } from "#tests/factories/entries";
import { load, outcomeOf, submit, type Outcome } from "#tests/factories/requests";
import { VIETNAMESE_PARAGRAPHS, docxDocument } from "#tests/fixtures/documents";
import * as file from "./organize.$contestId.entries_.$entryId_.file.$versionId";
import * as entryPage from "./organize.$contestId.entries.$entryId";
import * as list from "./organize.$contestId.entries._index";
import * as xlsx from "./organize.$contestId.entries[.]xlsx";

const AUTHOR = "Vũ Thị Danh Tính";
const PHONE = "0987 654 321";
const DOCX = docxDocument(VIETNAMESE_PARAGRAPHS);

let contestId: string;
let categoryIds: string[];
let entryId: string;
let versionId: string;
let entrantId: string;
const cookies = { organizer: "", secretary: "", judge: "", entrant: "", otherOrganizer: "" };

beforeAll(async () => {
  const { contest, organizerId, categories } = await createOpenContest({ maxEntriesPerUser: 1 });
  contestId = contest.id;
  categoryIds = categories.map((c) => c.id);
  cookies.organizer = await sessionCookie(organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  cookies.judge = (await addContestMember(contestId, "JUDGE")).cookie;
  cookies.otherOrganizer = await sessionCookie((await createTestContest()).organizerId);
  const entrant = await createTestUser({ name: AUTHOR });
  entrantId = entrant.id;
  cookies.entrant = await sessionCookie(entrant.id);
  const saved = await saveEntry({
    user: { id: entrant.id, locale: "vi", email: entrant.email },
    contestId,
    values: entryValues(categoryIds[0]!, { title: "Bài của người có danh tính", authors: [{ ...ENTRANT_AUTHOR, name: AUTHOR, phone: PHONE }] }),
    essay: { kind: "file", file: await receivedFile(DOCX, "ho-ten-that.docx") },
  });
  if (!saved.ok) throw new Error("not saved");
  entryId = saved.entryId;
  versionId = (await prisma.entry.findUniqueOrThrow({ where: { id: entryId } })).currentVersionId!;
  // 2.5 pages of others' entries, alternating categories; every seventh has a computed score.
  for (let i = 0; i < ENTRY_PAGE_SIZE * 2 + 10; i++) {
    const user = await createTestUser({ name: `Tác giả ${i}` });
    const result = await saveEntry({
      user: { id: user.id, locale: "vi", email: user.email },
      contestId,
      values: entryValues(categoryIds[i % 2]!, { title: `Bài số ${i}`, authors: [{ ...ENTRANT_AUTHOR, name: `Người viết ${i}` }] }),
      essay: { kind: "text", text: `Bài số ${i}: ${VIETNAMESE_PARAGRAPHS[0]}` },
      now: new Date(Date.now() + i),
    });
    if (!result.ok) throw new Error("not saved");
    if (i % 7 === 0) await prisma.entry.update({ where: { id: result.entryId }, data: { originalityScore: i / 200 } });
  }
}, 120_000);

const path = (e = entryId) => `/organize/${contestId}/entries/${e}`;
const listPage = (cookie?: string, query = "") => load(list.loader, `/organize/${contestId}/entries${query}`, { cookie, params: { contestId } });
const staffPage = (cookie?: string, c = contestId) => load(entryPage.loader, path(), { cookie, params: { contestId: c, entryId } });
const download = (cookie?: string) =>
  outcomeOf(() => file.loader({ request: new Request(`http://localhost${path()}/file/${versionId}`, { headers: cookie ? { Cookie: cookie } : {} }), params: { contestId, entryId, versionId }, context: {} }));
const exportRequest = (cookie?: string, query = "") =>
  xlsx.loader({ request: new Request(`http://localhost/organize/${contestId}/entries.xlsx${query}`, { headers: cookie ? { Cookie: cookie } : {} }), params: { contestId }, context: {} });
const exportXlsx = (cookie?: string) => outcomeOf(() => exportRequest(cookie));
const decide = (fields: Record<string, string>, cookie?: string) => submit(entryPage.action, path(), { intent: "decide", ...fields }, { cookie, params: { contestId, entryId } });

function expectNoLeak(outcome: Outcome) {
  const text = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect([AUTHOR, PHONE, "ho-ten-that", "Bài của người có danh tính"].filter((s) => text.includes(s))).toEqual([]);
}

const refused = [
  ["the entrant (the author)", "entrant"],
  ["a judge of the contest", "judge"],
  ["an organizer of another contest", "otherOrganizer"],
] as const;

describe("refusals", () => {
  it("refuses a signed-out visitor with 403 everywhere", async () => {
    for (const res of [await listPage(), await staffPage(), await download(), await exportXlsx(), await decide({ version: "0", decision: "ELIGIBLE" })]) {
      expect(res.status).toBe(403);
      expect(res.body).toBe(SIGN_IN_REQUIRED);
    }
  });

  for (const [who, key] of refused) {
    it(`answers 404 to ${who} for the list, the entry, its file and the decision, writing nothing`, async () => {
      const before = await prisma.entry.findUniqueOrThrow({ where: { id: entryId } });
      const logs = await prisma.auditLog.count();
      for (const res of [await listPage(cookies[key]), await staffPage(cookies[key]), await download(cookies[key]), await exportXlsx(cookies[key]), await decide({ version: String(before.version), decision: "DISQUALIFIED", reason: "x" }, cookies[key])]) {
        expect(res.status).toBe(404);
        expectNoLeak(res);
      }
      expect(await prisma.entry.findUniqueOrThrow({ where: { id: entryId } })).toEqual(before);
      expect(await prisma.auditLog.count()).toBe(logs);
    });
  }
});

describe("the list", () => {
  type Page = { list: { rows: { id: string; title: string; entryCode: string; category: string; originalityScore: number | null }[]; total: number; next: string | null; previous: string | null } };
  const rowsOf = (res: Outcome) => (res.body as Page).list;

  it("pages through every entry in submission order, forwards and back", async () => {
    const first = rowsOf(await listPage(cookies.secretary));
    expect(first.total).toBe(ENTRY_PAGE_SIZE * 2 + 11);
    expect(first.rows).toHaveLength(ENTRY_PAGE_SIZE);
    expect(first.rows[0]!.title).toBe("Bài của người có danh tính");
    expect(first.previous).toBeNull();
    const second = rowsOf(await listPage(cookies.secretary, `?after=${first.next}`));
    const third = rowsOf(await listPage(cookies.secretary, `?after=${second.next}`));
    expect(third.rows).toHaveLength(11);
    expect(third.next).toBeNull();
    const codes = [...first.rows, ...second.rows, ...third.rows].map((r) => r.entryCode);
    expect(codes).toEqual(Array.from({ length: ENTRY_PAGE_SIZE * 2 + 11 }, (_, i) => `CL-${String(i + 1).padStart(4, "0")}`));
    const back = rowsOf(await listPage(cookies.secretary, `?before=${third.previous}`));
    expect(back.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
  });

  it("filters by category, state, originality score and a search on code, title or author", async () => {
    const byCategory = rowsOf(await listPage(cookies.organizer, `?category=${categoryIds[1]}`));
    expect(byCategory.total).toBe(ENTRY_PAGE_SIZE + 5);
    expect(new Set(byCategory.rows.map((r) => r.category))).toEqual(new Set(["Học sinh, sinh viên"]));
    await prisma.entry.update({ where: { id: entryId }, data: { status: "ELIGIBLE" } });
    expect(rowsOf(await listPage(cookies.organizer, "?status=ELIGIBLE")).rows.map((r) => r.id)).toEqual([entryId]);
    await prisma.entry.update({ where: { id: entryId }, data: { status: "SUBMITTED" } });
    const scored = rowsOf(await listPage(cookies.organizer, "?minScore=30"));
    expect(scored.rows.map((r) => r.title)).toEqual(["Bài số 63", "Bài số 70", "Bài số 77", "Bài số 84", "Bài số 91", "Bài số 98", "Bài số 105"]);
    expect(rowsOf(await listPage(cookies.organizer, "?q=CL-0003")).rows.map((r) => r.title)).toEqual(["Bài số 1"]);
    expect(rowsOf(await listPage(cookies.organizer, "?q=Bài số 10")).total).toBe(11); // 10 and 100–109
    expect(rowsOf(await listPage(cookies.organizer, `?q=${encodeURIComponent("Người viết 42")}`)).rows.map((r) => r.title)).toEqual(["Bài số 42"]);
    const invalid = await listPage(cookies.organizer, "?minScore=200");
    expect(invalid.status).toBe(400);
  });

  it("does not list drafts", async () => {
    const user = await createTestUser();
    await saveEntry({ user: { id: user.id, locale: "vi", email: user.email }, contestId, values: entryValues(categoryIds[0]!, { intent: "draft", title: "Bản nháp chưa gửi" }), essay: null });
    expect(rowsOf(await listPage(cookies.secretary, `?q=${encodeURIComponent("Bản nháp")}`)).total).toBe(0);
  });
});

describe("the export", () => {
  /** The export's rows (header first) as the cells' text, read back with exceljs. */
  async function exportedRows(cookie: string, query = ""): Promise<{ response: Response; rows: string[][] }> {
    const response = (await exportRequest(cookie, query)) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    return { response, rows };
  }

  it("gives the staff every entry the filter matches, past one page, with the identities and Vietnamese intact", async () => {
    const { response, rows } = await exportedRows(cookies.secretary);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="entries-[^"]+\.xlsx"$/);
    expect(rows[0]).toEqual(["Mã bài", "Số phách", "Tên bài", "Đối tượng", "Trạng thái", "Tác giả", "Đơn vị", "E-mail", "Điện thoại", "Số chữ", "Trùng lặp (%)", "Gửi lúc"]);
    expect(rows).toHaveLength(1 + ENTRY_PAGE_SIZE * 2 + 11);
    const first = rows[1]!;
    const entry = await prisma.entry.findUniqueOrThrow({ where: { id: entryId }, include: { currentVersion: true, category: true } });
    expect(first.slice(0, 6)).toEqual([entry.entryCode, entry.anonymousCode, "Bài của người có danh tính", entry.category.name, getFixedT("vi")("entries:status.SUBMITTED"), AUTHOR]);
    expect(first[6]).toBe(ENTRANT_AUTHOR.unit);
    expect(first[8]).toBe(PHONE);
    expect(first[9]).toBe(String(entry.currentVersion!.wordCount));
    expect(rows.slice(1).map((r) => r[0])).toEqual(rows.slice(1).map((r) => r[0]).toSorted());
  });

  it("follows the list's filter and the reader's language", async () => {
    const { rows } = await exportedRows(cookies.organizer, `?q=${encodeURIComponent("Người viết 1")}`);
    const expected = Array.from({ length: ENTRY_PAGE_SIZE * 2 + 10 }, (_, i) => `Người viết ${i}`).filter((name) => name.includes("Người viết 1"));
    expect(expected.length).toBeGreaterThan(10);
    expect(rows.slice(1).map((r) => r[5]).toSorted()).toEqual(expected.toSorted());
    const lng = (await languageCookie.serialize("en")).split(";")[0]!;
    const english = (await exportRequest(`${cookies.organizer}; ${lng}`)) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await english.arrayBuffer());
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe("Code");
  });
});

describe("an entry, its file and the eligibility decision", () => {
  it("shows the staff the authors' identities and the versions", async () => {
    const res = await staffPage(cookies.secretary);
    expect(res.status).toBe(200);
    const { entry } = res.body as { entry: { authors: { name: string; phone: string }[]; versions: { file: { originalName: string } | null }[]; canDecide: boolean } };
    expect(entry.authors[0]).toMatchObject({ name: AUTHOR, phone: PHONE });
    expect(entry.versions[0]!.file?.originalName).toBe("ho-ten-that.docx");
    expect(entry.canDecide).toBe(true);
  });

  it("sends the staff the original file as an attachment named by the entry code", async () => {
    const res = await outcomeOf(async () => {
      const response = (await file.loader({ request: new Request(`http://localhost${path()}/file/${versionId}`, { headers: { Cookie: cookies.secretary } }), params: { contestId, entryId, versionId }, context: {} })) as Response;
      const bytes = await buffer(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>));
      expect(bytes.equals(Buffer.from(DOCX))).toBe(true);
      return new Response(null, { status: response.status, headers: response.headers });
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="CL-0001-v1.docx"');
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("records a disqualification with its reason, audited; the entrant reads the reason", async () => {
    const before = await prisma.entry.findUniqueOrThrow({ where: { id: entryId } });
    const missing = await decide({ version: String(before.version), decision: "DISQUALIFIED" }, cookies.secretary);
    expect(missing.status).toBe(400);
    expect((missing.body as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual(["entries:errors.reasonRequired"]);
    const stale = await decide({ version: String(before.version + 5), decision: "ELIGIBLE" }, cookies.secretary);
    expect(stale.status).toBe(409);
    const res = await decide({ version: String(before.version), decision: "DISQUALIFIED", reason: "Bài đã đăng trên mạng xã hội trước khi gửi dự thi." }, cookies.secretary);
    expect(res.status).toBe(200);
    expect(await prisma.entry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({
      status: "DISQUALIFIED",
      statusReason: "Bài đã đăng trên mạng xã hội trước khi gửi dự thi.",
    });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "entry.decide", targetId: entryId } });
    expect(JSON.parse(log.data)).toEqual({
      before: { status: "SUBMITTED", reason: null },
      after: { status: "DISQUALIFIED", reason: "Bài đã đăng trên mạng xã hội trước khi gửi dự thi." },
    });
    const { listMyEntries } = await import("#app/modules/entries/entries.server");
    expect((await listMyEntries(entrantId))[0]!.statusReason).toBe("Bài đã đăng trên mạng xã hội trước khi gửi dự thi.");
  });

  it("refuses decisions once judging has started", async () => {
    const entry = await prisma.entry.findUniqueOrThrow({ where: { id: entryId } });
    await prisma.contest.update({ where: { id: contestId }, data: { phase: "JUDGING" } });
    const res = await decide({ version: String(entry.version), decision: "ELIGIBLE" }, cookies.organizer);
    expect(res.status).toBe(400);
    expect((res.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["entries:errors.decisionPhase"]);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("DISQUALIFIED");
    await prisma.contest.update({ where: { id: contestId }, data: { phase: "OPEN" } });
  });
});
