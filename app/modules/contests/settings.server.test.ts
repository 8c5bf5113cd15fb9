import { describe, expect, it } from "vitest";
import type { ContestPhase } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";
import { createTestContest } from "#tests/factories/contests";
import { runDuePhaseChanges } from "./phases.server";
import {
  getSettingsPage,
  saveContestSettings,
  syncPhaseSchedule,
  takePhaseStep,
  timeZoneOptions,
  type SettingsFormValues,
} from "./settings.server";
import type { ContestSettingsInput } from "./settings.schema";

const NOW = new Date("2026-04-20T03:00:00Z");
// 08:00 on 1 May and 23:59 on 30 June in Vietnam (UTC+7).
const OPENS_LOCAL = "2026-05-01T08:00";
const OPENS = new Date("2026-05-01T01:00:00Z");
const CLOSES_LOCAL = "2026-06-30T23:59";
const CLOSES = new Date("2026-06-30T16:59:00Z");

/** The form as the page would post it back, with some fields changed. */
function input(values: SettingsFormValues, changes: Partial<ContestSettingsInput> = {}): ContestSettingsInput {
  return {
    ...values,
    opensAt: values.opensAt || undefined,
    closesAt: values.closesAt || undefined,
    minWords: values.minWords ?? undefined,
    maxWords: values.maxWords ?? undefined,
    ...changes,
  };
}

async function setUp(options: { phase?: ContestPhase; ready?: boolean } = {}) {
  const ready = options.ready ?? true;
  const { contest, organizerId } = await createTestContest({
    phase: options.phase ?? "DRAFT",
    categories: ready ? ["Cán bộ, đảng viên"] : [],
    rubric: ready,
  });
  const page = (await getSettingsPage(contest.id, NOW))!;
  const save = (changes: Partial<ContestSettingsInput>, values = page.values, now = NOW) =>
    saveContestSettings({ contestId: contest.id, values: input(values, changes), actorId: organizerId, ip: "203.0.113.7", now });
  return { contest, organizerId, page, save };
}

const contestRow = (id: string) => prisma.contest.findUniqueOrThrow({ where: { id } });
const updates = (contestId: string) => prisma.auditLog.findMany({ where: { contestId, action: "contest.update" }, orderBy: { id: "asc" } });
const pending = (contestId: string) =>
  prisma.phaseChange.findMany({ where: { contestId, doneAt: null }, orderBy: { runAt: "asc" }, select: { toPhase: true, runAt: true } });

describe("saving the settings", () => {
  it("shows the stored settings in the form's terms", async () => {
    const { page } = await setUp();
    expect(page.values).toMatchObject({
      version: 0,
      timeZone: "Asia/Ho_Chi_Minh",
      opensAt: "",
      closesAt: "",
      allowedFileTypes: ["pdf", "docx", "odt", "txt"],
      maxFileMb: 10,
      blind: true,
      locale: "vi",
    });
    expect(page.locked).toEqual({});
    expect(page.steps.map((s) => s.to)).toEqual(["OPEN", "ARCHIVED"]);
    expect(page.steps[0]).toEqual({ to: "OPEN", ok: false, reasons: ["contests:phase.errors.noDeadline"] });
  });

  it("writes the changed settings, converts local times and megabytes, bumps the version and logs only the changes", async () => {
    const { contest, organizerId, save } = await setUp();
    const result = await save({ title: "Chính luận bảo vệ nền tảng tư tưởng", opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL, maxFileMb: 20, allowedFileTypes: ["pdf", "docx"] });
    expect(result).toEqual({ ok: true, changed: ["title", "opensAt", "closesAt", "allowedFileTypes", "maxFileBytes"], version: 1 });
    const row = await contestRow(contest.id);
    expect(row).toMatchObject({
      title: "Chính luận bảo vệ nền tảng tư tưởng",
      opensAt: OPENS,
      closesAt: CLOSES,
      maxFileBytes: 20 * 1024 * 1024,
      allowedFileTypes: "pdf,docx",
      version: 1,
      blind: true,
    });
    const [log, ...more] = await updates(contest.id);
    expect(more).toEqual([]);
    expect(log).toMatchObject({ actorId: organizerId, targetType: "Contest", targetId: contest.id, ip: "203.0.113.7" });
    expect(JSON.parse(log!.data)).toEqual({
      before: { title: "Cuộc thi viết chính luận 2026", opensAt: null, closesAt: null, allowedFileTypes: "pdf,docx,odt,txt", maxFileBytes: 10485760 },
      after: { title: "Chính luận bảo vệ nền tảng tư tưởng", opensAt: OPENS.toISOString(), closesAt: CLOSES.toISOString(), allowedFileTypes: "pdf,docx", maxFileBytes: 20971520 },
      version: 1,
      schedule: [
        { toPhase: "OPEN", runAt: OPENS.toISOString() },
        { toPhase: "CLOSED", runAt: CLOSES.toISOString() },
      ],
    });
    const page = (await getSettingsPage(contest.id, NOW))!;
    expect(page.values).toMatchObject({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL, maxFileMb: 20, version: 1 });
  });

  it("an untouched form writes nothing", async () => {
    const { contest, save } = await setUp();
    expect(await save({})).toEqual({ ok: true, changed: [], version: 0 });
    expect((await contestRow(contest.id)).version).toBe(0);
    expect(await updates(contest.id)).toEqual([]);
  });

  it("refuses a save from a stale form and writes nothing", async () => {
    const { contest, page, save } = await setUp();
    expect(await save({ title: "Lần lưu thứ nhất" })).toMatchObject({ ok: true, version: 1 });
    // A second tab still holds version 0.
    expect(await save({ title: "Lần lưu từ thẻ cũ", rules: "Khác" }, page.values)).toEqual({ ok: false, reason: "stale" });
    const row = await contestRow(contest.id);
    expect(row).toMatchObject({ title: "Lần lưu thứ nhất", rules: "", version: 1 });
    expect(await updates(contest.id)).toHaveLength(1);
  });

  it("answers a taken slug with a field error", async () => {
    const { contest, save } = await setUp();
    const other = await createTestContest();
    expect(await save({ slug: other.contest.slug })).toEqual({ ok: false, reason: "invalid", fieldErrors: { slug: ["organize:errors.slugTaken"] } });
    expect((await contestRow(contest.id)).version).toBe(0);
  });

  it("validates again on the server (a typed input cannot skip the schema)", async () => {
    const { save } = await setUp();
    expect(await save({ minWords: 900, maxWords: 800, allowedFileTypes: [], allowOnlineText: false })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { maxWords: ["editor:settings.errors.wordsOrder"], allowedFileTypes: ["editor:settings.errors.noWayToSubmit"] },
    });
  });

  it("refuses what the phase does not allow, as field errors, and saves nothing of the form", async () => {
    const { contest, save } = await setUp();
    expect(await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL, entryCodePrefix: "CL-" })).toMatchObject({ ok: true });
    await prisma.contest.update({ where: { id: contest.id }, data: { phase: "OPEN", entryCodeSeq: 3 } });
    const page = (await getSettingsPage(contest.id, NOW))!;
    expect(page.locked).toMatchObject({
      slug: "editor:settings.locked.afterDraft",
      timeZone: "editor:settings.locked.afterDraft",
      opensAt: "editor:settings.locked.afterDraft",
      entryCodePrefix: "editor:settings.locked.codesIssued",
    });
    expect(page.locked.closesAt).toBeUndefined();
    const refused = await save({ slug: "dia-chi-moi", entryCodePrefix: "PS-", closesAt: "2026-06-29T23:59", title: "Tên mới" }, page.values);
    expect(refused).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: {
        slug: ["editor:settings.locked.afterDraft"],
        closesAt: ["editor:settings.locked.extendOnly"],
        entryCodePrefix: ["editor:settings.locked.codesIssued"],
      },
    });
    expect(await contestRow(contest.id)).toMatchObject({ title: "Cuộc thi viết chính luận 2026", entryCodePrefix: "CL-", closesAt: CLOSES, version: 1 });
    // Extending is fine, and moves the scheduled closing.
    expect(await save({ closesAt: "2026-07-15T23:59", graceMinutes: 30 }, page.values)).toMatchObject({ ok: true, changed: ["closesAt", "graceMinutes"] });
    expect(await pending(contest.id)).toEqual([{ toPhase: "CLOSED", runAt: new Date("2026-07-15T17:29:00Z") }]);
  });

  it("reads the typed times in the zone chosen in the same save", async () => {
    const { contest, save } = await setUp();
    expect(await save({ timeZone: "Europe/Berlin", opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL })).toMatchObject({ ok: true });
    // 08:00 in Berlin on 1 May is 06:00 UTC (summer time).
    expect(await contestRow(contest.id)).toMatchObject({ opensAt: new Date("2026-05-01T06:00:00Z"), closesAt: new Date("2026-06-30T21:59:00Z") });
  });
});

describe("the time zones offered", () => {
  it("puts Vietnam first with its offset, and keeps a contest's unusual zone", () => {
    const summer = new Date("2026-07-01T00:00:00Z");
    const usual = timeZoneOptions("Asia/Ho_Chi_Minh", summer);
    expect(usual[0]).toEqual({ id: "Asia/Ho_Chi_Minh", offset: "+07:00" });
    expect(usual.find((z) => z.id === "America/New_York")).toEqual({ id: "America/New_York", offset: "-04:00" });
    expect(usual.find((z) => z.id === "Asia/Kolkata")).toEqual({ id: "Asia/Kolkata", offset: "+05:30" });
    const unusual = timeZoneOptions("Pacific/Chatham", summer);
    expect(unusual.slice(0, 2)).toEqual([
      { id: "Asia/Ho_Chi_Minh", offset: "+07:00" },
      { id: "Pacific/Chatham", offset: "+12:45" },
    ]);
    expect(unusual).toHaveLength(usual.length + 1);
  });
});

describe("the schedule", () => {
  it("saving creates the pending opening and closing, and replaces them when the times move", async () => {
    const { contest, save } = await setUp();
    await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL, graceMinutes: 10 });
    expect(await pending(contest.id)).toEqual([
      { toPhase: "OPEN", runAt: OPENS },
      { toPhase: "CLOSED", runAt: new Date("2026-06-30T17:09:00Z") },
    ]);
    const page = (await getSettingsPage(contest.id, NOW))!;
    expect(page.schedule.map((c) => c.toPhase)).toEqual(["OPEN", "CLOSED"]);
    const openingId = page.schedule[0]!.id;

    await save({ closesAt: "2026-07-31T23:59" }, page.values);
    const moved = await prisma.phaseChange.findMany({ where: { contestId: contest.id, doneAt: null }, orderBy: { runAt: "asc" } });
    expect(moved.map((c) => [c.toPhase, c.runAt])).toEqual([
      ["OPEN", OPENS],
      ["CLOSED", new Date("2026-07-31T17:09:00Z")],
    ]);
    expect(moved[0]!.id).toBe(openingId); // the unchanged opening is kept, not recreated

    await save({ opensAt: undefined }, (await getSettingsPage(contest.id, NOW))!.values);
    expect(await pending(contest.id)).toEqual([{ toPhase: "CLOSED", runAt: new Date("2026-07-31T17:09:00Z") }]);
    expect(await prisma.phaseChange.count({ where: { contestId: contest.id } })).toBe(1);
  });

  it("leaves rows that already ran alone, and changes nothing when the plan already holds", async () => {
    const { contest, save } = await setUp();
    await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL });
    const done = await prisma.phaseChange.create({ data: { contestId: contest.id, toPhase: "OPEN", runAt: NOW, doneAt: NOW } });
    expect(await prisma.$transaction((tx) => syncPhaseSchedule(tx, contest.id, NOW))).toBeNull();
    expect(await prisma.phaseChange.findUnique({ where: { id: done.id } })).not.toBeNull();
  });

  it("a due run opens a ready contest exactly once", async () => {
    const { contest, save } = await setUp();
    await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL });
    const [first, second] = await Promise.all([runDuePhaseChanges(OPENS), runDuePhaseChanges(OPENS)]);
    expect([...first!, ...second!].filter((r) => r.contestId === contest.id)).toMatchObject([{ to: "OPEN", outcome: "applied" }]);
    expect((await contestRow(contest.id)).phase).toBe("OPEN");
    expect(await prisma.auditLog.count({ where: { contestId: contest.id, action: "contest.phase" } })).toBe(1);
    expect((await runDuePhaseChanges(new Date(OPENS.getTime() + 60_000))).filter((r) => r.contestId === contest.id)).toEqual([]);
    expect(await pending(contest.id)).toEqual([{ toPhase: "CLOSED", runAt: CLOSES }]);
  });

  it("a contest that is not ready stays a draft, with the refusal in the audit log", async () => {
    const { contest, save } = await setUp({ ready: false });
    await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL });
    const runs = (await runDuePhaseChanges(OPENS)).filter((r) => r.contestId === contest.id);
    expect(runs).toMatchObject([{ to: "OPEN", outcome: "refused", reasons: ["contests:phase.errors.noCategory", "contests:phase.errors.noRubric"] }]);
    expect((await contestRow(contest.id)).phase).toBe("DRAFT");
    const refusals = await prisma.auditLog.findMany({ where: { contestId: contest.id, action: "contest.phaseRefused" } });
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!.data)).toMatchObject({ from: "DRAFT", to: "OPEN", reasons: ["contests:phase.errors.noCategory", "contests:phase.errors.noRubric"] });
  });
});

describe("lifecycle steps from the settings page", () => {
  it("takes a step the guards allow and re-plans the schedule in the same commit", async () => {
    const { contest, organizerId, save } = await setUp();
    await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL });
    expect((await getSettingsPage(contest.id, NOW))!.steps).toEqual([
      { to: "OPEN", ok: true, reasons: [] },
      { to: "ARCHIVED", ok: true, reasons: [] },
    ]);
    // Opening by hand before the scheduled time: the scheduled opening goes, the closing stays.
    expect(await takePhaseStep({ contestId: contest.id, from: "DRAFT", to: "OPEN", actorId: organizerId, now: NOW })).toEqual({ ok: true, from: "DRAFT", to: "OPEN" });
    expect(await pending(contest.id)).toEqual([{ toPhase: "CLOSED", runAt: CLOSES }]);
    // Closing early: nothing left to run.
    expect(await takePhaseStep({ contestId: contest.id, from: "OPEN", to: "CLOSED", actorId: organizerId, now: NOW })).toMatchObject({ ok: true });
    expect(await pending(contest.id)).toEqual([]);
    const page = (await getSettingsPage(contest.id, NOW))!;
    expect(page.steps.find((s) => s.to === "JUDGING")).toMatchObject({ ok: false, reasons: expect.arrayContaining(["contests:phase.errors.noEligibleEntries"]) });
  });

  it("refuses a step from a stale page and writes nothing", async () => {
    const { contest, organizerId, save } = await setUp();
    await save({ opensAt: OPENS_LOCAL, closesAt: CLOSES_LOCAL });
    const before = await pending(contest.id);
    expect(await takePhaseStep({ contestId: contest.id, from: "OPEN", to: "CLOSED", actorId: organizerId, now: NOW })).toMatchObject({
      ok: false,
      reasons: ["contests:phase.errors.changedMeanwhile"],
    });
    expect((await contestRow(contest.id)).phase).toBe("DRAFT");
    expect(await pending(contest.id)).toEqual(before);
    expect(await prisma.auditLog.count({ where: { contestId: contest.id, action: "contest.phase" } })).toBe(0);
  });
});
