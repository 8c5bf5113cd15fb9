// Pieces shared by the account pages (sign-up, password reset, invitations).
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN } from "#app/modules/auth/auth.schema";
import { Field } from "./forms";

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
