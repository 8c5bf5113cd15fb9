// Query strings of the results documents and exports (client-safe).
import { z } from "zod";
import { resultsQuerySchema } from "../results.schema";

/** The list of prize winners: ?version=n (default: the latest publication, else a draft), or ?draft=on for the next version's draft. */
export const resultsListQuerySchema = resultsQuerySchema.extend({ draft: z.boolean({ invalid_type_error: "validation.invalid" }).optional() });

/** Certificates: ?version=n (default: the latest publication) and ?entry=<id> for one winner's. */
export const certificatesQuerySchema = resultsQuerySchema.extend({
  entry: z.string({ invalid_type_error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid").optional(),
});

export const RANKING_FORMATS = ["xlsx", "csv"] as const;

/** A round's ranking: ?format=xlsx|csv. */
export const rankingQuerySchema = z.object({ format: z.enum(RANKING_FORMATS, { errorMap: () => ({ message: "validation.invalid" }) }) });
