// The statistics read from a small contest's rows, checked against a hand computation: which
// entries, authors and scoresheets count, per day in the contest's time zone, per judge and panel.
import { beforeAll, describe, expect, it } from "vitest";
import { scoresheetTotal } from "#app/modules/scoring/total";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import { getContestStats, type ContestStats } from "./stats.server";

let contestId: string;
let finalRoundId: string;
const judges: Record<string, string> = {};
const NOW = new Date("2026-04-01T00:00:00Z");

/** A scoresheet with these points on the rubric's five criteria, its total computed as the scoring module does. */
async function scored(assignmentId: string, rubricVersionId: string, points: number[], status: "SUBMITTED" | "DRAFT" = "SUBMITTED") {
  const criteria = await prisma.criterion.findMany({ where: { rubricVersionId }, orderBy: { position: "asc" } });
  const byId = Object.fromEntries(criteria.map((c, i) => [c.id, points[i]!]));
  await prisma.scoresheet.create({
    data: {
      assignmentId,
      rubricVersionId,
      status,
      submittedAt: status === "SUBMITTED" ? new Date() : null,
      total: scoresheetTotal(criteria, byId),
      scores: { create: criteria.map((c, i) => ({ criterionId: c.id, points: points[i]! })) },
    },
  });
}

beforeAll(async () => {
  const c = await createTestContest({
    categories: ["Cán bộ, đảng viên", "Đoàn viên, thanh niên"],
    rubric: true,
    phase: "JUDGING",
    closesAt: new Date("2026-03-10T10:00:00Z"), // 17:00 in Hồ Chí Minh City
  });
  contestId = c.contest.id;
  await prisma.contest.update({ where: { id: contestId }, data: { opensAt: new Date("2026-03-01T01:00:00Z") } });
  const cadres = c.categories[0]!;
  const youth = c.categories[1]!;
  const unitsOf: Record<number, string[]> = {
    0: ["UBND xã Phú Sơn"],
    1: ["Ủy ban nhân dân xã Phú Sơn", "Trường THPT Phú Sơn"],
    2: ["UBND xã Phú Sơn"],
    3: ["Trường THPT Phú Sơn"],
    4: ["Công an huyện Phú Sơn"],
    5: ["UBND xã Phú Sơn"], // withdrawn: not counted
    6: ["Trường THCS Trần Phú"], // a draft: not counted
  };
  const authors = (units: string[]) => units.map((unit, k) => ({ name: `Tác giả ${k}`, unit }));
  const e = [];
  for (const [i, status] of (["ELIGIBLE", "ELIGIBLE", "ELIGIBLE", "SUBMITTED", "DISQUALIFIED", "WITHDRAWN", "DRAFT"] as const).entries()) {
    e.push(...(await createTestEntries(contestId, cadres.id, 1, { status, authors: () => authors(unitsOf[i]!) })));
  }
  const f = await createTestEntries(contestId, youth.id, 2, { authors: (i) => authors(i === 0 ? ["THPT Phú Sơn"] : [""]) });
  const submittedAt: [string, string][] = [
    [e[0]!.id, "2026-03-02T16:59:00Z"], // 23:59 on 2 March in Hồ Chí Minh City
    [e[1]!.id, "2026-03-02T17:00:00Z"], // 00:00 on 3 March
    [e[2]!.id, "2026-03-10T09:00:00Z"], // an hour before the deadline
    [e[3]!.id, "2026-03-10T03:00:00Z"],
    [e[4]!.id, "2026-03-08T10:00:00Z"], // two days before
    [e[5]!.id, "2026-03-04T00:00:00Z"],
    [f[0]!.id, "2026-03-10T10:30:00Z"], // in the grace period
    [f[1]!.id, "2026-03-05T00:00:00Z"],
  ];
  for (const [id, at] of submittedAt) await prisma.entry.update({ where: { id }, data: { submittedAt: new Date(at) } });

  // Round 1: panel 1 (A, B, C) reads e1–e4, panel 2 (D, E) reads f1, f2. Round 2 has no sheet yet.
  const round = await createTestRound(contestId, { name: "Sơ khảo", rubricVersionId: c.rubricVersionId });
  finalRoundId = (await createTestRound(contestId, { name: "Chung khảo", rubricVersionId: c.rubricVersionId })).id;
  const p1 = await createTestPanel(round.id, { name: "Tiểu ban 1" });
  const p2 = await createTestPanel(round.id, { name: "Tiểu ban 2" });
  for (const name of ["A", "B", "C", "D", "E"]) judges[name] = (await createTestUser({ name: `Giám khảo ${name}` })).id;
  for (const j of ["A", "B", "C"]) await seatJudge(p1.id, judges[j]!);
  for (const j of ["D", "E"]) await seatJudge(p2.id, judges[j]!);
  await placeEntries(round.id, p1.id, e.slice(0, 4).map((x) => x.id));
  await placeEntries(round.id, p2.id, f.map((x) => x.id));
  const rv = c.rubricVersionId!;
  const read = async (panelId: string, entryId: string, judge: string, points: number[] | null, options: { status?: "SUBMITTED" | "DRAFT"; recused?: boolean } = {}) => {
    const a = await createTestAssignment(round.id, panelId, entryId, judges[judge]!, { status: options.recused ? "RECUSED" : "ACTIVE" });
    if (points) await scored(a.id, rv, points, options.status);
  };
  await read(p1.id, e[0]!.id, "A", [17, 17, 14, 14, 8]); // 70
  await read(p1.id, e[0]!.id, "B", [20, 20, 16, 16, 8]); // 80
  await read(p1.id, e[0]!.id, "C", [22, 22, 18, 18, 10]); // 90
  await read(p1.id, e[1]!.id, "A", [15, 15, 12, 12, 6]); // 60
  await read(p1.id, e[1]!.id, "B", [17, 18, 14, 14, 7]); // 70
  await read(p1.id, e[1]!.id, "C", [16, 16, 13, 13, 7]); // 65
  await read(p1.id, e[2]!.id, "A", [12, 13, 10, 10, 5]); // 50
  await read(p1.id, e[2]!.id, "B", [14, 14, 11, 11, 5]); // 55
  await read(p1.id, e[2]!.id, "C", [15, 15, 12, 12, 6]); // 60
  await read(p1.id, e[3]!.id, "A", [20, 20, 16, 16, 8]); // 80, the only submitted sheet of e4
  await read(p1.id, e[3]!.id, "B", [1, 1, 1, 1, 1], { status: "DRAFT" }); // a draft: not counted
  await read(p1.id, e[3]!.id, "C", [0, 0, 0, 0, 0], { recused: true }); // a recused reader's sheet: not counted
  await read(p2.id, f[0]!.id, "D", [18, 18, 14, 14, 6]); // 70
  await read(p2.id, f[0]!.id, "E", [20, 20, 15, 15, 5]); // 75
  await read(p2.id, f[1]!.id, "D", [10, 10, 8, 8, 4]); // 40
  await read(p2.id, f[1]!.id, "E", [12, 12, 10, 10, 6]); // 50
});

async function stats(options: { scoring?: boolean; roundId?: string } = {}): Promise<ContestStats> {
  return (await getContestStats({ contestId, scoring: options.scoring ?? true, roundId: options.roundId, now: NOW }))!;
}

describe("participation", () => {
  it("counts received entries by category and status, drafts and withdrawn apart", async () => {
    const { participation } = await stats({ scoring: false });
    expect(participation.totals).toEqual({ received: 7, eligible: 5, awaiting: 1, disqualified: 1, withdrawn: 1, drafts: 1 });
    expect(participation.categories.map((c) => [c.name, c.received, c.eligible, c.awaiting, c.disqualified])).toEqual([
      ["Cán bộ, đảng viên", 5, 3, 1, 1],
      ["Đoàn viên, thanh niên", 2, 2, 0, 0],
    ]);
  });

  it("counts the authors' units of received entries, whatever their spelling", async () => {
    const { units } = (await stats({ scoring: false })).participation;
    // e2's co-authors count for both of their units; the withdrawn and draft entries not at all.
    expect(units.top).toEqual([
      { key: "thpt phu son", label: "Trường THPT Phú Sơn", entries: 3 },
      { key: "ubnd xa phu son", label: "UBND xã Phú Sơn", entries: 3 },
      { key: "cong an huyen phu son", label: "Công an huyện Phú Sơn", entries: 1 },
    ]);
    expect(units).toMatchObject({ units: 3, withoutUnit: 1 });
  });

  it("counts per day of the contest's clock from the opening to the deadline, and the last days before it", async () => {
    const { timeline, surge } = (await stats({ scoring: false })).participation;
    expect(timeline.days.map((d) => [d.day.slice(5), d.count])).toEqual([
      ["03-01", 0],
      ["03-02", 1],
      ["03-03", 1],
      ["03-04", 0],
      ["03-05", 1],
      ["03-06", 0],
      ["03-07", 0],
      ["03-08", 1],
      ["03-09", 0],
      ["03-10", 3],
    ]);
    expect(timeline.days.at(-1)!.cumulative).toBe(7);
    expect(timeline.deadlineDay).toBe("2026-03-10");
    expect(surge).toEqual({ total: 7, lastDay: 2, lastThreeDays: 3, lastWeek: 4, late: 1 });
  });
});

describe("judging", () => {
  it("is left out for those who may not see scores", async () => {
    expect((await stats({ scoring: false })).scoring).toBeNull();
  });

  it("reads the last round with a submitted sheet, only submitted sheets of active assignments", async () => {
    const { scoring } = await stats();
    expect(scoring!.rounds.map((r) => r.name)).toEqual(["Sơ khảo", "Chung khảo"]);
    expect(scoring!.round).toMatchObject({ name: "Sơ khảo", scaleMax: 100, assigned: 15, submitted: 14, entriesScored: 6 });
  });

  it("gives each judge's totals and deviation from co-readers (hand computation)", async () => {
    const round = (await stats()).scoring!.round!;
    const [p1, p2] = round.panels;
    expect(p1!.name).toBe("Tiểu ban 1");
    // A: 70, 60, 50, 80 → Q1 57.5, Q3 72.5. Deviations: e1 70 − (80 + 90)/2 = −15, e2 60 − 67.5,
    // e3 50 − 57.5 (e4 has no co-reader): −10 over 3. B: 0, +7.5, 0. C: +15, 0, +7.5. Harshest first.
    expect(p1!.judges.map((j) => [j.name, j.totals.count, j.deviation?.mean, j.deviation?.entries])).toEqual([
      ["Giám khảo A", 4, -10, 3],
      ["Giám khảo B", 3, 2.5, 3],
      ["Giám khảo C", 3, 7.5, 3],
    ]);
    expect(p1!.judges[0]!.totals).toMatchObject({ mean: 65, median: 65, q1: 57.5, q3: 72.5, min: 50, max: 80 });
    expect(p2!.judges.map((j) => [j.name, j.deviation?.mean])).toEqual([
      ["Giám khảo D", -7.5],
      ["Giám khảo E", 7.5],
    ]);
  });

  it("measures agreement per panel and over the round (hand computation)", async () => {
    const round = (await stats()).scoring!.round!;
    const [p1, p2] = round.panels;
    // Panel 1 on e1–e3: means 80, 65, 55, grand mean 200/3: SSB = 950 so MSB = 475; SSW = 200 + 50 + 50
    // so MSW = 50; ICC(1) = (475 − 50)/(475 + 2·50) = 17/23, ICC(1,k) = 425/475. All three judges rank
    // e1 > e2 > e3: W = 1.
    expect(p1!.agreement).toMatchObject({ entriesScored: 4, entriesShared: 3, wJudges: ["Giám khảo A", "Giám khảo B", "Giám khảo C"] });
    expect(p1!.agreement.icc!.single).toBeCloseTo(17 / 23, 12);
    expect(p1!.agreement.icc!.average).toBeCloseTo(425 / 475, 12);
    expect(p1!.agreement.w).toMatchObject({ w: 1, judges: 3, entries: 3 });
    // Panel 2 has two entries: not enough data.
    expect(p2!.agreement).toMatchObject({ entriesShared: 2, icc: null, w: null });
    // The round: five entries (sizes 3, 3, 3, 2, 2), MSB = 48875/104, MSW = 725/16, k₀ = 67/26.
    expect(round.agreement!.single).toBeCloseTo(7066 / 9009, 12);
    expect(round.agreement).toMatchObject({ entries: 5, scores: 13 });
  });

  it("averages each criterion over the submitted sheets as a share of its maximum", async () => {
    const { criteria } = (await stats()).scoring!.round!;
    // Criterion 1 (out of 25): 64 (A) + 51 (B) + 53 (C) + 28 (D) + 32 (E) = 228 over 14 sheets.
    expect(criteria.map((c) => [c.maxPoints, c.count])).toEqual([
      [25, 14],
      [25, 14],
      [20, 14],
      [20, 14],
      [10, 14],
    ]);
    expect(criteria[0]!.mean).toBeCloseTo(228 / 14, 12);
    expect(criteria[0]!.share).toBeCloseTo(228 / 14 / 25, 12);
    expect(criteria[4]!.mean).toBeCloseTo(91 / 14, 12);
  });

  it("reads the round asked for, and nothing for a round of another contest", async () => {
    const final = await stats({ roundId: finalRoundId });
    expect(final.scoring!.round).toMatchObject({ name: "Chung khảo", submitted: 0, assigned: 0, panels: [], agreement: null });
    const other = await createTestContest();
    const foreign = await createTestRound(other.contest.id);
    expect(await getContestStats({ contestId, scoring: true, roundId: foreign.id })).toBeNull();
    expect(await getContestStats({ contestId: "khong-co", scoring: true })).toBeNull();
  });

  it("answers an empty contest with zeros and no round", async () => {
    const empty = await createTestContest({ categories: ["Cán bộ"] });
    const r = (await getContestStats({ contestId: empty.contest.id, scoring: true, now: NOW }))!;
    expect(r.participation).toMatchObject({ totals: { received: 0 }, units: { top: [], units: 0 }, timeline: { days: [], deadlineDay: null }, surge: null });
    expect(r.scoring).toEqual({ rounds: [], round: null });
  });
});
