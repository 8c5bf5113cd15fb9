// /entries: "my entries": each of the entrant's entries with its code, title, contest, state and,
// when disqualified, the reason (later: feedback and results). Signed out: 403.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/modules/auth/session.server";
import { listMyEntries } from "#app/modules/entries/entries.server";
import { formatDateTime } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("entries:mine.heading"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { entries: await listMyEntries(user.id) };
}

export default function MyEntries() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("entries:mine.heading")}</h1>
      {entries.length === 0 ? (
        <p>
          {t("entries:mine.empty")}{" "}
          <Link to="/" className="link">
            {t("entries:mine.findContests")}
          </Link>
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("entries:mine.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("entries:mine.columns.code")}</th>
                <th scope="col" className="p-2">{t("entries:mine.columns.title")}</th>
                <th scope="col" className="p-2">{t("entries:mine.columns.contest")}</th>
                <th scope="col" className="p-2">{t("entries:mine.columns.status")}</th>
                <th scope="col" className="p-2">{t("entries:mine.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-stone-200 align-top">
                  <td className="p-2 font-mono">{e.entryCode ?? "—"}</td>
                  <td className="p-2">
                    <Link to={`/entries/${e.id}`} className="link">
                      {e.title}
                    </Link>
                  </td>
                  <td className="p-2">
                    <Link to={`/contests/${e.contest.slug}`} className="link">
                      {e.contest.title}
                    </Link>
                  </td>
                  <td className="p-2">
                    {t(`entries:status.${e.status}`)}
                    {e.statusReason ? <p className="text-sm text-red-900">{t("entries:entry.reason", { reason: e.statusReason })}</p> : null}
                  </td>
                  <td className="p-2 text-sm">{formatDateTime(e.updatedAt, lng, e.contest.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
