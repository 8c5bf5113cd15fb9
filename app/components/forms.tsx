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
 * `defaultValue` is what the fields start with and return to when the reply resets the form.
 */
export function useSchemaForm<Schema extends z.ZodTypeAny>(
  id: string,
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: DefaultValue<z.input<Schema>>,
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    defaultValue,
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

interface FieldProps {
  label: string;
  help?: string;
  errors?: string[] | null;
  /** Usually conform's getInputProps(...); its `key` is for React, not the element, and is dropped. */
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { name: string; key?: React.Key | null };
}

/** A labelled input with its help text and translated errors wired up for assistive tech. */
export function Field({ label, help, errors, inputProps: { key: _key, ...inputProps } }: FieldProps) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        {...inputProps}
        id={id}
        className="input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {help ? (
        <p id={helpId} className="text-sm text-stone-600">
          {help}
        </p>
      ) : null}
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

interface TextAreaFieldProps {
  label: string;
  help?: string;
  errors?: string[] | null;
  /** Usually conform's getTextareaProps(...); its `key` is dropped like Field's. */
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; key?: React.Key | null };
}

/** Field's counterpart for several lines of text. */
export function TextAreaField({ label, help, errors, textareaProps: { key: _key, ...textareaProps } }: TextAreaFieldProps) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        rows={4}
        {...textareaProps}
        id={id}
        className="input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {help ? (
        <p id={helpId} className="text-sm text-stone-600">
          {help}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  help?: string;
  errors?: string[] | null;
  /** Usually conform's getSelectProps(...); its `key` is dropped like Field's. */
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { name: string; key?: React.Key | null };
  options: readonly { value: string; label: string }[];
}

/** Field's counterpart for a choice among options. */
export function SelectField({ label, help, errors, options, selectProps: { key: _key, ...selectProps } }: SelectFieldProps) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        {...selectProps}
        id={id}
        className="input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {help ? (
        <p id={helpId} className="text-sm text-stone-600">
          {help}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
