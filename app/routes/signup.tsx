// /signup, step 1: only the e-mail address. The answer is the same whether or not the address
// already has an account (the e-mail it receives differs), so the page reveals nothing.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailLinkRequest } from "#app/components/account-forms";
import { EmailOnlySchema, tooManyAttemptsError } from "#app/modules/auth/auth.schema";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { requestSignup } from "#app/modules/auth/signup.server";
import { getLanguage } from "#app/utils/locale.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("auth:signup.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: EmailOnlySchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const outcome = await requestSignup({
    email: submission.value.email,
    language: await getLanguage(request),
    ip: clientIp(request),
  });
  if (outcome.status === "throttled") {
    return data(
      { result: submission.reply({ formErrors: [tooManyAttemptsError(outcome.retryAfterSeconds)] }), sent: false },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function Signup() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:signup.title")}</h1>
      <EmailLinkRequest
        id="signup"
        intro={t("auth:signup.intro")}
        submit={t("auth:signup.submit")}
        sent={t("auth:signup.sent")}
        done={actionData?.sent === true}
        lastResult={actionData?.result}
      />
      <p className="text-sm">
        {t("auth:signup.haveAccount")}{" "}
        <Link to="/login" className="link">
          {t("auth:signup.signIn")}
        </Link>
      </p>
    </div>
  );
}
