// Paper scoresheets in the database (issue 5, item 7): the panels a secretary imports for, a
// panel's blank template, the preview of a filled file, and the import. The format and the checks
// are ./paper (pure), the file reading and writing ./paper-file.server.
//
// The import is all or nothing: inside one transaction, with the contest row locked
// (contests/lock.server) and the round's rubric version locked (rubrics.server lockRubricVersion,
// before its criteria are read), the file is validated again against the panel as it is now and
// its plan fingerprint (./paper paperPlanFingerprint) compared with the preview's; any problem,
// or any difference (the file is not the one checked, an assignment or a sheet changed, the
// rubric changed), writes nothing. Then every sheet is written SUBMITTED with its points, its
// total and summary (./total, the only place totals are computed) and the note, replacing the judge's draft
// if there was one, and "scoresheet.importPaper" is logged with the counts and the file's SHA-256.
//
// Authorization is the caller's (the contest's secretaries and organizers); every read is scoped
// by the contest, so a panel of another contest is not found.
import { audit } from "#app/modules/audit/audit.server";
import { isUniqueViolation } from "#app/modules/auth/rate-limit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { NOT_FOUND, refused, type NotFound, type Refused } from "#app/modules/panels/refusal";
import { lockRubricVersion } from "#app/modules/rubrics/rubrics.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { formatNumber, nameCollator } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { foldedWords } from "#app/utils/vietnamese";
import { paperPlanFingerprint, templateTable, validatePaperRows, type PaperContext, type PaperRowResult, type PaperValidation } from "./paper";
import { readPaperFile, templateCsv, templateWorkbook, type PaperFileKind } from "./paper-file.server";
import { PAPER_PREVIEW_ROWS } from "./paper.schema";
import { scoresheetSummary, scoresheetTotal } from "./total";

/** A national panel writes thousands of sheets: more than Prisma's 5 s default. */
const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

export const PAPER_ERRORS = {
  noRubric: "chair:paper.errors.noRubric",
  notJudging: "chair:paper.errors.notJudging",
  changed: "chair:paper.errors.changed",
  otherFile: "chair:paper.errors.otherFile",
} as const;

// ───────────────────────────── the panels ─────────────────────────────

/** The contest's rounds and panels, with what is left to score on each, for the paper section. */
export async function listPaperPanels(contestId: string) {
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, phase: true } });
  if (!contest) return null;
  const rounds = await prisma.round.findMany({
    where: { contestId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      rubricVersionId: true,
      panels: {
        select: {
          id: true,
          name: true,
          _count: { select: { judges: true } },
          assignments: { where: { status: "ACTIVE" }, select: { scoresheet: { select: { status: true } } } },
        },
      },
    },
  });
  return {
    contest,
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      hasRubric: r.rubricVersionId !== null,
      panels: [...r.panels]
        .sort((a, b) => nameCollator.compare(a.name, b.name))
        .map((p) => ({
          id: p.id,
          name: p.name,
          judges: p._count.judges,
          assigned: p.assignments.length,
          submitted: p.assignments.filter((a) => a.scoresheet?.status === "SUBMITTED").length,
        })),
    })),
  };
}

/** One panel for its import page: names, whether the contest is judging, the rubric's criteria. Null when not the contest's. */
export async function getPaperPanel(contestId: string, panelId: string) {
  const panel = await prisma.panel.findFirst({
    where: { id: panelId, round: { contestId } },
    select: {
      id: true,
      name: true,
      round: {
        select: {
          id: true,
          name: true,
          contest: { select: { phase: true } },
          rubricVersion: { select: { criteria: { orderBy: { position: "asc" }, select: { name: true, maxPoints: true, step: true } } } },
        },
      },
    },
  });
  if (!panel) return null;
  return {
    panel: { id: panel.id, name: panel.name },
    round: { id: panel.round.id, name: panel.round.name },
    judging: panel.round.contest.phase === "JUDGING",
    criteria: (panel.round.rubricVersion?.criteria ?? []).map((c, i) => ({ number: i + 1, ...c })),
  };
}

// ───────────────────────────── the panel's context ─────────────────────────────

interface LoadedPanel {
  panel: { id: string; name: string };
  round: { id: string; name: string; position: number };
  contest: { id: string; phase: string; slug: string };
  context: PaperContext;
}

/** The panel with everything its files are checked against; null when it is not the contest's, noRubric without a rubric. */
async function loadPanel(db: Tx, contestId: string, panelId: string): Promise<LoadedPanel | null | Refused> {
  const panel = await db.panel.findFirst({
    where: { id: panelId, round: { contestId } },
    select: {
      id: true,
      name: true,
      judges: { select: { userId: true, user: { select: { name: true, email: true } } } },
      round: {
        select: {
          id: true,
          name: true,
          position: true,
          rubricVersionId: true,
          contest: { select: { id: true, phase: true, slug: true } },
          rubricVersion: { select: { criteria: { orderBy: { position: "asc" }, select: { id: true, name: true, maxPoints: true, step: true, weight: true } } } },
        },
      },
    },
  });
  if (!panel) return null;
  const { round } = panel;
  if (!round.rubricVersionId || !round.rubricVersion || round.rubricVersion.criteria.length === 0) return refused(PAPER_ERRORS.noRubric);
  const placed = await db.roundEntry.findMany({
    where: { roundId: round.id, panelId: panel.id, status: "IN" },
    select: { entry: { select: { id: true, anonymousCode: true } } },
  });
  const entries = placed.flatMap((p) => (p.entry.anonymousCode ? [{ entryId: p.entry.id, anonymousCode: p.entry.anonymousCode }] : []));
  const assignments = await db.assignment.findMany({
    where: { roundId: round.id, entryId: { in: entries.map((e) => e.entryId) } },
    orderBy: { id: "asc" },
    select: { id: true, entryId: true, judgeId: true, status: true, scoresheet: { select: { id: true, status: true, version: true } } },
  });
  return {
    panel: { id: panel.id, name: panel.name },
    round: { id: round.id, name: round.name, position: round.position },
    contest: round.contest,
    context: {
      rubricVersionId: round.rubricVersionId,
      criteria: round.rubricVersion.criteria.map((c, i) => ({ ...c, number: i + 1 })),
      entries,
      judges: panel.judges.map((j) => ({ judgeId: j.userId, name: j.user.name, email: j.user.email })),
      assignments: assignments.map((a) => ({ assignmentId: a.id, entryId: a.entryId, judgeId: a.judgeId, status: a.status, sheet: a.scoresheet })),
    },
  };
}

const isRefusal = (value: unknown): value is Refused => typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;

// ───────────────────────────── the template ─────────────────────────────

export interface PaperTemplateFile {
  filename: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer> | string;
}

function fileStem(lng: Language, round: { position: number }, panelName: string): string {
  const t = getFixedT(lng);
  return [t("chair:paper.fileStem"), `${round.position}`, ...foldedWords(panelName)].join("-").slice(0, 80);
}

/** The panel's blank template, in the reader's language, as XLSX or CSV. */
export async function paperTemplate(contestId: string, panelId: string, lng: Language, format: PaperFileKind): Promise<PaperTemplateFile | NotFound | Refused> {
  const loaded = await loadPanel(prisma, contestId, panelId);
  if (!loaded) return NOT_FOUND;
  if (isRefusal(loaded)) return loaded;
  const t = getFixedT(lng);
  const labels = {
    code: t("chair:paper.columns.code"),
    judgeName: t("chair:paper.columns.judgeName"),
    judgeEmail: t("chair:paper.columns.judgeEmail"),
    note: t("chair:paper.columns.note"),
    criterion: (c: { number: number; name: string; maxPoints: number; step: number }) =>
      t("chair:paper.columns.criterion", { number: c.number, name: c.name, max: formatNumber(c.maxPoints, lng), step: formatNumber(c.step, lng) }),
  };
  const table = templateTable(loaded.context, labels);
  const stem = fileStem(lng, loaded.round, loaded.panel.name);
  if (format === "csv") {
    // Spreadsheet programs set to Vietnamese use ";" between columns (the decimal separator is ",").
    return { filename: `${stem}.csv`, contentType: "text/csv; charset=utf-8", body: templateCsv(table, lng === "vi" ? ";" : ",") };
  }
  const body = await templateWorkbook({
    title: loaded.panel.name,
    ...table,
    criteria: loaded.context.criteria.map((c) => ({ column: 2 + c.number, max: c.maxPoints })),
    criterionPrompt: (max) => t("chair:paper.columns.prompt", { max: formatNumber(max, lng) }),
  });
  return { filename: `${stem}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: new Uint8Array(body) };
}

// ───────────────────────────── preview and import ─────────────────────────────

export interface PaperFile {
  /** The received temporary file (storage/multipart withUploadForm). */
  path: string;
  sha256: string;
  originalName: string;
}

export interface PaperPreview {
  sha256: string;
  fileName: string;
  kind: PaperFileKind | null;
  /** Problems of the file as a whole; the rows were not checked when there are any. */
  fileProblems: string[];
  criteria: { number: number; name: string }[];
  counts: { rows: number; withProblems: number; skipped: number; replacesDraft: number };
  /** Rows with problems (the first PAPER_PREVIEW_ROWS). */
  problemRows: PaperRowResult[];
  /** Rows ready to import (the first PAPER_PREVIEW_ROWS), shown when there are no problems. */
  readyRows: PaperRowResult[];
  /** Pass it back to importPaper. */
  plan: string;
  ok: boolean;
  /** The contest is judging: an import is possible. */
  judging: boolean;
}

function previewOf(file: PaperFile, kind: PaperFileKind | null, validation: PaperValidation, loaded: LoadedPanel): PaperPreview {
  const withProblems = validation.rows.filter((r) => r.problems.length > 0);
  const plain = (rows: PaperRowResult[]) => rows.slice(0, PAPER_PREVIEW_ROWS).map((r) => ({ ...r, sheet: null }));
  return {
    sha256: file.sha256,
    fileName: file.originalName,
    kind,
    fileProblems: validation.fileProblems,
    criteria: loaded.context.criteria.map((c) => ({ number: c.number, name: c.name })),
    counts: {
      rows: validation.rows.length,
      withProblems: withProblems.length,
      skipped: validation.skipped,
      replacesDraft: validation.rows.filter((r) => r.replacesDraft).length,
    },
    problemRows: plain(withProblems),
    readyRows: validation.ok ? plain(validation.rows) : [],
    plan: paperPlanFingerprint(validation, loaded.context),
    ok: validation.ok,
    judging: loaded.contest.phase === "JUDGING",
  };
}

async function check(db: Tx, contestId: string, panelId: string, file: PaperFile) {
  const loaded = await loadPanel(db, contestId, panelId);
  if (!loaded || isRefusal(loaded)) return loaded;
  const read = await readPaperFile(file.path);
  const validation: PaperValidation = read.ok ? validatePaperRows(read.rows, loaded.context) : { fileProblems: [read.error], rows: [], skipped: 0, ok: false };
  return { loaded, validation, preview: previewOf(file, read.ok ? read.kind : null, validation, loaded) };
}

/** What importing the file would do, and every problem at its row and cell; nothing is written. */
export async function previewPaperImport(input: { contestId: string; panelId: string; file: PaperFile }): Promise<PaperPreview | NotFound | Refused> {
  const checked = await check(prisma, input.contestId, input.panelId, input.file);
  if (!checked) return NOT_FOUND;
  if (isRefusal(checked)) return checked;
  return checked.preview;
}

export interface ImportInput {
  contestId: string;
  panelId: string;
  file: PaperFile;
  /** The SHA-256 and plan of the preview the secretary saw. */
  expectedSha256: string;
  expectedPlan: string;
  actorId: string;
  ip?: string | null;
  /** Told where the import stands, inside its transaction: nothing is kept until it commits. */
  onProgress?: (progress: PaperProgress) => void;
}

/** Where an import stands: checking the file again, then writing its sheets (`written` of `total`). */
export type PaperProgress = { stage: "checking" } | { stage: "writing"; written: number; total: number };

/** Sheets written per statement (and per progress report). */
export const PAPER_WRITE_CHUNK = 250;

export type ImportResult =
  | { ok: true; imported: number; replacedDrafts: number; skipped: number }
  /** The file has problems now: nothing written; the preview says where. */
  | { ok: false; status: "invalid"; preview: PaperPreview }
  /** Not the file that was checked, or the panel changed since: nothing written; the fresh preview. */
  | { ok: false; status: "stale"; error: string; preview: PaperPreview }
  | NotFound
  | Refused;

class Stale extends Error {
  constructor(readonly preview: PaperPreview, readonly error: string) {
    super("stale");
  }
}
class Invalid extends Error {
  constructor(readonly preview: PaperPreview) {
    super("invalid");
  }
}

/** Imports every sheet of the file, or none (see the top of the file). */
export async function importPaper(input: ImportInput): Promise<ImportResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<ImportResult> => {
      if (!(await lockContest(tx, input.contestId))) return NOT_FOUND;
      const round = await tx.round.findFirst({
        where: { contestId: input.contestId, panels: { some: { id: input.panelId } } },
        select: { rubricVersionId: true, contest: { select: { phase: true } } },
      });
      if (!round) return NOT_FOUND;
      if (round.contest.phase !== "JUDGING") return refused(PAPER_ERRORS.notJudging);
      // Before its criteria are read: a rubric edit then goes to a new version instead of changing these.
      if (round.rubricVersionId) await lockRubricVersion(tx, round.rubricVersionId);

      input.onProgress?.({ stage: "checking" });
      const checked = await check(tx, input.contestId, input.panelId, input.file);
      if (!checked) return NOT_FOUND;
      if (isRefusal(checked)) return checked;
      const { loaded, validation, preview } = checked;
      if (!validation.ok) throw new Invalid(preview);
      if (input.file.sha256 !== input.expectedSha256) throw new Stale(preview, PAPER_ERRORS.otherFile);
      if (preview.plan !== input.expectedPlan) throw new Stale(preview, PAPER_ERRORS.changed);

      const criteria = loaded.context.criteria;
      const now = new Date();
      const total = validation.rows.length;
      const fields = { rubricVersionId: loaded.context.rubricVersionId, status: "SUBMITTED" as const, submittedAt: now };
      const scoresOf = (points: Record<string, number>) => criteria.map((c) => ({ criterionId: c.id, points: points[c.id]! }));
      let written = 0;
      let replacedDrafts = 0;
      input.onProgress?.({ stage: "writing", written, total });
      for (let start = 0; start < total; start += PAPER_WRITE_CHUNK) {
        const chunk = validation.rows.slice(start, start + PAPER_WRITE_CHUNK).map((row) => row.sheet!);
        // A judge's online draft is replaced, if it is still the version that was checked.
        for (const sheet of chunk.filter((x) => x.existing)) {
          const existing = sheet.existing!;
          const changed = await tx.scoresheet.updateMany({
            where: { id: existing.id, version: existing.version, status: "DRAFT" },
            data: { ...fields, total: scoresheetTotal(criteria, sheet.points), ...scoresheetSummary(criteria, sheet.points), ...(sheet.note ? { privateNote: sheet.note } : {}), version: { increment: 1 } },
          });
          if (changed.count !== 1) throw new Stale(preview, PAPER_ERRORS.changed);
          await tx.score.deleteMany({ where: { scoresheetId: existing.id } });
          await tx.score.createMany({ data: scoresOf(sheet.points).map((x) => ({ ...x, scoresheetId: existing.id })) });
          replacedDrafts++;
        }
        // New sheets in one statement, then their scores in another.
        const fresh = chunk.filter((x) => !x.existing);
        if (fresh.length > 0) {
          const created = await tx.scoresheet.createManyAndReturn({
            data: fresh.map((sheet) => ({ ...fields, total: scoresheetTotal(criteria, sheet.points), ...scoresheetSummary(criteria, sheet.points), assignmentId: sheet.assignmentId, privateNote: sheet.note })),
            select: { id: true, assignmentId: true },
          });
          const idOf = new Map(created.map((c) => [c.assignmentId, c.id]));
          await tx.score.createMany({ data: fresh.flatMap((sheet) => scoresOf(sheet.points).map((x) => ({ ...x, scoresheetId: idOf.get(sheet.assignmentId)! }))) });
        }
        written += chunk.length;
        input.onProgress?.({ stage: "writing", written, total });
      }
      const counts = { imported: validation.rows.length, replacedDrafts, skipped: validation.skipped };
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "scoresheet.importPaper",
        targetType: "Panel",
        targetId: input.panelId,
        data: { roundId: loaded.round.id, sha256: input.file.sha256, fileName: input.file.originalName, kind: preview.kind, ...counts },
        ip: input.ip ?? null,
      });
      return { ok: true, ...counts };
    }, LONG_TRANSACTION);
  } catch (error) {
    if (error instanceof Stale) return { ok: false, status: "stale", error: error.error, preview: error.preview };
    if (error instanceof Invalid) return { ok: false, status: "invalid", preview: error.preview };
    // A judge's first save of one of these sheets committed meanwhile (PostgreSQL): nothing was written.
    if (isUniqueViolation(error)) {
      const preview = await previewPaperImport(input);
      if ("sha256" in preview) return { ok: false, status: "stale", error: PAPER_ERRORS.changed, preview };
      return preview;
    }
    throw error;
  }
}
