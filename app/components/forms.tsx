// The one way to build forms: conform + the module's zod schema (same schema on the server).
// Field errors are i18n keys (see app/modules/*/*.schema.ts) translated here.
import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

/**
 * A form driven by the module's zod schema: constraints and validation in the browser, the
 * same schema on the server, and the server's reply (`submission.reply()`) shown in place.
 * `defaultValue` fills an editing form with what is saved (a reply with `resetForm` returns to it).
 */
export function useSchemaForm<Schema extends z.ZodTypeAny>(
  id: string,
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  options: { defaultValue?: DefaultValue<z.input<Schema>> } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    defaultValue: options.defaultValue,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

/** Translates error keys; a key may carry parameters as "key|{json}". */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: string) => {
    const [key, params] = error.split("|", 2) as [string, string | undefined];
    let options: Record<string, unknown> = {};
    if (params) {
      try {
        options = JSON.parse(params) as Record<string, unknown>;
      } catch {
        options = {};
      }
    }
    // Keys come from our own schemas; anything else is shown as-is.
    return t(key as "validation.invalid", { defaultValue: key, ...options }) as string;
  };
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const text = useErrorText();
  const list = errors?.filter(Boolean) ?? [];
  if (!list.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-800">
      {list.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  );
}

/** What every labelled control shares: its label, help text and translated errors. */
interface LabelledProps {
  label: string;
  help?: string;
  errors?: string[] | null;
}

/** conform's get*Props(...) carry a `key` for React, not for the element: it is dropped. */
type ConformProps<T> = T & { name: string; key?: React.Key | null };

/** The ids that tie a control to its help text and its errors. */
function useDescription(givenId: string | undefined, help: string | undefined, errors: string[] | null | undefined) {
  const fallbackId = useId();
  const id = givenId ?? fallbackId;
  const errorId = errors?.filter(Boolean).length ? `${id}-error` : undefined;
  const helpId = help ? `${id}-help` : undefined;
  return { id, errorId, helpId, describedBy: [helpId, errorId].filter(Boolean).join(" ") || undefined };
}

function Help({ id, text }: { id?: string; text?: string }) {
  return text ? (
    <p id={id} className="text-sm text-stone-600">
      {text}
    </p>
  ) : null;
}

/**
 * The label, help text and errors around one control, with the ids that wire them up for
 * assistive tech; `control` receives the attributes the control must carry.
 */
function LabelledControl({
  label,
  help,
  errors,
  controlId,
  control,
}: LabelledProps & {
  controlId: string | undefined;
  control: (attributes: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const { id, errorId, helpId, describedBy } = useDescription(controlId, help, errors);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {control({ id, "aria-invalid": errorId ? true : undefined, "aria-describedby": describedBy })}
      <Help id={helpId} text={help} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A labelled input (usually fed conform's getInputProps(...)). */
export function Field({
  inputProps: { key: _key, ...inputProps },
  ...labelled
}: LabelledProps & { inputProps: ConformProps<React.InputHTMLAttributes<HTMLInputElement>> }) {
  return <LabelledControl {...labelled} controlId={inputProps.id} control={(a) => <input {...inputProps} {...a} className="input" />} />;
}

/** Field's counterpart for longer text (usually fed conform's getTextareaProps(...)). */
export function TextareaField({
  textareaProps: { key: _key, ...textareaProps },
  ...labelled
}: LabelledProps & { textareaProps: ConformProps<React.TextareaHTMLAttributes<HTMLTextAreaElement>> }) {
  return <LabelledControl {...labelled} controlId={textareaProps.id} control={(a) => <textarea rows={3} {...textareaProps} {...a} className={`input ${textareaProps.className ?? ""}`} />} />;
}

/** Field's counterpart for a choice among options (usually fed conform's getSelectProps(...)). */
export function SelectField({
  selectProps: { key: _key, ...selectProps },
  options,
  ...labelled
}: LabelledProps & {
  selectProps: ConformProps<React.SelectHTMLAttributes<HTMLSelectElement>>;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <LabelledControl
      {...labelled}
      controlId={selectProps.id}
      control={(a) => (
        <select {...selectProps} {...a} className="input">
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A checkbox with its label beside it, wired up like Field. */
export function CheckboxField({
  label,
  help,
  errors,
  inputProps: { key: _key, ...inputProps },
}: LabelledProps & { inputProps: ConformProps<React.InputHTMLAttributes<HTMLInputElement>> }) {
  const { id, errorId, helpId, describedBy } = useDescription(inputProps.id, help, errors);
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          {...inputProps}
          type="checkbox"
          id={id}
          className="mt-1 size-4 accent-brand-700"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={describedBy}
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      <Help id={helpId} text={help} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** Errors that belong to the whole form (e.g. "wrong e-mail or password"), announced to screen readers. */
export function FormErrors({ errors }: { errors?: string[] | null }) {
  const list = errors?.filter(Boolean) ?? [];
  if (!list.length) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3">
      <ErrorList errors={list} />
    </div>
  );
}
