// /organize/:contestId/entries/:entryId: one entry for the contest's organizers and secretaries:
// the authors' identities, the versions with their original files (staff only, never judges), the
// links to the masking review and the originality check, and the eligibility decision (audited;
// the entrant reads the reason). Anyone else: 404 (signed out: 403).
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { ELIGIBILITY_DECISIONS, eligibilitySchema } from "#app/modules/entries/submission.schema";
import { decideEligibility, getStaffEntry } from "#app/modules/entries/staff.server";
import { formatDateTime, formatNumber } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => (data ? t("entries:staff.entryHeading", { code: data.entry.entryCode ?? "" }) : t("entries:staff.heading")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  return { contestId, entry: orNotFound(await getStaffEntry(contestId, params.entryId ?? "")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: eligibilitySchema });
  if (submission.status !== "success") return data({ result: submission.reply(), decided: null }, { status: 400 });
  const decided = await decideEligibility({ contestId, entryId: params.entryId ?? "", actorId: user.id, values: submission.value, ip: clientIp(request) });
  if (decided.ok) return { result: submission.reply({ resetForm: true }), decided: decided.status };
  if (decided.status === "notFound") notFound();
  if (decided.status === "stale") return data({ result: submission.reply({ formErrors: ["entries:errors.decisionStale"] }), decided: null }, { status: 409 });
  return data({ result: submission.reply({ formErrors: [decided.error] }), decided: null }, { status: 400 });
}

export default function StaffEntry() {
  const { contestId, entry } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const zone = entry.contest.timeZone;
  const base = `/organize/${contestId}/entries`;
  const [form, fields] = useSchemaForm("eligibility", eligibilitySchema, actionData?.result, {
    defaultValue: { intent: "decide", version: entry.version, decision: entry.status === "DISQUALIFIED" || entry.status === "ELIGIBLE" ? entry.status : "SUBMITTED", reason: entry.statusReason ?? "" },
  });
  return (
    <div className="space-y-6">
      <p>
        <Link to={base} className="link">
          {t("entries:staff.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("entries:staff.entryHeading", { code: entry.entryCode ?? "" })}</h1>
      {actionData?.decided ? <Notice>{t("entries:staff.decided", { status: t(`entries:status.${actionData.decided}`) })}</Notice> : null}

      <section aria-labelledby="entry-facts" className="card space-y-2">
        <h2 id="entry-facts" className="text-lg font-semibold">
          {entry.title}
        </h2>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("entries:entry.status")}</dt>
          <dd data-testid="staff-entry-status">
            {t(`entries:status.${entry.status}`)}
            {entry.statusReason ? ` — ${t("entries:entry.reason", { reason: entry.statusReason })}` : ""}
          </dd>
          <dt className="font-medium">{t("entries:staff.columns.anonymous")}</dt>
          <dd className="font-mono">{entry.anonymousCode}</dd>
          <dt className="font-medium">{t("entries:entry.category")}</dt>
          <dd>{entry.category.name}</dd>
          {entry.submittedAt ? (
            <>
              <dt className="font-medium">{t("entries:entry.submittedAt")}</dt>
              <dd>{formatDateTime(entry.submittedAt, lng, zone)}</dd>
            </>
          ) : null}
        </dl>
        <h3 className="pt-2 font-semibold">{t("entries:staff.abstract")}</h3>
        <p className="whitespace-pre-line">{entry.abstract}</p>
        <p className="flex flex-wrap gap-3 pt-2">
          <Link to={`${base}/${entry.id}/masking`} className="btn-secondary">
            {t("entries:staff.masking")}
          </Link>
          <Link to={`/organize/${contestId}/originality`} className="btn-secondary">
            {t("entries:staff.originality")}
          </Link>
        </p>
        {entry.originalityScore !== null ? (
          <p>{t("entries:staff.originalityScore", { score: `${formatNumber(entry.originalityScore * 100, lng, 0)}%` })}</p>
        ) : null}
      </section>

      <section aria-labelledby="authors-heading" className="card space-y-3">
        <h2 id="authors-heading" className="text-lg font-semibold">
          {t("entries:staff.authors")}
        </h2>
        <ol className="space-y-3">
          {entry.authors.map((a) => (
            <li key={a.position}>
              <p className="font-semibold">{a.name}</p>
              <ul className="text-sm text-stone-800">
                {a.birthYear ? <li>{t("entries:staff.authorBirthYear", { year: a.birthYear })}</li> : null}
                {a.unit ? <li>{t("entries:staff.authorUnit", { unit: a.unit })}</li> : null}
                {a.jobTitle ? <li>{t("entries:staff.authorJob", { job: a.jobTitle })}</li> : null}
                {a.email ? <li>{t("entries:staff.authorEmail", { email: a.email })}</li> : null}
                {a.phone ? <li>{t("entries:staff.authorPhone", { phone: a.phone })}</li> : null}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="versions-heading" className="card space-y-2">
        <h2 id="versions-heading" className="text-lg font-semibold">
          {t("entries:entry.versions")}
        </h2>
        <ol className="space-y-2">
          {entry.versions.map((v) => (
            <li key={v.id} className="space-y-1">
              <p>
                <span className="font-medium">{t("entries:entry.version", { number: v.number })}</span>
                {v.isCurrent ? <span className="ml-2 rounded bg-green-100 px-2 text-sm text-green-900">{t("entries:entry.current")}</span> : null} —{" "}
                {v.file ? t("entries:entry.versionFile", { name: v.file.originalName }) : t("entries:entry.versionText")}, {t("entries:entry.versionWords", { count: v.wordCount })},{" "}
                {formatDateTime(v.createdAt, lng, zone)}
              </p>
              <p className="text-xs text-stone-700">
                SHA-256: <code className="break-all">{v.sha256}</code>
              </p>
              {v.file ? (
                <a href={`${base}/${entry.id}/file/${v.id}`} className="link" download aria-label={t("entries:staff.downloadNamed", { number: v.number })}>
                  {t("entries:staff.download")}
                </a>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="eligibility-heading" className="card space-y-3">
        <h2 id="eligibility-heading" className="text-lg font-semibold">
          {t("entries:staff.eligibility")}
        </h2>
        <p className="text-sm text-stone-700">{t("entries:staff.eligibilityHelp")}</p>
        {entry.canDecide ? (
          <Form method="post" {...getFormProps(form)} className="space-y-3" key={entry.version}>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="version" value={entry.version} />
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("entries:staff.decision")}</legend>
              {ELIGIBILITY_DECISIONS.map((d) => (
                <div key={d} className="flex items-center gap-2">
                  <input
                    type="radio"
                    id={`decision-${d}`}
                    name={fields.decision.name}
                    value={d}
                    defaultChecked={fields.decision.initialValue === d}
                    className="size-4 accent-brand-700"
                  />
                  <label htmlFor={`decision-${d}`}>{t(`entries:staff.decisions.${d}`)}</label>
                </div>
              ))}
              <ErrorList errors={fields.decision.errors} />
            </fieldset>
            <TextareaField label={t("entries:staff.reason")} errors={fields.reason.errors} textareaProps={{ ...getTextareaProps(fields.reason), rows: 3 }} />
            <button type="submit" className="btn-primary">
              {t("entries:staff.decide")}
            </button>
          </Form>
        ) : (
          <p>{t("entries:staff.cannotDecide", { why: t(entry.contest.phase === "OPEN" || entry.contest.phase === "CLOSED" ? "entries:errors.decisionStatus" : "entries:errors.decisionPhase") })}</p>
        )}
      </section>
    </div>
  );
}
