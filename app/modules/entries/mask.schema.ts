// The secretary's masking review form (/organize/:contestId/entries/:entryId/masking), shared by the
// browser and the server. Messages are i18n keys of the "masking" namespace.
import { z } from "zod";

export const MASK_TERM_MIN = 2;
export const MASK_TERM_MAX = 200;

/** A term to mask or not to mask: trimmed, whitespace collapsed, with at least one letter or digit. */
export const maskTermField = z
  .string({ required_error: "masking:errors.termRequired", invalid_type_error: "masking:errors.termRequired" })
  .trim()
  .min(1, "masking:errors.termRequired")
  .transform((s) => s.normalize("NFC").replace(/\s+/gu, " "))
  // Checked only once there is a term, so an empty one gets one message, not three.
  .pipe(
    z
      .string()
      .min(MASK_TERM_MIN, `masking:errors.termTooShort|{"min":${MASK_TERM_MIN}}`)
      .max(MASK_TERM_MAX, `masking:errors.termTooLong|{"max":${MASK_TERM_MAX}}`)
      .regex(/[\p{L}\p{N}]/u, "masking:errors.termNoLetter"),
  );

/** add: mask this term too; exclude: do not mask this automatically found term; remove: take a term off either list. */
export const maskingActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), term: maskTermField }),
  z.object({ intent: z.literal("exclude"), term: maskTermField }),
  z.object({ intent: z.literal("remove"), termId: z.string({ required_error: "validation.invalid" }).min(1, "validation.invalid").max(64, "validation.invalid") }),
]);
export type MaskingAction = z.infer<typeof maskingActionSchema>;
