// /reset-password/:token: the e-mailed link. A new password (twice) replaces the old one, ends
// every session of the account and signs in with a fresh one.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeadLink, NewPasswordFields } from "#app/components/account-forms";
import { FormErrors, useSchemaForm } from "#app/components/forms";
import { ResetPasswordSchema } from "#app/modules/auth/auth.schema";
import { getPasswordReset, resetPassword } from "#app/modules/auth/password-reset.server";
import { signedInRedirect } from "#app/modules/auth/session.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("auth:reset.title"));

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await getPasswordReset(params.token ?? "");
  if (!reset) return data({ email: null }, { status: 404 });
  return { email: reset.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }), linkInvalid: false }, { status: 400 });
  }
  const outcome = await resetPassword({
    token: params.token ?? "",
    password: submission.value.password,
    ip: clientIp(request),
  });
  if (outcome.status === "invalid") {
    return data({ result: submission.reply({ hideFields }), linkInvalid: true }, { status: 404 });
  }
  return signedInRedirect(request, outcome.user, "/");
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("reset-password", ResetPasswordSchema, actionData?.result);
  if (!email || actionData?.linkInvalid) {
    return (
      <DeadLink
        title={t("auth:reset.title")}
        message={t("auth:reset.invalid")}
        to="/forgot-password"
        action={t("auth:reset.startAgain")}
      />
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:reset.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <p className="text-stone-700">{t("auth:reset.intro", { email })}</p>
        <FormErrors errors={form.errors} />
        <input type="email" name="username" value={email} autoComplete="username" hidden readOnly />
        <NewPasswordFields fields={fields} label={t("auth:fields.newPassword")} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("auth:reset.submit")}
        </button>
      </Form>
    </div>
  );
}
