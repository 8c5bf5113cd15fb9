import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { SiteLayout } from "#app/components/layout";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { navigationAreas } from "#app/modules/contests/policies.server";
import { defaultLanguage, isLanguage } from "#app/utils/i18n";
import { getLanguage } from "#app/utils/locale.server";
import { pageMeta } from "#app/utils/meta";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Every page sets its own title; this is the fallback (and the title of the error page).
export const meta: MetaFunction = ({ matches, error }) =>
  pageMeta(matches, (t) => (error ? t("errors.title") : t("appTagline")));

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, language] = await Promise.all([getOptionalUser(request), getLanguage(request)]);
  return { user, language, areas: await navigationAreas(user) };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const { i18n, t } = useTranslation();
  // Without root data (a URL no route matches) the i18n instance still carries the reader's
  // language, set from the cookie by entry.server.
  const language = isLanguage(data?.language) ? data.language : isLanguage(i18n.language) ? i18n.language : defaultLanguage;
  // Keep the browser's i18next in step after the language switcher reloads data.
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {data ? null : <title>{`${t("errors.title")} · ${t("appName")}`}</title>}
        <Meta />
        <Links />
      </head>
      <body>
        <SiteLayout>{children}</SiteLayout>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
