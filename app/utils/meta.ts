// Page titles from translations, in the reader's language (taken from the root loader).
import type { MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "i18next";
import { defaultLanguage, getFixedT, isLanguage } from "./i18n";

interface MatchLike {
  id: string;
  data?: unknown;
}

export function languageFromMatches(matches: readonly MatchLike[]) {
  const root = matches.find((m) => m.id === "root")?.data as { language?: unknown } | undefined;
  return isLanguage(root?.language) ? root.language : defaultLanguage;
}

/**
 * `<title>` for a page: "Page · Portal name", translated. Without the root's data (no route
 * matched the URL) the language is unknown here, and the root layout writes the title itself.
 */
export function pageMeta(matches: readonly MatchLike[], title: (t: TFunction) => string): MetaDescriptor[] {
  if (!matches.some((m) => m.id === "root" && m.data)) return [];
  const t = getFixedT(languageFromMatches(matches));
  return [{ title: `${title(t)} · ${t("appName")}` }];
}
