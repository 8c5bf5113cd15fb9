// Kept round results (results-cache.server.ts) on a real database: reused while the contest's
// stamp is the one they were kept under, computed afresh once a write to their inputs has cleared
// it (the database's triggers do; prisma/results-stamp.test.ts covers every table).
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createJudgedContest } from "#tests/factories/results";
import { KEPT_ENTRIES, keptRoundResults } from "./results-cache.server";
import { computeRoundResults, type RoundResults } from "./results.server";

/** A promise and its resolve (Promise.withResolvers is newer than this Node). */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const stamp = async (contestId: string) => (await prisma.resultsStamp.findUnique({ where: { contestId } }))?.token ?? null;

describe("kept round results", () => {
  it("are reused while nothing changed, and a changed score is read and computed afresh", async () => {
    const s = await createJudgedContest({ entries: 3, points: (entry) => [90, 80, 70][entry]! });
    const first = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(await stamp(s.contest.id)).not.toBeNull();
    expect(await computeRoundResults(prisma, s.contest.id, s.round.id)).toBe(first);

    // The last entry's first judge now gives it 100 instead of 70.
    const sheet = await prisma.scoresheet.findFirstOrThrow({ where: { assignment: { entryId: s.entries[2]!.id, judgeId: s.judges[0]!.id } } });
    await prisma.scoresheet.update({ where: { id: sheet.id }, data: { total: 100 } });
    expect(await stamp(s.contest.id)).toBeNull();
    const second = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(second).not.toBe(first);
    expect(second.aggregates.get(s.entries[2]!.id)!.score).toBe(80);
    expect(first.aggregates.get(s.entries[2]!.id)!.score).toBe(70);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(await computeRoundResults(prisma, s.contest.id, s.round.id)).toBe(second);
  });

  it("missed by two requests at once are read and computed once", async () => {
    const s = await createJudgedContest({ entries: 3, points: (entry) => [90, 80, 70][entry]! });
    await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: "Bài dự thi đã sửa" } });
    let computed = 0;
    const compute = async () => {
      computed++;
      return computeRoundResults(prisma, s.contest.id, s.round.id, { withPoints: true });
    };
    const first = await keptRoundResults(prisma, s.contest.id, s.round.id, compute);
    expect(computed).toBe(1);
    await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: "Sửa lần hai" } });
    // Both find the stamp cleared; the second joins the computation the first began after it asked.
    const [a, b] = await Promise.all([keptRoundResults(prisma, s.contest.id, s.round.id, compute), keptRoundResults(prisma, s.contest.id, s.round.id, compute)]);
    expect(computed).toBe(2);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(a!.entries.get(s.entries[0]!.id)!.title).toBe("Sửa lần hai");
  });

  it("under way are not handed to a request that began after a write", async () => {
    const s = await createJudgedContest({ entries: 2, points: (entry) => [90, 60][entry]! });
    const read = deferred();
    const gate = deferred();
    const slow = keptRoundResults(prisma, s.contest.id, s.round.id, async () => {
      const results = await computeRoundResults(prisma, s.contest.id, s.round.id, { withPoints: true });
      read.resolve();
      await gate.promise;
      return results;
    });
    await read.promise;
    await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: "Bài dự thi đã sửa" } });
    // The first computation is held until the later request computes its own (or, were it to join
    // the first instead, for a second).
    const held = setTimeout(gate.resolve, 2000);
    const later = keptRoundResults(prisma, s.contest.id, s.round.id, () => {
      gate.resolve();
      return computeRoundResults(prisma, s.contest.id, s.round.id, { withPoints: true });
    });
    const [a, b] = await Promise.all([slow, later]);
    clearTimeout(held);
    expect(b).not.toBe(a);
    expect(a!.entries.get(s.entries[0]!.id)!.title).not.toBe("Bài dự thi đã sửa");
    expect(b!.entries.get(s.entries[0]!.id)!.title).toBe("Bài dự thi đã sửa");
    expect(await computeRoundResults(prisma, s.contest.id, s.round.id)).toBe(b);
  });

  it("are none for a contest that does not exist or a round of another contest, and nothing is stamped", async () => {
    const s = await createJudgedContest({ entries: 1, points: () => 80 });
    const other = await createJudgedContest({ entries: 1, points: () => 70 });
    expect(await computeRoundResults(prisma, "no-such-contest", s.round.id)).toBeNull();
    expect(await prisma.resultsStamp.count({ where: { contestId: "no-such-contest" } })).toBe(0);
    expect(await computeRoundResults(prisma, other.contest.id, s.round.id)).toBeNull();
    // The round's own results are not those of the other contest's request.
    const own = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect([...own.entries.keys()]).toEqual([s.entries[0]!.id]);
    expect(await computeRoundResults(prisma, other.contest.id, s.round.id)).toBeNull();
  });

  it("are not reused by a trial decision or by documents, which compute their own", async () => {
    const s = await createJudgedContest({ entries: 2, points: () => 75 });
    const kept = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    const category = kept.categories[0]!;
    const [a, b] = category.ranking.groups[0]!.entryIds;
    const trial = (await computeRoundResults(prisma, s.contest.id, s.round.id, {
      extraDecision: { categoryId: category.id, decision: { entryIds: [a!, b!], order: new Map([[a!, 1], [b!, 2]]) } },
    }))!;
    expect(trial).not.toBe(kept);
    expect(trial.categories[0]!.ranking.groups.map((g) => g.entryIds)).toEqual([[a], [b]]);
    const documents = (await computeRoundResults(prisma, s.contest.id, s.round.id, { withPoints: true }))!;
    expect(documents).not.toBe(kept);
    expect(documents.reads.every((r) => r.points.size === 5)).toBe(true);
    // The kept results are still the ones without the trial decision.
    const again = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(again).toBe(kept);
    expect(again.categories[0]!.ranking.groups[0]!.entryIds).toHaveLength(2);
  });

  it("computed from inputs that changed while they were read are not reused", async () => {
    const s = await createJudgedContest({ entries: 2, points: (entry) => [90, 60][entry]! });
    const computed = await keptRoundResults(prisma, s.contest.id, s.round.id, async () => {
      const results = await computeRoundResults(prisma, s.contest.id, s.round.id, { withPoints: true });
      // A judge's late change lands after the inputs were read.
      await prisma.scoresheet.updateMany({ where: { assignment: { entryId: s.entries[1]!.id } }, data: { total: 95 } });
      return results;
    });
    const after = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(after).not.toBe(computed);
    expect(after.aggregates.get(s.entries[1]!.id)!.score).toBe(95);
  });

  it("computed inside a transaction that rolled back are not reused", async () => {
    const s = await createJudgedContest({ entries: 2, points: (entry) => [90, 60][entry]! });
    let inside: RoundResults | null = null;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.scoresheet.updateMany({ where: { assignment: { entryId: s.entries[1]!.id } }, data: { total: 95 } });
        inside = await computeRoundResults(tx, s.contest.id, s.round.id);
        expect(inside!.aggregates.get(s.entries[1]!.id)!.score).toBe(95);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    const after = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(after).not.toBe(inside);
    expect(after.aggregates.get(s.entries[1]!.id)!.score).toBe(60);
  });

  it("are kept per round within a budget of entries, the least recently used given up first", async () => {
    const s = await createJudgedContest({ entries: 1, points: () => 80 });
    const fake = (entries: number) => ({ entries: { size: entries } }) as unknown as RoundResults;
    const big = fake(KEPT_ENTRIES / 2 + 1);
    const other = fake(KEPT_ENTRIES / 2 + 1);
    expect(await keptRoundResults(prisma, s.contest.id, "round-a", async () => big)).toBe(big);
    expect(await keptRoundResults(prisma, s.contest.id, "round-b", async () => other)).toBe(other);
    // Both together exceed the budget: round-a, used least recently, was given up.
    expect(await keptRoundResults(prisma, s.contest.id, "round-b", async () => fake(1))).toBe(other);
    const recomputed = fake(1);
    expect(await keptRoundResults(prisma, s.contest.id, "round-a", async () => recomputed)).toBe(recomputed);
    // Results larger than the whole budget are returned, not kept.
    const huge = fake(KEPT_ENTRIES + 1);
    expect(await keptRoundResults(prisma, s.contest.id, "round-c", async () => huge)).toBe(huge);
    expect(await keptRoundResults(prisma, s.contest.id, "round-c", async () => recomputed)).toBe(recomputed);
  });
});
