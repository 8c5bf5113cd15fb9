// The results area's forms, shared by the browser and the server (messages are i18n keys of the
// "results" namespace). Every form that acts on a ranking carries the fingerprint of the ranking
// the page showed (results.server.ts): a ranking changed meanwhile is refused, never overwritten.
import { z } from "zod";
import { checkTieBreakForm, tieBreakFormObject } from "./tie-break.schema";

export const REASON_MAX = 2000;

const id = z.string({ required_error: "validation.invalid" }).trim().min(1, "validation.invalid").max(64, "validation.invalid");
const fingerprint = z.string({ required_error: "validation.invalid" }).regex(/^[0-9a-f]{64}$/, "validation.invalid");
const reason = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .max(REASON_MAX, `validation.tooLong|{"max":${REASON_MAX}}`);

/** A tie group's order: one place per entry (1 = first; equal places stay tied), and why. */
export const decideObject = z.object({
  intent: z.literal("decide"),
  categoryId: id,
  entryIds: z.array(id).min(2, "validation.invalid").max(500, "validation.invalid"),
  places: z.array(
    z
      .number({ required_error: "results:errors.placeRequired", invalid_type_error: "results:errors.placeRequired" })
      .int("results:errors.placeRequired")
      .min(1, "results:errors.placeRequired"),
  ),
  reason: reason("results:errors.reasonRequired"),
  fingerprint,
});

/** Every entry gets a place between 1 and the group's size, and no entry is listed twice. */
function checkDecide(value: z.infer<typeof decideObject>, ctx: z.RefinementCtx) {
  if (value.places.length !== value.entryIds.length || value.places.some((p) => p > value.entryIds.length)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["places"], message: "results:errors.placeRequired" });
  }
  if (new Set(value.entryIds).size !== value.entryIds.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["entryIds"], message: "validation.invalid" });
}

export type DecideInput = z.infer<typeof decideObject>;

/** Advancing to the next round by the round's rule; `manual` lists the entries for a MANUAL rule. */
export const advanceObject = z.object({
  intent: z.literal("advance"),
  manual: z.array(id).max(100_000, "validation.invalid").default([]),
  fingerprint,
});

/** The actions of a round's results page. */
export const roundResultsActionSchema = z.discriminatedUnion("intent", [decideObject, advanceObject]).superRefine((value, ctx) => {
  if (value.intent === "decide") checkDecide(value, ctx);
});
export type RoundResultsAction = z.infer<typeof roundResultsActionSchema>;

/** Rows of a ranking (or of the entries not ranked yet) per page of a round's results page. */
export const RESULTS_PAGE_SIZE = 100;
/** The longest entry or anonymous code the results page's search reads. */
export const ENTRY_SEARCH_MAX = 100;

/** A page number as the address writes it; anything else reads as the first page. */
const pageNumber = z.coerce.number().int().min(1).catch(1);

/**
 * The query of a round's results page (GET): `q` an entry's code as the page labels it, `page.<categoryId>`
 * the page of that category's ranking, `unranked.<categoryId>` the page of its entries not ranked yet.
 * Nothing in it is refused: a value that makes no sense reads as its default (the first page, no search).
 */
export const roundPageQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .transform((code) => code.slice(0, ENTRY_SEARCH_MAX))
    .optional()
    .catch(undefined),
  page: z.record(z.string().max(64), pageNumber).catch({}),
  unranked: z.record(z.string().max(64), pageNumber).catch({}),
});
export type RoundPageQuery = z.infer<typeof roundPageQuerySchema>;
export const DEFAULT_ROUND_PAGE_QUERY: RoundPageQuery = { page: {}, unranked: {} };

/** Publishing (the first version, or a correction: then a reason is required, checked by the server). */
export const publishObject = z.object({
  intent: z.literal("publish"),
  showScores: z.boolean().default(false),
  reason: z.string().trim().max(REASON_MAX, `validation.tooLong|{"max":${REASON_MAX}}`).optional(),
  fingerprint,
});

/** Published → Finalizing, to prepare a correction. */
export const reopenObject = z.object({ intent: z.literal("reopen") });

/** The actions of the results overview: the tie-break chain, publishing, preparing a correction. */
export const resultsActionSchema = z.discriminatedUnion("intent", [tieBreakFormObject, publishObject, reopenObject]).superRefine((value, ctx) => {
  if (value.intent === "tieBreak") checkTieBreakForm(value, ctx);
});
export type ResultsAction = z.infer<typeof resultsActionSchema>;

/** The public results page's query: which version to read (the latest when absent). */
export const resultsQuerySchema = z.object({
  version: z.number({ invalid_type_error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid").max(1_000_000, "validation.invalid").optional(),
});

/** The certificate verification form (GET). */
export const verifyQuerySchema = z.object({
  code: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.invalid"),
});
