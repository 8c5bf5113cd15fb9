// Pieces shared by the account pages (sign-up, password reset, invitations).
import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailOnlySchema, LoginSchema, PASSWORD_MIN } from "#app/modules/auth/auth.schema";
import { Field, FormErrors, useSchemaForm } from "./forms";

/**
 * E-mail and password, posted to /login, which brings the user back to `redirectTo`. Used by
 * the sign-in page and by the page a signed-out visitor sees on a protected address.
 */
export function SignInForm({ redirectTo, lastResult }: { redirectTo: string; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("login", LoginSchema, lastResult);
  return (
    <Form method="post" action="/login" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field
        label={t("auth:fields.email")}
        errors={fields.email.errors}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
      />
      <Field
        label={t("auth:fields.password")}
        errors={fields.password.errors}
        inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("auth:login.submit")}
        </button>
        <Link to="/forgot-password" className="link text-sm">
          {t("auth:login.forgot")}
        </Link>
      </div>
    </Form>
  );
}

/** A new password and its confirmation. */
export function NewPasswordFields({
  fields,
  label,
}: {
  fields: { password: FieldMetadata<string>; confirmPassword: FieldMetadata<string> };
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={label ?? t("auth:fields.password")}
        help={t("auth:fields.passwordHelp", { min: PASSWORD_MIN })}
        errors={fields.password.errors}
        inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
      />
      <Field
        label={t("auth:fields.confirmPassword")}
        errors={fields.confirmPassword.errors}
        inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
      />
    </>
  );
}

/** What an e-mailed link that no longer works shows: why, and where to start again. */
export function DeadLink({ title, message, to, action }: { title: string; message: string; to: string; action: string }) {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to={to} className="btn-primary">
          {action}
        </Link>
      </p>
    </div>
  );
}

/**
 * Step one of the e-mailed-link flows (sign-up, forgotten password): one address, then the same
 * "we have sent a link" notice whatever the address, so the page reveals nothing.
 */
export function EmailLinkRequest({
  id,
  intro,
  submit,
  sent,
  done,
  lastResult,
}: {
  id: string;
  intro: string;
  submit: string;
  sent: string;
  done: boolean;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(id, EmailOnlySchema, lastResult);
  if (done) {
    return (
      <p role="status" className="rounded-md border border-green-300 bg-green-50 p-4">
        {sent}
      </p>
    );
  }
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <p className="text-stone-700">{intro}</p>
      <FormErrors errors={form.errors} />
      <Field
        label={t("auth:fields.email")}
        errors={fields.email.errors}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
      />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {submit}
      </button>
    </Form>
  );
}
