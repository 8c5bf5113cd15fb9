// /signup/verify/:token, step 2 of sign-up: the e-mailed link. Name and password create the
// entrant account for the proven address; then the new account is signed in.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeadLink, NewPasswordFields } from "#app/components/account-forms";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { SignupCompleteSchema } from "#app/modules/auth/auth.schema";
import { signedInRedirect } from "#app/modules/auth/session.server";
import { completeSignup, getSignupVerification } from "#app/modules/auth/signup.server";
import { getLanguage } from "#app/utils/locale.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("auth:signupVerify.title"));

export async function loader({ params }: LoaderFunctionArgs) {
  const verification = await getSignupVerification(params.token ?? "");
  if (!verification) return data({ email: null }, { status: 404 });
  return { email: verification.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignupCompleteSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }), linkInvalid: false }, { status: 400 });
  }
  const outcome = await completeSignup({
    token: params.token ?? "",
    name: submission.value.name,
    password: submission.value.password,
    locale: await getLanguage(request),
    ip: clientIp(request),
  });
  if (outcome.status === "invalid") {
    return data({ result: submission.reply({ hideFields }), linkInvalid: true }, { status: 404 });
  }
  if (outcome.status === "emailTaken") {
    return data(
      { result: submission.reply({ formErrors: ["auth:errors.emailTaken"], hideFields }), linkInvalid: false },
      { status: 400 },
    );
  }
  return signedInRedirect(request, outcome.user, "/");
}

export default function SignupVerify() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("signup-verify", SignupCompleteSchema, actionData?.result);
  if (!email || actionData?.linkInvalid) {
    return (
      <DeadLink
        title={t("auth:signupVerify.title")}
        message={t("auth:signupVerify.invalid")}
        to="/signup"
        action={t("auth:signupVerify.startAgain")}
      />
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:signupVerify.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <p className="text-stone-700">{t("auth:signupVerify.intro", { email })}</p>
        <FormErrors errors={form.errors} />
        {/* The address, for password managers; the server takes it from the link, not from here. */}
        <input type="email" name="username" value={email} autoComplete="username" hidden readOnly />
        <Field
          label={t("auth:fields.name")}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
        />
        <NewPasswordFields fields={fields} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("auth:signupVerify.submit")}
        </button>
      </Form>
    </div>
  );
}
