import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "#app/root";
import { languages } from "#app/utils/i18n";

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="flex items-center gap-1" aria-label={t("language.switch")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {languages.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="lng"
          value={lng}
          lang={lng}
          aria-pressed={i18n.language === lng}
          className="rounded px-2 py-1 text-sm aria-pressed:bg-white aria-pressed:font-semibold aria-pressed:text-brand-800 hover:bg-brand-800"
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </Form>
  );
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-2 py-1 hover:bg-brand-800 ${isActive ? "underline underline-offset-4" : ""}`;

export function SiteLayout({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const root = useRootData();
  const user = root?.user ?? null;
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <header className="bg-brand-700 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link to="/" className="text-lg font-bold tracking-tight">
            {t("appName")}
          </Link>
          <nav aria-label={t("nav.main")} className="flex flex-wrap items-center gap-1 text-sm">
            <NavLink to="/" end className={navClass}>
              {t("nav.home")}
            </NavLink>
            {root?.areas.organize ? (
              <NavLink to="/organize" className={navClass}>
                {t("nav.organize")}
              </NavLink>
            ) : null}
            {root?.areas.judge ? (
              <NavLink to="/judge" className={navClass}>
                {t("nav.judge")}
              </NavLink>
            ) : null}
            {user?.isAdmin ? (
              <NavLink to="/admin" className={navClass}>
                {t("nav.admin")}
              </NavLink>
            ) : null}
            {user ? (
              <>
                <NavLink to="/entries" className={navClass}>
                  {t("nav.myEntries")}
                </NavLink>
                <span className="px-2 py-1" data-testid="signed-in-as">
                  {user.name}
                </span>
                <Form method="post" action="/logout">
                  <button type="submit" className="rounded px-2 py-1 hover:bg-brand-800">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login" className={navClass}>
                  {t("nav.signIn")}
                </NavLink>
                <NavLink to="/signup" className={navClass}>
                  {t("nav.signUp")}
                </NavLink>
              </>
            )}
          </nav>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl justify-between px-4 py-4 text-sm text-stone-600">
          <span>{t("footer.text")}</span>
          <a className="link" href="/healthz">
            {t("footer.health")}
          </a>
        </div>
      </footer>
    </div>
  );
}
