// /entries/:entryId/receipt: the receipt of the entrant's submitted entry (its current version):
// entry code, title, category, time received in the contest's zone, SHA-256, version number.
// Another entrant's entry, or one not submitted: 404 (signed out: 403).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { getReceipt } from "#app/modules/entries/submission.server";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("entries:receipt.heading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { receipt: orNotFound(await getReceipt(user.id, params.entryId ?? "")) };
}

export default function ReceiptPage() {
  const { receipt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const rows: [string, React.ReactNode][] = [
    [t("entries:receipt.labels.entryCode"), <strong key="code" data-testid="receipt-code">{receipt.entryCode}</strong>],
    [t("entries:receipt.labels.title"), receipt.title],
    [t("entries:receipt.labels.contest"), receipt.contestTitle],
    [t("entries:receipt.labels.category"), receipt.category],
    [
      t("entries:receipt.labels.receivedAt"),
      <time key="time" dateTime={new Date(receipt.receivedAt).toISOString()}>
        {t("common:dates.inTimeZone", { date: formatDateTime(receipt.receivedAt, lng, receipt.timeZone), zone: receipt.timeZone })}
      </time>,
    ],
    [t("entries:receipt.labels.version"), <span key="v" data-testid="receipt-version">{receipt.versionNumber}</span>],
    [t("entries:receipt.labels.essay"), receipt.fileName ?? t("entries:receipt.onlineText")],
    [t("entries:receipt.labels.words"), receipt.wordCount],
    [t("entries:receipt.labels.sha256"), <code key="hash" className="break-all" data-testid="receipt-sha256">{receipt.sha256}</code>],
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("entries:receipt.heading")}</h1>
      <Notice>{t("entries:receipt.done")}</Notice>
      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-stone-700">{t("entries:receipt.hashHelp")}</p>
      <p className="flex flex-wrap gap-3">
        <Link to={`/entries/${receipt.entryId}`} className="btn-secondary">
          {t("entries:receipt.backToEntry")}
        </Link>
        <Link to="/entries" className="btn-secondary">
          {t("entries:contest.seeMyEntries")}
        </Link>
      </p>
    </div>
  );
}
