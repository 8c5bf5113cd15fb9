// The judge's scoresheet form, shared by the browser and the server (STYLE.md 3). The form's
// envelope (which button, the version it was loaded at, the typed scores as text, the two notes)
// is one static schema the routes parse; the rubric's own rules (each score a number between 0
// and the criterion's maximum, on its step; every criterion scored before submitting) are
// checkScores, which the server runs against the sheet's rubric version and the browser runs
// through sheetSchemaFor(criteria) while the judge types. One implementation, both sides.
//
// Scores are typed as text: "7,5" and "7.5" are the same score (Vietnamese writes a decimal
// comma). Messages are i18n keys of the "scoring" namespace, with parameters as "key|{json}".
import { z } from "zod";
import { isMultipleOfStep } from "#app/modules/rubrics/rubric-editor.schema";
import type { RubricLevel } from "#app/modules/rubrics/rubric.schema";

export const PRIVATE_NOTE_MAX = 4000;
export const FEEDBACK_MAX = 4000;
/** A typed score longer than this is not a score. */
export const SCORE_TEXT_MAX = 16;
/** The recusal's reason: as a declared conflict of interest (panels/conflicts.schema). */
export { CONFLICT_REASON_MAX as RECUSAL_REASON_MAX } from "#app/modules/panels/conflicts.schema";

/** "save" keeps a draft; "submit" checks completeness and locks the sheet. */
export const SHEET_INTENTS = ["save", "submit"] as const;
export type SheetIntent = (typeof SHEET_INTENTS)[number];

export const SCORE_ERRORS = {
  notANumber: "scoring:errors.notANumber",
  outOfRange: "scoring:errors.outOfRange",
  offStep: "scoring:errors.offStep",
  required: "scoring:errors.required",
} as const;

/** A criterion as the judge's form needs it. */
export interface ScoringCriterion {
  id: string;
  position: number;
  name: string;
  description: string;
  maxPoints: number;
  step: number;
  weight: number;
  /** Highest level first. */
  levels: RubricLevel[];
}

/** What the form holds: each score as typed (by criterion id), and the two notes. */
export interface SheetValues {
  scores: Record<string, string>;
  privateNote: string;
  feedback: string;
}

const SCORE_TEXT = /^\d+(?:[.,]\d+)?$/;

/**
 * A typed score as a number: digits with an optional decimal comma or point ("7", "7,5", "7.5",
 * " 12.25 "); null for anything else ("", "7,5,5", "1e1", "-1", "bảy").
 */
export function parseScore(text: string): number | null {
  const trimmed = text.trim();
  if (!SCORE_TEXT.test(trimmed)) return null;
  return Number(trimmed.replace(",", "."));
}

/** A stored score as the judge types it: a decimal comma in Vietnamese, a point in English. */
export function scoreText(points: number, lng: string): string {
  const text = String(points);
  return lng === "vi" ? text.replace(".", ",") : text;
}

/** The form's values for stored points (none: empty boxes). */
export function valuesFromPoints(points: Readonly<Record<string, number>>, notes: { privateNote: string; feedback: string }, lng: string): SheetValues {
  return {
    scores: Object.fromEntries(Object.entries(points).map(([id, p]) => [id, scoreText(p, lng)])),
    privateNote: notes.privateNote,
    feedback: notes.feedback,
  };
}

export interface CheckedScores {
  /** The scores that are valid, by criterion id. */
  points: Record<string, number>;
  /** Errors by form field name ("scores.<criterionId>"). */
  errors: Record<string, string[]>;
}

/**
 * Checks typed scores against a rubric version's criteria. An empty box is allowed on a draft
 * and refused on submission; a typed score must be a number (see parseScore) within
 * 0..maxPoints and a whole number of steps. Scores for criteria not in the rubric are ignored.
 * The maximum and step travel as numbers in the message's parameters; the translation formats
 * them in the reader's language ("{{max, number}}").
 */
export function checkScores(
  criteria: readonly ScoringCriterion[],
  scores: Readonly<Record<string, string | undefined>>,
  intent: SheetIntent,
): CheckedScores {
  const points: Record<string, number> = {};
  const errors: Record<string, string[]> = {};
  for (const c of criteria) {
    const field = `scores.${c.id}`;
    const text = scores[c.id]?.trim() ?? "";
    if (text === "") {
      if (intent === "submit") errors[field] = [SCORE_ERRORS.required];
      continue;
    }
    const p = text.length > SCORE_TEXT_MAX ? null : parseScore(text);
    if (p === null) errors[field] = [SCORE_ERRORS.notANumber];
    else if (p < 0 || p > c.maxPoints) errors[field] = [`${SCORE_ERRORS.outOfRange}|${JSON.stringify({ max: c.maxPoints })}`];
    else if (!isMultipleOfStep(p, c.step)) errors[field] = [`${SCORE_ERRORS.offStep}|${JSON.stringify({ step: c.step })}`];
    else points[c.id] = p;
  }
  return { points, errors };
}

const note = (max: number, key: string) =>
  z
    .string()
    .max(max, `${key}|${JSON.stringify({ max })}`)
    .default("");

/**
 * The envelope the sheet's form and its autosave post: the button, the version the page holds
 * (0 before the first save), the typed scores and the notes. An empty box is an empty string (no score).
 */
export const scoresheetFormSchema = z.object({
  intent: z.enum(SHEET_INTENTS, { errorMap: () => ({ message: "validation.invalid" }) }).default("save"),
  expectedVersion: z.coerce.number({ invalid_type_error: "validation.invalid" }).int("validation.invalid").min(0, "validation.invalid"),
  scores: z.record(z.string().optional()).default({}),
  privateNote: note(PRIVATE_NOTE_MAX, "scoring:errors.noteTooLong"),
  feedback: note(FEEDBACK_MAX, "scoring:errors.feedbackTooLong"),
});
export type ScoresheetForm = z.infer<typeof scoresheetFormSchema>;

/** The envelope with the rubric's rules: the browser's validation of a sheet of these criteria. */
export function sheetSchemaFor(criteria: readonly ScoringCriterion[]) {
  return scoresheetFormSchema.superRefine((form, ctx) => {
    const { errors } = checkScores(criteria, form.scores, form.intent);
    for (const [field, messages] of Object.entries(errors)) {
      for (const message of messages) ctx.addIssue({ code: z.ZodIssueCode.custom, path: field.split("."), message });
    }
  });
}

/** Declaring a conflict on an assigned entry: the reason, as any declared conflict. */
export { declareConflictSchema as recuseSchema } from "#app/modules/panels/conflicts.schema";
