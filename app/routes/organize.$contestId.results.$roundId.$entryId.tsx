// /organize/:contestId/results/:roundId/:entryId: one entry's scores in a round for the contest's
// organizers (anyone else 404, signed out 403): each judge's points per criterion, total, severity,
// private note and feedback, beside the entry's raw, trimmed and adjusted scores. Identities are
// joined here once results are being finalized (or when the contest is not blind).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthorList, useLanguage, useScore, useSigned } from "#app/components/results";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { entryBreakdown } from "#app/modules/rankings/results-page.server";
import { formatNumber } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data: page }) =>
  pageMeta(matches, (t) => (page ? t("results:breakdown.heading", { entry: page.entry.label }) : t("results:breakdown.title")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await entryBreakdown(contestId, params.roundId ?? "", params.entryId ?? ""));
}

export default function EntryBreakdownPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lng = useLanguage();
  const score = useScore();
  const { entry, round, criteria } = page;
  const points = (value: number | undefined) => (value === undefined ? "—" : formatNumber(value, lng));
  const signed = useSigned();
  const state = (j: (typeof page.judges)[number]) =>
    j.assignment !== "ACTIVE" ? t(`results:breakdown.state.${j.assignment}`) : j.sheet === null ? t("results:breakdown.state.missing") : j.sheet === "DRAFT" ? t("results:breakdown.state.DRAFT") : null;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p>
          <Link to={`/organize/${page.contest.id}/results/${round.id}`} className="link">
            {t("results:breakdown.back", { round: round.name })}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t("results:breakdown.heading", { entry: entry.label })}</h1>
      </div>

      <section aria-labelledby="identity-heading" className="card space-y-3">
        <h2 id="identity-heading" className="text-lg font-semibold">
          {t("results:breakdown.identityHeading")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {entry.identity ? (
            <>
              <dt className="font-medium">{t("results:breakdown.entryCode")}</dt>
              <dd className="font-mono">{entry.identity.entryCode ?? "—"}</dd>
            </>
          ) : null}
          <dt className="font-medium">{t("results:breakdown.anonymousCode")}</dt>
          <dd className="font-mono">{entry.anonymousCode ?? "—"}</dd>
          {entry.identity ? (
            <>
              <dt className="font-medium">{t("results:breakdown.entryTitle")}</dt>
              <dd>{entry.identity.title}</dd>
              <dt className="font-medium">{t("results:breakdown.authors")}</dt>
              <dd>
                <AuthorList authors={entry.identity.authors} />
              </dd>
            </>
          ) : null}
          <dt className="font-medium">{t("results:breakdown.category")}</dt>
          <dd>{entry.category}</dd>
          <dt className="font-medium">{t("results:breakdown.panel")}</dt>
          <dd>{entry.panelName ?? "—"}</dd>
        </dl>
        {!entry.identity ? <p className="text-sm text-stone-700">{t("results:breakdown.hidden")}</p> : null}
      </section>

      <section aria-labelledby="summary-heading" className="card space-y-3">
        <h2 id="summary-heading" className="text-lg font-semibold">
          {t("results:breakdown.summaryHeading")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("results:breakdown.rank")}</dt>
          <dd>
            {entry.rank ?? t("results:breakdown.unranked")}
            {entry.tied ? ` (${t("results:table.tied")})` : ""}
          </dd>
          <dt className="font-medium">{t("results:table.reads")}</dt>
          <dd>{t("results:table.readsValue", { reads: entry.reads, planned: round.readsPerEntry })}</dd>
          <dt className="font-medium">{t("results:table.rawMean")}</dt>
          <dd className="tabular-nums">{score(entry.rawMean)}</dd>
          <dt className="font-medium">{t("results:table.trimmedMean")}</dt>
          <dd className="tabular-nums">
            {score(entry.trimmedMean)}
            {entry.reads > 0 && !entry.trimmed ? ` (${t("results:table.untrimmed")})` : ""}
          </dd>
          <dt className="font-medium">{t("results:table.adjusted")}</dt>
          <dd className="tabular-nums">{score(entry.adjusted)}</dd>
          <dt className="font-medium">{t("results:table.score")}</dt>
          <dd className="font-semibold tabular-nums">
            {score(entry.score)} ({t(`rounds:aggregation.${round.aggregation}`)})
          </dd>
        </dl>
      </section>

      <section aria-labelledby="sheets-heading" className="space-y-3">
        <h2 id="sheets-heading" className="text-lg font-semibold">
          {t("results:breakdown.caption")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("results:breakdown.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("results:breakdown.judge")}</th>
                {criteria.map((c) => (
                  <th key={c.id} scope="col" className="p-2 text-right">
                    {c.name} <span className="font-normal text-stone-600">/{formatNumber(c.maxPoints, lng)}</span>
                  </th>
                ))}
                <th scope="col" className="p-2 text-right">
                  {t("results:breakdown.total")} <span className="font-normal text-stone-600">/{formatNumber(round.scale, lng)}</span>
                </th>
                <th scope="col" className="p-2 text-right">{t("results:breakdown.effect")}</th>
              </tr>
            </thead>
            <tbody>
              {page.judges.map((j) => (
                <tr key={j.judgeId} className={`border-b border-stone-200 align-top ${j.counted ? "" : "text-stone-500"}`}>
                  <th scope="row" className="p-2 text-left font-medium">
                    {j.name}
                    <span className="block text-xs font-normal text-stone-600">{t(`results:breakdown.source.${j.source}`)}</span>
                    {state(j) ? <span className="block text-xs font-normal">{`${t("results:breakdown.notCounted")}: ${state(j)}`}</span> : null}
                  </th>
                  {criteria.map((c) => (
                    <td key={c.id} className="p-2 text-right tabular-nums">
                      {points(j.points[c.id])}
                    </td>
                  ))}
                  <td className="p-2 text-right font-semibold tabular-nums">{j.total === null ? "—" : formatNumber(j.total, lng)}</td>
                  <td className="p-2 text-right tabular-nums">{signed(j.effect)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="notes-heading" className="space-y-3">
        <h2 id="notes-heading" className="text-lg font-semibold">
          {t("results:breakdown.notesHeading")}
        </h2>
        {page.judges.map((j) => (
          <section key={j.judgeId} aria-labelledby={`notes-${j.judgeId}`} className="card space-y-2">
            <h3 id={`notes-${j.judgeId}`} className="font-semibold">
              {j.name}
            </h3>
            <p className="text-sm font-medium">{t("results:breakdown.privateNote")}</p>
            <p className="whitespace-pre-line text-sm">{j.privateNote || t("results:breakdown.noText")}</p>
            <p className="text-sm font-medium">{t("results:breakdown.feedback")}</p>
            <p className="whitespace-pre-line text-sm">{j.feedback || t("results:breakdown.noText")}</p>
          </section>
        ))}
      </section>
    </div>
  );
}
