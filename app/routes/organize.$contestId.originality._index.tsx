// /organize/:contestId/originality: the originality check for the contest's staff (organizers and
// secretaries): run the check, then the entries with their highest similarity, filtered by a
// minimum and sorted, each with the entries it is similar to. Anyone else gets 404.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import {
  originalityActionSchema,
  originalityFilterSchema,
  type OriginalityFilter,
  type OriginalitySort,
} from "#app/modules/entries/originality.schema";
import { listOriginality, runOriginalityCheck } from "#app/modules/entries/originality.server";
import { formatDateTime, formatPercent } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("originality:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: originalityFilterSchema });
  const filter: OriginalityFilter = submission.status === "success" ? submission.value : {};
  const list = orNotFound(await listOriginality(contestId, filter));
  if (submission.status !== "success") {
    // An invalid filter shows its errors and no rows, rather than rows it did not ask for.
    return data({ result: submission.reply(), list: { ...list, rows: [], total: 0 } }, { status: 400 });
  }
  return { result: null, list };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: originalityActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), counts: null }, { status: 400 });
  const run = await runOriginalityCheck({ contestId, actorId: user.id, ip: clientIp(request) });
  if (!run.ok) notFound();
  return { result: submission.reply(), counts: run.counts };
}

/** The list's query string: the filter with one value changed. */
function query(list: { min: number; sort: OriginalitySort; page: number }, change: Partial<{ min: number; sort: OriginalitySort; page: number }>) {
  const next = { ...list, ...change };
  const params = new URLSearchParams({ min: String(next.min), sort: next.sort });
  if (next.page > 1) params.set("page", String(next.page));
  return `?${params.toString()}`;
}

export default function Originality() {
  const { result, list } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const [filterForm, fields] = useSchemaForm("originality-filter", originalityFilterSchema, result);
  const base = `/organize/${list.contest.id}/originality`;
  const running = navigation.state === "submitting" && navigation.formData?.get("intent") === "run";
  const code = (c: string | null) => c ?? t("originality:noCode");
  const columns: { key: OriginalitySort | null; label: string }[] = [
    { key: "code", label: t("originality:columns.code") },
    { key: "title", label: t("originality:columns.title") },
    { key: "score", label: t("originality:columns.score") },
    { key: null, label: t("originality:columns.pairs") },
  ];
  const sortedLabel = columns.find((c) => c.key === list.sort)!.label;
  const last = list.lastRun;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("originality:heading")}</h1>
      <p className="text-stone-700">{t("originality:intro")}</p>
      <p className="text-sm text-stone-700">{t("originality:thresholdNote", { threshold: formatPercent(list.threshold, lng) })}</p>

      <section aria-labelledby="run-heading" className="card space-y-3">
        <h2 id="run-heading" className="text-lg font-semibold">
          {t("originality:run.heading")}
        </h2>
        {actionData?.counts ? (
          <Notice>{t("originality:run.done", { entries: actionData.counts.entries, pairs: actionData.counts.pairs })}</Notice>
        ) : null}
        {last ? (
          <div className="space-y-1 text-sm" data-testid="last-run">
            <p>
              {last.actorName
                ? t("originality:run.last", { when: formatDateTime(last.at, lng, list.contest.timeZone), name: last.actorName })
                : t("originality:run.lastBySystem", { when: formatDateTime(last.at, lng, list.contest.timeZone) })}
            </p>
            {last.counts ? (
              <p>
                {t(last.counts.earlierEntries > 0 ? "originality:run.counts" : "originality:run.countsWithoutEarlier", {
                  entries: last.counts.entries - last.counts.withoutText,
                  earlier: last.counts.earlierEntries,
                  pairs: last.counts.pairs,
                  flagged: last.counts.flagged,
                })}
              </p>
            ) : null}
            {last.counts && last.counts.withoutText > 0 ? <p>{t("originality:run.withoutText", { count: last.counts.withoutText })}</p> : null}
            {list.changedSinceRun > 0 ? <p className="font-medium text-amber-900">{t("originality:run.changed", { count: list.changedSinceRun })}</p> : null}
          </div>
        ) : (
          <p className="text-sm">{t("originality:run.never")}</p>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <button type="submit" className="btn-primary" disabled={running} aria-describedby={running ? "run-status" : undefined}>
            {last ? t("originality:run.again") : t("originality:run.submit")}
          </button>
        </Form>
        <p id="run-status" role="status" className="text-sm text-stone-700">
          {running ? t("originality:run.running") : ""}
        </p>
      </section>

      <Form method="get" {...getFormProps(filterForm)} className="card space-y-4" key={`${list.min}-${list.sort}`}>
        <FormErrors errors={filterForm.errors} />
        <fieldset className="grid gap-4 sm:grid-cols-[minmax(0,16rem)_auto] sm:items-end">
          <legend className="sr-only">{t("originality:filter.legend")}</legend>
          <Field
            label={t("originality:filter.min")}
            help={t("originality:filter.minHelp")}
            errors={fields.min.errors}
            inputProps={{ ...getInputProps(fields.min, { type: "number" }), min: 0, max: 100, step: 1, defaultValue: String(list.min) }}
          />
          <input type="hidden" name="sort" value={list.sort} />
          <div className="flex flex-wrap gap-3 pb-7">
            <button type="submit" className="btn-primary">
              {t("originality:filter.submit")}
            </button>
            <Link to={base} className="btn-secondary">
              {t("originality:filter.reset")}
            </Link>
          </div>
        </fieldset>
      </Form>

      <p data-testid="originality-summary">
        {t("originality:summary", { total: list.total, min: list.min, checked: list.checked })} {t("originality:sortedBy", { column: sortedLabel })}
      </p>

      {list.rows.length === 0 ? (
        <p>{t("originality:empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                {columns.map((c) => (
                  <th
                    key={c.label}
                    scope="col"
                    className="p-2"
                    aria-sort={c.key && c.key === list.sort ? (c.key === "score" ? "descending" : "ascending") : undefined}
                  >
                    {c.key ? (
                      <Link to={query(list, { sort: c.key, page: 1 })} className="link">
                        {c.label}
                      </Link>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.entryId} className="border-b border-stone-200 align-top">
                  <td className="whitespace-nowrap p-2 font-mono">{code(row.code)}</td>
                  <td className="p-2">{row.title}</td>
                  <td className="whitespace-nowrap p-2 font-semibold">{formatPercent(row.score, lng)}</td>
                  <td className="p-2">
                    <ul className="space-y-1">
                      {row.pairs.map((pair) => (
                        <li key={pair.id}>
                          <Link to={`${base}/${pair.id}`} className="link">
                            {`${t("originality:pair.compare")}: ${code(pair.other.code)} – ${pair.other.title} (${formatPercent(pair.score, lng)})`}
                          </Link>
                          {pair.other.contestTitle ? (
                            <span className="text-stone-700">, {t("originality:pair.earlier", { contest: pair.other.contestTitle })}</span>
                          ) : null}
                          {pair.stale ? <span className="text-amber-900"> ({t("originality:pair.stale")})</span> : null}
                        </li>
                      ))}
                      {row.morePairs > 0 ? <li className="text-stone-700">{t("originality:pair.more", { count: row.morePairs })}</li> : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list.pages > 1 ? (
        <nav aria-label={t("originality:pages.label")} className="flex items-center gap-4">
          {list.page > 1 ? (
            <Link to={query(list, { page: list.page - 1 })} className="link">
              {t("originality:pages.previous")}
            </Link>
          ) : null}
          <span>{t("originality:pages.status", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link to={query(list, { page: list.page + 1 })} className="link">
              {t("originality:pages.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
