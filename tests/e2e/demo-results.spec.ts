// The demo contest (prisma/demo), finalized and published by its organizer in the browser: the
// judges finish the sheets the demo leaves open, two entries end level on the last prize of a
// category, the organizer closes judging, decides the tie with a reason, publishes; a signed-out
// visitor reads the results and checks a winner's certificate code.
import { expect, test } from "@playwright/test";
import { hashPassword } from "#app/modules/auth/password.server";
import { computeRoundResults, type RoundResults } from "#app/modules/rankings/results.server";
import { roundDisagreements } from "#app/modules/scoring/discrepancies.server";
import { scoresheetTotal } from "#app/modules/scoring/total";
import { EMAIL_DOMAIN } from "../../prisma/demo/people";
import { DEMO_PASSWORD, DEMO_SLUG } from "../../prisma/demo/plan";
import { demoAccounts, seedDemo } from "../../prisma/demo/seed";
import { e2eDb, signIn } from "./factories";
import { exactly, expectAccessible, fill, LANGUAGES, main, region, switchLanguage, texts } from "./support";

test.describe.configure({ mode: "serial" });


interface Demo {
  contestId: string;
  roundId: string;
  slug: string;
  title: string;
  organizer: { email: string; password: string };
  /** The category where the planted tie sits, its last prize's name and the two entries' codes. */
  tie: { category: string; prize: string; codes: [string, string]; rank: number };
}

/** Points on the criterion's step, within its bounds. */
function onStep(share: number, max: number, step: number): number {
  return Math.min(max, Math.max(0, Math.round((share * max) / step) * step));
}

/**
 * The judges finish: every sheet the demo leaves open or unstarted is submitted with marks near the
 * entry's other readings (or a mark of its own when nobody has read it yet), so that publishing is
 * possible. Written straight into the database, as the judging journeys test the scoring pages.
 */
async function finishJudging(contestId: string, roundId: string) {
  const db = e2eDb();
  const round = await db.round.findUniqueOrThrow({
    where: { id: roundId },
    select: { rubricVersionId: true, rubricVersion: { select: { criteria: { orderBy: { position: "asc" } } } } },
  });
  const criteria = round.rubricVersion!.criteria;
  const assignments = await db.assignment.findMany({
    where: { roundId, status: "ACTIVE" },
    orderBy: [{ entryId: "asc" }, { judgeId: "asc" }],
    select: { id: true, entryId: true, scoresheet: { select: { id: true, status: true, total: true } } },
  });
  const submittedTotals = new Map<string, number[]>();
  for (const a of assignments) {
    const total = a.scoresheet?.status === "SUBMITTED" ? a.scoresheet.total : null;
    if (total !== null) submittedTotals.set(a.entryId, [...(submittedTotals.get(a.entryId) ?? []), total]);
  }
  const entryIds = [...new Set(assignments.map((a) => a.entryId))];
  let k = 0;
  for (const a of assignments) {
    if (a.scoresheet?.status === "SUBMITTED") continue;
    k++;
    const read = submittedTotals.get(a.entryId);
    // Near the entry's other readings; an entry nobody has read yet gets a mark of its own in
    // 0.50–0.90 of the scale. Readings of one entry stay within a few points of each other.
    const base = read ? read.reduce((s, t) => s + t, 0) / read.length / 100 : 0.5 + ((entryIds.indexOf(a.entryId) * 37) % 80) / 200;
    const share = base + ((k % 5) - 2) * 0.01;
    const points = Object.fromEntries(criteria.map((c) => [c.id, onStep(share, c.maxPoints, c.step ?? 0.5)]));
    if (a.scoresheet) await db.scoresheet.delete({ where: { id: a.scoresheet.id } });
    await db.scoresheet.create({
      data: {
        assignmentId: a.id,
        rubricVersionId: round.rubricVersionId!,
        status: "SUBMITTED",
        submittedAt: new Date(),
        total: scoresheetTotal(criteria, points),
        scores: { create: criteria.map((c) => ({ criterionId: c.id, points: points[c.id]! })) },
      },
    });
  }
  // The chairs settle the disagreements the demo leaves open (the chair's journey does it in the
  // browser): one resolution per flagged entry, by its panel's chair.
  const flagged = (await roundDisagreements(db, roundId))!.spreads.filter((x) => x.flagged);
  for (const { entryId } of flagged) {
    const { panelId } = await db.roundEntry.findFirstOrThrow({ where: { roundId, entryId }, select: { panelId: true } });
    const chair = await db.panelJudge.findFirstOrThrow({ where: { panelId: panelId!, isChair: true }, select: { userId: true } });
    await db.resolution.create({ data: { roundId, entryId, chairId: chair.userId, kind: "RESOLVED", reason: "Tiểu ban đã trao đổi và thống nhất giữ nguyên điểm" } });
  }
  expect(await db.scoresheet.count({ where: { assignment: { roundId, status: "ACTIVE" }, status: { not: "SUBMITTED" } } })).toBe(0);
  expect((await roundDisagreements(db, roundId))!.spreads.filter((x) => x.flagged)).toEqual([]);
}

/** The entry holding the last prize of the first category, and the entry right after it. */
function lastPrizeAndNext(results: RoundResults) {
  const category = results.categories[0]!;
  const winners = category.tiers.reduce((s, t) => s + t.count, 0);
  const ranked = category.ranking.ranked;
  return { category, winners, last: ranked[winners - 1]!, next: ranked[winners]! };
}

/**
 * Two entries level on the last prize of the first category: the entry right after the last prize
 * receives, from each of its judges, the marks the last prize-winner received from one of its own
 * (the same totals and criteria), so every automatic step of the tie-break chain is level too.
 */
async function plantBoundaryTie(contestId: string, roundId: string): Promise<Demo["tie"]> {
  const db = e2eDb();
  const before = (await computeRoundResults(db, contestId, roundId))!;
  const { last, next } = lastPrizeAndNext(before);
  const sheetsOf = (entryId: string) =>
    db.scoresheet.findMany({
      where: { assignment: { roundId, entryId, status: "ACTIVE" }, status: "SUBMITTED" },
      orderBy: { assignment: { judgeId: "asc" } },
      select: { id: true, total: true, scores: { select: { criterionId: true, points: true } } },
    });
  const model = await sheetsOf(last.entryId);
  const copies = await sheetsOf(next.entryId);
  expect(copies.length).toBe(model.length);
  for (const [i, sheet] of copies.entries()) {
    const from = model[i]!;
    await db.score.deleteMany({ where: { scoresheetId: sheet.id } });
    await db.scoresheet.update({
      where: { id: sheet.id },
      data: { total: from.total, scores: { create: from.scores.map((s) => ({ criterionId: s.criterionId, points: s.points })) } },
    });
  }
  const after = (await computeRoundResults(db, contestId, roundId))!;
  const { category, winners } = lastPrizeAndNext(after);
  const flagged = category.flaggedTies.find((t) => t.entryIds.includes(last.entryId) && t.entryIds.includes(next.entryId));
  // The plan only holds if the pair now straddles the last prize (no chance tie joined it).
  expect(flagged?.entryIds).toHaveLength(2);
  expect(flagged?.reasons).toContain("prize");
  expect(flagged!.rank).toBe(winners);
  const code = (id: string) => after.entries.get(id)!.entryCode!;
  const ordered = category.ranking.ranked.filter((r) => flagged!.entryIds.includes(r.entryId)).map((r) => code(r.entryId));
  const lastTier = [...category.tiers].sort((a, b) => b.rank - a.rank)[0]!;
  return { category: category.name, prize: lastTier.name, codes: [ordered[0]!, ordered[1]!], rank: flagged!.rank };
}

let demo: Demo;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const db = e2eDb();
  await seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  // The demo's administrator is not needed here, and the accounts journey needs an installation
  // without one (its first-admin link works only while there is none).
  await db.user.updateMany({ where: { isAdmin: true, email: { endsWith: `@${EMAIL_DOMAIN}` } }, data: { isAdmin: false } });
  const contest = await db.contest.findUniqueOrThrow({ where: { slug: DEMO_SLUG }, select: { id: true, title: true, phase: true, rounds: { select: { id: true } } } });
  expect(contest.phase).toBe("JUDGING");
  const roundId = contest.rounds[0]!.id;
  await finishJudging(contest.id, roundId);
  const tie = await plantBoundaryTie(contest.id, roundId);
  const organizer = (await demoAccounts(db)).find((a) => a.role === "organizer")!;
  demo = { contestId: contest.id, roundId, slug: DEMO_SLUG, title: contest.title, organizer: { email: organizer.email, password: DEMO_PASSWORD }, tie };
});

test("the demo's organizer finalizes it, decides a tie on the last prize, publishes; a visitor reads the results and verifies a certificate", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const vi = texts("vi");
  const results = `/organize/${demo.contestId}/results`;
  await signIn(page, demo.organizer, `/organize/${demo.contestId}/settings`);

  await test.step("judging is over: the organizer closes it from the contest's phase", async () => {
    const lifecycle = region(main(page), vi.editor.lifecycle.heading);
    await lifecycle.getByRole("button", { name: exactly(vi.editor.lifecycle.actions.JUDGING_FINALIZING) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.editor.lifecycle.done, { phase: vi.organize.phase.FINALIZING }));
  });

  await test.step("the overview asks for the tie to be decided before publishing, in both languages", async () => {
    await page.goto(results);
    for (const lng of LANGUAGES) {
      await switchLanguage(page, lng);
      const r = texts(lng).results;
      await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(r.overview.heading);
      await expect(main(page).getByText(fill(r.errors.prizeTiesOpen, { count: 1 }))).toBeVisible();
      await expect(main(page).getByRole("button", { name: exactly(r.publish.submit) })).toBeDisabled();
      await expectAccessible(page);
    }
    await switchLanguage(page, "vi");
  });

  await test.step("the ranking shows the two entries level on the last prize; the organizer decides with a reason", async () => {
    const round = await e2eDb().round.findUniqueOrThrow({ where: { id: demo.roundId }, select: { name: true } });
    await main(page).getByRole("link", { name: fill(vi.results.overview.openLabel, { round: round.name }) }).click();
    const table = main(page).getByRole("table", { name: fill(vi.results.table.caption, { name: demo.tie.category }) });
    for (const code of demo.tie.codes) {
      await expect(table.getByRole("row", { name: new RegExp(code) })).toContainText(vi.results.table.tied);
      await expect(table.getByRole("row", { name: new RegExp(code) })).toContainText(vi.results.table.prizePending);
    }
    const form = main(page).getByRole("form", { name: fill(vi.results.ties.group, { rank: demo.tie.rank, entries: demo.tie.codes.join(", ") }) });
    // The second of the pair goes first, by the jury's decision.
    await form.getByLabel(fill(vi.results.ties.place, { entry: demo.tie.codes[1] }), { exact: true }).selectOption("1");
    await form.getByLabel(fill(vi.results.ties.place, { entry: demo.tie.codes[0] }), { exact: true }).selectOption("2");
    await form.getByLabel(vi.results.ties.reason, { exact: true }).fill("Theo biên bản họp Ban Giám khảo: bài có phần giải pháp cụ thể hơn");
    await form.getByRole("button", { name: exactly(vi.results.ties.submit) }).click();
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.results.ties.decided, { count: 2 }));
    await expect(table.getByRole("row", { name: new RegExp(demo.tie.codes[1]) })).toContainText(demo.tie.prize);
    // The one placed second is told apart from the one above it by the decision, and gets no prize.
    await expect(table.getByRole("row", { name: new RegExp(demo.tie.codes[0]) })).toContainText(vi.results.table.by.decision);
    await expect(table.getByRole("row", { name: new RegExp(demo.tie.codes[0]) })).not.toContainText(demo.tie.prize);
  });

  await test.step("publish: version 1, the contest moves to Published", async () => {
    await page.goto(results);
    await expect(main(page).getByRole("button", { name: exactly(vi.results.publish.submit) })).toBeEnabled();
    await main(page).getByRole("button", { name: exactly(vi.results.publish.submit) }).click();
    // Every entrant is told, winner or not.
    const entrants = await e2eDb().entry.findMany({ where: { contestId: demo.contestId }, distinct: ["submitterId"], select: { submitterId: true } });
    await expect(main(page).getByRole("status")).toHaveText(fill(vi.results.publish.published, { version: 1, count: entrants.length }));
    await expect(page.getByTestId("contest-phase")).toHaveText(vi.organize.phase.PUBLISHED);
  });

  await test.step("a signed-out visitor reads the results and verifies the decided winner's certificate, in both languages", async () => {
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(`/contests/${demo.slug}/results`);
    await expect(main(visitor).getByRole("heading", { level: 1 })).toHaveText(fill(vi.results.public.heading, { contest: demo.title }));
    const table = main(visitor).getByRole("table", { name: fill(vi.results.public.caption, { name: demo.tie.category }) });
    await expect(table.getByRole("row", { name: new RegExp(demo.tie.codes[1]) })).toContainText(demo.tie.prize);
    await expect(table.getByRole("row", { name: new RegExp(demo.tie.codes[0]) })).toHaveCount(0);
    const winner = await e2eDb().entry.findFirstOrThrow({ where: { contestId: demo.contestId, entryCode: demo.tie.codes[1] }, select: { id: true } });
    const certificate = await e2eDb().certificate.findFirstOrThrow({ where: { entryId: winner.id, publication: { contestId: demo.contestId, version: 1 } } });
    await main(visitor).getByLabel(vi.results.verify.code, { exact: true }).fill(certificate.code);
    await main(visitor).getByRole("button", { name: exactly(vi.results.verify.submit) }).click();
    await expect(visitor).toHaveURL(`/verify/${certificate.code}`);
    for (const lng of LANGUAGES) {
      await switchLanguage(visitor, lng);
      await expect(main(visitor).getByRole("heading", { name: texts(lng).results.verify.valid })).toBeVisible();
      await expect(main(visitor)).toContainText(demo.tie.prize);
      await expect(main(visitor)).toContainText(demo.tie.codes[1]);
      await expectAccessible(visitor);
    }
    await context.close();
  });
});
