// /organize: the organizer's contests, and creating a new one.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contestHome } from "#app/components/contest-nav";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { createContestSchema } from "#app/modules/contests/contests.schema";
import { createContest, listManagedContests } from "#app/modules/contests/contests.server";
import { canCreateContest, requireOrganizerArea } from "#app/modules/contests/policies.server";
import { forbidden } from "#app/utils/http.server";
import { formatDateTime } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("organize:title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireOrganizerArea(user);
  return { contests: await listManagedContests(user), canCreate: canCreateContest(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canCreateContest(user)) forbidden();
  const submission = parseWithZod(await request.formData(), { schema: createContestSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createContest(user, submission.value, clientIp(request));
  if (!result.ok) {
    return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.error] } }) }, { status: 400 });
  }
  return redirect(`/organize/${result.contestId}`);
}

export default function OrganizeIndex() {
  const { contests, canCreate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("create-contest", createContestSchema, actionData?.result);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("organize:heading")}</h1>
      {contests.length === 0 ? (
        <p>{t("organize:empty")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {contests.map((c) => (
            <li key={c.id} className="card">
              <Link to={contestHome(c.id, c.roles)} className="link text-lg font-semibold">
                {c.title}
              </Link>
              <p className="mt-1 text-sm text-stone-700">
                {t(`organize:phase.${c.phase}`)} · {t("organize:entries", { count: c._count.entries })} ·{" "}
                {c.roles.map((r) => t(`organize:role.${r}`)).join(", ")}
              </p>
              <p className="text-sm text-stone-700">
                {t("organize:deadline")}:{" "}
                {c.closesAt ? formatDateTime(c.closesAt, lng, c.timeZone) : t("organize:noDeadline")}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <section aria-labelledby="create-heading" className="card max-w-xl space-y-4">
          <h2 id="create-heading" className="text-lg font-semibold">
            {t("organize:create.heading")}
          </h2>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <Field
              label={t("organize:create.title")}
              errors={fields.title.errors}
              inputProps={getInputProps(fields.title, { type: "text" })}
            />
            <Field
              label={t("organize:create.slug")}
              help={t("organize:create.slugHelp")}
              errors={fields.slug.errors}
              inputProps={{ ...getInputProps(fields.slug, { type: "text" }), autoCapitalize: "none", spellCheck: false }}
            />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("organize:create.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
