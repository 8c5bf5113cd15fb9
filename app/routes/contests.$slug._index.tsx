// /contests/:slug: a contest's public page: its banner, rules (Markdown rendered safely), categories
// with their prizes, the submission window with a live countdown, how to enter and the button to
// start an entry. A draft is 404 to everyone but its staff (who see a preview).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Countdown } from "#app/components/countdown";
import { ContestMarkdown } from "#app/components/markdown";
import { wordRangeText } from "#app/components/word-range";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { getPublicContest } from "#app/modules/contests/public.server";
import { KIND_LABELS, megabytes, parseAllowedFileTypes } from "#app/modules/storage/files.schema";
import { useRootData } from "#app/root";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageMeta(matches, (t) => data?.contest.title ?? t("errors.notFound"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const contest = orNotFound(await getPublicContest(params.slug ?? "", user));
  // "now" from the server: the countdown renders the same on the server and in the browser.
  return { contest, now: new Date() };
}

type Contest = ReturnType<typeof useLoaderData<typeof loader>>["contest"];

function HowToEnter({ contest }: { contest: Contest }) {
  const { t } = useTranslation();
  const kinds = parseAllowedFileTypes(contest.allowedFileTypes);
  const range = wordRangeText(t, contest.minWords, contest.maxWords);
  return (
    <section aria-labelledby="how-heading" className="card space-y-3">
      <h2 id="how-heading" className="text-xl font-semibold">
        {t("entries:contest.howToEnter")}
      </h2>
      <ol className="list-decimal space-y-1 pl-6">
        <li>{t("entries:contest.steps.account")}</li>
        <li>
          {contest.maxCoAuthors > 0 ? t("entries:contest.steps.form", { coAuthors: contest.maxCoAuthors }) : t("entries:contest.steps.noCoAuthors")}
        </li>
        <li>
          {kinds.length > 0 ? t("entries:contest.steps.essayFile", { kinds: kinds.map((k) => KIND_LABELS[k]).join(", "), mb: megabytes(contest.maxFileBytes) }) : null}{" "}
          {contest.allowOnlineText ? t("entries:contest.steps.essayText") : null}{" "}
          {range ? t("entries:contest.steps.words", { range }) : null}
        </li>
        <li>{t("entries:contest.steps.limit", { max: contest.maxEntriesPerUser })}</li>
        <li>{t("entries:contest.steps.declaration")}</li>
        <li>{t("entries:contest.steps.receipt")}</li>
      </ol>
    </section>
  );
}

export default function ContestPage() {
  const { contest, now } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const user = useRootData()?.user;
  const open = contest.phase === "OPEN";
  const enterPath = `/contests/${contest.slug}/enter`;
  return (
    <article className="space-y-8">
      {contest.bannerId ? (
        <img
          src={`/contests/${contest.slug}/banner?v=${contest.bannerId}`}
          alt={t("entries:contest.banner", { title: contest.title })}
          className="max-h-72 w-full rounded-lg object-cover"
        />
      ) : null}
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-brand-800" lang={contest.locale}>
          {contest.title}
        </h1>
        <p className="font-medium" data-testid="phase-note">
          {t(`entries:contest.phaseNote.${contest.phase}`)}
        </p>
        {contest.description ? (
          <p className="max-w-3xl whitespace-pre-line text-lg text-stone-700" lang={contest.locale}>
            {contest.description}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="window-heading" className="card space-y-2">
        <h2 id="window-heading" className="text-xl font-semibold">
          {t("entries:contest.window")}
        </h2>
        {contest.opensAt ? <p>{t("entries:contest.opensAt", { date: formatDateTime(contest.opensAt, lng, contest.timeZone) })}</p> : null}
        {contest.closesAt ? (
          <>
            <p className="text-lg font-semibold">{t("entries:contest.closesAt", { date: formatDateTime(contest.closesAt, lng, contest.timeZone) })}</p>
            {open ? (
              <p role="timer" aria-label={t("entries:countdown.label")} className="text-2xl font-bold text-brand-800">
                <Countdown until={contest.closesAt} serverNow={now} />
              </p>
            ) : null}
            <p className="text-sm text-stone-700">{t("entries:contest.zone", { zone: contest.timeZone })}</p>
            {contest.graceMinutes > 0 ? <p className="text-sm text-stone-700">{t("entries:contest.grace", { minutes: contest.graceMinutes })}</p> : null}
          </>
        ) : (
          <p>{t("entries:contest.noDeadline")}</p>
        )}
        {open ? (
          <div className="flex flex-wrap items-center gap-3 pt-2">
            <Link to={user ? enterPath : `/login?redirectTo=${encodeURIComponent(enterPath)}`} className="btn-primary">
              {user ? t("entries:contest.enter") : t("entries:contest.signInToEnter")}
            </Link>
            {contest.myEntries > 0 ? (
              <span>
                {t("entries:contest.myEntries", { count: contest.myEntries })}{" "}
                <Link to="/entries" className="link">
                  {t("entries:contest.seeMyEntries")}
                </Link>
              </span>
            ) : null}
          </div>
        ) : null}
      </section>

      <HowToEnter contest={contest} />

      <section aria-labelledby="categories-heading" className="space-y-3">
        <h2 id="categories-heading" className="text-xl font-semibold">
          {t("entries:contest.categories")}
        </h2>
        <ul className="grid gap-3 md:grid-cols-2">
          {contest.categories.map((c) => (
            <li key={c.id} className="card space-y-2">
              <h3 className="text-lg font-semibold" lang={contest.locale}>
                {c.name}
              </h3>
              {c.description ? (
                <p className="text-stone-700" lang={contest.locale}>
                  {c.description}
                </p>
              ) : null}
              {c.prizeTiers.length ? (
                <ul className="list-disc pl-6">
                  {c.prizeTiers.map((tier) => (
                    <li key={tier.rank}>{t("entries:contest.prize", { name: tier.name, count: tier.count })}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-stone-600">{t("entries:contest.noPrizes")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="rules-heading" className="space-y-3">
        <h2 id="rules-heading" className="text-xl font-semibold">
          {t("entries:contest.rules")}
        </h2>
        {contest.rules.trim() ? <ContestMarkdown source={contest.rules} lang={contest.locale} /> : <p>{t("entries:contest.noRules")}</p>}
      </section>
      {/* Results (issue 6): a published contest shows its results snapshot here. */}
    </article>
  );
}
