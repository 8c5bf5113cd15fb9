// /organize/:contestId/settings: the contest editor (rules, schedule, submission rules, blind
// judging) with a live preview of the rules, the upcoming scheduled phase changes and the
// lifecycle steps available now. Organizers only; anyone else gets 404 (403 when signed out).
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorList, Field, FormErrors, SelectField, TextareaField, useErrorText, useSchemaForm } from "#app/components/forms";
import { ContestMarkdown } from "#app/components/markdown";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import type { ContestPhase } from "#app/modules/contests/phases";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import {
  CONTEST_LOCALES,
  FILE_KINDS,
  BANNER_FIELD,
  MAX_FILE_MB_MAX,
  bannerActionSchema,
  settingsActionSchema,
} from "#app/modules/contests/settings.schema";
import {
  getSettingsPage,
  removeContestBanner,
  saveContestSettings,
  setContestBanner,
  takePhaseStep,
  type BannerResult,
  type SettingsPage,
} from "#app/modules/contests/settings.server";
import { BANNER_MAX_BYTES, IMAGE_KINDS, acceptAttribute, megabytes } from "#app/modules/storage/files.schema";
import { filePartError, withUploadForm } from "#app/modules/storage/multipart.server";
import { DEFAULT_TIME_ZONE, formatDateTime } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("editor:settings.heading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await getSettingsPage(contestId));
}

type SettingsNotice = { kind: "phase"; phase: ContestPhase } | { kind: "saved"; changed: number } | { kind: "banner"; removed: boolean };

/** The banner form (posted to "?banner", multipart with the image). */
async function bannerAction(request: Request, contestId: string, actorId: string) {
  return withUploadForm(request, { maxBytes: BANNER_MAX_BYTES, field: BANNER_FIELD }, async ({ fields, file }) => {
    const submission = parseWithZod(fields, { schema: bannerActionSchema });
    if (submission.status !== "success") return data({ intent: "banner" as const, result: submission.reply(), notice: null as SettingsNotice | null }, { status: 400 });
    const ip = clientIp(request);
    let outcome: BannerResult;
    if (submission.value.intent === "removeBanner") {
      outcome = await removeContestBanner({ contestId, actorId, ip });
    } else {
      const missing = filePartError(file, BANNER_MAX_BYTES);
      if (missing || file.status !== "received") {
        return data({ intent: "banner" as const, result: submission.reply({ fieldErrors: { [BANNER_FIELD]: [missing ?? "files:errors.noFile"] } }), notice: null as SettingsNotice | null }, { status: 400 });
      }
      outcome = await setContestBanner({ contestId, actorId, file: file.received, ip });
    }
    if (outcome.ok) {
      const notice: SettingsNotice = { kind: "banner", removed: submission.value.intent === "removeBanner" };
      return { intent: "banner" as const, result: submission.reply({ resetForm: true }), notice };
    }
    if (outcome.status === "notFound") notFound();
    return data({ intent: "banner" as const, result: submission.reply({ fieldErrors: { [BANNER_FIELD]: [outcome.error] } }), notice: null as SettingsNotice | null }, { status: 400 });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  if (new URL(request.url).searchParams.has("banner")) return bannerAction(request, contestId, user.id);
  const submission = parseWithZod(await request.formData(), { schema: settingsActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent === "phase" ? "phase" : "save";
    return data({ intent, result: submission.reply(), notice: null as SettingsNotice | null }, { status: 400 });
  }
  const input = submission.value;
  const ip = clientIp(request);

  if (input.intent === "phase") {
    const step = await takePhaseStep({ contestId, from: input.from, to: input.to, actorId: user.id, ip });
    if (step.ok) return { intent: "phase" as const, result: submission.reply(), notice: { kind: "phase", phase: step.to } as SettingsNotice };
    if (step.reasons.includes("contests:phase.errors.notFound")) notFound();
    const stale = step.reasons.includes("contests:phase.errors.changedMeanwhile");
    return data({ intent: "phase" as const, result: submission.reply({ formErrors: step.reasons }), notice: null as SettingsNotice | null }, { status: stale ? 409 : 400 });
  }

  const { intent: _intent, ...values } = input;
  const saved = await saveContestSettings({ contestId, values, actorId: user.id, ip });
  if (saved.ok) {
    return { intent: "save" as const, result: submission.reply({ resetForm: true }), notice: { kind: "saved", changed: saved.changed.length } as SettingsNotice };
  }
  if (saved.reason === "notFound") notFound();
  if (saved.reason === "stale") {
    return data({ intent: "save" as const, result: submission.reply({ formErrors: ["editor:settings.errors.stale"] }), notice: null as SettingsNotice | null }, { status: 409 });
  }
  return data({ intent: "save" as const, result: submission.reply({ fieldErrors: saved.fieldErrors }), notice: null as SettingsNotice | null }, { status: 400 });
}

function useLanguage() {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : "vi";
}

export default function ContestSettings() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const notice = actionData?.notice ?? null;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("editor:settings.heading")}</h1>
      {notice?.kind === "phase" ? <Notice>{t("editor:lifecycle.done", { phase: t(`organize:phase.${notice.phase}`) })}</Notice> : null}
      {notice?.kind === "saved" ? <Notice>{notice.changed > 0 ? t("editor:settings.saved") : t("editor:settings.unchanged")}</Notice> : null}
      {notice?.kind === "banner" ? <Notice>{notice.removed ? t("editor:banner.removed") : t("editor:banner.saved")}</Notice> : null}
      <Lifecycle page={page} result={actionData?.intent === "phase" ? actionData.result : undefined} />
      <Schedule page={page} />
      <Banner page={page} result={actionData?.intent === "banner" ? actionData.result : undefined} />
      <SettingsForm key={page.values.version} page={page} lastResult={actionData?.intent === "save" ? actionData.result : undefined} />
    </div>
  );
}

function Lifecycle({ page, result }: { page: SettingsPage; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const { phase } = page.contest;
  return (
    <section aria-labelledby="lifecycle-heading" className="card space-y-4">
      <h2 id="lifecycle-heading" className="text-lg font-semibold">
        {t("editor:lifecycle.heading")}
      </h2>
      <p>
        {t("editor:lifecycle.current")} <strong>{t(`organize:phase.${phase}`)}</strong>
      </p>
      <FormErrors errors={result?.error?.[""] ?? null} />
      {page.steps.length === 0 ? (
        <p>{t("editor:lifecycle.none")}</p>
      ) : (
        <ul className="space-y-4">
          {page.steps.map((step) => {
            const reasonsId = `step-${step.to}-reasons`;
            return (
              <li key={step.to} className="space-y-1">
                <Form method="post">
                  <input type="hidden" name="intent" value="phase" />
                  <input type="hidden" name="from" value={phase} />
                  <input type="hidden" name="to" value={step.to} />
                  <button
                    type="submit"
                    className={step.ok ? "btn-primary" : "btn-secondary"}
                    disabled={!step.ok}
                    aria-describedby={step.ok ? undefined : reasonsId}
                  >
                    {t(`editor:lifecycle.actions.${phase}_${step.to}`)}
                  </button>
                </Form>
                {step.ok ? null : (
                  <div id={reasonsId} className="text-sm">
                    <p className="text-stone-700">{t("editor:lifecycle.refused")}</p>
                    <ErrorList errors={step.reasons} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Banner({ page, result }: { page: SettingsPage; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const errors = result?.error?.[BANNER_FIELD] ?? null;
  const busy = navigation.state !== "idle" && navigation.formAction?.includes("banner");
  const { contest } = page;
  return (
    <section aria-labelledby="banner-heading" className="card space-y-3">
      <h2 id="banner-heading" className="text-lg font-semibold">
        {t("editor:banner.heading")}
      </h2>
      {contest.bannerId ? (
        // The file's id makes the browser fetch a replaced image again.
        <img src={`/contests/${contest.slug}/banner?v=${contest.bannerId}`} alt={t("editor:banner.current")} className="max-h-48 rounded border border-stone-300" />
      ) : (
        <p className="text-stone-700">{t("editor:banner.none")}</p>
      )}
      <Form method="post" action="?banner" encType="multipart/form-data" className="space-y-2" key={contest.bannerId ?? "none"}>
        <FormErrors errors={result?.error?.[""] ?? null} />
        <div className="space-y-1">
          <label htmlFor="banner-file" className="block text-sm font-medium">
            {contest.bannerId ? t("editor:banner.replace") : t("editor:banner.choose")}
          </label>
          <input
            id="banner-file"
            type="file"
            name={BANNER_FIELD}
            accept={acceptAttribute(IMAGE_KINDS)}
            className="input"
            aria-describedby={`banner-help${errors ? " banner-error" : ""}`}
            aria-invalid={errors ? true : undefined}
          />
          <p id="banner-help" className="text-sm text-stone-600">
            {t("editor:banner.help", { mb: megabytes(BANNER_MAX_BYTES) })}
          </p>
          <ErrorList id="banner-error" errors={errors} />
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="banner" className="btn-primary" disabled={busy}>
            {t("editor:banner.upload")}
          </button>
          {contest.bannerId ? (
            <button type="submit" name="intent" value="removeBanner" className="btn-secondary" disabled={busy}>
              {t("editor:banner.remove")}
            </button>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

function Schedule({ page }: { page: SettingsPage }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const zone = page.contest.timeZone;
  return (
    <section aria-labelledby="schedule-heading" className="card space-y-3">
      <h2 id="schedule-heading" className="text-lg font-semibold">
        {t("editor:schedule.heading")}
      </h2>
      {page.schedule.length === 0 ? (
        <p>{t("editor:schedule.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-stone-700">{t("editor:schedule.intro", { zone })}</p>
          <ul className="space-y-1">
            {page.schedule.map((change) => (
              <li key={change.id}>
                <span className="font-medium">{t(`editor:schedule.to.${change.toPhase}`)}</span>:{" "}
                <time dateTime={new Date(change.runAt).toISOString()}>{formatDateTime(change.runAt, lng, zone)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SettingsForm({ page, lastResult }: { page: SettingsPage; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const navigation = useNavigation();
  const location = useLocation();
  const { values, locked } = page;
  const [form, fields] = useSchemaForm("contest-settings", settingsActionSchema, lastResult, {
    defaultValue: { intent: "save", ...values, minWords: values.minWords ?? undefined, maxWords: values.maxWords ?? undefined },
  });
  const [zone, setZone] = useState(values.timeZone);
  const [rules, setRules] = useState(values.rules);
  const preview = useDeferredValue(rules);
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";

  /** The field's help, followed by why it cannot change now (when it cannot). */
  const help = (name: keyof typeof locked, own?: string) => [own, locked[name] ? text(locked[name]!) : undefined].filter(Boolean).join(" ") || undefined;
  const inZone = t("editor:settings.fields.inZone", { zone });
  const fileKinds = getCollectionProps(fields.allowedFileTypes, { type: "checkbox", options: [...FILE_KINDS] });
  const fileKindsError = fields.allowedFileTypes.errors?.length ? `${fields.allowedFileTypes.id}-error` : undefined;

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="version" value={values.version} />
      {form.errors?.includes("editor:settings.errors.stale") ? (
        <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          <p>{t("editor:settings.errors.stale")}</p>
          <Link to={location.pathname} reloadDocument className="link">
            {t("editor:settings.reload")}
          </Link>
        </div>
      ) : (
        <FormErrors errors={form.errors} />
      )}

      <section aria-labelledby="settings-general" className="card space-y-4">
        <h2 id="settings-general" className="text-lg font-semibold">
          {t("editor:settings.sections.general")}
        </h2>
        <Field
          label={t("editor:settings.fields.title")}
          help={help("title")}
          errors={fields.title.errors}
          inputProps={{ ...getInputProps(fields.title, { type: "text" }), readOnly: !!locked.title }}
        />
        <Field
          label={t("editor:settings.fields.slug")}
          help={help("slug", t("editor:settings.fields.slugHelp"))}
          errors={fields.slug.errors}
          inputProps={{ ...getInputProps(fields.slug, { type: "text" }), readOnly: !!locked.slug, autoCapitalize: "none", spellCheck: false }}
        />
        <TextareaField
          label={t("editor:settings.fields.description")}
          help={t("editor:settings.fields.descriptionHelp")}
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 3, readOnly: !!locked.description }}
        />
        <SelectField
          label={t("editor:settings.fields.locale")}
          help={help("locale", t("editor:settings.fields.localeHelp"))}
          errors={fields.locale.errors}
          selectProps={{ ...getSelectProps(fields.locale), disabled: !!locked.locale }}
          options={CONTEST_LOCALES.map((l) => ({ value: l, label: t(`editor:settings.locales.${l}`) }))}
        />
        {locked.locale ? <input type="hidden" name="locale" value={values.locale} /> : null}
      </section>

      <section aria-labelledby="settings-rules" className="card space-y-4">
        <h2 id="settings-rules" className="text-lg font-semibold">
          {t("editor:settings.sections.rules")}
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          <TextareaField
            label={t("editor:settings.fields.rules")}
            help={help("rules", t("editor:settings.fields.rulesHelp"))}
            errors={fields.rules.errors}
            textareaProps={{
              ...getTextareaProps(fields.rules),
              rows: 18,
              readOnly: !!locked.rules,
              className: "font-mono text-sm",
              onChange: (e) => setRules(e.currentTarget.value),
            }}
          />
          <section aria-labelledby="rules-preview-heading" className="space-y-1">
            <h3 id="rules-preview-heading" className="text-sm font-medium">
              {t("editor:settings.preview")}
            </h3>
            <div className="min-h-32 rounded-md border border-stone-300 bg-stone-50 p-4">
              {preview.trim() ? <ContestMarkdown source={preview} lang={values.locale} headingOffset={3} /> : <p className="text-stone-600">{t("editor:settings.previewEmpty")}</p>}
            </div>
          </section>
        </div>
      </section>

      <section aria-labelledby="settings-schedule" className="card space-y-4">
        <h2 id="settings-schedule" className="text-lg font-semibold">
          {t("editor:settings.sections.schedule")}
        </h2>
        <SelectField
          label={t("editor:settings.fields.timeZone")}
          help={help("timeZone", t("editor:settings.fields.timeZoneHelp"))}
          errors={fields.timeZone.errors}
          selectProps={{ ...getSelectProps(fields.timeZone), disabled: !!locked.timeZone, onChange: (e) => setZone(e.currentTarget.value) }}
          options={page.timeZones.map((z) => ({
            value: z.id,
            label:
              z.id === DEFAULT_TIME_ZONE
                ? t("editor:settings.fields.vietnamZone", { zone: z.id, offset: z.offset })
                : t("editor:settings.fields.zoneOption", { zone: z.id, offset: z.offset }),
          }))}
        />
        {locked.timeZone ? <input type="hidden" name="timeZone" value={values.timeZone} /> : null}
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label={t("editor:settings.fields.opensAt")}
            help={help("opensAt", `${inZone} ${t("editor:settings.fields.opensAtHelp")}`)}
            errors={fields.opensAt.errors}
            inputProps={{ ...getInputProps(fields.opensAt, { type: "datetime-local" }), readOnly: !!locked.opensAt }}
          />
          <Field
            label={t("editor:settings.fields.closesAt")}
            help={help("closesAt", inZone)}
            errors={fields.closesAt.errors}
            inputProps={{ ...getInputProps(fields.closesAt, { type: "datetime-local" }), readOnly: !!locked.closesAt }}
          />
        </div>
        <Field
          label={t("editor:settings.fields.graceMinutes")}
          help={help("graceMinutes", t("editor:settings.fields.graceMinutesHelp"))}
          errors={fields.graceMinutes.errors}
          inputProps={{ ...getInputProps(fields.graceMinutes, { type: "number" }), step: 1, readOnly: !!locked.graceMinutes }}
        />
      </section>

      <section aria-labelledby="settings-submission" className="card space-y-4">
        <h2 id="settings-submission" className="text-lg font-semibold">
          {t("editor:settings.sections.submission")}
        </h2>
        <p className="text-sm text-stone-700">{help("minWords") ?? t("editor:settings.fields.submissionHelp")}</p>
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label={t("editor:settings.fields.minWords")}
            help={t("editor:settings.fields.wordsHelp")}
            errors={fields.minWords.errors}
            inputProps={{ ...getInputProps(fields.minWords, { type: "number" }), step: 1, readOnly: !!locked.minWords }}
          />
          <Field
            label={t("editor:settings.fields.maxWords")}
            help={t("editor:settings.fields.wordsHelp")}
            errors={fields.maxWords.errors}
            inputProps={{ ...getInputProps(fields.maxWords, { type: "number" }), step: 1, readOnly: !!locked.maxWords }}
          />
        </div>
        <fieldset className="space-y-2" aria-describedby={fileKindsError}>
          <legend className="text-sm font-medium">{t("editor:settings.fields.allowedFileTypes")}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {fileKinds.map(({ key, ...props }) => (
              <div key={key} className="flex items-center gap-2">
                <input {...props} className="size-4 accent-brand-700" disabled={!!locked.allowedFileTypes} />
                <label htmlFor={props.id} className="text-sm">
                  {t(`editor:settings.fileKinds.${props.value}`)}
                </label>
              </div>
            ))}
          </div>
          {locked.allowedFileTypes ? values.allowedFileTypes.map((k) => <input key={k} type="hidden" name="allowedFileTypes" value={k} />) : null}
          <ErrorList id={fileKindsError} errors={fields.allowedFileTypes.errors} />
        </fieldset>
        <CheckboxField
          label={t("editor:settings.fields.allowOnlineText")}
          errors={fields.allowOnlineText.errors}
          inputProps={{ ...getInputProps(fields.allowOnlineText, { type: "checkbox" }), disabled: !!locked.allowOnlineText }}
        />
        {locked.allowOnlineText && values.allowOnlineText ? <input type="hidden" name="allowOnlineText" value="on" /> : null}
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            label={t("editor:settings.fields.maxFileMb")}
            help={t("editor:settings.fields.maxFileMbHelp", { max: MAX_FILE_MB_MAX })}
            errors={fields.maxFileMb.errors}
            inputProps={{ ...getInputProps(fields.maxFileMb, { type: "number" }), step: 1, readOnly: !!locked.maxFileMb }}
          />
          <Field
            label={t("editor:settings.fields.maxEntriesPerUser")}
            errors={fields.maxEntriesPerUser.errors}
            inputProps={{ ...getInputProps(fields.maxEntriesPerUser, { type: "number" }), step: 1, readOnly: !!locked.maxEntriesPerUser }}
          />
          <Field
            label={t("editor:settings.fields.maxCoAuthors")}
            errors={fields.maxCoAuthors.errors}
            inputProps={{ ...getInputProps(fields.maxCoAuthors, { type: "number" }), step: 1, readOnly: !!locked.maxCoAuthors }}
          />
        </div>
      </section>

      <section aria-labelledby="settings-judging" className="card space-y-4">
        <h2 id="settings-judging" className="text-lg font-semibold">
          {t("editor:settings.sections.judging")}
        </h2>
        <CheckboxField
          label={t("editor:settings.fields.blind")}
          help={help("blind", t("editor:settings.fields.blindHelp"))}
          errors={fields.blind.errors}
          inputProps={{ ...getInputProps(fields.blind, { type: "checkbox" }), disabled: !!locked.blind }}
        />
        {locked.blind && values.blind ? <input type="hidden" name="blind" value="on" /> : null}
        <Field
          label={t("editor:settings.fields.entryCodePrefix")}
          help={help("entryCodePrefix", t("editor:settings.fields.entryCodePrefixHelp"))}
          errors={fields.entryCodePrefix.errors}
          inputProps={{
            ...getInputProps(fields.entryCodePrefix, { type: "text" }),
            readOnly: !!locked.entryCodePrefix,
            autoCapitalize: "characters",
            spellCheck: false,
          }}
        />
      </section>

      <button type="submit" className="btn-primary" disabled={saving}>
        {saving ? t("editor:settings.saving") : t("editor:settings.save")}
      </button>
    </Form>
  );
}
