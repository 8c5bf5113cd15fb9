// /judge/panels/:panelId: the panel chair's view, for the panel's chair and the contest's
// organizers (anyone else: 404). The panel's progress per judge, the score matrix (judges ×
// entries by anonymous code), the flagged disagreements with an extra reader or a resolution,
// reopening a submitted sheet (the chair only: an organizer gets 403), and reminders to judges
// with unfinished sheets (the chair and organizers, rate-limited per panel).
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { replyRefusal } from "#app/modules/panels/replies.server";
import { CHAIR_REASON_MAX, chairActionSchema, REMINDER_WINDOW_HOURS } from "#app/modules/scoring/chair.schema";
import {
  getChairView,
  panelChairAccess,
  reopenScoresheet,
  requestExtraReader,
  resolveDisagreement,
  type ChairEntry,
  type ChairView,
  type MatrixCell,
} from "#app/modules/scoring/chair.server";
import { sendPanelReminders } from "#app/modules/scoring/reminders.server";
import { formatDateTime, formatNumber } from "#app/utils/format";
import { forbidden, orNotFound } from "#app/utils/http.server";
import { isLanguage, type Language } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => (data ? t("chair:title", { panel: data.view.panel.name }) : t("chair:listTitle")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = orNotFound(await panelChairAccess(user, params.panelId ?? ""));
  return { view: orNotFound(await getChairView(access, user.id)) };
}

type ChairNotice = { key: string; values: Record<string, string | number> };

const remindFormId = "remind";
const resolveFormId = (entryId: string) => `resolve-${entryId}`;
const extraFormId = (entryId: string) => `extra-${entryId}`;
const reopenFormId = (scoresheetId: string) => `reopen-${scoresheetId}`;

function formOf(payload: Record<string, unknown>): string {
  const value = (name: string) => (typeof payload[name] === "string" ? (payload[name] as string) : "");
  if (payload.intent === "resolve") return resolveFormId(value("entryId"));
  if (payload.intent === "extraReader") return extraFormId(value("entryId"));
  if (payload.intent === "reopen") return reopenFormId(value("scoresheetId"));
  return remindFormId;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = orNotFound(await panelChairAccess(user, params.panelId ?? ""));
  const submission = parseWithZod(await request.formData(), { schema: chairActionSchema });
  if (submission.status !== "success") {
    return data({ form: formOf(submission.payload as Record<string, unknown>), result: submission.reply(), notice: null }, { status: 400 });
  }
  const input = submission.value;
  const who = { access, actorId: user.id, ip: clientIp(request) };

  if (input.intent === "remind") {
    const result = await sendPanelReminders(who);
    if (!result.ok && result.status === "rateLimited") {
      const error = `chair:reminders.tooSoon|${JSON.stringify({ hours: REMINDER_WINDOW_HOURS, minutes: Math.ceil(result.retryAfterSeconds / 60) })}`;
      return data(
        { form: remindFormId, result: submission.reply({ formErrors: [error] }), notice: null },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    if (!result.ok) return replyRefusal(submission, result, remindFormId);
    const notice: ChairNotice = { key: "chair:reminders.sent", values: { judges: result.recipients, sheets: result.sheets } };
    return { form: remindFormId, result: submission.reply({ resetForm: true }), notice };
  }

  // Acting on disagreements and sheets is the chair's alone.
  if (!access.isChair) forbidden();
  if (input.intent === "resolve") {
    const form = resolveFormId(input.entryId);
    const result = await resolveDisagreement({ ...who, entryId: input.entryId, reason: input.reason });
    if (!result.ok) return replyRefusal(submission, result, form);
    return { form, result: submission.reply({ resetForm: true }), notice: { key: "chair:flagged.resolved", values: {} } satisfies ChairNotice };
  }
  if (input.intent === "extraReader") {
    const form = extraFormId(input.entryId);
    const result = await requestExtraReader({ ...who, entryId: input.entryId, reason: input.reason });
    if (!result.ok) return replyRefusal(submission, result, form);
    return { form, result: submission.reply({ resetForm: true }), notice: { key: "chair:flagged.extraAdded", values: { judge: result.judgeName } } satisfies ChairNotice };
  }
  const form = reopenFormId(input.scoresheetId);
  const result = await reopenScoresheet({ ...who, scoresheetId: input.scoresheetId, version: input.version, reason: input.reason });
  if (!result.ok) return replyRefusal(submission, result, form);
  return { form, result: submission.reply({ resetForm: true }), notice: { key: "chair:reopen.done", values: { judge: result.judgeName } } satisfies ChairNotice };
}

function useReply(formId: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.form === formId ? actionData : null;
}

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : "vi";
}

/**
 * What the last action said, at the top of the page: the form it came from may be gone (a resolved
 * entry leaves the flagged list). Field errors stay at their fields.
 */
function ActionOutcome() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  if (!actionData) return null;
  if (actionData.notice) return <Notice>{t(actionData.notice.key as "chair:flagged.resolved", actionData.notice.values)}</Notice>;
  return <FormErrors errors={actionData.result.error?.[""]} />;
}

/** The name of an entry for this contest: its anonymous code, plus code and title when not blind. */
function entryName(entry: Pick<ChairEntry, "anonymousCode" | "entryCode">) {
  return entry.entryCode ? `${entry.anonymousCode} (${entry.entryCode})` : entry.anonymousCode;
}

function ReasonForm({
  formId,
  intent,
  entry,
  label,
  help,
  submit,
  required,
  primary,
}: {
  formId: string;
  intent: "resolve" | "extraReader";
  entry: ChairEntry;
  label: string;
  help: string;
  submit: string;
  required: boolean;
  primary: boolean;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = useReply(formId);
  const [form, fields] = useSchemaForm(formId, chairActionSchema, reply?.result);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="entryId" value={entry.entryId} />
      <TextareaField
        label={label}
        help={help}
        errors={fields.reason.errors}
        textareaProps={{ ...getTextareaProps(fields.reason), rows: 2, maxLength: CHAIR_REASON_MAX, required }}
      />
      <button
        type="submit"
        className={primary ? "btn-primary" : "btn-secondary"}
        disabled={navigation.state === "submitting"}
        aria-label={t("chair:a11y.forEntry", { action: submit, code: entryName(entry) })}
      >
        {submit}
      </button>
    </Form>
  );
}

function FlaggedEntry({ view, entry }: { view: ChairView; entry: ChairEntry }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const headingId = `flagged-${entry.entryId}`;
  const totals = view.judges.flatMap((j, i) => {
    const cell = entry.cells[i]!;
    return cell.kind === "submitted" ? [{ judge: j.name, total: cell.total }] : [];
  });
  return (
    <li>
      <section className="card space-y-3" aria-labelledby={headingId}>
        <h3 id={headingId} className="font-semibold">
          {t("chair:flagged.entry", { code: entryName(entry) })}
        </h3>
        {entry.title ? <p className="text-sm text-stone-700">{entry.title}</p> : null}
        {entry.hidden ? (
          <p className="text-sm">{t("chair:matrix.hiddenHelp")}</p>
        ) : (
          <p>
            {t("chair:flagged.spread", {
              spread: formatNumber(entry.spread ?? 0, lng),
              threshold: formatNumber(view.round.threshold ?? 0, lng),
            })}
          </p>
        )}
        {entry.hidden ? null : (
          <ul className="list-disc pl-5 text-sm">
            {totals.map((row) => (
              <li key={row.judge}>{t("chair:flagged.total", { judge: row.judge, total: row.total === null ? "—" : formatNumber(row.total, lng) })}</li>
            ))}
          </ul>
        )}
        {entry.resolutions.length > 0 ? (
          <div className="space-y-1 text-sm">
            <p className="font-medium">{t("chair:flagged.history")}</p>
            <ul className="list-disc pl-5">
              {entry.resolutions.map((r, i) => (
                <li key={i}>
                  {t(r.kind === "RESOLVED" ? "chair:flagged.historyResolved" : "chair:flagged.historyExtra", {
                    chair: r.chairName,
                    date: formatDateTime(r.at, lng, view.contest.timeZone),
                  })}
                  {r.reason ? `: ${r.reason}` : ""}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.access.isChair && view.judging ? (
          <div className="grid gap-4 md:grid-cols-2">
            <ReasonForm
              formId={extraFormId(entry.entryId)}
              intent="extraReader"
              entry={entry}
              label={t("chair:flagged.extraReason")}
              help={t("chair:flagged.extraHelp")}
              submit={t("chair:flagged.extraSubmit")}
              required={false}
              primary={false}
            />
            <ReasonForm
              formId={resolveFormId(entry.entryId)}
              intent="resolve"
              entry={entry}
              label={t("chair:flagged.resolveReason")}
              help={t("chair:flagged.resolveHelp")}
              submit={t("chair:flagged.resolveSubmit")}
              required
              primary
            />
          </div>
        ) : null}
      </section>
    </li>
  );
}

function ReopenForm({ cell, judgeName, entry }: { cell: Extract<MatrixCell, { kind: "submitted" }>; judgeName: string; entry: ChairEntry }) {
  const { t } = useTranslation();
  const formId = reopenFormId(cell.scoresheetId);
  const reply = useReply(formId);
  const [form, fields] = useSchemaForm(formId, chairActionSchema, reply?.result);
  const target = t("chair:reopen.target", { judge: judgeName, code: entryName(entry) });
  return (
    <details className="text-xs" open={reply?.result.status === "error" ? true : undefined}>
      <summary className="link cursor-pointer" aria-label={t("chair:a11y.forTarget", { action: t("chair:reopen.open"), target })}>
        {t("chair:reopen.open")}
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 w-56 space-y-2" preventScrollReset>
        <input type="hidden" name="intent" value="reopen" />
        <input type="hidden" name="scoresheetId" value={cell.scoresheetId} />
        <input type="hidden" name="version" value={cell.version} />
          <TextareaField
          label={t("chair:reopen.reason")}
          errors={fields.reason.errors}
          textareaProps={{ ...getTextareaProps(fields.reason), rows: 2, maxLength: CHAIR_REASON_MAX, required: true }}
        />
        <button type="submit" className="btn-secondary px-2 py-1 text-xs" aria-label={t("chair:a11y.forTarget", { action: t("chair:reopen.submit"), target })}>
          {t("chair:reopen.submit")}
        </button>
      </Form>
    </details>
  );
}

function Cell({ cell, judgeName, entry }: { cell: MatrixCell; judgeName: string; entry: ChairEntry }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const extra = "source" in cell && cell.source === "EXTRA_READER" ? <span className="block text-xs text-stone-600">{t("chair:matrix.extra")}</span> : null;
  switch (cell.kind) {
    case "none":
      return <span className="text-stone-500">—</span>;
    case "recused":
      return <span className="text-stone-600">{t("chair:matrix.recused")}</span>;
    case "assigned":
      return (
        <>
          <span className="text-stone-700">{t("chair:matrix.notStarted")}</span>
          {extra}
        </>
      );
    case "draft":
      return (
        <>
          <span className="text-amber-800">{t("chair:matrix.draft")}</span>
          {extra}
        </>
      );
    case "submitted":
      return (
        <div className="space-y-1">
          <span className="block font-semibold">{cell.total === null ? t("chair:matrix.submittedHidden") : formatNumber(cell.total, lng)}</span>
          {extra}
          {cell.canReopen ? <ReopenForm cell={cell} judgeName={judgeName} entry={entry} /> : null}
        </div>
      );
  }
}

function ReminderSection({ view }: { view: ChairView }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const navigation = useNavigation();
  const reply = useReply(remindFormId);
  const [form] = useSchemaForm(remindFormId, chairActionSchema, reply?.result);
  const { reminder } = view;
  return (
    <section aria-labelledby="reminders-heading" className="card space-y-3">
      <h2 id="reminders-heading" className="text-lg font-semibold">
        {t("chair:reminders.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("chair:reminders.intro", { hours: REMINDER_WINDOW_HOURS })}</p>
      {reminder.judges === 0 ? (
        <p>{t("chair:reminders.nobody")}</p>
      ) : (
        <p>{t("chair:reminders.pending", { judges: reminder.judges, sheets: reminder.sheets })}</p>
      )}
      {reminder.nextAt ? <p className="text-sm">{t("chair:reminders.nextAt", { date: formatDateTime(reminder.nextAt, lng, view.contest.timeZone) })}</p> : null}
      {view.judging ? (
        <Form method="post" {...getFormProps(form)} preventScrollReset className="space-y-2">
          <input type="hidden" name="intent" value="remind" />
              <button type="submit" className="btn-primary" disabled={navigation.state === "submitting" || reminder.judges === 0 || reminder.nextAt !== null}>
            {t("chair:reminders.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function ChairPanel() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lng = useLanguage();
  const flagged = view.entries.filter((e) => e.flagged);
  const { round } = view;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        {view.access.isChair ? (
          <Link to="/judge/panels" className="link text-sm">
            {t("chair:backToList")}
          </Link>
        ) : null}
        <h1 className="text-2xl font-bold">{t("chair:heading", { panel: view.panel.name, round: round.name })}</h1>
        <p className="text-stone-700">{view.contest.title}</p>
        <p className="text-sm text-stone-700">
          {round.deadline
            ? t("chair:deadline", { date: t("common:dates.inTimeZone", { date: formatDateTime(round.deadline, lng, view.contest.timeZone), zone: view.contest.timeZone }) })
            : t("chair:noDeadline")}
        </p>
        <p className="text-sm text-stone-700">
          {round.threshold === null ? t("chair:noThreshold") : t("chair:threshold", { threshold: formatNumber(round.threshold, lng) })}
        </p>
        {view.judging ? null : <p className="text-sm font-medium">{t("chair:notJudging", { phase: t(`organize:phase.${view.contest.phase}`) })}</p>}
        {view.contest.blind ? <p className="text-sm text-stone-700">{t("chair:blindNote")}</p> : null}
      </div>
      <ActionOutcome />

      <section aria-labelledby="progress-heading" className="space-y-3">
        <h2 id="progress-heading" className="text-lg font-semibold">
          {t("chair:progress.heading")}
        </h2>
        <p>
          {t("chair:progress.summary", {
            submitted: view.totals.submitted,
            assigned: view.totals.assigned,
            drafts: view.totals.drafts,
            notStarted: view.totals.notStarted,
          })}
        </p>
        {view.judges.length === 0 ? (
          <p>{t("chair:progress.noJudges")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("chair:progress.caption")}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("chair:progress.judge")}</th>
                  <th scope="col" className="p-2">{t("chair:progress.assigned")}</th>
                  <th scope="col" className="p-2">{t("chair:progress.notStarted")}</th>
                  <th scope="col" className="p-2">{t("chair:progress.drafts")}</th>
                  <th scope="col" className="p-2">{t("chair:progress.submitted")}</th>
                </tr>
              </thead>
              <tbody>
                {view.judges.map((j) => (
                  <tr key={j.id} className="border-b border-stone-200">
                    <th scope="row" className="p-2 text-left font-medium">
                      {j.name}
                      {j.isChair ? <span className="block text-xs font-normal text-stone-600">{t("chair:progress.chair")}</span> : null}
                      {j.seated ? null : <span className="block text-xs font-normal text-stone-600">{t("chair:progress.left")}</span>}
                    </th>
                    <td className="p-2">{j.assigned}</td>
                    <td className="p-2">{j.notStarted}</td>
                    <td className="p-2">{j.drafts}</td>
                    <td className="p-2">{j.submitted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ReminderSection view={view} />

      <section aria-labelledby="flagged-heading" className="space-y-3">
        <h2 id="flagged-heading" className="text-lg font-semibold">
          {t("chair:flagged.heading", { count: flagged.length })}
        </h2>
        <p className="text-sm text-stone-700">{round.threshold === null ? t("chair:flagged.noThreshold") : t("chair:flagged.intro")}</p>
        {flagged.length === 0 ? (
          <p>{t("chair:flagged.none")}</p>
        ) : (
          <ul className="space-y-4">
            {flagged.map((entry) => (
              <FlaggedEntry key={entry.entryId} view={view} entry={entry} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="matrix-heading" className="space-y-3">
        <h2 id="matrix-heading" className="text-lg font-semibold">
          {t("chair:matrix.heading")}
        </h2>
        <p className="text-sm text-stone-700">{t("chair:matrix.intro")}</p>
        {view.entries.length === 0 ? (
          <p>{t("chair:matrix.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("chair:matrix.caption", { panel: view.panel.name })}</caption>
              <thead>
                <tr className="border-b border-stone-300 align-bottom">
                  <th scope="col" className="p-2">{t("chair:matrix.code")}</th>
                  <th scope="col" className="p-2">{t("chair:matrix.reads", { k: round.readsPerEntry })}</th>
                  {view.judges.map((j) => (
                    <th key={j.id} scope="col" className="p-2">
                      {j.name}
                    </th>
                  ))}
                  <th scope="col" className="p-2">{t("chair:matrix.spread")}</th>
                  <th scope="col" className="p-2">{t("chair:matrix.status")}</th>
                </tr>
              </thead>
              <tbody>
                {view.entries.map((e) => (
                  <tr key={e.entryId} className={`border-b border-stone-200 align-top ${e.flagged ? "bg-red-50" : ""}`}>
                    <th scope="row" className="p-2 text-left font-medium">
                      <span className="font-mono">{e.anonymousCode}</span>
                      {e.entryCode ? <span className="block text-xs font-normal">{e.entryCode}</span> : null}
                      {e.title ? <span className="block text-xs font-normal text-stone-700">{e.title}</span> : null}
                    </th>
                    <td className="p-2">{t("chair:matrix.readsOf", { submitted: e.submitted, readers: e.readers })}</td>
                    {view.judges.map((j, i) => (
                      <td key={j.id} className="p-2">
                        <Cell cell={e.cells[i]!} judgeName={j.name} entry={e} />
                      </td>
                    ))}
                    <td className="p-2">{e.spread === null ? "—" : formatNumber(e.spread, lng)}</td>
                    <td className="p-2">
                      {e.flagged ? (
                        <span className="font-semibold text-red-800">{t("chair:matrix.flagged")}</span>
                      ) : e.resolved ? (
                        <span className="text-green-800">{t("chair:matrix.resolved")}</span>
                      ) : (
                        <span className="text-stone-500">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {view.entries.some((e) => e.hidden) ? <p className="text-sm text-stone-700">{t("chair:matrix.hiddenHelp")}</p> : null}
      </section>
      {view.access.isOrganizer && !view.access.isChair ? <p className="text-sm text-stone-700">{t("chair:organizerNote")}</p> : null}
    </div>
  );
}
