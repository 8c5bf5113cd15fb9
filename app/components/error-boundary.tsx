import { Link, isRouteErrorResponse, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const messageKey = {
  400: "errors.badRequest",
  401: "errors.unauthorized",
  403: "errors.forbidden",
  404: "errors.notFound",
  429: "errors.tooManyRequests",
} as const;

/** The one error page: a translated message for the status, never the raw error. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const key = messageKey[status as keyof typeof messageKey] ?? "errors.server";
  return (
    <div className="mx-auto max-w-xl py-12">
      <h1 className="text-2xl font-bold">{t("errors.title")}</h1>
      <p className="mt-4 text-lg" data-status={status}>
        {t(key)}
      </p>
      <p className="mt-6 flex gap-4">
        <Link className="link" to="/">
          {t("errors.goHome")}
        </Link>
        {status === 403 ? (
          <Link className="link" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
            {t("errors.signInLink")}
          </Link>
        ) : null}
      </p>
    </div>
  );
}
