// The results documents built from a judged contest in the test database: the PDFs' text is
// extracted the way uploaded essays are read (storage/extract.server.ts, through pdf-text.ts) and
// must hold the Vietnamese names, titles and labels with their diacritics; the spreadsheet is read
// back with exceljs and the CSV as text. Certificates come only from a publication, and their codes
// verify as /verify checks them. Ids of another contest find nothing.
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { readFile } from "#app/modules/storage/extract.server";
import { prisma } from "#app/utils/db.server";
import { createJudgedContest, split } from "#tests/factories/results";
import { verifyCertificate } from "../public.server";
import { publishPreview, publishResults } from "../publish.server";
import { certificatesDocument, minutesDocument, rankingDocument, resultsListDocument, type DocumentFile } from "./documents.server";

const TOTALS = [95, 85, 80, 70];
const JUDGES = ["Nguyễn Thị Hương Giang", "Trần Văn Đức", "Lê Hoàng Yến"];
const AUTHOR = "Phạm Thị Thuỳ Dương";
const CO_AUTHOR = "Đặng Quốc Việt";
const UNIT = "Đảng uỷ phường Hàng Bông";
const TITLE = "Bảo vệ nền tảng tư tưởng của Đảng trong thời đại số";

let s: Awaited<ReturnType<typeof createJudgedContest>>;

async function textOf(file: DocumentFile | null): Promise<string> {
  expect(file).not.toBeNull();
  expect(file!.contentType).toBe("application/pdf");
  const read = await readFile(file!.body as Uint8Array);
  if (!read.ok || !read.text) throw new Error(`not a readable PDF: ${JSON.stringify(read)}`);
  return read.text.text;
}

async function pages(file: DocumentFile | null): Promise<number> {
  return (await PDFDocument.load(file!.body as Uint8Array)).getPageCount();
}

beforeAll(async () => {
  s = await createJudgedContest({ entries: TOTALS.length, points: (i) => TOTALS[i]!, judgeNames: JUDGES });
  const first = s.entries[0]!;
  await prisma.entry.update({ where: { id: first.id }, data: { title: TITLE } });
  await prisma.entryAuthor.updateMany({ where: { entryId: first.id }, data: { name: AUTHOR, unit: UNIT } });
  await prisma.entryAuthor.create({ data: { entryId: first.id, position: 1, name: CO_AUTHOR, unit: "Trường THPT Chu Văn An" } });
  await prisma.panelJudge.updateMany({ where: { panelId: s.panel.id, userId: s.judges[0]!.id }, data: { isChair: true } });
});

describe("the results documents", () => {
  it("draws a draft list of prize winners before publishing, with live scores", async () => {
    const text = await textOf(await resultsListDocument(s.contest.id, "vi"));
    expect(text).toContain("DANH SÁCH CÁC TÁC GIẢ, BÀI DỰ THI ĐẠT GIẢI");
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Đối tượng dự thi: Cán bộ, công chức");
    for (const expected of ["Giải Nhất", "Giải Nhì", "Giải Ba", AUTHOR, CO_AUTHOR, UNIT, s.entries[0]!.entryCode!, "95,00", "70,00"]) expect(text).toContain(expected);
    // The title wraps inside its cell; every word is there.
    for (const word of TITLE.split(" ")) expect(text).toContain(word);
    for (const judge of JUDGES) expect(text).not.toContain(judge);
  });

  it("writes a panel's minutes: members with the chair, codes, each judge's points per criterion, totals, signatures", async () => {
    const file = await minutesDocument(s.contest.id, s.round.id, s.panel.id, "vi", new Date("2026-12-15T03:00:00Z"));
    expect(file!.filename).toMatch(/^bien-ban-cham-.*-tieu-ban-1\.pdf$/);
    const text = await textOf(file);
    expect(text).toContain("BIÊN BẢN CHẤM");
    expect(text).toContain("ngày 15 tháng 12 năm 2026");
    expect(text).toContain(`1. ${JUDGES[0]}: Trưởng tiểu ban`);
    expect(text).toContain("TC1: Tư tưởng, quan điểm (tối đa 25)");
    expect(text).toContain("(Ký, ghi rõ họ tên)");
    for (const judge of JUDGES) expect(text.split(judge).length - 1).toBeGreaterThanOrEqual(4 + 2); // every read, the members' list, the signature
    for (const e of s.entries) {
      expect(text).toContain(e.anonymousCode!);
      expect(text).toContain(e.entryCode!);
    }
    // The first criterion's points of the 95-point sheets, written the Vietnamese way.
    expect(text).toContain(String(split(95)[0]).replace(".", ","));
  });

  it("lists anonymous codes only while a blind contest is judging", async () => {
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "JUDGING" } });
    const text = await textOf(await minutesDocument(s.contest.id, s.round.id, s.panel.id, "vi"));
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    for (const e of s.entries) {
      expect(text).toContain(e.anonymousCode!);
      expect(text).not.toContain(e.entryCode!);
    }
    expect(text).not.toContain(AUTHOR);
    expect(text).not.toContain(TITLE.split(" ").slice(0, 4).join(" "));
  });

  it("has no certificates before a publication", async () => {
    expect(await certificatesDocument(s.contest.id, "vi")).toBeNull();
  });

  it("after publishing: the list of the version, one certificate page per winner whose code verifies, in both languages", async () => {
    const preview = await publishPreview(s.contest.id);
    const published = await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: false, fingerprint: preview!.results.fingerprint });
    expect(published).toMatchObject({ ok: true, version: 1 });
    const publication = await prisma.publication.findFirstOrThrow({ where: { contestId: s.contest.id } });

    const list = await textOf(await resultsListDocument(s.contest.id, "vi"));
    expect(list).toContain("Theo kết quả công bố phiên bản 1");
    expect(list).not.toContain("DỰ THẢO");
    expect(list).toContain(publication.sha256);
    // Scores were not published, but the contest stays published: the list shows them as computed.
    expect(list).toContain("95,00");

    const file = await certificatesDocument(s.contest.id, "vi");
    const certificates = await prisma.certificate.findMany({ where: { publicationId: publication.id } });
    expect(certificates).toHaveLength(TOTALS.length);
    expect(await pages(file)).toBe(certificates.length);
    const text = await textOf(file);
    expect(text).toContain("GIẤY CHỨNG NHẬN");
    expect(text).toContain(`Tác giả bài dự thi «${TITLE}»`);
    for (const name of [AUTHOR, CO_AUTHOR, UNIT, "Giải Nhất", "Giải Nhì", "Giải Ba", "TM. BAN TỔ CHỨC"]) expect(text).toContain(name);
    const printed = [...text.matchAll(/Mã xác thực: (GCN-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/g)].map((m) => m[1]!);
    expect(printed.sort()).toEqual(certificates.map((c) => c.code).sort());
    for (const code of printed) {
      expect(text).toContain(`/verify/${code}`);
      expect((await verifyCertificate(code))?.code).toBe(code);
    }
    const firstCode = certificates.find((c) => c.entryId === s.entries[0]!.id)!.code;
    expect(await verifyCertificate(firstCode)).toMatchObject({ winner: { prize: "Giải Nhất", authors: [{ name: AUTHOR }, { name: CO_AUTHOR }] } });

    const one = await certificatesDocument(s.contest.id, "en", { entryId: s.entries[0]!.id });
    expect(await pages(one)).toBe(1);
    const english = await textOf(one);
    expect(english).toContain("CERTIFICATE");
    expect(english).toContain(`Verification code: ${firstCode}`);
    // Labels are translated; the content stays as written.
    expect(english).toContain("Giải Nhất");
    expect(english).toContain(AUTHOR);
    expect(english).not.toContain("GIẤY CHỨNG NHẬN");

    expect(await certificatesDocument(s.contest.id, "vi", { version: 2 })).toBeNull();
    expect(await certificatesDocument(s.contest.id, "vi", { entryId: s.entries[3]!.id + "x" })).toBeNull();
  });

  it("exports the round's ranking as XLSX with a column per criterion and per judge, diacritics intact", async () => {
    const file = await rankingDocument(s.contest.id, s.round.id, "vi", "xlsx");
    expect(file!.filename).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    const bytes = file!.body as Uint8Array;
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Xếp hạng")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const h of ["Đối tượng", "Hạng", "Kết quả", "Mã bài", "Số phách", "Tên bài dự thi", "Tác giả", "Đơn vị công tác", "Điểm xếp hạng", "TB Tư tưởng, quan điểm (tối đa 25)"]) expect(header).toContain(h);
    for (const judge of JUDGES) expect(header).toContain(`GK ${judge}`);
    const col = (name: string) => header.indexOf(name) + 1;
    const row = sheet.getRow(2);
    expect(row.getCell(col("Mã bài")).value).toBe(s.entries[0]!.entryCode);
    expect(row.getCell(col("Tác giả")).value).toBe(`${AUTHOR}; ${CO_AUTHOR}`);
    expect(row.getCell(col("Kết quả")).value).toBe("Giải Nhất");
    expect(row.getCell(col("Hạng")).value).toBe(1);
    expect(row.getCell(col("Điểm xếp hạng")).value).toBe(95);
    expect(row.getCell(col("TB Tư tưởng, quan điểm (tối đa 25)")).value).toBe(split(95)[0]);
    for (const judge of JUDGES) expect(row.getCell(col(`GK ${judge}`)).value).toBe(95);
    expect(sheet.getRow(5).getCell(col("Kết quả")).value).toBe("Giải Ba");
    expect(sheet.rowCount).toBe(1 + TOTALS.length);
  });

  it("exports CSV with a UTF-8 BOM: ';' and decimal commas in Vietnamese, ',' and points in English", async () => {
    const vi = (await rankingDocument(s.contest.id, s.round.id, "vi", "csv"))!.body as string;
    expect(vi.startsWith("\uFEFFĐối tượng;Hạng;")).toBe(true);
    const line = vi.split("\r\n")[1]!;
    expect(line).toContain(`${AUTHOR}; ${CO_AUTHOR}`);
    expect(line.split(";")).toContain(String(split(95)[0]).replace(".", ","));
    const en = (await rankingDocument(s.contest.id, s.round.id, "en", "csv"))!.body as string;
    expect(en.startsWith("\uFEFFCategory,Rank,")).toBe(true);
    expect(en).toContain(`Judge ${JUDGES[1]}`);
    expect(en.split("\r\n")[1]!.split(",")).toContain(String(split(95)[0]));
  });

  it("finds nothing for a round, panel or publication of another contest", async () => {
    const other = await createJudgedContest({ entries: 1, points: () => 60 });
    expect(await minutesDocument(s.contest.id, other.round.id, other.panel.id, "vi")).toBeNull();
    expect(await minutesDocument(s.contest.id, s.round.id, other.panel.id, "vi")).toBeNull();
    expect(await rankingDocument(s.contest.id, other.round.id, "vi", "xlsx")).toBeNull();
    expect(await certificatesDocument(other.contest.id, "vi")).toBeNull();
    expect(await certificatesDocument(s.contest.id, "vi", { entryId: other.entries[0]!.id })).toBeNull();
    expect(await resultsListDocument("no-such-contest", "vi")).toBeNull();
  });
});
