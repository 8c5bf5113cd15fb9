// The statistics page's figures, read straight from the contest's rows and handed to the pure
// functions of this module. Every query is flat and scoped by contest or round (no query per
// entry, judge or panel): counts are grouped in the database, the rows the figures need (one
// date per entry, one unit per author, one total per submitted sheet) come in one query each,
// so the work grows linearly with the contest (see BENCHMARKS.md for 20,000 entries).
//
// What counts: participation reads every entry that was submitted (participation.ts); the
// judging figures read the SUBMITTED scoresheets of the round's ACTIVE assignments (a recused or
// removed reader's sheet, and drafts, are not the jury's reading), with the total the scoring
// module stored.
import type { ContestPhase, EntryStatus } from "#app/generated/sqlite/enums";
import { nameCollator } from "#app/utils/format";
import { prisma } from "#app/utils/db.server";
import type { Icc1 } from "./agreement";
import { agreementByPanel, criterionAverages, judgeStatistics, type CriterionAverage, type Deviation, type PanelAgreement, type SheetRow } from "./judging";
import type { Summary } from "./describe";
import { deadlineSurge, entriesByCategory, entriesByDay, entriesByUnit, type CategoryRow, type DeadlineSurge, type StatusCounts, type Timeline, type UnitCounts } from "./participation";

const RECEIVED: EntryStatus[] = ["SUBMITTED", "ELIGIBLE", "DISQUALIFIED"];

export interface Participation {
  totals: StatusCounts;
  categories: CategoryRow[];
  units: UnitCounts;
  timeline: Timeline;
  surge: DeadlineSurge | null;
}

export interface JudgeRow {
  judgeId: string;
  name: string;
  totals: Summary;
  deviation: Deviation | null;
}

export interface PanelStats {
  panelId: string;
  name: string;
  judges: JudgeRow[];
  agreement: Omit<PanelAgreement, "panelId"> & { wJudges: string[] };
}

export interface RoundStats {
  id: string;
  name: string;
  /** The rubric's full marks (the scale of totals), 100 for the default rubric. */
  scaleMax: number;
  /** Active assignments, and those with a submitted sheet. */
  assigned: number;
  submitted: number;
  /** Entries with at least one submitted sheet. */
  entriesScored: number;
  panels: PanelStats[];
  agreement: Icc1 | null;
  criteria: CriterionAverage[];
}

export interface ContestStats {
  contest: { id: string; title: string; phase: ContestPhase; timeZone: string };
  participation: Participation;
  /** Null for those who may not see scores (the secretariat). */
  scoring: { rounds: { id: string; name: string }[]; round: RoundStats | null } | null;
}

type ContestRow = ContestStats["contest"] & { opensAt: Date | null; closesAt: Date | null };

async function participationOf(contest: ContestRow, now: Date): Promise<Participation> {
  const [categories, counts, dates, authors] = await Promise.all([
    prisma.category.findMany({ where: { contestId: contest.id }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    prisma.entry.groupBy({ by: ["categoryId", "status"], where: { contestId: contest.id }, _count: { _all: true } }),
    prisma.entry.findMany({ where: { contestId: contest.id, status: { in: RECEIVED }, submittedAt: { not: null } }, select: { submittedAt: true } }),
    prisma.entryAuthor.findMany({ where: { entry: { contestId: contest.id, status: { in: RECEIVED } } }, select: { entryId: true, unit: true } }),
  ]);
  const byCategory = entriesByCategory(
    categories,
    counts.map((c) => ({ categoryId: c.categoryId, status: c.status, count: c._count._all })),
  );
  const instants = dates.map((d) => d.submittedAt!);
  return {
    ...byCategory,
    units: entriesByUnit(authors),
    timeline: entriesByDay(instants, contest.timeZone, { opensAt: contest.opensAt, closesAt: contest.closesAt, now }),
    surge: deadlineSurge(instants, contest.closesAt),
  };
}

/** The round asked for, else the last one with a submitted sheet, else the first; null if not the contest's. */
async function chooseRound(contestId: string, requested: string | null) {
  const rounds = await prisma.round.findMany({
    where: { contestId },
    orderBy: { position: "asc" },
    select: { id: true, name: true, rubricVersionId: true },
  });
  if (requested !== null) {
    const round = rounds.find((r) => r.id === requested);
    return round ? { rounds, round } : null;
  }
  const scored = await prisma.assignment.groupBy({
    by: ["roundId"],
    where: { round: { contestId }, status: "ACTIVE", scoresheet: { is: { status: "SUBMITTED" } } },
    _count: { _all: true },
  });
  const withSheets = new Set(scored.map((s) => s.roundId));
  return { rounds, round: rounds.findLast((r) => withSheets.has(r.id)) ?? rounds[0] ?? null };
}

async function roundStats(round: { id: string; name: string; rubricVersionId: string | null }): Promise<RoundStats> {
  const active = { roundId: round.id, status: "ACTIVE" as const };
  const [assigned, sheets, sums, panels] = await Promise.all([
    prisma.assignment.count({ where: active }),
    // One join rather than two relation-filtered reads joined here: half the time at 60,000 sheets.
    // The same SQL on SQLite and PostgreSQL (quoted names, enum values as literals).
    prisma.$queryRaw<SheetRow[]>`
      SELECT a."entryId", a."judgeId", a."panelId", s."total"
      FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId"
      WHERE a."roundId" = ${round.id} AND a."status" = 'ACTIVE' AND s."status" = 'SUBMITTED' AND s."total" IS NOT NULL`,
    prisma.score.groupBy({
      by: ["criterionId"],
      where: { scoresheet: { is: { status: "SUBMITTED", assignment: { is: active } } } },
      _sum: { points: true },
      _count: { _all: true },
    }),
    prisma.panel.findMany({ where: { roundId: round.id }, select: { id: true, name: true } }),
  ]);
  const rows: SheetRow[] = sheets.map((r) => ({ entryId: r.entryId, judgeId: r.judgeId, panelId: r.panelId, total: Number(r.total) }));

  // The round's criteria, and those of another version its sheets were scored on, version by version.
  const scoredCriteria = sums.map((s) => s.criterionId);
  const criteria = await prisma.criterion.findMany({
    where: { OR: [...(round.rubricVersionId ? [{ rubricVersionId: round.rubricVersionId }] : []), { id: { in: scoredCriteria } }] },
    select: { id: true, name: true, maxPoints: true, position: true, rubricVersionId: true, rubricVersion: { select: { version: true } } },
  });
  criteria.sort((a, b) => a.rubricVersion.version - b.rubricVersion.version || a.position - b.position);
  const versions = new Set(criteria.map((c) => c.rubricVersion.version));
  const ownCriteria = criteria.filter((c) => c.rubricVersionId === round.rubricVersionId);
  // Full marks of the round's rubric; without one, the highest total, so the axis still fits.
  const scaleMax = ownCriteria.reduce((s, c) => s + c.maxPoints, 0) || rows.reduce((m, r) => Math.max(m, r.total), 0) || 100;

  const judgeIds = [...new Set(rows.map((r) => r.judgeId))];
  const users = await prisma.user.findMany({ where: { id: { in: judgeIds } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const judges = judgeStatistics(rows);
  const { panels: agreement, round: roundAgreement } = agreementByPanel(rows);
  const agreementOf = new Map(agreement.map((a) => [a.panelId, a]));
  const byDeviation = (a: JudgeRow, b: JudgeRow) =>
    (a.deviation ? 0 : 1) - (b.deviation ? 0 : 1) || (a.deviation?.mean ?? 0) - (b.deviation?.mean ?? 0) || nameCollator.compare(a.name, b.name);

  return {
    id: round.id,
    name: round.name,
    scaleMax,
    assigned,
    submitted: rows.length,
    entriesScored: new Set(rows.map((r) => r.entryId)).size,
    panels: panels
      .sort((a, b) => nameCollator.compare(a.name, b.name))
      .map((p) => {
        const a = agreementOf.get(p.id);
        return {
          panelId: p.id,
          name: p.name,
          judges: judges
            .filter((j) => j.panelId === p.id)
            .map((j) => ({ judgeId: j.judgeId, name: nameOf.get(j.judgeId) ?? "", totals: j.totals, deviation: j.deviation }))
            .sort(byDeviation),
          agreement: {
            entriesScored: a?.entriesScored ?? 0,
            entriesShared: a?.entriesShared ?? 0,
            icc: a?.icc ?? null,
            w: a?.w ?? null,
            wJudges: (a?.w?.judgeIds ?? []).map((id) => nameOf.get(id) ?? ""),
          },
        };
      }),
    agreement: roundAgreement,
    criteria: criterionAverages(
      criteria.map((c) => ({ id: c.id, name: versions.size > 1 ? `${c.name} (v${c.rubricVersion.version})` : c.name, maxPoints: c.maxPoints })),
      new Map(sums.map((s) => [s.criterionId, { sum: s._sum.points ?? 0, count: s._count._all }])),
    ),
  };
}

/**
 * A contest's statistics: participation for its staff and, with `scoring`, the judging of one
 * round (`roundId`, or the last round with a submitted sheet). Null when the contest does not
 * exist or the round is not one of its rounds.
 */
export async function getContestStats(input: { contestId: string; roundId?: string | null; scoring: boolean; now?: Date }): Promise<ContestStats | null> {
  const contest = await prisma.contest.findUnique({
    where: { id: input.contestId },
    select: { id: true, title: true, phase: true, timeZone: true, opensAt: true, closesAt: true },
  });
  if (!contest) return null;
  const participation = await participationOf(contest, input.now ?? new Date());
  const header = { id: contest.id, title: contest.title, phase: contest.phase, timeZone: contest.timeZone };
  if (!input.scoring) return { contest: header, participation, scoring: null };
  const chosen = await chooseRound(contest.id, input.roundId ?? null);
  if (!chosen) return null;
  return {
    contest: header,
    participation,
    scoring: {
      rounds: chosen.rounds.map((r) => ({ id: r.id, name: r.name })),
      round: chosen.round ? await roundStats(chosen.round) : null,
    },
  };
}
