// The fields of a round's settings, shared by the create form (rounds page) and the settings form
// (a round's page). Both forms use the rounds schema; values come from conform's fields, falling
// back to the stored (or default) values.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "#app/components/forms";
import { ADVANCE_RULES, AGGREGATION_METHODS, READS_MAX, READS_MIN, SCORE_VISIBILITIES } from "#app/modules/panels/rounds.schema";

export interface RubricVersionOption {
  id: string;
  rubricName: string;
  version: number;
  locked: boolean;
}

export interface RoundFieldValues {
  name: string;
  rubricVersionId: string | null;
  readsPerEntry: number;
  spreadThreshold?: number | null;
  advanceRule: string;
  advanceValue?: number | null;
  aggregation: string;
  scoreVisibility: string;
  judgingDeadline?: string | null;
}

type Fields = { [K in keyof RoundFieldValues]-?: FieldMetadata<unknown> };

/** A labelled select with its errors, as the other forms of the back office write it. */
function SelectField({
  label,
  help,
  field,
  defaultValue,
  disabled,
  children,
}: {
  label: string;
  help?: string;
  field: FieldMetadata<unknown>;
  defaultValue: string;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  const { key: _key, ...props } = getSelectProps(field);
  const helpId = help ? `${field.id}-help` : undefined;
  const errorId = field.errors?.length ? `${field.id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={field.id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        {...props}
        defaultValue={defaultValue}
        disabled={disabled}
        className="input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {children}
      </select>
      {/* A disabled select is not submitted: keep its value in the form. */}
      {disabled ? <input type="hidden" name={field.name} value={defaultValue} /> : null}
      {help ? (
        <p id={helpId} className="text-sm text-stone-600">
          {help}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={field.errors} />
    </div>
  );
}

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

export function RoundFields({
  fields,
  values,
  rubricVersions,
  timeZone,
  scoreLocked = false,
}: {
  fields: Fields;
  values: RoundFieldValues;
  rubricVersions: readonly RubricVersionOption[];
  timeZone: string;
  /** The round holds a score: k and the rubric version are shown but cannot change. */
  scoreLocked?: boolean;
}) {
  const { t } = useTranslation();
  const initial = (name: keyof RoundFieldValues) => {
    const submitted = fields[name].initialValue;
    return typeof submitted === "string" ? submitted : text(values[name]);
  };
  const lockHelp = scoreLocked ? t("rounds:fields.lockedByScores") : undefined;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field label={t("rounds:fields.name")} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: "text" }), defaultValue: initial("name") }} />
      <SelectField
        label={t("rounds:fields.rubricVersion")}
        help={lockHelp ?? (rubricVersions.length === 0 ? t("rounds:fields.noRubric") : undefined)}
        field={fields.rubricVersionId}
        defaultValue={initial("rubricVersionId")}
        disabled={scoreLocked}
      >
        <option value="">{t("rounds:fields.rubricNone")}</option>
        {rubricVersions.map((v) => (
          <option key={v.id} value={v.id}>
            {t(v.locked ? "rounds:fields.rubricOptionLocked" : "rounds:fields.rubricOption", { name: v.rubricName, version: v.version })}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("rounds:fields.readsPerEntry")}
        help={lockHelp ?? t("rounds:fields.readsPerEntryHelp")}
        errors={fields.readsPerEntry.errors}
        inputProps={{
          ...getInputProps(fields.readsPerEntry, { type: "number" }),
          min: READS_MIN,
          max: READS_MAX,
          step: 1,
          readOnly: scoreLocked,
          defaultValue: initial("readsPerEntry"),
        }}
      />
      <Field
        label={t("rounds:fields.spreadThreshold")}
        help={t("rounds:fields.spreadThresholdHelp")}
        errors={fields.spreadThreshold.errors}
        inputProps={{ ...getInputProps(fields.spreadThreshold, { type: "number" }), step: "any", defaultValue: initial("spreadThreshold") }}
      />
      <SelectField label={t("rounds:fields.advanceRule")} field={fields.advanceRule} defaultValue={initial("advanceRule")}>
        {ADVANCE_RULES.map((rule) => (
          <option key={rule} value={rule}>
            {t(`rounds:advanceRule.${rule}`)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("rounds:fields.advanceValue")}
        help={t("rounds:fields.advanceValueHelp")}
        errors={fields.advanceValue.errors}
        inputProps={{ ...getInputProps(fields.advanceValue, { type: "number" }), step: "any", defaultValue: initial("advanceValue") }}
      />
      <SelectField label={t("rounds:fields.aggregation")} field={fields.aggregation} defaultValue={initial("aggregation")}>
        {AGGREGATION_METHODS.map((method) => (
          <option key={method} value={method}>
            {t(`rounds:aggregation.${method}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("rounds:fields.scoreVisibility")} field={fields.scoreVisibility} defaultValue={initial("scoreVisibility")}>
        {SCORE_VISIBILITIES.map((visibility) => (
          <option key={visibility} value={visibility}>
            {t(`rounds:scoreVisibility.${visibility}`)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("rounds:fields.judgingDeadline")}
        help={t("rounds:fields.judgingDeadlineHelp", { zone: timeZone })}
        errors={fields.judgingDeadline.errors}
        inputProps={{ ...getInputProps(fields.judgingDeadline, { type: "datetime-local" }), defaultValue: initial("judgingDeadline") }}
      />
    </div>
  );
}
