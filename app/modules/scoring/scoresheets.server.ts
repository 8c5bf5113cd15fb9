// The judge's own scoring (issue 5, items 1–5): the desk of everything assigned to them, opening
// one assignment (the masked text and the rubric form), saving drafts with optimistic versioning,
// submitting, and recusing from an entry. Every query is scoped by the judge's id; the rules of who
// may read and write are ./access, gathered by ./policies.server.
//
// Versions. Scoresheet.version is 0 before the first save and grows by one with every write. A
// save carries the version the page holds (`expectedVersion`); if the stored sheet has moved on
// meanwhile (another tab, another device) and holds something else, nothing is written and the
// answer is the stored copy, for the page to offer "take theirs / keep mine / merge per field".
// A save of exactly what is stored writes nothing and answers the stored version, so two tabs
// holding the same thing never conflict and an idle autosave never bumps the version.
//
// Totals are scoresheetTotal's (./total.ts, decision 0005), stored on every write, drafts too (a
// draft's running total counts empty criteria as 0), with the summary rankings read instead of the
// Score rows (scoresheetSummary: top marks and points per criterion). The first write with a score on a rubric
// version locks it (rubrics.server lockRubricVersion, a no-op once locked), in the same transaction.
//
// The audit log. Drafts are not logged one by one (an autosave every few seconds would drown the
// log); what is logged is what the organizers need to follow and check the scoring:
//   "scoresheet.start"   the first draft saved on an assignment (when the judge began);
//   "scoresheet.submit"  every submission, with the scores, total and notes submitted (`after`)
//                        and, for a sheet the chair had reopened, what had been submitted before
//                        (`before`, from the previous submission's record);
//   "assignment.recuse"  a recusal, with the reason and the draft discarded, if any; followed by
//                        the declared conflict ("conflict.declare") and the repair of the entry's
//                        readers ("assignment.repair"), each logged by its own module.
//
// Concurrency: every write locks the contest row first (contests/lock.server), like every other
// writer of a contest's judging, so a save never interleaves with an assignment run that checks
// which pairs hold scores, and the version check and the write see the same row.
import type { ContestPhase, ScoresheetStatus, ScoreVisibility } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { judgeReadingView } from "#app/modules/entries/masking.server";
import { declareConflict } from "#app/modules/panels/conflicts.server";
import { repairEntry } from "#app/modules/panels/repair.server";
import { lockRubricVersion } from "#app/modules/rubrics/rubrics.server";
import { parseLevels } from "#app/modules/rubrics/rubric.schema";
import { prisma, type Tx } from "#app/utils/db.server";
import { nameCollator } from "#app/utils/format";
import {
  canRead,
  canRecuse,
  deskState,
  judgingVisible,
  othersVisible,
  pastDeadline,
  scoringAccess,
  type DeskState,
  type ReadOnlyReason,
} from "./access";
import { assignmentFacts } from "./policies.server";
import { checkScores, recuseSchema, type ScoresheetForm, type ScoringCriterion } from "./scoresheet.schema";
import { scoresheetSummary, scoresheetTotal } from "./total";

// ───────────────────────────── shapes ─────────────────────────────

/** A sheet as stored, for the page and the autosave (dates as ISO strings, the same in both). */
export interface SheetSnapshot {
  /** 0 before the first save. */
  version: number;
  /** null before the first save. */
  status: ScoresheetStatus | null;
  /** The points by criterion id. */
  points: Record<string, number>;
  privateNote: string;
  feedback: string;
  total: number | null;
  savedAt: string | null;
  submittedAt: string | null;
}

const EMPTY_SHEET: SheetSnapshot = { version: 0, status: null, points: {}, privateNote: "", feedback: "", total: null, savedAt: null, submittedAt: null };

const sheetSelect = {
  id: true,
  version: true,
  status: true,
  total: true,
  privateNote: true,
  feedback: true,
  updatedAt: true,
  submittedAt: true,
  reopenedAt: true,
  reopenReason: true,
  rubricVersionId: true,
  scores: { select: { criterionId: true, points: true } },
} as const;

type SheetRow = {
  version: number;
  status: ScoresheetStatus;
  total: number | null;
  privateNote: string;
  feedback: string;
  updatedAt: Date;
  submittedAt: Date | null;
  scores: { criterionId: string; points: number }[];
};

function snapshotOf(row: SheetRow | null): SheetSnapshot {
  if (!row) return EMPTY_SHEET;
  return {
    version: row.version,
    status: row.status,
    points: Object.fromEntries(row.scores.map((s) => [s.criterionId, s.points])),
    privateNote: row.privateNote,
    feedback: row.feedback,
    total: row.total,
    savedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}

async function criteriaOf(db: Tx, rubricVersionId: string | null): Promise<ScoringCriterion[]> {
  if (!rubricVersionId) return [];
  const rows = await db.criterion.findMany({
    where: { rubricVersionId },
    orderBy: { position: "asc" },
    select: { id: true, position: true, name: true, description: true, maxPoints: true, step: true, weight: true, levels: true },
  });
  return rows.map((c) => ({ ...c, levels: parseLevels(c.levels) }));
}

function samePoints(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

function sameContent(stored: SheetSnapshot, points: Record<string, number>, form: Pick<ScoresheetForm, "privateNote" | "feedback">): boolean {
  return samePoints(stored.points, points) && stored.privateNote === form.privateNote && stored.feedback === form.feedback;
}

/** What the audit log keeps of a submitted sheet: each criterion's points in order, the total and the notes. */
function auditContent(criteria: readonly ScoringCriterion[], points: Record<string, number>, total: number, form: Pick<ScoresheetForm, "privateNote" | "feedback">) {
  return {
    scores: criteria.map((c) => ({ criterion: c.name, points: points[c.id] ?? null })),
    total,
    privateNote: form.privateNote,
    feedback: form.feedback,
  };
}

// ───────────────────────────── the desk ─────────────────────────────

export interface DeskItem {
  assignmentId: string;
  anonymousCode: string;
  /** The title as the judge may read it (masked in a blind contest); null when there is no text yet or the item is on hold. */
  title: string | null;
  category: string;
  state: DeskState;
  total: number | null;
  canRecuse: boolean;
}

export interface DeskPanel {
  id: string;
  name: string;
  isChair: boolean;
  counts: { assigned: number; submitted: number; draft: number; notStarted: number; onHold: number };
  /** The entry to read next: the first draft, else the first not started; null when none can be written. */
  next: { assignmentId: string; anonymousCode: string } | null;
  items: DeskItem[];
  /** Entries the judge recused from: by anonymous code only, with the reason they gave. */
  recused: { assignmentId: string; anonymousCode: string; reason: string }[];
}

export interface DeskRound {
  id: string;
  name: string;
  deadline: Date | null;
  deadlinePassed: boolean;
  panels: DeskPanel[];
}

export interface DeskContest {
  id: string;
  title: string;
  phase: ContestPhase;
  timeZone: string;
  /** Whether the contest is judging or finalizing: only then are assignments shown. */
  judging: boolean;
  rounds: DeskRound[];
}

export interface JudgeDesk {
  contests: DeskContest[];
  /** The first entry to read across every contest and panel, with where it is. */
  next: { assignmentId: string; anonymousCode: string; contest: string; round: string; panel: string } | null;
}

const byCode = (a: { anonymousCode: string }, b: { anonymousCode: string }) => nameCollator.compare(a.anonymousCode, b.anonymousCode);

/**
 * Everything the judge sits on: per contest where they are an unrevoked judge (newest first), the
 * rounds in order with their deadline, the panels they sit on (or hold assignments on) with their
 * progress, the assigned entries by anonymous code with their masked title, category and state,
 * and the next entry to read. Nothing else of the contest: no entry codes, no authors, no other
 * judges. Assignments are shown only while the contest is judging or finalizing.
 */
export async function getJudgeDesk(judgeId: string, now: Date = new Date()): Promise<JudgeDesk> {
  const memberships = await prisma.contestMember.findMany({
    where: { userId: judgeId, role: "JUDGE", revokedAt: null },
    select: { contest: { select: { id: true, title: true, phase: true, timeZone: true, createdAt: true } } },
    orderBy: [{ contest: { createdAt: "desc" } }, { contestId: "asc" }],
  });
  const contests = memberships.map((m) => m.contest);
  const visibleIds = contests.filter((c) => judgingVisible(c.phase)).map((c) => c.id);

  const [seats, assignments, conflicts] = await Promise.all([
    prisma.panelJudge.findMany({
      where: { userId: judgeId, panel: { round: { contestId: { in: visibleIds } } } },
      select: { panelId: true, isChair: true },
    }),
    prisma.assignment.findMany({
      where: { judgeId, status: { in: ["ACTIVE", "RECUSED"] }, round: { contestId: { in: visibleIds } } },
      select: {
        id: true,
        status: true,
        roundId: true,
        panelId: true,
        entry: {
          select: { id: true, status: true, anonymousCode: true, currentVersionId: true, category: { select: { name: true } }, roundEntries: { select: { roundId: true, status: true } } },
        },
        scoresheet: { select: { status: true, total: true, privateNote: true, feedback: true, reopenedAt: true, _count: { select: { scores: true } } } },
      },
    }),
    prisma.conflictOfInterest.findMany({
      where: { judgeId, contestId: { in: visibleIds } },
      select: { entryId: true, status: true, reason: true },
    }),
  ]);
  const panelIds = [...new Set([...seats.map((s) => s.panelId), ...assignments.map((a) => a.panelId)])];
  const panels = await prisma.panel.findMany({
    where: { id: { in: panelIds } },
    select: { id: true, name: true, round: { select: { id: true, name: true, position: true, judgingDeadline: true, contestId: true } } },
  });
  const seatOf = new Map(seats.map((s) => [s.panelId, s]));
  const conflictOf = new Map(conflicts.map((c) => [c.entryId, c]));
  const blocking = (entryId: string) => {
    const c = conflictOf.get(entryId);
    return !!c && (c.status === "CONFIRMED" || c.status === "PENDING");
  };

  // Titles through judgeReadingView, the one source of what a judge may read.
  const titles = new Map<string, string>();
  await Promise.all(
    assignments
      .filter((a) => a.status === "ACTIVE" && a.entry.status === "ELIGIBLE" && a.entry.currentVersionId && !blocking(a.entry.id))
      .map(async (a) => {
        const contestId = panels.find((p) => p.id === a.panelId)?.round.contestId;
        if (!contestId) return;
        const view = await judgeReadingView(contestId, a.entry.currentVersionId!);
        if (view) titles.set(a.id, view.title);
      }),
  );

  /** `judgingNow`: the contest is in JUDGING (finalizing shows the desk read-only). */
  const deskPanel = (panel: (typeof panels)[number], judgingNow: boolean): DeskPanel => {
    const mine = assignments.filter((a) => a.panelId === panel.id);
    const items: DeskItem[] = mine
      .filter((a) => a.status === "ACTIVE" && a.entry.status === "ELIGIBLE")
      .map((a) => {
        const sheet = a.scoresheet;
        const conflicted = blocking(a.entry.id);
        const started = !!sheet && (sheet._count.scores > 0 || sheet.privateNote !== "" || sheet.feedback !== "");
        const state = deskState({ conflicted, sheet: sheet ? { status: sheet.status, started } : null });
        return {
          assignmentId: a.id,
          anonymousCode: a.entry.anonymousCode ?? "",
          title: conflicted ? null : (titles.get(a.id) ?? null),
          category: a.entry.category.name,
          state,
          total: sheet?.total ?? null,
          canRecuse: !conflicted && state !== "submitted" && judgingNow,
        };
      })
      .sort(byCode);
    const recused = mine
      .filter((a) => a.status === "RECUSED")
      .map((a) => ({ assignmentId: a.id, anonymousCode: a.entry.anonymousCode ?? "", reason: conflictOf.get(a.entry.id)?.reason ?? "" }))
      .sort(byCode);
    const count = (s: DeskState) => items.filter((i) => i.state === s).length;
    const open = (a: DeskItem) => {
      const row = mine.find((m) => m.id === a.assignmentId)!;
      const inRound = row.entry.roundEntries.some((r) => r.roundId === panel.round.id && r.status === "IN");
      const late = pastDeadline({ deadline: panel.round.judgingDeadline, sheet: row.scoresheet }, now);
      return judgingNow && inRound && !late && !!seatOf.get(panel.id);
    };
    const nextItem = items.find((i) => i.state === "draft" && open(i)) ?? items.find((i) => i.state === "notStarted" && open(i)) ?? null;
    return {
      id: panel.id,
      name: panel.name,
      isChair: seatOf.get(panel.id)?.isChair ?? false,
      counts: {
        assigned: items.length - count("onHold"),
        submitted: count("submitted"),
        draft: count("draft"),
        notStarted: count("notStarted"),
        onHold: count("onHold"),
      },
      next: nextItem ? { assignmentId: nextItem.assignmentId, anonymousCode: nextItem.anonymousCode } : null,
      items,
      recused,
    };
  };
  const desk: JudgeDesk = { contests: [], next: null };
  for (const contest of contests) {
    const judging = judgingVisible(contest.phase);
    const rounds = new Map<string, DeskRound & { position: number }>();
    for (const panel of panels.filter((p) => p.round.contestId === contest.id)) {
      const r = panel.round;
      const round = rounds.get(r.id) ?? {
        id: r.id,
        name: r.name,
        position: r.position,
        deadline: r.judgingDeadline,
        deadlinePassed: !!r.judgingDeadline && now.getTime() >= r.judgingDeadline.getTime(),
        panels: [],
      };
      round.panels.push(deskPanel(panel, contest.phase === "JUDGING"));
      rounds.set(r.id, round);
    }
    const ordered = [...rounds.values()]
      .sort((a, b) => a.position - b.position)
      .map(({ position: _p, ...round }) => ({ ...round, panels: round.panels.sort((a, b) => nameCollator.compare(a.name, b.name)) }));
    desk.contests.push({ id: contest.id, title: contest.title, phase: contest.phase, timeZone: contest.timeZone, judging, rounds: ordered });
    for (const round of ordered) {
      for (const panel of round.panels) {
        if (!desk.next && panel.next) desk.next = { ...panel.next, contest: contest.title, round: round.name, panel: panel.name };
      }
    }
  }
  return desk;
}

// ───────────────────────────── opening a sheet ─────────────────────────────

export interface OthersScores {
  rule: ScoreVisibility;
  /** Whether the rule lets the judge see them now. */
  visible: boolean;
  /** The other readers' submitted sheets, in the order they were submitted (no names); empty when not visible. */
  sheets: { points: Record<string, number> | null; total: number | null }[];
  /** Other readers whose sheet is not submitted yet (0 when not visible). */
  pending: number;
}

export interface OpenedSheet {
  assignmentId: string;
  /** `locale`: the language the essays are written in (for the reading pane's `lang`). */
  contest: { id: string; title: string; timeZone: string; locale: string };
  round: { name: string; deadline: Date | null };
  panel: { name: string };
  entry: {
    anonymousCode: string;
    category: string;
    /** null when the entry has no text yet. */
    reading: { title: string; abstract: string; text: string; wordCount: number; masked: boolean } | null;
  };
  criteria: ScoringCriterion[];
  sheet: SheetSnapshot;
  /** Set when the chair reopened the sheet (and it is not submitted again). */
  reopened: { at: string; reason: string } | null;
  access: { write: true } | { write: false; reason: ReadOnlyReason };
  canRecuse: boolean;
  others: OthersScores;
}

/**
 * One of the judge's assignments as the scoring page shows it: the entry's reading view (from
 * judgeReadingView only: masked in a blind contest; never the entry code, the authors or the
 * file), its category, the rubric's criteria with their descriptors, the sheet as stored, whether
 * the judge may write it (and why not), and the other readers' submitted scores when the round's
 * rule shows them. Null when the judge may not read it (not theirs, recused, conflicted, not
 * judging): the page answers 404. Opening writes nothing.
 */
export async function openScoresheet(judgeId: string, assignmentId: string, now: Date = new Date()): Promise<OpenedSheet | null> {
  const ctx = await assignmentFacts(prisma, judgeId, assignmentId);
  if (!ctx || !canRead(ctx.facts)) return null;
  const access = scoringAccess(ctx.facts, now);
  if (!access.read) return null;
  const row = await prisma.assignment.findFirstOrThrow({
    where: { id: assignmentId, judgeId },
    select: {
      round: { select: { name: true, judgingDeadline: true, scoreVisibility: true, contest: { select: { id: true, title: true, timeZone: true, locale: true } } } },
      panel: { select: { name: true } },
      entry: { select: { anonymousCode: true, currentVersionId: true, category: { select: { name: true } } } },
      scoresheet: { select: sheetSelect },
    },
  });
  const view = row.entry.currentVersionId ? await judgeReadingView(ctx.contestId, row.entry.currentVersionId) : null;
  const criteria = await criteriaOf(prisma, ctx.facts.rubricVersionId);
  const sheet = snapshotOf(row.scoresheet);
  const ownSubmitted = sheet.status === "SUBMITTED";
  const rule = row.round.scoreVisibility;
  const others: OthersScores = { rule, visible: othersVisible(rule, ownSubmitted), sheets: [], pending: 0 };
  if (others.visible) {
    const rows = await prisma.assignment.findMany({
      where: { roundId: ctx.roundId, entryId: ctx.entryId, status: "ACTIVE", id: { not: assignmentId }, judgeId: { not: judgeId } },
      select: { scoresheet: { select: sheetSelect } },
    });
    const submitted = rows
      .map((r) => r.scoresheet)
      .filter((s): s is NonNullable<typeof s> => s?.status === "SUBMITTED")
      .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
    others.sheets = submitted.map((s) => ({
      points: s.rubricVersionId === ctx.facts.rubricVersionId ? snapshotOf(s).points : null,
      total: s.total,
    }));
    others.pending = rows.length - submitted.length;
  }
  const reopenedAt = row.scoresheet?.status === "DRAFT" ? row.scoresheet.reopenedAt : null;
  return {
    assignmentId,
    contest: row.round.contest,
    round: { name: row.round.name, deadline: row.round.judgingDeadline },
    panel: row.panel,
    entry: {
      anonymousCode: row.entry.anonymousCode ?? "",
      category: row.entry.category.name,
      reading: view ? { title: view.title, abstract: view.abstract, text: view.text, wordCount: view.wordCount, masked: view.masked } : null,
    },
    criteria,
    sheet,
    reopened: reopenedAt ? { at: reopenedAt.toISOString(), reason: row.scoresheet?.reopenReason ?? "" } : null,
    access: access.write ? { write: true } : { write: false, reason: access.reason },
    canRecuse: canRecuse(ctx.facts),
    others,
  };
}

// ───────────────────────────── saving and submitting ─────────────────────────────

export interface SaveInput {
  judgeId: string;
  assignmentId: string;
  /** The parsed envelope (scoresheetFormSchema); the rubric's rules are checked here. */
  form: ScoresheetForm;
  ip?: string | null;
  now?: Date;
}

export type SaveResult =
  | { ok: true; status: "saved" | "submitted"; sheet: SheetSnapshot }
  | { ok: false; status: "notFound" }
  | { ok: false; status: "invalid"; fieldErrors: Record<string, string[]> }
  /** Someone saved another copy meanwhile: nothing written; `current` is the stored copy. */
  | { ok: false; status: "conflict"; current: SheetSnapshot }
  /** The sheet cannot be written now (submitted, deadline passed...): nothing written. */
  | { ok: false; status: "readOnly"; reason: ReadOnlyReason; current: SheetSnapshot };

/**
 * Saves the judge's sheet as a draft (intent "save": empty boxes allowed) or submits it (intent
 * "submit": every criterion scored; the sheet is then read-only), if the page's version is still
 * the stored one (see the top of the file). Stores the total, locks the rubric version on the
 * first score, and logs the start and every submission.
 */
export async function saveScoresheet(input: SaveInput): Promise<SaveResult> {
  const now = input.now ?? new Date();
  const { form } = input;
  const scope = await prisma.assignment.findFirst({ where: { id: input.assignmentId, judgeId: input.judgeId }, select: { round: { select: { contestId: true } } } });
  if (!scope) return { ok: false, status: "notFound" };
  const contestId = scope.round.contestId;

  return prisma.$transaction(async (tx): Promise<SaveResult> => {
    if (!(await lockContest(tx, contestId))) return { ok: false, status: "notFound" };
    const ctx = await assignmentFacts(tx, input.judgeId, input.assignmentId);
    if (!ctx) return { ok: false, status: "notFound" };
    const access = scoringAccess(ctx.facts, now);
    if (!access.read) return { ok: false, status: "notFound" };
    const existing = await tx.scoresheet.findUnique({ where: { assignmentId: ctx.assignmentId }, select: sheetSelect });
    const stored = snapshotOf(existing);
    if (!access.write) return { ok: false, status: "readOnly", reason: access.reason, current: stored };

    const rubricVersionId = ctx.facts.rubricVersionId!;
    const criteria = await criteriaOf(tx, rubricVersionId);
    const { points, errors } = checkScores(criteria, form.scores, form.intent);
    if (Object.keys(errors).length > 0) return { ok: false, status: "invalid", fieldErrors: errors };

    const unchanged = sameContent(stored, points, form);
    if (form.expectedVersion !== stored.version && !unchanged) return { ok: false, status: "conflict", current: stored };
    if (form.intent === "save" && unchanged && existing) return { ok: true, status: "saved", sheet: stored };

    const total = scoresheetTotal(criteria, points);
    const submitting = form.intent === "submit";
    const fields = {
      status: submitting ? ("SUBMITTED" as const) : ("DRAFT" as const),
      total,
      ...scoresheetSummary(criteria, points),
      privateNote: form.privateNote,
      feedback: form.feedback,
      submittedAt: submitting ? now : null,
    };
    const scoreRows = Object.entries(points).map(([criterionId, p]) => ({ criterionId, points: p }));
    let sheetId: string;
    if (!existing) {
      sheetId = (
        await tx.scoresheet.create({
          data: { assignmentId: ctx.assignmentId, rubricVersionId, version: 1, ...fields, scores: { create: scoreRows } },
          select: { id: true },
        })
      ).id;
    } else {
      sheetId = existing.id;
      const claimed = await tx.scoresheet.updateMany({
        where: { id: existing.id, version: existing.version, status: "DRAFT" },
        data: { ...fields, version: existing.version + 1 },
      });
      if (claimed.count !== 1) return { ok: false, status: "conflict", current: stored };
      await tx.score.deleteMany({ where: { scoresheetId: existing.id } });
      if (scoreRows.length) await tx.score.createMany({ data: scoreRows.map((r) => ({ ...r, scoresheetId: existing.id })) });
    }
    if (scoreRows.length) await lockRubricVersion(tx, rubricVersionId, now);

    const common = { actorId: input.judgeId, contestId, targetType: "Scoresheet", targetId: sheetId, ip: input.ip ?? null };
    const where = { assignmentId: ctx.assignmentId, roundId: ctx.roundId, entryId: ctx.entryId };
    if (!existing && !submitting) {
      await audit(tx, { ...common, action: "scoresheet.start", data: where });
    }
    if (submitting) {
      let before: unknown = null;
      if (existing?.reopenedAt) {
        const previous = await tx.auditLog.findFirst({
          where: { action: "scoresheet.submit", targetType: "Scoresheet", targetId: sheetId },
          orderBy: { id: "desc" },
          select: { data: true },
        });
        before = previous ? ((JSON.parse(previous.data) as { after?: unknown }).after ?? null) : null;
      }
      await audit(tx, {
        ...common,
        action: "scoresheet.submit",
        data: { ...where, version: (existing?.version ?? 0) + 1, reopened: !!existing?.reopenedAt, before, after: auditContent(criteria, points, total, form) },
      });
    }
    const saved = await tx.scoresheet.findUniqueOrThrow({ where: { id: sheetId }, select: sheetSelect });
    return { ok: true, status: submitting ? "submitted" : "saved", sheet: snapshotOf(saved) };
  });
}

// ───────────────────────────── recusal ─────────────────────────────

export interface RecuseInput {
  judgeId: string;
  assignmentId: string;
  /** Validated by recuseSchema (the reason of a declared conflict). */
  reason: unknown;
  ip?: string | null;
  /** Breaks ties between equally good replacement judges. */
  seed?: number;
}

export type RecuseResult =
  | { ok: true; anonymousCode: string }
  | { ok: false; status: "notFound" }
  | { ok: false; status: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; status: "refused"; error: string };

export const RECUSE_SUBMITTED = "scoring:recuse.errors.submitted";
export const RECUSE_NOT_JUDGING = "scoring:recuse.errors.notJudging";

/** The recusal page's facts: the anonymous code and whether recusal is possible; null when the judge may not read it. */
export async function getRecusal(judgeId: string, assignmentId: string): Promise<{ assignmentId: string; anonymousCode: string; canRecuse: boolean; submitted: boolean } | null> {
  const ctx = await assignmentFacts(prisma, judgeId, assignmentId);
  if (!ctx || !canRead(ctx.facts)) return null;
  const entry = await prisma.entry.findUniqueOrThrow({ where: { id: ctx.entryId }, select: { anonymousCode: true } });
  return { assignmentId, anonymousCode: entry.anonymousCode ?? "", canRecuse: canRecuse(ctx.facts), submitted: ctx.facts.sheet?.status === "SUBMITTED" };
}

/**
 * The judge declares a conflict of interest on an entry assigned to them and leaves it, before
 * reading it or after: the assignment becomes RECUSED (its draft, if any, is discarded: a
 * conflicted judge's scores must not count) and is logged "assignment.recuse"; then the conflict is
 * declared (DECLARED, CONFIRMED: conflicts.server declareConflict), so no later assignment gives
 * the pair again; then the entry alone is brought back to the round's k readers
 * (repair.server repairEntry). The entry leaves the judge's desk. Refused once the sheet is
 * submitted (the chair can reopen it first) or outside judging.
 */
export async function recuseAssignment(input: RecuseInput): Promise<RecuseResult> {
  const parsed = recuseSchema.safeParse({ reason: input.reason });
  if (!parsed.success) return { ok: false, status: "invalid", fieldErrors: parsed.error.flatten().fieldErrors };
  const { reason } = parsed.data;
  const scope = await prisma.assignment.findFirst({ where: { id: input.assignmentId, judgeId: input.judgeId }, select: { round: { select: { contestId: true } } } });
  if (!scope) return { ok: false, status: "notFound" };
  const contestId = scope.round.contestId;

  const recused = await prisma.$transaction(async (tx): Promise<RecuseResult | { ok: true; anonymousCode: string; roundId: string; entryId: string }> => {
    if (!(await lockContest(tx, contestId))) return { ok: false, status: "notFound" };
    const ctx = await assignmentFacts(tx, input.judgeId, input.assignmentId);
    if (!ctx || !canRead(ctx.facts)) return { ok: false, status: "notFound" };
    if (!canRecuse(ctx.facts)) {
      return { ok: false, status: "refused", error: ctx.facts.sheet?.status === "SUBMITTED" ? RECUSE_SUBMITTED : RECUSE_NOT_JUDGING };
    }
    const changed = await tx.assignment.updateMany({ where: { id: ctx.assignmentId, judgeId: input.judgeId, status: "ACTIVE" }, data: { status: "RECUSED" } });
    if (changed.count !== 1) return { ok: false, status: "notFound" };
    const draft = await tx.scoresheet.findUnique({ where: { assignmentId: ctx.assignmentId }, select: sheetSelect });
    if (draft) await tx.scoresheet.delete({ where: { id: draft.id } });
    const entry = await tx.entry.findUniqueOrThrow({ where: { id: ctx.entryId }, select: { anonymousCode: true } });
    const discarded = draft ? snapshotOf(draft) : null;
    await audit(tx, {
      actorId: input.judgeId,
      contestId,
      action: "assignment.recuse",
      targetType: "Assignment",
      targetId: ctx.assignmentId,
      data: {
        roundId: ctx.roundId,
        panelId: ctx.panelId,
        entryId: ctx.entryId,
        reason,
        before: { status: "ACTIVE", draft: discarded && { points: discarded.points, total: discarded.total, privateNote: discarded.privateNote, feedback: discarded.feedback } },
        after: { status: "RECUSED" },
      },
      ip: input.ip ?? null,
    });
    return { ok: true, anonymousCode: entry.anonymousCode ?? "", roundId: ctx.roundId, entryId: ctx.entryId };
  });
  if (!recused.ok || !("entryId" in recused)) return recused;

  // Each in its own audited transaction (their modules own them). The RECUSED pair already keeps
  // the judge off the entry whatever happens next; a repair that cannot fill every read is visible
  // to the organizers on the assignment screen.
  await declareConflict({ contestId, judgeId: input.judgeId, entryId: recused.entryId, reason, actorId: input.judgeId, ip: input.ip ?? null });
  await repairEntry({ contestId, roundId: recused.roundId, entryId: recused.entryId, actorId: input.judgeId, ip: input.ip ?? null, seed: input.seed });
  return { ok: true, anonymousCode: recused.anonymousCode };
}
