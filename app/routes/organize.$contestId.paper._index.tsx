// /organize/:contestId/paper: paper scoresheets, for the contest's secretaries and organizers
// (anyone else: 404): each round's panels with their progress, the blank templates (XLSX, CSV)
// and the way to each panel's import; organizers also reach each panel's chair view.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { listPaperPanels } from "#app/modules/scoring/paper.server";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("chair:paper.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const roles = await requireContestStaff(user, contestId);
  return { ...orNotFound(await listPaperPanels(contestId)), organizer: roles.has("ORGANIZER") };
}

export default function PaperScoresheets() {
  const { contest, rounds, organizer } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("chair:paper.heading")}</h1>
        <p className="max-w-3xl text-stone-700">{t("chair:paper.intro")}</p>
      </div>
      {rounds.length === 0 ? <p>{t("chair:paper.noRounds")}</p> : null}
      {rounds.map((round) => (
        <section key={round.id} aria-labelledby={`round-${round.id}`} className="space-y-3">
          <h2 id={`round-${round.id}`} className="text-lg font-semibold">
            {round.name}
          </h2>
          {!round.hasRubric ? (
            <p>{t("chair:paper.round.noRubric")}</p>
          ) : round.panels.length === 0 ? (
            <p>{t("chair:paper.round.noPanels")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm">
                <caption className="sr-only">{t("chair:paper.panels.caption", { round: round.name })}</caption>
                <thead>
                  <tr className="border-b border-stone-300">
                    <th scope="col" className="p-2">{t("chair:paper.panels.panel")}</th>
                    <th scope="col" className="p-2">{t("chair:paper.panels.judges")}</th>
                    <th scope="col" className="p-2">{t("chair:paper.panels.submitted")}</th>
                    <th scope="col" className="p-2">{t("chair:paper.panels.template")}</th>
                    <th scope="col" className="p-2">{t("chair:paper.panels.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {round.panels.map((panel) => {
                    const base = `/organize/${contest.id}/paper/${panel.id}`;
                    return (
                      <tr key={panel.id} className="border-b border-stone-200">
                        <th scope="row" className="p-2 text-left font-medium">
                          {panel.name}
                        </th>
                        <td className="p-2">{panel.judges}</td>
                        <td className="p-2">{t("chair:paper.panels.submittedOf", { submitted: panel.submitted, assigned: panel.assigned })}</td>
                        <td className="space-x-3 p-2">
                          {(["xlsx", "csv"] as const).map((format) => (
                            <a
                              key={format}
                              href={`${base}/template?format=${format}`}
                              download
                              className="link"
                              aria-label={t("chair:paper.panels.templateFor", { format: t(`chair:paper.panels.${format}`), panel: panel.name })}
                            >
                              {t(`chair:paper.panels.${format}`)}
                            </a>
                          ))}
                        </td>
                        <td className="space-x-3 p-2">
                          <Link to={base} className="link" aria-label={t("chair:paper.panels.importFor", { panel: panel.name })}>
                            {t("chair:paper.panels.importLink")}
                          </Link>
                          {organizer ? (
                            <Link to={`/judge/panels/${panel.id}`} className="link" aria-label={t("chair:paper.panels.chairViewFor", { panel: panel.name })}>
                              {t("chair:paper.panels.chairView")}
                            </Link>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
