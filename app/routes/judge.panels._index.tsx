// /judge/panels: the panels the signed-in user chairs, in the contests they still judge (none: an
// empty state), each linking to its chair's view.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/modules/auth/session.server";
import { listChairedPanels } from "#app/modules/scoring/chair.server";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("chair:listTitle"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { panels: await listChairedPanels(user.id) };
}

export default function ChairedPanels() {
  const { panels } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link to="/judge" className="link text-sm">
          {t("chair:backToJudge")}
        </Link>
        <h1 className="text-2xl font-bold">{t("chair:listHeading")}</h1>
        <p className="text-stone-700">{t("chair:listIntro")}</p>
      </div>
      {panels.length === 0 ? (
        <p className="card">{t("chair:listEmpty")}</p>
      ) : (
        <ul className="space-y-3">
          {panels.map((p) => (
            <li key={p.panelId} className="card space-y-1">
              <Link to={`/judge/panels/${p.panelId}`} className="link font-semibold">
                {t("chair:listItem", { panel: p.name, round: p.roundName })}
              </Link>
              <p className="text-sm text-stone-700">{p.contestTitle}</p>
              <p className="text-sm">{t("chair:listProgress", { submitted: p.submitted, assigned: p.assigned })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
