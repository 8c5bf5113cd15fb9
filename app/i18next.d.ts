import "i18next";
import type { resources } from "#app/locales/index";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: (typeof resources)["vi"];
    returnNull: false;
  }
}
