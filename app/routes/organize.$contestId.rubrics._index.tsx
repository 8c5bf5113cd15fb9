// /organize/:contestId/rubrics: the contest's rubrics and their versions (criteria, scale, lock,
// rounds), and creating one from the default template (in the contest's language or the other)
// or blank. Organizers only; anyone else gets 404.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "#app/components/forms";
import { RubricVersions } from "#app/components/rubric-versions";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { RUBRIC_LANGUAGES, rubricCreateSchema } from "#app/modules/rubrics/rubric-create.schema";
import { createBlankRubric, createRubricFromTemplate, listContestRubrics } from "#app/modules/rubrics/rubrics.server";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("rubrics:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await listContestRubrics(contestId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: rubricCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["validation.invalid"] }) }, { status: 400 });
  const input = { contestId, actorId: user.id, ip: clientIp(request) };
  const rubric =
    submission.value.intent === "template"
      ? await createRubricFromTemplate({ ...input, language: submission.value.language })
      : orNotFound(await createBlankRubric(input));
  return redirect(`/organize/${contestId}/rubrics/${rubric.rubricId}`);
}

export default function ContestRubrics() {
  const { contest, rubrics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const base = `/organize/${contest.id}/rubrics`;
  // The contest's own language first.
  const languages = [contest.language, ...RUBRIC_LANGUAGES.filter((l) => l !== contest.language)];
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("rubrics:list.heading")}</h1>
      <p className="text-stone-700">{t("rubrics:list.intro")}</p>
      {rubrics.length === 0 ? <p>{t("rubrics:list.empty")}</p> : null}
      {rubrics.map((r) => (
        <section key={r.id} aria-labelledby={`rubric-${r.id}`} className="space-y-3">
          <h2 id={`rubric-${r.id}`} className="text-lg font-semibold">
            <Link to={`${base}/${r.id}`} className="link" aria-label={t("rubrics:list.open", { name: r.name })}>
              {r.name}
            </Link>
          </h2>
          <RubricVersions
            versions={r.versions}
            timeZone={contest.timeZone}
            builderPath={`${base}/${r.id}`}
            caption={t("rubrics:versions.heading")}
          />
        </section>
      ))}
      <section aria-labelledby="create-rubric" className="card max-w-2xl space-y-4">
        <h2 id="create-rubric" className="text-lg font-semibold">
          {t("rubrics:list.createHeading")}
        </h2>
        <FormErrors errors={actionData?.result.error?.[""]} />
        <p className="text-sm text-stone-700">{t("rubrics:list.templateHelp")}</p>
        <p className="text-sm text-stone-700">{t("rubrics:list.contestLanguage", { language: t(`rubrics:languages.${contest.language}`) })}</p>
        <div className="flex flex-wrap gap-3">
          {languages.map((language, i) => (
            <Form method="post" key={language}>
              <input type="hidden" name="intent" value="template" />
              <input type="hidden" name="language" value={language} />
              <button type="submit" className={i === 0 ? "btn-primary" : "btn-secondary"} disabled={busy}>
                {t("rubrics:list.fromTemplate", { language: t(`rubrics:languages.${language}`) })}
              </button>
            </Form>
          ))}
        </div>
        <p className="text-sm text-stone-700">{t("rubrics:list.blankHelp")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="blank" />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("rubrics:list.blank")}
          </button>
        </Form>
      </section>
    </div>
  );
}
