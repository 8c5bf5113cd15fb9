// A contest ready for judges to score, written straight to the test database: JUDGING, blind, the
// default rubric on the round, one panel of judges, entries with authors and a current version
// whose text names them, each entry assigned to the panel's first `readsPerEntry` judges.
// Everything returned is a real row.
import type { ScoreVisibility } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries, createTestVersion, type TestAuthor } from "./contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "./rounds";

export interface ScoringContestOptions {
  judges?: number;
  entries?: number;
  readsPerEntry?: number;
  scoreVisibility?: ScoreVisibility;
  judgingDeadline?: Date | null;
  blind?: boolean;
  /** The authors of the i-th entry (see createTestEntries). */
  authors?: (i: number) => TestAuthor[];
  /** The essay's text for the i-th entry; it names the first author by default. */
  text?: (i: number, author: TestAuthor) => string;
  /** The version's file name (what a judge must never see). */
  originalName?: (i: number) => string;
}

export async function createScoringContest(options: ScoringContestOptions = {}) {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({
    phase: "JUDGING",
    categories: ["Cán bộ, đảng viên"],
    rubric: true,
    blind: options.blind ?? true,
  });
  const category = categories[0]!;
  const round = await createTestRound(contest.id, { name: "Sơ khảo", readsPerEntry: options.readsPerEntry ?? 2, rubricVersionId });
  await prisma.round.update({
    where: { id: round.id },
    data: { scoreVisibility: options.scoreVisibility ?? "AFTER_OWN", judgingDeadline: options.judgingDeadline ?? null },
  });
  const panel = await createTestPanel(round.id, { name: "Tiểu ban 1", categoryId: category.id });
  const judges: Awaited<ReturnType<typeof addContestMember>>[] = [];
  for (let j = 0; j < (options.judges ?? 3); j++) {
    const member = await addContestMember(contest.id, "JUDGE", { name: `Giám khảo số ${j + 1}` });
    await seatJudge(panel.id, member.user.id, { isChair: j === 0 });
    judges.push(member);
  }
  const entries = await createTestEntries(contest.id, category.id, options.entries ?? 2, options.authors ? { authors: options.authors } : {});
  const versions = [];
  for (const [i, entry] of entries.entries()) {
    const author = (await prisma.entryAuthor.findFirstOrThrow({ where: { entryId: entry.id, position: 0 } })) as TestAuthor;
    const text =
      options.text?.(i, author) ??
      `Tôi là ${author.name}, công tác tại ${author.unit}.\n\nBảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ của mỗi cán bộ, đảng viên.`;
    versions.push((await createTestVersion(entry.id, text, options.originalName ? { originalName: options.originalName(i) } : {})).version);
  }
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  const reads = options.readsPerEntry ?? 2;
  const assignments: { id: string; entryId: string; judgeId: string }[] = [];
  for (const entry of entries) {
    for (const judge of judges.slice(0, reads)) assignments.push(await createTestAssignment(round.id, panel.id, entry.id, judge.user.id));
  }
  const criteria = await prisma.criterion.findMany({ where: { rubricVersionId: rubricVersionId! }, orderBy: { position: "asc" } });
  /** The assignment of entry i to judge j. */
  const assignment = (i: number, j: number) => assignments.find((a) => a.entryId === entries[i]!.id && a.judgeId === judges[j]!.user.id)!;
  return { contest, organizerId, category, round, panel, judges, entries, versions, assignments, assignment, rubricVersionId: rubricVersionId!, criteria };
}

/** A full set of valid scores for the default rubric, as the form posts them ("scores.<id>"). */
export function fullScores(criteria: readonly { id: string; maxPoints: number }[], pick: (max: number, i: number) => string = (max) => String(max - 2.5).replace(".", ",")) {
  return Object.fromEntries(criteria.map((c, i) => [c.id, pick(c.maxPoints, i)]));
}
