// Paper scoresheets (issue 5, item 7): the file format and its validation. Pure: no database, no
// clock; the file reading is ./paper-file.server, the database side ./paper.server.
//
// The format, one sheet (XLSX) or one table (CSV), one row per scoresheet, the header first:
//   Anonymous code | Judge | Judge e-mail | one column per criterion of the round's rubric | Private note
// A criterion's header starts with its number in the rubric ("1. Political soundness (max 25;
// step 0.5)"); columns are recognised by their header, in either language, in any order. The
// template per panel is pre-filled with the anonymous code and the judge of every assignment
// still to be scored.
//
// Rows: a row whose criteria and note are all empty is skipped (a template row nobody filled in);
// any other row must name an entry of the panel by its anonymous code and one of the panel's
// judges by e-mail who is assigned to that entry (not recused) and has not submitted a sheet
// online; give every criterion points within 0..max on the criterion's step ("7,5" and "7.5"
// alike); appear once per entry and judge; and keep its note within NOTE_MAX. Every problem is
// reported at its row and cell (an i18n key, "key|{json}" with parameters); the import is all or
// nothing, so one problem anywhere refuses the file.
import crypto from "node:crypto";
import { resources } from "#app/locales/index";
import { foldedWords } from "#app/utils/vietnamese";

/** The longest private note a paper sheet may carry. */
export const PAPER_NOTE_MAX = 5000;

export type CellValue = string | number | null;

export interface PaperRow {
  /** The row's number as a spreadsheet program shows it (the header is row 1). */
  line: number;
  cells: CellValue[];
}

export interface PaperCriterion {
  id: string;
  /** 1-based, in the rubric's order: the number in the column's header. */
  number: number;
  name: string;
  maxPoints: number;
  step: number;
  weight: number;
}

export interface PaperContext {
  rubricVersionId: string;
  criteria: PaperCriterion[];
  /** The panel's entries by anonymous code. */
  entries: { entryId: string; anonymousCode: string }[];
  /** The panel's judges. */
  judges: { judgeId: string; name: string; email: string }[];
  /** The panel's assignments of those entries, with their sheet if any. */
  assignments: {
    assignmentId: string;
    entryId: string;
    judgeId: string;
    status: "ACTIVE" | "RECUSED" | "REMOVED";
    sheet: { id: string; status: "DRAFT" | "SUBMITTED"; version: number } | null;
  }[];
}

/** Where a problem is: a column of the row, or the row as a whole. */
export type PaperColumnKey = "code" | "judgeName" | "judgeEmail" | "note" | "row" | `c${number}`;

export interface PaperProblem {
  column: PaperColumnKey;
  message: string;
}

export interface PaperRowResult {
  line: number;
  code: string;
  judgeName: string;
  judgeEmail: string;
  /** Each criterion cell as read (by criterion number), for the preview. */
  cells: Record<string, string>;
  note: string;
  problems: PaperProblem[];
  /** Not a problem: the judge's draft online will be replaced by this sheet. */
  replacesDraft: boolean;
  /** What will be written, when the row has no problem. */
  sheet: { assignmentId: string; entryId: string; judgeId: string; points: Record<string, number>; note: string; existing: { id: string; version: number } | null } | null;
}

export interface PaperValidation {
  /** Problems of the file as a whole (a column missing or unknown, no rows). */
  fileProblems: string[];
  /** The rows read (skipped ones excluded), in file order. */
  rows: PaperRowResult[];
  /** Rows left empty (template rows nobody filled in). */
  skipped: number;
  ok: boolean;
}

// ───────────────────────────── columns ─────────────────────────────

type Labels = (typeof resources)["vi"]["chair"]["paper"]["columns"];
const LABELS: Labels[] = [resources.vi.chair.paper.columns, resources.en.chair.paper.columns];
const key = (text: string) => foldedWords(text).join("");

const FIXED: Record<"code" | "judgeName" | "judgeEmail" | "note", Set<string>> = {
  code: new Set([...LABELS.map((l) => key(l.code)), key("mã phách"), key("phách")]),
  judgeName: new Set([...LABELS.map((l) => key(l.judgeName)), key("họ tên giám khảo"), key("judge name")]),
  judgeEmail: new Set([...LABELS.map((l) => key(l.judgeEmail)), key("email"), key("e-mail")]),
  note: new Set([...LABELS.map((l) => key(l.note)), key("ghi chú"), key("note")]),
};

export type ColumnMap = { code?: number; judgeName?: number; judgeEmail?: number; note?: number; criteria: Map<number, number> };

/** Which column holds what, from the header row; problems for missing, repeated or unknown columns. */
export function readHeader(header: readonly CellValue[], criteria: readonly PaperCriterion[]): { columns: ColumnMap; problems: string[] } {
  const columns: ColumnMap = { criteria: new Map() };
  const problems: string[] = [];
  const byName = new Map(criteria.map((c) => [key(c.name), c.number]));
  const numbers = new Set(criteria.map((c) => c.number));
  header.forEach((raw, index) => {
    const text = cellText(raw);
    if (text === "") return;
    const k = key(text);
    const fixed = (Object.keys(FIXED) as (keyof typeof FIXED)[]).find((name) => FIXED[name].has(k));
    if (fixed) {
      if (columns[fixed] !== undefined) problems.push(`chair:paper.errors.repeatedColumn|${JSON.stringify({ column: text })}`);
      else columns[fixed] = index;
      return;
    }
    const numbered = /^\s*(\d{1,3})\s*(?:[.):-]|$)/.exec(text);
    const number = numbered ? Number(numbered[1]) : byName.get(k.replace(/^\d+/, "")) ?? byName.get(k);
    if (number !== undefined && numbers.has(number)) {
      if (columns.criteria.has(number)) problems.push(`chair:paper.errors.repeatedColumn|${JSON.stringify({ column: text })}`);
      else columns.criteria.set(number, index);
      return;
    }
    problems.push(`chair:paper.errors.unknownColumn|${JSON.stringify({ column: text })}`);
  });
  if (columns.code === undefined) problems.push("chair:paper.errors.noCodeColumn");
  if (columns.judgeEmail === undefined) problems.push("chair:paper.errors.noJudgeColumn");
  for (const c of criteria) {
    if (!columns.criteria.has(c.number)) problems.push(`chair:paper.errors.noCriterionColumn|${JSON.stringify({ number: c.number, name: c.name })}`);
  }
  return { columns, problems };
}

// ───────────────────────────── cells ─────────────────────────────

/** A cell as text: trimmed, NFC; numbers as written in JavaScript. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return value.normalize("NFC").replace(/\u00a0/g, " ").trim();
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** Points from a cell: a number, or text with a decimal comma or point ("7,5", "7.5"); null when empty, NaN when not a number. */
export function readPoints(value: CellValue | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  const text = cellText(value);
  if (text === "") return null;
  if (!NUMBER.test(text)) return Number.NaN;
  return Number(text.replace(",", "."));
}

/** Whether points lie on the criterion's step (to within floating-point noise). */
export function onStep(points: number, step: number): boolean {
  const units = points / step;
  return Math.abs(units - Math.round(units)) < 1e-9;
}

const normalCode = (code: string) => code.replace(/\s+/g, "").toUpperCase();
const normalEmail = (email: string) => email.trim().toLowerCase().replace(/^mailto:/, "");
const withParams = (message: string, params: Record<string, unknown>) => `${message}|${JSON.stringify(params)}`;

// ───────────────────────────── validating ─────────────────────────────

/** Every row of the file checked against the panel (see the top of the file). `rows[0]` is the header. */
export function validatePaperRows(rows: readonly PaperRow[], context: PaperContext): PaperValidation {
  const criteria = [...context.criteria].sort((a, b) => a.number - b.number);
  const [header, ...body] = rows;
  if (!header) return { fileProblems: ["chair:paper.errors.empty"], rows: [], skipped: 0, ok: false };
  const { columns, problems: fileProblems } = readHeader(header.cells, criteria);
  if (fileProblems.length > 0) return { fileProblems, rows: [], skipped: 0, ok: false };

  const entryByCode = new Map(context.entries.map((e) => [normalCode(e.anonymousCode), e]));
  const judgeByEmail = new Map(context.judges.map((j) => [normalEmail(j.email), j]));
  const assignmentOf = new Map(context.assignments.map((a) => [`${a.entryId}\u0000${a.judgeId}`, a]));
  const seen = new Map<string, number>();
  const results: PaperRowResult[] = [];
  let skipped = 0;

  for (const row of body) {
    const at = (index: number | undefined) => (index === undefined ? null : (row.cells[index] ?? null));
    const code = cellText(at(columns.code));
    const judgeName = cellText(at(columns.judgeName));
    const judgeEmail = cellText(at(columns.judgeEmail));
    const note = cellText(at(columns.note));
    const cells: Record<string, string> = {};
    for (const c of criteria) cells[c.number] = cellText(at(columns.criteria.get(c.number)));
    const filled = note !== "" || Object.values(cells).some((v) => v !== "");
    if (!filled) {
      if (code === "" && judgeEmail === "" && judgeName === "" && row.cells.every((v) => cellText(v) === "")) continue;
      skipped++;
      continue;
    }

    const problems: PaperProblem[] = [];
    const entry = code === "" ? undefined : entryByCode.get(normalCode(code));
    if (code === "") problems.push({ column: "code", message: "chair:paper.errors.codeMissing" });
    else if (!entry) problems.push({ column: "code", message: withParams("chair:paper.errors.unknownCode", { code }) });
    const judge = judgeEmail === "" ? undefined : judgeByEmail.get(normalEmail(judgeEmail));
    if (judgeEmail === "") problems.push({ column: "judgeEmail", message: "chair:paper.errors.judgeMissing" });
    else if (!judge) problems.push({ column: "judgeEmail", message: withParams("chair:paper.errors.judgeNotOnPanel", { email: judgeEmail }) });

    let assignment: PaperContext["assignments"][number] | undefined;
    if (entry && judge) {
      assignment = assignmentOf.get(`${entry.entryId}\u0000${judge.judgeId}`);
      if (!assignment || assignment.status === "REMOVED") {
        problems.push({ column: "judgeEmail", message: withParams("chair:paper.errors.notAssigned", { judge: judge.name, code }) });
      } else if (assignment.status === "RECUSED") {
        problems.push({ column: "judgeEmail", message: withParams("chair:paper.errors.recused", { judge: judge.name, code }) });
      } else if (assignment.sheet?.status === "SUBMITTED") {
        problems.push({ column: "row", message: withParams("chair:paper.errors.submittedOnline", { judge: judge.name, code }) });
      }
    }
    const pairKey = entry && judge ? `${entry.entryId}\u0000${judge.judgeId}` : code !== "" && judgeEmail !== "" ? `${normalCode(code)}\u0000${normalEmail(judgeEmail)}` : null;
    if (pairKey) {
      const first = seen.get(pairKey);
      if (first !== undefined) problems.push({ column: "row", message: withParams("chair:paper.errors.duplicate", { line: first }) });
      else seen.set(pairKey, row.line);
    }

    const points: Record<string, number> = {};
    for (const c of criteria) {
      const column = `c${c.number}` as const;
      const value = readPoints(at(columns.criteria.get(c.number)));
      if (value === null) problems.push({ column, message: "chair:paper.errors.scoreMissing" });
      else if (Number.isNaN(value)) problems.push({ column, message: withParams("chair:paper.errors.notANumber", { value: cells[c.number] }) });
      else if (value < 0 || value > c.maxPoints) problems.push({ column, message: withParams("chair:paper.errors.outOfRange", { max: c.maxPoints }) });
      else if (!onStep(value, c.step)) problems.push({ column, message: withParams("chair:paper.errors.offStep", { step: c.step }) });
      else points[c.id] = value;
    }
    if (note.length > PAPER_NOTE_MAX) problems.push({ column: "note", message: withParams("validation.tooLong", { max: PAPER_NOTE_MAX }) });

    const ok = problems.length === 0 && assignment !== undefined && entry !== undefined && judge !== undefined;
    results.push({
      line: row.line,
      code,
      judgeName,
      judgeEmail,
      cells,
      note,
      problems,
      replacesDraft: assignment?.sheet?.status === "DRAFT",
      sheet: ok
        ? {
            assignmentId: assignment!.assignmentId,
            entryId: entry!.entryId,
            judgeId: judge!.judgeId,
            points,
            note,
            existing: assignment!.sheet ? { id: assignment!.sheet.id, version: assignment!.sheet.version } : null,
          }
        : null,
    });
  }

  if (results.length === 0) fileProblems.push("chair:paper.errors.noRows");
  return { fileProblems, rows: results, skipped, ok: fileProblems.length === 0 && results.every((r) => r.problems.length === 0) };
}

/**
 * What an import of a valid file would write, and what it was checked against, hashed: the rubric
 * version and its criteria, and each sheet (its assignment, its points, its note, the state of the
 * sheet it replaces). The preview shows it; the import recomputes it inside its transaction and
 * refuses when it differs (the file, the panel or a sheet changed meanwhile).
 */
export function paperPlanFingerprint(validation: PaperValidation, context: Pick<PaperContext, "rubricVersionId" | "criteria">): string {
  const canonical = JSON.stringify({
    rubric: context.rubricVersionId,
    criteria: [...context.criteria].sort((a, b) => a.number - b.number).map((c) => [c.id, c.maxPoints, c.step, c.weight]),
    problems: validation.fileProblems.length + validation.rows.reduce((s, r) => s + r.problems.length, 0),
    sheets: validation.rows.map((r) =>
      r.sheet
        ? [r.line, r.sheet.assignmentId, Object.entries(r.sheet.points).sort(([a], [b]) => (a < b ? -1 : 1)), r.sheet.note, r.sheet.existing]
        : [r.line, null],
    ),
  });
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

// ───────────────────────────── the template ─────────────────────────────

export interface TemplateLabels {
  code: string;
  judgeName: string;
  judgeEmail: string;
  note: string;
  /** A criterion's header from its number, name, maximum and step. */
  criterion: (c: PaperCriterion) => string;
}

/** The header and the rows of a panel's blank template: one row per assignment still to score. */
export function templateTable(context: PaperContext, labels: TemplateLabels): { header: string[]; rows: string[][] } {
  const criteria = [...context.criteria].sort((a, b) => a.number - b.number);
  const header = [labels.code, labels.judgeName, labels.judgeEmail, ...criteria.map(labels.criterion), labels.note];
  const codeOf = new Map(context.entries.map((e) => [e.entryId, e.anonymousCode]));
  const judgeOf = new Map(context.judges.map((j) => [j.judgeId, j]));
  const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  const rows = context.assignments
    .filter((a) => a.status === "ACTIVE" && a.sheet?.status !== "SUBMITTED" && codeOf.has(a.entryId) && judgeOf.has(a.judgeId))
    .map((a) => ({ code: codeOf.get(a.entryId)!, judge: judgeOf.get(a.judgeId)! }))
    .sort((a, b) => collator.compare(a.code, b.code) || collator.compare(a.judge.name, b.judge.name))
    .map(({ code, judge }) => [code, judge.name, judge.email, ...criteria.map(() => ""), ""]);
  return { header, rows };
}
