// /organize/:contestId: a contest as its organizers see it. Anyone else gets 404.
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
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{contest.title}</h1>
      <Link to={`/organize/${contest.id}/audit`} className="link">{t("audit:link")}</Link>
      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("organize:overview.phase")}</dt>
        <dd>{t(`organize:phase.${contest.phase}`)}</dd>
        <dt className="font-medium">{t("organize:overview.timeZone")}</dt>
        <dd>{contest.timeZone}</dd>
        <dt className="font-medium">{t("organize:overview.opensAt")}</dt>
        <dd>{when(contest.opensAt)}</dd>
        <dt className="font-medium">{t("organize:overview.closesAt")}</dt>
        <dd>{when(contest.closesAt)}</dd>
        <dt className="font-medium">{t("organize:overview.blind")}</dt>
        <dd>{contest.blind ? t("organize:overview.yes") : t("organize:overview.no")}</dd>
        <dt className="font-medium">{t("organize:overview.entries")}</dt>
        <dd>{contest._count.entries}</dd>
        <dt className="font-medium">{t("organize:overview.categories")}</dt>
        <dd>{contest._count.categories}</dd>
        <dt className="font-medium">{t("organize:overview.rounds")}</dt>
        <dd>{contest._count.rounds}</dd>
      </dl>
      <section aria-labelledby="team-heading">
        <h2 id="team-heading" className="mb-3 text-lg font-semibold">
          {t("organize:overview.team")}
        </h2>
        <table className="w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="p-2">{t("organize:overview.name")}</th>
              <th scope="col" className="p-2">{t("organize:overview.email")}</th>
              <th scope="col" className="p-2">{t("organize:overview.memberRole")}</th>
            </tr>
          </thead>
          <tbody>
            {contest.members.map((m) => (
              <tr key={`${m.user.email}-${m.role}`} className="border-b border-stone-200">
                <td className="p-2">{m.user.name}</td>
                <td className="p-2">{m.user.email}</td>
                <td className="p-2">{t(`organize:role.${m.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
