// /verify: certificate verification for everyone. The form sends ?code=…; a code in a valid form is
// answered at /verify/:code (the address a certificate can print), one that cannot be a code is
// answered here with 404 and the form again.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { VerifyForm } from "#app/components/results";
import { normalizeCertificateCode } from "#app/modules/rankings/certificates";
import { verifyQuerySchema } from "#app/modules/rankings/results.schema";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("results:verify.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!params.has("code")) return { code: "", notFound: false };
  const submission = parseWithZod(params, { schema: verifyQuerySchema });
  const code = submission.status === "success" ? normalizeCertificateCode(submission.value.code) : null;
  if (code) return redirect(`/verify/${code}`);
  return data({ code: params.get("code")?.slice(0, 100) ?? "", notFound: true }, { status: 404 });
}

export default function Verify() {
  const { code, notFound } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("results:verify.heading")}</h1>
      <p>{t("results:verify.intro")}</p>
      {notFound ? (
        <p id="verify-error" role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {t("results:verify.notFound")}
        </p>
      ) : null}
      <VerifyForm defaultValue={code} errorId={notFound ? "verify-error" : undefined} />
    </div>
  );
}
