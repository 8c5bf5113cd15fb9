// Reminding a panel's judges of their unfinished scoresheets (issue 5, item 6): one click on the
// chair's view sends each judge with work left one e-mail in their own language (User.locale)
// with how many of the panel's sheets they still have to submit, the round's deadline in the
// contest's time zone and a link to their desk; no entry titles or codes.
//
// Rate limit: once per REMINDER_WINDOW_HOURS per panel, whoever sends (the chair and the
// organizers share the panel's counter), through the database rate limiter (auth/rate-limit.server),
// so every app instance agrees. A click with nobody to remind does not use the window up.
// The contest must be judging. Sent reminders are audited "panel.remind" {recipients, sheets}.
import { audit } from "#app/modules/audit/audit.server";
import { hit, refund } from "#app/modules/auth/rate-limit.server";
import { judgingReminderMail } from "#app/modules/mail/judging-reminder.server";
import { queueMail } from "#app/modules/mail/outbox.server";
import { NOT_FOUND, refused, type Refusal } from "#app/modules/panels/refusal";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { isLanguage } from "#app/utils/i18n";
import { CHAIR_ERRORS, REMINDER_WINDOW_HOURS } from "./chair.schema";
import type { ChairAccess } from "./chair.server";

export const REMINDER_WINDOW_MS = REMINDER_WINDOW_HOURS * 60 * 60 * 1000;

export function reminderKey(panelId: string): string {
  return `reminders:panel:${panelId}`;
}

/** The address of a judge's desk, where their assigned entries are. */
export function deskUrl(): string {
  return `${env().appUrl}/judge`;
}

export interface PendingJudge {
  judgeId: string;
  name: string;
  email: string;
  locale: string;
  /** ACTIVE assignments of the panel without a submitted sheet. */
  remaining: number;
}

/** The panel's judges (of the contest, not revoked, not disabled) with sheets still to submit. */
export async function pendingJudges(access: Pick<ChairAccess, "panelId" | "contestId">): Promise<PendingJudge[]> {
  const open = await prisma.assignment.findMany({
    where: {
      panelId: access.panelId,
      status: "ACTIVE",
      OR: [{ scoresheet: { is: null } }, { scoresheet: { is: { status: "DRAFT" } } }],
      judge: { disabledAt: null, memberships: { some: { contestId: access.contestId, role: "JUDGE", revokedAt: null } } },
    },
    select: { judgeId: true, judge: { select: { name: true, email: true, locale: true } } },
  });
  const byJudge = new Map<string, PendingJudge>();
  for (const a of open) {
    const cur = byJudge.get(a.judgeId);
    if (cur) cur.remaining++;
    else byJudge.set(a.judgeId, { judgeId: a.judgeId, name: a.judge.name, email: a.judge.email, locale: a.judge.locale, remaining: 1 });
  }
  return [...byJudge.values()].sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1));
}

/** When the panel's judges may be reminded again (null: now). */
export async function nextReminderAt(panelId: string, now = new Date()): Promise<Date | null> {
  const row = await prisma.rateLimit.findUnique({ where: { key: reminderKey(panelId) }, select: { windowStart: true, count: true } });
  if (!row || row.count < 1) return null;
  const next = new Date(row.windowStart.getTime() + REMINDER_WINDOW_MS);
  return next > now ? next : null;
}

export type ReminderResult =
  | { ok: true; recipients: number; sheets: number }
  | { ok: false; status: "rateLimited"; retryAfterSeconds: number }
  | Refusal;

export interface ReminderInput {
  access: ChairAccess;
  actorId: string;
  ip?: string | null;
  now?: Date;
}

/** Sends the reminders (see the top of the file). */
export async function sendPanelReminders(input: ReminderInput): Promise<ReminderResult> {
  const { access } = input;
  const panel = await prisma.panel.findFirst({
    where: { id: access.panelId, round: { id: access.roundId, contestId: access.contestId } },
    select: { name: true, round: { select: { name: true, judgingDeadline: true, contest: { select: { title: true, phase: true, timeZone: true } } } } },
  });
  if (!panel) return NOT_FOUND;
  const { round } = panel;
  if (round.contest.phase !== "JUDGING") return refused(CHAIR_ERRORS.notJudging);
  const judges = await pendingJudges(access);
  if (judges.length === 0) return refused(CHAIR_ERRORS.nothingToRemind);

  const key = reminderKey(access.panelId);
  const slot = await hit(key, { limit: 1, windowMs: REMINDER_WINDOW_MS, now: input.now });
  if (!slot.allowed) return { ok: false, status: "rateLimited", retryAfterSeconds: slot.retryAfterSeconds };

  const url = deskUrl();
  // The messages and the audit record in one transaction: all are queued, or none and the window is given back.
  try {
    await prisma.$transaction(async (tx) => {
      for (const judge of judges) {
        const content = judgingReminderMail(isLanguage(judge.locale) ? judge.locale : "vi", {
          contestTitle: round.contest.title,
          roundName: round.name,
          panelName: panel.name,
          remaining: judge.remaining,
          deadline: round.judgingDeadline,
          timeZone: round.contest.timeZone,
          url,
        });
        await queueMail(tx, { to: judge.email, ...content });
      }
      await audit(tx, {
        actorId: input.actorId,
        contestId: access.contestId,
        action: "panel.remind",
        targetType: "Panel",
        targetId: access.panelId,
        data: {
          roundId: access.roundId,
          recipients: judges.length,
          sheets: judges.reduce((s, j) => s + j.remaining, 0),
          judgeIds: judges.map((j) => j.judgeId),
        },
        ip: input.ip ?? null,
      });
    });
  } catch (error) {
    await refund(key);
    throw error;
  }
  return { ok: true, recipients: judges.length, sheets: judges.reduce((s, j) => s + j.remaining, 0) };
}
