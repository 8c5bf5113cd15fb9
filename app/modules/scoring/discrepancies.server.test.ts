// Which sheets the disagreement reader counts: submitted ones of ACTIVE assignments, per round.
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries } from "#tests/factories/rounds";
import { countOpenDisagreements, roundDisagreements } from "./discrepancies.server";

describe("roundDisagreements", () => {
  it("counts submitted totals of active assignments only, round by round", async () => {
    const { contest, categories, rubricVersionId } = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ"], rubric: true });
    const rounds = [await createTestRound(contest.id, { rubricVersionId }), await createTestRound(contest.id, { rubricVersionId })];
    for (const r of rounds) await prisma.round.update({ where: { id: r.id }, data: { spreadThreshold: 10 } });
    const [entry] = await createTestEntries(contest.id, categories[0]!.id, 1);
    const judges: { id: string }[] = [];
    for (let j = 0; j < 5; j++) judges.push((await addContestMember(contest.id, "JUDGE")).user);
    const panel = await createTestPanel(rounds[0]!.id);
    await placeEntries(rounds[0]!.id, panel.id, [entry!.id]);
    const sheet = async (judge: number, total: number, status: "SUBMITTED" | "DRAFT", assignment: "ACTIVE" | "RECUSED" | "REMOVED" = "ACTIVE", round = rounds[0]!) => {
      const p = round === rounds[0] ? panel : await createTestPanel(round.id);
      const a = await createTestAssignment(round.id, p.id, entry!.id, judges[judge]!.id, { status: assignment });
      await prisma.scoresheet.create({ data: { assignmentId: a.id, rubricVersionId: rubricVersionId!, status, total, submittedAt: status === "SUBMITTED" ? new Date() : null } });
    };
    await sheet(0, 70, "SUBMITTED");
    await sheet(1, 75, "SUBMITTED");
    await sheet(2, 20, "DRAFT"); // a draft's running total
    await sheet(3, 95, "SUBMITTED", "RECUSED");
    await sheet(4, 10, "SUBMITTED", "REMOVED");
    expect((await roundDisagreements(prisma, rounds[0]!.id))!.spreads).toMatchObject([{ entryId: entry!.id, totals: [70, 75], spread: 5, flagged: false }]);
    expect(await countOpenDisagreements(prisma, contest.id)).toBe(0);

    // The same entry in the second round, judged apart: its own spread.
    await sheet(2, 50, "SUBMITTED", "ACTIVE", rounds[1]!);
    await sheet(3, 90, "SUBMITTED", "ACTIVE", rounds[1]!);
    expect((await roundDisagreements(prisma, rounds[1]!.id))!.spreads).toMatchObject([{ spread: 40, flagged: true }]);
    expect(await countOpenDisagreements(prisma, contest.id)).toBe(1);
    expect(await roundDisagreements(prisma, "no-such-round")).toBeNull();
  });
});
