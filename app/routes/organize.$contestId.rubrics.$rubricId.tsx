// /organize/:contestId/rubrics/:rubricId: the rubric builder (the latest version, with the judge's
// form previewed live) and the version history; `?version=n` reads an older version. Organizers
// only; anyone else, and a rubric of another contest, gets 404.
//
// The action saves the whole draft with the version id and revision the page loaded
// (saveRubric): a stale page is refused and keeps what was typed; a locked version is never
// changed, the save becomes the next version. The form library's list intents (add, remove,
// reorder) arrive here too when JavaScript is off: the list comes back changed, nothing is saved.
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "#app/components/notice";
import { RubricBuilder } from "#app/components/rubric-builder";
import { RubricPreview } from "#app/components/rubric-preview";
import { RubricVersions } from "#app/components/rubric-versions";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { rubricDraftSchema, rubricTokenSchema, rubricVersionQuerySchema } from "#app/modules/rubrics/rubric-editor.schema";
import { getRubricBuilder, isContestRubric, saveRubric } from "#app/modules/rubrics/rubrics.server";
import { formatDateTime, formatNumber } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => (data ? `${data.rubric.name} · ${t("rubrics:title")}` : t("rubrics:title")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const query = rubricVersionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) notFound();
  return orNotFound(await getRubricBuilder(contestId, params.rubricId ?? "", query.data.version));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const rubricId = params.rubricId ?? "";
  await requireManagedContest(user, contestId);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: rubricDraftSchema });
  if (submission.status === undefined) {
    // A list intent (add, remove, reorder) without JavaScript: send the changed list back.
    if (!(await isContestRubric(contestId, rubricId))) notFound();
    return { result: submission.reply(), saved: null, current: null };
  }
  if (submission.status !== "success") return data({ result: submission.reply(), saved: null, current: null }, { status: 400 });
  const tokens = rubricTokenSchema.safeParse(Object.fromEntries(formData));
  if (!tokens.success) {
    return data({ result: submission.reply({ formErrors: ["rubrics:errors.changedMeanwhile"] }), saved: null, current: null }, { status: 400 });
  }
  const result = await saveRubric({ contestId, rubricId, draft: submission.value, actorId: user.id, ip: clientIp(request), ...tokens.data });
  if (result.ok) {
    const saved = { outcome: result.outcome, version: result.rubric.version };
    return { result: submission.reply({ resetForm: true }), saved, current: null };
  }
  if (result.reason === "rubrics:errors.notFound") notFound();
  if (result.reason === "rubrics:errors.changedMeanwhile") {
    // Keep what was typed; show what is saved now, so the organizer can compare and save again.
    const { versionId, revision, version, name } = result.current;
    const current = { versionId, revision, version, name, criteria: result.current.criteria.map((c) => ({ name: c.name, maxPoints: c.maxPoints })) };
    return data({ result: submission.reply({ formErrors: [result.reason] }), saved: null, current }, { status: 409 });
  }
  const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([path, errors]) => [path.replace(/\.(\d+)/g, "[$1]"), errors]));
  return data({ result: submission.reply({ fieldErrors }), saved: null, current: null }, { status: 400 });
}

export default function RubricBuilderPage() {
  const { contest, rubric, versions, view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const listPath = `/organize/${contest.id}/rubrics`;
  const builderPath = `${listPath}/${rubric.rubricId}`;
  const saved = actionData?.saved;
  const current = actionData?.current;
  return (
    <div className="space-y-8">
      <Link to={listPath} className="link text-sm">
        {t("rubrics:builder.back")}
      </Link>
      {view ? (
        <>
          <h1 className="text-2xl font-bold">{t("rubrics:versions.readOnlyHeading", { name: view.name, version: view.version })}</h1>
          <p className="rounded-md border border-stone-300 bg-stone-100 p-3">
            {view.lockedAt ? t("rubrics:versions.readOnlyLocked", { date: formatDateTime(view.lockedAt, lng, contest.timeZone) }) : t("rubrics:versions.readOnly")}
          </p>
          <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
            <section aria-labelledby="version-criteria" className="card space-y-3 self-start">
              <h2 id="version-criteria" className="text-lg font-semibold">
                {t("rubrics:builder.criteria")}
              </h2>
              <p className="font-semibold">{t("rubrics:builder.scale", { scale: formatNumber(view.totalPoints, lng) })}</p>
              <ol className="list-decimal space-y-3 pl-5">
                {view.criteria.map((c) => (
                  <li key={c.id}>
                    <p className="font-medium">{c.name}</p>
                    {c.description ? <p className="text-sm text-stone-700">{c.description}</p> : null}
                    <p className="text-sm">
                      {t("rubrics:builder.maxPoints")}: {formatNumber(c.maxPoints, lng)} · {t("rubrics:builder.step")}: {formatNumber(c.step, lng)} ·{" "}
                      {t("rubrics:builder.weight")}: {formatNumber(c.weight, lng)}
                    </p>
                  </li>
                ))}
              </ol>
            </section>
            <aside className="xl:self-start">
              <RubricPreview criteria={view.criteria.map((c) => ({ ...c, key: c.id }))} />
            </aside>
          </div>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold">{t("rubrics:builder.heading")}</h1>
          {saved ? (
            <Notice>
              {saved.outcome === "newVersion"
                ? t("rubrics:builder.savedNewVersion", { version: saved.version, previous: saved.version - 1 })
                : saved.outcome === "replaced"
                  ? t("rubrics:builder.saved", { version: saved.version })
                  : t("rubrics:builder.unchanged")}
            </Notice>
          ) : null}
          <RubricBuilder
            key={rubric.revision}
            rubric={rubric}
            tokens={current ?? rubric}
            // After a successful save the form restarts (new key) from what was saved.
            lastResult={saved ? undefined : actionData?.result}
            conflict={
              current ? (
                <section aria-labelledby="saved-now" className="rounded-md border border-stone-300 bg-white p-3">
                  <h2 id="saved-now" className="font-semibold">
                    {t("rubrics:builder.current", { version: current.version })}
                  </h2>
                  <p>{current.name}</p>
                  <ol className="list-decimal pl-5 text-sm">
                    {current.criteria.map((c, i) => (
                      <li key={i}>{t("rubrics:builder.currentCriterion", { name: c.name, max: formatNumber(c.maxPoints, lng) })}</li>
                    ))}
                  </ol>
                </section>
              ) : null
            }
          />
        </>
      )}
      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          {t("rubrics:versions.heading")}
        </h2>
        <RubricVersions
          versions={versions}
          timeZone={contest.timeZone}
          builderPath={builderPath}
          caption={t("rubrics:versions.heading")}
          viewing={view ? view.version : rubric.version}
        />
      </section>
    </div>
  );
}
