// All translations, bundled for the server and the browser alike (two languages, small).
// Each feature owns one namespace file per language; add new namespaces here.
import enCommon from "./en/common";
import enOrganize from "./en/organize";
import viCommon from "./vi/common";
import viOrganize from "./vi/organize";

export const resources = {
  vi: {
    common: viCommon,
    organize: viOrganize,
  },
  en: {
    common: enCommon,
    organize: enOrganize,
  },
} as const;

export type Namespace = keyof (typeof resources)["vi"];
export const namespaces = Object.keys(resources.vi) as Namespace[];
