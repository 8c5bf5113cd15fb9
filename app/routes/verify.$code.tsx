// /verify/:code: what a certificate's verification code certifies, for everyone: the contest, the
// version of the results it was issued with, the category, the prize and the entry; and, when the
// results were corrected since, what the latest version says. An unknown code answers 404 with
// the form to try again.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthorList, useLanguage, VerifyForm } from "#app/components/results";
import { verifyCertificate } from "#app/modules/rankings/public.server";
import { formatDate } from "#app/utils/format";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("results:verify.title"));

export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").slice(0, 100);
  const certificate = await verifyCertificate(code);
  if (!certificate) return data({ code, certificate: null }, { status: 404 });
  return { code, certificate };
}

export default function VerifyCode() {
  const { code, certificate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("results:verify.heading")}</h1>
      {certificate ? (
        <section aria-labelledby="valid-heading" className="card space-y-4">
          <h2 id="valid-heading" className="text-lg font-semibold text-green-900">
            {t("results:verify.valid")}
          </h2>
          <p>{t("results:verify.certifies", { code: certificate.code, version: certificate.version, date: formatDate(certificate.publishedAt, lng) })}</p>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t("results:verify.contest")}</dt>
            <dd>{certificate.contest.title}</dd>
            <dt className="font-medium">{t("results:verify.category")}</dt>
            <dd>{certificate.category}</dd>
            <dt className="font-medium">{t("results:verify.prize")}</dt>
            <dd className="font-semibold">{certificate.winner.prize}</dd>
            <dt className="font-medium">{t("results:verify.entryCode")}</dt>
            <dd className="font-mono">{certificate.winner.entryCode}</dd>
            <dt className="font-medium">{t("results:verify.entryTitle")}</dt>
            <dd>{certificate.winner.title}</dd>
            <dt className="font-medium">{t("results:verify.authors")}</dt>
            <dd>
              <AuthorList authors={certificate.winner.authors} />
            </dd>
          </dl>
          {certificate.superseded ? (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
              <p>{t("results:verify.superseded", { latest: certificate.latestVersion })}</p>
              <p>{certificate.latestPrize ? t("results:verify.latestPrize", { prize: certificate.latestPrize }) : t("results:verify.latestNone")}</p>
            </div>
          ) : null}
          <p>
            <Link to={`/contests/${certificate.contest.slug}/results`} className="link">
              {t("results:verify.results")}
            </Link>
          </p>
        </section>
      ) : (
        <>
          <p id="verify-error" role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
            {t("results:verify.notFound")}
          </p>
          <VerifyForm defaultValue={code} errorId="verify-error" />
        </>
      )}
    </div>
  );
}
