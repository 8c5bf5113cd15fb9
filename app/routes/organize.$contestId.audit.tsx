// /organize/:contestId/audit: the contest's audit log for its organizers (read only), filtered
// by actor, action and days of the contest's time zone; anyone else gets 404.
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { SYSTEM_ACTOR, auditActionKey, auditFilterSchema, type AuditFilter } from "#app/modules/audit/audit.schema";
import { listContestAudit } from "#app/modules/audit/audit-log.server";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("audit:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: auditFilterSchema });
  const filter: AuditFilter = submission.status === "success" ? submission.value : {};
  const page = orNotFound(await listContestAudit(contestId, filter));
  if (submission.status !== "success") {
    // An invalid filter shows its errors and no rows, rather than rows it did not ask for.
    return data({ result: submission.reply(), filter, page: { ...page, rows: [], olderThan: null, newerThan: null } }, { status: 400 });
  }
  return { result: null, filter, page };
}

/** The query string of a filter (without its cursor), plus an optional cursor. */
function query(filter: AuditFilter, cursor?: { before?: number; after?: number }) {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (cursor?.before !== undefined) params.set("before", String(cursor.before));
  if (cursor?.after !== undefined) params.set("after", String(cursor.after));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export default function ContestAudit() {
  const { result, filter, page } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const [form, fields] = useSchemaForm("audit-filter", auditFilterSchema, result);
  const base = `/organize/${page.contest.id}`;
  const actionLabel = (action: string) => {
    const key = auditActionKey(action);
    return key ? t(key) : action;
  };
  const filterKey = query(filter);
  // conform's props carry a React key of their own, which must not be spread onto an element.
  const { key: _actorKey, ...actorProps } = getSelectProps(fields.actor);
  const { key: _actionKey, ...actionProps } = getSelectProps(fields.action);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("audit:heading", { contest: page.contest.title })}</h1>
      <p className="text-stone-700">{t("audit:intro")}</p>

      <Form method="get" {...getFormProps(form)} key={filterKey} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <fieldset className="grid gap-4 md:grid-cols-4">
          <legend className="sr-only">{t("audit:filter.legend")}</legend>
          <div className="space-y-1">
            <label htmlFor={fields.actor.id} className="block text-sm font-medium">
              {t("audit:filter.actor")}
            </label>
            <select {...actorProps} defaultValue={filter.actor ?? ""} className="input">
              <option value="">{t("audit:filter.any")}</option>
              {page.hasSystemActor ? <option value={SYSTEM_ACTOR}>{t("audit:system")}</option> : null}
              {page.actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.email})
                </option>
              ))}
            </select>
            <ErrorList errors={fields.actor.errors} />
          </div>
          <div className="space-y-1">
            <label htmlFor={fields.action.id} className="block text-sm font-medium">
              {t("audit:filter.action")}
            </label>
            <select {...actionProps} defaultValue={filter.action ?? ""} className="input">
              <option value="">{t("audit:filter.any")}</option>
              {page.actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
            <ErrorList errors={fields.action.errors} />
          </div>
          <Field
            label={t("audit:filter.from")}
            errors={fields.from.errors}
            inputProps={{ ...getInputProps(fields.from, { type: "date" }), defaultValue: filter.from ?? "" }}
          />
          <Field
            label={t("audit:filter.to")}
            errors={fields.to.errors}
            inputProps={{ ...getInputProps(fields.to, { type: "date" }), defaultValue: filter.to ?? "" }}
          />
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary">
            {t("audit:filter.submit")}
          </button>
          <Link to={`${base}/audit`} className="btn-secondary">
            {t("audit:filter.reset")}
          </Link>
          <a href={`${base}/audit.csv${filterKey}`} className="link ml-auto text-sm" download>
            {t("audit:exportCsv")}
          </a>
        </div>
      </Form>

      <p className="text-sm text-stone-700">{t("audit:timesIn", { zone: page.contest.timeZone })}</p>
      {page.rows.length === 0 ? (
        <p>{t("audit:empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("audit:columns.time")}</th>
                <th scope="col" className="p-2">{t("audit:columns.actor")}</th>
                <th scope="col" className="p-2">{t("audit:columns.action")}</th>
                <th scope="col" className="p-2">{t("audit:columns.target")}</th>
                <th scope="col" className="p-2">{t("audit:columns.details")}</th>
                <th scope="col" className="p-2">{t("audit:columns.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-b border-stone-200 align-top">
                  <td className="whitespace-nowrap p-2">{formatDateTime(row.at, lng, page.contest.timeZone)}</td>
                  <td className="p-2">
                    {row.actor ? (
                      <>
                        {row.actor.name}
                        <br />
                        <span className="text-stone-600">{row.actor.email}</span>
                      </>
                    ) : (
                      t("audit:system")
                    )}
                  </td>
                  <td className="p-2">
                    {actionLabel(row.action)}
                    {auditActionKey(row.action) ? <code className="block text-xs text-stone-600">{row.action}</code> : null}
                  </td>
                  <td className="p-2">
                    {row.targetType}
                    {row.targetId ? <code className="block text-xs text-stone-600">{row.targetId}</code> : null}
                  </td>
                  <td className="p-2">
                    <dl className="grid grid-cols-[max-content_1fr] gap-x-2">
                      {row.change ? (
                        <>
                          <dt className="font-medium">{t("audit:change.before")}</dt>
                          <dd>{show(row.change.before)}</dd>
                          <dt className="font-medium">{t("audit:change.after")}</dt>
                          <dd>{show(row.change.after)}</dd>
                        </>
                      ) : null}
                      {Object.entries(row.details).map(([key, value]) => (
                        <div key={key} className="contents">
                          <dt className="font-mono text-xs">{key}</dt>
                          <dd className="break-words">{show(value)}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                  <td className="whitespace-nowrap p-2">{row.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.newerThan !== null || page.olderThan !== null ? (
        <nav aria-label={t("audit:pages.label")} className="flex gap-4">
          {page.newerThan !== null ? (
            <Link to={`${base}/audit${query(filter, { after: page.newerThan })}`} className="link">
              {t("audit:pages.newer")}
            </Link>
          ) : null}
          {page.olderThan !== null ? (
            <Link to={`${base}/audit${query(filter, { before: page.olderThan })}`} className="link">
              {t("audit:pages.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
