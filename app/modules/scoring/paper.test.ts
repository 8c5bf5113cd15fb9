import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  onStep,
  paperPlanFingerprint,
  readHeader,
  readPoints,
  templateTable,
  validatePaperRows,
  type CellValue,
  type PaperContext,
  type PaperRow,
} from "./paper";

const CRITERIA = [
  { id: "k1", number: 1, name: "Tư tưởng, quan điểm", maxPoints: 25, step: 0.5, weight: 1 },
  { id: "k2", number: 2, name: "Tính khoa học, lập luận", maxPoints: 25, step: 0.5, weight: 1 },
  { id: "k3", number: 3, name: "Hình thức, ngôn ngữ", maxPoints: 10, step: 0.25, weight: 1 },
];

/** Entries PH-A..PH-D; judges an (on PH-A, PH-B), binh (PH-A, recused from PH-C), cuong (submitted PH-B online, draft on PH-D). */
function context(): PaperContext {
  const sheet = (id: string, status: "DRAFT" | "SUBMITTED") => ({ id, status, version: 2 });
  return {
    rubricVersionId: "rv1",
    criteria: CRITERIA,
    entries: ["A", "B", "C", "D"].map((x) => ({ entryId: `e${x}`, anonymousCode: `PH-${x}` })),
    judges: [
      { judgeId: "an", name: "Nguyễn Văn An", email: "an@example.vn" },
      { judgeId: "binh", name: "Trần Thị Bình", email: "Binh@Example.vn" },
      { judgeId: "cuong", name: "Lê Văn Cường", email: "cuong@example.vn" },
    ],
    assignments: [
      { assignmentId: "a-an-A", entryId: "eA", judgeId: "an", status: "ACTIVE", sheet: null },
      { assignmentId: "a-an-B", entryId: "eB", judgeId: "an", status: "ACTIVE", sheet: null },
      { assignmentId: "a-binh-A", entryId: "eA", judgeId: "binh", status: "ACTIVE", sheet: null },
      { assignmentId: "a-binh-C", entryId: "eC", judgeId: "binh", status: "RECUSED", sheet: null },
      { assignmentId: "a-cuong-B", entryId: "eB", judgeId: "cuong", status: "ACTIVE", sheet: sheet("s1", "SUBMITTED") },
      { assignmentId: "a-cuong-D", entryId: "eD", judgeId: "cuong", status: "ACTIVE", sheet: sheet("s2", "DRAFT") },
      { assignmentId: "a-an-D", entryId: "eD", judgeId: "an", status: "REMOVED", sheet: null },
    ],
  };
}

const HEADER = ["Số phách", "Giám khảo", "E-mail giám khảo", "1. Tư tưởng, quan điểm (tối đa 25; bước 0,5)", "2. Tính khoa học (tối đa 25; bước 0,5)", "3. Hình thức (tối đa 10; bước 0,25)", "Ghi chú riêng"];

function file(...rows: CellValue[][]): PaperRow[] {
  return [HEADER, ...rows].map((cells, i) => ({ line: i + 1, cells }));
}

const row = (code: string, email: string, points: CellValue[], note = ""): CellValue[] => [code, "", email, ...points, note];

describe("readPoints and onStep", () => {
  it("reads a decimal comma as a decimal point, numbers as they are, and nothing else", () => {
    expect(readPoints("7,5")).toBe(7.5);
    expect(readPoints(" 7.5 ")).toBe(7.5);
    expect(readPoints(19.25)).toBe(19.25);
    expect(readPoints("")).toBeNull();
    expect(readPoints(null)).toBeNull();
    for (const bad of ["7,5,1", "1 2", "bảy", "7;5", "1e3", "7.5đ"]) expect(readPoints(bad), bad).toBeNaN();
  });

  it("reads every point on a step written with a comma or a point alike, and knows the step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0.25, 0.5, 1), (units, step) => {
        const points = units * step;
        expect(readPoints(String(points).replace(".", ","))).toBe(points);
        expect(readPoints(String(points))).toBe(points);
        expect(onStep(points, step)).toBe(true);
        expect(onStep(points + step / 2, step)).toBe(false);
      }),
    );
  });
});

describe("readHeader", () => {
  it("recognises the columns in either language and any order, by number or by name", () => {
    const { columns, problems } = readHeader(["judge e-mail", "Private NOTE", "Anonymous code", "Tư tưởng, quan điểm", "2) x", "3 - y"], CRITERIA);
    expect(problems).toEqual([]);
    expect(columns).toMatchObject({ judgeEmail: 0, note: 1, code: 2 });
    expect([...columns.criteria]).toEqual([
      [1, 3],
      [2, 4],
      [3, 5],
    ]);
  });

  it("names what is missing, repeated or unknown", () => {
    const { problems } = readHeader(["So phach", "Số phách", "4. Tiêu chí lạ", "Điểm thưởng", "1. a"], CRITERIA);
    expect(problems).toEqual([
      'chair:paper.errors.repeatedColumn|{"column":"Số phách"}',
      'chair:paper.errors.unknownColumn|{"column":"4. Tiêu chí lạ"}',
      'chair:paper.errors.unknownColumn|{"column":"Điểm thưởng"}',
      "chair:paper.errors.noJudgeColumn",
      'chair:paper.errors.noCriterionColumn|{"number":2,"name":"Tính khoa học, lập luận"}',
      'chair:paper.errors.noCriterionColumn|{"number":3,"name":"Hình thức, ngôn ngữ"}',
    ]);
  });
});

describe("validatePaperRows", () => {
  it("accepts valid rows with a decimal comma and numbers, ready to write", () => {
    const v = validatePaperRows(file(row("ph-a", "AN@example.vn", ["20,5", 19, "8,25"], "Bài tốt"), row("PH-A", "binh@example.vn", [18, "17.5", 7])), context());
    expect(v).toMatchObject({ ok: true, fileProblems: [], skipped: 0 });
    expect(v.rows.map((r) => r.sheet)).toEqual([
      { assignmentId: "a-an-A", entryId: "eA", judgeId: "an", points: { k1: 20.5, k2: 19, k3: 8.25 }, note: "Bài tốt", existing: null },
      { assignmentId: "a-binh-A", entryId: "eA", judgeId: "binh", points: { k1: 18, k2: 17.5, k3: 7 }, note: "", existing: null },
    ]);
  });

  it("reports each kind of problem at its row and cell", () => {
    const v = validatePaperRows(
      file(
        row("PH-Z", "an@example.vn", [1, 1, 1]), // 2: unknown code
        row("PH-A", "la@example.vn", [1, 1, 1]), // 3: not a judge of the panel
        row("PH-C", "an@example.vn", [1, 1, 1]), // 4: not assigned
        row("PH-D", "an@example.vn", [1, 1, 1]), // 5: assignment removed = not assigned
        row("PH-C", "binh@example.vn", [1, 1, 1]), // 6: recused
        row("PH-B", "cuong@example.vn", [1, 1, 1]), // 7: submitted online
        row("PH-A", "an@example.vn", ["26", "-1", "x"]), // 8: above max, below 0, not a number
        row("PH-B", "an@example.vn", ["7,3", "", 0.3]), // 9: off step, missing, off the 0.25 step
        row("PH-A", "an@example.vn", [1, 1, 1]), // 10: duplicate of 8
        row("", "", [1, 1, 1], "x".repeat(5001)), // 11: code and judge missing, note too long
      ),
      context(),
    );
    expect(v.ok).toBe(false);
    const at = (line: number) => v.rows.find((r) => r.line === line)!.problems;
    expect(at(2)).toEqual([{ column: "code", message: 'chair:paper.errors.unknownCode|{"code":"PH-Z"}' }]);
    expect(at(3)).toEqual([{ column: "judgeEmail", message: 'chair:paper.errors.judgeNotOnPanel|{"email":"la@example.vn"}' }]);
    expect(at(4)).toEqual([{ column: "judgeEmail", message: 'chair:paper.errors.notAssigned|{"judge":"Nguyễn Văn An","code":"PH-C"}' }]);
    expect(at(5)).toEqual([{ column: "judgeEmail", message: 'chair:paper.errors.notAssigned|{"judge":"Nguyễn Văn An","code":"PH-D"}' }]);
    expect(at(6)).toEqual([{ column: "judgeEmail", message: 'chair:paper.errors.recused|{"judge":"Trần Thị Bình","code":"PH-C"}' }]);
    expect(at(7)).toEqual([{ column: "row", message: 'chair:paper.errors.submittedOnline|{"judge":"Lê Văn Cường","code":"PH-B"}' }]);
    expect(at(8)).toEqual([
      { column: "c1", message: 'chair:paper.errors.outOfRange|{"max":25}' },
      { column: "c2", message: 'chair:paper.errors.outOfRange|{"max":25}' },
      { column: "c3", message: 'chair:paper.errors.notANumber|{"value":"x"}' },
    ]);
    expect(at(9)).toEqual([
      { column: "c1", message: 'chair:paper.errors.offStep|{"step":0.5}' },
      { column: "c2", message: "chair:paper.errors.scoreMissing" },
      { column: "c3", message: 'chair:paper.errors.offStep|{"step":0.25}' },
    ]);
    expect(at(10)).toEqual([{ column: "row", message: 'chair:paper.errors.duplicate|{"line":8}' }]);
    expect(at(11)).toEqual([
      { column: "code", message: "chair:paper.errors.codeMissing" },
      { column: "judgeEmail", message: "chair:paper.errors.judgeMissing" },
      { column: "note", message: 'validation.tooLong|{"max":5000}' },
    ]);
    expect(v.rows.every((r) => r.sheet === null)).toBe(true);
  });

  it("skips template rows nobody filled in, and marks a sheet that replaces a draft", () => {
    const v = validatePaperRows(file(row("PH-A", "an@example.vn", ["", "", ""]), ["", "", "", "", "", "", ""], row("PH-D", "cuong@example.vn", [10, 10, 5])), context());
    expect(v).toMatchObject({ ok: true, skipped: 1 });
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]).toMatchObject({ replacesDraft: true, sheet: { existing: { id: "s2", version: 2 } } });
  });

  it("refuses a file without rows, or without its header, as a whole", () => {
    expect(validatePaperRows(file(row("PH-A", "an@example.vn", ["", "", ""])), context())).toMatchObject({ ok: false, fileProblems: ["chair:paper.errors.noRows"] });
    expect(validatePaperRows([], context())).toMatchObject({ ok: false, fileProblems: ["chair:paper.errors.empty"] });
    expect(validatePaperRows([{ line: 1, cells: ["PH-A", "an@example.vn", 1, 2, 3] }], context()).fileProblems).toContain("chair:paper.errors.noCodeColumn");
  });

  it("finds a duplicate whatever the spelling of the code and the address", () => {
    fc.assert(
      fc.property(fc.constantFrom("PH-A", "ph-a", " PH-A ", "Ph-A"), fc.constantFrom("an@example.vn", "AN@EXAMPLE.VN", " An@Example.vn"), (code, email) => {
        const v = validatePaperRows(file(row("PH-A", "an@example.vn", [1, 1, 1]), row(code, email, [2, 2, 2])), context());
        expect(v.rows[1]!.problems).toEqual([{ column: "row", message: 'chair:paper.errors.duplicate|{"line":2}' }]);
      }),
    );
  });

  it("accepts exactly the points within bounds and on the step", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8, max: 120 }), (quarters) => {
        const points = quarters / 4;
        const v = validatePaperRows(file(row("PH-A", "an@example.vn", [points, 1, 1])), context());
        const expected = points >= 0 && points <= 25 && onStep(points, 0.5);
        expect(v.ok, String(points)).toBe(expected);
      }),
    );
  });
});

describe("paperPlanFingerprint", () => {
  it("changes with the points, the note, the sheet replaced and the rubric, and with nothing else", () => {
    const base = file(row("PH-A", "an@example.vn", [20, 19, 8]), row("PH-D", "cuong@example.vn", [10, 10, 5]));
    const ctx = context();
    const plan = paperPlanFingerprint(validatePaperRows(base, ctx), ctx);
    // Only the judge's name, as written, differs: same plan.
    const renamed = base.map((r) => ({ ...r, cells: r.line === 1 ? r.cells : [r.cells[0]!, "Ai đó", ...r.cells.slice(2)] }));
    expect(paperPlanFingerprint(validatePaperRows(renamed, ctx), ctx)).toBe(plan);

    const otherPoints = file(row("PH-A", "an@example.vn", [20, 19, 8.25]), row("PH-D", "cuong@example.vn", [10, 10, 5]));
    expect(paperPlanFingerprint(validatePaperRows(otherPoints, ctx), ctx)).not.toBe(plan);
    const otherNote = file(row("PH-A", "an@example.vn", [20, 19, 8], "ghi chú"), row("PH-D", "cuong@example.vn", [10, 10, 5]));
    expect(paperPlanFingerprint(validatePaperRows(otherNote, ctx), ctx)).not.toBe(plan);
    const draftSaved = context();
    draftSaved.assignments.find((a) => a.assignmentId === "a-cuong-D")!.sheet!.version = 3;
    expect(paperPlanFingerprint(validatePaperRows(base, draftSaved), draftSaved)).not.toBe(plan);
    const rubric = { ...ctx, criteria: ctx.criteria.map((c) => (c.id === "k3" ? { ...c, maxPoints: 12 } : c)) };
    expect(paperPlanFingerprint(validatePaperRows(base, rubric), rubric)).not.toBe(plan);
  });
});

describe("templateTable", () => {
  it("has one row per assignment still to score, sorted by code then judge, and the header of the rubric", () => {
    const { header, rows } = templateTable(context(), {
      code: "Số phách",
      judgeName: "Giám khảo",
      judgeEmail: "E-mail giám khảo",
      note: "Ghi chú riêng",
      criterion: (c) => `${c.number}. ${c.name} (tối đa ${c.maxPoints})`,
    });
    expect(header).toEqual(["Số phách", "Giám khảo", "E-mail giám khảo", "1. Tư tưởng, quan điểm (tối đa 25)", "2. Tính khoa học, lập luận (tối đa 25)", "3. Hình thức, ngôn ngữ (tối đa 10)", "Ghi chú riêng"]);
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ["PH-A", "an@example.vn"],
      ["PH-A", "Binh@Example.vn"],
      ["PH-B", "an@example.vn"],
      ["PH-D", "cuong@example.vn"],
    ]);
    // A filled-in template reads back with the same header.
    expect(readHeader(header, CRITERIA).problems).toEqual([]);
  });
});
