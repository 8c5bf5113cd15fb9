// The assignment screen's inputs (issue 3, item 7), shared by the browser and the server:
// the preview is a GET (seed, pages, panel in the query string, so it can be reloaded and
// paged); applying it and the manual overrides are POSTs with an intent.
import { z } from "zod";

/** The seed the screen proposes: fixed, so the same rows always give the same preview. */
export const DEFAULT_ASSIGNMENT_SEED = 1;
export const SEED_MAX = 2_147_483_647;

const seed = z
  .number({ required_error: "rounds:errors.seedRequired", invalid_type_error: "rounds:errors.seedInvalid" })
  .int("rounds:errors.seedInvalid")
  .min(0, "rounds:errors.seedInvalid")
  .max(SEED_MAX, "rounds:errors.seedInvalid");
const page = z.number({ invalid_type_error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(1_000_000, "validation.invalid");
const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid");

/** ?preview=1&seed=7&page=2 (changes), &panel=…&board=3 (the current assignment). */
export const assignmentQuerySchema = z.object({
  preview: z.literal("1").optional(),
  seed: seed.optional(),
  page: page.optional(),
  panel: z.string().trim().max(64, "validation.invalid").optional(),
  board: page.optional(),
});
export type AssignmentQuery = z.infer<typeof assignmentQuerySchema>;

/** The preview form (a GET): the seed only. */
export const previewFormSchema = z.object({ preview: z.literal("1"), seed });

const applyObject = z.object({
  intent: z.literal("apply"),
  seed,
  fingerprint: z.string({ required_error: "validation.invalid" }).trim().min(1, "validation.invalid").max(200, "validation.invalid"),
});
const manualAddObject = z.object({ intent: z.literal("manualAdd"), entryId: id, judgeId: id });
const manualRemoveObject = z.object({ intent: z.literal("manualRemove"), entryId: id, judgeId: id });

/** Every action of /organize/:contestId/rounds/:roundId/assignment. */
export const assignmentActionSchema = z.discriminatedUnion("intent", [applyObject, manualAddObject, manualRemoveObject]);
export type AssignmentAction = z.infer<typeof assignmentActionSchema>;
