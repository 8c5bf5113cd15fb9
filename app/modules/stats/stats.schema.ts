// The statistics page's query: which round's judging to show. Messages are i18n keys.
import { z } from "zod";

export const statsQuerySchema = z.object({
  round: z
    .string({ required_error: "stats:errors.round" })
    .trim()
    .max(64, "stats:errors.round")
    .regex(/^[A-Za-z0-9_-]+$/, "stats:errors.round")
    .optional(),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;
