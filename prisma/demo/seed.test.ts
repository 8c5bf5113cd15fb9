// Seeds the demo into this file's own database and checks what the demo promises.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword, hashPassword } from "#app/modules/auth/password.server";
import { ANONYMOUS_CODE_PATTERN } from "#app/modules/entries/codes";
import { parseMaskReport } from "#app/modules/entries/masking.server";
import { countWords } from "#app/modules/entries/words";
import { scoresheetTotal } from "#app/modules/scoring/total";
import { prisma } from "#app/utils/db.server";
import { buildDemoPlan, DEMO_PASSWORD, DEMO_SLUG, MASK, MAX_WORDS, MIN_WORDS, SPREAD_THRESHOLD } from "./plan";
import { demoAccounts, seedDemo } from "./seed";

const NOW = new Date("2026-11-29T04:00:00Z");
let passwordHash: string;

async function counts() {
  return {
    users: await prisma.user.count(),
    entries: await prisma.entry.count(),
    versions: await prisma.entryVersion.count(),
    assignments: await prisma.assignment.count(),
    scoresheets: await prisma.scoresheet.count(),
    scores: await prisma.score.count(),
    audit: await prisma.auditLog.count(),
  };
}

beforeAll(async () => {
  passwordHash = await hashPassword(DEMO_PASSWORD);
  const result = await seedDemo(prisma, { passwordHash, now: NOW });
  expect(result.created).toBe(true);
});

describe("the demo contest", () => {
  it("is a district contest in judging, its submission window past, in Ho Chi Minh City time", async () => {
    const contest = await prisma.contest.findUniqueOrThrow({ where: { slug: DEMO_SLUG } });
    expect(contest.phase).toBe("JUDGING");
    expect(contest.timeZone).toBe("Asia/Ho_Chi_Minh");
    expect(contest.title).toMatch(/^Cuộc thi viết chính luận bảo vệ nền tảng tư tưởng của Đảng quận .+ năm 2026$/);
    expect(contest.opensAt!.getTime()).toBeLessThan(contest.closesAt!.getTime());
    expect(contest.closesAt!.getTime()).toBeLessThan(NOW.getTime());
    expect(contest.entryCodeSeq).toBe(94);
  });

  it("has two categories with their prize tiers", async () => {
    const categories = await prisma.category.findMany({ orderBy: { position: "asc" }, include: { prizeTiers: { orderBy: { rank: "asc" } } } });
    expect(categories.map((c) => c.name)).toEqual(["Cán bộ, đảng viên", "Đoàn viên, thanh niên và nhân dân"]);
    for (const c of categories) expect(c.prizeTiers.map((t) => t.name)).toEqual(["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]);
    expect(categories.map((c) => c.prizeTiers.map((t) => t.count))).toEqual([
      [1, 2, 3, 5],
      [1, 2, 3, 4],
    ]);
  });

  it("has the default rubric, one locked version of 5 criteria worth 100 points, used by the round", async () => {
    const versions = await prisma.rubricVersion.findMany({ include: { criteria: true, rounds: true } });
    expect(versions).toHaveLength(1);
    const [v] = versions;
    expect(v!.lockedAt).not.toBeNull();
    expect(v!.criteria).toHaveLength(5);
    expect(v!.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    expect(v!.rounds.map((r) => [r.name, r.readsPerEntry, r.spreadThreshold])).toEqual([["Sơ khảo", 3, 15]]);
  });

  it("has 9 judges in 3 panels, one chair each, all contest members with the organizer and secretary", async () => {
    const panels = await prisma.panel.findMany({ include: { judges: true } });
    expect(panels).toHaveLength(3);
    for (const p of panels) {
      expect(p.judges).toHaveLength(3);
      expect(p.judges.filter((j) => j.isChair)).toHaveLength(1);
    }
    const judgeIds = panels.flatMap((p) => p.judges.map((j) => j.userId));
    expect(new Set(judgeIds).size).toBe(9);
    const members = await prisma.contestMember.findMany();
    expect(members.filter((m) => m.role === "ORGANIZER")).toHaveLength(1);
    expect(members.filter((m) => m.role === "SECRETARY")).toHaveLength(1);
    expect(new Set(members.filter((m) => m.role === "JUDGE").map((m) => m.userId))).toEqual(new Set(judgeIds));
  });

  it("gives every entry exactly 3 distinct judges of its own panel, none sharing a unit or e-mail with an author", async () => {
    const panelJudges = await prisma.panelJudge.findMany({ include: { user: true } });
    const entries = await prisma.entry.findMany({ include: { roundEntries: true, assignments: true, authors: true } });
    expect(entries).toHaveLength(94);
    for (const e of entries) {
      expect(e.roundEntries).toHaveLength(1);
      const panelId = e.roundEntries[0]!.panelId!;
      const seats = panelJudges.filter((j) => j.panelId === panelId);
      const active = e.assignments.filter((a) => a.status === "ACTIVE");
      expect(active).toHaveLength(3);
      expect(new Set(active.map((a) => a.judgeId))).toEqual(new Set(seats.map((s) => s.userId)));
      for (const a of active) expect(a.panelId).toBe(panelId);
      for (const s of seats) {
        for (const author of e.authors) {
          expect(author.unit).not.toBe(s.user.unit);
          expect(author.email).not.toBe(s.user.email);
        }
      }
    }
  });

  it("has unique entry codes in submission order and unrelated, unique anonymous codes", async () => {
    const entries = await prisma.entry.findMany({ orderBy: { entryCode: "asc" } });
    const codes = entries.map((e) => e.entryCode!);
    const anonymous = entries.map((e) => e.anonymousCode!);
    expect(codes[0]).toBe("PS-0001");
    expect(codes.at(-1)).toBe("PS-0094");
    expect(new Set(codes).size).toBe(94);
    expect(new Set(anonymous).size).toBe(94);
    for (const a of anonymous) expect(a).toMatch(ANONYMOUS_CODE_PATTERN);
    expect(codes.some((c) => anonymous.includes(c))).toBe(false);
    const times = entries.map((e) => e.submittedAt!.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect([...anonymous].sort()).not.toEqual(anonymous);
  });

  it("has eligible entries with 1–3 authors, the first one the submitter, and a current essay version", async () => {
    const entries = await prisma.entry.findMany({ include: { authors: { orderBy: { position: "asc" } }, versions: true, currentVersion: true } });
    for (const e of entries) {
      expect(e.status).toBe("ELIGIBLE");
      expect(e.title.length).toBeGreaterThan(10);
      expect(e.abstract.length).toBeGreaterThan(50);
      expect(e.authors.length).toBeGreaterThanOrEqual(1);
      expect(e.authors.length).toBeLessThanOrEqual(3);
      expect(e.authors[0]!.userId).toBe(e.submitterId);
      for (const a of e.authors) {
        expect(a.name.split(" ").length).toBeGreaterThanOrEqual(3);
        expect(a.birthYear).toBeGreaterThan(1940);
        expect(a.unit && a.jobTitle && a.email && a.phone).toBeTruthy();
      }
      const v = e.currentVersion!;
      expect(v.number).toBe(Math.max(...e.versions.map((x) => x.number)));
      expect(v.wordCount).toBe(countWords(v.extractedText));
      expect(v.wordCount).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(v.wordCount).toBeLessThanOrEqual(MAX_WORDS);
      // The authors sign the essay once; the judges' rendering masks them.
      for (const a of e.authors) {
        expect(v.extractedText.split(a.name)).toHaveLength(2);
        expect(v.maskedText).not.toContain(a.name);
        expect(v.maskedText).not.toContain(a.unit);
      }
      expect(v.maskedText).toContain(MASK);
      // The report is the masking module's own, current for the version (judges get the stored view).
      const report = parseMaskReport(v.maskReport)!;
      expect(report.spans.map((s) => s.original)).toEqual(expect.arrayContaining([...e.authors.map((a) => a.name), ...e.authors.map((a) => a.unit)]));
    }
    expect(entries.filter((e) => e.versions.length > 1).length).toBeGreaterThan(0);
  });

  it("has scoresheets in progress: about 60 % submitted, 15 % drafts, the rest not started", async () => {
    const assignments = await prisma.assignment.count();
    const submitted = await prisma.scoresheet.count({ where: { status: "SUBMITTED" } });
    const drafts = await prisma.scoresheet.count({ where: { status: "DRAFT" } });
    expect(assignments).toBe(282);
    expect(submitted / assignments).toBeGreaterThan(0.55);
    expect(submitted / assignments).toBeLessThan(0.65);
    expect(drafts / assignments).toBeGreaterThan(0.1);
    expect(drafts / assignments).toBeLessThan(0.2);
  });

  it("scores every criterion of a submitted sheet within its maximum, on the step, and stores the total of scoring/total.ts", async () => {
    const criteria = await prisma.criterion.findMany();
    const sheets = await prisma.scoresheet.findMany({ include: { scores: true } });
    for (const s of sheets) {
      if (s.status === "SUBMITTED") {
        expect(s.scores).toHaveLength(criteria.length);
        expect(s.submittedAt).not.toBeNull();
      } else {
        expect(s.scores.length).toBeGreaterThan(0);
        expect(s.scores.length).toBeLessThan(criteria.length);
        expect(s.submittedAt).toBeNull();
      }
      for (const score of s.scores) {
        const c = criteria.find((x) => x.id === score.criterionId)!;
        expect(score.points).toBeGreaterThanOrEqual(0);
        expect(score.points).toBeLessThanOrEqual(c.maxPoints);
        expect(Number.isInteger(score.points / c.step)).toBe(true);
      }
      expect(s.total).toBe(scoresheetTotal(criteria, Object.fromEntries(s.scores.map((x) => [x.criterionId, x.points]))));
    }
  });

  it("has a few fully read entries whose judges disagree beyond the round's spread threshold", async () => {
    const entries = await prisma.entry.findMany({ include: { assignments: { include: { scoresheet: true } } } });
    const spreads = entries
      .map((e) => e.assignments.map((a) => a.scoresheet))
      .filter((sheets) => sheets.every((s) => s?.status === "SUBMITTED"))
      .map((sheets) => Math.max(...sheets.map((s) => s!.total!)) - Math.min(...sheets.map((s) => s!.total!)));
    expect(spreads.length).toBeGreaterThan(20);
    const flagged = spreads.filter((d) => d > SPREAD_THRESHOLD).length;
    expect(flagged).toBeGreaterThanOrEqual(3);
    expect(flagged).toBeLessThan(spreads.length / 3);
  });

  it("lets every demo account sign in with the shared password, and lists one account per role and seat", async () => {
    const accounts = await demoAccounts(prisma);
    const roles = accounts.map((a) => a.role);
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
    expect(roles.filter((r) => r === "organizer")).toHaveLength(1);
    expect(roles.filter((r) => r === "secretary")).toHaveLength(1);
    expect(roles.filter((r) => r === "chair")).toHaveLength(3);
    expect(roles.filter((r) => r === "judge")).toHaveLength(6);
    expect(roles.filter((r) => r === "entrant")).toHaveLength(3);
    const users = await prisma.user.findMany({ where: { email: { in: accounts.map((a) => a.email) } } });
    expect(users).toHaveLength(accounts.length);
    expect(new Set(users.map((u) => u.passwordHash))).toEqual(new Set([passwordHash]));
    await expect(verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).resolves.toBe(true);
    const admin = users.find((u) => u.email === accounts[0]!.email)!;
    expect(admin.isAdmin).toBe(true);
  });

  it("records the seeding once in the audit log", async () => {
    const records = await prisma.auditLog.findMany();
    expect(records.map((r) => r.action)).toEqual(["demo.seed"]);
    expect(JSON.parse(records[0]!.data)).toMatchObject({ entries: 94, judges: 9 });
  });

  it("adds nothing when seeded again", async () => {
    const before = await counts();
    const again = await seedDemo(prisma, { passwordHash, now: NOW });
    expect(again.created).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe("buildDemoPlan", () => {
  it("is deterministic: the same seed and clock give the same rows; another clock moves only dates", () => {
    const a = buildDemoPlan({ now: NOW });
    expect(buildDemoPlan({ now: NOW })).toEqual(a);
    const later = buildDemoPlan({ now: new Date(NOW.getTime() + 40 * 24 * 3600_000) });
    expect(later.entries.map((e) => [e.id, e.entryCode, e.anonymousCode, e.title])).toEqual(a.entries.map((e) => [e.id, e.entryCode, e.anonymousCode, e.title]));
    expect(later.versions.map((v) => v.extractedText)).toEqual(a.versions.map((v) => v.extractedText));
    expect(later.scores).toEqual(a.scores);
    expect(buildDemoPlan({ seed: 7, now: NOW }).entries[0]!.title).not.toBe(a.entries[0]!.title);
  });
});
