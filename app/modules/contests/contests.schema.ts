// Forms for contests, shared by the browser and the server. Messages are i18n keys.
import { z } from "zod";

export const TITLE_MAX = 200;
export const SLUG_MAX = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const createContestSchema = z.object({
  title: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(3, 'validation.tooShort|{"min":3}')
    .max(TITLE_MAX, `validation.tooLong|{"max":${TITLE_MAX}}`),
  slug: z
    .string({ required_error: "validation.required" })
    .trim()
    .toLowerCase()
    .max(SLUG_MAX, `validation.tooLong|{"max":${SLUG_MAX}}`)
    .regex(SLUG_PATTERN, "validation.slug"),
});

export type CreateContestInput = z.infer<typeof createContestSchema>;
