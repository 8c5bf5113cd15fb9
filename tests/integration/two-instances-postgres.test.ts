// Two built servers on one PostgreSQL database and one data folder behave as one portal (issue 7:
// stateless instances). Runs under `npm run test:pg`: this file's fresh database (a copy of the
// migrated template, tests/setup/setup-file.ts) is seeded with tests/factories/* and served by
// both instances, on different ports, with the phase scheduler and the mail outbox on each.
//   - signed in on one, the same cookie works on the other; signed out on one, on neither;
//   - a scoring draft saved on one is what the other shows, and a save from a stale copy is refused;
//   - N parallel submissions split across both: exactly the entrant's limit succeed, each with one
//     receipt e-mail (delivered once, whichever outbox got it); after the deadline none does;
//   - scheduled openings due while both run are applied once each (one audit record each).
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "#app/modules/auth/password.server";
import { prisma } from "#app/utils/db.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { createTestContest } from "#tests/factories/contests";
import { readEmails } from "#tests/factories/eml";
import { ENTRANT_AUTHOR, createOpenContest } from "#tests/factories/entries";
import { createScoringContest } from "#tests/factories/scoring";
import { missingBuild, startServer, type RunningServer } from "./server-process";

const skip = !process.env.TEST_PG_TEMPLATE ? "PostgreSQL only: run `npm run test:pg`" : missingBuild();

/** Contests whose opening is due when the instances start, so both schedulers race for them at once. */
const SCHEDULED = 4;

describe.skipIf(skip)(`two instances on one PostgreSQL database${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const dataDir = path.join(process.env.DATA_DIR!, "two-instances");
  const mailDir = path.join(dataDir, "mail");
  let a: RunningServer | undefined;
  let b: RunningServer | undefined;
  const scheduled: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < SCHEDULED; i++) {
      const { contest } = await createTestContest({ phase: "DRAFT", categories: ["Cán bộ, đảng viên"], rubric: true, closesAt: new Date(Date.now() + 30 * 86_400_000) });
      await prisma.phaseChange.create({ data: { contestId: contest.id, toPhase: "OPEN", runAt: new Date(Date.now() - 1000) } });
      scheduled.push(contest.id);
    }
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: dataDir,
      // The test signs sessions with the same secret (tests/factories/accounts.ts).
      SESSION_SECRET: process.env.SESSION_SECRET!,
      PHASE_SCHEDULER_SECONDS: "1",
      MAIL_OUTBOX_SECONDS: "1",
    };
    [a, b] = await Promise.all([startServer(env, 60_000), startServer(env, 60_000)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop("SIGKILL"), b?.stop("SIGKILL")]);
  });

  /** A request to one instance, as a browser on that origin sends it (no redirects followed). */
  function call(server: RunningServer, pathname: string, init: { method?: string; cookie?: string; body?: FormData | URLSearchParams } = {}) {
    const headers = new Headers({ Origin: server.url });
    if (init.cookie) headers.set("Cookie", init.cookie);
    return fetch(server.url + pathname, { method: init.method ?? "GET", headers, body: init.body, redirect: "manual" });
  }

  const form = (fields: Record<string, string>) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return body;
  };

  const sessionOf = (response: Response) => {
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
    return cookie?.split(";")[0];
  };

  it("both instances answer from the same database", async () => {
    for (const server of [a!, b!]) {
      const response = await call(server, "/healthz");
      expect(await response.json()).toEqual({ status: "ok", database: "postgresql" });
    }
  });

  it("keeps a session signed in on one instance on the other, and a sign-out on one ends it on both", { timeout: 60_000 }, async () => {
    const password = "mat-khau-du-dai-2026";
    const user = await createTestUser({ name: "Phạm Thị Hai Máy" });
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });

    const signedOut = await call(b!, "/entries");
    expect(signedOut.status).toBe(403);

    const login = await call(a!, "/login", { method: "POST", body: form({ email: user.email, password }) });
    expect(login.status).toBe(302);
    const cookie = sessionOf(login);
    expect(cookie).toBeDefined();

    for (const server of [b!, a!]) {
      const page = await call(server, "/entries", { cookie });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Phạm Thị Hai Máy");
    }

    const logout = await call(b!, "/logout", { method: "POST", cookie });
    expect(logout.status).toBe(302);
    for (const server of [a!, b!]) expect((await call(server, "/entries", { cookie })).status).toBe(403);
  });

  it("shows on one instance the scoring draft saved on the other, and refuses a save from a stale copy", { timeout: 60_000 }, async () => {
    const s = await createScoringContest({ judges: 2, entries: 1, readsPerEntry: 2 });
    const judge = s.judges[0]!.user;
    const cookie = await sessionCookie(judge.id);
    const assignment = s.assignment(0, 0);
    const [c0, c1] = s.criteria;
    const autosave = (server: RunningServer, fields: Record<string, string>) =>
      call(server, `/judge/sheets/${assignment.id}/autosave`, { method: "POST", cookie, body: form(fields) });

    const first = await autosave(a!, { expectedVersion: "0", [`scores.${c0!.id}`]: "20,5", privateNote: "Ghi chú lưu trên máy A" });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "saved", sheet: { version: 1 } });

    const page = await call(b!, `/judge/sheets/${assignment.id}`, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Ghi chú lưu trên máy A");

    // A tab on the other instance that still holds version 0 cannot overwrite it silently.
    const stale = await autosave(b!, { expectedVersion: "0", [`scores.${c0!.id}`]: "10", privateNote: "Bản cũ" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ status: "conflict", current: { version: 1 } });

    const second = await autosave(b!, { expectedVersion: "1", [`scores.${c0!.id}`]: "21", [`scores.${c1!.id}`]: "18", privateNote: "Sửa trên máy B" });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: "saved", sheet: { version: 2 } });
    expect(await (await call(a!, `/judge/sheets/${assignment.id}`, { cookie })).text()).toContain("Sửa trên máy B");

    const sheet = await prisma.scoresheet.findUniqueOrThrow({ where: { assignmentId: assignment.id }, include: { scores: true } });
    expect(sheet).toMatchObject({ status: "DRAFT", version: 2, privateNote: "Sửa trên máy B" });
    expect(sheet.scores.map((x) => [x.criterionId, x.points]).sort()).toEqual([[c0!.id, 21], [c1!.id, 18]].sort());
  });

  async function entrant(label: string) {
    const user = await createTestUser({ email: `${label}-${crypto.randomBytes(3).toString("hex")}@example.vn` });
    return { user, cookie: await sessionCookie(user.id) };
  }

  const entryFields = (categoryId: string, i: number) => ({
    intent: "submit",
    version: "0",
    categoryId,
    title: `Bài dự thi số ${i}: giữ vững trận địa tư tưởng`,
    abstract: "Tóm tắt bài viết.",
    "authors[0].name": ENTRANT_AUTHOR.name,
    "authors[0].birthYear": String(ENTRANT_AUTHOR.birthYear),
    "authors[0].unit": ENTRANT_AUTHOR.unit,
    "authors[0].jobTitle": ENTRANT_AUTHOR.jobTitle,
    "authors[0].email": ENTRANT_AUTHOR.email,
    "authors[0].phone": ENTRANT_AUTHOR.phone,
    declaration: "on",
    essayMode: "text",
    onlineText: `Bài viết thứ ${i}. Bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ của mỗi cán bộ, đảng viên.`,
  });

  /** Fires `count` submissions at once, alternating between the instances; the status of each. */
  async function submitAtOnce(slug: string, categoryId: string, cookie: string, count: number) {
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) => call(i % 2 === 0 ? a! : b!, `/contests/${slug}/enter`, { method: "POST", cookie, body: form(entryFields(categoryId, i)) })),
    );
    return responses.map((r) => ({ status: r.status, location: r.headers.get("location") }));
  }

  it("holds the entrant's limit across both instances under parallel submissions, with one receipt each", { timeout: 90_000 }, async () => {
    const limit = 3;
    const { contest, categories } = await createOpenContest({ maxEntriesPerUser: limit, allowOnlineText: true });
    const { user, cookie } = await entrant("gioi-han");

    const outcomes = await submitAtOnce(contest.slug, categories[0]!.id, cookie, 10);
    const accepted = outcomes.filter((o) => o.status === 302 && /\/entries\/[^/]+\/receipt$/.test(o.location ?? ""));
    expect(accepted, JSON.stringify(outcomes)).toHaveLength(limit);
    expect(outcomes.filter((o) => o.status === 400)).toHaveLength(10 - limit);

    const entries = await prisma.entry.findMany({ where: { contestId: contest.id, submitterId: user.id }, select: { id: true, entryCode: true, status: true } });
    expect(entries).toHaveLength(limit);
    expect(entries.every((e) => e.status === "SUBMITTED")).toBe(true);
    expect(new Set(entries.map((e) => e.entryCode)).size).toBe(limit);
    expect(accepted.map((o) => o.location!.split("/")[2]).sort()).toEqual(entries.map((e) => e.id).sort());

    // One receipt per accepted entry, delivered once by whichever instance's outbox claimed it.
    await expect.poll(() => prisma.outbox.count({ where: { to: user.email, sentAt: { not: null } } }), { timeout: 30_000 }).toBe(limit);
    expect(await prisma.outbox.count({ where: { to: user.email } })).toBe(limit);
    const receipts = await readEmails(mailDir, user.email);
    expect(receipts).toHaveLength(limit);
    expect(new Set(receipts.map((m) => m.headers.get("message-id"))).size).toBe(limit);
  });

  it("accepts nothing on either instance after the deadline", { timeout: 60_000 }, async () => {
    const { contest, categories } = await createOpenContest({ maxEntriesPerUser: 10, allowOnlineText: true });
    await prisma.contest.update({ where: { id: contest.id }, data: { closesAt: new Date(Date.now() - 1000), graceMinutes: 0 } });
    const { user, cookie } = await entrant("qua-han");

    const outcomes = await submitAtOnce(contest.slug, categories[0]!.id, cookie, 8);
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill(400));
    expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
    expect(await prisma.outbox.count({ where: { to: user.email } })).toBe(0);
  });

  it("applies each scheduled opening once, with both schedulers running", { timeout: 60_000 }, async () => {
    await expect
      .poll(async () => prisma.contest.count({ where: { id: { in: scheduled }, phase: "OPEN" } }), { timeout: 30_000 })
      .toBe(SCHEDULED);
    for (const contestId of scheduled) {
      const changes = await prisma.phaseChange.findMany({ where: { contestId } });
      expect(changes).toHaveLength(1);
      expect(changes[0]!.doneAt).toBeInstanceOf(Date);
      expect(await prisma.auditLog.count({ where: { contestId, action: "contest.phase" } })).toBe(1);
      // The other instance did not try it again (it would be refused and logged as such).
      expect(await prisma.auditLog.count({ where: { contestId, action: "contest.phaseRefused" } })).toBe(0);
    }
    const applied = [...a!.logs, ...b!.logs].filter((l) => l.msg === "scheduled phase change applied" && scheduled.includes(String(l.contestId)));
    expect(applied.map((l) => l.contestId).sort()).toEqual([...scheduled].sort());
    for (const server of [a!, b!]) {
      expect(server.logs).toContainEqual(expect.objectContaining({ msg: "phase scheduler started" }));
      expect(server.logs.filter((l) => typeof l.msg === "string" && l.msg.startsWith("phase scheduler: run failed"))).toEqual([]);
    }
  });
});
