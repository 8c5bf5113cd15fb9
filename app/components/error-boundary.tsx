import { Link, isRouteErrorResponse, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { SignInForm } from "./account-forms";

const messageKey = {
  400: "errors.badRequest",
  403: "errors.forbidden",
  404: "errors.notFound",
  429: "errors.tooManyRequests",
  503: "errors.busy",
} as const;

/**
 * The one error page: a translated message for the status, never the raw error. A signed-out
 * visitor on a protected page (403, SIGN_IN_REQUIRED) is offered the sign-in form right here,
 * and comes back to the same address after signing in.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  if (isRouteErrorResponse(error) && status === 403 && error.data === SIGN_IN_REQUIRED) {
    return (
      <div className="mx-auto max-w-md space-y-6">
        <h1 className="text-2xl font-bold">{t("errors.signInTitle")}</h1>
        <p data-status={status}>{t("errors.unauthorized")}</p>
        <SignInForm redirectTo={location.pathname + location.search} />
      </div>
    );
  }
  const key = messageKey[status as keyof typeof messageKey] ?? "errors.server";
  return (
    <div className="mx-auto max-w-xl py-12">
      <h1 className="text-2xl font-bold">{t("errors.title")}</h1>
      <p className="mt-4 text-lg" data-status={status}>
        {t(key)}
      </p>
      <p className="mt-6">
        <Link className="link" to="/">
          {t("errors.goHome")}
        </Link>
      </p>
    </div>
  );
}
