// /judge/sheets/:assignmentId/recuse: the judge declares a conflict of interest with an entry
// assigned to them (a reason is required) and leaves it: the pair becomes RECUSED, the conflict is
// recorded, the entry gets another reader of the panel, and the judge goes back to the desk.
// Reachable before opening the entry (from the desk) and from the scoring page. Only the judge of
// the assignment: anyone else 404, signed out 403.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextareaField, useSchemaForm } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { requireAssignmentReader } from "#app/modules/scoring/policies.server";
import { RECUSAL_REASON_MAX, recuseSchema } from "#app/modules/scoring/scoresheet.schema";
import { getRecusal, recuseAssignment } from "#app/modules/scoring/scoresheets.server";
import { notFound, orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("scoring:recuse.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = params.assignmentId ?? "";
  await requireAssignmentReader(user, assignmentId);
  return { recusal: orNotFound(await getRecusal(user.id, assignmentId)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = params.assignmentId ?? "";
  await requireAssignmentReader(user, assignmentId);
  const submission = parseWithZod(await request.formData(), { schema: recuseSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await recuseAssignment({ judgeId: user.id, assignmentId, reason: submission.value.reason, ip: clientIp(request) });
  if (outcome.ok) return redirect(`/judge/desk?recused=${encodeURIComponent(assignmentId)}`);
  if (outcome.status === "notFound") notFound();
  if (outcome.status === "invalid") return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
  return data({ result: submission.reply({ formErrors: [outcome.error] }) }, { status: 409 });
}

export default function RecusePage() {
  const { recusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("recuse", recuseSchema, actionData?.result);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("scoring:recuse.heading", { code: recusal.anonymousCode })}</h1>
      {recusal.canRecuse ? (
        <>
          <p className="text-stone-800">{t("scoring:recuse.intro")}</p>
          <Form method="post" {...getFormProps(form)} className="card space-y-4">
            <FormErrors errors={form.errors} />
            <TextareaField
              label={t("scoring:recuse.reason")}
              help={t("scoring:recuse.reasonHelp")}
              errors={fields.reason.errors}
              textareaProps={{ ...getTextareaProps(fields.reason), rows: 4, maxLength: RECUSAL_REASON_MAX }}
            />
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
                {t("scoring:recuse.submit")}
              </button>
              <Link to="/judge/desk" className="link">
                {t("scoring:recuse.cancel")}
              </Link>
            </div>
          </Form>
        </>
      ) : (
        <>
          <FormErrors errors={[recusal.submitted ? "scoring:recuse.errors.submitted" : "scoring:recuse.errors.notJudging"]} />
          <p>
            <Link to="/judge/desk" className="link">
              {t("scoring:recuse.cancel")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
