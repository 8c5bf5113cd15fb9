// /invitations/:token: joining by invitation. The first-admin link creates the first admin;
// an invitation to an address either creates that address's account or, when it has one,
// asks its owner to sign in and confirm. Anyone signed in with another address is told so.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { NewPasswordFields } from "#app/components/account-forms";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { FirstAdminSchema, InvitationNewAccountSchema } from "#app/modules/auth/auth.schema";
import {
  acceptFirstAdminInvitation,
  acceptInvitationAsUser,
  acceptInvitationWithNewAccount,
  getInvitationView,
  type AcceptInvitationResult,
  type InvitationView,
} from "#app/modules/auth/invitations.server";
import { getOptionalUser, signedInRedirect } from "#app/modules/auth/session.server";
import { forbidden, notFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data: view }) =>
  pageMeta(matches, (t) =>
    view?.kind === "firstAdmin" ? t("auth:invitation.firstAdminTitle") : t("auth:invitation.title"),
  );

function signInFirst(token: string) {
  return redirect(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const view = await getInvitationView(token, await getOptionalUser(request));
  if (!view) notFound();
  if (view.kind === "signIn") throw signInFirst(token);
  return view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const viewer = await getOptionalUser(request);
  const view = await getInvitationView(token, viewer);
  if (!view) notFound();
  if (view.kind === "signIn") throw signInFirst(token);
  if (view.kind === "wrongUser") forbidden();
  const formData = await request.formData();
  const ip = clientIp(request);
  const hideFields = ["password", "confirmPassword"];

  let outcome: AcceptInvitationResult;
  if (view.kind === "firstAdmin") {
    const submission = parseWithZod(formData, { schema: FirstAdminSchema });
    if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
    outcome = await acceptFirstAdminInvitation({ token, ...submission.value, locale: await getLanguage(request), ip });
    if (outcome.status === "emailTaken") {
      return data(
        { result: submission.reply({ fieldErrors: { email: ["auth:errors.emailTaken"] }, hideFields }) },
        { status: 400 },
      );
    }
  } else if (view.kind === "newAccount") {
    const submission = parseWithZod(formData, { schema: InvitationNewAccountSchema });
    if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
    outcome = await acceptInvitationWithNewAccount({
      token,
      viewer,
      name: submission.value.name,
      password: submission.value.password,
      locale: await getLanguage(request),
      ip,
    });
    if (outcome.status === "emailTaken") throw signInFirst(token); // the account appeared meanwhile
  } else {
    outcome = await acceptInvitationAsUser({ token, viewer: viewer!, ip });
  }

  if (outcome.status === "ok") return signedInRedirect(request, outcome.user, outcome.redirectTo);
  if (outcome.status === "wrongUser") forbidden();
  notFound();
}

function FirstAdminForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("first-admin", FirstAdminSchema, actionData?.result);
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <p className="text-stone-700">{t("auth:invitation.firstAdminIntro")}</p>
      <FormErrors errors={form.errors} />
      <Field
        label={t("auth:fields.name")}
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
      />
      <Field
        label={t("auth:fields.email")}
        errors={fields.email.errors}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
      />
      <NewPasswordFields fields={fields} />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("auth:invitation.firstAdminSubmit")}
      </button>
    </Form>
  );
}

function NewAccountForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("invitation-account", InvitationNewAccountSchema, actionData?.result);
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <p className="text-stone-700">{t("auth:invitation.newAccountIntro")}</p>
      <FormErrors errors={form.errors} />
      {/* The invitation's address: shown, not editable, and not taken from the form. */}
      <Field
        label={t("auth:fields.email")}
        inputProps={{ name: "username", type: "email", value: email, readOnly: true, autoComplete: "username" }}
      />
      <Field
        label={t("auth:fields.name")}
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
      />
      <NewPasswordFields fields={fields} />
      <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
        {t("auth:invitation.newAccountSubmit")}
      </button>
    </Form>
  );
}

function Invited({ view }: { view: Exclude<InvitationView, { kind: "firstAdmin" | "signIn" }> }) {
  const { t } = useTranslation();
  const role = t(`auth:roles.${view.role}`);
  return (
    <p className="text-lg">
      {view.contestTitle
        ? t("auth:invitation.invitedAsInContest", { contest: view.contestTitle, role })
        : t("auth:invitation.invitedAs", { role })}
    </p>
  );
}

export default function InvitationPage() {
  const view = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (view.kind === "firstAdmin") {
    return (
      <div className="mx-auto max-w-md space-y-6">
        <h1 className="text-2xl font-bold">{t("auth:invitation.firstAdminTitle")}</h1>
        <FirstAdminForm />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth:invitation.title")}</h1>
      <Invited view={view} />
      {view.kind === "newAccount" ? <NewAccountForm email={view.email} /> : null}
      {view.kind === "confirm" ? (
        <Form method="post" className="card space-y-4">
          <p>{t("auth:invitation.confirmIntro", { email: view.email })}</p>
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("auth:invitation.accept")}
          </button>
        </Form>
      ) : null}
      {view.kind === "wrongUser" ? (
        <div className="card space-y-4">
          <p role="alert">{t("auth:invitation.wrongUser", { current: view.currentEmail, email: view.email })}</p>
          <Form method="post" action="/logout">
            <button type="submit" className="btn-secondary">
              {t("auth:invitation.signOut")}
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

/** An unknown, expired, revoked or used link: say so in words that fit, with the 404 status. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <div className="mx-auto max-w-xl space-y-6 py-12">
      <h1 className="text-2xl font-bold">{t("auth:invitation.title")}</h1>
      <p className="text-lg" data-status={404}>
        {t("auth:invitation.invalid")}
      </p>
      <p>
        <Link className="link" to="/">
          {t("errors.goHome")}
        </Link>
      </p>
    </div>
  );
}
