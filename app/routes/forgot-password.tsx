// /forgot-password: the address of the account. Always the same answer; an existing account
// receives a single-use link valid for one hour, in its own language.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
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
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("forgot-password", EmailOnlySchema, actionData?.result);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:forgot.title")}</h1>
      {actionData?.sent ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 p-4">
          {t("auth:forgot.sent")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card space-y-4">
          <p className="text-stone-700">{t("auth:forgot.intro")}</p>
          <FormErrors errors={form.errors} />
          <Field
            label={t("auth:fields.email")}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("auth:forgot.submit")}
          </button>
        </Form>
      )}
      <p className="text-sm">
        <Link to="/login" className="link">
          {t("auth:forgot.backToLogin")}
        </Link>
      </p>
    </div>
  );
}
