// A round's results read from the database (results.server.ts): the entries come with their
// authors from one query, one row per author, made into one entry each; each entry's reads come
// packed in one text per entry, unpacked exactly.
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

  it("counts a submitted sheet's exact total, a draft as a pending read and a withdrawn assignment not at all", async () => {
    const s = await createJudgedContest({ entries: 2, points: (entry) => [90, 60][entry]! });
    const [a, b] = s.entries;
    const sheetOf = (entryId: string, judge: number) => prisma.scoresheet.findFirstOrThrow({ where: { assignment: { entryId, judgeId: s.judges[judge]!.id } } });
    // A total no short decimal writes: its text in the packed reads must read back to the same double.
    const third = 200 / 3;
    await prisma.scoresheet.update({ where: { id: (await sheetOf(a!.id, 0)).id }, data: { total: third } });
    await prisma.scoresheet.update({ where: { id: (await sheetOf(b!.id, 1)).id }, data: { status: "DRAFT", submittedAt: null } });
    await prisma.assignment.update({ where: { id: (await sheetOf(b!.id, 2)).assignmentId }, data: { status: "REMOVED" } });

    const results = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    const first = results.aggregates.get(a!.id)!;
    expect(first.reads).toBe(3);
    expect(first.exact.rawMean).toBe((third + 90 + 90) / 3);
    expect(results.reads.find((r) => r.entryId === a!.id && r.judgeId === s.judges[0]!.id)!.total).toBe(third);
    const second = results.aggregates.get(b!.id)!;
    expect(second.reads).toBe(1);
    expect(second.exact.rawMean).toBe(60);
    expect(results.entries.get(b!.id)!.pendingReads).toBe(1);
    expect(results.pendingReads).toBe(1);
    expect(results.reads.filter((r) => r.entryId === b!.id).map((r) => r.judgeId)).toEqual([s.judges[0]!.id]);
  });

  it("without labels decides on the same numbers, reads no titles or authors, and keeps nothing", async () => {
    const s = await createJudgedContest({ entries: 3, points: (entry) => [90, 80, 80][entry]! });
    const lean = (await computeRoundResults(prisma, s.contest.id, s.round.id, { labels: false }))!;
    expect([...lean.entries.values()].map((e) => [e.title, e.authors, e.anonymousCode, e.panelName])).toEqual(s.entries.map(() => ["", [], null, null]));
    // Nothing was kept: the next page reads and computes, with the titles.
    const full = (await computeRoundResults(prisma, s.contest.id, s.round.id))!;
    expect(full).not.toBe(lean);
    expect(full.entries.get(s.entries[0]!.id)!.title).toBe(s.entries[0]!.title);
    expect(lean.fingerprint).toBe(full.fingerprint);
    expect(lean.categories.map((c) => c.ranking.groups)).toEqual(full.categories.map((c) => c.ranking.groups));
    expect([...lean.entries.values()].map((e) => [e.id, e.entryCode, e.status, e.panelId, e.pendingReads])).toEqual(
      [...full.entries.values()].map((e) => [e.id, e.entryCode, e.status, e.panelId, e.pendingReads]),
    );
    // Kept results (which have the labels) are reused while nothing changed, and not after a write.
    expect(await computeRoundResults(prisma, s.contest.id, s.round.id, { labels: false })).toBe(full);
    await prisma.entry.update({ where: { id: s.entries[1]!.id }, data: { title: "Bài đã sửa" } });
    const after = (await computeRoundResults(prisma, s.contest.id, s.round.id, { labels: false }))!;
    expect(after).not.toBe(full);
    expect(after.entries.get(s.entries[1]!.id)!.title).toBe("");
  });
});
