// The organizer's round results page through the real database, for a round larger than a page:
// one page of rows per list and category with its counts, the page asked for kept within the
// list, a search by the code the page shows that opens the page holding the entry (or says there
// is none), and a MANUAL advance list that offers the rows shown while keeping every other
// entry's stored status when the page's form is applied.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createJudgedContest } from "#tests/factories/results";
import { advanceRound } from "./decisions.server";
import { pageSlice, roundPageQuery, roundResultsPage, type RoundResultsPage } from "./results-page.server";
import { RESULTS_PAGE_SIZE } from "./results.schema";

// Entries 0–179 are scored 95, 94.5, … (ranks 1–180, no ties); entries 180–299 have no reads yet.
const RANKED = 180;
const ENTRIES = 300;

let s: Awaited<ReturnType<typeof createJudgedContest>>;
let categoryId: string;

beforeAll(async () => {
  s = await createJudgedContest({ entries: ENTRIES, judges: 1, points: (i) => (i < RANKED ? 95 - i * 0.5 : null), phase: "FINALIZING", blind: true });
  categoryId = s.categories[0]!.id;
  // The entries nobody has read are unassigned (not pending): the round can advance.
  await prisma.assignment.deleteMany({ where: { roundId: s.round.id, entryId: { in: s.entries.slice(RANKED).map((e) => e.id) } } });
  await prisma.round.create({ data: { contestId: s.contest.id, position: 2, name: "Chung khảo", rubricVersionId: s.rubricVersionId } });
}, 120_000);

async function open(search = ""): Promise<RoundResultsPage> {
  return (await roundResultsPage(s.contest.id, s.round.id, roundPageQuery(new URLSearchParams(search))))!;
}

const only = (page: RoundResultsPage) => page.categories[0]!;
const code = (i: number) => s.entries[i]!.entryCode!;

describe("pageSlice", () => {
  it("keeps the page within the list and counts the rows shown", () => {
    expect(pageSlice(250, 1, 100)).toEqual({ page: 1, pages: 3, total: 250, first: 1, last: 100 });
    expect(pageSlice(250, 3, 100)).toEqual({ page: 3, pages: 3, total: 250, first: 201, last: 250 });
    expect(pageSlice(250, 7, 100)).toEqual({ page: 3, pages: 3, total: 250, first: 201, last: 250 });
    expect(pageSlice(200, 2, 100)).toEqual({ page: 2, pages: 2, total: 200, first: 101, last: 200 });
    expect(pageSlice(0, 4, 100)).toEqual({ page: 1, pages: 1, total: 0, first: 0, last: 0 });
  });
});

describe("a round larger than a page", () => {
  it("returns one page of each list with its counts, not a row per entry", async () => {
    const page = await open();
    const c = only(page);
    expect(RESULTS_PAGE_SIZE).toBe(100);
    expect({ ...c.ranked, rows: c.ranked.rows.length }).toEqual({ page: 1, pages: 2, total: RANKED, first: 1, last: 100, rows: 100 });
    expect(c.ranked.rows.map((r) => r.rank)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(c.ranked.rows[0]!.label).toBe(code(0));
    expect({ ...c.unranked, rows: c.unranked.rows.length }).toEqual({ page: 1, pages: 2, total: ENTRIES - RANKED, first: 1, last: 100, rows: 100 });
    expect(page.search).toBeNull();
    // Nothing else in the page's data lists the entries one by one.
    expect(JSON.stringify(page)).not.toContain(`"${s.entries[150]!.id}"`);
  });

  it("opens the page asked for, the last one for a page past the end, the first for nonsense", async () => {
    const second = only(await open(`page.${categoryId}=2&unranked.${categoryId}=2`));
    expect([second.ranked.page, second.ranked.first, second.ranked.last, second.ranked.rows.length]).toEqual([2, 101, 180, 80]);
    expect(second.ranked.rows[0]!.rank).toBe(101);
    expect(second.ranked.rows.at(-1)!.label).toBe(code(179));
    expect([second.unranked.page, second.unranked.first, second.unranked.last, second.unranked.rows.length]).toEqual([2, 101, 120, 20]);

    const past = only(await open(`page.${categoryId}=99&unranked.${categoryId}=5000000000`));
    expect([past.ranked.page, past.ranked.first, past.ranked.rows.length]).toEqual([2, 101, 80]);
    expect(past.unranked.page).toBe(2);

    for (const nonsense of [`page.${categoryId}=abc`, `page.${categoryId}=-2`, `page.${categoryId}=1.5`, `page=2`, `page[0]=2&unranked=x`, `page.${categoryId}.x=2&q=&q=`]) {
      const c = only(await open(nonsense));
      expect([c.ranked.page, c.ranked.rows[0]!.rank, c.unranked.page], nonsense).toEqual([1, 1, 1]);
    }
  });

  it("finds an entry by the code the page shows, on its page, whatever page was asked for", async () => {
    // Finalizing a blind contest: identities are joined, the page labels entries by entry code.
    const page = await open(`q=${encodeURIComponent(` ${code(150).toLowerCase()} `)}&page.${categoryId}=1`);
    expect(page.identified).toBe(true);
    expect(page.search).toEqual({
      query: code(150).toLowerCase(),
      found: { entryId: s.entries[150]!.id, label: code(150), categoryId, category: only(page).name, list: "ranked", page: 2 },
    });
    expect(only(page).ranked.page).toBe(2);
    expect(only(page).ranked.rows.find((r) => r.entryId === s.entries[150]!.id)?.rank).toBe(151);

    // Entries not ranked are listed by code: the last one is on the second page of that list.
    const unranked = await open(`q=${code(299)}`);
    expect(unranked.search?.found).toMatchObject({ entryId: s.entries[299]!.id, list: "unranked", page: 2 });
    const c = only(unranked);
    expect(c.unranked.page).toBe(2);
    expect(c.unranked.rows.at(-1)!.entryId).toBe(s.entries[299]!.id);
    expect(c.ranked.page).toBe(1);
  });

  it("says when no entry has the code, and in blind phases answers to anonymous codes only", async () => {
    const unknown = await open(`q=KHONG-CO-0001&page.${categoryId}=2`);
    expect(unknown.search).toEqual({ query: "KHONG-CO-0001", found: null });
    expect(only(unknown).ranked.page).toBe(2);

    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "JUDGING" } });
    try {
      const blind = await open(`q=${code(150)}`);
      expect(blind.identified).toBe(false);
      // The entry code would tell who wrote which anonymous entry: not found before finalizing.
      expect(blind.search?.found).toBeNull();
      const anonymous = s.entries[150]!.anonymousCode!;
      const byAnonymous = await open(`q=${anonymous}`);
      expect(byAnonymous.search?.found).toMatchObject({ entryId: s.entries[150]!.id, label: anonymous, page: 2 });
      expect(only(byAnonymous).ranked.rows.find((r) => r.entryId === s.entries[150]!.id)?.identity).toBeNull();
    } finally {
      await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    }
  });

  it("MANUAL: the list offers the rows shown, and applying one page's choices keeps the other pages' stored statuses", async () => {
    const who = { contestId: s.contest.id, actorId: s.organizerId, roundId: s.round.id };
    const id = (i: number) => s.entries[i]!.id;
    // Stored: entries 0 and 1 (page 1), 150 (ranked page 2) and 299 (unranked) advance.
    const before = await open();
    expect(before.round.advanceRule).toBe("MANUAL");
    expect(before.advance?.keep).toEqual([]);
    expect(await advanceRound({ ...who, manual: [id(0), id(1), id(150), id(299)], fingerprint: before.fingerprint })).toMatchObject({ ok: true, advanced: 4 });

    // The stored statuses the checkboxes start from, and the advancing entries of other pages
    // (150 on the ranking's second page, 299 on the second page of the entries not ranked) kept aside.
    const first = await open();
    expect(only(first).ranked.rows.filter((r) => r.status === "ADVANCED").map((r) => r.entryId)).toEqual([id(0), id(1)]);
    expect(only(first).unranked.rows.some((r) => r.entryId === id(299))).toBe(false);
    expect(first.advance?.keep).toEqual([id(150), id(299)]);
    expect(first.advance?.entries).toBe(ENTRIES);

    // The organizer unticks entry 1 and ticks entry 5 on this page; the form sends the ticked rows and the kept ones.
    expect(await advanceRound({ ...who, manual: [id(0), id(5), ...first.advance!.keep], fingerprint: first.fingerprint })).toMatchObject({ ok: true, advanced: 4 });
    const advanced = await prisma.roundEntry.findMany({ where: { roundId: s.round.id, status: "ADVANCED" }, select: { entryId: true } });
    expect(advanced.map((x) => x.entryId).sort()).toEqual([id(0), id(5), id(150), id(299)].sort());

    // The second page now starts from those statuses: 150 ticked, 0 and 5 kept aside.
    const second = await open(`page.${categoryId}=2`);
    expect(only(second).ranked.rows.filter((r) => r.status === "ADVANCED").map((r) => r.entryId)).toEqual([id(150)]);
    expect(second.advance?.keep).toEqual(expect.arrayContaining([id(0), id(5)]));
    expect(second.advance?.keep).not.toContain(id(150));
  });
});
