// Paper scoresheets against a real database and real files: the templates read back, the preview
// writes nothing, the import writes every sheet (totals by total.ts, the rubric locked) or none —
// on a bad row, a stale preview, another file, or a write failing half-way (SQLite and PostgreSQL).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { databaseKind } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import { docxDocument, windows1258, zipBomb } from "#tests/fixtures/documents";
import { readPaperFile } from "./paper-file.server";
import { importPaper, listPaperPanels, PAPER_WRITE_CHUNK, paperTemplate, previewPaperImport, type PaperFile, type PaperPreview, type PaperProgress } from "./paper.server";
import { parseCriterionPoints } from "./total";

let fileCount = 0;
function writeFile(content: Uint8Array | string, name = "phieu.csv"): PaperFile {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  const file = path.join(process.env.DATA_DIR!, `paper-${++fileCount}-${name}`);
  fs.writeFileSync(file, bytes);
  return { path: file, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), originalName: name };
}

/** A judging contest with the default rubric (5 criteria, 100 points); a panel with judges An and Bình reading entries 1–3; Bình has a draft on entry 3. */
async function setup() {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"], rubric: true });
  const round = await createTestRound(contest.id, { rubricVersionId, readsPerEntry: 2, name: "Vòng sơ khảo" });
  const panel = await createTestPanel(round.id, { name: "Tiểu ban Giấy" });
  const an = (await addContestMember(contest.id, "JUDGE", { name: "Nguyễn Văn An", email: `an-${contest.id}@example.vn` })).user;
  const binh = (await addContestMember(contest.id, "JUDGE", { name: "Trần Thị Bình", email: `binh-${contest.id}@example.vn` })).user;
  await seatJudge(panel.id, an.id, { isChair: true });
  await seatJudge(panel.id, binh.id);
  const entries = await createTestEntries(contest.id, categories[0]!.id, 3);
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  const assignments: Record<string, string> = {};
  for (const e of entries) for (const j of [an, binh]) assignments[`${e.anonymousCode}:${j.name}`] = (await createTestAssignment(round.id, panel.id, e.id, j.id)).id;
  const criteria = await prisma.criterion.findMany({ where: { rubricVersionId: rubricVersionId! }, orderBy: { position: "asc" } });
  const draft = await prisma.scoresheet.create({
    data: {
      assignmentId: assignments[`${entries[2]!.anonymousCode}:Trần Thị Bình`]!,
      rubricVersionId: rubricVersionId!,
      status: "DRAFT",
      total: 5,
      privateNote: "Ghi chú trực tuyến",
      scores: { create: { criterionId: criteria[0]!.id, points: 5 } },
    },
  });
  const codes = entries.map((e) => e.anonymousCode!);
  return { contest, organizerId, round, panel, an, binh, entries, codes, assignments, criteria, draft, rubricVersionId: rubricVersionId! };
}

type Setup = Awaited<ReturnType<typeof setup>>;
let s: Setup;
beforeEach(async () => {
  s = await setup();
});

const HEADER = "Số phách;Giám khảo;E-mail giám khảo;1. a;2. b;3. c;4. d;5. e;Ghi chú riêng";
function csv(lines: string[]): string {
  return `\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`;
}
const line = (code: string, email: string, points: string[], note = "") => [code, "", email, ...points, note].join(";");

/** A complete valid file: every pair of the panel, An's entry 1 with a decimal comma. */
function goodLines() {
  return [
    line(s.codes[0]!, s.an.email, ["20,5", "19", "15,5", "16", "8"], "Lập luận chặt chẽ"),
    line(s.codes[0]!, s.binh.email, ["18", "18", "14", "15", "7"]),
    line(s.codes[1]!, s.an.email, ["10", "10", "10", "10", "5"]),
    line(s.codes[1]!, s.binh.email, ["12", "12", "12", "12", "6"]),
    line(s.codes[2]!, s.an.email, ["25", "25", "20", "20", "10"]),
    line(s.codes[2]!, s.binh.email, ["1", "2", "3", "4", "5"]),
  ];
}

async function sheetsOfPanel() {
  return prisma.scoresheet.findMany({ where: { assignment: { panelId: s.panel.id } }, orderBy: { id: "asc" }, include: { scores: { orderBy: { criterionId: "asc" } } } });
}

async function doImport(file: PaperFile, preview: PaperPreview) {
  return importPaper({ contestId: s.contest.id, panelId: s.panel.id, file, expectedSha256: preview.sha256, expectedPlan: preview.plan, actorId: s.organizerId, ip: "203.0.113.9" });
}

async function preview(file: PaperFile) {
  const result = await previewPaperImport({ contestId: s.contest.id, panelId: s.panel.id, file });
  if (!("sha256" in result)) throw new Error(`no preview: ${JSON.stringify(result)}`);
  return result;
}

describe("templates", () => {
  it("writes an XLSX template of the panel's pairs that reads back with the rubric's columns", async () => {
    const template = await paperTemplate(s.contest.id, s.panel.id, "vi", "xlsx");
    if (!("body" in template)) throw new Error("no template");
    expect(template.filename).toBe("phieu-cham-1-tieu-ban-giay.xlsx");
    const read = await readPaperFile(writeFile(template.body as Uint8Array, "t.xlsx").path);
    expect(read).toMatchObject({ ok: true, kind: "xlsx" });
    if (!read.ok) return;
    expect(read.rows[0]!.cells).toEqual([
      "Số phách",
      "Giám khảo",
      "E-mail giám khảo",
      "1. Tư tưởng, quan điểm (tối đa 25; bước 0,5)",
      "2. Tính khoa học, lập luận (tối đa 25; bước 0,5)",
      "3. Tính chiến đấu, thuyết phục (tối đa 20; bước 0,5)",
      "4. Tính thực tiễn, thời sự (tối đa 20; bước 0,5)",
      "5. Hình thức, ngôn ngữ, sáng tạo (tối đa 10; bước 0,5)",
      "Ghi chú riêng",
    ]);
    expect(read.rows.slice(1).map((r) => r.cells.slice(0, 3))).toHaveLength(6);
    // The blank template itself is valid to upload: every row is skipped, so it has no rows to import.
    const checked = await preview(writeFile(template.body as Uint8Array, "t.xlsx"));
    expect(checked).toMatchObject({ ok: false, fileProblems: ["chair:paper.errors.noRows"], counts: { skipped: 6 } });
  });

  it("writes a CSV template with a BOM, ';' between columns in Vietnamese and ',' in English", async () => {
    const vi = await paperTemplate(s.contest.id, s.panel.id, "vi", "csv");
    const en = await paperTemplate(s.contest.id, s.panel.id, "en", "csv");
    if (!("body" in vi) || !("body" in en)) throw new Error("no template");
    expect(vi.body).toMatch(/^\uFEFFSố phách;Giám khảo;E-mail giám khảo;"1\. Tư tưởng, quan điểm \(tối đa 25; bước 0,5\)";/);
    expect(en.body).toMatch(/^\uFEFFAnonymous code,Judge,Judge e-mail,"1\. Tư tưởng, quan điểm \(max 25; step 0\.5\)"/);
    expect(en.filename).toBe("scoresheets-1-tieu-ban-giay.csv");
    const read = await readPaperFile(writeFile(vi.body as string).path);
    // Sorted by code as people read them (numbers inside codes by value).
    const byCode = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
    expect(read.ok && read.rows.map((r) => r.cells[0])).toEqual(["Số phách", ...[...s.codes].sort(byCode.compare).flatMap((c) => [c, c])]);
  });

  it("leaves out pairs already submitted online, and answers for another contest's panel and a round without rubric", async () => {
    await prisma.scoresheet.create({ data: { assignmentId: s.assignments[`${s.codes[0]}:Nguyễn Văn An`]!, rubricVersionId: s.rubricVersionId, status: "SUBMITTED", total: 1 } });
    const t = await paperTemplate(s.contest.id, s.panel.id, "vi", "csv");
    expect("body" in t && (t.body as string).trim().split("\r\n")).toHaveLength(6);
    const other = await createTestContest();
    expect(await paperTemplate(other.contest.id, s.panel.id, "vi", "csv")).toEqual({ ok: false, status: "notFound" });
    await prisma.round.update({ where: { id: s.round.id }, data: { rubricVersionId: null } });
    expect(await paperTemplate(s.contest.id, s.panel.id, "vi", "csv")).toEqual({ ok: false, status: "refused", error: "chair:paper.errors.noRubric" });
  });

  it("lists the contest's rounds and panels with their progress", async () => {
    expect(await listPaperPanels(s.contest.id)).toMatchObject({
      rounds: [{ name: "Vòng sơ khảo", hasRubric: true, panels: [{ name: "Tiểu ban Giấy", judges: 2, assigned: 6, submitted: 0 }] }],
    });
  });
});

describe("reading files", () => {
  it("reads a workbook's numbers, text with a decimal comma and e-mail hyperlinks", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Phiếu");
    sheet.addRow(["Anonymous code", "Judge", "Judge e-mail", "1.", "2.", "3.", "4.", "5.", "Private note"]);
    sheet.addRow([s.codes[0], "An", { text: s.an.email, hyperlink: `mailto:${s.an.email}` }, 20.5, "19,5", { formula: "10+5", result: 15 }, 16, 8, { richText: [{ text: "Rất " }, { text: "tốt" }] }]);
    const file = writeFile(Buffer.from(await workbook.xlsx.writeBuffer()), "filled.xlsx");
    const checked = await preview(file);
    expect(checked).toMatchObject({ ok: true, kind: "xlsx", counts: { rows: 1, withProblems: 0 } });
    expect(checked.readyRows[0]).toMatchObject({ cells: { 1: "20.5", 2: "19,5", 3: "15" }, note: "Rất tốt" });
  });

  it("reads a CSV written on older Windows (windows-1258) with commas", async () => {
    const text = ["Số phách,Giám khảo,E-mail giám khảo,1,2,3,4,5,Ghi chú riêng", `${s.codes[0]},An,${s.an.email},1,2,3,4,5,Bài viết tốt`].join("\r\n");
    const checked = await preview(writeFile(windows1258(text)));
    expect(checked).toMatchObject({ ok: true, kind: "csv" });
    expect(checked.readyRows[0]!.note).toBe("Bài viết tốt");
  });

  it("refuses what is not a spreadsheet, and a zip that inflates too far, by content", async () => {
    expect((await preview(writeFile(docxDocument(["Không phải bảng tính"]), "phieu.xlsx"))).fileProblems).toEqual(["chair:paper.errors.notSpreadsheet"]);
    expect((await preview(writeFile(zipBomb(40), "phieu.xlsx"))).fileProblems).toEqual(["chair:paper.errors.tooLarge"]);
    expect((await preview(writeFile(Uint8Array.from([0, 1, 2, 0, 255, 254, 0, 0]), "phieu.csv"))).fileProblems).toEqual(["chair:paper.errors.notSpreadsheet"]);
  });
});

describe("importPaper", () => {
  it("writes every sheet SUBMITTED with its total, replaces the draft, locks the rubric and logs the file's hash", async () => {
    const file = writeFile(csv(goodLines()));
    const checked = await preview(file);
    expect(checked).toMatchObject({ ok: true, judging: true, counts: { rows: 6, withProblems: 0, skipped: 0, replacesDraft: 1 } });
    expect(await sheetsOfPanel()).toHaveLength(1);

    const result = await doImport(file, checked);
    expect(result).toEqual({ ok: true, imported: 6, replacedDrafts: 1, skipped: 0 });
    const sheets = await sheetsOfPanel();
    expect(sheets).toHaveLength(6);
    expect(sheets.every((x) => x.status === "SUBMITTED" && x.submittedAt !== null && x.rubricVersionId === s.rubricVersionId)).toBe(true);
    const an1 = sheets.find((x) => x.assignmentId === s.assignments[`${s.codes[0]}:Nguyễn Văn An`])!;
    expect(an1).toMatchObject({ total: 79, privateNote: "Lập luận chặt chẽ" });
    expect(an1.scores.map((x) => x.points).sort((a, b) => a - b)).toEqual([8, 15.5, 16, 19, 20.5]);
    const replaced = sheets.find((x) => x.id === s.draft.id)!;
    expect(replaced).toMatchObject({ status: "SUBMITTED", total: 15, version: 1, privateNote: "Ghi chú trực tuyến" });
    expect(replaced.scores).toHaveLength(5);
    // Each sheet's summary (what rankings read) agrees with its Score rows, drafts replaced included.
    const maxOf = new Map((await prisma.criterion.findMany({ where: { rubricVersionId: s.rubricVersionId } })).map((c) => [c.id, c.maxPoints]));
    for (const sheet of sheets) {
      expect(parseCriterionPoints(sheet.criterionPoints!)).toEqual(Object.fromEntries(sheet.scores.map((x) => [x.criterionId, x.points])));
      expect(sheet.topMarks).toBe(sheet.scores.filter((x) => x.points >= maxOf.get(x.criterionId)!).length);
    }
    expect((await prisma.rubricVersion.findUniqueOrThrow({ where: { id: s.rubricVersionId } })).lockedAt).not.toBeNull();
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "scoresheet.importPaper" } });
    expect(log).toMatchObject({ actorId: s.organizerId, targetId: s.panel.id, ip: "203.0.113.9" });
    expect(JSON.parse(log.data)).toMatchObject({ sha256: file.sha256, imported: 6, replacedDrafts: 1, skipped: 0, kind: "csv" });

    // The same file again: every sheet is now submitted, so every row is refused.
    const again = await doImport(file, checked);
    expect(again).toMatchObject({ ok: false, status: "invalid", preview: { counts: { withProblems: 6 } } });
  });

  it("writes nothing when one row has a problem", async () => {
    const lines = goodLines();
    lines[4] = line(s.codes[2]!, s.an.email, ["25", "25", "20", "20", "10,5"]);
    const file = writeFile(csv(lines));
    const checked = await preview(file);
    expect(checked).toMatchObject({ ok: false, counts: { rows: 6, withProblems: 1 } });
    expect(checked.problemRows).toMatchObject([{ line: 6, problems: [{ column: "c5", message: 'chair:paper.errors.outOfRange|{"max":10}' }] }]);
    const before = await sheetsOfPanel();
    expect(await doImport(file, checked)).toMatchObject({ ok: false, status: "invalid" });
    expect(await sheetsOfPanel()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "scoresheet.importPaper" } })).toBe(0);
  });

  it("refuses a stale preview (a judge saved meanwhile) and another file than the one checked, writing nothing", async () => {
    const file = writeFile(csv(goodLines()));
    const checked = await preview(file);
    await prisma.scoresheet.update({ where: { id: s.draft.id }, data: { version: { increment: 1 }, total: 6 } });
    const before = await sheetsOfPanel();
    const stale = await doImport(file, checked);
    expect(stale).toMatchObject({ ok: false, status: "stale", error: "chair:paper.errors.changed", preview: { ok: true } });
    expect(await sheetsOfPanel()).toEqual(before);

    const fresh = (stale as { preview: PaperPreview }).preview;
    const other = writeFile(csv(goodLines().slice(0, 5)));
    expect(await doImport(other, fresh)).toMatchObject({ ok: false, status: "stale", error: "chair:paper.errors.otherFile" });
    expect(await sheetsOfPanel()).toEqual(before);
    // With the fresh preview, the import goes through.
    expect(await doImport(file, fresh)).toMatchObject({ ok: true, imported: 6 });
  });

  it("rolls every sheet back when a write fails half-way", async () => {
    // A trigger refusing one particular score stands in for any failure in the middle of the writes.
    if (databaseKind() === "postgresql") {
      await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_score() RETURNS trigger AS $$ BEGIN IF NEW.points = 3.5 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_score BEFORE INSERT ON "Score" FOR EACH ROW EXECUTE FUNCTION refuse_score()`);
    } else {
      await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_score BEFORE INSERT ON "Score" WHEN NEW.points = 3.5 BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    }
    try {
      const lines = goodLines();
      lines[5] = line(s.codes[2]!, s.binh.email, ["1", "2", "3,5", "4", "5"]);
      const file = writeFile(csv(lines));
      const checked = await preview(file);
      expect(checked.ok).toBe(true);
      const before = await sheetsOfPanel();
      await expect(doImport(file, checked)).rejects.toThrow();
      expect(await sheetsOfPanel()).toEqual(before);
      expect((await prisma.rubricVersion.findUniqueOrThrow({ where: { id: s.rubricVersionId } })).lockedAt).toBeNull();
      expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "scoresheet.importPaper" } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(databaseKind() === "postgresql" ? `DROP TRIGGER refuse_score ON "Score"` : `DROP TRIGGER refuse_score`);
    }
  });

  it("imports only while the contest is judging, and only the contest's panels", async () => {
    const file = writeFile(csv(goodLines()));
    const checked = await preview(file);
    const other = await createTestContest();
    expect(await importPaper({ contestId: other.contest.id, panelId: s.panel.id, file, expectedSha256: checked.sha256, expectedPlan: checked.plan, actorId: other.organizerId })).toEqual({
      ok: false,
      status: "notFound",
    });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    expect((await preview(file)).judging).toBe(false);
    expect(await doImport(file, checked)).toEqual({ ok: false, status: "refused", error: "chair:paper.errors.notJudging" });
    expect(await sheetsOfPanel()).toHaveLength(1);
  });
});

describe("a clean file of 3,000 rows", () => {
  /** A panel of 5 judges reading 600 entries each: 3,000 pairs, written in bulk. */
  async function bigPanel() {
    const { contest, organizerId, categories, rubricVersionId } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"], rubric: true });
    const round = await createTestRound(contest.id, { rubricVersionId, readsPerEntry: 5 });
    const panel = await createTestPanel(round.id, { name: "Tiểu ban Lớn" });
    const judges: { id: string; email: string }[] = [];
    for (let j = 0; j < 5; j++) {
      const judge = (await addContestMember(contest.id, "JUDGE", { name: `Giám khảo ${j + 1}`, email: `gk-${j + 1}-${contest.id}@example.vn` })).user;
      await seatJudge(panel.id, judge.id);
      judges.push(judge);
    }
    const submitter = await prisma.user.create({ data: { name: "Người nộp", email: `nop-${contest.id}@example.vn` } });
    const codes = Array.from({ length: 600 }, (_, i) => `PH-L${String(i + 1).padStart(4, "0")}`);
    await prisma.entry.createMany({
      data: codes.map((anonymousCode, i) => ({
        contestId: contest.id,
        categoryId: categories[0]!.id,
        submitterId: submitter.id,
        title: `Bài ${i + 1}`,
        status: "ELIGIBLE" as const,
        entryCode: `CL-L${i + 1}`,
        anonymousCode,
        submittedAt: new Date(),
      })),
    });
    const entries = await prisma.entry.findMany({ where: { contestId: contest.id }, select: { id: true, anonymousCode: true } });
    await prisma.roundEntry.createMany({ data: entries.map((e) => ({ roundId: round.id, entryId: e.id, panelId: panel.id })) });
    await prisma.assignment.createMany({ data: entries.flatMap((e) => judges.map((j) => ({ roundId: round.id, panelId: panel.id, entryId: e.id, judgeId: j.id }))) });
    const rows = codes.flatMap((code, i) => judges.map((j, k) => line(code, j.email, ["20", "19,5", "15", String(10 + ((i + k) % 10)), "8"])));
    return { contest, organizerId, panel, rubricVersionId: rubricVersionId!, rows };
  }

  it("imports every sheet in one transaction, reporting its progress, and none when the last write fails", { timeout: 180_000 }, async () => {
    const big = await bigPanel();
    const sheets = () => prisma.scoresheet.count({ where: { assignment: { panelId: big.panel.id } } });
    const imported = () => prisma.auditLog.count({ where: { contestId: big.contest.id, action: "scoresheet.importPaper" } });
    const attempt = async (rows: string[], name: string) => {
      const file = writeFile(csv(rows), name);
      const checked = await previewPaperImport({ contestId: big.contest.id, panelId: big.panel.id, file });
      if (!("sha256" in checked)) throw new Error(`no preview: ${JSON.stringify(checked)}`);
      expect(checked).toMatchObject({ ok: true, counts: { rows: 3000, withProblems: 0 } });
      const progress: PaperProgress[] = [];
      const run = importPaper({
        contestId: big.contest.id,
        panelId: big.panel.id,
        file,
        expectedSha256: checked.sha256,
        expectedPlan: checked.plan,
        actorId: big.organizerId,
        onProgress: (p) => progress.push(p),
      });
      return { run, progress };
    };

    // The last sheet's scores are refused by the database: the 2,999 before it go too.
    const failing = [...big.rows];
    failing[2999] = failing[2999]!.replace(/;8;$/, ";3,5;");
    expect(failing[2999]).toMatch(/;3,5;$/);
    await prisma.$executeRawUnsafe(
      databaseKind() === "postgresql"
        ? `CREATE OR REPLACE FUNCTION refuse_score() RETURNS trigger AS $$ BEGIN IF NEW.points = 3.5 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`
        : `CREATE TRIGGER refuse_score BEFORE INSERT ON "Score" WHEN NEW.points = 3.5 BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    if (databaseKind() === "postgresql") await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_score BEFORE INSERT ON "Score" FOR EACH ROW EXECUTE FUNCTION refuse_score()`);
    try {
      const failed = await attempt(failing, "3000-failing.csv");
      await expect(failed.run).rejects.toThrow();
      // It had written all but the last chunk when the failure came.
      expect(failed.progress.at(-1)).toEqual({ stage: "writing", written: 3000 - PAPER_WRITE_CHUNK, total: 3000 });
    } finally {
      await prisma.$executeRawUnsafe(databaseKind() === "postgresql" ? `DROP TRIGGER refuse_score ON "Score"` : `DROP TRIGGER refuse_score`);
    }
    expect(await sheets()).toBe(0);
    expect(await prisma.score.count({ where: { scoresheet: { assignment: { panelId: big.panel.id } } } })).toBe(0);
    expect(await imported()).toBe(0);

    const clean = await attempt(big.rows, "3000.csv");
    expect(await clean.run).toEqual({ ok: true, imported: 3000, replacedDrafts: 0, skipped: 0 });
    const chunks = 3000 / PAPER_WRITE_CHUNK;
    expect(clean.progress).toEqual([
      { stage: "checking" },
      ...Array.from({ length: chunks + 1 }, (_, i) => ({ stage: "writing", written: i * PAPER_WRITE_CHUNK, total: 3000 })),
    ]);
    expect(await sheets()).toBe(3000);
    expect(await prisma.score.count({ where: { scoresheet: { assignment: { panelId: big.panel.id } } } })).toBe(3000 * 5);
    expect(await imported()).toBe(1);
    // Every total is total.ts's for its row (the rows differ in their fourth criterion).
    const totals = await prisma.scoresheet.groupBy({ by: ["total"], where: { assignment: { panelId: big.panel.id } }, _count: true, orderBy: { total: "asc" } });
    expect(totals.map((t) => [t.total, t._count])).toEqual(Array.from({ length: 10 }, (_, k) => [72.5 + k, 300]));
  });
});
