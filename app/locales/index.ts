// All translations, bundled for the server and the browser alike (two languages, small).
// Each feature owns one namespace file per language; add new namespaces here.
import enCommon from "./en/common";
import viCommon from "./vi/common";

export const resources = {
  vi: { common: viCommon },
  en: { common: enCommon },
} as const;

export type Namespace = keyof (typeof resources)["vi"];
export const namespaces = Object.keys(resources.vi) as Namespace[];
