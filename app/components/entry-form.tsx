// The entrant's entry form, for a new entry and for an existing one: category, title, abstract,
// the authors as a list (the entrant first, co-authors added and removed with conform's list
// buttons), the essay as a file or written on the page with a live word count, the declaration.
//
// A form with a file is sent with XMLHttpRequest to the page's upload route (the same handler as
// the page's action), so the page shows the upload's real progress and can send it again after a
// failure; the server's answer is either where to go next or the form's errors. Without
// JavaScript, or without a file, the form posts to the page's action like any form.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorList, Field, FormErrors, SelectField, TextareaField, useSchemaForm } from "#app/components/forms";
import { wordRangeText } from "#app/components/word-range";
import { ABSTRACT_MAX, entryActionSchema, type EssayMode } from "#app/modules/entries/submission.schema";
import { countWords } from "#app/modules/entries/words";
import { acceptAttribute, KIND_LABELS, megabytes, type FileKind } from "#app/modules/storage/files.schema";

export interface EntryFormContest {
  maxCoAuthors: number;
  allowOnlineText: boolean;
  fileKinds: FileKind[];
  maxFileBytes: number;
  minWords: number | null;
  maxWords: number | null;
  categories: { id: string; name: string }[];
}

export interface EntryFormAuthor {
  name: string;
  birthYear: number | null;
  unit: string;
  jobTitle: string;
  email: string;
  phone: string;
}

export interface EntryFormDefaults {
  version: number;
  categoryId: string;
  title: string;
  abstract: string;
  authors: EntryFormAuthor[];
  essayMode: EssayMode;
  onlineText: string;
  /** Already declared (a submitted entry): the box starts ticked. */
  declaration: boolean;
}

interface Props {
  contest: EntryFormContest;
  defaults: EntryFormDefaults;
  /** The server's reply to the page's action (a post without the upload script). */
  lastResult?: SubmissionResult<string[]>;
  /** The entry is submitted: saving it is a submission's save, and the file replaces the essay. */
  submitted: boolean;
  /** The entry has an essay already (a file or a text may be left out). */
  hasEssay: boolean;
}

type Upload = { state: "idle" } | { state: "sending"; percent: number } | { state: "processing" } | { state: "failed" };

const emptyAuthor = { name: "", unit: "", jobTitle: "", email: "", phone: "" };

/** Sends the form with XMLHttpRequest, reporting upload progress. */
function useProgressUpload(onDone: (reply: { redirectTo?: string; result?: SubmissionResult<string[]> }) => void) {
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const pending = useRef<{ url: string; data: FormData } | null>(null);
  const send = (url: string, data: FormData) => {
    pending.current = { url, data };
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.setRequestHeader("Accept", "application/json");
    setUpload({ state: "sending", percent: 0 });
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) setUpload({ state: "sending", percent: Math.min(100, Math.floor((event.loaded / event.total) * 100)) });
    };
    xhr.upload.onload = () => setUpload({ state: "processing" });
    xhr.onload = () => {
      const reply = xhr.response as { redirectTo?: string; result?: SubmissionResult<string[]> } | null;
      if (reply && (reply.redirectTo || reply.result)) {
        setUpload({ state: "idle" });
        onDone(reply);
      } else {
        setUpload({ state: "failed" });
      }
    };
    xhr.onerror = () => setUpload({ state: "failed" });
    xhr.ontimeout = () => setUpload({ state: "failed" });
    xhr.onabort = () => setUpload({ state: "failed" });
    xhr.send(data);
  };
  const retry = () => {
    if (pending.current) send(pending.current.url, pending.current.data);
  };
  return { upload, send, retry };
}

export function EntryForm({ contest, defaults, lastResult, submitted, hasEssay }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const [xhrResult, setXhrResult] = useState<SubmissionResult<string[]> | null>(null);
  const { upload, send, retry } = useProgressUpload((reply) => {
    if (reply.redirectTo) navigate(reply.redirectTo);
    else if (reply.result) setXhrResult(reply.result);
  });
  const schema = entryActionSchema({ maxCoAuthors: contest.maxCoAuthors, allowOnlineText: contest.allowOnlineText });
  const [form, fields] = useSchemaForm("entry", schema, xhrResult ?? lastResult, {
    defaultValue: {
      intent: "submit",
      ...defaults,
      authors: defaults.authors.map((a) => ({ ...a, birthYear: a.birthYear ?? undefined })),
    },
  });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [mode, setMode] = useState<EssayMode>(defaults.essayMode);
  const [words, setWords] = useState(() => countWords(defaults.onlineText));
  const authors = fields.authors.getFieldList();
  const busy = upload.state === "sending" || upload.state === "processing" || navigation.state !== "idle";
  const range = wordRangeText(t, contest.minWords, contest.maxWords);
  const kinds = contest.fileKinds.map((k) => KIND_LABELS[k]).join(", ");
  const stale = form.errors?.includes("entries:errors.stale");
  const fileErrors = form.allErrors.file;

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    form.onSubmit(event);
    if (event.defaultPrevented) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0 || data.get("essayMode") === "text") return;
    // A file: sent with progress (the same handler as the page's action, answering in JSON).
    event.preventDefault();
    setXhrResult(null);
    send(`${location.pathname}/upload`, data);
  };

  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} onSubmit={onSubmit} className="space-y-6">
      <input type="hidden" name="version" value={defaults.version} />
      {stale ? (
        <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          <p>{t("entries:errors.stale")}</p>
          <Link to={location.pathname} reloadDocument className="link">
            {t("entries:form.reload")}
          </Link>
        </div>
      ) : (
        <FormErrors errors={form.errors} />
      )}

      <section aria-labelledby="entry-section" className="card space-y-4">
        <h2 id="entry-section" className="text-lg font-semibold">
          {t("entries:form.sections.entry")}
        </h2>
        <SelectField
          label={t("entries:form.fields.category")}
          errors={fields.categoryId.errors}
          selectProps={getSelectProps(fields.categoryId)}
          options={[{ value: "", label: t("entries:form.fields.chooseCategory") }, ...contest.categories.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Field label={t("entries:form.fields.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
        <TextareaField
          label={t("entries:form.fields.abstract")}
          help={t("entries:form.fields.abstractHelp", { max: ABSTRACT_MAX })}
          errors={fields.abstract.errors}
          textareaProps={{ ...getTextareaProps(fields.abstract), rows: 4 }}
        />
      </section>

      <section aria-labelledby="authors-section" className="card space-y-4">
        <h2 id="authors-section" className="text-lg font-semibold">
          {t("entries:form.sections.authors")}
        </h2>
        <p className="text-sm text-stone-700">
          {contest.maxCoAuthors > 0 ? t("entries:form.coAuthorsLimit", { max: contest.maxCoAuthors }) : t("entries:form.noCoAuthors")}
        </p>
        <ErrorList errors={fields.authors.errors} />
        {authors.map((author, index) => {
          const a = author.getFieldset();
          return (
            <fieldset key={author.key} className="space-y-3 rounded-md border border-stone-300 p-4">
              <legend className="px-1 font-semibold">{index === 0 ? t("entries:form.entrant") : t("entries:form.coAuthor", { number: index })}</legend>
              <div className="grid gap-3 md:grid-cols-2">
                <Field label={t("entries:form.fields.name")} errors={a.name.errors} inputProps={{ ...getInputProps(a.name, { type: "text" }), autoComplete: index === 0 ? "name" : "off" }} />
                <Field label={t("entries:form.fields.birthYear")} errors={a.birthYear.errors} inputProps={{ ...getInputProps(a.birthYear, { type: "number" }), step: 1, inputMode: "numeric" }} />
                <Field label={t("entries:form.fields.unit")} errors={a.unit.errors} inputProps={getInputProps(a.unit, { type: "text" })} />
                <Field label={t("entries:form.fields.jobTitle")} errors={a.jobTitle.errors} inputProps={getInputProps(a.jobTitle, { type: "text" })} />
                <Field label={t("entries:form.fields.email")} errors={a.email.errors} inputProps={{ ...getInputProps(a.email, { type: "email" }), autoComplete: index === 0 ? "email" : "off" }} />
                <Field label={t("entries:form.fields.phone")} errors={a.phone.errors} inputProps={{ ...getInputProps(a.phone, { type: "tel" }), autoComplete: index === 0 ? "tel" : "off" }} />
              </div>
              {index > 0 ? (
                <button {...form.remove.getButtonProps({ name: fields.authors.name, index })} className="btn-secondary">
                  {t("entries:form.removeCoAuthor", { number: index })}
                </button>
              ) : null}
            </fieldset>
          );
        })}
        {authors.length <= contest.maxCoAuthors ? (
          <button {...form.insert.getButtonProps({ name: fields.authors.name, defaultValue: emptyAuthor })} className="btn-secondary">
            {t("entries:form.addCoAuthor")}
          </button>
        ) : null}
      </section>

      <section aria-labelledby="essay-section" className="card space-y-4">
        <h2 id="essay-section" className="text-lg font-semibold">
          {t("entries:form.sections.essay")}
        </h2>
        {contest.allowOnlineText && contest.fileKinds.length > 0 ? (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("entries:form.fields.essayMode")}</legend>
            {(["file", "text"] as const).map((value) => (
              <div key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  id={`essay-mode-${value}`}
                  name="essayMode"
                  value={value}
                  defaultChecked={defaults.essayMode === value}
                  onChange={() => setMode(value)}
                  className="size-4 accent-brand-700"
                />
                <label htmlFor={`essay-mode-${value}`} className="text-sm">
                  {value === "file" ? t("entries:form.fields.modeFile") : t("entries:form.fields.modeText")}
                </label>
              </div>
            ))}
            <ErrorList errors={fields.essayMode.errors} />
          </fieldset>
        ) : (
          <input type="hidden" name="essayMode" value={contest.fileKinds.length > 0 ? "file" : "text"} />
        )}
        {contest.fileKinds.length > 0 ? (
          <div className="space-y-1" hidden={hydrated && mode !== "file"}>
            <label htmlFor="entry-file" className="block text-sm font-medium">
              {t("entries:form.fields.file")}
            </label>
            <input
              id="entry-file"
              type="file"
              name="file"
              accept={acceptAttribute(contest.fileKinds)}
              className="input"
              aria-describedby={`entry-file-help${fileErrors?.length ? " entry-file-error" : ""}`}
              aria-invalid={fileErrors?.length ? true : undefined}
            />
            <p id="entry-file-help" className="text-sm text-stone-600">
              {t("entries:form.fields.fileHelp", { kinds, mb: megabytes(contest.maxFileBytes) })}
              {range ? ` ${t("entries:contest.steps.words", { range })}` : ""}
              {hasEssay ? ` ${t("entries:form.fields.replaceHelp")}` : ""}
            </p>
            <ErrorList id="entry-file-error" errors={fileErrors} />
          </div>
        ) : null}
        {contest.allowOnlineText ? (
          <div className="space-y-1" hidden={hydrated && mode !== "text"}>
            <TextareaField
              label={t("entries:form.fields.onlineText")}
              help={hasEssay ? t("entries:form.fields.onlineTextHelp") : undefined}
              errors={fields.onlineText.errors}
              textareaProps={{ ...getTextareaProps(fields.onlineText), rows: 16, onChange: (e) => setWords(countWords(e.currentTarget.value)) }}
            />
            <p className="text-sm text-stone-700" aria-live="polite" data-testid="word-count">
              {range ? t("entries:form.fields.wordsLimit", { count: words, range }) : t("entries:form.fields.words", { count: words })}
            </p>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="declaration-section" className="card space-y-3">
        <h2 id="declaration-section" className="text-lg font-semibold">
          {t("entries:form.sections.declaration")}
        </h2>
        <CheckboxField label={t("entries:form.fields.declaration")} errors={fields.declaration.errors} inputProps={getInputProps(fields.declaration, { type: "checkbox" })} />
      </section>

      {upload.state !== "idle" ? (
        <div className="card space-y-2" aria-live="polite">
          {upload.state === "failed" ? (
            <div role="alert" className="space-y-2">
              <p className="text-red-900">{t("entries:upload.failed")}</p>
              <button type="button" className="btn-primary" onClick={retry}>
                {t("entries:upload.retry")}
              </button>
            </div>
          ) : (
            <>
              <label htmlFor="upload-progress" className="block text-sm font-medium">
                {t("entries:upload.progress")}
              </label>
              <progress id="upload-progress" max={100} value={upload.state === "sending" ? upload.percent : 100} className="h-3 w-full accent-brand-700" />
              <p className="text-sm" data-testid="upload-status">
                {upload.state === "sending" ? t("entries:upload.percent", { percent: upload.percent }) : t("entries:upload.processing")}
              </p>
            </>
          )}
        </div>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
          {busy ? t("entries:form.saving") : submitted ? t("entries:form.saveChanges") : t("entries:form.submit")}
        </button>
        {!submitted ? (
          <button type="submit" name="intent" value="draft" className="btn-secondary" disabled={busy}>
            {t("entries:form.saveDraft")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
