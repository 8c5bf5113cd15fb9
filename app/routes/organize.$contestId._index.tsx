// /organize/:contestId: a contest at a glance for its organizers (settings and a setup checklist
// linking to each section). Anyone else gets 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/modules/auth/session.server";
import { getContestOverview } from "#app/modules/contests/contests.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => data?.contest.title ?? t("organize:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return { contest: orNotFound(await getContestOverview(contestId)) };
}

export default function ContestOverview() {
  const { contest } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const when = (d: Date | string | null) => (d ? formatDateTime(d, lng, contest.timeZone) : t("organize:overview.notSet"));
  const base = `/organize/${contest.id}`;
  const done = contest.steps.filter((s) => s.done).length;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{contest.title}</h1>
      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("organize:overview.phase")}</dt>
        <dd>
          {t(`organize:phase.${contest.phase}`)}{" "}
          <Link to={`${base}/settings`} className="link text-sm">
            {t("organize:overview.changePhase")}
          </Link>
        </dd>
        <dt className="font-medium">{t("organize:overview.timeZone")}</dt>
        <dd>{contest.timeZone}</dd>
        <dt className="font-medium">{t("organize:overview.opensAt")}</dt>
        <dd>{when(contest.opensAt)}</dd>
        <dt className="font-medium">{t("organize:overview.closesAt")}</dt>
        <dd>
          {when(contest.closesAt)}
          {contest.closesAt && contest.graceMinutes > 0 ? ` (${t("organize:overview.grace", { count: contest.graceMinutes })})` : null}
        </dd>
        <dt className="font-medium">{t("organize:overview.blind")}</dt>
        <dd>{contest.blind ? t("organize:overview.yes") : t("organize:overview.no")}</dd>
      </dl>
      <section aria-labelledby="setup-heading" className="space-y-3">
        <h2 id="setup-heading" className="text-lg font-semibold">
          {t("organize:overview.setup.heading")}
        </h2>
        <p className="text-sm text-stone-700">{t("organize:overview.setup.progress", { done, total: contest.steps.length })}</p>
        <ol className="card divide-y divide-stone-200 p-0">
          {contest.steps.map((step) => (
            <li key={step.key} className="flex items-start gap-3 px-6 py-3" data-step={step.key} data-done={step.done}>
              <span aria-hidden="true" className={`mt-0.5 font-bold ${step.done ? "text-green-700" : "text-stone-400"}`}>
                {step.done ? "✓" : "○"}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {step.section !== null ? (
                    <Link to={step.section ? `${base}/${step.section}` : base} className="link">
                      {t(`organize:overview.setup.${step.key}.title`)}
                    </Link>
                  ) : (
                    t(`organize:overview.setup.${step.key}.title`)
                  )}
                  <span className="sr-only"> — {step.done ? t("organize:overview.setup.done") : t("organize:overview.setup.todo")}</span>
                </p>
                <p className="text-sm text-stone-700">{t(`organize:overview.setup.${step.key}.${step.done ? "done" : "todo"}`, step.counts)}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
