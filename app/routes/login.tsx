// /login: e-mail and password. A wrong address and a wrong password get the same answer;
// too many failures per address or per client address are refused (429) unchecked.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SignInForm } from "#app/components/account-forms";
import { LoginSchema, safeRedirect, tooManyAttemptsError } from "#app/modules/auth/auth.schema";
import { signIn } from "#app/modules/auth/login.server";
import { getOptionalUser, signedInRedirect } from "#app/modules/auth/session.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("auth:login.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const outcome = await signIn({ ...submission.value, ip: clientIp(request) });
  if (outcome.status === "throttled") {
    return data(
      { result: submission.reply({ formErrors: [tooManyAttemptsError(outcome.retryAfterSeconds)], hideFields }) },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.status === "invalid") {
    return data({ result: submission.reply({ formErrors: ["auth:errors.invalidCredentials"], hideFields }) }, { status: 400 });
  }
  return signedInRedirect(request, outcome.user, safeRedirect(submission.value.redirectTo));
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:login.title")}</h1>
      <SignInForm redirectTo={redirectTo} lastResult={actionData?.result} />
      <p className="text-sm">
        {t("auth:login.noAccount")}{" "}
        <Link to="/signup" className="link">
          {t("auth:login.signUp")}
        </Link>
      </p>
    </div>
  );
}
