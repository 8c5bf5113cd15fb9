// /organize/:contestId/conflicts: conflicts of interest for the contest's organizers and
// secretaries (canDecideConflicts; anyone else gets 404): run detection, counts per status, the
// filtered and paged list with the evidence of detections, confirm or dismiss (never a judge's
// declaration), and declare a conflict on a judge's behalf.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import type { ConflictStatus } from "#app/generated/sqlite/enums";
import { requireUser } from "#app/modules/auth/session.server";
import { canDecideConflicts, requireContestStaff } from "#app/modules/contests/policies.server";
import { CONFLICT_EVIDENCE_KEYS, CONFLICT_RULE_KEYS } from "#app/modules/panels/conflicts";
import {
  CONFLICT_REASON_MAX,
  CONFLICT_SOURCES,
  CONFLICT_STATUSES,
  conflictActionSchema,
  conflictFilterSchema,
  type ConflictFilter,
} from "#app/modules/panels/conflicts.schema";
import {
  declareConflictByCode,
  decideConflict,
  getConflictsScreen,
  refreshDetectedConflicts,
  type ConflictListItem,
  type ConflictsScreen,
} from "#app/modules/panels/conflicts.server";
import { formatDateTime } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("team:conflicts.title"));

async function requireConflictDesk(request: Request, contestId: string) {
  const user = await requireUser(request);
  const roles = await requireContestStaff(user, contestId);
  if (!canDecideConflicts(roles)) notFound();
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const contestId = params.contestId ?? "";
  await requireConflictDesk(request, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: conflictFilterSchema });
  const filter: ConflictFilter = submission.status === "success" ? submission.value : {};
  const screen = orNotFound(await getConflictsScreen(contestId, filter));
  if (submission.status !== "success") {
    // An invalid filter shows its errors and no rows, rather than rows it did not ask for.
    return data({ result: submission.reply(), filter, screen: { ...screen, items: [] } }, { status: 400 });
  }
  return { result: null, filter, screen };
}

type ConflictNotice =
  | { key: "detected"; created: number; kept: number; removed: number }
  | { key: "decided"; to: "CONFIRMED" | "DISMISSED"; judge: string; code: string }
  | { key: "declared"; code: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const contestId = params.contestId ?? "";
  const user = await requireConflictDesk(request, contestId);
  const submission = parseWithZod(await request.formData(), { schema: conflictActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null, error: null }, { status: 400 });
  const input = submission.value;
  const ip = clientIp(request);

  if (input.intent === "detect") {
    const outcome = await refreshDetectedConflicts({ contestId, actorId: user.id, ip });
    if (!outcome.ok) notFound();
    const notice: ConflictNotice = { key: "detected", created: outcome.created, kept: outcome.kept, removed: outcome.removed };
    return { result: null, notice, error: null };
  }

  if (input.intent === "decide") {
    const outcome = await decideConflict({ contestId, conflictId: input.conflictId, decision: input.decision, expected: input.expected, actorId: user.id, ip });
    if (!outcome.ok && outcome.status === "notFound") notFound();
    if (!outcome.ok && outcome.status === "invalid") return data({ result: null, notice: null, error: "validation.invalid" }, { status: 400 });
    if (!outcome.ok) return data({ result: null, notice: null, error: outcome.error }, { status: 409 });
    const notice: ConflictNotice = { key: "decided", to: outcome.to, judge: outcome.judgeName, code: outcome.entryCode ?? "" };
    return { result: null, notice, error: null };
  }

  const outcome = await declareConflictByCode({ contestId, judgeId: input.judgeId, entryCode: input.entryCode, reason: input.reason, actorId: user.id, ip });
  if (!outcome.ok && outcome.status === "notFound") notFound();
  if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null, error: null }, { status: 400 });
  const notice: ConflictNotice = { key: "declared", code: outcome.entryCode };
  return { result: submission.reply({ resetForm: true }), notice, error: null };
}

/** The query string of a filter, on a given page. */
function query(filter: ConflictFilter, page?: number) {
  const params = new URLSearchParams();
  for (const key of ["status", "source", "judge"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function NoticeText({ notice }: { notice: ConflictNotice }) {
  const { t } = useTranslation();
  if (notice.key === "detected") {
    return <Notice>{t("team:conflicts.detect.done", { created: notice.created, kept: notice.kept, removed: notice.removed })}</Notice>;
  }
  if (notice.key === "declared") return <Notice>{t("team:conflicts.declare.done", { code: notice.code })}</Notice>;
  const values = { judge: notice.judge, code: notice.code };
  return <Notice>{notice.to === "CONFIRMED" ? t("team:conflicts.list.confirmed", values) : t("team:conflicts.list.dismissed", values)}</Notice>;
}

function FilterForm({ screen, filter, result }: { screen: ConflictsScreen; filter: ConflictFilter; result: Parameters<typeof useSchemaForm>[2] }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("conflict-filter", conflictFilterSchema, result);
  const any = { value: "", label: t("team:conflicts.filter.any") };
  const base = `/organize/${screen.contest.id}/conflicts`;
  return (
    <Form method="get" {...getFormProps(form)} key={query(filter)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      <fieldset className="grid gap-4 md:grid-cols-3">
        <legend className="sr-only">{t("team:conflicts.filter.legend")}</legend>
        <SelectField
          label={t("team:conflicts.filter.status")}
          errors={fields.status.errors}
          selectProps={{ ...getSelectProps(fields.status), defaultValue: filter.status ?? "" }}
          options={[any, ...CONFLICT_STATUSES.map((s) => ({ value: s, label: t(`team:conflicts.status.${s}`) }))]}
        />
        <SelectField
          label={t("team:conflicts.filter.source")}
          errors={fields.source.errors}
          selectProps={{ ...getSelectProps(fields.source), defaultValue: filter.source ?? "" }}
          options={[any, ...CONFLICT_SOURCES.map((s) => ({ value: s, label: t(`team:conflicts.source.${s}`) }))]}
        />
        <SelectField
          label={t("team:conflicts.filter.judge")}
          errors={fields.judge.errors}
          selectProps={{ ...getSelectProps(fields.judge), defaultValue: filter.judge ?? "" }}
          options={[
            any,
            ...screen.judges.map((j) => ({ value: j.id, label: j.active ? j.name : t("team:conflicts.filter.revoked", { name: j.name }) })),
          ]}
        />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary">
          {t("team:conflicts.filter.submit")}
        </button>
        <Link to={base} className="btn-secondary">
          {t("team:conflicts.filter.reset")}
        </Link>
      </div>
    </Form>
  );
}

function DecideButton({ item, decision }: { item: ConflictListItem; decision: "CONFIRMED" | "DISMISSED" }) {
  const { t } = useTranslation();
  const values = { judge: item.judge.name, code: item.entry.code ?? item.entry.title };
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="conflictId" value={item.id} />
      <input type="hidden" name="expected" value={item.status} />
      <input type="hidden" name="decision" value={decision} />
      <button
        type="submit"
        className={decision === "CONFIRMED" ? "btn-primary" : "btn-secondary"}
        aria-label={t(decision === "CONFIRMED" ? "team:conflicts.list.confirmLabel" : "team:conflicts.list.dismissLabel", values)}
      >
        {t(decision === "CONFIRMED" ? "team:conflicts.list.confirm" : "team:conflicts.list.dismiss")}
      </button>
    </Form>
  );
}

/** What a conflict can still become: a pending one either way; a decided detection the other way; a declaration stands. */
function nextDecisions(item: ConflictListItem): ("CONFIRMED" | "DISMISSED")[] {
  if (item.source === "DECLARED") return [];
  const all: ConflictStatus[] = ["CONFIRMED", "DISMISSED"];
  return all.filter((s): s is "CONFIRMED" | "DISMISSED" => s !== item.status);
}

function ConflictRow({ item, timeZone }: { item: ConflictListItem; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const decisions = nextDecisions(item);
  return (
    <tr className="border-b border-stone-200 align-top">
      <td className="p-2">
        <span className="block font-medium">{item.judge.name}</span>
        <span className="block text-stone-600">{item.judge.email}</span>
        {item.judge.unit ? <span className="block text-stone-600">{item.judge.unit}</span> : null}
      </td>
      <td className="p-2">
        <span className="block font-mono">{item.entry.code ?? t("team:conflicts.list.noCode")}</span>
        <span className="block">{item.entry.title}</span>
      </td>
      <td className="p-2">{t(`team:conflicts.source.${item.source}`)}</td>
      <td className="p-2">
        {item.source === "DETECTED" ? (
          <ul className="space-y-1">
            {item.matches.map((m, i) => (
              <li key={`${m.rule}-${i}`}>
                <span className="font-medium">{t(CONFLICT_RULE_KEYS[m.rule] as "team:title")}</span>
                <span className="block text-stone-700">{t(CONFLICT_EVIDENCE_KEYS[m.rule] as "team:title", m.evidence)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <>
            <span className="block">{t("team:conflicts.list.declaredReason", { reason: item.declaredReason ?? "" })}</span>
            <span className="block text-stone-600">
              {item.decidedBy && item.decidedBy.id !== item.judge.id
                ? t("team:conflicts.list.declaredBy", { name: item.decidedBy.name })
                : t("team:conflicts.list.declaredByJudge")}
            </span>
          </>
        )}
      </td>
      <td className="p-2">
        <span className="block font-medium">{t(`team:conflicts.status.${item.status}`)}</span>
        {item.decidedAt && item.decidedBy ? (
          <span className="block text-stone-600">
            {t("team:conflicts.list.decided", { name: item.decidedBy.name, date: formatDateTime(item.decidedAt, lng, timeZone) })}
          </span>
        ) : null}
      </td>
      <td className="p-2">
        {decisions.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            {decisions.map((d) => (
              <DecideButton key={d} item={item} decision={d} />
            ))}
          </div>
        ) : item.source === "DECLARED" ? (
          <span className="text-stone-600">{t("team:conflicts.list.declaredStands")}</span>
        ) : null}
      </td>
    </tr>
  );
}

function DeclareForm({ screen }: { screen: ConflictsScreen }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm("conflict-declare", conflictActionSchema, actionData?.result);
  const judges = screen.judges.filter((j) => j.active);
  return (
    <section aria-labelledby="declare-heading" className="card max-w-2xl space-y-4">
      <h2 id="declare-heading" className="text-lg font-semibold">
        {t("team:conflicts.declare.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("team:conflicts.declare.help")}</p>
      {judges.length === 0 ? (
        <p>{t("team:conflicts.declare.noJudges")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="intent" value="declare" />
          <FormErrors errors={form.errors} />
          <SelectField
            label={t("team:conflicts.declare.judge")}
            errors={fields.judgeId.errors}
            selectProps={getSelectProps(fields.judgeId)}
            options={[{ value: "", label: t("team:conflicts.declare.choose") }, ...judges.map((j) => ({ value: j.id, label: `${j.name} (${j.email})` }))]}
          />
          {screen.entries.mode === "select" ? (
            <SelectField
              label={t("team:conflicts.declare.entry")}
              errors={fields.entryCode.errors}
              selectProps={getSelectProps(fields.entryCode)}
              options={[
                { value: "", label: t("team:conflicts.declare.chooseEntry") },
                ...screen.entries.options.map((e) => ({ value: e.code, label: `${e.code} — ${e.title}` })),
              ]}
            />
          ) : (
            <Field
              label={t("team:conflicts.declare.entryCode")}
              help={t("team:conflicts.declare.entryCodeHelp", { count: screen.entries.count, example: screen.entries.example })}
              errors={fields.entryCode.errors}
              inputProps={{ ...getInputProps(fields.entryCode, { type: "text" }), autoComplete: "off", spellCheck: false }}
            />
          )}
          <TextareaField
            label={t("team:conflicts.declare.reason")}
            errors={fields.reason.errors}
            textareaProps={{ ...getTextareaProps(fields.reason), rows: 3, maxLength: CONFLICT_REASON_MAX }}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("team:conflicts.declare.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export default function ContestConflicts() {
  const { result, filter, screen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const base = `/organize/${screen.contest.id}/conflicts`;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("team:conflicts.heading", { contest: screen.contest.title })}</h1>
        <p className="text-stone-700">{t("team:conflicts.intro")}</p>
      </div>
      {actionData?.notice ? <NoticeText notice={actionData.notice} /> : null}
      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="sr-only">
          {t("team:conflicts.counts.label")}
        </h2>
        <dl className="grid grid-cols-3 gap-3">
          {CONFLICT_STATUSES.map((s) => (
            <div key={s} className="card p-4">
              <dt className="text-sm text-stone-700">{t(`team:conflicts.status.${s}`)}</dt>
              <dd className="text-2xl font-semibold" data-testid={`count-${s}`}>
                {screen.counts[s]}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="detect-heading" className="card space-y-3">
        <h2 id="detect-heading" className="text-lg font-semibold">
          {t("team:conflicts.detect.heading")}
        </h2>
        <p className="text-sm text-stone-700">{t("team:conflicts.detect.help")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="detect" />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("team:conflicts.detect.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="list-heading" className="space-y-4">
        <h2 id="list-heading" className="text-lg font-semibold">
          {t("team:conflicts.list.heading")}
        </h2>
        <FilterForm screen={screen} filter={filter} result={result} />
        <p className="text-sm text-stone-700">{t("team:conflicts.list.total", { count: screen.total })}</p>
        {screen.items.length === 0 ? (
          <p>{t("team:conflicts.list.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("team:conflicts.list.judge")}</th>
                  <th scope="col" className="p-2">{t("team:conflicts.list.entry")}</th>
                  <th scope="col" className="p-2">{t("team:conflicts.list.source")}</th>
                  <th scope="col" className="p-2">{t("team:conflicts.list.grounds")}</th>
                  <th scope="col" className="p-2">{t("team:conflicts.list.status")}</th>
                  <th scope="col" className="p-2">{t("team:conflicts.list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {screen.items.map((item) => (
                  <ConflictRow key={item.id} item={item} timeZone={screen.contest.timeZone} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {screen.pageCount > 1 ? (
          <nav aria-label={t("team:conflicts.pages.label")} className="flex flex-wrap items-center gap-4">
            {screen.page > 1 ? (
              <Link to={`${base}${query(filter, screen.page - 1)}`} className="link">
                {t("team:conflicts.pages.previous")}
              </Link>
            ) : null}
            <span>{t("team:conflicts.pages.current", { page: screen.page, count: screen.pageCount })}</span>
            {screen.page < screen.pageCount ? (
              <Link to={`${base}${query(filter, screen.page + 1)}`} className="link">
                {t("team:conflicts.pages.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <DeclareForm screen={screen} />
    </div>
  );
}
