// A rubric's versions as a table: criteria, scale, lock, rounds, scoresheets, and a link to read
// each older version. Used by the rubric list and the builder's version history.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatNumber } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";

export interface VersionRow {
  id: string;
  version: number;
  createdAt: Date | string;
  lockedAt: Date | string | null;
  criteriaCount: number;
  totalPoints: number;
  rounds: { id: string; name: string }[];
  scoresheets: number;
}

export function RubricVersions({
  versions,
  timeZone,
  builderPath,
  caption,
  viewing,
}: {
  /** Newest first. */
  versions: readonly VersionRow[];
  timeZone: string;
  /** The builder of this rubric; older versions open at `?version=n`. */
  builderPath: string;
  caption: string;
  /** The version on screen, marked as the current page. */
  viewing?: number;
}) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const latest = versions[0]?.version;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="p-2">{t("rubrics:versions.version")}</th>
            <th scope="col" className="p-2">{t("rubrics:versions.createdAt")}</th>
            <th scope="col" className="p-2">{t("rubrics:versions.criteria")}</th>
            <th scope="col" className="p-2">{t("rubrics:versions.total")}</th>
            <th scope="col" className="p-2">{t("rubrics:versions.status")}</th>
            <th scope="col" className="p-2">{t("rubrics:versions.rounds")}</th>
            <th scope="col" className="p-2">{t("rubrics:versions.scoresheets")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const href = v.version === latest ? builderPath : `${builderPath}?version=${v.version}`;
            const label = v.version === latest ? t("rubrics:versions.edit") : t("rubrics:versions.view", { version: v.version });
            return (
              <tr key={v.id} className="border-b border-stone-200 align-top">
                <th scope="row" className="p-2 font-medium">
                  {t("rubrics:versions.versionN", { version: v.version })}
                  {v.version === latest ? <span className="ml-1 font-normal text-stone-600">({t("rubrics:versions.latest")})</span> : null}
                  <Link to={href} className="link block font-normal" aria-current={viewing === v.version ? "page" : undefined}>
                    {label}
                  </Link>
                </th>
                <td className="p-2">{formatDate(v.createdAt, lng, timeZone)}</td>
                <td className="p-2">{v.criteriaCount}</td>
                <td className="p-2">{formatNumber(v.totalPoints, lng)}</td>
                <td className="p-2">
                  {v.lockedAt ? t("rubrics:versions.locked", { date: formatDateTime(v.lockedAt, lng, timeZone) }) : t("rubrics:versions.unlocked")}
                </td>
                <td className="p-2">{v.rounds.length ? v.rounds.map((r) => r.name).join(", ") : t("rubrics:versions.noRounds")}</td>
                <td className="p-2">{v.scoresheets}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
