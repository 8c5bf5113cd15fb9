// Reading and writing paper scoresheet files (./paper has the format): XLSX with exceljs, CSV
// with csv-parse / csv-stringify. The kind is decided by the content, never by the name: a zip
// holding xl/workbook.xml is a workbook, anything that decodes as text is CSV.
//
// A workbook is a zip from someone's computer: before exceljs sees it, every entry is inflated
// and counted in the storage module's worker (extract.server inspectZip, stopping past
// MAX_PAPER_INFLATED_BYTES), and an XML part with a DTD is refused, as for essays
// (docs/decisions/0010-file-storage.md). CSV text is decoded like an essay's TXT (UTF-8 with or
// without a BOM, UTF-16 with a BOM, windows-1258 …) and its separator is the one its header uses
// (",", ";" or a tab): Excel on Vietnamese Windows writes ";".
import fs from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { inspectZip } from "#app/modules/storage/extract.server";
import { isZip } from "#app/modules/storage/sniff";
import { decodeText } from "#app/modules/storage/text-encoding";
import type { CellValue, PaperRow } from "./paper";

/** The most bytes a workbook's entries may inflate to together. */
export const MAX_PAPER_INFLATED_BYTES = 32 * 1024 * 1024;
/** The most rows read from a file (a national panel's sheets fit many times over). */
export const MAX_PAPER_ROWS = 20_000;
/** The most columns a row may have. */
export const MAX_PAPER_COLUMNS = 100;

export type PaperFileKind = "xlsx" | "csv";

export type PaperFileResult =
  | { ok: true; kind: PaperFileKind; rows: PaperRow[] }
  | { ok: false; error: string };

const UNREADABLE = "chair:paper.errors.unreadable";
const TOO_BIG = "chair:paper.errors.tooManyRows";
const WORKBOOK_PART = "xl/workbook.xml";

/** Reads a received file's rows (the header first), deciding its kind by its content. */
export async function readPaperFile(path: string): Promise<PaperFileResult> {
  const bytes = new Uint8Array(await fs.readFile(path));
  if (bytes.length === 0) return { ok: false, error: "chair:paper.errors.emptyFile" };
  return isZip(bytes) ? readWorkbook(bytes) : readCsv(bytes);
}

// ───────────────────────────── XLSX ─────────────────────────────

const DTD = /<!(?:DOCTYPE|ENTITY)/i;

async function readWorkbook(bytes: Uint8Array): Promise<PaperFileResult> {
  const inspected = await inspectZip(bytes, { maxInflatedBytes: MAX_PAPER_INFLATED_BYTES });
  if (!inspected.ok) return { ok: false, error: inspected.reason === "tooManyInflatedBytes" ? "chair:paper.errors.tooLarge" : UNREADABLE };
  const { listing } = inspected;
  if (!listing.entries.some((e) => e.name === WORKBOOK_PART)) return { ok: false, error: "chair:paper.errors.notSpreadsheet" };
  const decoder = new TextDecoder("utf-8");
  if (Object.values(listing.parts).some((part) => DTD.test(decoder.decode(part)))) return { ok: false, error: UNREADABLE };

  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return { ok: false, error: UNREADABLE };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "chair:paper.errors.empty" };
  if (sheet.actualRowCount > MAX_PAPER_ROWS + 1) return { ok: false, error: TOO_BIG };
  const rows: PaperRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as unknown[];
    // exceljs numbers columns from 1: values[0] is always empty.
    const cells = values.slice(1, MAX_PAPER_COLUMNS + 1).map(workbookCell);
    rows.push({ line, cells });
  });
  return { ok: true, kind: "xlsx", rows };
}

/** A workbook cell as text or number: rich text joined, a hyperlink's text, a formula's result. */
export function workbookCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("text" in v) return workbookCell(v.text);
    if ("result" in v) return workbookCell(v.result);
    if (typeof v.error === "string") return v.error;
  }
  return null;
}

// ───────────────────────────── CSV ─────────────────────────────

const SEPARATORS = [",", ";", "\t"] as const;

/** The separator the header line uses most (outside quotes); "," when it has none. */
export function detectSeparator(text: string): string {
  let quoted = false;
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const s of SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
  return best;
}

function readCsv(bytes: Uint8Array): PaperFileResult {
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, error: "chair:paper.errors.notSpreadsheet" };
  const text = decoded.text.replace(/^\uFEFF/, "");
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectSeparator(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: MAX_PAPER_ROWS + 2,
    }) as string[][];
  } catch {
    return { ok: false, error: UNREADABLE };
  }
  if (records.length > MAX_PAPER_ROWS + 1) return { ok: false, error: TOO_BIG };
  // A spreadsheet program shows record n on row n: the header is row 1.
  const rows = records
    .map((cells, i) => ({ line: i + 1, cells: cells.slice(0, MAX_PAPER_COLUMNS) as CellValue[] }))
    .filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ""));
  return { ok: true, kind: "csv", rows };
}

// ───────────────────────────── templates ─────────────────────────────

export interface TemplateSheet {
  /** The worksheet's name (the panel's). */
  title: string;
  header: string[];
  rows: string[][];
  /** Maximum points of each criterion column, in order (for the workbook's input checks). */
  criteria: { column: number; max: number }[];
  /** The data-validation message of a criterion cell. */
  criterionPrompt: (max: number) => string;
}

/** A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  const cleaned = title.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim().slice(0, 31);
  return cleaned || "Sheet1";
}

/** The blank template as a workbook: the header bold and frozen, criterion cells checked as numbers within 0..max. */
export async function templateWorkbook(template: TemplateSheet): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName(template.title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(template.header);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: "top" };
  for (const row of template.rows) sheet.addRow(row);
  template.header.forEach((_, i) => {
    sheet.getColumn(i + 1).width = i === 1 || i === 2 ? 28 : i === template.header.length - 1 ? 40 : 18;
  });
  for (const { column, max } of template.criteria) {
    for (let line = 2; line <= template.rows.length + 1; line++) {
      sheet.getCell(line, column + 1).dataValidation = {
        type: "decimal",
        operator: "between",
        allowBlank: true,
        formulae: [0, max],
        showErrorMessage: true,
        error: template.criterionPrompt(max),
      };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The blank template as CSV with a UTF-8 BOM (so spreadsheet programs read the diacritics), separated by `separator`. */
export function templateCsv(template: Pick<TemplateSheet, "header" | "rows">, separator: "," | ";"): string {
  return `\uFEFF${stringify([template.header, ...template.rows], { delimiter: separator, record_delimiter: "windows" })}`;
}
