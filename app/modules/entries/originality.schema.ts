// The originality screen's inputs, shared by the browser and the server, and the thresholds the
// page shows. Messages are i18n keys.
import { z } from "zod";

/**
 * Pairs scoring at least this are stored and shown: a fifth of one essay lies in passages found
 * in the other (see similarity.ts for the score). Unrelated essays of the genre stay below 0.1
 * (stock phrases left aside), so this leaves a margin above chance.
 */
export const SIMILARITY_REPORT_THRESHOLD = 0.2;

/** Entries per page of the list. */
export const ORIGINALITY_PAGE_SIZE = 50;
/** Words shown of a passage in the aligned list; the whole passage is highlighted in the texts. */
export const EXCERPT_WORDS = 60;
/** Pairs listed with each entry (the rest are counted). */
export const PAIRS_PER_ENTRY = 5;

export const ORIGINALITY_SORTS = ["score", "code", "title"] as const;
export type OriginalitySort = (typeof ORIGINALITY_SORTS)[number];

/** The default minimum score of the list, in percent. */
export const DEFAULT_MIN_PERCENT = Math.round(SIMILARITY_REPORT_THRESHOLD * 100);

const PERCENT_ERROR = "originality:errors.minPercent";
const percent = z.coerce.number({ invalid_type_error: PERCENT_ERROR }).int(PERCENT_ERROR).min(0, PERCENT_ERROR).max(100, PERCENT_ERROR);

/** The list's filter (query string): minimum score in percent, order, page (1-based). */
export const originalityFilterSchema = z.object({
  min: percent.optional(),
  sort: z.enum(ORIGINALITY_SORTS, { errorMap: () => ({ message: "validation.invalid" }) }).optional(),
  page: z.coerce.number({ invalid_type_error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid").optional(),
});

export type OriginalityFilter = z.infer<typeof originalityFilterSchema>;

/** The one action of the page: run the check. */
export const originalityActionSchema = z.object({ intent: z.literal("run") });
