// The results stamp's triggers (migration results_stamp, docs/decisions/0033-round-results-cache.md):
// any INSERT, UPDATE or DELETE of a row that a round's results are computed from sets the token
// of that row's contest to NULL and leaves every other contest's token as it was. Each test
// builds what it needs in two contests, sets both stamps, makes one write in contest A and
// reads both tokens back. The same file runs on SQLite and on PostgreSQL (npm run test:pg).
import { beforeAll, describe, expect, it } from "vitest";
import { lockContest } from "#app/modules/contests/lock.server";
import { databaseKind, prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";

/** Every table whose writes clear the stamp, as the migration lists them. */
const TABLES = [
  "Round",
  "Category",
  "Rubric",
  "Entry",
  "PrizeTier",
  "RubricVersion",
  "Criterion",
  "EntryAuthor",
  "RoundEntry",
  "Panel",
  "Assignment",
  "Award",
  "Scoresheet",
  "Score",
] as const;

/** A contest with a row in every table the results read, plus a judge and a submitter. */
async function world(title: string) {
  const { contest, categories, rubricVersionId } = await createTestContest({ title, categories: ["Học sinh"], rubric: true, phase: "JUDGING" });
  const category = categories[0]!;
  const rubricVersion = await prisma.rubricVersion.findUniqueOrThrow({ where: { id: rubricVersionId! }, include: { criteria: { orderBy: { position: "asc" } } } });
  const round = await createTestRound(contest.id, { rubricVersionId: rubricVersion.id, readsPerEntry: 1 });
  const panel = await createTestPanel(round.id);
  const judge = await createTestUser({ name: `Giám khảo ${title}` });
  await seatJudge(panel.id, judge.id);
  const submitter = await createTestUser({ name: `Tác giả ${title}` });
  const entries = await createTestEntries(contest.id, category.id, 3, { submitterId: submitter.id });
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  const assignment = await createTestAssignment(round.id, panel.id, entries[0]!.id, judge.id);
  const criterion = rubricVersion.criteria[0]!;
  const sheet = await prisma.scoresheet.create({
    data: { assignmentId: assignment.id, rubricVersionId: rubricVersion.id, status: "SUBMITTED", total: 10, scores: { create: { criterionId: criterion.id, points: 10 } } },
  });
  const tier = await prisma.prizeTier.findFirstOrThrow({ where: { categoryId: category.id }, orderBy: { rank: "asc" } });
  await prisma.award.create({ data: { roundId: round.id, categoryId: category.id, entryId: entries[0]!.id, prizeTierId: tier.id, rank: 1 } });
  return { contest, category, rubricId: rubricVersion.rubricId, rubricVersion, criteria: rubricVersion.criteria, round, panel, judge, submitter, entries, assignment, sheet, tier };
}
type World = Awaited<ReturnType<typeof world>>;

let a: World;
let b: World;
beforeAll(async () => {
  a = await world("Cuộc thi A");
  b = await world("Cuộc thi B");
});

async function setStamps() {
  for (const [w, token] of [[a, "token-a"], [b, "token-b"]] as const) {
    await prisma.resultsStamp.upsert({ where: { contestId: w.contest.id }, create: { contestId: w.contest.id, token }, update: { token } });
  }
}

async function tokens() {
  const rows = await prisma.resultsStamp.findMany({ where: { contestId: { in: [a.contest.id, b.contest.id] } } });
  const of = (w: World) => rows.find((r) => r.contestId === w.contest.id)?.token;
  return { a: of(a), b: of(b) };
}

/** The tokens after `write`, made with both stamps set. */
async function after(write: () => Promise<unknown>) {
  await setStamps();
  await write();
  return tokens();
}

const CLEARS_A = { a: null, b: "token-b" };
const CLEARS_BOTH = { a: null, b: null };
const KEEPS = { a: "token-a", b: "token-b" };

let n = 0;
const unique = () => `${Date.now().toString(36)}-${++n}`;

/** A fresh entry of contest A (with an author), not yet in any round. */
async function spareEntry() {
  return (await createTestEntries(a.contest.id, a.category.id, 1, { submitterId: a.submitter.id, prefix: `X${++n}-` }))[0]!;
}

/** A fresh active assignment of contest A's round, on a fresh judge. */
async function spareAssignment() {
  const judge = await createTestUser();
  return createTestAssignment(a.round.id, a.panel.id, a.entries[1]!.id, judge.id);
}

/** Makes what a write needs (before the stamps are set) and returns the write, which touches the one table only. */
type Prepare = () => Promise<() => Promise<unknown>>;

/** Per table: a row of contest A inserted, updated and deleted. */
const cases: Record<(typeof TABLES)[number], { insert: Prepare; update: Prepare; remove: Prepare }> = {
  Round: {
    insert: async () => () => prisma.round.create({ data: { contestId: a.contest.id, position: 100 + ++n, name: `Vòng ${unique()}` } }),
    update: async () => () => prisma.round.update({ where: { id: a.round.id }, data: { readsPerEntry: { increment: 1 } } }),
    remove: async () => {
      const round = await prisma.round.create({ data: { contestId: a.contest.id, position: 100 + ++n, name: `Vòng ${unique()}` } });
      return () => prisma.round.delete({ where: { id: round.id } });
    },
  },
  Category: {
    insert: async () => () => prisma.category.create({ data: { contestId: a.contest.id, name: `Đối tượng ${unique()}` } }),
    update: async () => () => prisma.category.update({ where: { id: a.category.id }, data: { position: { increment: 1 } } }),
    remove: async () => {
      const category = await prisma.category.create({ data: { contestId: a.contest.id, name: `Đối tượng ${unique()}` } });
      return () => prisma.category.delete({ where: { id: category.id } });
    },
  },
  Rubric: {
    insert: async () => () => prisma.rubric.create({ data: { contestId: a.contest.id, name: `Thang điểm ${unique()}` } }),
    update: async () => () => prisma.rubric.update({ where: { id: a.rubricId }, data: { name: `Thang điểm ${unique()}` } }),
    remove: async () => {
      const rubric = await prisma.rubric.create({ data: { contestId: a.contest.id, name: `Thang điểm ${unique()}` } });
      return () => prisma.rubric.delete({ where: { id: rubric.id } });
    },
  },
  Entry: {
    insert: async () => () =>
      prisma.entry.create({ data: { contestId: a.contest.id, categoryId: a.category.id, submitterId: a.submitter.id, title: `Bài ${unique()}`, status: "ELIGIBLE" } }),
    update: async () => () => prisma.entry.update({ where: { id: a.entries[2]!.id }, data: { title: `Bài ${unique()}` } }),
    remove: async () => {
      const entry = await spareEntry();
      return () => prisma.entry.delete({ where: { id: entry.id } });
    },
  },
  PrizeTier: {
    insert: async () => () => prisma.prizeTier.create({ data: { categoryId: a.category.id, rank: 100 + ++n, name: "Giải phụ", count: 1 } }),
    update: async () => () => prisma.prizeTier.update({ where: { id: a.tier.id }, data: { count: { increment: 1 } } }),
    remove: async () => {
      const tier = await prisma.prizeTier.create({ data: { categoryId: a.category.id, rank: 100 + ++n, name: "Giải phụ", count: 1 } });
      return () => prisma.prizeTier.delete({ where: { id: tier.id } });
    },
  },
  RubricVersion: {
    insert: async () => () => prisma.rubricVersion.create({ data: { rubricId: a.rubricId, version: 100 + ++n } }),
    update: async () => () => prisma.rubricVersion.update({ where: { id: a.rubricVersion.id }, data: { lockedAt: new Date() } }),
    remove: async () => {
      const version = await prisma.rubricVersion.create({ data: { rubricId: a.rubricId, version: 100 + ++n } });
      return () => prisma.rubricVersion.delete({ where: { id: version.id } });
    },
  },
  Criterion: {
    insert: async () => () => prisma.criterion.create({ data: { rubricVersionId: a.rubricVersion.id, position: 100 + ++n, name: `Tiêu chí ${unique()}`, maxPoints: 5 } }),
    update: async () => () => prisma.criterion.update({ where: { id: a.criteria[1]!.id }, data: { name: `Tiêu chí ${unique()}` } }),
    remove: async () => {
      const criterion = await prisma.criterion.create({ data: { rubricVersionId: a.rubricVersion.id, position: 100 + ++n, name: `Tiêu chí ${unique()}`, maxPoints: 5 } });
      return () => prisma.criterion.delete({ where: { id: criterion.id } });
    },
  },
  EntryAuthor: {
    insert: async () => () => prisma.entryAuthor.create({ data: { entryId: a.entries[1]!.id, position: 100 + ++n, name: "Đồng tác giả" } }),
    update: async () => {
      const author = await prisma.entryAuthor.findFirstOrThrow({ where: { entryId: a.entries[1]!.id, position: 0 } });
      return () => prisma.entryAuthor.update({ where: { id: author.id }, data: { unit: `Đơn vị ${unique()}` } });
    },
    remove: async () => {
      const author = await prisma.entryAuthor.create({ data: { entryId: a.entries[1]!.id, position: 100 + ++n, name: "Đồng tác giả" } });
      return () => prisma.entryAuthor.delete({ where: { id: author.id } });
    },
  },
  RoundEntry: {
    insert: async () => {
      const entry = await spareEntry();
      return () => placeEntries(a.round.id, a.panel.id, [entry.id]);
    },
    update: async () => () => prisma.roundEntry.update({ where: { roundId_entryId: { roundId: a.round.id, entryId: a.entries[2]!.id } }, data: { status: "ADVANCED" } }),
    remove: async () => {
      const entry = await spareEntry();
      await placeEntries(a.round.id, a.panel.id, [entry.id]);
      return () => prisma.roundEntry.delete({ where: { roundId_entryId: { roundId: a.round.id, entryId: entry.id } } });
    },
  },
  Panel: {
    insert: async () => () => createTestPanel(a.round.id, { name: `Tiểu ban ${unique()}` }),
    update: async () => () => prisma.panel.update({ where: { id: a.panel.id }, data: { name: `Tiểu ban ${unique()}` } }),
    remove: async () => {
      const panel = await createTestPanel(a.round.id, { name: `Tiểu ban ${unique()}` });
      return () => prisma.panel.delete({ where: { id: panel.id } });
    },
  },
  Assignment: {
    insert: async () => {
      const judge = await createTestUser();
      return () => createTestAssignment(a.round.id, a.panel.id, a.entries[1]!.id, judge.id);
    },
    update: async () => () => prisma.assignment.update({ where: { id: a.assignment.id }, data: { source: "MANUAL" } }),
    remove: async () => {
      const assignment = await spareAssignment();
      return () => prisma.assignment.delete({ where: { id: assignment.id } });
    },
  },
  Award: {
    insert: async () => () => prisma.award.create({ data: { roundId: a.round.id, categoryId: a.category.id, entryId: a.entries[1]!.id, rank: 2 } }),
    update: async () => () => prisma.award.updateMany({ where: { roundId: a.round.id, entryId: a.entries[0]!.id }, data: { reason: `Lý do ${unique()}` } }),
    remove: async () => {
      const entry = await spareEntry();
      const award = await prisma.award.create({ data: { roundId: a.round.id, categoryId: a.category.id, entryId: entry.id, rank: 3 } });
      return () => prisma.award.delete({ where: { id: award.id } });
    },
  },
  Scoresheet: {
    insert: async () => {
      const assignment = await spareAssignment();
      return () => prisma.scoresheet.create({ data: { assignmentId: assignment.id, rubricVersionId: a.rubricVersion.id } });
    },
    update: async () => () => prisma.scoresheet.update({ where: { id: a.sheet.id }, data: { total: { increment: 1 } } }),
    remove: async () => {
      const sheet = await prisma.scoresheet.create({ data: { assignmentId: (await spareAssignment()).id, rubricVersionId: a.rubricVersion.id } });
      return () => prisma.scoresheet.delete({ where: { id: sheet.id } });
    },
  },
  Score: {
    insert: async () => () => prisma.score.create({ data: { scoresheetId: a.sheet.id, criterionId: a.criteria[2]!.id, points: 3 } }),
    update: async () => () => prisma.score.update({ where: { scoresheetId_criterionId: { scoresheetId: a.sheet.id, criterionId: a.criteria[0]!.id } }, data: { points: 9 } }),
    remove: async () => {
      await prisma.score.create({ data: { scoresheetId: a.sheet.id, criterionId: a.criteria[3]!.id, points: 4 } });
      return () => prisma.score.delete({ where: { scoresheetId_criterionId: { scoresheetId: a.sheet.id, criterionId: a.criteria[3]!.id } } });
    },
  },
};

describe.each(TABLES)("%s", (table) => {
  for (const [event, what] of [["insert", "an insert"], ["update", "an update"], ["remove", "a delete"]] as const) {
    it(`${what} of a row of contest A clears A's token and leaves B's`, async () => {
      const write = await cases[table][event]();
      expect(await after(write)).toEqual(CLEARS_A);
    });
  }
});

describe("Contest", () => {
  it("an update of a column the results read clears its own token only", async () => {
    expect(await after(() => prisma.contest.update({ where: { id: a.contest.id }, data: { title: `Cuộc thi A ${unique()}` } }))).toEqual(CLEARS_A);
    expect(await after(() => prisma.contest.update({ where: { id: a.contest.id }, data: { tieBreak: "[]" } }))).toEqual(CLEARS_A);
    expect(await after(() => prisma.contest.update({ where: { id: a.contest.id }, data: { showScoresInResults: true } }))).toEqual(CLEARS_A);
  });
  it("lockContest's no-op update and an update of other columns leave the token set", async () => {
    expect(await after(() => prisma.$transaction((tx) => lockContest(tx, a.contest.id)))).toEqual(KEEPS);
    expect(await after(() => prisma.contest.update({ where: { id: a.contest.id }, data: { version: { increment: 1 } } }))).toEqual(KEEPS);
    expect(await after(() => prisma.contest.update({ where: { id: a.contest.id }, data: { description: "Mô tả mới", entryCodeSeq: { increment: 1 } } }))).toEqual(KEEPS);
  });
});

describe("User", () => {
  it("renaming a user clears every contest's token", async () => {
    expect(await after(() => prisma.user.update({ where: { id: a.judge.id }, data: { name: `Giám khảo ${unique()}` } }))).toEqual(CLEARS_BOTH);
  });
  it("an update of other columns, or a new user, leaves the tokens set", async () => {
    expect(await after(() => prisma.user.update({ where: { id: a.judge.id }, data: { unit: "Trường khác", phone: "0900000000" } }))).toEqual(KEEPS);
    expect(await after(() => createTestUser())).toEqual(KEEPS);
  });
});

describe("bulk writes, moves and cascades", () => {
  it("one UPDATE of many RoundEntry rows of A (as the advance action writes) clears A only", async () => {
    const entries = await createTestEntries(a.contest.id, a.category.id, 40, { submitterId: a.submitter.id, prefix: `B${++n}-` });
    await placeEntries(a.round.id, a.panel.id, entries.map((e) => e.id));
    const changed = await after(() => prisma.$executeRaw`UPDATE "RoundEntry" SET "status" = 'ELIMINATED' WHERE "roundId" = ${a.round.id}`);
    expect(changed).toEqual(CLEARS_A);
    expect(await prisma.roundEntry.count({ where: { roundId: a.round.id, status: "ELIMINATED" } })).toBeGreaterThanOrEqual(43);
  });
  it("a write that clears nothing leaves the tokens set: an UPDATE of no row, a contest without a stamp row", async () => {
    expect(await after(() => prisma.$executeRaw`UPDATE "RoundEntry" SET "status" = 'IN' WHERE "roundId" = ${"no-such-round"}`)).toEqual(KEEPS);
    const { contest } = await createTestContest({ categories: ["Sinh viên"] });
    expect(await after(() => prisma.category.create({ data: { contestId: contest.id, name: "Giáo viên" } }))).toEqual(KEEPS);
    // PostgreSQL's triggers make the row (to lock it), with no token.
    expect((await prisma.resultsStamp.findUnique({ where: { contestId: contest.id } }))?.token ?? null).toBeNull();
  });
  it("an update that moves a row from contest A to contest B clears both", async () => {
    const panel = await createTestPanel(a.round.id, { name: `Tiểu ban ${unique()}` });
    expect(await after(() => prisma.panel.update({ where: { id: panel.id }, data: { roundId: b.round.id } }))).toEqual(CLEARS_BOTH);
    const author = await prisma.entryAuthor.create({ data: { entryId: a.entries[2]!.id, position: 200 + ++n, name: "Đồng tác giả" } });
    expect(await after(() => prisma.entryAuthor.update({ where: { id: author.id }, data: { entryId: b.entries[2]!.id } }))).toEqual(CLEARS_BOTH);
    const rubric = await prisma.rubric.create({ data: { contestId: a.contest.id, name: `Thang điểm ${unique()}` } });
    expect(await after(() => prisma.rubric.update({ where: { id: rubric.id }, data: { contestId: b.contest.id } }))).toEqual(CLEARS_BOTH);
    // Back from B to A: the old row's contest is B.
    expect(await after(() => prisma.rubric.update({ where: { id: rubric.id }, data: { contestId: a.contest.id } }))).toEqual(CLEARS_BOTH);
  });
  it("an update that moves a row away from contest A clears A's token also when the new contest's is already cleared", async () => {
    const onlyA = async (write: () => Promise<unknown>) => {
      await setStamps();
      await prisma.resultsStamp.update({ where: { contestId: b.contest.id }, data: { token: null } });
      await write();
      return tokens();
    };
    const panel = await createTestPanel(a.round.id, { name: `Tiểu ban ${unique()}` });
    expect(await onlyA(() => prisma.panel.update({ where: { id: panel.id }, data: { roundId: b.round.id } }))).toEqual(CLEARS_BOTH);
    const entry = await spareEntry();
    await placeEntries(a.round.id, a.panel.id, [entry.id]);
    expect(await onlyA(() => prisma.roundEntry.updateMany({ where: { entryId: entry.id }, data: { roundId: b.round.id } }))).toEqual(CLEARS_BOTH);
    const rubric = await prisma.rubric.create({ data: { contestId: a.contest.id, name: `Thang điểm ${unique()}` } });
    expect(await onlyA(() => prisma.rubric.update({ where: { id: rubric.id }, data: { contestId: b.contest.id } }))).toEqual(CLEARS_BOTH);
    const sheet = await prisma.scoresheet.create({ data: { assignmentId: (await spareAssignment()).id, rubricVersionId: a.rubricVersion.id } });
    const judge = await createTestUser();
    const elsewhere = await createTestAssignment(b.round.id, b.panel.id, b.entries[1]!.id, judge.id);
    expect(await onlyA(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { assignmentId: elsewhere.id } }))).toEqual(CLEARS_BOTH);
  });
  it("deleting a round, an entry or a category with all that hangs from it clears A only", async () => {
    const round = await createTestRound(a.contest.id, { rubricVersionId: a.rubricVersion.id });
    const panel = await createTestPanel(round.id);
    const entry = await spareEntry();
    await placeEntries(round.id, panel.id, [entry.id]);
    const assignment = await createTestAssignment(round.id, panel.id, entry.id, a.judge.id);
    await prisma.scoresheet.create({
      data: { assignmentId: assignment.id, rubricVersionId: a.rubricVersion.id, total: 5, scores: { create: { criterionId: a.criteria[0]!.id, points: 5 } } },
    });
    await prisma.award.create({ data: { roundId: round.id, categoryId: a.category.id, entryId: entry.id, rank: 1 } });
    expect(await after(() => prisma.round.delete({ where: { id: round.id } }))).toEqual(CLEARS_A);
    expect(await prisma.assignment.count({ where: { roundId: round.id } })).toBe(0);

    const judged = await spareEntry();
    await placeEntries(a.round.id, a.panel.id, [judged.id]);
    const sheet = await createTestAssignment(a.round.id, a.panel.id, judged.id, a.judge.id);
    await prisma.scoresheet.create({ data: { assignmentId: sheet.id, rubricVersionId: a.rubricVersion.id, scores: { create: { criterionId: a.criteria[0]!.id, points: 1 } } } });
    expect(await after(() => prisma.entry.delete({ where: { id: judged.id } }))).toEqual(CLEARS_A);
    expect(await prisma.roundEntry.count({ where: { entryId: judged.id } })).toBe(0);

    const category = await prisma.category.create({ data: { contestId: a.contest.id, name: `Đối tượng ${unique()}`, prizeTiers: { create: { rank: 1, name: "Nhất", count: 1 } } } });
    await createTestPanel(a.round.id, { name: `Tiểu ban ${unique()}`, categoryId: category.id });
    expect(await after(() => prisma.category.delete({ where: { id: category.id } }))).toEqual(CLEARS_A);
  });
  it("deleting contest A deletes its stamp and leaves B's set", async () => {
    // No scoresheets: on PostgreSQL a contest's cascade reaches a sheet's rubric version before the sheet.
    const other = await createTestContest({ title: "Cuộc thi C", categories: ["Học sinh"], rubric: true });
    const round = await createTestRound(other.contest.id, { rubricVersionId: other.rubricVersionId });
    const entries = await createTestEntries(other.contest.id, other.categories[0]!.id, 2);
    await placeEntries(round.id, (await createTestPanel(round.id)).id, entries.map((e) => e.id));
    await prisma.resultsStamp.upsert({ where: { contestId: other.contest.id }, create: { contestId: other.contest.id, token: "token-c" }, update: { token: "token-c" } });
    await setStamps();
    await prisma.contest.delete({ where: { id: other.contest.id } });
    expect(await prisma.resultsStamp.count({ where: { contestId: other.contest.id } })).toBe(0);
    expect(await tokens()).toEqual(KEEPS);
  });
});

// PostgreSQL only: SQLite has one writer at a time (another instance's token write waits for the
// database's write lock), and in one process Prisma's SQLite adapter runs this process's queries on
// one connection, so there is no second writer to hold back here.
describe.skipIf(databaseKind() !== "postgresql")("a writer's open transaction", () => {
  it("holds back a token written meanwhile, also when the token was already cleared, until it commits", async () => {
    await setStamps();
    await prisma.resultsStamp.update({ where: { contestId: a.contest.id }, data: { token: null } });
    let written = false;
    let upsert: Promise<unknown> | undefined;
    await prisma.$transaction(async (tx) => {
      await tx.score.update({ where: { scoresheetId_criterionId: { scoresheetId: a.sheet.id, criterionId: a.criteria[0]!.id } }, data: { points: 8 } });
      // The server, seeing no token, writes a new one before reading the inputs.
      upsert = prisma.resultsStamp
        .upsert({ where: { contestId: a.contest.id }, create: { contestId: a.contest.id, token: "token-new" }, update: { token: "token-new" } })
        .then(() => (written = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(written).toBe(false);
    });
    await upsert;
    // Written after the commit: its reads see the writer's rows.
    expect(await tokens()).toEqual({ a: "token-new", b: "token-b" });
  });
});

describe("the triggers", () => {
  it("are all in the database, one per table and event (a migration that redefines a table must create its triggers again)", async () => {
    const rows =
      databaseKind() === "postgresql"
        ? await prisma.$queryRaw<{ name: string }[]>`SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%results_stale%'`
        : await prisma.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%results_stale%'`;
    const expected = ["Contest_results_stale_update", "User_results_stale_update", ...TABLES.flatMap((t) => ["insert", "update", "delete"].map((e) => `${t}_results_stale_${e}`))];
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });
});
