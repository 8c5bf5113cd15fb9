// The content of a results publication (Publication.content): the public record of a contest's
// results, frozen at publishing, hashed (SHA-256 of its canonical JSON) and read by the public
// results page, certificate verification, the entrant's result page and the results documents
// (PDF, spreadsheet). Client-safe. A new field means a new SNAPSHOT_FORMAT, so stored versions
// keep reading as they were written.
//
// What it holds, and what it deliberately does not:
//   - the contest, every round (name, method, how many entries took part and advanced), the
//     declared tie-break chain, and whether scores are shown;
//   - per category: its prize tiers (planned and awarded), how many entries were ranked in the final
//     round, and the prize winners in rank order with entry code, title, authors with their units,
//     prize, the score when the organizer chose to show scores (null otherwise), whether the
//     organizer's decision placed them, and their certificate's verification code;
//   - no entry that won nothing, no judge, no private note, no e-mail address: the content is
//     public (its JSON is downloadable to check the hash).
import { z } from "zod";
import { AGGREGATION_METHODS } from "./aggregate";
import { tieBreakChainSchema } from "./tie-break.schema";

export const SNAPSHOT_FORMAT = 1;

const id = z.string().min(1);

export const snapshotWinnerSchema = z.object({
  entryId: id,
  entryCode: z.string(),
  title: z.string(),
  authors: z.array(z.object({ name: z.string(), unit: z.string() })),
  /** Competition rank within the category in the final round. */
  rank: z.number().int().positive(),
  prize: z.object({ tierId: id, rank: z.number().int(), name: z.string() }),
  /** The final round's score, when scores are shown; null otherwise. */
  score: z.number().nullable(),
  /** Placed by the organizer's decision on a tie (recorded with a reason). */
  decided: z.boolean(),
  certificateCode: z.string(),
});

export const snapshotCategorySchema = z.object({
  id,
  name: z.string(),
  position: z.number().int(),
  /** Entries of the category ranked in the final round. */
  ranked: z.number().int().nonnegative(),
  prizeTiers: z.array(z.object({ id, rank: z.number().int(), name: z.string(), count: z.number().int(), awarded: z.number().int() })),
  winners: z.array(snapshotWinnerSchema),
});

export const snapshotRoundSchema = z.object({
  id,
  position: z.number().int(),
  name: z.string(),
  aggregation: z.enum(AGGREGATION_METHODS),
  readsPerEntry: z.number().int(),
  /** Entries that took part in the round, and (for a round before the last) how many advanced. */
  entries: z.number().int().nonnegative(),
  advanced: z.number().int().nonnegative(),
});

export const publicationContentSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int().positive(),
  publishedAt: z.string().datetime(),
  /** Empty for the first version; the correction's reason for later ones. */
  reason: z.string(),
  contest: z.object({ id, slug: z.string(), title: z.string(), locale: z.string(), timeZone: z.string(), blind: z.boolean() }),
  showScores: z.boolean(),
  /** The round prizes are given on, and its rubric's scale (the sum of the maxima, e.g. 100). */
  finalRound: z.object({ id, name: z.string(), scale: z.number() }),
  rounds: z.array(snapshotRoundSchema),
  tieBreak: tieBreakChainSchema,
  categories: z.array(snapshotCategorySchema),
});

export type PublicationContent = z.infer<typeof publicationContentSchema>;
export type SnapshotCategory = z.infer<typeof snapshotCategorySchema>;
export type SnapshotWinner = z.infer<typeof snapshotWinnerSchema>;
