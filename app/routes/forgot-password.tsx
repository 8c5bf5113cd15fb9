// /forgot-password: the address of the account. Always the same answer; an existing account
// receives a single-use link valid for one hour, in its own language.
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailLinkRequest } from "#app/components/account-forms";
import { EmailOnlySchema, tooManyAttemptsError } from "#app/modules/auth/auth.schema";
import { requestPasswordReset } from "#app/modules/auth/password-reset.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("auth:forgot.title"));

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: EmailOnlySchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const outcome = await requestPasswordReset({ email: submission.value.email, ip: clientIp(request) });
  if (outcome.status === "throttled") {
    return data(
      { result: submission.reply({ formErrors: [tooManyAttemptsError(outcome.retryAfterSeconds)] }), sent: false },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:forgot.title")}</h1>
      <EmailLinkRequest
        id="forgot-password"
        intro={t("auth:forgot.intro")}
        submit={t("auth:forgot.submit")}
        sent={t("auth:forgot.sent")}
        done={actionData?.sent === true}
        lastResult={actionData?.result}
      />
      <p className="text-sm">
        <Link to="/login" className="link">
          {t("auth:forgot.backToLogin")}
        </Link>
      </p>
    </div>
  );
}
