// Categories [đối tượng dự thi] and their prize tiers, as the organizer edits them on
// /organize/:contestId/categories: one schema for the page's actions (an `intent` each), shared
// by the browser and the server. Limits are the constants below; messages are i18n keys.
import { z } from "zod";

export const CATEGORY_NAME_MAX = 120;
export const CATEGORY_DESCRIPTION_MAX = 2000;
/** Categories per contest. */
export const CATEGORIES_MAX = 30;
export const PRIZE_TIER_NAME_MAX = 80;
/** Prize tiers per category. */
export const PRIZE_TIERS_MAX = 10;
/** Prizes of one tier. */
export const PRIZE_COUNT_MAX = 999;

export interface PrizeTierInput {
  name: string;
  count: number;
}

/** The usual prize structure of a Vietnamese essay contest, in the language of the contest's texts. */
export const DEFAULT_PRIZE_TIERS: Readonly<Record<"vi" | "en", readonly PrizeTierInput[]>> = {
  vi: [
    { name: "Giải Nhất", count: 1 },
    { name: "Giải Nhì", count: 2 },
    { name: "Giải Ba", count: 3 },
    { name: "Giải Khuyến khích", count: 5 },
  ],
  en: [
    { name: "First Prize", count: 1 },
    { name: "Second Prize", count: 2 },
    { name: "Third Prize", count: 3 },
    { name: "Consolation Prize", count: 5 },
  ],
};

export function defaultPrizeTiers(locale: string): PrizeTierInput[] {
  return (locale === "en" ? DEFAULT_PRIZE_TIERS.en : DEFAULT_PRIZE_TIERS.vi).map((t) => ({ ...t }));
}

/** Names compared as people read them: the same letters, whatever the case or Unicode form. */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

const id = z.string({ required_error: "validation.invalid" }).trim().min(1, "validation.invalid").max(64, "validation.invalid");

const name = (max: number) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, `validation.tooLong|{"max":${max}}`);

const description = z
  .string()
  .transform((value) => value.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(CATEGORY_DESCRIPTION_MAX, `validation.tooLong|{"max":${CATEGORY_DESCRIPTION_MAX}}`))
  .default("");

export const prizeTierSchema = z.object({
  name: name(PRIZE_TIER_NAME_MAX),
  count: z
    .number({ required_error: "validation.required", invalid_type_error: "editor:errors.wholeNumber" })
    .int("editor:errors.wholeNumber")
    .min(0, 'editor:errors.min|{"min":0}')
    .max(PRIZE_COUNT_MAX, `editor:errors.max|{"max":${PRIZE_COUNT_MAX}}`),
});

/** The fingerprint of a category as the page showed it: a form from before a change is refused. */
const revision = id;

export const categoriesActionSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("create"), name: name(CATEGORY_NAME_MAX), description }),
    z.object({ intent: z.literal("update"), categoryId: id, revision, name: name(CATEGORY_NAME_MAX), description }),
    z.object({ intent: z.literal("move"), categoryId: id, direction: z.enum(["up", "down"]) }),
    z.object({ intent: z.literal("delete"), categoryId: id, revision }),
    z.object({
      intent: z.literal("tiers"),
      categoryId: id,
      revision,
      tiers: z.array(prizeTierSchema).max(PRIZE_TIERS_MAX, `editor:categories.errors.tooManyTiers|{"max":${PRIZE_TIERS_MAX}}`).default([]),
    }),
    z.object({ intent: z.literal("defaultTiers"), categoryId: id, revision }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent !== "tiers") return;
    const seen = new Set<string>();
    value.tiers.forEach((tier, index) => {
      const key = nameKey(tier.name);
      if (seen.has(key)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["tiers", index, "name"], message: "editor:categories.errors.tierNameTaken" });
      }
      seen.add(key);
    });
  });

export type CategoriesAction = z.infer<typeof categoriesActionSchema>;
