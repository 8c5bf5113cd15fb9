// The panel chair's view (issue 5, item 6) and what the chair does from it: the panel's progress
// per judge and per entry, the score matrix (judges × entries by anonymous code), the entries
// flagged because their judges disagree (./discrepancies), and for each one an extra reader
// (panels/repair.server, conflicts and recusals respected) or a resolution with a reason; and
// reopening a submitted scoresheet (issue 5, item 4). Reminders are ./reminders.server.
//
// Who: the panel's chair (PanelJudge.isChair, with an unrevoked JUDGE membership of the contest)
// and the contest's organizers see the view; only the chair acts on disagreements and reopens
// sheets. Anyone else gets null (the route answers 404). Every action runs in the JUDGING phase only.
//
// Blindness: whoever looks, an entry is named by its anonymous code [số phách]; a contest that
// does not judge blind adds its entry code and title. Never its authors. Judges are named.
// A chair who reads an entry themselves does not see the other judges' totals on it before
// submitting their own sheet, unless the round shows scores to judges ALWAYS (organizers always see).
//
// Writes lock the contest row first (contests/lock.server), check again inside the transaction what
// the page showed, and write their audit record in the same transaction.
import type { AssignmentSource, ContestPhase, ResolutionKind } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import type { SessionUser } from "#app/modules/auth/session.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { contestRoles } from "#app/modules/contests/policies.server";
import { CHANGED_MEANWHILE, NOT_FOUND, orRefusal, RefusalError, refused, type Refusal } from "#app/modules/panels/refusal";
import { addExtraReaderTx } from "#app/modules/panels/repair.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { nameCollator, sortByName } from "#app/utils/format";
import { CHAIR_ERRORS } from "./chair.schema";
import { roundDisagreements } from "./discrepancies.server";
import { nextReminderAt, pendingJudges } from "./reminders.server";

type Who = Pick<SessionUser, "id" | "isAdmin" | "isOrganizer">;

// ───────────────────────────── who may look ─────────────────────────────

export interface ChairAccess {
  panelId: string;
  roundId: string;
  contestId: string;
  /** The viewer chairs this panel: they may act on it. */
  isChair: boolean;
  /** The viewer organizes the contest: they see everything of the panel, and may send reminders. */
  isOrganizer: boolean;
}

/** The viewer's standing on the panel: its chair or an organizer of its contest; null for anyone else. */
export async function panelChairAccess(user: Who, panelId: string): Promise<ChairAccess | null> {
  const panel = await prisma.panel.findUnique({ where: { id: panelId }, select: { id: true, roundId: true, round: { select: { contestId: true } } } });
  if (!panel) return null;
  const contestId = panel.round.contestId;
  const roles = await contestRoles(user, contestId);
  const isOrganizer = roles.has("ORGANIZER");
  const isChair = roles.has("JUDGE") && (await prisma.panelJudge.count({ where: { panelId, userId: user.id, isChair: true } })) > 0;
  if (!isChair && !isOrganizer) return null;
  return { panelId, roundId: panel.roundId, contestId, isChair, isOrganizer };
}

/** The panels the user chairs in contests they still judge, for /judge/panels. */
export async function listChairedPanels(userId: string) {
  const seats = await prisma.panelJudge.findMany({
    where: { userId, isChair: true, panel: { round: { contest: { members: { some: { userId, role: "JUDGE", revokedAt: null } } } } } },
    select: {
      panel: {
        select: {
          id: true,
          name: true,
          round: { select: { id: true, name: true, position: true, contest: { select: { id: true, title: true, phase: true } } } },
          assignments: { where: { status: "ACTIVE" }, select: { scoresheet: { select: { status: true } } } },
        },
      },
    },
  });
  const panels = seats.map(({ panel }) => ({
    panelId: panel.id,
    name: panel.name,
    roundName: panel.round.name,
    roundPosition: panel.round.position,
    contestId: panel.round.contest.id,
    contestTitle: panel.round.contest.title,
    phase: panel.round.contest.phase,
    assigned: panel.assignments.length,
    submitted: panel.assignments.filter((a) => a.scoresheet?.status === "SUBMITTED").length,
  }));
  return panels.sort(
    (a, b) => nameCollator.compare(a.contestTitle, b.contestTitle) || a.roundPosition - b.roundPosition || nameCollator.compare(a.name, b.name),
  );
}

// ───────────────────────────── the view ─────────────────────────────

export type MatrixCell =
  | { kind: "none" }
  | { kind: "assigned" | "draft" | "recused"; source: AssignmentSource }
  | {
      kind: "submitted";
      source: AssignmentSource;
      /** Null when the viewer may not see it yet (see the top of the file). */
      total: number | null;
      scoresheetId: string;
      version: number;
      /** The chair may reopen it now. */
      canReopen: boolean;
    };

export interface ChairJudge {
  id: string;
  name: string;
  isChair: boolean;
  /** Still seated on the panel (a judge who left keeps their sheets here). */
  seated: boolean;
  /** ACTIVE assignments of the panel's entries. */
  assigned: number;
  notStarted: number;
  drafts: number;
  submitted: number;
}

export interface ChairEntry {
  entryId: string;
  anonymousCode: string;
  /** Only when the contest does not judge blind. */
  entryCode: string | null;
  title: string | null;
  readers: number;
  submitted: number;
  drafts: number;
  extraReaders: number;
  /** Null when there are fewer than two totals, or the viewer may not see them yet. */
  spread: number | null;
  /** Other judges' totals are hidden from the viewer on this entry. */
  hidden: boolean;
  flagged: boolean;
  resolved: boolean;
  /** Aligned with ChairView.judges. */
  cells: MatrixCell[];
  resolutions: { kind: ResolutionKind; reason: string; chairName: string; at: Date }[];
}

export interface ChairView {
  access: ChairAccess;
  contest: { id: string; title: string; blind: boolean; phase: ContestPhase; timeZone: string };
  round: { id: string; name: string; readsPerEntry: number; threshold: number | null; deadline: Date | null; maxTotal: number | null };
  panel: { id: string; name: string };
  /** Chair actions are allowed now (the contest is judging). */
  judging: boolean;
  judges: ChairJudge[];
  entries: ChairEntry[];
  totals: { assigned: number; submitted: number; drafts: number; notStarted: number };
  /** Judges a reminder would reach now, their sheets left, and when the panel may be reminded again (null: now). */
  reminder: { judges: number; sheets: number; nextAt: Date | null };
}

const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

/** Everything the chair's view shows of the panel, for this viewer. Null when the panel is gone. */
export async function getChairView(access: ChairAccess, viewerId: string): Promise<ChairView | null> {
  const panel = await prisma.panel.findFirst({
    where: { id: access.panelId, roundId: access.roundId },
    select: {
      id: true,
      name: true,
      judges: { select: { userId: true, isChair: true, user: { select: { name: true } } } },
      round: {
        select: {
          id: true,
          name: true,
          readsPerEntry: true,
          spreadThreshold: true,
          judgingDeadline: true,
          scoreVisibility: true,
          rubricVersion: { select: { criteria: { select: { maxPoints: true } } } },
          contest: { select: { id: true, title: true, blind: true, phase: true, timeZone: true } },
        },
      },
    },
  });
  if (!panel || panel.round.contest.id !== access.contestId) return null;
  const { round } = panel;
  const contest = round.contest;

  const placed = await prisma.roundEntry.findMany({ where: { roundId: round.id, panelId: panel.id }, select: { entryId: true } });
  const here = await prisma.assignment.findMany({
    where: { roundId: round.id, panelId: panel.id, status: { in: ["ACTIVE", "RECUSED"] } },
    select: { entryId: true },
  });
  const entryIds = [...new Set([...placed.map((p) => p.entryId), ...here.map((a) => a.entryId)])];

  const [entries, assignments, resolutions, disagreements, pending, nextAt] = await Promise.all([
    prisma.entry.findMany({ where: { id: { in: entryIds }, contestId: contest.id }, select: { id: true, anonymousCode: true, entryCode: true, title: true } }),
    prisma.assignment.findMany({
      where: { roundId: round.id, entryId: { in: entryIds }, status: { in: ["ACTIVE", "RECUSED"] } },
      select: {
        entryId: true,
        judgeId: true,
        panelId: true,
        status: true,
        source: true,
        judge: { select: { name: true } },
        scoresheet: { select: { id: true, status: true, total: true, version: true } },
      },
    }),
    prisma.resolution.findMany({
      where: { roundId: round.id, entryId: { in: entryIds } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { entryId: true, kind: true, reason: true, createdAt: true, chair: { select: { name: true } } },
    }),
    roundDisagreements(prisma, round.id, entryIds),
    pendingJudges(access),
    nextReminderAt(access.panelId),
  ]);

  // The matrix's columns: the panel's judges, and anyone else still holding a sheet of its entries.
  const judgeInfo = new Map<string, { name: string; isChair: boolean; seated: boolean }>();
  for (const seat of panel.judges) judgeInfo.set(seat.userId, { name: seat.user.name, isChair: seat.isChair, seated: true });
  for (const a of assignments) if (!judgeInfo.has(a.judgeId)) judgeInfo.set(a.judgeId, { name: a.judge.name, isChair: false, seated: false });
  const judgeOrder = sortByName([...judgeInfo], ([, j]) => j.name).map(([id]) => id);
  const column = new Map(judgeOrder.map((id, i) => [id, i]));

  const mayActOnSheets = access.isChair && contest.phase === "JUDGING";
  const seesEverything = access.isOrganizer || round.scoreVisibility === "ALWAYS";
  const spreadOf = new Map((disagreements?.spreads ?? []).map((s) => [s.entryId, s]));
  const byEntry = new Map<string, typeof assignments>();
  for (const a of assignments) byEntry.set(a.entryId, [...(byEntry.get(a.entryId) ?? []), a]);

  const progress = new Map(judgeOrder.map((id) => [id, { assigned: 0, notStarted: 0, drafts: 0, submitted: 0 }]));
  const rows: ChairEntry[] = entries.map((entry) => {
    const list = byEntry.get(entry.id) ?? [];
    const own = list.find((a) => a.judgeId === viewerId && a.status === "ACTIVE");
    const hidden = !seesEverything && own !== undefined && own.scoresheet?.status !== "SUBMITTED";
    const cells: MatrixCell[] = judgeOrder.map(() => ({ kind: "none" }));
    let readers = 0;
    let submitted = 0;
    let drafts = 0;
    let extraReaders = 0;
    for (const a of list) {
      const i = column.get(a.judgeId)!;
      if (a.status === "RECUSED") {
        cells[i] = { kind: "recused", source: a.source };
        continue;
      }
      readers++;
      if (a.source === "EXTRA_READER") extraReaders++;
      const p = progress.get(a.judgeId)!;
      if (a.panelId === panel.id) p.assigned++;
      const sheet = a.scoresheet;
      if (sheet?.status === "SUBMITTED") {
        submitted++;
        if (a.panelId === panel.id) p.submitted++;
        const mine = a.judgeId === viewerId;
        cells[i] = {
          kind: "submitted",
          source: a.source,
          total: hidden && !mine ? null : sheet.total,
          scoresheetId: sheet.id,
          version: sheet.version,
          canReopen: mayActOnSheets && a.panelId === panel.id,
        };
      } else if (sheet) {
        drafts++;
        if (a.panelId === panel.id) p.drafts++;
        cells[i] = { kind: "draft", source: a.source };
      } else {
        if (a.panelId === panel.id) p.notStarted++;
        cells[i] = { kind: "assigned", source: a.source };
      }
    }
    const spread = spreadOf.get(entry.id);
    return {
      entryId: entry.id,
      anonymousCode: entry.anonymousCode ?? "—",
      entryCode: contest.blind ? null : entry.entryCode,
      title: contest.blind ? null : entry.title,
      readers,
      submitted,
      drafts,
      extraReaders,
      spread: hidden || !spread || spread.totals.length < 2 ? null : spread.spread,
      hidden,
      flagged: spread?.flagged ?? false,
      resolved: spread?.resolved ?? false,
      cells,
      resolutions: resolutions
        .filter((r) => r.entryId === entry.id)
        .map((r) => ({ kind: r.kind, reason: r.reason, chairName: r.chair.name, at: r.createdAt })),
    };
  });
  rows.sort((a, b) => collator.compare(a.anonymousCode, b.anonymousCode));

  const judges: ChairJudge[] = judgeOrder.map((id) => ({ id, ...judgeInfo.get(id)!, ...progress.get(id)! }));
  const sum = (key: "assigned" | "submitted" | "drafts" | "notStarted") => judges.reduce((s, j) => s + j[key], 0);
  const criteria = round.rubricVersion?.criteria ?? [];
  return {
    access,
    contest: { id: contest.id, title: contest.title, blind: contest.blind, phase: contest.phase, timeZone: contest.timeZone },
    round: {
      id: round.id,
      name: round.name,
      readsPerEntry: round.readsPerEntry,
      threshold: round.spreadThreshold,
      deadline: round.judgingDeadline,
      maxTotal: criteria.length ? criteria.reduce((s, c) => s + c.maxPoints, 0) : null,
    },
    panel: { id: panel.id, name: panel.name },
    judging: contest.phase === "JUDGING",
    judges,
    entries: rows,
    totals: { assigned: sum("assigned"), submitted: sum("submitted"), drafts: sum("drafts"), notStarted: sum("notStarted") },
    reminder: { judges: pending.length, sheets: pending.reduce((s, j) => s + j.remaining, 0), nextAt },
  };
}

// ───────────────────────────── acting ─────────────────────────────

export interface ChairActionInput {
  access: ChairAccess;
  actorId: string;
  ip?: string | null;
}

/** The contest row locked, the chair still the chair, the contest judging; else a RefusalError. */
async function begin(tx: Tx, { access, actorId }: ChairActionInput) {
  if (!(await lockContest(tx, access.contestId))) throw new RefusalError(NOT_FOUND);
  const seat = await tx.panelJudge.count({ where: { panelId: access.panelId, userId: actorId, isChair: true } });
  if (!access.isChair || seat === 0) throw new RefusalError(NOT_FOUND);
  const contest = await tx.contest.findUniqueOrThrow({ where: { id: access.contestId }, select: { phase: true } });
  if (contest.phase !== "JUDGING") throw new RefusalError(refused(CHAIR_ERRORS.notJudging));
}

/** The entry is the panel's (placed on it, or read on it) and flagged now; else a RefusalError. */
async function flaggedEntry(tx: Tx, access: ChairAccess, entryId: string) {
  const onPanel = await tx.entry.count({
    where: {
      id: entryId,
      contestId: access.contestId,
      OR: [
        { roundEntries: { some: { roundId: access.roundId, panelId: access.panelId } } },
        { assignments: { some: { roundId: access.roundId, panelId: access.panelId, status: { in: ["ACTIVE", "RECUSED"] } } } },
      ],
    },
  });
  if (onPanel === 0) throw new RefusalError(NOT_FOUND);
  const found = await roundDisagreements(tx, access.roundId, [entryId]);
  const spread = found?.spreads.find((s) => s.entryId === entryId);
  if (!spread?.flagged) throw new RefusalError(refused(CHAIR_ERRORS.notFlagged));
  return spread;
}

export type ResolveResult = { ok: true; resolutionId: string } | Refusal;

/**
 * The chair settles a flagged disagreement: Resolution RESOLVED with the reason; the entry is then
 * no longer flagged (./discrepancies). Audited "resolution.record" {roundId, panelId, reason, totals, spread}.
 * Refused when the entry is not flagged any more (someone resolved it meanwhile, a sheet was reopened).
 */
export async function resolveDisagreement(input: ChairActionInput & { entryId: string; reason: string }): Promise<ResolveResult> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      await begin(tx, input);
      const spread = await flaggedEntry(tx, input.access, input.entryId);
      const resolution = await tx.resolution.create({
        data: { roundId: input.access.roundId, entryId: input.entryId, chairId: input.actorId, kind: "RESOLVED", reason: input.reason.trim() },
      });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.access.contestId,
        action: "resolution.record",
        targetType: "Entry",
        targetId: input.entryId,
        data: { roundId: input.access.roundId, panelId: input.access.panelId, kind: "RESOLVED", reason: resolution.reason, totals: spread.totals, spread: spread.spread },
        ip: input.ip ?? null,
      });
      return { ok: true as const, resolutionId: resolution.id };
    }),
  );
}

export type ExtraReaderResult = { ok: true; judgeName: string } | Refusal;

/**
 * The chair asks for one more reader of a flagged entry: panels/repair.server's addExtraReader
 * picks a judge of the entry's panel (never one in conflict, recused, removed by hand or already
 * reading it; within caps; the least loaded) and logs "assignment.extraReader"; the Resolution
 * EXTRA_READER with the chair's reason is written in the same transaction. The entry stays flagged
 * until the chair records a resolution.
 */
export async function requestExtraReader(input: ChairActionInput & { entryId: string; reason: string }): Promise<ExtraReaderResult> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      await begin(tx, input);
      await flaggedEntry(tx, input.access, input.entryId);
      const change = await addExtraReaderTx(tx, {
        contestId: input.access.contestId,
        roundId: input.access.roundId,
        entryId: input.entryId,
        actorId: input.actorId,
        ip: input.ip ?? null,
      });
      await tx.resolution.create({
        data: { roundId: input.access.roundId, entryId: input.entryId, chairId: input.actorId, kind: "EXTRA_READER", reason: input.reason.trim() },
      });
      return { ok: true as const, judgeName: change.added[0]?.name ?? "" };
    }),
  );
}

export type ReopenResult = { ok: true; judgeName: string } | Refusal;

/**
 * The chair sends a submitted scoresheet of the panel back to its judge: status DRAFT (the judge's
 * form then lets them edit it and submit again), reopenedAt/By/Reason set, submittedAt cleared and
 * the version bumped (an open tab of the judge's sees it changed). Audited "scoresheet.reopen"
 * {before, after, reason}. Refused when the sheet is no longer the submitted one the page showed.
 */
export async function reopenScoresheet(input: ChairActionInput & { scoresheetId: string; version: number; reason: string }): Promise<ReopenResult> {
  return orRefusal(() =>
    prisma.$transaction(async (tx) => {
      await begin(tx, input);
      const sheet = await tx.scoresheet.findFirst({
        where: { id: input.scoresheetId, assignment: { panelId: input.access.panelId, roundId: input.access.roundId, status: "ACTIVE" } },
        select: {
          id: true,
          status: true,
          version: true,
          total: true,
          submittedAt: true,
          assignment: { select: { id: true, entryId: true, judgeId: true, judge: { select: { name: true } } } },
        },
      });
      if (!sheet) throw new RefusalError(NOT_FOUND);
      if (sheet.version !== input.version) throw new RefusalError(CHANGED_MEANWHILE);
      if (sheet.status !== "SUBMITTED") throw new RefusalError(refused(CHAIR_ERRORS.notSubmitted));
      const now = new Date();
      const reason = input.reason.trim();
      const changed = await tx.scoresheet.updateMany({
        where: { id: sheet.id, version: sheet.version, status: "SUBMITTED" },
        data: { status: "DRAFT", submittedAt: null, reopenedAt: now, reopenedById: input.actorId, reopenReason: reason, version: { increment: 1 } },
      });
      if (changed.count !== 1) throw new RefusalError(CHANGED_MEANWHILE);
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.access.contestId,
        action: "scoresheet.reopen",
        targetType: "Scoresheet",
        targetId: sheet.id,
        data: {
          assignmentId: sheet.assignment.id,
          entryId: sheet.assignment.entryId,
          judgeId: sheet.assignment.judgeId,
          reason,
          before: { status: "SUBMITTED", submittedAt: sheet.submittedAt, total: sheet.total, version: sheet.version },
          after: { status: "DRAFT", version: sheet.version + 1 },
        },
        ip: input.ip ?? null,
      });
      return { ok: true as const, judgeName: sheet.assignment.judge.name };
    }),
  );
}
