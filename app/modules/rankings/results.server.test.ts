// A round's results read from the database (results.server.ts): the entries come with their
// authors from one query, one row per author, made into one entry each.
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createJudgedContest } from "#tests/factories/results";
import { computeRoundResults } from "./results.server";

describe("computeRoundResults", () => {
  it("gives each entry its authors in order, an entry without authors none, and every entry once", async () => {
    const s = await createJudgedContest({ entries: 3, points: (entry) => [90, 80, 70][entry]! });
    const [withTwo, withNone] = s.entries;
    await prisma.entryAuthor.create({ data: { entryId: withTwo!.id, position: 1, name: "Trần Thị Đồng Tác Giả", unit: "Trường THPT Chu Văn An" } });
    await prisma.entryAuthor.deleteMany({ where: { entryId: withNone!.id } });
    const first = await prisma.entryAuthor.findFirstOrThrow({ where: { entryId: withTwo!.id, position: 0 } });

    const results = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(results.entries.size).toBe(3);
    expect([...results.entries.keys()].sort()).toEqual(s.entries.map((e) => e.id).sort());
    expect(results.entries.get(withTwo!.id)!.authors).toEqual([
      { name: first.name, unit: first.unit },
      { name: "Trần Thị Đồng Tác Giả", unit: "Trường THPT Chu Văn An" },
    ]);
    expect(results.entries.get(withNone!.id)!.authors).toEqual([]);
    // Two authors make one ranked entry, not two.
    expect(results.categories.flatMap((c) => c.ranking.ranked.map((r) => r.entryId)).sort()).toEqual(s.entries.map((e) => e.id).sort());
  });
});
