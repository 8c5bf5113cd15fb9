// A judged contest written straight to the test database: a contest with the default rubric, one
// category per name (tiers Nhất 1, Nhì 2, Ba 3, Khuyến khích 5), a round with one panel, judges
// who read every entry, and submitted scoresheets whose totals the scoring module's total.ts
// computes from per-criterion points. Everything returned is a real row.
import type { ContestPhase, AggregationMethod, AdvanceRule } from "#app/generated/sqlite/enums";
import { scoresheetSummary, scoresheetTotal } from "#app/modules/scoring/total";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "./accounts";
import { createTestContest, createTestEntries } from "./contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "./rounds";

/** Points per criterion of the default rubric (25, 25, 20, 20, 10) adding up to `total` in half points. */
export function split(total: number): number[] {
  const maxima = [25, 25, 20, 20, 10];
  const points = maxima.map((m) => Math.floor(((total * m) / 100) * 2) / 2);
  let rest = Math.round((total - points.reduce((s, p) => s + p, 0)) * 2) / 2;
  for (let i = 0; rest > 0 && i < points.length; i++) {
    const room = maxima[i]! - points[i]!;
    const add = Math.min(room, rest);
    points[i]! += add;
    rest -= add;
  }
  return points;
}

/**
 * A scoresheet on the assignment with these points (in criterion order), the total total.ts gives
 * them and, unless `summary` is false (a sheet stored before summaries were kept), its summary.
 */
export async function scoreWith(
  assignmentId: string,
  rubricVersionId: string,
  points: number[],
  options: { submitted?: boolean; feedback?: string; privateNote?: string; summary?: boolean } = {},
) {
  const criteria = await prisma.criterion.findMany({ where: { rubricVersionId }, orderBy: { position: "asc" } });
  const byId = Object.fromEntries(points.map((p, i) => [criteria[i]!.id, p]));
  const submitted = options.submitted ?? true;
  return prisma.scoresheet.create({
    data: {
      assignmentId,
      rubricVersionId,
      status: submitted ? "SUBMITTED" : "DRAFT",
      submittedAt: submitted ? new Date() : null,
      total: scoresheetTotal(criteria, byId),
      ...(options.summary === false ? {} : scoresheetSummary(criteria, byId)),
      feedback: options.feedback ?? "",
      privateNote: options.privateNote ?? "",
      scores: { create: points.map((p, i) => ({ criterionId: criteria[i]!.id, points: p })) },
    },
  });
}

export interface JudgedRoundOptions {
  name?: string;
  aggregation?: AggregationMethod;
  advanceRule?: AdvanceRule;
  advanceValue?: number | null;
  /** Points of judge j for entry i (criterion order), or a total to split, or null for no sheet. */
  points: (entry: number, judge: number) => number[] | number | null;
  /** Whether the sheets carry their summary (default true; see scoreWith). */
  summary?: boolean;
  feedback?: (entry: number, judge: number) => string;
  privateNote?: (entry: number, judge: number) => string;
}

/** A round where `judges` read every entry of `entryIds` on one panel, with their sheets. */
export async function createJudgedRound(contestId: string, rubricVersionId: string, entryIds: string[], judgeIds: string[], options: JudgedRoundOptions) {
  const round = await createTestRound(contestId, { name: options.name, readsPerEntry: judgeIds.length, rubricVersionId });
  await prisma.round.update({
    where: { id: round.id },
    data: { aggregation: options.aggregation ?? "MEAN", advanceRule: options.advanceRule ?? "MANUAL", advanceValue: options.advanceValue ?? null },
  });
  const panel = await createTestPanel(round.id, { name: `Tiểu ban ${round.position}` });
  for (const judgeId of judgeIds) if (!(await prisma.panelJudge.findFirst({ where: { panelId: panel.id, userId: judgeId } }))) await seatJudge(panel.id, judgeId);
  await placeEntries(round.id, panel.id, entryIds);
  for (const [i, entryId] of entryIds.entries()) {
    for (const [j, judgeId] of judgeIds.entries()) {
      const assignment = await createTestAssignment(round.id, panel.id, entryId, judgeId);
      const p = options.points(i, j);
      if (p === null) continue;
      await scoreWith(assignment.id, rubricVersionId, typeof p === "number" ? split(p) : p, {
        feedback: options.feedback?.(i, j),
        privateNote: options.privateNote?.(i, j),
        summary: options.summary,
      });
    }
  }
  return { round, panel };
}

export interface JudgedContestOptions extends Omit<JudgedRoundOptions, "name"> {
  entries: number;
  judges?: number;
  phase?: ContestPhase;
  blind?: boolean;
  categories?: string[];
  judgeNames?: string[];
  /** The submitter of the i-th entry (default: one entrant for all). */
  submitter?: (i: number) => string | undefined;
}

/** A contest whose one round has been judged (see above), in FINALIZING unless told otherwise. */
export async function createJudgedContest(options: JudgedContestOptions) {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({
    categories: options.categories ?? ["Cán bộ, công chức"],
    rubric: true,
    phase: options.phase ?? "FINALIZING",
    blind: options.blind ?? true,
  });
  const judges = [];
  for (let j = 0; j < (options.judges ?? 3); j++) {
    const user = await createTestUser({ name: options.judgeNames?.[j] ?? `Giám khảo ${j + 1}` });
    await prisma.contestMember.create({ data: { contestId: contest.id, userId: user.id, role: "JUDGE" } });
    judges.push(user);
  }
  const entries = [];
  for (let i = 0; i < options.entries; i++) {
    const [entry] = await createTestEntries(contest.id, categories[i % categories.length]!.id, 1, { submitterId: options.submitter?.(i) });
    entries.push(entry!);
  }
  const { round, panel } = await createJudgedRound(
    contest.id,
    rubricVersionId!,
    entries.map((e) => e.id),
    judges.map((j) => j.id),
    options,
  );
  return { contest, organizerId, categories, rubricVersionId: rubricVersionId!, judges, entries, round, panel };
}
