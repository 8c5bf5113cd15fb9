import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { type AssignmentPreview, applyAssignment, previewAssignment, type PreviewResult } from "./assignment.server";

const hex = () => crypto.randomBytes(4).toString("hex");

/**
 * A contest in judging with one round (k = 3), panels of the given sizes, `perPanel` eligible
 * entries with RoundEntry rows on each panel, and a declared conflict between the last panel's
 * first judge and first entry.
 */
async function setup(judgesPerPanel: number[] = [4, 4], perPanel = 5) {
  const organizer = await createTestUser({ isOrganizer: true });
  const contest = await prisma.contest.create({
    data: { title: "Chính luận 2026", slug: `c-${hex()}`, phase: "CLOSED", createdById: organizer.id },
  });
  const category = await prisma.category.create({ data: { contestId: contest.id, name: "Cán bộ" } });
  const round = await prisma.round.create({ data: { contestId: contest.id, position: 1, name: "Sơ khảo", readsPerEntry: 3 } });
  const submitter = await createTestUser();
  const panels: { id: string; judgeIds: string[]; entryIds: string[] }[] = [];
  let n = 0;
  for (const [p, size] of judgesPerPanel.entries()) {
    const panel = await prisma.panel.create({ data: { roundId: round.id, name: `Tiểu ban ${p + 1}`, categoryId: category.id } });
    const judgeIds: string[] = [];
    for (let j = 0; j < size; j++) {
      const judge = await createTestUser({ name: `Giám khảo ${p + 1}.${j + 1}` });
      await prisma.contestMember.create({ data: { contestId: contest.id, userId: judge.id, role: "JUDGE" } });
      await prisma.panelJudge.create({ data: { panelId: panel.id, userId: judge.id, isChair: j === 0 } });
      judgeIds.push(judge.id);
    }
    const entryIds: string[] = [];
    for (let e = 0; e < perPanel; e++) {
      n++;
      const entry = await prisma.entry.create({
        data: {
          contestId: contest.id,
          categoryId: category.id,
          submitterId: submitter.id,
          title: `Bài số ${n}`,
          status: "ELIGIBLE",
          entryCode: `CL-${String(n).padStart(3, "0")}`,
          anonymousCode: `P-${hex()}`,
        },
      });
      await prisma.roundEntry.create({ data: { roundId: round.id, entryId: entry.id, panelId: panel.id } });
      entryIds.push(entry.id);
    }
    panels.push({ id: panel.id, judgeIds, entryIds });
  }
  const last = panels.at(-1)!;
  const conflict = { judgeId: last.judgeIds[0]!, entryId: last.entryIds[0]! };
  await prisma.conflictOfInterest.create({
    data: { contestId: contest.id, ...conflict, source: "DECLARED", status: "CONFIRMED", reason: "Người thân" },
  });
  return { organizer, contest, category, round, panels, conflict };
}

function expectPreview(result: PreviewResult): AssignmentPreview {
  if (!result.ok) throw new Error(`expected a preview, got ${result.status}`);
  return result;
}

async function activeRows(roundId: string) {
  return prisma.assignment.findMany({ where: { roundId, status: "ACTIVE" }, orderBy: { id: "asc" } });
}

async function snapshot(roundId: string, contestId: string) {
  const [rows, audits] = await Promise.all([
    prisma.assignment.findMany({ where: { roundId }, orderBy: { id: "asc" }, select: { id: true, judgeId: true, entryId: true, status: true, panelId: true } }),
    prisma.auditLog.count({ where: { contestId } }),
  ]);
  return { rows, audits };
}

/** Previews and applies with the preview's fingerprint. */
async function run(roundId: string, actorId: string, seed = 7) {
  const preview = expectPreview(await previewAssignment({ roundId, seed }));
  const applied = await applyAssignment({ roundId, seed, actorId, expectedFingerprint: preview.fingerprint });
  return { preview, applied };
}

describe("previewAssignment", () => {
  it("gives every entry exactly 3 judges of its panel, never the conflicted one, and writes nothing", async () => {
    const s = await setup();
    const before = await snapshot(s.round.id, s.contest.id);
    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 1 }));

    expect(preview.changes).toMatchObject({ added: 30, removed: 0, kept: 0 });
    const judgesOf = new Map<string, Set<string>>();
    for (const p of preview.changes.addedPairs) {
      const set = judgesOf.get(p.entryId) ?? new Set();
      set.add(p.judgeId);
      judgesOf.set(p.entryId, set);
      const panel = s.panels.find((x) => x.id === p.panelId)!;
      expect(panel.entryIds).toContain(p.entryId);
      expect(panel.judgeIds).toContain(p.judgeId);
      expect(p.entryCode).toMatch(/^CL-\d{3}$/);
      expect(p.title).toMatch(/^Bài số /);
      expect(p.judgeName).toMatch(/^Giám khảo /);
    }
    expect(judgesOf.size).toBe(10);
    for (const judges of judgesOf.values()) expect(judges.size).toBe(3);
    expect(judgesOf.get(s.conflict.entryId)!.has(s.conflict.judgeId)).toBe(false);

    // 15 reads over 4 judges per panel: loads within one of each other.
    expect(preview.panels).toHaveLength(2);
    for (const panel of preview.panels) {
      expect(panel.judges.map((j) => j.before)).toEqual([0, 0, 0, 0]);
      const loads = panel.judges.map((j) => j.after);
      expect(loads.reduce((a, b) => a + b, 0)).toBe(15);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
    expect(preview.blocked).toEqual([]);
    expect(await snapshot(s.round.id, s.contest.id)).toEqual(before);
  });

  it("reports an unknown round", async () => {
    expect(await previewAssignment({ roundId: "nope", seed: 1 })).toMatchObject({ ok: false, status: "notFound" });
  });
});

describe("applyAssignment", () => {
  it("writes 30 ACTIVE rows and an audit record; a second preview keeps everything", async () => {
    const s = await setup();
    const { applied } = await run(s.round.id, s.organizer.id);
    expect(applied).toEqual({ ok: true, added: 30, reactivated: 0, removed: 0, kept: 0, fixed: 0 });

    const rows = await activeRows(s.round.id);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.source === "AUTO")).toBe(true);
    expect(rows.some((r) => r.judgeId === s.conflict.judgeId && r.entryId === s.conflict.entryId)).toBe(false);
    const audits = await prisma.auditLog.findMany({ where: { contestId: s.contest.id, action: "assignment.apply" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: s.organizer.id, targetType: "Round", targetId: s.round.id });
    expect(JSON.parse(audits[0]!.data)).toEqual({ seed: 7, added: 30, reactivated: 0, removed: 0, removedManual: 0, kept: 0, fixed: 0 });

    const again = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 99 }));
    expect(again.changes).toEqual({ added: 0, removed: 0, kept: 30, addedPairs: [], removedPairs: [] });
    for (const panel of again.panels) for (const j of panel.judges) expect(j.after).toBe(j.before);
  });

  it("moves only a departed judge's pairs, marks them REMOVED, and reactivates a returning judge's rows", async () => {
    const s = await setup();
    await run(s.round.id, s.organizer.id);
    const [a, b] = s.panels[0]!.judgeIds as [string, string];
    const original = await activeRows(s.round.id);
    const ofA = original.filter((r) => r.judgeId === a);
    expect(ofA.length).toBeGreaterThan(0);

    await prisma.panelJudge.delete({ where: { panelId_userId: { panelId: s.panels[0]!.id, userId: a } } });
    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 7 }));
    expect(preview.changes.removed).toBe(ofA.length);
    expect(preview.changes.added).toBe(ofA.length);
    expect(preview.changes.kept).toBe(30 - ofA.length);
    expect(preview.changes.removedPairs.every((p) => p.judgeId === a)).toBe(true);
    expect(new Set(preview.changes.addedPairs.map((p) => p.entryId))).toEqual(new Set(ofA.map((r) => r.entryId)));

    const applied = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(applied).toEqual({ ok: true, added: ofA.length, reactivated: 0, removed: ofA.length, kept: 30 - ofA.length, fixed: 0 });
    const removed = await prisma.assignment.findMany({ where: { roundId: s.round.id, status: "REMOVED" } });
    expect(removed.map((r) => r.id).sort()).toEqual(ofA.map((r) => r.id).sort());
    expect(await activeRows(s.round.id)).toHaveLength(30);
    const untouched = original.filter((r) => r.judgeId !== a).map((r) => r.id);
    expect((await activeRows(s.round.id)).filter((r) => untouched.includes(r.id))).toHaveLength(untouched.length);

    // A comes back and B leaves: with 3 judges left, every entry of the panel gets A, and A's
    // REMOVED rows are reactivated rather than duplicated.
    await prisma.panelJudge.create({ data: { panelId: s.panels[0]!.id, userId: a } });
    await prisma.panelJudge.delete({ where: { panelId_userId: { panelId: s.panels[0]!.id, userId: b } } });
    const { applied: second } = await run(s.round.id, s.organizer.id);
    expect(second).toMatchObject({ ok: true, added: 5, reactivated: ofA.length, removed: 5 });
    const rowsOfA = await prisma.assignment.findMany({ where: { roundId: s.round.id, judgeId: a } });
    expect(rowsOfA).toHaveLength(5);
    expect(rowsOfA.every((r) => r.status === "ACTIVE" && r.source === "AUTO")).toBe(true);
    expect(await activeRows(s.round.id)).toHaveLength(30);
  });

  it("refuses a stale fingerprint and writes nothing", async () => {
    const s = await setup();
    const stale = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 7 }));
    await run(s.round.id, s.organizer.id);
    const before = await snapshot(s.round.id, s.contest.id);
    await prisma.panelJudge.deleteMany({ where: { panelId: s.panels[0]!.id, userId: s.panels[0]!.judgeIds[0]! } });

    const result = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: stale.fingerprint });
    expect(result).toMatchObject({ ok: false, status: "changedMeanwhile" });
    expect(await snapshot(s.round.id, s.contest.id)).toEqual(before);
  });

  it("refuses to remove a pair that holds a score, naming it, and writes nothing", async () => {
    const s = await setup();
    await run(s.round.id, s.organizer.id);
    const judge = s.panels[0]!.judgeIds[1]!;
    const row = (await activeRows(s.round.id)).find((r) => r.judgeId === judge)!;
    const rubric = await prisma.rubric.create({ data: { contestId: s.contest.id, name: "Thang điểm" } });
    const version = await prisma.rubricVersion.create({ data: { rubricId: rubric.id, version: 1 } });
    const criterion = await prisma.criterion.create({ data: { rubricVersionId: version.id, position: 0, name: "Nội dung", maxPoints: 10 } });
    await prisma.scoresheet.create({
      data: { assignmentId: row.id, rubricVersionId: version.id, scores: { create: { criterionId: criterion.id, points: 7 } } },
    });
    await prisma.panelJudge.deleteMany({ where: { panelId: s.panels[0]!.id, userId: judge } });

    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 7 }));
    expect(preview.blocked.map((p) => [p.entryId, p.judgeId])).toEqual([[row.entryId, judge]]);
    const before = await snapshot(s.round.id, s.contest.id);
    const result = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(result).toMatchObject({ ok: false, status: "scored" });
    if (result.ok || result.status !== "scored") throw new Error("unreachable");
    expect(result.pairs.map((p) => p.entryId)).toEqual([row.entryId]);
    expect(await snapshot(s.round.id, s.contest.id)).toEqual(before);
  });

  it("reports the entries of an infeasible round by entry code and writes nothing", async () => {
    const s = await setup([4, 2], 3);
    const preview = await previewAssignment({ roundId: s.round.id, seed: 7 });
    expect(preview).toMatchObject({ ok: false, status: "infeasible" });
    if (preview.ok || preview.status !== "infeasible") throw new Error("unreachable");
    expect(preview.uncovered.map((u) => u.entryCode)).toEqual(["CL-004", "CL-005", "CL-006"]);
    expect(preview.uncovered.every((u) => u.panelName === "Tiểu ban 2" && u.reason === "too-few-eligible-judges")).toBe(true);
    expect(preview.uncovered[0]!.title).toBe("Bài số 4");

    const before = await snapshot(s.round.id, s.contest.id);
    const result = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(result).toMatchObject({ ok: false, status: "infeasible" });
    expect(await snapshot(s.round.id, s.contest.id)).toEqual(before);
    expect(await prisma.assignment.count({ where: { round: { contestId: s.contest.id } } })).toBe(0);
  });
});

/** An Assignment row written by hand (what the manual-override screens write). */
async function row(s: Awaited<ReturnType<typeof setup>>, panel: number, entryId: string, judgeId: string, source: "MANUAL" | "EXTRA_READER" | "AUTO", status: "ACTIVE" | "REMOVED" | "RECUSED") {
  return prisma.assignment.create({ data: { roundId: s.round.id, panelId: s.panels[panel]!.id, entryId, judgeId, source, status } });
}

function judgesOf(preview: AssignmentPreview, entryId: string) {
  return preview.changes.addedPairs.filter((p) => p.entryId === entryId).map((p) => p.judgeId);
}

describe("manual pairs and extra readers", () => {
  it("keeps a valid manual pair whatever it costs, counts it in k, and removes it (as AUTO) once its judge leaves the panel", async () => {
    const s = await setup([4, 4], 5);
    const [entry] = s.panels[0]!.entryIds as [string];
    const judge = s.panels[0]!.judgeIds[1]!;
    // The judge would rather not read it: a manual pair stays anyway.
    await prisma.judgePreference.create({ data: { contestId: s.contest.id, userId: judge, kind: "UNWILLING", entryId: entry } });
    const manual = await row(s, 0, entry, judge, "MANUAL", "ACTIVE");

    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 3 }));
    expect(preview).toMatchObject({ fixed: 1, changes: { kept: 1, added: 29, removed: 0 } });
    expect(judgesOf(preview, entry)).toHaveLength(2);
    expect(judgesOf(preview, entry)).not.toContain(judge);
    const applied = await applyAssignment({ roundId: s.round.id, seed: 3, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(applied).toEqual({ ok: true, added: 29, reactivated: 0, removed: 0, kept: 1, fixed: 1 });
    const ofEntry = (await activeRows(s.round.id)).filter((r) => r.entryId === entry);
    expect(ofEntry).toHaveLength(3);
    expect(ofEntry.find((r) => r.id === manual.id)).toMatchObject({ source: "MANUAL", status: "ACTIVE" });

    await prisma.panelJudge.delete({ where: { panelId_userId: { panelId: s.panels[0]!.id, userId: judge } } });
    const again = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 3 }));
    expect(again.fixed).toBe(0);
    expect(again.changes.removedPairs.map((p) => [p.entryId, p.judgeId])).toContainEqual([entry, judge]);
    await applyAssignment({ roundId: s.round.id, seed: 3, actorId: s.organizer.id, expectedFingerprint: again.fingerprint });
    // Removed by the solver, not by hand: it may be assigned again later.
    expect(await prisma.assignment.findUnique({ where: { id: manual.id } })).toMatchObject({ status: "REMOVED", source: "AUTO" });
    const audit = await prisma.auditLog.findFirst({ where: { contestId: s.contest.id, action: "assignment.apply" }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit!.data)).toMatchObject({ removedManual: 1, fixed: 0 });
  });

  it("removes a manual pair that became conflicted", async () => {
    const s = await setup([4, 4], 3);
    const [entry] = s.panels[0]!.entryIds as [string];
    const judge = s.panels[0]!.judgeIds[2]!;
    const manual = await row(s, 0, entry, judge, "MANUAL", "ACTIVE");
    await run(s.round.id, s.organizer.id);
    await prisma.conflictOfInterest.create({ data: { contestId: s.contest.id, judgeId: judge, entryId: entry, source: "DETECTED", status: "PENDING" } });
    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 7 }));
    expect(preview.fixed).toBe(0);
    expect(preview.changes.removedPairs.map((p) => [p.entryId, p.judgeId])).toEqual([[entry, judge]]);
    expect(judgesOf(preview, entry)).toHaveLength(1);
    await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(await prisma.assignment.findUnique({ where: { id: manual.id } })).toMatchObject({ status: "REMOVED", source: "AUTO" });
    expect((await activeRows(s.round.id)).filter((r) => r.entryId === entry)).toHaveLength(3);
  });

  it("never assigns again a pair an organizer removed by hand, and names the entry when that leaves too few judges", async () => {
    const s = await setup([4], 5);
    const [entry] = s.panels[0]!.entryIds as [string];
    const [a, b] = s.panels[0]!.judgeIds as [string, string];
    const removed = await row(s, 0, entry, a, "MANUAL", "REMOVED");
    for (const seed of [1, 2, 3, 4, 5]) {
      const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed }));
      expect(judgesOf(preview, entry)).toHaveLength(3);
      expect(judgesOf(preview, entry)).not.toContain(a);
    }
    await run(s.round.id, s.organizer.id);
    expect(await prisma.assignment.findUnique({ where: { id: removed.id } })).toMatchObject({ status: "REMOVED", source: "MANUAL" });

    // The organizer takes a second judge off by hand: three judges of four are out of reach.
    await prisma.assignment.updateMany({ where: { roundId: s.round.id, entryId: entry, judgeId: b }, data: { status: "REMOVED", source: "MANUAL" } });
    const result = await previewAssignment({ roundId: s.round.id, seed: 7 });
    expect(result).toMatchObject({
      ok: false,
      status: "infeasible",
      uncovered: [{ entryId: entry, reason: "too-few-eligible-judges", eligibleJudges: 2, fixedJudges: 0, panelName: "Tiểu ban 1" }],
    });
  });

  it("leaves an extra reader outside the solver and never gives the entry the same judge twice", async () => {
    const s = await setup([4], 4);
    const entry = s.panels[0]!.entryIds[1]!; // the first one has a conflict (see setup)
    const judge = s.panels[0]!.judgeIds[3]!;
    const extra = await row(s, 0, entry, judge, "EXTRA_READER", "ACTIVE");
    for (const seed of [1, 2, 3]) {
      const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed }));
      expect(preview.changes).toMatchObject({ added: 12, removed: 0, kept: 0 });
      expect(judgesOf(preview, entry)).not.toContain(judge);
    }
    const { applied } = await run(s.round.id, s.organizer.id);
    expect(applied).toMatchObject({ ok: true, added: 12, reactivated: 0 });
    expect(await prisma.assignment.findUnique({ where: { id: extra.id } })).toMatchObject({ status: "ACTIVE", source: "EXTRA_READER" });
    expect((await activeRows(s.round.id)).filter((r) => r.entryId === entry)).toHaveLength(4);
  });

  it("names an entry with more manual judges than k, and writes nothing", async () => {
    const s = await setup([5], 2);
    const entry = s.panels[0]!.entryIds[1]!;
    for (const judge of s.panels[0]!.judgeIds.slice(1)) await row(s, 0, entry, judge, "MANUAL", "ACTIVE");
    const before = await snapshot(s.round.id, s.contest.id);
    const preview = await previewAssignment({ roundId: s.round.id, seed: 7 });
    expect(preview).toMatchObject({ ok: false, status: "infeasible", uncovered: [{ entryId: entry, reason: "too-many-fixed", fixedJudges: 4, entryCode: "CL-002" }] });
    if (preview.ok || preview.status !== "infeasible") throw new Error("unreachable");
    const result = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(result).toMatchObject({ ok: false, status: "infeasible" });
    expect(await snapshot(s.round.id, s.contest.id)).toEqual(before);
  });
});

describe("calibration across panels", () => {
  it("joins two panels through a judge seated on both, balances that judge's total, and reports the isolated panel", async () => {
    const s = await setup([4, 4, 4], 5);
    const shared = s.panels[0]!.judgeIds[1]!;
    await prisma.panelJudge.create({ data: { panelId: s.panels[1]!.id, userId: shared } });
    const sharedName = (await prisma.user.findUniqueOrThrow({ where: { id: shared } })).name;

    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 11 }));
    expect(preview.calibration).toEqual({
      components: [
        {
          panels: [
            { panelId: s.panels[0]!.id, name: "Tiểu ban 1" },
            { panelId: s.panels[1]!.id, name: "Tiểu ban 2" },
          ],
          sharedJudges: [{ judgeId: shared, name: sharedName }],
          unlinkedSeats: [],
          readGroups: [
            [
              { panelId: s.panels[0]!.id, name: "Tiểu ban 1" },
              { panelId: s.panels[1]!.id, name: "Tiểu ban 2" },
            ],
          ],
        },
      ],
      isolatedPanels: [{ panelId: s.panels[2]!.id, name: "Tiểu ban 3" }],
    });
    // The shared judge reads in both panels; 30 reads over the 8 judges of the two panels are
    // balanced on totals: 3 or 4 each.
    const total = new Map<string, number>();
    for (const panel of preview.panels.slice(0, 2)) {
      for (const j of panel.judges) total.set(j.judgeId, (total.get(j.judgeId) ?? 0) + j.after);
    }
    expect(preview.panels.slice(0, 2).every((p) => p.judges.find((j) => j.judgeId === shared)!.after > 0)).toBe(true);
    expect(total.size).toBe(8);
    expect([...total.values()].reduce((a, b) => a + b, 0)).toBe(30);
    for (const load of total.values()) expect([3, 4]).toContain(load);
  });
});

describe("the fingerprint of a preview", () => {
  it("refuses an apply when any input changed meanwhile (seat, cap, conflict, recusal, manual pair, entries, k, preference, seed), but not for a new chair", async () => {
    const s = await setup([4, 4], 4);
    await run(s.round.id, s.organizer.id);
    const [p0, p1] = s.panels as [(typeof s.panels)[0], (typeof s.panels)[0]];
    const someRow = async (judgeId: string) => (await activeRows(s.round.id)).find((r) => r.judgeId === judgeId)!;
    const changes: [string, () => Promise<unknown>][] = [
      ["a cap", () => prisma.panelJudge.update({ where: { panelId_userId: { panelId: p0.id, userId: p0.judgeIds[0]! } }, data: { maxLoad: 3 } })],
      ["a seat", () => prisma.panelJudge.create({ data: { panelId: p1.id, userId: p0.judgeIds[2]! } })],
      ["a conflict", () => prisma.conflictOfInterest.create({ data: { contestId: s.contest.id, judgeId: p0.judgeIds[1]!, entryId: p0.entryIds[2]!, source: "DETECTED", status: "PENDING" } })],
      ["a recusal", async () => prisma.assignment.update({ where: { id: (await someRow(p1.judgeIds[1]!)).id }, data: { status: "RECUSED" } })],
      ["a manual removal", async () => prisma.assignment.update({ where: { id: (await someRow(p1.judgeIds[2]!)).id }, data: { status: "REMOVED", source: "MANUAL" } })],
      ["an entry's panel", () => prisma.roundEntry.updateMany({ where: { roundId: s.round.id, entryId: p0.entryIds[3]! }, data: { panelId: p1.id } })],
      ["an entry's eligibility", () => prisma.entry.update({ where: { id: p1.entryIds[3]! }, data: { status: "DISQUALIFIED" } })],
      ["k", () => prisma.round.update({ where: { id: s.round.id }, data: { readsPerEntry: 2 } })],
      ["a preference", () => prisma.judgePreference.create({ data: { contestId: s.contest.id, userId: p0.judgeIds[0]!, kind: "EXPERTISE", categoryId: s.category.id } })],
    ];
    for (const [what, change] of changes) {
      const preview = await previewAssignment({ roundId: s.round.id, seed: 7 });
      if (!("fingerprint" in preview)) throw new Error("unreachable");
      await change();
      const before = await snapshot(s.round.id, s.contest.id);
      const result = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
      expect({ what, result }).toEqual({ what, result: { ok: false, status: "changedMeanwhile" } });
      expect(await snapshot(s.round.id, s.contest.id)).toEqual(before);
    }

    const preview = expectPreview(await previewAssignment({ roundId: s.round.id, seed: 7 }));
    const otherSeed = await applyAssignment({ roundId: s.round.id, seed: 8, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(otherSeed).toEqual({ ok: false, status: "changedMeanwhile" });
    await prisma.panelJudge.update({ where: { panelId_userId: { panelId: p0.id, userId: p0.judgeIds[0]! } }, data: { isChair: false } });
    await prisma.panelJudge.update({ where: { panelId_userId: { panelId: p0.id, userId: p0.judgeIds[1]! } }, data: { isChair: true } });
    const applied = await applyAssignment({ roundId: s.round.id, seed: 7, actorId: s.organizer.id, expectedFingerprint: preview.fingerprint });
    expect(applied).toMatchObject({ ok: true });
  });
});
