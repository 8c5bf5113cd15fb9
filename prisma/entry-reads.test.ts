// The packed reads per round and entry (migration entry_reads, docs/decisions/0034-entry-reads.md):
// after every kind of write to Assignment and Scoresheet, the whole "EntryReads" table equals what
// the grouped SELECT computes from the tables at that moment, only the pairs the write concerns
// changed, and a few hand-built cases hold the exact text. Two contests, two rounds in the first:
// a write in one leaves the others' rows as they were. The same file runs on SQLite and on
// PostgreSQL (npm run test:pg).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind, prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries } from "#tests/factories/rounds";

const RS = "\x1e";
const US = "\x1f";

interface Row {
  roundId: string;
  entryId: string;
  reads: string;
}

const pg = () => databaseKind() === "postgresql";

/** The grouped SELECT of the migration, in the database's dialect, over every round. */
async function computed(): Promise<Row[]> {
  const rows = pg()
    ? await prisma.$queryRawUnsafe<Row[]>(`
      SELECT a."roundId", a."entryId", string_agg(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
          THEN chr(31) || s."total"::text || chr(31) || COALESCE(s."topMarks"::text, '') || chr(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
        chr(30) ORDER BY a."judgeId" COLLATE "C") AS "reads"
      FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
      WHERE a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId"`)
    : await prisma.$queryRawUnsafe<Row[]>(`
      SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
          THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
        char(30) ORDER BY a."judgeId") AS "reads"
      FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
      WHERE a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId"`);
  return sorted(rows);
}

/** The table as the triggers left it. */
async function table(): Promise<Row[]> {
  return sorted(await prisma.$queryRaw<Row[]>`SELECT "roundId", "entryId", "reads" FROM "EntryReads"`);
}

const key = (r: { roundId: string; entryId: string }) => `${r.roundId} ${r.entryId}`;
const byBytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
function sorted(rows: Row[]) {
  return rows.map((r) => ({ roundId: r.roundId, entryId: r.entryId, reads: r.reads })).sort((x, y) => byBytes(key(x), key(y)));
}

/** The pairs whose row was added, removed or changed between two readings of the table. */
function changedPairs(before: Row[], after: Row[]) {
  const was = new Map(before.map((r) => [key(r), r.reads]));
  const is = new Map(after.map((r) => [key(r), r.reads]));
  return [...new Set([...was.keys(), ...is.keys()])].filter((k) => was.get(k) !== is.get(k)).sort(byBytes);
}

/** Runs the write, checks the table equals the SELECT, and returns the pairs whose row changed. */
async function after(write: () => Promise<unknown>) {
  const before = await table();
  await write();
  const now = await table();
  expect(now).toEqual(await computed());
  return changedPairs(before, now);
}

/** The text of a pair's row, undefined when there is none. */
async function readsOf(roundId: string, entryId: string) {
  const rows = await prisma.$queryRaw<{ reads: string }[]>`SELECT "reads" FROM "EntryReads" WHERE "roundId" = ${roundId} AND "entryId" = ${entryId}`;
  return rows[0]?.reads;
}

const pair = (roundId: string, entryId: string) => key({ roundId, entryId });

/** A contest with two rounds, a panel in each, three judges and entries, and assignments in every state. */
async function world(title: string) {
  const { contest, categories, rubricVersionId } = await createTestContest({ title, categories: ["Học sinh"], rubric: true, phase: "JUDGING" });
  const category = categories[0]!;
  const round = await createTestRound(contest.id, { rubricVersionId });
  const round2 = await createTestRound(contest.id, { rubricVersionId });
  const panel = await createTestPanel(round.id);
  const panel2 = await createTestPanel(round2.id);
  const judges = [await createTestUser(), await createTestUser(), await createTestUser()];
  const submitter = await createTestUser();
  const entries = await createTestEntries(contest.id, category.id, 4, { submitterId: submitter.id, prefix: `${title.slice(-1)}-` });
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  await placeEntries(round2.id, panel2.id, entries.slice(0, 2).map((e) => e.id));
  const sheetOf = (assignmentId: string, data: { status?: "DRAFT" | "SUBMITTED"; total?: number | null; topMarks?: number | null; criterionPoints?: string | null } = {}) =>
    prisma.scoresheet.create({ data: { assignmentId, rubricVersionId: rubricVersionId!, ...data } });
  // Round 1: entry 0 read by all three (a counted sheet, a draft, none), entry 1 by one judge
  // with a counted sheet without its summary, entry 2 by a recused judge only, entry 3 by nobody.
  const a00 = await createTestAssignment(round.id, panel.id, entries[0]!.id, judges[0]!.id);
  const a01 = await createTestAssignment(round.id, panel.id, entries[0]!.id, judges[1]!.id);
  await createTestAssignment(round.id, panel.id, entries[0]!.id, judges[2]!.id);
  await sheetOf(a00.id, { status: "SUBMITTED", total: 70.25, topMarks: 2, criterionPoints: '{"c1":10}' });
  await sheetOf(a01.id, { total: 40 });
  const a10 = await createTestAssignment(round.id, panel.id, entries[1]!.id, judges[0]!.id);
  await sheetOf(a10.id, { status: "SUBMITTED", total: 55 });
  await createTestAssignment(round.id, panel.id, entries[2]!.id, judges[1]!.id, { status: "RECUSED" });
  // Round 2: entries 0 and 1, one judge each, one counted.
  const b00 = await createTestAssignment(round2.id, panel2.id, entries[0]!.id, judges[2]!.id);
  await sheetOf(b00.id, { status: "SUBMITTED", total: 81, topMarks: 0, criterionPoints: "{}" });
  await createTestAssignment(round2.id, panel2.id, entries[1]!.id, judges[1]!.id);
  return { contest, category, rubricVersionId: rubricVersionId!, round, round2, panel, panel2, judges, submitter, entries, sheetOf };
}
type World = Awaited<ReturnType<typeof world>>;

let a: World;
let b: World;
beforeAll(async () => {
  a = await world("Cuộc thi A");
  b = await world("Cuộc thi B");
});

let n = 0;
/** A fresh entry of contest A placed in its first round. */
async function spareEntry(w: World = a) {
  const entry = (await createTestEntries(w.contest.id, w.category.id, 1, { submitterId: w.submitter.id, prefix: `X${++n}-` }))[0]!;
  await placeEntries(w.round.id, w.panel.id, [entry.id]);
  return entry;
}

describe("the table after the factories built both contests", () => {
  it("equals the SELECT, one row per pair with an active assignment", async () => {
    expect(await table()).toEqual(await computed());
    // Round 1: entries 0 and 1 (entry 2 has only a recused judge, entry 3 none); round 2: 0 and 1.
    for (const w of [a, b]) {
      expect(await readsOf(w.round.id, w.entries[0]!.id)).toBeDefined();
      expect(await readsOf(w.round.id, w.entries[1]!.id)).toBeDefined();
      expect(await readsOf(w.round.id, w.entries[2]!.id)).toBeUndefined();
      expect(await readsOf(w.round.id, w.entries[3]!.id)).toBeUndefined();
      expect(await readsOf(w.round2.id, w.entries[0]!.id)).toBeDefined();
      expect(await readsOf(w.round2.id, w.entries[1]!.id)).toBeDefined();
    }
    // A counted sheet without topMarks and criterionPoints: empty fields, the total read back exactly.
    const [judge, total, top, points] = (await readsOf(a.round.id, a.entries[1]!.id))!.split(US);
    expect([judge, Number(total), top, points]).toEqual([a.judges[0]!.id, 55, "", ""]);
  });

  it("the migration's backfill statement rebuilds the same rows from an empty table", async () => {
    const before = await table();
    const folder = fs.readdirSync(path.resolve("prisma/migrations")).find((d) => d.endsWith("_entry_reads"))!;
    const extra = fs.readFileSync(path.resolve("prisma/migrations", folder, `extra.${pg() ? "postgresql" : "sqlite"}.sql`), "utf8");
    // The one statement at the start of a line (the triggers' own are indented).
    const backfill = /^INSERT INTO "EntryReads"[\s\S]*?;$/m.exec(extra)![0];
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM "EntryReads"`);
      await tx.$executeRawUnsafe(backfill.slice(0, -1));
    });
    expect(await table()).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(8);
  });
});

describe("Assignment", () => {
  it("an insert adds the judge to the pair (a new pair gets a row with just the judge's id)", async () => {
    const entry = await spareEntry();
    const judge = await createTestUser();
    expect(await after(() => createTestAssignment(a.round.id, a.panel.id, entry.id, judge.id))).toEqual([pair(a.round.id, entry.id)]);
    expect(await readsOf(a.round.id, entry.id)).toBe(judge.id);
  });

  it("an insert of an assignment that is not ACTIVE changes nothing", async () => {
    const entry = await spareEntry();
    const judge = await createTestUser();
    expect(await after(() => createTestAssignment(a.round.id, a.panel.id, entry.id, judge.id, { status: "REMOVED" }))).toEqual([]);
    expect(await readsOf(a.round.id, entry.id)).toBeUndefined();
  });

  it("two judges are ordered by the bytes of their ids and joined by the record separator", async () => {
    const entry = await spareEntry();
    // Upper case sorts before lower case by bytes (not in most locales' collations).
    const lower = await prisma.user.create({ data: { id: `a-judge-${++n}`, name: "Giám khảo a", email: `a-${n}@example.test` } });
    const upper = await prisma.user.create({ data: { id: `Z-judge-${++n}`, name: "Giám khảo Z", email: `z-${n}@example.test` } });
    await after(() => createTestAssignment(a.round.id, a.panel.id, entry.id, lower.id));
    await after(() => createTestAssignment(a.round.id, a.panel.id, entry.id, upper.id));
    expect(await readsOf(a.round.id, entry.id)).toBe(`${upper.id}${RS}${lower.id}`);
  });

  it("a withdrawal (status away from ACTIVE) drops the judge, and the return brings the record back", async () => {
    const entry = await spareEntry();
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    const first = await createTestAssignment(a.round.id, a.panel.id, entry.id, j1.id);
    await createTestAssignment(a.round.id, a.panel.id, entry.id, j2.id);
    await a.sheetOf(first.id, { status: "SUBMITTED", total: 63.5, topMarks: 1, criterionPoints: '{"a":1}' });
    const both = await readsOf(a.round.id, entry.id);
    expect(await after(() => prisma.assignment.update({ where: { id: first.id }, data: { status: "RECUSED" } }))).toEqual([pair(a.round.id, entry.id)]);
    expect(await readsOf(a.round.id, entry.id)).toBe(j2.id);
    // Another status that is not ACTIVE, and an update of other columns: nothing changes.
    expect(await after(() => prisma.assignment.update({ where: { id: first.id }, data: { status: "REMOVED" } }))).toEqual([]);
    expect(await after(() => prisma.assignment.update({ where: { id: first.id }, data: { source: "MANUAL" } }))).toEqual([]);
    expect(await after(() => prisma.assignment.update({ where: { id: first.id }, data: { status: "ACTIVE" } }))).toEqual([pair(a.round.id, entry.id)]);
    expect(await readsOf(a.round.id, entry.id)).toBe(both);
    expect(both!.split(RS)).toContain(`${j1.id}${US}63.5${US}1${US}{"a":1}`);
    // The last active assignment withdrawn: the row goes.
    await after(() => prisma.assignment.updateMany({ where: { roundId: a.round.id, entryId: entry.id }, data: { status: "REMOVED" } }));
    expect(await readsOf(a.round.id, entry.id)).toBeUndefined();
  });

  it("a reassignment to another judge (judgeId update) replaces the record, with the sheet it carries", async () => {
    const entry = await spareEntry();
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    const assignment = await createTestAssignment(a.round.id, a.panel.id, entry.id, j1.id);
    await a.sheetOf(assignment.id, { status: "SUBMITTED", total: 12.5, topMarks: 0, criterionPoints: "{}" });
    expect(await after(() => prisma.assignment.update({ where: { id: assignment.id }, data: { judgeId: j2.id } }))).toEqual([pair(a.round.id, entry.id)]);
    expect(await readsOf(a.round.id, entry.id)).toBe(`${j2.id}${US}12.5${US}0${US}{}`);
  });

  it("a move to another entry or round recomputes both pairs", async () => {
    const [e1, e2] = [await spareEntry(), await spareEntry()];
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    const moving = await createTestAssignment(a.round.id, a.panel.id, e1.id, j1.id);
    await createTestAssignment(a.round.id, a.panel.id, e1.id, j2.id);
    expect(await after(() => prisma.assignment.update({ where: { id: moving.id }, data: { entryId: e2.id } }))).toEqual(
      [pair(a.round.id, e1.id), pair(a.round.id, e2.id)].sort(byBytes),
    );
    expect(await readsOf(a.round.id, e1.id)).toBe(j2.id);
    expect(await readsOf(a.round.id, e2.id)).toBe(j1.id);
    expect(await after(() => prisma.assignment.update({ where: { id: moving.id }, data: { roundId: a.round2.id, panelId: a.panel2.id } }))).toEqual(
      [pair(a.round.id, e2.id), pair(a.round2.id, e2.id)].sort(byBytes),
    );
    expect(await readsOf(a.round.id, e2.id)).toBeUndefined();
    expect(await readsOf(a.round2.id, e2.id)).toBe(j1.id);
  });

  it("a delete drops the judge's record, the last one the row (its sheet goes in the cascade)", async () => {
    const entry = await spareEntry();
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    const first = await createTestAssignment(a.round.id, a.panel.id, entry.id, j1.id);
    const second = await createTestAssignment(a.round.id, a.panel.id, entry.id, j2.id);
    await a.sheetOf(first.id, { status: "SUBMITTED", total: 30, topMarks: 1, criterionPoints: "{}" });
    await a.sheetOf(second.id, { status: "SUBMITTED", total: 31, topMarks: 1, criterionPoints: "{}" });
    expect(await after(() => prisma.assignment.delete({ where: { id: first.id } }))).toEqual([pair(a.round.id, entry.id)]);
    expect((await readsOf(a.round.id, entry.id))!.split(US)[0]).toBe(j2.id);
    expect(await after(() => prisma.assignment.delete({ where: { id: second.id } }))).toEqual([pair(a.round.id, entry.id)]);
    expect(await readsOf(a.round.id, entry.id)).toBeUndefined();
  });

  it("a change of an assignment's id reaches its sheet by the cascade and keeps the record", async () => {
    const entry = await spareEntry();
    const judge = await createTestUser();
    const assignment = await createTestAssignment(a.round.id, a.panel.id, entry.id, judge.id);
    await a.sheetOf(assignment.id, { status: "SUBMITTED", total: 44, topMarks: 3, criterionPoints: '{"x":4}' });
    const record = await readsOf(a.round.id, entry.id);
    expect(await after(() => prisma.$executeRaw`UPDATE "Assignment" SET "id" = ${`moved-${++n}`} WHERE "id" = ${assignment.id}`)).toEqual([]);
    expect(await readsOf(a.round.id, entry.id)).toBe(record);
  });

  it("one createMany of many assignments (one statement) writes every pair, and one UPDATE withdraws them", async () => {
    const judges = await Promise.all(Array.from({ length: 4 }, () => createTestUser()));
    const entries = Array.from({ length: 150 }, (_, i) => ({
      id: `bulk-${++n}-${i}`,
      contestId: a.contest.id,
      categoryId: a.category.id,
      submitterId: a.submitter.id,
      title: `Bài ${i}`,
      status: "ELIGIBLE" as const,
    }));
    await prisma.entry.createMany({ data: entries });
    await placeEntries(a.round.id, a.panel.id, entries.map((e) => e.id));
    const rows = entries.flatMap((e, i) => judges.slice(0, 1 + (i % 4)).map((j) => ({ roundId: a.round.id, panelId: a.panel.id, entryId: e.id, judgeId: j.id })));
    const changed = await after(() => prisma.assignment.createMany({ data: rows }));
    expect(changed).toEqual(entries.map((e) => pair(a.round.id, e.id)).sort(byBytes));
    const ids = (i: number) => judges.slice(0, 1 + (i % 4)).map((j) => j.id).sort(byBytes).join(RS);
    expect(await readsOf(a.round.id, entries[3]!.id)).toBe(ids(3));
    expect(await readsOf(a.round.id, entries[6]!.id)).toBe(ids(6));
    // Sheets for all of judge 0's assignments in one statement, submitted in another.
    const mine = await prisma.assignment.findMany({ where: { roundId: a.round.id, judgeId: judges[0]!.id }, select: { id: true } });
    expect(await after(() => prisma.scoresheet.createMany({ data: mine.map((m) => ({ assignmentId: m.id, rubricVersionId: a.rubricVersionId, total: 1 })) }))).toEqual([]);
    const submitted = await after(() =>
      prisma.scoresheet.updateMany({ where: { assignmentId: { in: mine.map((m) => m.id) } }, data: { status: "SUBMITTED", topMarks: 0, criterionPoints: "{}" } }),
    );
    expect(submitted).toEqual(changed);
    expect(await after(() => prisma.assignment.updateMany({ where: { judgeId: judges[1]!.id }, data: { status: "REMOVED" } }))).toHaveLength(
      entries.filter((_, i) => i % 4 >= 1).length,
    );
    expect(await after(() => prisma.assignment.deleteMany({ where: { entryId: { in: entries.map((e) => e.id) } } }))).toEqual(changed);
  });
});

describe("Scoresheet", () => {
  async function assigned() {
    const entry = await spareEntry();
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    const first = await createTestAssignment(a.round.id, a.panel.id, entry.id, j1.id);
    const second = await createTestAssignment(a.round.id, a.panel.id, entry.id, j2.id);
    return { entry, j1, j2, first, second, key: pair(a.round.id, entry.id) };
  }

  it("a draft inserted changes nothing: the record stays the judge's id", async () => {
    const { entry, j1, first } = await assigned();
    const before = await readsOf(a.round.id, entry.id);
    expect(await after(() => a.sheetOf(first.id, { total: 20, topMarks: 1, criterionPoints: "{}" }))).toEqual([]);
    expect((await readsOf(a.round.id, entry.id))!.split(RS)).toContain(j1.id);
    expect(await readsOf(a.round.id, entry.id)).toBe(before);
  });

  it("submit, autosave of a draft, reopen, a change of a submitted sheet, delete", async () => {
    const { entry, j1, j2, first, second, key: k } = await assigned();
    const sheet = await a.sheetOf(first.id, { total: 20 });
    const other = await a.sheetOf(second.id, { total: 5 });
    // Submit: the record carries the total, topMarks and criterionPoints.
    expect(
      await after(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { status: "SUBMITTED", total: 63.5, topMarks: 1, criterionPoints: '{"a":1}', submittedAt: new Date() } })),
    ).toEqual([k]);
    const records = () => readsOf(a.round.id, entry.id).then((r) => new Map(r!.split(RS).map((rec) => [rec.split(US)[0]!, rec])));
    expect((await records()).get(j1.id)).toBe(`${j1.id}${US}63.5${US}1${US}{"a":1}`);
    expect((await records()).get(j2.id)).toBe(j2.id);
    // The other judge's draft autosaves (note, feedback, its total and summary): nothing changes.
    expect(
      await after(() =>
        prisma.scoresheet.update({ where: { id: other.id }, data: { privateNote: "ghi chú", feedback: "nhận xét", total: 7, topMarks: 2, criterionPoints: '{"b":2}', version: { increment: 1 } } }),
      ),
    ).toEqual([]);
    // The submitted sheet's columns outside the record: nothing changes.
    expect(await after(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { feedback: "đã chấm", version: { increment: 1 } } }))).toEqual([]);
    // A change of a submitted sheet's total, then of its criterionPoints and topMarks.
    expect(await after(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { total: 64 } }))).toEqual([k]);
    expect(Number((await records()).get(j1.id)!.split(US)[1])).toBe(64);
    expect(await after(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { criterionPoints: '{"a":2}', topMarks: null } }))).toEqual([k]);
    expect((await records()).get(j1.id)!.split(US).slice(2)).toEqual(["", '{"a":2}']);
    // Reopen: back to a draft, the record is the judge's id alone.
    expect(
      await after(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { status: "DRAFT", reopenedAt: new Date(), reopenedById: j2.id, reopenReason: "sửa" } })),
    ).toEqual([k]);
    expect((await records()).get(j1.id)).toBe(j1.id);
    // Submitted without a total: not counted, nothing changes.
    expect(await after(() => prisma.scoresheet.update({ where: { id: other.id }, data: { status: "SUBMITTED", total: null } }))).toEqual([]);
    expect(await after(() => prisma.scoresheet.update({ where: { id: other.id }, data: { total: 9.75 } }))).toEqual([k]);
    expect((await records()).get(j2.id)).toBe(`${j2.id}${US}9.75${US}2${US}{"b":2}`);
    // Delete: the counted sheet's record goes back to the judge's id, a draft's delete changes nothing.
    expect(await after(() => prisma.scoresheet.delete({ where: { id: other.id } }))).toEqual([k]);
    expect((await records()).get(j2.id)).toBe(j2.id);
    expect(await after(() => prisma.scoresheet.delete({ where: { id: sheet.id } }))).toEqual([]);
    expect(await readsOf(a.round.id, entry.id)).toBe([j1.id, j2.id].sort(byBytes).join(RS));
  });

  it("a total such as 1/3*100 survives exactly, and the other fields as written", async () => {
    const { entry, j1, first } = await assigned();
    const total = (1 / 3) * 100;
    await after(() => a.sheetOf(first.id, { status: "SUBMITTED", total, topMarks: 12, criterionPoints: '{"c":33.333333333333336}' }));
    const record = (await readsOf(a.round.id, entry.id))!.split(RS).find((r) => r.startsWith(j1.id))!;
    const fields = record.split(US);
    expect(fields).toHaveLength(4);
    expect(Number(fields[1])).toBe(total);
    expect(fields.slice(2)).toEqual(["12", '{"c":33.333333333333336}']);
    // Number() of the text is the double the database holds (which Prisma's SQLite adapter does
    // not always write exactly as given: 0.1 + 0.2 is stored as 0.3).
    for (const value of [0.1 + 0.2, 1e-7, 123456.789, 99.99999999999999, 2 / 3, 1e21 / 7]) {
      await after(() => prisma.scoresheet.update({ where: { assignmentId: first.id }, data: { total: value } }));
      const [stored] = await prisma.$queryRaw<{ total: number }[]>`SELECT "total" FROM "Scoresheet" WHERE "assignmentId" = ${first.id}`;
      const now = (await readsOf(a.round.id, entry.id))!.split(RS).find((r) => r.startsWith(j1.id))!;
      expect(Number(now.split(US)[1])).toBe(Number(stored!.total));
      expect(Math.abs(Number(stored!.total) - value) / value).toBeLessThan(1e-15);
    }
  });

  it("a sheet of an assignment that is not ACTIVE changes nothing", async () => {
    const { second } = await assigned();
    await prisma.assignment.update({ where: { id: second.id }, data: { status: "RECUSED" } });
    expect(await after(() => a.sheetOf(second.id, { status: "SUBMITTED", total: 3 }))).toEqual([]);
    expect(await after(() => prisma.scoresheet.update({ where: { assignmentId: second.id }, data: { total: 4 } }))).toEqual([]);
  });

  it("a sheet moved to another assignment (assignmentId update) recomputes both pairs", async () => {
    const one = await assigned();
    const two = await assigned();
    const sheet = await a.sheetOf(one.first.id, { status: "SUBMITTED", total: 50, topMarks: 1, criterionPoints: "{}" });
    expect(await after(() => prisma.scoresheet.update({ where: { id: sheet.id }, data: { assignmentId: two.second.id } }))).toEqual([one.key, two.key].sort(byBytes));
    expect((await readsOf(a.round.id, one.entry.id))!.split(RS)).toEqual([one.j1.id, one.j2.id].sort(byBytes));
    const moved = (await readsOf(a.round.id, two.entry.id))!.split(RS).find((r) => r.startsWith(two.j2.id))!.split(US);
    expect([moved[0], Number(moved[1]), ...moved.slice(2)]).toEqual([two.j2.id, 50, "1", "{}"]);
  });
});

describe("cascades", () => {
  /** A round of contest A with two entries, each read by two judges, one sheet counted and one draft. */
  async function judgedRound() {
    const round = await createTestRound(a.contest.id, { rubricVersionId: a.rubricVersionId });
    const panel = await createTestPanel(round.id);
    const entries = [await spareEntry(), await spareEntry()];
    await placeEntries(round.id, panel.id, entries.map((e) => e.id));
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    for (const e of entries) {
      const x = await createTestAssignment(round.id, panel.id, e.id, j1.id);
      const y = await createTestAssignment(round.id, panel.id, e.id, j2.id);
      await a.sheetOf(x.id, { status: "SUBMITTED", total: 10, topMarks: 0, criterionPoints: "{}" });
      await a.sheetOf(y.id, { total: 3 });
    }
    return { round, entries };
  }

  it("deleting a round leaves no row of its pairs and every other row as it was", async () => {
    const { round, entries } = await judgedRound();
    const keys = entries.map((e) => pair(round.id, e.id)).sort(byBytes);
    expect(await after(() => prisma.round.delete({ where: { id: round.id } }))).toEqual(keys);
    expect(await prisma.$queryRaw<Row[]>`SELECT * FROM "EntryReads" WHERE "roundId" = ${round.id}`).toEqual([]);
  });

  it("deleting an entry leaves no row of its pairs in any round", async () => {
    const { round, entries } = await judgedRound();
    // The entry is also read in round 1 (spareEntry placed it there).
    const judge = await createTestUser();
    await createTestAssignment(a.round.id, a.panel.id, entries[0]!.id, judge.id);
    expect(await after(() => prisma.entry.delete({ where: { id: entries[0]!.id } }))).toEqual(
      [pair(round.id, entries[0]!.id), pair(a.round.id, entries[0]!.id)].sort(byBytes),
    );
    expect(await prisma.$queryRaw<Row[]>`SELECT * FROM "EntryReads" WHERE "entryId" = ${entries[0]!.id}`).toEqual([]);
    expect(await readsOf(round.id, entries[1]!.id)).toBeDefined();
  });

  it("deleting a contest leaves no row of its rounds and contest B's rows as they were", async () => {
    // No scoresheets: on PostgreSQL a contest's cascade reaches a sheet's rubric version before the sheet.
    const other = await createTestContest({ title: "Cuộc thi C", categories: ["Học sinh"], rubric: true });
    const rounds = [await createTestRound(other.contest.id), await createTestRound(other.contest.id)];
    const entries = await createTestEntries(other.contest.id, other.categories[0]!.id, 3);
    const judges = [await createTestUser(), await createTestUser()];
    const keys: string[] = [];
    for (const round of rounds) {
      const panel = await createTestPanel(round.id);
      await placeEntries(round.id, panel.id, entries.map((e) => e.id));
      for (const e of entries) {
        for (const j of judges) await createTestAssignment(round.id, panel.id, e.id, j.id);
        keys.push(pair(round.id, e.id));
      }
    }
    expect(await after(() => prisma.contest.delete({ where: { id: other.contest.id } }))).toEqual(keys.sort(byBytes));
  });
});

describe("contest B and the other round", () => {
  it("keep their rows through all of contest A's writes above", async () => {
    // Every `after` above checked that only the pairs of the write changed; here B's rows are
    // still those of its world.
    const rows = (await table()).filter((r) => r.roundId === b.round.id || r.roundId === b.round2.id);
    expect(rows.map(key).sort(byBytes)).toEqual(
      [pair(b.round.id, b.entries[0]!.id), pair(b.round.id, b.entries[1]!.id), pair(b.round2.id, b.entries[0]!.id), pair(b.round2.id, b.entries[1]!.id)].sort(byBytes),
    );
    const first = rows.find((r) => r.roundId === b.round.id && r.entryId === b.entries[0]!.id)!;
    const ids = b.judges.map((j) => j.id).sort(byBytes);
    expect(first.reads.split(RS).map((r) => r.split(US)[0])).toEqual(ids);
    expect(first.reads.split(RS).find((r) => r.startsWith(b.judges[0]!.id))).toBe(`${b.judges[0]!.id}${US}70.25${US}2${US}{"c1":10}`);
  });
});

// PostgreSQL only: SQLite has one writer at a time, and in one process Prisma's SQLite adapter runs
// this process's queries on one connection, so there is no second writer to interleave here.
describe.skipIf(!pg())("two writers of one entry at the same time", () => {
  it("the second waits for the first one's commit and its row has both judges' records (a pair that had a row)", async () => {
    const entry = await spareEntry();
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    const x = await createTestAssignment(a.round.id, a.panel.id, entry.id, j1.id);
    const y = await createTestAssignment(a.round.id, a.panel.id, entry.id, j2.id);
    const [sx, sy] = [await a.sheetOf(x.id, { total: 1 }), await a.sheetOf(y.id, { total: 2 })];
    let second: Promise<unknown> | undefined;
    let done = false;
    await prisma.$transaction(async (tx) => {
      await tx.scoresheet.update({ where: { id: sx.id }, data: { status: "SUBMITTED", total: 11 } });
      second = prisma.scoresheet.update({ where: { id: sy.id }, data: { status: "SUBMITTED", total: 22 } }).then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
    });
    await second;
    expect(await table()).toEqual(await computed());
    expect((await readsOf(a.round.id, entry.id))!.split(RS).map((r) => r.split(US).slice(0, 2).join(" "))).toEqual(
      [`${j1.id} 11`, `${j2.id} 22`].sort(byBytes),
    );
  });

  it("the same for a pair that had no row: two first assignments of a new entry", async () => {
    const entry = await spareEntry();
    const [j1, j2] = [await createTestUser(), await createTestUser()];
    let second: Promise<unknown> | undefined;
    let done = false;
    await prisma.$transaction(async (tx) => {
      await tx.assignment.create({ data: { roundId: a.round.id, panelId: a.panel.id, entryId: entry.id, judgeId: j1.id } });
      second = createTestAssignment(a.round.id, a.panel.id, entry.id, j2.id).then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
    });
    await second;
    expect(await table()).toEqual(await computed());
    expect(await readsOf(a.round.id, entry.id)).toBe([j1.id, j2.id].sort(byBytes).join(RS));
  });
});

describe("the triggers", () => {
  it("are all in the database, one per table and event (a migration that redefines a table must create them again)", async () => {
    const rows = pg()
      ? await prisma.$queryRaw<{ name: string }[]>`SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%entry_reads%'`
      : await prisma.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%entry_reads%'`;
    const expected = ["Assignment", "Scoresheet"].flatMap((t) => ["insert", "update", "delete"].map((e) => `${t}_entry_reads_${e}`));
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });
});
