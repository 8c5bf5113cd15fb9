// /organize/:contestId/entries: the contest's entries for its organizers and secretaries: filters
// (category, state, originality score once computed, search by code, title or author) and keyset
// paging, so tens of thousands of entries page as fast as the first fifty. Anyone else: 404.
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, useSchemaForm } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { LISTED_STATUSES, entryFilterSchema, type EntryFilter } from "#app/modules/entries/submission.schema";
import { listContestEntries } from "#app/modules/entries/staff.server";
import { formatDateTime, formatNumber } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("entries:staff.heading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: entryFilterSchema });
  const filter: EntryFilter = submission.status === "success" ? submission.value : {};
  const list = await listContestEntries(contestId, filter);
  if (submission.status !== "success") {
    return data({ contestId, result: submission.reply(), filter, list: { ...list, rows: [], previous: null, next: null } }, { status: 400 });
  }
  return { contestId, result: null, filter, list };
}

function query(filter: EntryFilter, cursor?: { after?: string; before?: string }) {
  const params = new URLSearchParams();
  for (const key of ["category", "status", "q"] as const) if (filter[key]) params.set(key, filter[key]!);
  if (filter.minScore !== undefined) params.set("minScore", String(filter.minScore));
  if (cursor?.after) params.set("after", cursor.after);
  if (cursor?.before) params.set("before", cursor.before);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default function StaffEntries() {
  const { contestId, result, filter, list } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const [form, fields] = useSchemaForm("entry-filter", entryFilterSchema, result, { defaultValue: { ...filter, minScore: filter.minScore } });
  const base = `/organize/${contestId}/entries`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("entries:staff.heading")}</h1>
      <Form method="get" {...getFormProps(form)} key={query(filter)} className="card space-y-4" aria-label={t("entries:staff.filters")}>
        <FormErrors errors={form.errors} />
        <div className="grid gap-4 md:grid-cols-4">
          <SelectField
            label={t("entries:staff.category")}
            selectProps={getSelectProps(fields.category)}
            errors={fields.category.errors}
            options={[{ value: "", label: t("entries:staff.allCategories") }, ...list.categories.map((c) => ({ value: c.id, label: c.name }))]}
          />
          <SelectField
            label={t("entries:staff.status")}
            selectProps={getSelectProps(fields.status)}
            errors={fields.status.errors}
            options={[{ value: "", label: t("entries:staff.allStatuses") }, ...LISTED_STATUSES.map((s) => ({ value: s, label: t(`entries:status.${s}`) }))]}
          />
          <Field label={t("entries:staff.minScore")} errors={fields.minScore.errors} inputProps={{ ...getInputProps(fields.minScore, { type: "number" }), step: 1 }} />
          <Field label={t("entries:staff.search")} errors={fields.q.errors} inputProps={getInputProps(fields.q, { type: "search" })} />
        </div>
        <div className="flex gap-3">
          <button type="submit" className="btn-primary">
            {t("entries:staff.apply")}
          </button>
          <Link to={base} className="btn-secondary">
            {t("entries:staff.clear")}
          </Link>
        </div>
      </Form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status">{t("entries:staff.total", { count: list.total })}</p>
        <a href={`${base}.xlsx${query(filter)}`} className="btn-secondary" download>
          {t("entries:staff.export.link")}
        </a>
      </div>
      {list.rows.length === 0 ? (
        <p>{t("entries:staff.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t("entries:staff.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                {(["code", "title", "authors", "category", "status", "score", "submittedAt", "anonymous"] as const).map((c) => (
                  <th key={c} scope="col" className="p-2">
                    {t(`entries:staff.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((e) => (
                <tr key={e.id} className="border-b border-stone-200 align-top">
                  <td className="p-2 font-mono">
                    <Link to={`${base}/${e.id}`} className="link">
                      {e.entryCode}
                    </Link>
                  </td>
                  <td className="p-2">{e.title}</td>
                  <td className="p-2">{e.authors.join(", ")}</td>
                  <td className="p-2">{e.category}</td>
                  <td className="p-2">{t(`entries:status.${e.status}`)}</td>
                  <td className="p-2">{e.originalityScore === null ? t("entries:staff.notComputed") : `${formatNumber(e.originalityScore * 100, lng, 0)}%`}</td>
                  <td className="p-2">{e.submittedAt ? formatDateTime(e.submittedAt, lng, list.timeZone) : "—"}</td>
                  <td className="p-2 font-mono">{e.anonymousCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("entries:staff.caption")} className="flex flex-wrap gap-3">
        {list.previous ? (
          <>
            <Link to={`${base}${query(filter)}`} className="btn-secondary">
              {t("entries:staff.first")}
            </Link>
            <Link to={`${base}${query(filter, { before: list.previous })}`} className="btn-secondary">
              {t("entries:staff.previous")}
            </Link>
          </>
        ) : null}
        {list.next ? (
          <Link to={`${base}${query(filter, { after: list.next })}`} className="btn-secondary">
            {t("entries:staff.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
