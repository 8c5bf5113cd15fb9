// A contest's word limits in words, for the contest page and the entry form.
import type { TFunction } from "i18next";

/** "từ 1.500 đến 3.000 chữ", "ít nhất 1.500 chữ", …; null without limits. */
export function wordRangeText(t: TFunction, min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return t("entries:contest.steps.wordsBetween", { min, max });
  if (min !== null) return t("entries:contest.steps.wordsMin", { min });
  if (max !== null) return t("entries:contest.steps.wordsMax", { max });
  return null;
}
