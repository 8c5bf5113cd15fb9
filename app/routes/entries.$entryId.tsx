// /entries/:entryId: the entrant's own entry: its state (and the reason when disqualified), codes,
// versions; until the deadline the form to edit it, replace the essay, submit a draft, or
// withdraw. Another entrant's entry, or a wrong id: 404 (signed out: 403).
import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EntryForm } from "#app/components/entry-form";
import { FormErrors, useErrorText } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { getEntrantEntry } from "#app/modules/entries/entries.server";
import { postEntryForm } from "#app/modules/entries/entry-form.server";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageMeta(matches, (t) => data?.entry.title ?? t("entries:entry.heading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { entry: orNotFound(await getEntrantEntry(user.id, params.entryId ?? "")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The same handler as the upload route's (entries.$entryId.upload.ts).
  const outcome = await postEntryForm(request, params.entryId ?? "");
  if (outcome.kind === "redirect") return redirect(outcome.to);
  return data({ result: outcome.result }, { status: outcome.status });
}

const DONE = { draft: "entries:form.draftSaved", saved: "entries:form.changesSaved", withdrawn: "entries:entry.withdrawn" } as const;

export default function EntrantEntry() {
  const { entry } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const [search] = useSearchParams();
  const done = search.get("done");
  const zone = entry.contest.timeZone;
  const submitted = entry.status !== "DRAFT";
  const current = entry.versions.find((v) => v.isCurrent);
  const [withdrawForm] = useForm({ id: "withdraw", lastResult: actionData?.result.initialValue?.intent === "withdraw" ? actionData.result : undefined });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("entries:form.editHeading", { title: entry.title })}</h1>
      {done && done in DONE && !actionData ? <Notice>{t(DONE[done as keyof typeof DONE])}</Notice> : null}

      <section aria-labelledby="entry-facts" className="card space-y-2">
        <h2 id="entry-facts" className="sr-only">
          {t("entries:entry.heading")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("entries:entry.status")}</dt>
          <dd data-testid="entry-status">
            <strong>{t(`entries:status.${entry.status}`)}</strong>
            {entry.statusReason ? <p className="text-red-900">{t("entries:entry.reason", { reason: entry.statusReason })}</p> : null}
          </dd>
          <dt className="font-medium">{t("entries:entry.entryCode")}</dt>
          <dd>{entry.entryCode ?? t("entries:entry.noCode")}</dd>
          <dt className="font-medium">{t("entries:entry.contest")}</dt>
          <dd>
            <Link to={`/contests/${entry.contest.slug}`} className="link">
              {entry.contest.title}
            </Link>
          </dd>
          <dt className="font-medium">{t("entries:entry.category")}</dt>
          <dd>{entry.category.name}</dd>
          {entry.submittedAt ? (
            <>
              <dt className="font-medium">{t("entries:entry.submittedAt")}</dt>
              <dd>{formatDateTime(entry.submittedAt, lng, zone)}</dd>
            </>
          ) : null}
        </dl>
        {entry.entryCode && current ? (
          <p>
            <Link to={`/entries/${entry.id}/receipt`} className="link">
              {t("entries:entry.receiptLink")}
            </Link>
          </p>
        ) : null}
        <p className="text-sm text-stone-700">{t("entries:entry.feedback")}</p>
      </section>

      <section aria-labelledby="versions-heading" className="card space-y-2">
        <h2 id="versions-heading" className="text-lg font-semibold">
          {t("entries:entry.versions")}
        </h2>
        <p className="text-sm text-stone-700">{t("entries:entry.versionsHelp")}</p>
        {entry.versions.length === 0 ? (
          <p>{t("entries:entry.noVersion")}</p>
        ) : (
          <ol className="space-y-1" data-testid="versions">
            {entry.versions.map((v) => (
              <li key={v.id}>
                <span className="font-medium">{t("entries:entry.version", { number: v.number })}</span>
                {v.isCurrent ? <span className="ml-2 rounded bg-green-100 px-2 text-sm text-green-900">{t("entries:entry.current")}</span> : null}
                {" — "}
                {v.file ? t("entries:entry.versionFile", { name: v.file.originalName }) : t("entries:entry.versionText")}
                {", "}
                {t("entries:entry.versionWords", { count: v.wordCount })}
                {", "}
                <time dateTime={new Date(v.createdAt).toISOString()}>{formatDateTime(v.createdAt, lng, zone)}</time>
              </li>
            ))}
          </ol>
        )}
      </section>

      {entry.editable ? (
        <>
          <EntryForm
            contest={entry.contest}
            defaults={{
              version: entry.version,
              categoryId: entry.categoryId,
              title: entry.title,
              abstract: entry.abstract,
              authors: entry.authors,
              essayMode: entry.onlineText !== null || entry.contest.fileKinds.length === 0 ? "text" : "file",
              onlineText: entry.onlineText ?? "",
              declaration: entry.declarationAcceptedAt !== null,
            }}
            lastResult={actionData?.result.initialValue?.intent === "withdraw" ? undefined : actionData?.result}
            submitted={submitted}
            hasEssay={entry.versions.length > 0}
          />
          <section aria-labelledby="withdraw-heading" className="card space-y-3">
            <h2 id="withdraw-heading" className="text-lg font-semibold">
              {t("entries:entry.withdrawHeading")}
            </h2>
            <p className="text-sm text-stone-700">{t("entries:entry.withdrawHelp")}</p>
            <Form method="post" encType="multipart/form-data" {...getFormProps(withdrawForm)}>
              <FormErrors errors={withdrawForm.errors} />
              <input type="hidden" name="version" value={entry.version} />
              <button type="submit" name="intent" value="withdraw" className="btn-secondary">
                {t("entries:entry.withdraw")}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <p className="card">{t("entries:entry.readOnly", { why: errorText(entry.lockedBecause ?? "entries:errors.notEditable") })}</p>
      )}
    </div>
  );
}
