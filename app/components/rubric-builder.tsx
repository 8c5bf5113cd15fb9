// The rubric builder's form: the rubric's name and its criteria in order (name, description,
// maximum, step, weight, level descriptors), with adding, removing and reordering done by the
// form library's list intents, so every button also works without JavaScript (the server
// applies the intent and sends the list back). The judge's form is previewed live beside it.
import { getFormProps, getInputProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, TextareaField, useSchemaForm } from "#app/components/forms";
import { RubricPreview } from "#app/components/rubric-preview";
import { BLANK_CRITERION_MAX_POINTS } from "#app/modules/rubrics/default-template";
import { previewCriteria, rubricScale } from "#app/modules/rubrics/preview";
import { CRITERIA_MAX, rubricDraftSchema, type RubricDraftInput } from "#app/modules/rubrics/rubric-editor.schema";
import { DEFAULT_STEP, DEFAULT_WEIGHT, LEVELS_MAX, type RubricLevel } from "#app/modules/rubrics/rubric.schema";
import { formatNumber } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";

export interface BuilderRubric {
  name: string;
  version: number;
  lockedAt: Date | string | null;
  criteria: { name: string; description: string; maxPoints: number; step: number; weight: number; levels: RubricLevel[] }[];
}

const FORM_ID = "rubric-builder";
const moveButtonId = (index: number, direction: "up" | "down") => `${FORM_ID}-criterion-${index}-${direction}`;

const NEW_CRITERION = { name: "", description: "", maxPoints: BLANK_CRITERION_MAX_POINTS, step: DEFAULT_STEP, weight: DEFAULT_WEIGHT, levels: [] };

type CriterionField = FieldMetadata<RubricDraftInput["criteria"][number]>;

function numberProps(field: FieldMetadata<number | undefined>) {
  return { ...getInputProps(field, { type: "number" }), step: "any", inputMode: "decimal" as const, className: "input" };
}

/**
 * The builder for the rubric's latest version. Mount it with `key={rubric.revision}`: a save
 * changes the revision, and the form then starts again from what was saved.
 */
export function RubricBuilder({
  rubric,
  tokens,
  lastResult,
  conflict,
}: {
  rubric: BuilderRubric;
  /** The concurrency token to send: the loaded version's, or after a stale save the one now saved. */
  tokens: { versionId: string; revision: string };
  /** The server's reply to an invalid or stale save or to a list intent (not to a successful save). */
  lastResult: SubmissionResult<string[]> | null | undefined;
  /** Shown under the form's errors after a stale save: what is saved now. */
  conflict?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const defaultValue: RubricDraftInput = { name: rubric.name, criteria: rubric.criteria };
  const [form, fields] = useSchemaForm(FORM_ID, rubricDraftSchema, lastResult, { defaultValue });
  const criteria = fields.criteria.getFieldList();
  const keys = criteria.map((c, i) => c.key ?? String(i));
  const current = previewCriteria(form.value, keys);
  const scale = rubricScale(current.map((c) => c.maxPoints));
  const locked = rubric.lockedAt !== null;

  // After a move, keep the focus on the moved criterion's button (or its other one at an end),
  // and say where it went.
  const [pendingMove, setPendingMove] = useState<{ key: string; to: number; direction: "up" | "down" } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const order = keys.join("|");
  useEffect(() => {
    if (!pendingMove || order.split("|")[pendingMove.to] !== pendingMove.key) return;
    const preferred = document.getElementById(moveButtonId(pendingMove.to, pendingMove.direction)) as HTMLButtonElement | null;
    const other = document.getElementById(moveButtonId(pendingMove.to, pendingMove.direction === "up" ? "down" : "up")) as HTMLButtonElement | null;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
    const name = current[pendingMove.to]?.name;
    setAnnouncement(name ? t("rubrics:builder.moved", { name, n: pendingMove.to + 1 }) : t("rubrics:builder.movedUnnamed", { n: pendingMove.to + 1 }));
    setPendingMove(null);
  }, [order, pendingMove, current, t]);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <input type="hidden" name="expectedVersionId" value={tokens.versionId} />
        <input type="hidden" name="expectedRevision" value={tokens.revision} />
        <FormErrors errors={form.errors} />
        {conflict}
        {locked ? (
          <div className="space-y-1 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-950">
            <p>{t("rubrics:builder.lockedWarning", { version: rubric.version, next: rubric.version + 1 })}</p>
            <p>{t("rubrics:builder.roundsStay", { version: rubric.version })}</p>
          </div>
        ) : (
          <p className="text-sm text-stone-700">{t("rubrics:builder.editing", { version: rubric.version })}</p>
        )}
        <div className="card space-y-3">
          <Field label={t("rubrics:builder.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
          <p className="font-semibold">
            {scale !== null ? t("rubrics:builder.scale", { scale: formatNumber(scale, lng) }) : t("rubrics:builder.scaleUnknown")}
          </p>
        </div>

        <section aria-labelledby={`${FORM_ID}-criteria`} className="space-y-4">
          <h2 id={`${FORM_ID}-criteria`} className="text-lg font-semibold">
            {t("rubrics:builder.criteria")}
          </h2>
          <ErrorList errors={fields.criteria.errors} />
          <ol className="space-y-4">
            {criteria.map((criterion, index) => (
              <li key={criterion.key} className="card">
                <CriterionFields
                  criterion={criterion}
                  index={index}
                  count={criteria.length}
                  listName={fields.criteria.name}
                  name={current[index]?.name ?? ""}
                  form={form}
                  onMove={(to, direction) => setPendingMove({ key: keys[index]!, to, direction })}
                />
              </li>
            ))}
          </ol>
          <p aria-live="polite" className="sr-only">
            {announcement}
          </p>
          <button
            {...form.insert.getButtonProps({ name: fields.criteria.name, defaultValue: NEW_CRITERION })}
            className="btn-secondary"
            disabled={criteria.length >= CRITERIA_MAX}
          >
            {t("rubrics:builder.addCriterion")}
          </button>
        </section>

        <div className="flex flex-wrap items-center gap-3 border-t border-stone-300 pt-4">
          <button type="submit" className="btn-primary">
            {locked ? t("rubrics:builder.saveNewVersion", { next: rubric.version + 1 }) : t("rubrics:builder.save")}
          </button>
        </div>
      </Form>
      <aside className="xl:sticky xl:top-4 xl:self-start">
        <RubricPreview criteria={current} />
      </aside>
    </div>
  );
}

type BuilderForm = ReturnType<typeof useSchemaForm<typeof rubricDraftSchema>>[0];

function CriterionFields({
  criterion,
  index,
  count,
  listName,
  name,
  form,
  onMove,
}: {
  criterion: CriterionField;
  index: number;
  count: number;
  listName: string;
  name: string;
  form: BuilderForm;
  onMove: (to: number, direction: "up" | "down") => void;
}) {
  const { t } = useTranslation();
  const c = criterion.getFieldset();
  const levels = c.levels.getFieldList();
  const legend = name ? t("rubrics:builder.criterionNamed", { n: index + 1, name }) : t("rubrics:builder.criterion", { n: index + 1 });
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        <button
          {...form.reorder.getButtonProps({ name: listName, from: index, to: index - 1 })}
          id={moveButtonId(index, "up")}
          className="btn-secondary"
          disabled={index === 0}
          onClick={() => onMove(index - 1, "up")}
        >
          <span aria-hidden="true">↑</span> {t("rubrics:builder.moveUp")}
        </button>
        <button
          {...form.reorder.getButtonProps({ name: listName, from: index, to: index + 1 })}
          id={moveButtonId(index, "down")}
          className="btn-secondary"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1, "down")}
        >
          <span aria-hidden="true">↓</span> {t("rubrics:builder.moveDown")}
        </button>
        <button {...form.remove.getButtonProps({ name: listName, index })} className="btn-secondary" disabled={count <= 1}>
          {t("rubrics:builder.remove")}
        </button>
      </div>
      <Field label={t("rubrics:builder.criterionName")} errors={c.name.errors} inputProps={getInputProps(c.name, { type: "text" })} />
      <TextareaField label={t("rubrics:builder.description")} errors={c.description.errors} textareaProps={getTextareaProps(c.description)} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t("rubrics:builder.maxPoints")} errors={c.maxPoints.errors} inputProps={numberProps(c.maxPoints)} />
        <Field label={t("rubrics:builder.step")} help={t("rubrics:builder.stepHelp")} errors={c.step.errors} inputProps={numberProps(c.step)} />
        <Field label={t("rubrics:builder.weight")} help={t("rubrics:builder.weightHelp")} errors={c.weight.errors} inputProps={numberProps(c.weight)} />
      </div>
      <fieldset className="space-y-3 rounded-md border border-stone-200 p-3">
        <legend className="px-1 text-sm font-semibold">{t("rubrics:builder.levels")}</legend>
        <ErrorList errors={c.levels.errors} />
        {levels.length === 0 ? <p className="text-sm text-stone-600">{t("rubrics:builder.noLevels")}</p> : null}
        {levels.map((level, j) => {
          const l = level.getFieldset();
          return (
            <fieldset key={level.key} className="space-y-2">
              <legend className="text-sm font-medium">{t("rubrics:builder.level", { n: j + 1 })}</legend>
              <div className="grid items-start gap-2 sm:grid-cols-[6rem_6rem_minmax(0,1fr)_auto]">
                <Field label={t("rubrics:builder.levelFrom")} errors={l.from.errors} inputProps={numberProps(l.from)} />
                <Field label={t("rubrics:builder.levelTo")} errors={l.to.errors} inputProps={numberProps(l.to)} />
                <Field label={t("rubrics:builder.levelLabel")} errors={l.label.errors} inputProps={getInputProps(l.label, { type: "text" })} />
                <button {...form.remove.getButtonProps({ name: c.levels.name, index: j })} className="btn-secondary sm:mt-6">
                  {t("rubrics:builder.removeLevel", { n: j + 1 })}
                </button>
              </div>
              <ErrorList errors={level.errors} />
            </fieldset>
          );
        })}
        <button
          {...form.insert.getButtonProps({ name: c.levels.name, defaultValue: { from: 0, to: 0, label: "" } })}
          className="btn-secondary"
          disabled={levels.length >= LEVELS_MAX}
        >
          {t("rubrics:builder.addLevel")}
        </button>
      </fieldset>
    </fieldset>
  );
}
