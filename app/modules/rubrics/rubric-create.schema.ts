// The rubric list's actions: a new rubric from the default template (in the contest's language
// or the other one) or a blank one.
import { z } from "zod";
import type { RubricLanguage } from "./default-template";

export const RUBRIC_LANGUAGES = ["vi", "en"] as const satisfies readonly RubricLanguage[];

export const rubricCreateSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("template"), language: z.enum(RUBRIC_LANGUAGES) }),
  z.object({ intent: z.literal("blank") }),
]);
export type RubricCreateInput = z.infer<typeof rubricCreateSchema>;
