// What the assignment screen of a round shows (issue 3, item 7): the current assignment of one
// panel (./assignment-manual.server) and, when asked, the preview of an automatic run
// (./assignment.server) cut to what a page can show: the changes one page at a time, the
// per-judge loads before and after, the blocked pairs, or the entries that cannot be covered.
// Applying is applyAssignment, scoped to the contest. Authorization is the caller's (an organizer of the contest).
import { prisma } from "#app/utils/db.server";
import { nameCollator } from "#app/utils/format";
import { getAssignmentBoard } from "./assignment-manual.server";
import { applyAssignment, previewAssignment, type AssignmentPairView } from "./assignment.server";
import { NOT_FOUND, refused, type Refusal } from "./refusal";

/** Changed pairs per page of the preview. */
export const CHANGES_PAGE_SIZE = 50;
/** At most this many blocked pairs and uncovered entries are listed (with their total). */
export const LIST_LIMIT = 200;

export interface ChangeRow {
  kind: "added" | "removed";
  entryId: string;
  entryCode: string | null;
  title: string;
  judgeId: string;
  judgeName: string;
  panelName: string;
}

export interface ScreenInput {
  contestId: string;
  roundId: string;
  /** Set to preview an automatic run with this seed. */
  previewSeed: number | null;
  changesPage?: number;
  panelId?: string | null;
  boardPage?: number;
}

/**
 * Judges who left a panel but still hold pairs there: every such pair is removed by the run, so
 * their load goes from the number of those pairs to 0. Shown after the seated judges.
 */
function departed(panel: { panelId: string; judges: { judgeId: string }[] }, removed: readonly AssignmentPairView[]) {
  const seated = new Set(panel.judges.map((j) => j.judgeId));
  const gone = new Map<string, { judgeId: string; name: string; isChair: boolean; cap: number | null; before: number; after: number; left: boolean }>();
  for (const p of removed) {
    if (p.panelId !== panel.panelId || seated.has(p.judgeId)) continue;
    const row = gone.get(p.judgeId) ?? { judgeId: p.judgeId, name: p.judgeName, isChair: false, cap: null, before: 0, after: 0, left: true };
    row.before++;
    gone.set(p.judgeId, row);
  }
  return [...gone.values()].sort((a, b) => nameCollator.compare(a.name, b.name));
}

async function previewView(roundId: string, seed: number, changesPage: number) {
  const result = await previewAssignment({ roundId, seed });
  if (!result.ok && result.status === "notFound") return null;
  if (!result.ok) {
    return {
      ok: false as const,
      seed,
      uncoveredCount: result.uncovered.length,
      uncovered: result.uncovered.slice(0, LIST_LIMIT),
    };
  }
  const panelName = new Map(result.panels.map((p) => [p.panelId, p.name]));
  const row = (kind: ChangeRow["kind"]) => (p: AssignmentPairView): ChangeRow => ({
    kind,
    entryId: p.entryId,
    entryCode: p.entryCode,
    title: p.title,
    judgeId: p.judgeId,
    judgeName: p.judgeName,
    panelName: panelName.get(p.panelId) ?? "",
  });
  const rows = [...result.changes.addedPairs.map(row("added")), ...result.changes.removedPairs.map(row("removed"))].sort(
    (a, b) =>
      nameCollator.compare(a.panelName, b.panelName) ||
      nameCollator.compare(a.entryCode ?? a.entryId, b.entryCode ?? b.entryId) ||
      (a.kind === b.kind ? 0 : a.kind === "removed" ? -1 : 1) ||
      nameCollator.compare(a.judgeName, b.judgeName),
  );
  const pages = Math.max(1, Math.ceil(rows.length / CHANGES_PAGE_SIZE));
  const page = Math.min(Math.max(1, changesPage), pages);
  const perPanel = new Map<string, { added: number; removed: number }>();
  for (const p of result.changes.addedPairs) perPanel.set(p.panelId, { added: (perPanel.get(p.panelId)?.added ?? 0) + 1, removed: perPanel.get(p.panelId)?.removed ?? 0 });
  for (const p of result.changes.removedPairs) perPanel.set(p.panelId, { added: perPanel.get(p.panelId)?.added ?? 0, removed: (perPanel.get(p.panelId)?.removed ?? 0) + 1 });
  const blockedKeys = new Set(result.blocked.map((b) => `${b.entryId}\u0000${b.judgeId}`));
  return {
    ok: true as const,
    seed,
    fingerprint: result.fingerprint,
    reads: result.reads,
    added: result.changes.added,
    removed: result.changes.removed,
    kept: result.changes.kept,
    panels: result.panels.map((p) => ({
      ...p,
      ...(perPanel.get(p.panelId) ?? { added: 0, removed: 0 }),
      judges: [...p.judges.map((j) => ({ ...j, left: false })), ...departed(p, result.changes.removedPairs)],
    })),
    changes: {
      page,
      pages,
      total: rows.length,
      rows: rows.slice((page - 1) * CHANGES_PAGE_SIZE, page * CHANGES_PAGE_SIZE).map((r) => ({ ...r, blocked: blockedKeys.has(`${r.entryId}\u0000${r.judgeId}`) })),
    },
    blockedCount: result.blocked.length,
    blocked: result.blocked.slice(0, LIST_LIMIT).map(row("removed")),
    fixed: result.fixed,
    calibration: result.calibration,
  };
}

/** The assignment screen of a round of the contest; null when the round is not the contest's. */
export async function getAssignmentScreen(input: ScreenInput) {
  const round = await prisma.round.findFirst({
    where: { id: input.roundId, contestId: input.contestId },
    select: { id: true, name: true, readsPerEntry: true, contest: { select: { id: true, title: true } } },
  });
  if (!round) return null;
  const [board, preview] = await Promise.all([
    getAssignmentBoard(prisma, { roundId: round.id, panelId: input.panelId, page: input.boardPage }),
    input.previewSeed === null ? Promise.resolve(null) : previewView(round.id, input.previewSeed, input.changesPage ?? 1),
  ]);
  return { contest: round.contest, round: { id: round.id, name: round.name, readsPerEntry: round.readsPerEntry }, board, preview };
}

export type AssignmentScreen = NonNullable<Awaited<ReturnType<typeof getAssignmentScreen>>>;

export type ApplyOutcome = { ok: true; added: number; reactivated: number; removed: number; kept: number };

/**
 * Applies the preview the organizer saw (its seed and fingerprint) to a round of the contest.
 * Refusals, writing nothing: the round is not the contest's (notFound); the assignment changed
 * since the preview; a pair to remove holds a score; the round cannot be covered.
 */
export async function applyRoundAssignment(input: {
  contestId: string;
  roundId: string;
  seed: number;
  fingerprint: string;
  actorId: string | null;
  ip?: string | null;
}): Promise<ApplyOutcome | Refusal> {
  if ((await prisma.round.count({ where: { id: input.roundId, contestId: input.contestId } })) === 0) return NOT_FOUND;
  const result = await applyAssignment({ roundId: input.roundId, seed: input.seed, expectedFingerprint: input.fingerprint, actorId: input.actorId, ip: input.ip ?? null });
  if (result.ok) return result;
  switch (result.status) {
    case "notFound":
      return NOT_FOUND;
    case "changedMeanwhile":
      return refused("rounds:errors.assignmentChanged");
    case "scored":
      return refused(`rounds:errors.assignmentScored|${JSON.stringify({ count: result.pairs.length })}`);
    case "infeasible":
      return refused(`rounds:errors.assignmentInfeasible|${JSON.stringify({ count: result.uncovered.length })}`);
  }
}
