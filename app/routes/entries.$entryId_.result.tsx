// /entries/:entryId/result: the result of an entry for its submitter only (anyone else 404, signed
// out 403): nothing before results are published; then the prize, the score when scores were
// published, the certificate code, how far the entry went in each round and the judges' feedback,
// numbered (never a judge's name, never the private note to the organizers).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguage, useScore } from "#app/components/results";
import { requireUser } from "#app/modules/auth/session.server";
import { entrantResult } from "#app/modules/rankings/public.server";
import { formatDate, formatNumber } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("results:entrant.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orNotFound(await entrantResult(user.id, params.entryId ?? ""));
}

export default function EntryResult() {
  const result = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lng = useLanguage();
  const score = useScore();
  const { entry, contest } = result;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("results:entrant.heading", { title: entry.title })}</h1>
        <p className="text-stone-700">{t("results:entrant.entry", { code: entry.entryCode ?? "—", category: entry.category, contest: contest.title })}</p>
      </div>
      {!result.published ? (
        <p className="card">{t("results:entrant.notPublished")}</p>
      ) : (
        <>
          <section aria-labelledby="result-heading" className="card space-y-2">
            <h2 id="result-heading" className="text-lg font-semibold">
              {t("results:entrant.title")}
            </h2>
            <p className="text-lg">{result.winner ? t("results:entrant.prize", { prize: result.winner.prize, rank: result.winner.rank }) : t("results:entrant.noPrize")}</p>
            {result.winner && result.publication.showScores && result.winner.score !== null ? (
              <p>{t("results:entrant.score", { score: score(result.winner.score), scale: formatNumber(result.publication.scale, lng) })}</p>
            ) : null}
            {result.winner ? <p className="font-mono">{t("results:entrant.certificate", { code: result.winner.certificateCode })}</p> : null}
            <p className="text-sm text-stone-700">
              {t("results:entrant.version", { version: result.publication.version, date: formatDate(result.publication.publishedAt, lng, contest.timeZone) })}
            </p>
            <p>
              <Link to={`/contests/${contest.slug}/results`} className="link">
                {t("results:entrant.publicLink")}
              </Link>
            </p>
          </section>
          <section aria-labelledby="rounds-heading" className="space-y-4">
            <h2 id="rounds-heading" className="text-lg font-semibold">
              {t("results:entrant.roundsHeading")}
            </h2>
            {result.rounds.map((r) => (
              <section key={r.id} aria-labelledby={`round-${r.id}`} className="card space-y-2">
                <h3 id={`round-${r.id}`} className="font-semibold">
                  {r.name}
                </h3>
                <p className="text-sm">{t(`results:entrant.status.${r.status}`)}</p>
                {r.feedback.length === 0 ? (
                  <p className="text-sm text-stone-700">{t("results:entrant.noFeedback")}</p>
                ) : (
                  r.feedback.map((text, i) => (
                    <div key={i} className="space-y-1">
                      <h4 className="text-sm font-medium">{t("results:entrant.feedbackItem", { n: i + 1 })}</h4>
                      <p className="whitespace-pre-line">{text}</p>
                    </div>
                  ))
                )}
              </section>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
