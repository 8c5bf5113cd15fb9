// /organize/:contestId/results: the results overview for the contest's organizers (anyone else
// 404, signed out 403): the tie-break order (editable before judging), the rounds' rankings, the
// winners that publishing would make public, publishing (or a correction, with its reason),
// preparing a correction, and the published versions.
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorList, FormErrors, SelectField, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { useLanguage, useStepLabel, WinnersTable } from "#app/components/results";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { replyRefusal } from "#app/modules/panels/replies.server";
import { saveTieBreak } from "#app/modules/rankings/decisions.server";
import { publishResults, reopenForCorrection } from "#app/modules/rankings/publish.server";
import { resultsOverview, type ResultsOverview } from "#app/modules/rankings/results-page.server";
import { resultsActionSchema } from "#app/modules/rankings/results.schema";
import { chainFromForm, stepValue, TIE_BREAK_MAX_STEPS } from "#app/modules/rankings/tie-break.schema";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("results:overview.heading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await resultsOverview(contestId));
}

type Notice = { key: string; values: Record<string, string | number> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: resultsActionSchema });
  if (submission.status !== "success") {
    const form = submission.payload.intent === "publish" ? "publish" : submission.payload.intent === "reopen" ? "reopen" : "tie-break";
    return data({ form, result: submission.reply(), notice: null as Notice | null }, { status: 400 });
  }
  const input = submission.value;
  const who = { contestId, actorId: user.id, ip: clientIp(request) };

  if (input.intent === "tieBreak") {
    const saved = await saveTieBreak({ ...who, steps: chainFromForm(input.steps), expected: input.expected });
    if (!saved.ok) return replyRefusal(submission, saved, "tie-break");
    const notice: Notice = { key: saved.changed ? "results:tieBreak.saved" : "results:tieBreak.unchanged", values: {} };
    return { form: "tie-break", result: submission.reply({ resetForm: true }), notice };
  }
  if (input.intent === "publish") {
    const published = await publishResults({ ...who, showScores: input.showScores, reason: input.reason, fingerprint: input.fingerprint });
    if (!published.ok) return replyRefusal(submission, published, "publish");
    const notice: Notice = { key: "results:publish.published", values: { version: published.version, count: published.mailed } };
    return { form: "publish", result: submission.reply({ resetForm: true }), notice };
  }
  const reopened = await reopenForCorrection(who);
  if (!reopened.ok) return replyRefusal(submission, reopened, "reopen");
  return { form: "reopen", result: submission.reply(), notice: { key: "results:publish.reopened", values: {} } as Notice };
}

export default function ResultsOverviewPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const notice = actionData?.notice ?? null;
  const resultOf = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("results:overview.heading")}</h1>
        <p className="text-stone-700">{t("results:overview.intro")}</p>
      </div>
      {notice ? (
        <Notice>
          {t(notice.key as "results:publish.published", notice.values)}
        </Notice>
      ) : null}
      <Rounds page={page} />
      <TieBreak page={page} lastResult={notice ? undefined : resultOf("tie-break")} />
      <Publish page={page} lastResult={notice ? undefined : resultOf("publish")} reopenResult={notice ? undefined : resultOf("reopen")} />
      <Versions page={page} />
    </div>
  );
}

function Rounds({ page }: { page: ResultsOverview }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="rounds-heading" className="space-y-3">
      <h2 id="rounds-heading" className="text-lg font-semibold">
        {t("results:overview.roundsHeading")}
      </h2>
      {page.rounds.length === 0 ? (
        <p>{t("results:overview.noRounds")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("results:overview.roundsCaption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("results:overview.round")}</th>
                <th scope="col" className="p-2">{t("results:overview.method")}</th>
                <th scope="col" className="p-2">{t("results:overview.entries")}</th>
                <th scope="col" className="p-2">{t("results:overview.next")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rounds.map((r) => (
                <tr key={r.id} className="border-b border-stone-200">
                  <th scope="row" className="p-2 text-left font-medium">
                    <Link to={r.id} className="link" aria-label={t("results:overview.openLabel", { round: r.name })}>
                      {r.name}
                    </Link>
                  </th>
                  <td className="p-2">{t(`rounds:aggregation.${r.aggregation}`)}</td>
                  <td className="p-2">{r.entries}</td>
                  <td className="p-2">{r.final ? t("results:overview.final") : t(`rounds:advanceSummary.${r.advanceRule}`, { value: r.advanceValue ?? "" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TieBreak({ page, lastResult }: { page: ResultsOverview; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const { tieBreak } = page;
  const [form, fields] = useSchemaForm("tie-break", resultsActionSchema, lastResult);
  const options = [
    { value: "", label: t("results:tieBreak.none") },
    ...tieBreak.criteria.map((name) => ({ value: stepValue({ kind: "criterion", name }), label: t("results:tieBreak.criterion", { name }) })),
    { value: "topMarks", label: t("results:tieBreak.topMarks") },
    { value: "chair", label: t("results:tieBreak.chair") },
  ];
  return (
    <section aria-labelledby="tie-break-heading" className="card space-y-4">
      <h2 id="tie-break-heading" className="text-lg font-semibold">
        {t("results:tieBreak.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("results:tieBreak.intro")}</p>
      {tieBreak.editable ? (
        <Form method="post" {...getFormProps(form)} key={tieBreak.expected} className="space-y-4">
          <input type="hidden" name="intent" value="tieBreak" />
          <input type="hidden" name="expected" value={tieBreak.expected} />
          <FormErrors errors={form.errors} />
          <div className="grid gap-4 md:grid-cols-2">
            {Array.from({ length: TIE_BREAK_MAX_STEPS }, (_, i) => (
              <SelectField
                key={i}
                label={t("results:tieBreak.slot", { n: i + 1 })}
                selectProps={{ name: `steps[${i}]`, id: `tie-break-step-${i}`, defaultValue: tieBreak.steps[i] ? stepValue(tieBreak.steps[i]) : "" }}
                options={options}
              />
            ))}
          </div>
          <ErrorList errors={fields.steps.errors} />
          <p className="text-sm text-stone-700">{t("results:tieBreak.end")}</p>
          <button type="submit" className="btn-primary">
            {t("results:tieBreak.save")}
          </button>
        </Form>
      ) : (
        <div className="space-y-2">
          <p className="font-medium">{t("results:tieBreak.locked")}</p>
          {tieBreak.steps.length === 0 ? (
            <p>{t("results:tieBreak.empty")}</p>
          ) : (
            <ol className="list-decimal space-y-1 pl-6">
              {tieBreak.steps.map((s) => (
                <li key={stepValue(s)}>{stepLabel(s)}</li>
              ))}
            </ol>
          )}
          <p className="text-sm text-stone-700">{t("results:tieBreak.end")}</p>
        </div>
      )}
    </section>
  );
}

function Publish({ page, lastResult, reopenResult }: { page: ResultsOverview; lastResult?: SubmissionResult<string[]>; reopenResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const { publish, contest } = page;
  const [form, fields] = useSchemaForm("publish", resultsActionSchema, lastResult, {
    defaultValue: { intent: "publish", showScores: contest.showScoresInResults },
  });
  const correction = (publish?.version ?? 1) > 1;
  return (
    <section aria-labelledby="publish-heading" className="card space-y-4">
      <h2 id="publish-heading" className="text-lg font-semibold">
        {t("results:publish.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("results:publish.intro")}</p>
      {!publish ? (
        <p>{t("results:publish.noFinalRound")}</p>
      ) : (
        <>
          <p>{t("results:publish.finalRound", { round: publish.finalRound.name })}</p>
          {contest.phase === "PUBLISHED" ? (
            <Form method="post" className="space-y-2 rounded-md border border-stone-200 bg-stone-50 p-4">
              <input type="hidden" name="intent" value="reopen" />
              <h3 className="font-semibold">{t("results:publish.reopenHeading")}</h3>
              <p className="text-sm text-stone-700">{t("results:publish.reopenHelp")}</p>
              <FormErrors errors={reopenResult?.error?.[""] ?? null} />
              <button type="submit" className="btn-secondary">
                {t("results:publish.reopen")}
              </button>
            </Form>
          ) : null}
          {contest.phase !== "FINALIZING" && contest.phase !== "PUBLISHED" ? <p className="font-medium">{t("results:publish.phase")}</p> : null}
          {publish.blockers.length > 0 ? (
            <div className="text-sm">
              <p className="font-medium">{t("results:publish.blockers")}</p>
              <ErrorList errors={publish.blockers} />
            </div>
          ) : null}

          <section aria-labelledby="preview-heading" className="space-y-4">
            <h3 id="preview-heading" className="font-semibold">
              {t("results:publish.previewHeading")}
            </h3>
            {contest.phase === "FINALIZING" ? (
              <p>
                <a href={`/organize/${contest.id}/results/list.pdf?draft=on`} className="link" download>
                  {t("documents:links.draftList")}
                </a>
              </p>
            ) : null}
            {publish.categories.map((c) => (
              <section key={c.id} aria-labelledby={`preview-${c.id}`} className="space-y-2">
                <h4 id={`preview-${c.id}`} className="font-medium">
                  {c.name}
                </h4>
                <p className="text-sm text-stone-700">{t("results:publish.rankedCount", { count: c.ranked })}</p>
                {c.winners.length === 0 ? (
                  <p className="text-sm">{t("results:publish.noWinners")}</p>
                ) : (
                  <WinnersTable caption={t("results:publish.winnersCaption", { name: c.name })} winners={c.winners} scores={publish.scoresOf} />
                )}
              </section>
            ))}
          </section>

          {contest.phase === "FINALIZING" ? (
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="fingerprint" value={publish.fingerprint} />
              <FormErrors errors={form.errors} />
              <CheckboxField label={t("results:publish.showScores")} errors={fields.showScores.errors} inputProps={getInputProps(fields.showScores, { type: "checkbox" })} />
              {correction ? (
                <TextareaField
                  label={t("results:publish.reason")}
                  help={t("results:publish.reasonHelp")}
                  errors={fields.reason.errors}
                  textareaProps={{ ...getTextareaProps(fields.reason), rows: 3 }}
                />
              ) : null}
              <button type="submit" className="btn-primary" disabled={!publish.canPublish}>
                {correction ? t("results:publish.submitCorrection", { version: publish.version }) : t("results:publish.submit")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

function Versions({ page }: { page: ResultsOverview }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <section aria-labelledby="versions-heading" className="space-y-3">
      <h2 id="versions-heading" className="text-lg font-semibold">
        {t("results:versions.heading")}
      </h2>
      {page.publications.length === 0 ? (
        <p>{t("results:versions.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("results:versions.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("results:versions.version")}</th>
                <th scope="col" className="p-2">{t("results:versions.publishedAt")}</th>
                <th scope="col" className="p-2">{t("results:versions.by")}</th>
                <th scope="col" className="p-2">{t("results:versions.reason")}</th>
                <th scope="col" className="p-2">{t("results:versions.certificates")}</th>
                <th scope="col" className="p-2">{t("results:versions.sha256")}</th>
                <th scope="col" className="p-2">{t("results:versions.view")}</th>
                <th scope="col" className="p-2">{t("documents:links.documents")}</th>
              </tr>
            </thead>
            <tbody>
              {page.publications.map((p) => (
                <tr key={p.version} className="border-b border-stone-200 align-top">
                  <th scope="row" className="p-2 text-left font-medium">
                    {p.version}
                  </th>
                  <td className="p-2">{formatDateTime(p.publishedAt, lng, page.contest.timeZone)}</td>
                  <td className="p-2">{p.publishedBy ?? "—"}</td>
                  <td className="p-2">{p.reason || t("results:versions.first")}</td>
                  <td className="p-2">{p.certificates}</td>
                  <td className="break-all p-2 font-mono text-xs">{p.sha256}</td>
                  <td className="p-2">
                    <Link
                      to={`/contests/${page.contest.slug}/results?version=${p.version}`}
                      className="link"
                      aria-label={t("results:versions.viewLabel", { version: p.version })}
                    >
                      {t("results:versions.view")}
                    </Link>
                  </td>
                  <td className="p-2">
                    <ul className="space-y-1">
                      <li>
                        <a href={`/organize/${page.contest.id}/results/list.pdf?version=${p.version}`} className="link" download>
                          {t("documents:links.listOf", { version: p.version })}
                        </a>
                      </li>
                      {p.certificates > 0 ? (
                        <li>
                          <a href={`/organize/${page.contest.id}/results/certificates.pdf?version=${p.version}`} className="link" download>
                            {t("documents:links.certificatesOf", { version: p.version })}
                          </a>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
