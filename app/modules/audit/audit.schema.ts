// The audit log viewer's filter, shared by the browser (the filter form) and the server
// (the page and the CSV export). Messages are i18n keys.
import { z } from "zod";

/** Rows per page of the viewer. */
export const AUDIT_PAGE_SIZE = 50;
/** The actor filter's value for records written by the system (scheduler, demo seed): no actor. */
export const SYSTEM_ACTOR = "system";
/** Actions the viewer has a translated label for (audit:actions.*); any other is shown raw. */
export const KNOWN_AUDIT_ACTIONS = [
  "auth.signIn",
  "auth.signUp",
  "auth.passwordReset",
  "contest.create",
  "contest.phase",
  "contest.phaseRefused",
  "contest.update",
  "contest.tieBreak",
  "contest.banner",
  "category.create",
  "category.update",
  "category.reorder",
  "category.delete",
  "category.prizeTiers",
  "invitation.create",
  "invitation.accept",
  "invitation.resend",
  "invitation.revoke",
  "member.revoke",
  "user.setOrganizer",
  "user.setUnit",
  "judge.setExpertise",
  "conflict.detect",
  "conflict.declare",
  "conflict.decide",
  "assignment.apply",
  "assignment.manualAdd",
  "assignment.manualRemove",
  "assignment.repair",
  "assignment.extraReader",
  "assignment.recuse",
  "round.create",
  "round.update",
  "round.move",
  "round.delete",
  "round.distribute",
  "round.advance",
  "panel.create",
  "panel.update",
  "panel.delete",
  "panel.addJudge",
  "panel.updateJudge",
  "panel.setChair",
  "panel.removeJudge",
  "originality.run",
  "panel.remind",
  "resolution.record",
  "scoresheet.reopen",
  "scoresheet.importPaper",
  "rubric.create",
  "rubric.update",
  "scoresheet.start",
  "scoresheet.submit",
  "masking.addTerm",
  "masking.excludeTerm",
  "masking.removeTerm",
  "results.decideTie",
  "results.publish",
  "entry.saveDraft",
  "entry.submit",
  "entry.update",
  "entry.withdraw",
  "entry.decide",
  "demo.seed",
] as const;
export type KnownAuditAction = (typeof KNOWN_AUDIT_ACTIONS)[number];

export function isKnownAuditAction(action: string): action is KnownAuditAction {
  return (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** The i18n key of an action's label, when there is one. */
export function auditActionKey(action: string): `audit:actions.${KnownAuditAction}` | null {
  return isKnownAuditAction(action) ? `audit:actions.${action}` : null;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day "YYYY-MM-DD" that exists (2026-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const day = z.string().trim().refine(isCalendarDate, "validation.invalid").optional();
const cursor = z.coerce.number({ invalid_type_error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid").optional();

/**
 * Who (actor id, or SYSTEM_ACTOR), what (action), when (from/to: days in the contest's time
 * zone, both inclusive), and where in the list: `before` (older than this id, the next page)
 * or `after` (newer than this id, the previous page).
 */
export const auditFilterSchema = z
  .object({
    actor: z.string().trim().max(64, `validation.tooLong|{"max":64}`).optional(),
    action: z.string().trim().max(100, `validation.tooLong|{"max":100}`).optional(),
    from: day,
    to: day,
    before: cursor,
    after: cursor,
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "audit:errors.toBeforeFrom" });
    }
  });

export type AuditFilter = z.infer<typeof auditFilterSchema>;
