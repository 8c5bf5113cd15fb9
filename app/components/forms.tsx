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
 * An edit form passes the stored values as `defaultValue`; a reply with `resetForm: true`
 * brings the fields back to them.
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

interface FieldProps {
  label: string;
  help?: string;
  errors?: string[] | null;
  /** Usually conform's getInputProps(...); its `key` is for React, not the element, and is dropped. */
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { name: string; key?: React.Key | null };
}

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

/** A labelled input with its help text and translated errors wired up for assistive tech. */
export function Field({ label, help, errors, inputProps: { key: _key, ...inputProps } }: FieldProps) {
  const { id, errorId, helpId, describedBy } = useDescription(inputProps.id, help, errors);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input {...inputProps} id={id} className="input" aria-invalid={errorId ? true : undefined} aria-describedby={describedBy} />
      <Help id={helpId} text={help} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

interface TextareaFieldProps {
  label: string;
  help?: string;
  errors?: string[] | null;
  /** Usually conform's getTextareaProps(...). */
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; key?: React.Key | null };
}

/** A labelled multi-line text field, wired up like Field. */
export function TextareaField({ label, help, errors, textareaProps: { key: _key, ...textareaProps } }: TextareaFieldProps) {
  const { id, errorId, helpId, describedBy } = useDescription(textareaProps.id, help, errors);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        {...textareaProps}
        id={id}
        className={`input ${textareaProps.className ?? ""}`}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
      />
      <Help id={helpId} text={help} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  help?: string;
  errors?: string[] | null;
  /** Usually conform's getSelectProps(...). */
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { name: string; key?: React.Key | null };
  children: React.ReactNode;
}

/** A labelled select with its options as children, wired up like Field. */
export function SelectField({ label, help, errors, selectProps: { key: _key, ...selectProps }, children }: SelectFieldProps) {
  const { id, errorId, helpId, describedBy } = useDescription(selectProps.id, help, errors);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select {...selectProps} id={id} className="input" aria-invalid={errorId ? true : undefined} aria-describedby={describedBy}>
        {children}
      </select>
      <Help id={helpId} text={help} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A checkbox with its label beside it, wired up like Field. */
export function CheckboxField({ label, help, errors, inputProps: { key: _key, ...inputProps } }: FieldProps) {
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
