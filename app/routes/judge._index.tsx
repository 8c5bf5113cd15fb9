// /judge: the judge's area, for any signed-in user; it shows only the contests where the user
// is an unrevoked judge (none: an empty state). Per contest: its title and phase, the judge's
// expertise per category, declaring a conflict of interest by entry code, and their own
// declarations; and once for all contests, the judge's unit. Nothing else of a contest. The
// scoring itself is on the desk (/judge/desk), linked from the top of the page.
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestJudge } from "#app/modules/contests/policies.server";
import { CONFLICT_REASON_MAX } from "#app/modules/panels/conflicts.schema";
import { judgeActionSchema } from "#app/modules/panels/judges.schema";
import {
  declareOwnConflict,
  getJudgeArea,
  saveJudgeExpertise,
  saveJudgeUnit,
  type JudgeContest,
} from "#app/modules/panels/judges.server";
import { formatDateTime } from "#app/utils/format";
import { notFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("judge:title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { area: await getJudgeArea(user.id) };
}

type JudgeNotice =
  | { key: "unitSaved" }
  | { key: "expertiseSaved"; contestId: string }
  | { key: "declared" | "updated"; contestId: string; code: string };

/** Which form a reply belongs to, so each form only shows its own result. */
const unitFormId = "judge-unit";
const expertiseFormId = (contestId: string) => `judge-expertise-${contestId}`;
const declareFormId = (contestId: string) => `judge-declare-${contestId}`;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: judgeActionSchema });
  if (submission.status !== "success") {
    const payload = submission.payload as Record<string, unknown>;
    const contestId = typeof payload.contestId === "string" ? payload.contestId : "";
    const form = payload.intent === "declare" ? declareFormId(contestId) : payload.intent === "expertise" ? expertiseFormId(contestId) : unitFormId;
    return data({ form, result: submission.reply(), notice: null, error: null }, { status: 400 });
  }
  const input = submission.value;
  const ip = clientIp(request);

  if (input.intent === "unit") {
    const outcome = await saveJudgeUnit({ userId: user.id, unit: input.unit, expected: input.expected, ip });
    if (!outcome.ok) return data({ form: unitFormId, result: submission.reply(), notice: null, error: outcome.error }, { status: 409 });
    const notice: JudgeNotice = { key: "unitSaved" };
    return { form: unitFormId, result: submission.reply({ resetForm: true }), notice, error: null };
  }

  await requireContestJudge(user, input.contestId);
  if (input.intent === "expertise") {
    const form = expertiseFormId(input.contestId);
    const outcome = await saveJudgeExpertise({ contestId: input.contestId, userId: user.id, categoryIds: input.categoryIds, expected: input.expected, ip });
    if (!outcome.ok && outcome.status === "notFound") notFound();
    if (!outcome.ok && outcome.status === "invalid") {
      return data({ form, result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null, error: null }, { status: 400 });
    }
    if (!outcome.ok) return data({ form, result: submission.reply(), notice: null, error: outcome.error }, { status: 409 });
    const notice: JudgeNotice = { key: "expertiseSaved", contestId: input.contestId };
    return { form, result: submission.reply({ resetForm: true }), notice, error: null };
  }

  const form = declareFormId(input.contestId);
  const outcome = await declareOwnConflict({ contestId: input.contestId, judgeId: user.id, entryCode: input.entryCode, reason: input.reason, ip });
  if (!outcome.ok && outcome.status === "notFound") notFound();
  if (!outcome.ok) {
    return data({ form, result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null, error: null }, { status: 400 });
  }
  // Only the code the judge typed goes back: never the entry's title or authors.
  const notice: JudgeNotice = { key: outcome.replaced === "declared" ? "updated" : "declared", contestId: input.contestId, code: outcome.entryCode };
  return { form, result: submission.reply({ resetForm: true }), notice, error: null };
}

function useReply(formId: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.form === formId ? actionData : null;
}

/** The outcome of the form `formId`: its refusal, or what was saved. */
function NoticeFor({ formId, contestTitle = "" }: { formId: string; contestTitle?: string }) {
  const { t } = useTranslation();
  const reply = useReply(formId);
  if (reply?.error) return <FormErrors errors={[reply.error]} />;
  const notice = reply?.notice;
  if (!notice) return null;
  if (notice.key === "unitSaved") return <Notice>{t("judge:unit.saved")}</Notice>;
  if (notice.key === "expertiseSaved") return <Notice>{t("judge:expertise.saved", { contest: contestTitle })}</Notice>;
  return <Notice>{t(notice.key === "updated" ? "judge:declare.updated" : "judge:declare.declared", { code: notice.code })}</Notice>;
}

function UnitForm({ unit }: { unit: string | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = useReply(unitFormId);
  const [form, fields] = useSchemaForm(unitFormId, judgeActionSchema, reply?.result);
  return (
    <section aria-labelledby="unit-heading" className="card max-w-2xl space-y-4">
      <h2 id="unit-heading" className="text-lg font-semibold">
        {t("judge:unit.heading")}
      </h2>
      <NoticeFor formId={unitFormId} />
      {/* Keyed by the saved unit, so that the box shows it again after a save. */}
      <Form method="post" {...getFormProps(form)} key={unit ?? ""} className="space-y-4">
        <input type="hidden" name="intent" value="unit" />
        <input type="hidden" name="expected" value={unit ?? ""} />
        <FormErrors errors={form.errors} />
        <Field
          label={t("judge:unit.label")}
          help={t("judge:unit.help")}
          errors={fields.unit.errors}
          inputProps={{ ...getInputProps(fields.unit, { type: "text" }), defaultValue: unit ?? "", autoComplete: "organization" }}
        />
        <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
          {t("judge:unit.submit")}
        </button>
      </Form>
    </section>
  );
}

function ExpertiseForm({ contest }: { contest: JudgeContest }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formId = expertiseFormId(contest.id);
  const reply = useReply(formId);
  const [form, fields] = useSchemaForm(formId, judgeActionSchema, reply?.result);
  const legendId = `${formId}-legend`;
  if (contest.categories.length === 0) return <p className="text-stone-700">{t("judge:expertise.none")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} key={contest.expertiseKey} className="space-y-3">
      <input type="hidden" name="intent" value="expertise" />
      <input type="hidden" name="contestId" value={contest.id} />
      <input type="hidden" name="expected" value={contest.expertiseKey} />
      <FormErrors errors={form.errors} />
      <fieldset aria-labelledby={legendId} aria-describedby={`${formId}-help`} className="space-y-2">
        <legend id={legendId} className="font-medium">
          {t("judge:expertise.legend")}
        </legend>
        <p id={`${formId}-help`} className="text-sm text-stone-600">
          {t("judge:expertise.help")}
        </p>
        {contest.categories.map((category) => (
          <label key={category.id} className="flex items-center gap-2">
            <input type="checkbox" name={fields.categoryIds.name} value={category.id} defaultChecked={category.expertise} className="size-4" />
            {category.name}
          </label>
        ))}
        <ErrorList errors={fields.categoryIds.errors} />
      </fieldset>
      <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
        {t("judge:expertise.submit")}
      </button>
    </Form>
  );
}

function DeclareForm({ contest }: { contest: JudgeContest }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formId = declareFormId(contest.id);
  const reply = useReply(formId);
  const [form, fields] = useSchemaForm(formId, judgeActionSchema, reply?.result);
  const headingId = `${formId}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="font-semibold">
        {t("judge:declare.heading")}
      </h3>
      <p className="text-sm text-stone-700">{t("judge:declare.help")}</p>
      <Form method="post" {...getFormProps(form)} className="max-w-xl space-y-3">
        <input type="hidden" name="intent" value="declare" />
        <input type="hidden" name="contestId" value={contest.id} />
        <FormErrors errors={form.errors} />
        <Field
          label={t("judge:declare.code")}
          help={t("judge:declare.codeHelp", { example: contest.codeExample })}
          errors={fields.entryCode.errors}
          inputProps={{ ...getInputProps(fields.entryCode, { type: "text" }), autoComplete: "off", autoCapitalize: "characters", spellCheck: false }}
        />
        <TextareaField
          label={t("judge:declare.reason")}
          errors={fields.reason.errors}
          textareaProps={{ ...getTextareaProps(fields.reason), rows: 3, maxLength: CONFLICT_REASON_MAX }}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("judge:declare.submit")}
        </button>
      </Form>
    </section>
  );
}

function ContestSection({ contest }: { contest: JudgeContest }) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const headingId = `contest-${contest.id}`;
  return (
    <section aria-labelledby={headingId} className="card space-y-6">
      <div>
        <h2 id={headingId} className="text-xl font-semibold">
          {contest.title}
        </h2>
        <p className="text-sm text-stone-700">{t("judge:phase", { phase: t(`organize:phase.${contest.phase}`) })}</p>
      </div>
      <NoticeFor formId={expertiseFormId(contest.id)} contestTitle={contest.title} />
      <ExpertiseForm contest={contest} />
      <NoticeFor formId={declareFormId(contest.id)} />
      <DeclareForm contest={contest} />
      <section aria-labelledby={`${headingId}-declarations`} className="space-y-2">
        <h3 id={`${headingId}-declarations`} className="font-semibold">
          {t("judge:declarations.heading")}
        </h3>
        {contest.declarations.length === 0 ? (
          <p className="text-stone-700">{t("judge:declarations.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("judge:declarations.code")}</th>
                  {contest.blind ? null : <th scope="col" className="p-2">{t("judge:declarations.title")}</th>}
                  <th scope="col" className="p-2">{t("judge:declarations.reason")}</th>
                  <th scope="col" className="p-2">{t("judge:declarations.date")}</th>
                </tr>
              </thead>
              <tbody>
                {contest.declarations.map((d) => (
                  <tr key={d.id} className="border-b border-stone-200 align-top">
                    <td className="whitespace-nowrap p-2 font-mono">{d.entryCode}</td>
                    {contest.blind ? null : <td className="p-2">{d.title}</td>}
                    <td className="p-2">{d.reason}</td>
                    <td className="whitespace-nowrap p-2">{formatDateTime(d.declaredAt, lng, contest.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

export default function JudgeArea() {
  const { area } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("judge:heading")}</h1>
        <p className="text-stone-700">{t("judge:intro")}</p>
      </div>
      {area.contests.length === 0 ? (
        <p className="card">{t("judge:empty")}</p>
      ) : (
        <>
          <section aria-labelledby="desk-heading" className="card flex flex-wrap items-center justify-between gap-4">
            <div className="space-y-1">
              <h2 id="desk-heading" className="text-lg font-semibold">
                {t("scoring:area.heading")}
              </h2>
              <p className="text-stone-700">{t("scoring:area.text")}</p>
            </div>
            <Link to="/judge/desk" className="btn-primary">
              {t("scoring:area.link")}
            </Link>
          </section>
          <UnitForm unit={area.unit} />
          {area.contests.map((contest) => (
            <ContestSection key={contest.id} contest={contest} />
          ))}
        </>
      )}
    </div>
  );
}
