// The organizer's decisions through the real database: the tie-break chain (locked from judging
// on), a tie group's order (only for flagged groups, only on the ranking the page showed, only if
// it settles the boundary), advancing (statuses of the round, rows of the next round), and what
// the results read: submitted sheets only, the stored totals, identities only when finalizing.
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { nameCollator } from "#app/utils/format";
import { createTestAssignment } from "#tests/factories/rounds";
import { createJudgedContest, createJudgedRound, scoreWith, split } from "#tests/factories/results";
import { canonicalJson } from "./canonical-json";
import { advanceRound, decideTie, saveTieBreak } from "./decisions.server";
import { publishBlockers } from "./publish.server";
import { computeRoundResults } from "./results.server";
import type { TieBreakStep } from "./tie-break.schema";

async function results(contestId: string, roundId: string) {
  return (await computeRoundResults(prisma, contestId, roundId))!;
}

async function writes() {
  const [awards, roundEntries, contests, audits] = await Promise.all([
    prisma.award.findMany({ orderBy: { id: "asc" } }),
    prisma.roundEntry.findMany({ orderBy: { id: "asc" } }),
    prisma.contest.findMany({ orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { awards, roundEntries, contests, audits };
}

describe("what the results read", () => {
  it("counts submitted sheets of active assignments only, by their stored totals, and flags short and pending reads", async () => {
    const s = await createJudgedContest({ entries: 3, points: (i, j) => (i === 2 && j === 2 ? null : 60 + 10 * i + j), phase: "JUDGING" });
    // A draft by the third judge on entry 2, a recused reader's sheet on entry 0, and a stored total
    // that differs from its points: the ranking must follow Scoresheet.total, never recompute it.
    const third = await prisma.assignment.findFirstOrThrow({ where: { roundId: s.round.id, entryId: s.entries[2]!.id, judgeId: s.judges[2]!.id } });
    await scoreWith(third.id, s.rubricVersionId, split(100), { submitted: false });
    const recused = await createTestAssignment(s.round.id, s.panel.id, s.entries[0]!.id, (await prisma.user.create({ data: { name: "Người từ chối", email: "recused@example.test" } })).id, { status: "RECUSED" });
    await scoreWith(recused.id, s.rubricVersionId, split(0));
    const sheet = await prisma.scoresheet.findFirstOrThrow({ where: { assignment: { entryId: s.entries[1]!.id, judgeId: s.judges[0]!.id } } });
    await prisma.scoresheet.update({ where: { id: sheet.id }, data: { total: 99 } });

    const r = await results(s.contest.id, s.round.id);
    const agg = (i: number) => r.aggregates.get(s.entries[i]!.id)!;
    expect([agg(0).reads, agg(0).rawMean]).toEqual([3, 61]);
    expect([agg(1).reads, agg(1).rawMean]).toEqual([3, 80.67]); // (99 + 71 + 72) / 3
    expect([agg(2).reads, agg(2).rawMean]).toEqual([2, 80.5]);
    expect(r.entries.get(s.entries[2]!.id)!.pendingReads).toBe(1);
    expect(r.pendingReads).toBe(1);
    // Blind and still judging: identities are not joined yet.
    expect(r.identified).toBe(false);
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    expect((await results(s.contest.id, s.round.id)).identified).toBe(true);
  });
});

describe("the entries' order", () => {
  it("lists entries by code as people read them (numbers by value, case aside), whatever order the database gives", async () => {
    const codes = ["BTC-010", "BTC-9", "btc-011", "BTC-0100", "A-2", "BTC-009", "BTC-10", "BTC-1a"];
    const s = await createJudgedContest({ entries: codes.length, points: (i) => 60 + i, phase: "JUDGING" });
    for (const [i, e] of s.entries.entries()) await prisma.entry.update({ where: { id: e.id }, data: { entryCode: codes[i] } });
    const r = await results(s.contest.id, s.round.id);
    const expected = [...r.entries.values()].sort((a, b) => nameCollator.compare(a.entryCode!, b.entryCode!) || (a.id < b.id ? -1 : 1)).map((e) => e.entryCode);
    expect([...r.entries.values()].map((e) => e.entryCode)).toEqual(expected);
    expect(expected.slice(0, 2)).toEqual(["A-2", "BTC-1a"]);
  });
});

describe("the sheets' stored summaries", () => {
  it("rank by the chain exactly as the Score rows do, read the rows of a sheet stored without one, and are what is read", async () => {
    // Equal totals (90): the chain (first criterion, then top marks) decides, from per-criterion points.
    const points = [
      [24, 20, 18, 18, 10], // criterion 1: 24, one top mark
      [20, 24, 18, 18, 10], // criterion 1: 20
      [24, 20, 20, 16, 10], // criterion 1: 24, two top marks
    ];
    const s = await createJudgedContest({ entries: 3, points: (i) => points[i]!, phase: "JUDGING" });
    const first = await prisma.criterion.findFirstOrThrow({ where: { rubricVersionId: s.rubricVersionId }, orderBy: { position: "asc" } });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { tieBreak: JSON.stringify([{ kind: "criterion", name: first.name }, { kind: "topMarks" }]) } });
    const order = (r: Awaited<ReturnType<typeof results>>) => r.categories[0]!.ranking.ranked.map((x) => s.entries.findIndex((e) => e.id === x.entryId));

    const stored = await results(s.contest.id, s.round.id);
    expect(order(stored)).toEqual([2, 0, 1]);
    const sheets = await prisma.scoresheet.findMany({ where: { assignment: { roundId: s.round.id } }, orderBy: { id: "asc" } });
    expect(sheets.every((x) => x.topMarks !== null && x.criterionPoints !== null)).toBe(true);

    // The same round with some, then all, sheets stored without a summary: the same results.
    await prisma.scoresheet.updateMany({ where: { id: { in: sheets.filter((_, k) => k % 2 === 0).map((x) => x.id) } }, data: { topMarks: null, criterionPoints: null } });
    expect((await results(s.contest.id, s.round.id)).fingerprint).toBe(stored.fingerprint);
    await prisma.scoresheet.updateMany({ where: { id: { in: sheets.map((x) => x.id) } }, data: { topMarks: null, criterionPoints: null } });
    const fromRows = await results(s.contest.id, s.round.id);
    expect(fromRows.fingerprint).toBe(stored.fingerprint);
    expect(order(fromRows)).toEqual([2, 0, 1]);

    // With summaries the Score rows are not read: a summary giving entry 1 full marks on the first
    // criterion puts it first (the scoring module never writes one that disagrees with its rows).
    for (const sheet of sheets) {
      const assignment = await prisma.assignment.findUniqueOrThrow({ where: { id: sheet.assignmentId } });
      const rows = await prisma.score.findMany({ where: { scoresheetId: sheet.id }, include: { criterion: true } });
      const byId = Object.fromEntries(rows.map((x) => [x.criterionId, x.points]));
      if (assignment.entryId === s.entries[1]!.id) byId[first.id] = 25;
      await prisma.scoresheet.update({ where: { id: sheet.id }, data: { topMarks: rows.filter((x) => byId[x.criterionId]! >= x.criterion.maxPoints).length, criterionPoints: JSON.stringify(byId) } });
    }
    expect(order(await results(s.contest.id, s.round.id))).toEqual([1, 2, 0]);
  });
});

describe("the tie-break chain", () => {
  it("saves a chain of the rubric's criteria before judging, logged, and refuses it afterwards or when stale", async () => {
    const s = await createJudgedContest({ entries: 2, points: () => 80, phase: "CLOSED" });
    const who = { contestId: s.contest.id, actorId: s.organizerId };
    const chain: TieBreakStep[] = [{ kind: "criterion", name: "Tư tưởng, quan điểm" }, { kind: "topMarks" }, { kind: "chair" }];
    expect(await saveTieBreak({ ...who, steps: chain, expected: "[]" })).toEqual({ ok: true, changed: true });
    expect(JSON.parse((await prisma.contest.findUniqueOrThrow({ where: { id: s.contest.id } })).tieBreak)).toEqual(chain);
    const logged = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "contest.tieBreak" } });
    expect(JSON.parse(logged.data)).toEqual({ before: [], after: chain });

    const before = await writes();
    expect(await saveTieBreak({ ...who, steps: [], expected: "[]" })).toEqual({ ok: false, status: "changedMeanwhile" });
    expect(await saveTieBreak({ ...who, steps: [{ kind: "criterion", name: "Không có tiêu chí này" }], expected: canonicalJson(chain) })).toEqual({
      ok: false,
      status: "invalid",
      fieldErrors: { steps: ["results:tieBreak.errors.unknownCriterion"] },
    });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "JUDGING" } });
    const afterPhase = await writes();
    expect(await saveTieBreak({ ...who, steps: [], expected: canonicalJson(chain) })).toEqual({ ok: false, status: "refused", error: "results:tieBreak.errors.locked" });
    expect((await writes()).contests.map((c) => c.tieBreak)).toEqual(afterPhase.contests.map((c) => c.tieBreak));
    expect(before.audits).toBe(afterPhase.audits);
  });
});

describe("deciding a tie", () => {
  // 90, then three at 80 across the Second/Third boundary (Second: positions 2–3).
  const totals = [90, 80, 80, 80, 60];

  it("refuses a group that is not flagged, a stale page, an order that leaves the boundary tied, and the wrong phase", async () => {
    const s = await createJudgedContest({ entries: totals.length, points: (i) => totals[i]! });
    const base = { contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, categoryId: s.categories[0]!.id, reason: "Biên bản số 3" };
    const tied = s.entries.slice(1, 4).map((e) => e.id);
    const fingerprint = (await results(s.contest.id, s.round.id)).fingerprint;
    const before = await writes();
    expect(await decideTie({ ...base, entryIds: [s.entries[0]!.id, s.entries[4]!.id], places: [1, 2], fingerprint })).toEqual({ ok: false, status: "refused", error: "results:errors.stale" });
    expect(await decideTie({ ...base, entryIds: tied, places: [1, 2, 3], fingerprint: "f".repeat(64) })).toEqual({ ok: false, status: "refused", error: "results:errors.stale" });
    // Keeping the first two tied leaves them across the boundary (positions 2–3 are Second, but 3 is taken by a tie with the 4th).
    expect(await decideTie({ ...base, entryIds: tied, places: [2, 2, 1], fingerprint })).toEqual({ ok: false, status: "invalid", fieldErrors: { places: ["results:errors.stillTied"] } });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "PUBLISHED" } });
    expect(await decideTie({ ...base, entryIds: tied, places: [1, 2, 3], fingerprint })).toEqual({ ok: false, status: "refused", error: "results:errors.phaseDecide" });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    const after = await writes();
    expect(after.awards).toEqual(before.awards);
    expect(after.audits).toBe(before.audits);

    // Two first and one after: positions 2–3 are both Second, 4 is Third.
    expect(await decideTie({ ...base, entryIds: tied, places: [1, 1, 2], fingerprint })).toEqual({ ok: true, entries: 3 });
    const decided = await results(s.contest.id, s.round.id);
    const c = decided.categories[0]!;
    expect(c.prizes!.straddles).toEqual([]);
    expect(tied.map((id) => c.ranking.ranked.find((r) => r.entryId === id)!.rank)).toEqual([2, 2, 4]);
    const awards = await prisma.award.findMany({ where: { roundId: s.round.id }, orderBy: { rank: "asc" } });
    expect(awards.map((a) => [a.entryId, a.rank, a.reason])).toEqual([
      [tied[0], 1, "Biên bản số 3"],
      [tied[1], 1, "Biên bản số 3"],
      [tied[2], 2, "Biên bản số 3"],
    ]);
    expect(new Set(awards.map((a) => a.createdAt.getTime())).size).toBe(1);
    const nhi = s.categories[0] && (await prisma.prizeTier.findFirstOrThrow({ where: { categoryId: s.categories[0].id, rank: 2 } }));
    expect(awards.map((a) => a.prizeTierId)).toEqual([nhi!.id, nhi!.id, (await prisma.prizeTier.findFirstOrThrow({ where: { categoryId: s.categories[0]!.id, rank: 3 } })).id]);

    // Deciding again replaces the decision; the log keeps both.
    expect(await decideTie({ ...base, entryIds: tied, places: [3, 1, 1], reason: "Biên bản số 4", fingerprint: decided.fingerprint })).toEqual({ ok: true, entries: 3 });
    expect(await prisma.award.count({ where: { roundId: s.round.id } })).toBe(3);
    const logs = await prisma.auditLog.findMany({ where: { contestId: s.contest.id, action: "results.decideTie" }, orderBy: { id: "asc" } });
    expect(logs.map((l) => JSON.parse(l.data) as { before: unknown; after: { reason: string } }).map((d) => [d.before === null, d.after.reason])).toEqual([
      [true, "Biên bản số 3"],
      [false, "Biên bản số 4"],
    ]);
  });

  it("with the chair's decision declared last, flags every tie and blocks publishing until each is ordered", async () => {
    // Two ties, neither across a boundary: 80, 80 at rank 2 (both Second) and 60, 60 at rank 5 (both consolation).
    const s = await createJudgedContest({ entries: 6, points: (i) => [90, 80, 80, 70, 60, 60][i]! });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { tieBreak: JSON.stringify([{ kind: "topMarks" }, { kind: "chair" }]) } });
    const r = await results(s.contest.id, s.round.id);
    const ties = r.categories[0]!.flaggedTies;
    expect(ties.map((t) => [t.rank, t.reasons])).toEqual([
      [2, ["chair"]],
      [5, ["chair"]],
    ]);
    expect(publishBlockers(r)).toEqual([`results:errors.chairPending|{"count":2}`]);
    const base = { contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, categoryId: s.categories[0]!.id, reason: "Trưởng ban Giám khảo quyết định" };
    // The chair may also keep a tie: equal places are a decision too.
    expect(await decideTie({ ...base, entryIds: ties[0]!.entryIds, places: [1, 1], fingerprint: r.fingerprint })).toEqual({ ok: true, entries: 2 });
    const next = await results(s.contest.id, s.round.id);
    expect(await decideTie({ ...base, entryIds: ties[1]!.entryIds, places: [2, 1], fingerprint: next.fingerprint })).toEqual({ ok: true, entries: 2 });
    const done = await results(s.contest.id, s.round.id);
    expect(publishBlockers(done)).toEqual([]);
    expect(done.categories[0]!.ranking.ranked.map((x) => x.rank)).toEqual([1, 2, 2, 4, 5, 6]);
  });

  it("stops applying a decision once the tie group has changed", async () => {
    const s = await createJudgedContest({ entries: totals.length, points: (i) => totals[i]! });
    const tied = s.entries.slice(1, 4).map((e) => e.id);
    const base = { contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, categoryId: s.categories[0]!.id, reason: "Biên bản" };
    await decideTie({ ...base, entryIds: tied, places: [1, 2, 3], fingerprint: (await results(s.contest.id, s.round.id)).fingerprint });
    // Entry 4 rises to 80 (a sheet reopened and corrected): the group is now four entries.
    await prisma.scoresheet.updateMany({ where: { assignment: { entryId: s.entries[4]!.id } }, data: { total: 80 } });
    const r = await results(s.contest.id, s.round.id);
    const tie = r.categories[0]!.flaggedTies[0]!;
    expect(tie.entryIds).toHaveLength(4);
    expect(tie.decision).toBe("stale");
    expect(r.categories[0]!.prizes!.straddles).toHaveLength(1);
  });
});

describe("advancing", () => {
  async function twoRounds(options: { rule: "TOP_N" | "THRESHOLD" | "MANUAL"; value?: number; totals: number[] }) {
    const s = await createJudgedContest({
      entries: options.totals.length,
      points: (i) => options.totals[i]!,
      phase: "JUDGING",
      advanceRule: options.rule,
      advanceValue: options.value ?? null,
      categories: ["Cán bộ", "Học sinh"],
    });
    const final = await prisma.round.create({ data: { contestId: s.contest.id, position: 2, name: "Chung khảo", rubricVersionId: s.rubricVersionId } });
    return { ...s, final };
  }

  it("TOP_N: the best of each category advance, the rest stop, and the next round gets rows IN without a panel", async () => {
    // Categories alternate: Cán bộ gets entries 0, 2, 4; Học sinh gets 1, 3, 5.
    const s = await twoRounds({ rule: "TOP_N", value: 2, totals: [90, 88, 80, 70, 60, 75] });
    const r = await results(s.contest.id, s.round.id);
    const outcome = await advanceRound({ contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, manual: [], fingerprint: r.fingerprint });
    expect(outcome).toEqual({ ok: true, advanced: 4, eliminated: 2, nextRound: "Chung khảo" });
    const status = async (roundId: string) =>
      Object.fromEntries((await prisma.roundEntry.findMany({ where: { roundId } })).map((re) => [s.entries.findIndex((e) => e.id === re.entryId), [re.status, re.panelId]]));
    expect(await status(s.round.id)).toEqual({
      0: ["ADVANCED", s.panel.id],
      1: ["ADVANCED", s.panel.id],
      2: ["ADVANCED", s.panel.id],
      3: ["ELIMINATED", s.panel.id],
      4: ["ELIMINATED", s.panel.id],
      5: ["ADVANCED", s.panel.id],
    });
    expect(await status(s.final.id)).toEqual({ 0: ["IN", null], 1: ["IN", null], 2: ["IN", null], 5: ["IN", null] });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "round.advance" } });
    expect(JSON.parse(log.data)).toMatchObject({ nextRoundId: s.final.id, rule: "TOP_N", value: 2, before: [], eliminated: 2 });

    // Once the next round has an assignment the list is fixed.
    await createTestAssignment(s.final.id, s.panel.id, s.entries[0]!.id, s.judges[0]!.id);
    const before = await writes();
    const again = await advanceRound({ contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, manual: [], fingerprint: (await results(s.contest.id, s.round.id)).fingerprint });
    expect(again).toEqual({ ok: false, status: "refused", error: "results:errors.nextRoundStarted" });
    expect(await writes()).toEqual(before);
  });

  it("refuses while reads are pending or a tie at the cut is undecided, then applies once it is decided", async () => {
    const s = await twoRounds({ rule: "TOP_N", value: 1, totals: [80, 70, 80, 60] });
    const who = { contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, manual: [] };
    const r = await results(s.contest.id, s.round.id);
    expect(r.advance!.cutTies.map((t) => t.entryIds.length)).toEqual([2]);
    const before = await writes();
    expect(await advanceRound({ ...who, fingerprint: r.fingerprint })).toEqual({ ok: false, status: "refused", error: "results:errors.cutUndecided" });
    expect(await writes()).toEqual(before);

    const cutTie = r.advance!.cutTies[0]!;
    expect(
      await decideTie({ ...who, categoryId: cutTie.categoryId, entryIds: cutTie.entryIds, places: [2, 1], reason: "Trưởng ban quyết định", fingerprint: r.fingerprint }),
    ).toEqual({ ok: true, entries: 2 });
    // A new reader on entry 1 whose sheet is not in yet.
    await createTestAssignment(s.round.id, s.panel.id, s.entries[1]!.id, (await prisma.user.create({ data: { name: "Giám khảo thêm", email: "extra@example.test" } })).id, { source: "EXTRA_READER" });
    const pending = await results(s.contest.id, s.round.id);
    expect(await advanceRound({ ...who, fingerprint: pending.fingerprint })).toEqual({ ok: false, status: "refused", error: `results:errors.readsPending|{"count":1}` });
    await prisma.assignment.updateMany({ where: { source: "EXTRA_READER" }, data: { status: "REMOVED" } });
    const ready = await results(s.contest.id, s.round.id);
    expect(await advanceRound({ ...who, fingerprint: ready.fingerprint })).toMatchObject({ ok: true, advanced: 2 });
    const advanced = await prisma.roundEntry.findMany({ where: { roundId: s.final.id }, select: { entryId: true } });
    // Cán bộ's tie (entries 0 and 2) went to the one placed first by the decision; Học sinh's best is entry 1.
    expect(advanced.map((a) => a.entryId).sort()).toEqual([cutTie.entryIds[1]!, s.entries[1]!.id].sort());
  });

  it("MANUAL: the organizer's list, re-applied when it changes, and refused in the last round", async () => {
    const s = await twoRounds({ rule: "MANUAL", totals: [80, 70, 60] });
    const who = { contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id };
    const ids = s.entries.map((e) => e.id);
    let r = await results(s.contest.id, s.round.id);
    expect(await advanceRound({ ...who, manual: [ids[2]!], fingerprint: r.fingerprint })).toMatchObject({ ok: true, advanced: 1, eliminated: 2 });
    r = await results(s.contest.id, s.round.id);
    expect(await advanceRound({ ...who, manual: [ids[0]!, ids[1]!], fingerprint: r.fingerprint })).toMatchObject({ ok: true, advanced: 2 });
    expect((await prisma.roundEntry.findMany({ where: { roundId: s.final.id } })).map((x) => x.entryId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await advanceRound({ ...who, manual: ["not-an-entry"], fingerprint: (await results(s.contest.id, s.round.id)).fingerprint })).toEqual({
      ok: false,
      status: "invalid",
      fieldErrors: { manual: ["validation.invalid"] },
    });
    const last = await results(s.contest.id, s.final.id);
    expect(await advanceRound({ ...who, roundId: s.final.id, manual: [], fingerprint: last.fingerprint })).toEqual({ ok: false, status: "refused", error: "results:errors.lastRound" });
  });

  it("a later round's ranking uses only its own reads", async () => {
    const s = await twoRounds({ rule: "TOP_N", value: 2, totals: [90, 80, 70, 60, 50, 40] });
    await advanceRound({ contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id, manual: [], fingerprint: (await results(s.contest.id, s.round.id)).fingerprint });
    await prisma.round.delete({ where: { id: s.final.id } });
    const advancing = (await prisma.roundEntry.findMany({ where: { roundId: s.round.id, status: "ADVANCED" }, select: { entryId: true } })).map((x) => x.entryId);
    const { round } = await createJudgedRound(s.contest.id, s.rubricVersionId, advancing, s.judges.map((j) => j.id), { name: "Chung khảo", points: (i) => 60 + i });
    const r = await results(s.contest.id, round.id);
    expect(r.isFinal).toBe(true);
    expect(advancing).toHaveLength(4);
    expect([...r.aggregates.values()].map((a) => a.score).sort()).toEqual([60, 61, 62, 63]);
  });
});
