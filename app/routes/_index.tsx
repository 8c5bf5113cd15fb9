import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "#app/root";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("home.title"));

export default function Home() {
  const { t } = useTranslation();
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
