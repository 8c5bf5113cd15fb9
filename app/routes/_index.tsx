import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Countdown } from "#app/components/countdown";
import { listOpenContests } from "#app/modules/contests/contests.server";
import { useRootData } from "#app/root";
import { formatDateTime } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("home.title"));

export async function loader() {
  // "now" from the server, so the countdowns render the same on the server and in the browser.
  return { contests: await listOpenContests(), now: new Date() };
}

export default function Home() {
  const { contests, now } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const user = useRootData()?.user;
  return (
    <div className="space-y-10">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-brand-800">{t("home.heading")}</h1>
        <p className="max-w-3xl text-lg text-stone-700">{t("home.lead")}</p>
        {user ? <p data-testid="greeting">{t("home.greeting", { name: user.name })}</p> : null}
        {!user ? (
          <p className="flex gap-3">
            <Link to="/signup" className="btn-primary">
              {t("nav.signUp")}
            </Link>
            <Link to="/login" className="btn-secondary">
              {t("nav.signIn")}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="open-contests" className="space-y-3">
        <h2 id="open-contests" className="text-xl font-semibold">
          {t("home.openContests")}
        </h2>
        {contests.length === 0 ? (
          <p className="text-stone-700">{t("home.noOpenContests")}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {contests.map((c) => (
              <li key={c.id} className="card space-y-2">
                <h3 className="text-lg font-semibold">
                  <Link to={`/contests/${c.slug}`} className="link">
                    {c.title}
                  </Link>
                </h3>
                {c.closesAt ? (
                  <>
                    <p className="text-sm text-stone-700">
                      {t("home.deadline", { date: formatDateTime(c.closesAt, lng, c.timeZone) })}
                    </p>
                    <p className="text-sm">
                      {t("entries:home.remaining")} <Countdown until={c.closesAt} serverNow={now} className="font-semibold" />
                    </p>
                  </>
                ) : null}
                <p>
                  <Link to={`/contests/${c.slug}`} className="btn-secondary" aria-label={`${t("entries:home.view")}: ${c.title}`}>
                    {t("entries:home.view")}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="roles" className="grid gap-4 md:grid-cols-3">
        <h2 id="roles" className="sr-only">
          {t("home.title")}
        </h2>
        {(
          [
            ["forEntrants", "forEntrantsText"],
            ["forJudges", "forJudgesText"],
            ["forOrganizers", "forOrganizersText"],
          ] as const
        ).map(([title, text]) => (
          <div key={title} className="card">
            <h3 className="text-lg font-semibold">{t(`home.${title}`)}</h3>
            <p className="mt-2 text-stone-700">{t(`home.${text}`)}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
