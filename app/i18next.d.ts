import "i18next";

// Keys are written "namespace:key" across namespaces; their existence in both languages is
// checked by app/locales/locales.test.ts (every literal key used in app/ resolves in vi and en).
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    returnNull: false;
  }
}
