// /organize/:contestId/entries/:entryId/masking: the secretary's review of what judges will read of
// an entry: the masked text with the masked places highlighted, what was masked, and the forms to
// mask another term, not to mask an automatically found one, or take a term off either list.
// Organizers and secretaries of the contest; anyone else gets 404 (signed out: 403).
// (Not nested under a future entries list or entry page: the file name escapes "entries" and ":entryId".)
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { maskingActionSchema } from "#app/modules/entries/mask.schema";
import { addMaskTerm, getMaskingReview, removeMaskTerm } from "#app/modules/entries/masking.server";
import { notFound, orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("masking:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  return { review: orNotFound(await getMaskingReview(contestId, params.entryId ?? "")) };
}

type Intent = "add" | "exclude" | "remove";
const NOTICE_KEYS = { add: "masking:notices.added", exclude: "masking:notices.excluded", remove: "masking:notices.removed" } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const entryId = params.entryId ?? "";
  await requireContestStaff(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: maskingActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent === "add" ? "add" : "other";
    return data({ intent, result: submission.reply(), notice: null }, { status: 400 });
  }
  const input = submission.value;
  const who = { contestId, entryId, actorId: user.id, ip: clientIp(request) };
  const outcome =
    input.intent === "remove"
      ? await removeMaskTerm({ ...who, termId: input.termId })
      : await addMaskTerm({ ...who, term: input.term, exclude: input.intent === "exclude" });
  const intent: Intent = input.intent;
  if (!outcome.ok) {
    if (outcome.status === "notFound") notFound();
    if (outcome.status === "invalid") return data({ intent, result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null }, { status: 400 });
    // Someone else changed the lists meanwhile, or the term is listed already: say so, change nothing.
    return data({ intent, result: submission.reply({ formErrors: [outcome.error] }), notice: null }, { status: 409 });
  }
  return { intent, result: submission.reply({ resetForm: true }), notice: { key: NOTICE_KEYS[intent], term: outcome.term, spans: outcome.spans.after } };
}

function TermButton({ intent, term, termId, label, hidden }: { intent: Intent; term?: string; termId?: string; label: string; hidden: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      {term !== undefined ? <input type="hidden" name="term" value={term} /> : null}
      {termId !== undefined ? <input type="hidden" name="termId" value={termId} /> : null}
      <button type="submit" className="btn-secondary">
        {label}
        <span className="sr-only"> {hidden}</span>
      </button>
    </Form>
  );
}

export default function MaskingReview() {
  const { review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("mask-add", maskingActionSchema, actionData?.intent === "add" ? actionData.result : undefined);
  const pageErrors = actionData && actionData.intent !== "add" ? (actionData.result.error?.[""] ?? null) : null;
  const notice = actionData?.notice ?? null;
  const kind = (k: string) => t(`masking:kinds.${k as "name"}`);
  const quoted = (term: string) => `“${term}”`;
  const none = t("masking:authors.none");

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("masking:heading")}</h1>
        <p className="text-lg">{review.entry.title}</p>
        <p className="text-sm text-stone-700">
          {t("masking:entry", { code: review.entry.entryCode ?? t("masking:noCode"), anonymous: review.entry.anonymousCode ?? t("masking:noCode") })}
        </p>
      </header>

      {notice ? <Notice>{t(notice.key, { term: notice.term, spans: notice.spans })}</Notice> : null}
      <FormErrors errors={pageErrors} />

      <p className="text-stone-800">{t("masking:intro")}</p>
      {!review.blind ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3">{t("masking:notBlind")}</p> : null}

      <section aria-labelledby="masking-authors" className="space-y-3">
        <h2 id="masking-authors" className="text-lg font-semibold">
          {t("masking:authors.heading")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("masking:authors.name")}</th>
                <th scope="col" className="p-2">{t("masking:authors.unit")}</th>
                <th scope="col" className="p-2">{t("masking:authors.email")}</th>
                <th scope="col" className="p-2">{t("masking:authors.phone")}</th>
              </tr>
            </thead>
            <tbody>
              {review.authors.map((a, i) => (
                <tr key={i} className="border-b border-stone-200">
                  <td className="p-2">{a.name}</td>
                  <td className="p-2">{a.unit || none}</td>
                  <td className="p-2">{a.email || none}</td>
                  <td className="p-2">{a.phone || none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="masking-reading" className="space-y-3">
        <h2 id="masking-reading" className="text-lg font-semibold">
          {t("masking:reading.heading")}
        </h2>
        {review.versionNumber === null ? (
          <p>{t("masking:reading.noText")}</p>
        ) : (
          <>
            <p className="text-sm text-stone-700">{t("masking:reading.version", { number: review.versionNumber })}</p>
            <div data-testid="masked-text" className="card whitespace-pre-wrap break-words leading-relaxed">
              {review.segments.map((s, i) =>
                "text" in s ? (
                  <Fragment key={i}>{s.text}</Fragment>
                ) : (
                  <mark key={i} data-kind={s.kind} className="rounded bg-amber-200 px-0.5 text-stone-900">
                    {s.marker}
                    <span className="sr-only"> {t("masking:reading.maskedKind", { kind: kind(s.kind) })}</span>
                  </mark>
                ),
              )}
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="masking-list" className="space-y-3">
        <h2 id="masking-list" className="text-lg font-semibold">
          {t("masking:masked.heading")}
        </h2>
        {review.masked.length === 0 ? (
          <p>{t("masking:masked.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("masking:masked.kind")}</th>
                  <th scope="col" className="p-2">{t("masking:masked.original")}</th>
                  <th scope="col" className="p-2">{t("masking:masked.count")}</th>
                  <th scope="col" className="p-2">{t("masking:masked.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {review.masked.map((m) => (
                  <tr key={`${m.kind}-${m.key}`} className="border-b border-stone-200 align-top">
                    <td className="p-2">{kind(m.kind)}</td>
                    <td className="p-2 break-words">{m.original}</td>
                    <td className="p-2">{m.count}</td>
                    <td className="p-2">
                      {m.automatic ? (
                        <TermButton intent="exclude" term={m.original} label={t("masking:masked.exclude")} hidden={quoted(m.original)} />
                      ) : (
                        <span className="text-stone-600">{t("masking:masked.removeHint")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="masking-add" className="card max-w-xl space-y-3">
        <h2 id="masking-add" className="text-lg font-semibold">
          {t("masking:add.heading")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="intent" value="add" />
          <FormErrors errors={form.errors} />
          <Field
            label={t("masking:add.term")}
            help={t("masking:add.help")}
            errors={fields.term.errors}
            inputProps={{ ...getInputProps(fields.term, { type: "text" }), autoComplete: "off" }}
          />
          <button type="submit" className="btn-primary">
            {t("masking:add.submit")}
          </button>
        </Form>
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="masking-added" className="space-y-3">
          <h2 id="masking-added" className="text-lg font-semibold">
            {t("masking:added.heading")}
          </h2>
          {review.added.length === 0 ? (
            <p>{t("masking:added.empty")}</p>
          ) : (
            <ul className="space-y-2">
              {review.added.map((term) => (
                <li key={term.id} className="flex flex-wrap items-center justify-between gap-2 rounded border border-stone-200 bg-white p-2">
                  <span className="break-words">{term.term}</span>
                  <TermButton intent="remove" termId={term.id} label={t("masking:added.remove")} hidden={quoted(term.term)} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="masking-excluded" className="space-y-3">
          <h2 id="masking-excluded" className="text-lg font-semibold">
            {t("masking:excluded.heading")}
          </h2>
          <p className="text-sm text-stone-700">{t("masking:excluded.help")}</p>
          {review.excluded.length === 0 ? (
            <p>{t("masking:excluded.empty")}</p>
          ) : (
            <ul className="space-y-2">
              {review.excluded.map((term) => (
                <li key={term.id} className="flex flex-wrap items-center justify-between gap-2 rounded border border-stone-200 bg-white p-2">
                  <span className="break-words">{term.term}</span>
                  <TermButton intent="remove" termId={term.id} label={t("masking:excluded.restore")} hidden={quoted(term.term)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
