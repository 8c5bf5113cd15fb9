// i18next set-up shared by the server and the browser. Vietnamese is the default.
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { namespaces, resources } from "#app/locales/index";

export const languages = ["vi", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "vi";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function createI18n(lng: Language, react = true): I18n {
  const instance = createInstance();
  if (react) instance.use(initReactI18next);
  void instance.init({
    lng,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    resources,
    ns: namespaces,
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initImmediate: false, // resources are bundled: initialise synchronously
    returnNull: false,
  });
  return instance;
}

const fixed = new Map<Language, TFunction>();
/** A translation function for server code (actions, e-mails) in the given language. */
export function getFixedT(lng: Language): TFunction {
  let t = fixed.get(lng);
  if (!t) {
    t = createI18n(lng, false).t;
    fixed.set(lng, t);
  }
  return t;
}
