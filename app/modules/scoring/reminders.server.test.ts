// Reminders to a panel's judges: who receives one, in which language, what it says (and never
// says), and the per-panel rate limit across calls and senders.
import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest, createTestEntries } from "#tests/factories/contests";
import { mailsTo } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import type { ChairAccess } from "./chair.server";
import { nextReminderAt, REMINDER_WINDOW_MS, sendPanelReminders } from "./reminders.server";

const HOUR = 60 * 60 * 1000;

/** A judging contest; panel with judges 0 (chair, all submitted), 1 (two left, English), 2 (one draft left). */
async function setup(options: { blind?: boolean } = {}) {
  const { contest, organizerId, categories, rubricVersionId } = await createTestContest({
    phase: "JUDGING",
    categories: ["Học sinh"],
    rubric: true,
    blind: options.blind ?? true,
    title: "Cuộc thi Bảo vệ nền tảng tư tưởng",
  });
  const round = await createTestRound(contest.id, { name: "Vòng sơ khảo", rubricVersionId, readsPerEntry: 3 });
  await prisma.round.update({ where: { id: round.id }, data: { judgingDeadline: new Date("2026-12-20T10:00:00Z") } });
  const panel = await createTestPanel(round.id, { name: "Tiểu ban Nhắc" });
  const judges = [];
  for (let j = 0; j < 3; j++) {
    const m = await addContestMember(contest.id, "JUDGE", { name: `Giám khảo ${j}`, email: `gk-${j}-${contest.id}@example.test` });
    await seatJudge(panel.id, m.user.id, { isChair: j === 0 });
    judges.push(m.user);
  }
  await prisma.user.update({ where: { id: judges[1]!.id }, data: { locale: "en" } });
  const entries = await createTestEntries(contest.id, categories[0]!.id, 2);
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  for (const e of entries) {
    const a0 = await createTestAssignment(round.id, panel.id, e.id, judges[0]!.id);
    await prisma.scoresheet.create({ data: { assignmentId: a0.id, rubricVersionId: rubricVersionId!, status: "SUBMITTED", total: 70, submittedAt: new Date() } });
    await createTestAssignment(round.id, panel.id, e.id, judges[1]!.id);
  }
  const a2 = await createTestAssignment(round.id, panel.id, entries[0]!.id, judges[2]!.id);
  await prisma.scoresheet.create({ data: { assignmentId: a2.id, rubricVersionId: rubricVersionId!, status: "DRAFT", total: 12 } });
  // A recused read is not work left.
  await createTestAssignment(round.id, panel.id, entries[1]!.id, judges[2]!.id, { status: "RECUSED" });
  const access: ChairAccess = { panelId: panel.id, roundId: round.id, contestId: contest.id, isChair: true, isOrganizer: false };
  return { contest, organizerId, round, panel, judges, entries, access };
}

describe("sendPanelReminders", () => {
  it("e-mails each judge with work left, in their language, with counts, deadline and the desk, and nothing of the entries", async () => {
    const s = await setup();
    const result = await sendPanelReminders({ access: s.access, actorId: s.judges[0]!.id });
    expect(result).toEqual({ ok: true, recipients: 2, sheets: 3 });
    expect(await mailsTo(s.judges[0]!.email)).toEqual([]);

    const [english] = await mailsTo(s.judges[1]!.email);
    expect(english!.subject).toBe("Scoring reminder: scoresheets left to submit (2) — Cuộc thi Bảo vệ nền tảng tư tưởng");
    expect(english!.text).toContain("Tiểu ban Nhắc, Vòng sơ khảo");
    expect(english!.text).toContain("Scoring deadline: 20 December 2026 at 17:00");
    expect(english!.links).toEqual(["http://localhost:3000/judge"]);

    const [vietnamese] = await mailsTo(s.judges[2]!.email);
    expect(vietnamese!.subject).toBe("Nhắc việc chấm thi: còn 1 phiếu chấm chưa nộp — Cuộc thi Bảo vệ nền tảng tư tưởng");
    expect(vietnamese!.text).toContain("Bạn còn 1 phiếu chấm chưa nộp ở Tiểu ban Nhắc, Vòng sơ khảo");
    expect(vietnamese!.text).toContain("Hạn chấm: lúc 17:00 20 tháng 12, 2026 (giờ Asia/Ho_Chi_Minh).");

    for (const mail of [english!, vietnamese!]) {
      for (const e of s.entries) {
        for (const secret of [e.anonymousCode!, e.entryCode!, e.title]) {
          expect(mail.text).not.toContain(secret);
          expect(mail.html).not.toContain(secret);
        }
      }
    }
    const log = await prisma.auditLog.findFirstOrThrow({ where: { contestId: s.contest.id, action: "panel.remind" } });
    expect(JSON.parse(log.data)).toMatchObject({ recipients: 2, sheets: 3 });
  });

  it("sends once per window per panel, whoever asks, and again once the window is over", async () => {
    const s = await setup();
    const t0 = new Date(Date.now());
    expect(await sendPanelReminders({ access: s.access, actorId: s.judges[0]!.id, now: t0 })).toMatchObject({ ok: true });
    const organizer = { ...s.access, isChair: false, isOrganizer: true };
    const again = await sendPanelReminders({ access: organizer, actorId: s.organizerId, now: new Date(t0.getTime() + HOUR) });
    expect(again).toEqual({ ok: false, status: "rateLimited", retryAfterSeconds: 5 * 60 * 60 });
    expect(await mailsTo(s.judges[2]!.email)).toHaveLength(1);
    expect(await nextReminderAt(s.panel.id, new Date(t0.getTime() + HOUR))).toEqual(new Date(t0.getTime() + REMINDER_WINDOW_MS));

    // Another panel has its own window.
    const other = await setup();
    expect(await sendPanelReminders({ access: other.access, actorId: other.judges[0]!.id, now: new Date(t0.getTime() + HOUR) })).toMatchObject({ ok: true });

    const later = new Date(t0.getTime() + REMINDER_WINDOW_MS);
    expect(await nextReminderAt(s.panel.id, later)).toBeNull();
    expect(await sendPanelReminders({ access: s.access, actorId: s.judges[0]!.id, now: later })).toMatchObject({ ok: true, recipients: 2 });
    expect(await mailsTo(s.judges[2]!.email)).toHaveLength(2);
    expect(await prisma.auditLog.count({ where: { contestId: s.contest.id, action: "panel.remind" } })).toBe(2);
  });

  it("does not use the window up when nobody has work left, nor outside judging", async () => {
    const s = await setup();
    await prisma.assignment.updateMany({ where: { panelId: s.panel.id, judgeId: { not: s.judges[0]!.id } }, data: { status: "REMOVED" } });
    expect(await sendPanelReminders({ access: s.access, actorId: s.judges[0]!.id })).toEqual({ ok: false, status: "refused", error: "chair:errors.nothingToRemind" });
    expect(await nextReminderAt(s.panel.id)).toBeNull();

    await prisma.assignment.updateMany({ where: { panelId: s.panel.id, status: "REMOVED" }, data: { status: "ACTIVE" } });
    await prisma.contest.update({ where: { id: s.contest.id }, data: { phase: "FINALIZING" } });
    expect(await sendPanelReminders({ access: s.access, actorId: s.judges[0]!.id })).toEqual({ ok: false, status: "refused", error: "chair:errors.notJudging" });
    expect(await nextReminderAt(s.panel.id)).toBeNull();
    expect(await mailsTo(s.judges[2]!.email)).toEqual([]);
  });

  it("skips judges whose membership was revoked", async () => {
    const s = await setup();
    await prisma.contestMember.updateMany({ where: { contestId: s.contest.id, userId: s.judges[1]!.id }, data: { revokedAt: new Date() } });
    expect(await sendPanelReminders({ access: s.access, actorId: s.judges[0]!.id })).toEqual({ ok: true, recipients: 1, sheets: 1 });
    expect(await mailsTo(s.judges[1]!.email)).toEqual([]);
  });
});
