// /contests/:slug/results: a contest's published results for everyone, read only from the latest
// publication (or an earlier version by ?version=n, with a switcher), with the version's SHA-256
// and its JSON to check it, and a certificate verification form. A contest without a
// publication, or an unknown version, has no results page (404).
import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguage, VerifyForm, WinnersTable } from "#app/components/results";
import { publicResults } from "#app/modules/rankings/public.server";
import { resultsQuerySchema } from "#app/modules/rankings/results.schema";
import { formatDate } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data: page }) => pageMeta(matches, (t) => t("results:public.title", { contest: page?.contest.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: resultsQuerySchema });
  if (submission.status !== "success") notFound();
  return orNotFound(await publicResults(params.slug ?? "", submission.value.version));
}

export default function PublicResults() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lng = useLanguage();
  const { content, publication } = page;
  const zone = content.contest.timeZone;
  const base = `/contests/${page.contest.slug}/results`;
  const scores = content.showScores ? Object.fromEntries(content.categories.flatMap((c) => c.winners.map((w) => [w.entryId, w.score]))) : null;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("results:public.heading", { contest: page.contest.title })}</h1>
        <p>{t("results:public.version", { version: publication.version, date: formatDate(publication.publishedAt, lng, zone) })}</p>
        {publication.reason ? <p>{t("results:public.correction", { reason: publication.reason })}</p> : null}
        {publication.version < page.latest ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3">
            {t("results:public.superseded", { version: publication.version, latest: page.latest })}{" "}
            <Link to={base} className="link">
              {t("results:public.latestLink")}
            </Link>
          </p>
        ) : null}
        <p className="text-stone-700">{t("results:public.finalRound", { round: content.finalRound.name })}</p>
      </div>

      {page.versions.length > 1 ? (
        <Form method="get" action={base} className="flex flex-wrap items-end gap-3">
          <div className="space-y-1">
            <label htmlFor="version" className="block text-sm font-medium">
              {t("results:public.versionsLabel")}
            </label>
            <select id="version" name="version" defaultValue={publication.version} className="input">
              {page.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t("results:public.versionOption", { version: v.version, date: formatDate(v.publishedAt, lng, zone) })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("results:public.show")}
          </button>
        </Form>
      ) : null}

      {content.categories.map((c) => (
        <section key={c.id} aria-labelledby={`category-${c.id}`} className="space-y-3">
          <h2 id={`category-${c.id}`} className="text-xl font-semibold">
            {c.name}
          </h2>
          {c.winners.length === 0 ? (
            <p>{t("results:public.noWinners")}</p>
          ) : (
            <WinnersTable caption={t("results:public.caption", { name: c.name })} winners={c.winners} scores={scores} />
          )}
        </section>
      ))}

      <section aria-labelledby="checksum-heading" className="space-y-2 text-sm">
        <h2 id="checksum-heading" className="font-semibold">
          {t("results:public.sha256")}
        </h2>
        <p className="break-all font-mono" data-testid="publication-sha256">
          {publication.sha256}
        </p>
        <p>
          <a href={`${base}.json?version=${publication.version}`} className="link" download>
            {t("results:public.download")}
          </a>
        </p>
      </section>

      <section aria-labelledby="verify-heading" className="card space-y-3">
        <h2 id="verify-heading" className="text-lg font-semibold">
          {t("results:public.verifyHeading")}
        </h2>
        <VerifyForm />
      </section>
    </div>
  );
}
