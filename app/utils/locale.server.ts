// The reader's language: a cookie set by the language switcher and at sign-in from the
// account's preference; Vietnamese when there is none.
import { createCookie } from "@remix-run/node";
import { defaultLanguage, isLanguage, type Language } from "./i18n";
import { isHttps } from "./request.server";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLanguage(request: Request): Promise<Language> {
  const value: unknown = await languageCookie.parse(request.headers.get("cookie"));
  return isLanguage(value) ? value : defaultLanguage;
}

export function setLanguageCookie(request: Request, lng: Language): Promise<string> {
  return languageCookie.serialize(lng, { secure: isHttps(request) });
}
