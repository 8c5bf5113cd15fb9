// /organize/:contestId/paper/:panelId: importing a panel's paper scoresheets, for the contest's
// secretaries and organizers (anyone else: 404). One multipart form: the file (streamed to disk
// with a size cap) and two buttons, "check" (a preview of every row's problems, nothing saved;
// 400 while it has problems) and "import" (the same file again with the preview's SHA-256 and plan:
// every sheet or none; 409 when the file or the panel changed since the check). With the script,
// the import goes to ./organize.$contestId.paper.$panelId.import.ts instead, which streams its
// progress while the sheets are written; the page shows it as a progress bar.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, useErrorText, useSchemaForm } from "#app/components/forms";
import { useProgressPost, type StreamState } from "#app/components/progress-stream";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import type { PaperColumnKey, PaperRowResult } from "#app/modules/scoring/paper";
import { PAPER_FORM, PAPER_MAX_BYTES, PAPER_PREVIEW_ROWS, paperActionSchema } from "#app/modules/scoring/paper.schema";
import { paperImportReply, type PaperReply } from "#app/modules/scoring/paper-replies.server";
import { getPaperPanel, importPaper, previewPaperImport, type PaperPreview, type PaperProgress } from "#app/modules/scoring/paper.server";
import { megabytes } from "#app/modules/storage/files.schema";
import { filePartError, withUploadForm } from "#app/modules/storage/multipart.server";
import { formatNumber } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => (data ? t("chair:paper.upload.title", { panel: data.panel.name }) : t("chair:paper.title")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  return { contestId, ...orNotFound(await getPaperPanel(contestId, params.panelId ?? "")) };
}

const FORM = PAPER_FORM;
type Reply = PaperReply;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  const panelId = params.panelId ?? "";
  return withUploadForm(request, { maxBytes: PAPER_MAX_BYTES }, async ({ fields, file }) => {
    const submission = parseWithZod(fields, { schema: paperActionSchema });
    const reply = (body: Omit<Reply, "form">, status = 200) => data({ form: FORM, ...body } satisfies Reply, { status });
    if (submission.status !== "success") return reply({ result: submission.reply(), preview: null, notice: null }, 400);
    const fileError = filePartError(file, PAPER_MAX_BYTES);
    if (fileError || file.status !== "received") {
      return reply({ result: submission.reply({ fieldErrors: { file: [fileError ?? "files:errors.noFile"] } }), preview: null, notice: null }, 400);
    }
    const received = { path: file.received.path, sha256: file.received.sha256, originalName: file.received.originalName };
    const input = submission.value;

    if (input.intent === "check") {
      const preview = await previewPaperImport({ contestId, panelId, file: received });
      if (!("sha256" in preview)) {
        if (preview.status === "notFound") notFound();
        return reply({ result: submission.reply({ formErrors: [preview.error] }), preview: null, notice: null }, 409);
      }
      return reply({ result: submission.reply(), preview, notice: null }, preview.ok ? 200 : 400);
    }

    const result = await importPaper({
      contestId,
      panelId,
      file: received,
      expectedSha256: input.sha256,
      expectedPlan: input.plan,
      actorId: user.id,
      ip: clientIp(request),
    });
    const answer = paperImportReply(submission, result);
    if (answer === "notFound") notFound();
    return data(answer.reply, { status: answer.status });
  });
}

/** A cell of the preview: what the file holds, and the problems found there. */
function PreviewCell({ row, column, children }: { row: PaperRowResult; column: PaperColumnKey; children: React.ReactNode }) {
  const { t } = useTranslation();
  const problems = row.problems.filter((p) => p.column === column).map((p) => p.message);
  return (
    <td className={`p-2 align-top ${problems.length ? "bg-red-50 outline outline-2 -outline-offset-2 outline-red-600" : ""}`}>
      {problems.length ? <span className="sr-only">{t("chair:paper.preview.cellError")}: </span> : null}
      {children}
      <ErrorList errors={problems} />
    </td>
  );
}

function PreviewTable({ caption, rows, preview }: { caption: string; rows: PaperRowResult[]; preview: PaperPreview }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="p-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 align-bottom">
            <th scope="col" className="p-2">{t("chair:paper.preview.line")}</th>
            <th scope="col" className="p-2">{t("chair:paper.columns.code")}</th>
            <th scope="col" className="p-2">{t("chair:paper.columns.judgeEmail")}</th>
            {preview.criteria.map((c) => (
              <th key={c.number} scope="col" className="p-2">
                {`${c.number}. ${c.name}`}
              </th>
            ))}
            <th scope="col" className="p-2">{t("chair:paper.columns.note")}</th>
            <th scope="col" className="p-2">{t("chair:paper.preview.rowProblems")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line} className="border-b border-stone-200">
              <th scope="row" className="p-2 text-left align-top font-medium">
                {row.line}
              </th>
              <PreviewCell row={row} column="code">
                <span className="font-mono">{row.code}</span>
              </PreviewCell>
              <PreviewCell row={row} column="judgeEmail">
                {row.judgeName ? <span className="block">{row.judgeName}</span> : null}
                <span className="block">{row.judgeEmail}</span>
              </PreviewCell>
              {preview.criteria.map((c) => (
                <PreviewCell key={c.number} row={row} column={`c${c.number}`}>
                  {row.cells[c.number]}
                </PreviewCell>
              ))}
              <PreviewCell row={row} column="note">
                <span className="line-clamp-2">{row.note}</span>
              </PreviewCell>
              <td className="p-2 align-top">
                <ul className="space-y-1 text-red-800">
                  {row.problems
                    .filter((p) => p.column === "row")
                    .map((p) => (
                      <li key={p.message}>{errorText(p.message)}</li>
                    ))}
                </ul>
                {row.replacesDraft ? <span className="text-stone-700">{t("chair:paper.preview.draftNote")}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewSection({ preview }: { preview: PaperPreview }) {
  const { t } = useTranslation();
  const shown = preview.ok ? preview.readyRows : preview.problemRows;
  const total = preview.ok ? preview.counts.rows : preview.counts.withProblems;
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <h2 id="preview-heading" className="text-lg font-semibold">
        {t("chair:paper.preview.heading", { file: preview.fileName })}
      </h2>
      {preview.fileProblems.length > 0 ? (
        <div role="alert" className="space-y-1 rounded-md border border-red-300 bg-red-50 p-3">
          <p className="font-medium">{t("chair:paper.preview.fileProblems")}</p>
          <ErrorList errors={preview.fileProblems} />
        </div>
      ) : (
        <>
          <p>{t("chair:paper.preview.summary", { rows: preview.counts.rows, problems: preview.counts.withProblems, skipped: preview.counts.skipped })}</p>
          {preview.counts.replacesDraft > 0 ? <p className="text-sm">{t("chair:paper.preview.drafts", { count: preview.counts.replacesDraft })}</p> : null}
          {preview.ok ? (
            <p role="status" className="font-medium text-green-900">
              {t("chair:paper.preview.ok")}
            </p>
          ) : (
            <p role="alert" className="font-medium text-red-900">
              {t("chair:paper.preview.problems")}
            </p>
          )}
          <PreviewTable caption={t(preview.ok ? "chair:paper.preview.readyCaption" : "chair:paper.preview.problemsCaption")} rows={shown} preview={preview} />
          {total > PAPER_PREVIEW_ROWS ? <p className="text-sm">{t("chair:paper.preview.more", { count: total - PAPER_PREVIEW_ROWS })}</p> : null}
        </>
      )}
    </section>
  );
}

type ImportStream = StreamState<PaperProgress>;

/** The import's progress while its sheets are written (the page's script), and where it ended. */
function ImportProgress({ stream }: { stream: ImportStream }) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const id = useId();
  if (stream.state === "idle") return null;
  if (stream.state === "failed") {
    return (
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
        {t("chair:paper.progress.failed")}
      </p>
    );
  }
  const progress = stream.state === "sending" ? null : stream.progress;
  const writing = progress?.stage === "writing" ? progress : null;
  const values = writing ? { written: formatNumber(writing.written, lng), total: formatNumber(writing.total, lng) } : {};
  const text =
    stream.state === "done"
      ? writing
        ? t("chair:paper.progress.done", values)
        : null
      : !progress
        ? t("chair:paper.progress.sending")
        : writing
          ? t("chair:paper.progress.writing", values)
          : t("chair:paper.progress.checking");
  if (!text) return null;
  return (
    <div className="space-y-1" aria-live="polite">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("chair:paper.progress.label")}
      </label>
      {/* No value while the file is sent and checked: how long that takes is not known. */}
      <progress id={id} className="h-3 w-full accent-brand-700" {...(writing ? { value: writing.written, max: Math.max(1, writing.total) } : {})} />
      <p className="text-sm">{text}</p>
    </div>
  );
}

export default function PaperImport() {
  const { contestId, panel, round, judging, criteria } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const fileId = useId();
  // An import sent by the script answers here; any later answer of the page's action replaces it.
  const [streamed, setStreamed] = useState<Reply | null>(null);
  const { stream, busy: importing, post, reset } = useProgressPost<PaperProgress, { status: number; reply: Reply | null }>((outcome) => {
    if (outcome.reply) setStreamed(outcome.reply);
  });
  useEffect(() => {
    setStreamed(null);
    reset();
  }, [actionData, reset]);
  const reply = streamed ?? actionData;
  const [form, fields] = useSchemaForm(FORM, paperActionSchema, reply?.result);
  const preview = reply?.preview ?? null;
  const base = `/organize/${contestId}/paper/${panel.id}`;
  const busy = navigation.state === "submitting" || importing;
  const fileErrors = (fields as unknown as { file?: { errors?: string[] } }).file?.errors ?? reply?.result.error?.file;

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    form.onSubmit(event);
    if (event.defaultPrevented) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    // The import streams its progress; checking, and anything without the script, posts as a form.
    if (!(submitter instanceof HTMLButtonElement) || submitter.value !== "import" || typeof ReadableStream === "undefined") return;
    event.preventDefault();
    void post(`${base}/import`, new FormData(event.currentTarget, submitter));
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link to={`/organize/${contestId}/paper`} className="link text-sm">
          {t("chair:paper.upload.back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("chair:paper.upload.heading", { panel: panel.name, round: round.name })}</h1>
        {criteria.length === 0 ? (
          <p>{t("chair:paper.round.noRubric")}</p>
        ) : (
          <p className="space-x-3">
            <span>{t("chair:paper.upload.templates")}</span>
            <a href={`${base}/template?format=xlsx`} download className="link">
              {t("chair:paper.upload.templateXlsx")}
            </a>
            <a href={`${base}/template?format=csv`} download className="link">
              {t("chair:paper.upload.templateCsv")}
            </a>
          </p>
        )}
        {judging ? null : <p className="font-medium">{t("chair:paper.upload.notJudging")}</p>}
      </div>

      {reply?.notice ? <Notice>{t(reply.notice.key as "chair:paper.notices.imported", reply.notice.values)}</Notice> : null}

      {criteria.length > 0 ? (
        <section aria-labelledby="upload-heading" className="card max-w-3xl space-y-4">
          <h2 id="upload-heading" className="text-lg font-semibold">
            {t("chair:paper.upload.formHeading")}
          </h2>
          {/* Keyed by the last import, so a success clears the chosen file. */}
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} onSubmit={onSubmit} key={reply?.notice ? "done" : "form"} className="space-y-4">
            <FormErrors errors={form.errors} />
            <div className="space-y-1">
              <label htmlFor={fileId} className="block text-sm font-medium">
                {t("chair:paper.upload.file")}
              </label>
              <input
                id={fileId}
                type="file"
                name="file"
                required
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={`${fileId}-help${fileErrors?.length ? ` ${fileId}-error` : ""}`}
                aria-invalid={fileErrors?.length ? true : undefined}
                className="block text-sm"
              />
              <p id={`${fileId}-help`} className="text-sm text-stone-600">
                {t("chair:paper.upload.fileHelp", { mb: megabytes(PAPER_MAX_BYTES) })}
              </p>
              <ErrorList id={`${fileId}-error`} errors={fileErrors} />
            </div>
            {preview?.ok ? (
              <>
                <input type="hidden" name="sha256" value={preview.sha256} />
                <input type="hidden" name="plan" value={preview.plan} />
              </>
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" name="intent" value="check" className={preview?.ok ? "btn-secondary" : "btn-primary"} disabled={busy}>
                {t("chair:paper.upload.check")}
              </button>
              {preview?.ok && preview.judging ? (
                <button type="submit" name="intent" value="import" className="btn-primary" disabled={busy}>
                  {t("chair:paper.upload.import", { count: preview.counts.rows })}
                </button>
              ) : null}
            </div>
            {preview?.ok && preview.judging ? <p className="text-sm text-stone-700">{t("chair:paper.upload.importHelp")}</p> : null}
          </Form>
          <ImportProgress stream={stream} />
        </section>
      ) : null}

      {preview ? <PreviewSection preview={preview} /> : null}
    </div>
  );
}
