// /organize/:contestId/rounds/:roundId: a round for the contest's organizers: its settings, its
// panels and their judges, and the distribution of its entries to the panels; anyone else gets
// 404. The assignment of judges is on its own page (./assignment).
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { RoundFields } from "#app/components/round-fields";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { distributeRoundEntries, type DistributionOutcome } from "#app/modules/panels/distribute.server";
import {
  addJudgeSchema,
  CAP_MAX,
  createPanelSchema,
  roundPageActionSchema,
  updatePanelSchema,
  updateRoundSchema,
} from "#app/modules/panels/panels.schema";
import {
  addPanelJudge,
  createPanel,
  deletePanel,
  getRoundPage,
  removePanelJudge,
  setPanelChair,
  setPanelJudgeCap,
  updatePanel,
  type RoundPage,
} from "#app/modules/panels/panels.server";
import { replyRefusal } from "#app/modules/panels/replies.server";
import { updateRound } from "#app/modules/panels/rounds.server";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageMeta(matches, (t) => data?.round.name ?? t("rounds:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await getRoundPage(contestId, params.roundId ?? ""));
}

interface Notice {
  key: string;
  values?: Record<string, string | number>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const roundId = params.roundId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: roundPageActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    const panelId = typeof submission.payload.panelId === "string" ? submission.payload.panelId : "";
    return data({ form: formOf(typeof intent === "string" ? intent : "", panelId), result: submission.reply(), notice: null, distribution: null }, { status: 400 });
  }
  const input = submission.value;
  const who = { contestId, roundId, actorId: user.id, ip: clientIp(request) };
  const form = formOf(input.intent, "panelId" in input ? input.panelId : "");
  const done = (notice: Notice, distribution: DistributionOutcome | null = null) => ({ form, result: submission.reply(), notice, distribution });
  switch (input.intent) {
    case "updateRound": {
      const { intent: _intent, revision, ...fields } = input;
      const result = await updateRound({ ...who, fields, revision });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: result.changed ? "rounds:notices.saved" : "rounds:notices.unchanged" });
    }
    case "createPanel": {
      const result = await createPanel({ ...who, name: input.name, categoryId: input.categoryId ?? null });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: "rounds:notices.panelCreated", values: { name: input.name } });
    }
    case "updatePanel": {
      const result = await updatePanel({ ...who, panelId: input.panelId, name: input.name, categoryId: input.categoryId ?? null, revision: input.revision });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: result.changed ? "rounds:notices.panelSaved" : "rounds:notices.unchanged", values: { name: input.name } });
    }
    case "deletePanel": {
      const result = await deletePanel({ ...who, panelId: input.panelId });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: "rounds:notices.panelDeleted", values: { name: result.name } });
    }
    case "addJudge": {
      const result = await addPanelJudge({ ...who, panelId: input.panelId, userId: input.userId, maxLoad: input.maxLoad ?? null });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: "rounds:notices.judgeAdded", values: { name: result.name } });
    }
    case "setCap": {
      const result = await setPanelJudgeCap({ ...who, panelId: input.panelId, userId: input.userId, maxLoad: input.maxLoad ?? null });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: "rounds:notices.capSaved", values: { name: result.name } });
    }
    case "setChair": {
      const result = await setPanelChair({ ...who, panelId: input.panelId, userId: input.userId });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: "rounds:notices.chairSet", values: { name: result.name } });
    }
    case "removeJudge": {
      const result = await removePanelJudge({ ...who, panelId: input.panelId, userId: input.userId });
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({
        key: result.activePairs > 0 ? "rounds:notices.judgeRemovedWithPairs" : "rounds:notices.judgeRemoved",
        values: { name: result.name, count: result.activePairs },
      });
    }
    case "distribute": {
      const result = await distributeRoundEntries(who);
      if (!result.ok) return replyRefusal(submission, result, form);
      return done({ key: "rounds:notices.distributed" }, result);
    }
  }
}

/** Which form of the page an answer belongs to. */
function formOf(intent: string, panelId: string): string {
  if (intent === "updateRound") return "round-settings";
  if (intent === "createPanel") return "create-panel";
  if (intent === "updatePanel") return `panel-${panelId}`;
  if (intent === "addJudge") return `add-judge-${panelId}`;
  if (intent === "distribute") return "distribute";
  // Buttons without fields of their own (delete, chair, cap, drop out): answered at the panel.
  return `seats-${panelId}`;
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** The reply for one form of the page: its errors. After a success the form starts afresh from the loader's data. */
function resultFor(actionData: ActionData, form: string) {
  return actionData?.form === form && !actionData.notice ? actionData.result : null;
}

function SettingsForm({ page, actionData }: { page: RoundPage; actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("round-settings", updateRoundSchema, resultFor(actionData, "round-settings"));
  return (
    <section aria-labelledby="settings-heading" className="card space-y-4">
      <h2 id="settings-heading" className="text-lg font-semibold">
        {t("rounds:round.settings")}
      </h2>
      {page.round.hasScores ? <p className="text-sm text-stone-700">{t("rounds:round.hasScores")}</p> : null}
      <Form method="post" {...getFormProps(form)} key={page.round.revision} className="space-y-4">
        <input type="hidden" name="intent" value="updateRound" />
        <input type="hidden" name="revision" value={page.round.revision} />
        <FormErrors errors={form.errors} />
        <RoundFields fields={fields} values={page.round.fields} rubricVersions={page.rubricVersions} timeZone={page.contest.timeZone} scoreLocked={page.round.hasScores} />
        <button type="submit" className="btn-primary">
          {t("rounds:round.save")}
        </button>
      </Form>
    </section>
  );
}

function CategorySelect({ field, categories, defaultValue }: { field: Parameters<typeof getSelectProps>[0]; categories: RoundPage["categories"]; defaultValue: string }) {
  const { t } = useTranslation();
  const { key: _key, ...props } = getSelectProps(field);
  return (
    <div className="space-y-1">
      <label htmlFor={field.id} className="block text-sm font-medium">
        {t("rounds:panels.category")}
      </label>
      <select {...props} defaultValue={defaultValue} className="input" aria-invalid={field.errors?.length ? true : undefined}>
        <option value="">{t("rounds:panels.evenSplit")}</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <ErrorList errors={field.errors} />
    </div>
  );
}

function PanelCard({ panel, page, actionData }: { panel: RoundPage["panels"][number]; page: RoundPage; actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(`panel-${panel.id}`, updatePanelSchema, resultFor(actionData, `panel-${panel.id}`));
  const [addForm, addFields] = useSchemaForm(`add-judge-${panel.id}`, addJudgeSchema, resultFor(actionData, `add-judge-${panel.id}`));
  const seatErrors = actionData?.form === `seats-${panel.id}` ? actionData.result.error?.[""] : null;
  const free = page.judges.filter((j) => !panel.judges.some((s) => s.userId === j.id));
  const headingId = `panel-${panel.id}-heading`;
  const nameValue = typeof fields.name.initialValue === "string" ? fields.name.initialValue : panel.name;
  const categoryValue = typeof fields.categoryId.initialValue === "string" ? fields.categoryId.initialValue : (panel.categoryId ?? "");
  return (
    <section aria-labelledby={headingId} className="card space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold">
          {panel.name}
        </h3>
        <p className="text-sm text-stone-700">
          {panel.categoryName ? t("rounds:panels.takesCategory", { name: panel.categoryName }) : t("rounds:panels.takesEvenSplit")}
          {" · "}
          {t("rounds:panels.counts", { entries: panel.entries, judges: panel.judges.length })}
        </p>
      </div>
      <FormErrors errors={seatErrors} />
      {panel.judges.length > 0 && !panel.judges.some((j) => j.isChair) ? <p className="text-sm text-amber-800">{t("rounds:panels.noChair")}</p> : null}

      {panel.judges.length === 0 ? (
        <p className="text-sm">{t("rounds:panels.noJudges")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t("rounds:panels.seatsCaption", { name: panel.name })}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("rounds:panels.judge")}</th>
                <th scope="col" className="p-2">{t("rounds:panels.role")}</th>
                <th scope="col" className="p-2">{t("rounds:panels.cap")}</th>
                <th scope="col" className="p-2">{t("rounds:panels.activePairs")}</th>
                <th scope="col" className="p-2">{t("rounds:panels.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {panel.judges.map((j) => (
                <tr key={j.userId} className="border-b border-stone-200 align-top">
                  <th scope="row" className="p-2 text-left font-medium">
                    {j.name}
                    <span className="block text-xs font-normal text-stone-600">{j.email}</span>
                  </th>
                  <td className="p-2">{j.isChair ? t("rounds:panels.chair") : t("rounds:panels.member")}</td>
                  <td className="p-2">
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="setCap" />
                      <input type="hidden" name="panelId" value={panel.id} />
                      <input type="hidden" name="userId" value={j.userId} />
                      <label htmlFor={`cap-${panel.id}-${j.userId}`} className="sr-only">
                        {t("rounds:panels.capOf", { name: j.name })}
                      </label>
                      <input
                        id={`cap-${panel.id}-${j.userId}`}
                        name="maxLoad"
                        type="number"
                        min={0}
                        max={CAP_MAX}
                        step={1}
                        defaultValue={j.maxLoad ?? ""}
                        placeholder={t("rounds:panels.noCap")}
                        className="input w-36"
                      />
                      <button type="submit" className="btn-secondary px-2 py-1" aria-label={t("rounds:a11y.forTarget", { action: t("rounds:panels.saveCap"), target: j.name })}>
                        {t("rounds:panels.saveCap")}
                      </button>
                    </Form>
                  </td>
                  <td className="p-2">{j.activePairs}</td>
                  <td className="p-2">
                    <div className="flex flex-wrap gap-2">
                      {j.isChair ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="setChair" />
                          <input type="hidden" name="panelId" value={panel.id} />
                          <input type="hidden" name="userId" value={j.userId} />
                          <button type="submit" className="btn-secondary px-2 py-1" aria-label={t("rounds:a11y.forTarget", { action: t("rounds:panels.makeChair"), target: j.name })}>
                            {t("rounds:panels.makeChair")}
                          </button>
                        </Form>
                      )}
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeJudge" />
                        <input type="hidden" name="panelId" value={panel.id} />
                        <input type="hidden" name="userId" value={j.userId} />
                        <button type="submit" className="btn-secondary px-2 py-1" aria-label={t("rounds:a11y.forTarget", { action: t("rounds:panels.removeJudge"), target: j.name })}>
                          {t("rounds:panels.removeJudge")}
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {free.length > 0 ? (
        <Form method="post" {...getFormProps(addForm)} key={`add-${panel.judges.length}`} className="grid items-end gap-3 md:grid-cols-[1fr_10rem_auto]">
          <input type="hidden" name="intent" value="addJudge" />
          <input type="hidden" name="panelId" value={panel.id} />
          <div className="md:col-span-3">
            <FormErrors errors={addForm.errors} />
          </div>
          <div className="space-y-1">
            <label htmlFor={addFields.userId.id} className="block text-sm font-medium">
              {t("rounds:panels.addJudgeLabel", { name: panel.name })}
            </label>
            {(() => {
              const { key: _key, ...props } = getSelectProps(addFields.userId);
              return (
                <select {...props} defaultValue="" className="input" aria-invalid={addFields.userId.errors?.length ? true : undefined}>
                  <option value="">{t("rounds:panels.chooseJudge")}</option>
                  {free.map((j) => (
                    <option key={j.id} value={j.id}>
                      {j.name} ({j.email})
                    </option>
                  ))}
                </select>
              );
            })()}
            <ErrorList errors={addFields.userId.errors} />
          </div>
          <Field
            label={t("rounds:panels.cap")}
            errors={addFields.maxLoad.errors}
            inputProps={{ ...getInputProps(addFields.maxLoad, { type: "number" }), min: 0, max: CAP_MAX, step: 1, placeholder: t("rounds:panels.noCap") }}
          />
          <button type="submit" className="btn-primary">
            {t("rounds:panels.addJudge")}
          </button>
        </Form>
      ) : page.judges.length === 0 ? (
        <p className="text-sm text-stone-700">{t("rounds:panels.noContestJudges")}</p>
      ) : null}

      <details className="rounded border border-stone-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">{t("rounds:panels.edit", { name: panel.name })}</summary>
        <Form method="post" {...getFormProps(form)} key={panel.revision} className="mt-3 grid items-end gap-3 md:grid-cols-[1fr_1fr_auto]">
          <input type="hidden" name="intent" value="updatePanel" />
          <input type="hidden" name="panelId" value={panel.id} />
          <input type="hidden" name="revision" value={panel.revision} />
          <div className="md:col-span-3">
            <FormErrors errors={form.errors} />
          </div>
          <Field label={t("rounds:panels.name")} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: "text" }), defaultValue: nameValue }} />
          <CategorySelect field={fields.categoryId} categories={page.categories} defaultValue={categoryValue} />
          <button type="submit" className="btn-secondary">
            {t("rounds:panels.save")}
          </button>
        </Form>
        {panel.assignments === 0 ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="deletePanel" />
            <input type="hidden" name="panelId" value={panel.id} />
            <button type="submit" className="btn-secondary">
              {t("rounds:panels.delete", { name: panel.name })}
            </button>
          </Form>
        ) : (
          <p className="mt-3 text-sm text-stone-700">{t("rounds:panels.cannotDelete")}</p>
        )}
      </details>
    </section>
  );
}

function CreatePanelForm({ page, actionData }: { page: RoundPage; actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("create-panel", createPanelSchema, resultFor(actionData, "create-panel"));
  return (
    <section aria-labelledby="create-panel-heading" className="card space-y-3">
      <h3 id="create-panel-heading" className="text-lg font-semibold">
        {t("rounds:panels.createHeading")}
      </h3>
      <Form method="post" {...getFormProps(form)} key={`create-panel-${page.panels.length}-${page.newPanelName}`} className="grid items-end gap-3 md:grid-cols-[1fr_1fr_auto]">
        <input type="hidden" name="intent" value="createPanel" />
        <div className="md:col-span-3">
          <FormErrors errors={form.errors} />
        </div>
        <Field
          label={t("rounds:panels.name")}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), defaultValue: page.newPanelName }}
        />
        <CategorySelect field={fields.categoryId} categories={page.categories} defaultValue="" />
        <button type="submit" className="btn-primary">
          {t("rounds:panels.create")}
        </button>
      </Form>
    </section>
  );
}

function DistributionSection({ page, actionData }: { page: RoundPage; actionData: ActionData }) {
  const { t } = useTranslation();
  const errors = actionData?.form === "distribute" ? actionData.result.error?.[""] : null;
  const outcome = actionData?.form === "distribute" && "distribution" in actionData ? actionData.distribution : null;
  const source = page.previousRound ? t("rounds:distribution.fromPrevious", { name: page.previousRound.name }) : t("rounds:distribution.fromEligible");
  return (
    <section aria-labelledby="distribution-heading" className="card space-y-4">
      <h2 id="distribution-heading" className="text-lg font-semibold">
        {t("rounds:distribution.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("rounds:distribution.rule")}</p>
      <p>
        {t("rounds:distribution.entrySet", { count: page.distribution.entrySet, source })}{" "}
        {t("rounds:distribution.current", { onPanels: page.distribution.onPanels, withoutPanel: page.distribution.withoutPanel })}
      </p>
      <FormErrors errors={errors} />
      <Form method="post">
        <input type="hidden" name="intent" value="distribute" />
        <button type="submit" className="btn-primary" disabled={page.panels.length === 0}>
          {t("rounds:distribution.submit")}
        </button>
      </Form>
      {page.panels.length === 0 ? <p className="text-sm text-stone-700">{t("rounds:distribution.needPanels")}</p> : null}
      {outcome ? (
        <div className="space-y-3">
          <p>{t("rounds:distribution.summary", { kept: outcome.kept, moved: outcome.moved, placed: outcome.placed, removed: outcome.removed })}</p>
          <table className="w-full border-collapse text-left text-sm">
            <caption className="text-left font-medium">{t("rounds:distribution.countsCaption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("rounds:distribution.panel")}</th>
                <th scope="col" className="p-2">{t("rounds:distribution.before")}</th>
                <th scope="col" className="p-2">{t("rounds:distribution.after")}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.panels.map((p) => (
                <tr key={p.panelId} className="border-b border-stone-200">
                  <th scope="row" className="p-2 text-left font-medium">
                    {p.name}
                  </th>
                  <td className="p-2">{p.before}</td>
                  <td className="p-2">{p.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.unplacedCount > 0 ? (
            <div role="alert" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
              <p className="font-medium">{t("rounds:distribution.unplaced", { count: outcome.unplacedCount })}</p>
              <ul className="list-disc pl-5 text-sm">
                {outcome.unplaced.map((u) => (
                  <li key={u.entryId}>
                    {t("rounds:distribution.unplacedEntry", { code: u.entryCode ?? "—", title: u.title, category: u.categoryName })}
                  </li>
                ))}
              </ul>
              <p className="text-sm">{t("rounds:distribution.unplacedHelp")}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export default function RoundScreen() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const notice = actionData?.notice;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link to=".." relative="path" className="link text-sm">
          {t("rounds:round.back")}
        </Link>
        <h1 className="text-2xl font-bold">{page.round.name}</h1>
        <Link to="assignment" className="link">
          {t("rounds:round.toAssignment")}
        </Link>
      </div>
      {notice ? <Notice>{t(notice.key, notice.values)}</Notice> : null}

      <SettingsForm page={page} actionData={actionData} />

      <section aria-labelledby="panels-heading" className="space-y-4">
        <h2 id="panels-heading" className="text-lg font-semibold">
          {t("rounds:panels.heading")}
        </h2>
        <p className="text-sm text-stone-700">{t("rounds:panels.intro")}</p>
        {page.panels.length === 0 ? <p>{t("rounds:panels.empty")}</p> : null}
        {page.panels.map((panel) => (
          <PanelCard key={panel.id} panel={panel} page={page} actionData={actionData} />
        ))}
        <CreatePanelForm page={page} actionData={actionData} />
      </section>

      <DistributionSection page={page} actionData={actionData} />
    </div>
  );
}
