// /organize/:contestId/rounds: the contest's rounds for its organizers (list, create, reorder,
// delete); anyone else gets 404. A round's settings and panels are on its own page.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { RoundFields } from "#app/components/round-fields";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { replyRefusal } from "#app/modules/panels/replies.server";
import { createRoundSchema, roundsActionSchema } from "#app/modules/panels/rounds.schema";
import { createRound, deleteRound, listRounds, moveRound } from "#app/modules/panels/rounds.server";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("rounds:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await listRounds(contestId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: roundsActionSchema });
  if (submission.status !== "success") return data({ form: "rounds", result: submission.reply(), notice: null }, { status: 400 });
  const input = submission.value;
  const who = { contestId, actorId: user.id, ip: clientIp(request) };
  if (input.intent === "create") {
    const { intent: _intent, ...fields } = input;
    const result = await createRound({ ...who, fields });
    if (!result.ok) return replyRefusal(submission, result, "create-round");
    return { form: "create-round", result: submission.reply(), notice: { key: "rounds:notices.created", values: { name: fields.name } } };
  }
  if (input.intent === "move") {
    const result = await moveRound({ ...who, roundId: input.roundId, direction: input.direction, position: input.position });
    if (!result.ok) return replyRefusal(submission, result, "rounds");
    return { form: "rounds", result: submission.reply(), notice: { key: "rounds:notices.moved", values: {} } };
  }
  const result = await deleteRound({ ...who, roundId: input.roundId });
  if (!result.ok) return replyRefusal(submission, result, "rounds");
  return { form: "rounds", result: submission.reply(), notice: { key: "rounds:notices.deleted", values: { name: result.name } } };
}

export default function Rounds() {
  const { contest, rounds, rubricVersions, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const [form, fields] = useSchemaForm(
    "create-round",
    createRoundSchema,
    // Errors only: after a success the form starts afresh with the next round's defaults.
    actionData?.form === "create-round" && !actionData.notice ? actionData.result : null,
  );
  const listErrors = actionData?.form === "rounds" ? actionData.result.error?.[""] : null;
  const notice = actionData?.notice;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("rounds:list.heading")}</h1>
        <p className="text-stone-700">{t("rounds:list.intro")}</p>
      </div>
      {notice ? <Notice>{t(notice.key, notice.values)}</Notice> : null}
      <FormErrors errors={listErrors} />

      {rounds.length === 0 ? (
        <p>{t("rounds:list.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("rounds:list.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("rounds:list.position")}</th>
                <th scope="col" className="p-2">{t("rounds:list.name")}</th>
                <th scope="col" className="p-2">{t("rounds:list.rubric")}</th>
                <th scope="col" className="p-2">{t("rounds:list.reads")}</th>
                <th scope="col" className="p-2">{t("rounds:list.advance")}</th>
                <th scope="col" className="p-2">{t("rounds:list.panels")}</th>
                <th scope="col" className="p-2">{t("rounds:list.entries")}</th>
                <th scope="col" className="p-2">{t("rounds:list.deadline")}</th>
                <th scope="col" className="p-2">{t("rounds:list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r, i) => (
                <tr key={r.id} className="border-b border-stone-200 align-top">
                  <td className="p-2">{r.position}</td>
                  <th scope="row" className="p-2 text-left font-medium">
                    <Link to={r.id} className="link">
                      {r.name}
                    </Link>
                  </th>
                  <td className="p-2">
                    {r.rubric
                      ? t(r.rubric.locked ? "rounds:fields.rubricOptionLocked" : "rounds:fields.rubricOption", { name: r.rubric.name, version: r.rubric.version })
                      : t("rounds:list.noRubric")}
                  </td>
                  <td className="p-2">{r.readsPerEntry}</td>
                  <td className="p-2">{t(`rounds:advanceSummary.${r.advanceRule}`, { value: r.advanceValue ?? "" })}</td>
                  <td className="p-2">{r.panels}</td>
                  <td className="p-2">{r.entries}</td>
                  <td className="p-2">{r.judgingDeadline ? formatDateTime(r.judgingDeadline, lng, contest.timeZone) : t("rounds:list.noDeadline")}</td>
                  <td className="p-2">
                    <div className="flex flex-wrap gap-2">
                      {(["up", "down"] as const).map((direction) =>
                        (direction === "up" ? i > 0 : i < rounds.length - 1) ? (
                          <Form method="post" key={direction}>
                            <input type="hidden" name="intent" value="move" />
                            <input type="hidden" name="roundId" value={r.id} />
                            <input type="hidden" name="position" value={r.position} />
                            <input type="hidden" name="direction" value={direction} />
                            <button
                              type="submit"
                              className="btn-secondary px-2 py-1"
                              aria-label={t("rounds:a11y.forTarget", { action: t(`rounds:list.${direction}`), target: r.name })}
                            >
                              {t(`rounds:list.${direction}`)}
                            </button>
                          </Form>
                        ) : null,
                      )}
                      {r.assignments === 0 ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="roundId" value={r.id} />
                          <button
                            type="submit"
                            className="btn-secondary px-2 py-1"
                            aria-label={t("rounds:a11y.forTarget", { action: t("rounds:list.delete"), target: r.name })}
                          >
                            {t("rounds:list.delete")}
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="create-round-heading" className="card space-y-4">
        <h2 id="create-round-heading" className="text-lg font-semibold">
          {t("rounds:create.heading")}
        </h2>
        <Form method="post" {...getFormProps(form)} key={`create-${rounds.length}`} className="space-y-4">
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={form.errors} />
          <RoundFields
            fields={fields}
            values={{ ...defaults, spreadThreshold: null, advanceValue: null, judgingDeadline: null }}
            rubricVersions={rubricVersions}
            timeZone={contest.timeZone}
          />
          <button type="submit" className="btn-primary">
            {t("rounds:create.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
