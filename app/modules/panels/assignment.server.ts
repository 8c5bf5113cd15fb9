// Automatic assignment in the database (issue 3, item 7): the pure solver (./assign) run over a
// round's panels, entries, conflicts and preferences, previewed as a table of changes and then
// applied in one transaction with its audit record.
//
// Scope of a run, per round:
//   - panels and their judges (PanelJudge; maxLoad is the judge's cap in that panel, isChair is
//     irrelevant). A judge seated on several panels joins them: they are solved together, the
//     judge's load is their total, and the solver makes them read in each panel where it can so
//     that scores can be calibrated across panels (the preview reports which panels are joined
//     and which share no judge);
//   - entries: RoundEntry rows with a panel and status IN whose entry is ELIGIBLE;
//   - never assigned: conflicts of interest CONFIRMED or PENDING (as confirmedConflictPairs), pairs
//     the judge RECUSED from in this round, pairs an organizer REMOVED by hand (source MANUAL), and
//     pairs an ACTIVE extra reader already holds;
//   - fixed (part of the solution, counted in k and in the judge's load and cap): ACTIVE pairs
//     with source MANUAL that are still valid (the entry is in the run, the judge still sits on
//     its panel, no CONFIRMED or PENDING conflict). More of them than k on an entry, or more than a
//     judge's cap, makes the round infeasible with that entry named;
//   - preferences: EXPERTISE per category (1 per row), WILLING / UNWILLING per entry;
//   - previous: the round's ACTIVE assignments, except EXTRA_READER ones (a chair's extra reader
//     is on top of k, the solver never touches it) and those of entries whose RoundEntry is
//     ADVANCED or ELIMINATED (their round is over). A previous pair whose judge left the panel,
//     whose entry left the round or stopped being eligible, or that became conflicted, is removed
//     (an invalid manual pair too).
// A re-run keeps every previous pair that is still valid, so only what must move moves.
//
// Removing never deletes a row (a scoresheet may hang on it): the row becomes REMOVED; a manual
// pair the solver removes also becomes source AUTO, since REMOVED + MANUAL means "taken out by
// hand, never assign again". A pair whose scoresheet holds any score is never removed: the preview
// lists it as blocked and the apply refuses and writes nothing. An added pair reactivates the
// pair's REMOVED row if there is one (the row is unique per round, entry and judge).
//
// Concurrency: the apply locks the contest row first (contests/lock.server), recomputes the
// preview inside the transaction and refuses when the fingerprint of the run's inputs (./assignment,
// runFingerprint: seats, caps, conflicts, recusals, manual and active rows, the round's entries and
// panels, k, preferences, seed) differs from the one the preview was made on. Given the same rows
// and seed, the preview and the apply compute the same assignment (every list is read in id order).
//
// Authorization is the caller's (an organizer of the round's contest). Refusals carry a status
// (notFound, infeasible, changedMeanwhile, scored) for the route to translate.
import type { AssignmentSource, AssignmentStatus } from "#app/generated/sqlite/enums";
import { audit } from "#app/modules/audit/audit.server";
import { lockContest } from "#app/modules/contests/lock.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { assignJudges, type AssignPair, type AssignPanel, type JudgePreference, type UncoveredReason } from "./assign";
import { runFingerprint } from "./assignment";
import { confirmedConflictPairs } from "./conflicts.server";

/** Rows per createMany/updateMany statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** A national contest (100k entries, 300k pairs) writes many rows: more than Prisma's 5 s default. */
const LONG_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

const collator = new Intl.Collator("vi", { numeric: true });

export interface AssignmentInput {
  roundId: string;
  /** Breaks ties between equally good assignments (see ./assign). */
  seed: number;
}

/** One pair as organizers see it: the entry's code and title (not its anonymous code), the judge's name. */
export interface AssignmentPairView {
  entryId: string;
  entryCode: string | null;
  title: string;
  judgeId: string;
  judgeName: string;
  panelId: string;
}

export interface PanelLoadView {
  panelId: string;
  name: string;
  judges: { judgeId: string; name: string; isChair: boolean; cap: number | null; before: number; after: number }[];
}

export interface PanelRef {
  panelId: string;
  name: string;
}

/** Panels solved together because judges sit on several of them (two or more panels). */
export interface PanelComponentView {
  panels: PanelRef[];
  sharedJudges: { judgeId: string; name: string }[];
  /** Seats of shared judges left without a read: no assignment could give them one. */
  unlinkedSeats: { judgeId: string; judgeName: string; panelId: string; panelName: string }[];
  /**
   * The component's panels grouped by the judges who read in several of them: one group means its
   * scores can be calibrated as one; several groups cannot be calibrated against each other.
   */
  readGroups: PanelRef[][];
}

export interface CalibrationView {
  components: PanelComponentView[];
  /** Panels with entries that share no judge with any other panel: not calibratable across panels. */
  isolatedPanels: PanelRef[];
}

export interface AssignmentPreview {
  ok: true;
  roundId: string;
  contestId: string;
  reads: number;
  /** Of the run's inputs now: pass it back to applyAssignment (with the same seed). */
  fingerprint: string;
  panels: PanelLoadView[];
  changes: {
    added: number;
    removed: number;
    kept: number;
    addedPairs: AssignmentPairView[];
    removedPairs: AssignmentPairView[];
  };
  /** Pairs to remove that already hold a score: the apply refuses while there are any. */
  blocked: AssignmentPairView[];
  /** Manual pairs kept as they are (counted in the kept ones). */
  fixed: number;
  calibration: CalibrationView;
}

export interface UncoveredEntryView {
  entryId: string;
  entryCode: string | null;
  title: string;
  panelId: string;
  panelName: string;
  reason: UncoveredReason;
  /** Judges of the panel free of conflict with this entry. */
  eligibleJudges: number;
  /** Judges added to this entry by hand (manual pairs still valid). */
  fixedJudges: number;
}

export interface Infeasible {
  ok: false;
  status: "infeasible";
  uncovered: UncoveredEntryView[];
  /** Of the run's inputs now, as in a preview. */
  fingerprint: string;
}
export type RoundNotFound = { ok: false; status: "notFound" };

export type PreviewResult = AssignmentPreview | Infeasible | RoundNotFound;

export interface ApplyInput extends AssignmentInput {
  actorId: string | null;
  /** The fingerprint of the preview the organizer saw. */
  expectedFingerprint: string;
  ip?: string | null;
}

export type ApplyResult =
  | { ok: true; added: number; reactivated: number; removed: number; kept: number; fixed: number }
  | { ok: false; status: "changedMeanwhile" }
  | { ok: false; status: "scored"; pairs: AssignmentPairView[] }
  | Infeasible
  | RoundNotFound;

const roundNotFound: RoundNotFound = { ok: false, status: "notFound" };

function pairKey(entryId: string, judgeId: string) {
  return `${entryId}\u0000${judgeId}`;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface ExistingRow {
  id: string;
  entryId: string;
  judgeId: string;
  panelId: string;
  source: AssignmentSource;
  status: AssignmentStatus;
  scored: boolean;
}

interface Computed {
  contestId: string;
  fingerprint: string;
  preview: AssignmentPreview | Infeasible;
  /** Rows of the round by pair (every status). */
  rows: Map<string, ExistingRow>;
  /** entryId → its panel in this run. */
  panelOf: Map<string, string>;
  added: AssignPair[];
  removed: AssignPair[];
  kept: AssignPair[];
  fixed: number;
}

/**
 * Reads everything a run needs through `db` (the client, or the apply's transaction) and solves.
 * Every list is read in id order, so the same rows and seed give the same result.
 */
async function compute(db: Tx, { roundId, seed }: AssignmentInput): Promise<Computed | null> {
  const round = await db.round.findUnique({ where: { id: roundId }, select: { contestId: true, readsPerEntry: true } });
  if (!round) return null;
  const { contestId } = round;

  const [panels, roundEntries, assignments, conflicts] = await Promise.all([
    db.panel.findMany({
      where: { roundId },
      orderBy: { id: "asc" },
      select: {
        id: true,
        name: true,
        judges: { orderBy: { userId: "asc" }, select: { userId: true, isChair: true, maxLoad: true, user: { select: { name: true } } } },
      },
    }),
    db.roundEntry.findMany({
      where: { roundId },
      orderBy: { entryId: "asc" },
      select: { entryId: true, panelId: true, status: true, entry: { select: { categoryId: true, status: true, entryCode: true, title: true } } },
    }),
    db.assignment.findMany({
      where: { roundId },
      orderBy: { id: "asc" },
      select: {
        id: true,
        entryId: true,
        judgeId: true,
        panelId: true,
        source: true,
        status: true,
        judge: { select: { name: true } },
        entry: { select: { entryCode: true, title: true } },
        scoresheet: { select: { status: true, _count: { select: { scores: true } } } },
      },
    }),
    // Inside the apply's transaction when there is one.
    confirmedConflictPairs(contestId, db),
  ]);

  const judgeIds = [...new Set(panels.flatMap((p) => p.judges.map((j) => j.userId)))];
  const preferenceRows = await db.judgePreference.findMany({
    where: { contestId, userId: { in: judgeIds } },
    orderBy: { id: "asc" },
    select: { userId: true, kind: true, categoryId: true, entryId: true },
  });

  // Names and titles for the views.
  const judgeName = new Map<string, string>();
  const entryInfo = new Map<string, { entryCode: string | null; title: string }>();
  for (const p of panels) for (const j of p.judges) judgeName.set(j.userId, j.user.name);
  for (const re of roundEntries) entryInfo.set(re.entryId, { entryCode: re.entry.entryCode, title: re.entry.title });
  for (const a of assignments) {
    judgeName.set(a.judgeId, a.judge.name);
    entryInfo.set(a.entryId, { entryCode: a.entry.entryCode, title: a.entry.title });
  }

  // The problem.
  const panelIds = new Set(panels.map((p) => p.id));
  const seatsOf = new Map(panels.map((p) => [p.id, new Set(p.judges.map((j) => j.userId))]));
  const panelOf = new Map<string, string>();
  const entriesOf = new Map<string, { id: string; categoryId: string }[]>(panels.map((p) => [p.id, []]));
  const roundStatus = new Map<string, string>();
  for (const re of roundEntries) {
    roundStatus.set(re.entryId, re.status);
    if (re.status !== "IN" || re.entry.status !== "ELIGIBLE" || !re.panelId || !panelIds.has(re.panelId)) continue;
    entriesOf.get(re.panelId)!.push({ id: re.entryId, categoryId: re.entry.categoryId });
    panelOf.set(re.entryId, re.panelId);
  }
  const problemPanels: AssignPanel[] = panels.map((p) => ({
    id: p.id,
    judges: p.judges.map((j) => (j.maxLoad === null ? { id: j.userId } : { id: j.userId, cap: j.maxLoad })),
    entries: entriesOf.get(p.id)!,
  }));

  // Conflicts of the round's entries only (others cannot matter, nor change the fingerprint).
  const inRound = new Set(roundEntries.map((re) => re.entryId));
  const roundConflicts = conflicts.filter((c) => inRound.has(c.entryId));
  const conflicted = new Set(roundConflicts.map((c) => pairKey(c.entryId, c.judgeId)));
  const rows = new Map<string, ExistingRow>();
  const previous: AssignPair[] = [];
  const fixed: AssignPair[] = [];
  const avoid: AssignPair[] = [...roundConflicts];
  for (const a of assignments) {
    const scored = a.scoresheet !== null && (a.scoresheet._count.scores > 0 || a.scoresheet.status === "SUBMITTED");
    rows.set(pairKey(a.entryId, a.judgeId), { id: a.id, entryId: a.entryId, judgeId: a.judgeId, panelId: a.panelId, source: a.source, status: a.status, scored });
    const pair = { entryId: a.entryId, judgeId: a.judgeId };
    // Recused, removed by hand, or already an extra reader: never one of the k.
    if (a.status === "RECUSED" || (a.status === "REMOVED" && a.source === "MANUAL") || (a.status === "ACTIVE" && a.source === "EXTRA_READER")) {
      avoid.push(pair);
    }
    const settled = roundStatus.get(a.entryId) === "ADVANCED" || roundStatus.get(a.entryId) === "ELIMINATED";
    if (a.status !== "ACTIVE" || a.source === "EXTRA_READER" || settled) continue;
    previous.push(pair);
    const panelId = panelOf.get(a.entryId);
    const valid = panelId !== undefined && seatsOf.get(panelId)!.has(a.judgeId) && !conflicted.has(pairKey(a.entryId, a.judgeId));
    if (a.source === "MANUAL" && valid) fixed.push(pair);
  }

  const byJudge = new Map<string, JudgePreference & { expertise: Record<string, number>; willing: string[]; unwilling: string[] }>();
  for (const p of preferenceRows) {
    let pref = byJudge.get(p.userId);
    if (!pref) byJudge.set(p.userId, (pref = { judgeId: p.userId, expertise: {}, willing: [], unwilling: [] }));
    if (p.kind === "EXPERTISE" && p.categoryId) pref.expertise[p.categoryId] = 1;
    if (p.kind === "WILLING" && p.entryId) pref.willing.push(p.entryId);
    if (p.kind === "UNWILLING" && p.entryId) pref.unwilling.push(p.entryId);
  }

  const result = assignJudges({
    panels: problemPanels,
    reads: round.readsPerEntry,
    conflicts: avoid,
    preferences: [...byJudge.values()],
    previous,
    fixed,
    seed,
  });

  const fingerprint = runFingerprint({
    reads: round.readsPerEntry,
    seed,
    panels: panels.map((p) => ({ id: p.id, judges: p.judges.map((j) => ({ userId: j.userId, maxLoad: j.maxLoad })) })),
    roundEntries: roundEntries.map((re) => ({
      entryId: re.entryId,
      panelId: re.panelId,
      status: re.status,
      entryStatus: re.entry.status,
      categoryId: re.entry.categoryId,
    })),
    conflicts: roundConflicts,
    assignments,
    preferences: preferenceRows,
  });
  const panelName = new Map(panels.map((p) => [p.id, p.name]));
  const nothing = { rows, panelOf, added: [], removed: [], kept: [], fixed: fixed.length };

  if (!result.ok) {
    const uncovered: UncoveredEntryView[] = result.uncovered.map((u) => ({
      entryId: u.entryId,
      ...entryInfo.get(u.entryId)!,
      panelId: u.panelId,
      panelName: panelName.get(u.panelId) ?? "",
      reason: u.reason,
      eligibleJudges: u.eligibleJudges,
      fixedJudges: u.fixedJudges,
    }));
    uncovered.sort((a, b) => collator.compare(a.entryCode ?? a.entryId, b.entryCode ?? b.entryId));
    return { contestId, fingerprint, preview: { ok: false, status: "infeasible", uncovered, fingerprint }, ...nothing };
  }

  const { added, removed, kept } = result.changes;
  const view = (p: AssignPair, panelId: string): AssignmentPairView => ({
    entryId: p.entryId,
    ...entryInfo.get(p.entryId)!,
    judgeId: p.judgeId,
    judgeName: judgeName.get(p.judgeId) ?? "",
    panelId,
  });
  const byCodeThenJudge = (a: AssignmentPairView, b: AssignmentPairView) =>
    collator.compare(a.entryCode ?? a.entryId, b.entryCode ?? b.entryId) || collator.compare(a.judgeName, b.judgeName);
  const addedPairs = added.map((p) => view(p, panelOf.get(p.entryId)!)).sort(byCodeThenJudge);
  const removedPairs = removed.map((p) => view(p, rows.get(pairKey(p.entryId, p.judgeId))!.panelId)).sort(byCodeThenJudge);
  const blocked = removedPairs.filter((p) => rows.get(pairKey(p.entryId, p.judgeId))!.scored);

  // Loads per panel: before counts the previous pairs held in that panel, after the solver's.
  const before = new Map<string, number>();
  for (const p of previous) {
    const key = pairKey(rows.get(pairKey(p.entryId, p.judgeId))!.panelId, p.judgeId);
    before.set(key, (before.get(key) ?? 0) + 1);
  }
  const after = new Map(result.panels.map((p) => [p.panelId, p.loads]));
  const panelViews: PanelLoadView[] = panels
    .map((p) => ({
      panelId: p.id,
      name: p.name,
      judges: p.judges
        .map((j) => ({
          judgeId: j.userId,
          name: j.user.name,
          isChair: j.isChair,
          cap: j.maxLoad,
          before: before.get(pairKey(p.id, j.userId)) ?? 0,
          after: after.get(p.id)?.get(j.userId) ?? 0,
        }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .sort((a, b) => collator.compare(a.name, b.name));

  // Calibration: components of two or more panels, and the panels that share no judge.
  const ref = (panelId: string): PanelRef => ({ panelId, name: panelName.get(panelId) ?? "" });
  const byName = (a: PanelRef, b: PanelRef) => collator.compare(a.name, b.name);
  const components: PanelComponentView[] = result.components
    .filter((c) => c.panelIds.length > 1)
    .map((c) => ({
      panels: c.panelIds.map(ref).sort(byName),
      sharedJudges: c.sharedJudgeIds.map((judgeId) => ({ judgeId, name: judgeName.get(judgeId) ?? "" })).sort((a, b) => collator.compare(a.name, b.name)),
      unlinkedSeats: c.unlinkedSeats
        .map((u) => ({ judgeId: u.judgeId, judgeName: judgeName.get(u.judgeId) ?? "", panelId: u.panelId, panelName: panelName.get(u.panelId) ?? "" }))
        .sort((a, b) => collator.compare(a.panelName, b.panelName) || collator.compare(a.judgeName, b.judgeName)),
      readGroups: c.readGroups.map((g) => g.map(ref).sort(byName)).sort((a, b) => byName(a[0]!, b[0]!)),
    }))
    .sort((a, b) => byName(a.panels[0]!, b.panels[0]!));
  const calibration: CalibrationView = { components, isolatedPanels: result.isolatedPanelIds.map(ref).sort(byName) };

  return {
    contestId,
    fingerprint,
    preview: {
      ok: true,
      roundId,
      contestId,
      reads: round.readsPerEntry,
      fingerprint,
      panels: panelViews,
      changes: { added: added.length, removed: removed.length, kept: kept.length, addedPairs, removedPairs },
      blocked,
      fixed: fixed.length,
      calibration,
    },
    ...nothing,
    added,
    removed,
    kept,
  };
}

/**
 * What an automatic assignment of the round would change, without writing anything: per panel,
 * each judge's load before → after, and the pairs added and removed; or the entries that cannot
 * get k judges. Pass the preview's fingerprint to applyAssignment.
 */
export async function previewAssignment(input: AssignmentInput): Promise<PreviewResult> {
  const computed = await compute(prisma, input);
  return computed ? computed.preview : roundNotFound;
}

/**
 * Recomputes the preview inside one transaction (the contest row locked) and writes it: added
 * pairs ACTIVE (source AUTO; a REMOVED row of the pair is reactivated), removed pairs REMOVED
 * (source AUTO too, for a manual pair that is no longer valid), kept pairs moved to the entry's
 * current panel if it changed; with the audit record "assignment.apply"
 * {seed, added, reactivated, removed, removedManual, kept, fixed}. Refuses, writing nothing, when
 * the run's inputs changed since the preview (or the seed differs), when the round is infeasible,
 * or when a pair to remove already holds a score.
 */
export async function applyAssignment(input: ApplyInput): Promise<ApplyResult> {
  return prisma.$transaction(async (tx): Promise<ApplyResult> => {
    const round = await tx.round.findUnique({ where: { id: input.roundId }, select: { contestId: true } });
    if (!round || !(await lockContest(tx, round.contestId))) return roundNotFound;

    const computed = await compute(tx, input);
    if (!computed) return roundNotFound;
    if (computed.fingerprint !== input.expectedFingerprint) {
      return { ok: false, status: "changedMeanwhile" };
    }
    const { preview, rows, panelOf } = computed;
    if (!preview.ok) return preview;
    if (preview.blocked.length > 0) return { ok: false, status: "scored", pairs: preview.blocked };

    // A manual pair the solver removes becomes AUTO: REMOVED + MANUAL means "taken out by hand".
    const removedRows = computed.removed.map((p) => rows.get(pairKey(p.entryId, p.judgeId))!);
    const removedAuto = removedRows.filter((r) => r.source !== "MANUAL").map((r) => r.id);
    const removedManual = removedRows.filter((r) => r.source === "MANUAL").map((r) => r.id);
    for (const ids of chunks(removedAuto)) {
      await tx.assignment.updateMany({ where: { id: { in: ids }, status: "ACTIVE" }, data: { status: "REMOVED" } });
    }
    for (const ids of chunks(removedManual)) {
      await tx.assignment.updateMany({ where: { id: { in: ids }, status: "ACTIVE" }, data: { status: "REMOVED", source: "AUTO" } });
    }

    let reactivated = 0;
    const fresh: { roundId: string; panelId: string; entryId: string; judgeId: string; source: "AUTO"; status: "ACTIVE" }[] = [];
    for (const p of computed.added) {
      const panelId = panelOf.get(p.entryId)!;
      const row = rows.get(pairKey(p.entryId, p.judgeId));
      if (row) {
        // Only a REMOVED AUTO row can be here: ACTIVE ones are kept or avoided (extra readers),
        // RECUSED and REMOVED MANUAL ones are never assigned.
        await tx.assignment.update({ where: { id: row.id }, data: { status: "ACTIVE", source: "AUTO", panelId } });
        reactivated++;
      } else {
        fresh.push({ roundId: input.roundId, panelId, entryId: p.entryId, judgeId: p.judgeId, source: "AUTO", status: "ACTIVE" });
      }
    }
    for (const data of chunks(fresh)) await tx.assignment.createMany({ data });

    for (const p of computed.kept) {
      const row = rows.get(pairKey(p.entryId, p.judgeId))!;
      const panelId = panelOf.get(p.entryId)!;
      if (row.panelId !== panelId) await tx.assignment.update({ where: { id: row.id }, data: { panelId } });
    }

    const counts = {
      added: computed.added.length,
      reactivated,
      removed: removedRows.length,
      removedManual: removedManual.length,
      kept: computed.kept.length,
      fixed: computed.fixed,
    };
    await audit(tx, {
      actorId: input.actorId,
      contestId: computed.contestId,
      action: "assignment.apply",
      targetType: "Round",
      targetId: input.roundId,
      data: { seed: input.seed, ...counts },
      ip: input.ip ?? null,
    });
    return { ok: true, added: counts.added, reactivated, removed: counts.removed, kept: counts.kept, fixed: counts.fixed };
  }, LONG_TRANSACTION);
}
