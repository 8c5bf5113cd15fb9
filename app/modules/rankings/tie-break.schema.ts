// The declared tie-break chain of a contest (Contest.tieBreak, JSON), shared by the browser (the
// chain editor) and the server. Set before judging: locked once the contest enters JUDGING.
//
// Steps, applied in order to entries whose scores are equal (after rounding, see aggregate.ts):
//   criterion  the higher mean of the judges' points on the named criterion of the round's rubric
//              (named, not by id, so one chain serves every round and rubric version; a round whose
//              rubric has no criterion of that name skips the step);
//   topMarks   more top marks: the higher number of criteria scored at their maximum, per read;
//   chair      the jury chair's decision: an order the organizer records, with a reason, for each
//              group still tied. Only as the last step (nothing can break a tie after it).
// Ties the chain leaves are shown as ties; one that straddles a prize boundary or the advance cut
// is always flagged for the organizer to decide, with a reason, chair step or not.
import { z } from "zod";

export const TIE_BREAK_MAX_STEPS = 6;
export const CRITERION_NAME_MAX = 200;

export type TieBreakStep = { kind: "criterion"; name: string } | { kind: "topMarks" } | { kind: "chair" };

export const tieBreakStepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("criterion"), name: z.string().trim().min(1).max(CRITERION_NAME_MAX) }),
  z.object({ kind: z.literal("topMarks") }),
  z.object({ kind: z.literal("chair") }),
]);

/** The folded form criterion names are matched by (case, spacing and Unicode form do not matter). */
export function criterionKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

/** What makes a chain invalid, as i18n keys: a repeated step, the chair's decision before the end. */
export function chainProblems(steps: readonly TieBreakStep[]): string[] {
  const problems: string[] = [];
  const keys = steps.map((s) => (s.kind === "criterion" ? `criterion:${criterionKey(s.name)}` : s.kind));
  if (new Set(keys).size !== keys.length) problems.push("results:tieBreak.errors.repeated");
  const chair = steps.findIndex((s) => s.kind === "chair");
  if (chair !== -1 && chair !== steps.length - 1) problems.push("results:tieBreak.errors.chairLast");
  if (steps.length > TIE_BREAK_MAX_STEPS) problems.push(`results:tieBreak.errors.tooMany|{"max":${TIE_BREAK_MAX_STEPS}}`);
  return problems;
}

export const tieBreakChainSchema = z.array(tieBreakStepSchema).max(TIE_BREAK_MAX_STEPS);

/** The stored chain; anything unreadable counts as no chain (the default "[]"). */
export function parseTieBreak(json: string): TieBreakStep[] {
  try {
    const parsed = tieBreakChainSchema.safeParse(JSON.parse(json));
    return parsed.success && chainProblems(parsed.data).length === 0 ? parsed.data : [];
  } catch {
    return [];
  }
}

/** How a step travels in the editor's selects: "criterion:<name>", "topMarks", "chair"; "" is no step. */
export function stepValue(step: TieBreakStep): string {
  return step.kind === "criterion" ? `criterion:${step.name}` : step.kind;
}

export function stepFromValue(value: string): TieBreakStep | null {
  if (value === "topMarks" || value === "chair") return { kind: value };
  if (value.startsWith("criterion:") && value.length > "criterion:".length) return { kind: "criterion", name: value.slice("criterion:".length) };
  return null;
}

const stepField = z
  .string()
  .trim()
  .max(CRITERION_NAME_MAX + 20, "validation.invalid")
  .optional()
  .refine((v) => !v || stepFromValue(v) !== null, "validation.invalid");

/**
 * The chain editor's form: one select per slot (empty slots are skipped), posted with the chain the
 * page showed (`expected`, JSON) so a change made meanwhile by someone else is reported, not overwritten.
 */
export const tieBreakFormObject = z.object({
  intent: z.literal("tieBreak"),
  steps: z.array(stepField).max(TIE_BREAK_MAX_STEPS, "validation.invalid").default([]),
  expected: z.string({ required_error: "validation.invalid" }).max(10_000, "validation.invalid"),
});

/** The chain the form describes is valid (see chainProblems); its problems go on the steps. */
export function checkTieBreakForm(value: { steps: (string | undefined)[] }, ctx: z.RefinementCtx) {
  for (const problem of chainProblems(chainFromForm(value.steps))) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["steps"], message: problem });
}

export const tieBreakFormSchema = tieBreakFormObject.superRefine(checkTieBreakForm);

/** The chain a valid form describes. */
export function chainFromForm(steps: readonly (string | undefined)[]): TieBreakStep[] {
  return steps.flatMap((v) => {
    const step = v ? stepFromValue(v) : null;
    return step ? [step] : [];
  });
}

/** The chain is declared before judging: it may change only in these phases. */
export const TIE_BREAK_EDITABLE_PHASES = ["DRAFT", "OPEN", "CLOSED"] as const;

export function tieBreakEditable(phase: string): boolean {
  return (TIE_BREAK_EDITABLE_PHASES as readonly string[]).includes(phase);
}
