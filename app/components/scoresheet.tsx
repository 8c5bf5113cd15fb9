// The scoring page's parts (app/routes/judge.sheets.$assignmentId.tsx): the reading pane, the
// rubric form with its autosave, the copy kept in the browser, the conflict banner, the read-only
// sheet and the other judges' scores.
//
// Drafts are never lost:
//   - every change is written at once to localStorage ("scoresheet:<assignmentId>": the values,
//     the server version they were typed on, when) and sent to the server after a pause in typing
//     or when a field is left (./autosave); the copy is removed once the server holds the same;
//   - on return, a copy the server does not hold is offered back (app/modules/scoring/drafts.ts
//     localOffer): restored as is when typed on the current version, compared field by field when
//     the server was saved from elsewhere after it;
//   - a save the server refuses because another tab or device saved meanwhile opens the conflict
//     banner: both values per differing field, and "use theirs", "keep mine", or a choice per field;
//     nothing is saved until the judge decides.
// Without JavaScript the same form posts to the page (Save draft, Submit), and a stale post shows
// both copies with the judge's own values still in the boxes.
import { getFormProps } from "@conform-to/react";
import { Form, useRevalidator, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, TextareaField, useSchemaForm } from "#app/components/forms";
import { differingFields, fieldValue, localOffer, mergeValues, sameValues, type LocalCopy, type SheetField } from "#app/modules/scoring/drafts";
import {
  checkScores,
  FEEDBACK_MAX,
  PRIVATE_NOTE_MAX,
  sheetSchemaFor,
  valuesFromPoints,
  type ScoringCriterion,
  type SheetValues,
} from "#app/modules/scoring/scoresheet.schema";
import type { OpenedSheet, SheetSnapshot } from "#app/modules/scoring/scoresheets.server";
import { scoresheetTotal } from "#app/modules/scoring/total";
import { rubricScale } from "#app/modules/rubrics/preview";
import { formatDateTime, formatNumber, formatTime } from "#app/utils/format";
import { isLanguage, type Language } from "#app/utils/i18n";
import { useAutosave, type AutosaveStatus } from "./autosave";

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : "vi";
}

/** True once the page runs in the browser (the JavaScript-only controls appear then). */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

// ───────────────────────────── reading ─────────────────────────────

/** The essay as a judge reads it: generous type and line height for long Vietnamese text. */
export function ReadingPane({ opened }: { opened: OpenedSheet }) {
  const { t } = useTranslation();
  const reading = opened.entry.reading;
  const headingId = useId();
  return (
    <article aria-labelledby={headingId} className="card space-y-5 sm:p-8">
      <header className="space-y-1 border-b border-stone-200 pb-4">
        <h2 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-stone-600">
          {t("scoring:sheet.essay")}
        </h2>
        {reading ? (
          <>
            <p lang={opened.contest.locale} className="font-serif text-2xl font-bold leading-snug text-stone-900">
              {reading.title}
            </p>
            <p className="text-sm text-stone-700">
              {t("scoring:sheet.category", { category: opened.entry.category })} · {t("scoring:sheet.wordCount", { count: reading.wordCount })}
            </p>
            {reading.masked ? <p className="text-sm text-stone-700">{t("scoring:sheet.masked")}</p> : null}
          </>
        ) : null}
      </header>
      {reading ? (
        <div lang={opened.contest.locale} className="mx-auto max-w-[68ch] space-y-5 font-serif text-[1.1875rem] leading-[1.85] text-stone-900 [hyphens:manual]">
          {reading.abstract ? (
            <section aria-label={t("scoring:sheet.abstract")} className="rounded-md bg-stone-50 p-4 text-[1.0625rem] italic">
              <p className="whitespace-pre-line">{reading.abstract}</p>
            </section>
          ) : null}
          {reading.text
            .split(/\n\s*\n/)
            .filter((p) => p.trim() !== "")
            .map((paragraph, i) => (
              <p key={i} className="whitespace-pre-line">
                {paragraph}
              </p>
            ))}
        </div>
      ) : (
        <p className="text-stone-700">{t("scoring:sheet.noText")}</p>
      )}
    </article>
  );
}

// ───────────────────────────── pieces of the form ─────────────────────────────

function useNumber() {
  const lng = useLanguage();
  return (n: number) => formatNumber(n, lng);
}

function Levels({ criterion, points }: { criterion: ScoringCriterion; points: number | undefined }) {
  const { t } = useTranslation();
  if (!criterion.levels.length) return null;
  return (
    <dl aria-label={t("scoring:sheet.levels", { name: criterion.name })} className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
      {criterion.levels.map((level, i) => {
        const current = points !== undefined && points >= level.from && points <= level.to;
        return (
          <div key={i} className={`contents ${current ? "font-semibold" : ""}`}>
            <dt className={`tabular-nums ${current ? "text-stone-900" : "text-stone-600"}`}>{t("scoring:sheet.levelRange", { from: level.from, to: level.to })}</dt>
            <dd className={current ? "text-stone-900" : "text-stone-700"}>{level.label}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function statusText(t: ReturnType<typeof useTranslation>["t"], status: AutosaveStatus, time: (iso: string) => string): string {
  switch (status.kind) {
    case "saved":
      return status.savedAt ? t("scoring:status.saved", { time: time(status.savedAt) }) : t("scoring:status.never");
    case "dirty":
      return t("scoring:status.dirty");
    case "saving":
      return t("scoring:status.saving");
    case "offline":
      return t("scoring:status.offline");
    case "serverError":
      return t("scoring:status.serverError");
    case "invalid":
      return t("scoring:status.invalid");
    case "signedOut":
      return t("scoring:status.signedOut");
    case "conflict":
      return t("scoring:status.conflict");
    case "readOnly":
      return t("scoring:status.readOnly");
  }
}

const STATUS_STYLE: Record<AutosaveStatus["kind"], string> = {
  saved: "border-green-300 bg-green-50 text-green-900",
  dirty: "border-stone-300 bg-stone-50 text-stone-800",
  saving: "border-stone-300 bg-stone-50 text-stone-800",
  offline: "border-amber-400 bg-amber-50 text-amber-900",
  serverError: "border-amber-400 bg-amber-50 text-amber-900",
  invalid: "border-red-300 bg-red-50 text-red-900",
  signedOut: "border-red-300 bg-red-50 text-red-900",
  conflict: "border-red-300 bg-red-50 text-red-900",
  readOnly: "border-red-300 bg-red-50 text-red-900",
};

/** What the judge sees of a field in the comparison: the score as typed, or the note. */
function fieldLabel(t: ReturnType<typeof useTranslation>["t"], criteria: readonly ScoringCriterion[], field: SheetField): string {
  if (field === "privateNote") return t("scoring:sheet.privateNote");
  if (field === "feedback") return t("scoring:sheet.feedback");
  const id = field.slice("score:".length);
  return criteria.find((c) => c.id === id)?.name ?? id;
}

interface Theirs {
  version: number;
  status: SheetSnapshot["status"];
  values: SheetValues;
  savedAt: string | null;
  submittedAt: string | null;
}

/** Both copies side by side, field by field, and (with JavaScript) the judge's choice. */
function ConflictPanel({
  criteria,
  mine,
  theirs,
  onTakeTheirs,
  onKeepMine,
  onMerge,
  onReload,
}: {
  criteria: readonly ScoringCriterion[];
  mine: SheetValues;
  theirs: Theirs;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
  onMerge: (choice: Partial<Record<SheetField, "mine" | "theirs">>) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const headingId = useId();
  const ids = criteria.map((c) => c.id);
  const fields = differingFields(ids, mine, theirs.values);
  const [choice, setChoice] = useState<Partial<Record<SheetField, "mine" | "theirs">>>({});
  const shown = (v: string) => (v.trim() === "" ? t("scoring:sheet.none") : v);
  const submitted = theirs.status === "SUBMITTED";
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border-2 border-red-300 bg-red-50 p-4">
      <h3 id={headingId} className="font-semibold text-red-900">
        {t("scoring:conflict.heading")}
      </h3>
      <p role="alert">{submitted ? t("scoring:conflict.submittedElsewhere") : t("scoring:conflict.text")}</p>
      {!submitted && fields.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("scoring:conflict.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("scoring:conflict.field")}</th>
                <th scope="col" className="p-2">{t("scoring:conflict.theirs")}</th>
                <th scope="col" className="p-2">{t("scoring:conflict.mine")}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => {
                const label = fieldLabel(t, criteria, field);
                const pick = choice[field] ?? "mine";
                return (
                  <tr key={field} className="border-b border-stone-200 align-top">
                    <th scope="row" className="p-2 font-medium">
                      {label}
                    </th>
                    {(["theirs", "mine"] as const).map((side) => (
                      <td key={side} className="p-2">
                        {hydrated ? (
                          <label className="flex items-start gap-2">
                            <input
                              type="radio"
                              name={`keep-${field}`}
                              value={side}
                              checked={pick === side}
                              onChange={() => setChoice((c) => ({ ...c, [field]: side }))}
                              aria-label={`${t("scoring:conflict.keep", { field: label })} ${t(side === "theirs" ? "scoring:conflict.theirs" : "scoring:conflict.mine")}`}
                              className="mt-1 size-4 accent-brand-700"
                            />
                            <span className="whitespace-pre-line">{shown(fieldValue(side === "theirs" ? theirs.values : mine, field))}</span>
                          </label>
                        ) : (
                          <span className="whitespace-pre-line">{shown(fieldValue(side === "theirs" ? theirs.values : mine, field))}</span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {hydrated ? (
        <div className="flex flex-wrap gap-2">
          {submitted ? (
            <button type="button" className="btn-primary" onClick={onReload}>
              {t("scoring:conflict.reload")}
            </button>
          ) : (
            <>
              <button type="button" className="btn-primary" onClick={() => onMerge(choice)}>
                {t("scoring:conflict.merge")}
              </button>
              <button type="button" className="btn-secondary" onClick={onTakeTheirs}>
                {t("scoring:conflict.takeTheirs")}
              </button>
              <button type="button" className="btn-secondary" onClick={onKeepMine}>
                {t("scoring:conflict.keepMine")}
              </button>
            </>
          )}
        </div>
      ) : (
        <p className="text-sm">{t("scoring:conflict.noScript")}</p>
      )}
    </section>
  );
}

// ───────────────────────────── the form ─────────────────────────────

/** What the page's action answers (app/routes/judge.sheets.$assignmentId.tsx). */
export type SheetReply = {
  result: Parameters<typeof useSchemaForm>[2];
  outcome:
    | { status: "saved" | "submitted" }
    | { status: "invalid" }
    | { status: "conflict"; current: SheetSnapshot }
    | { status: "readOnly"; reason: string; current: SheetSnapshot };
  /** The values posted, for the boxes after a refusal (no JavaScript). */
  posted: SheetValues | null;
};

const storageKey = (assignmentId: string) => `scoresheet:${assignmentId}`;

function readLocal(assignmentId: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(storageKey(assignmentId));
    if (!raw) return null;
    const copy = JSON.parse(raw) as LocalCopy;
    return typeof copy.baseVersion === "number" && copy.values && typeof copy.changedAt === "string" ? copy : null;
  } catch {
    return null;
  }
}

function writeLocal(assignmentId: string, copy: LocalCopy | null) {
  try {
    if (copy) window.localStorage.setItem(storageKey(assignmentId), JSON.stringify(copy));
    else window.localStorage.removeItem(storageKey(assignmentId));
  } catch {
    // Storage full or refused (private mode): the server copy is all there is.
  }
}

/** Forgets the copy kept in the browser (a submitted or read-only sheet has nothing to keep). */
export function ForgetLocalCopy({ assignmentId }: { assignmentId: string }) {
  useEffect(() => writeLocal(assignmentId, null), [assignmentId]);
  return null;
}

function theirsOf(snapshot: SheetSnapshot, lng: Language): Theirs {
  return {
    version: snapshot.version,
    status: snapshot.status,
    values: valuesFromPoints(snapshot.points, snapshot, lng),
    savedAt: snapshot.savedAt,
    submittedAt: snapshot.submittedAt,
  };
}

type Blocked = { reason: string; current: SheetSnapshot } | null;

export function ScoresheetEditor({ opened, reply }: { opened: OpenedSheet; reply: SheetReply | null }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const num = useNumber();
  const submit = useSubmit();
  const revalidator = useRevalidator();
  const { criteria, assignmentId } = opened;
  const ids = useMemo(() => criteria.map((c) => c.id), [criteria]);
  const schema = useMemo(() => sheetSchemaFor(criteria), [criteria]);
  const formId = `scoresheet-${assignmentId}`;
  const [form] = useSchemaForm(formId, schema, reply?.result);

  const [base, setBaseState] = useState<Theirs>(() => theirsOf(opened.sheet, lng));
  const baseRef = useRef(base);
  const setBase = (b: Theirs) => {
    baseRef.current = b;
    setBaseState(b);
  };
  const [values, setValuesState] = useState<SheetValues>(() => reply?.posted ?? base.values);
  const valuesRef = useRef(values);
  const setValues = (v: SheetValues) => {
    valuesRef.current = v;
    setValuesState(v);
  };
  const [conflict, setConflict] = useState<Theirs | null>(() =>
    reply?.outcome.status === "conflict" ? theirsOf(reply.outcome.current, lng) : null,
  );
  const [blocked, setBlocked] = useState<Blocked>(null);
  const [offer, setOffer] = useState<{ kind: "restore" | "merge"; copy: LocalCopy } | null>(null);
  const [submitErrors, setSubmitErrors] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState(false);
  const [saveSoon, setSaveSoon] = useState(false);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const submitButtonRef = useRef<HTMLButtonElement>(null);

  const isDirty = useCallback(() => !sameValues(ids, valuesRef.current, baseRef.current.values), [ids]);

  const autosave = useAutosave({
    url: `/judge/sheets/${assignmentId}/autosave`,
    savedAt: base.savedAt,
    paused: !!conflict || !!blocked,
    isDirty,
    body: () => {
      const v = valuesRef.current;
      const { errors } = checkScores(criteria, v.scores, "save");
      if (Object.keys(errors).length || v.privateNote.length > PRIVATE_NOTE_MAX || v.feedback.length > FEEDBACK_MAX) {
        for (const name of Object.keys(errors)) form.validate({ name });
        return null;
      }
      const body = new URLSearchParams({ intent: "save", expectedVersion: String(baseRef.current.version) });
      for (const id of ids) body.set(`scores.${id}`, v.scores[id] ?? "");
      body.set("privateNote", v.privateNote);
      body.set("feedback", v.feedback);
      return body;
    },
    onSaved: (sheet) => {
      const saved = theirsOf(sheet, lng);
      setBase(saved);
      writeLocal(assignmentId, sameValues(ids, valuesRef.current, saved.values) ? null : { baseVersion: saved.version, values: valuesRef.current, changedAt: new Date().toISOString() });
    },
    onConflict: (current) => setConflict(theirsOf(current, lng)),
    onReadOnly: (reason, current) => setBlocked({ reason, current }),
  });

  // A copy left in this browser: offer it back if the server does not hold it.
  useEffect(() => {
    const copy = readLocal(assignmentId);
    const server = baseRef.current;
    const kind = localOffer(ids, copy, server);
    if (kind === "none") {
      if (copy && sameValues(ids, copy.values, server.values)) writeLocal(assignmentId, null);
      return;
    }
    setOffer({ kind, copy: copy! });
  }, [assignmentId, ids]);

  // The page's data came back newer (a submission, a reload, the language switched): follow it if
  // the judge has nothing unsaved, else compare.
  useEffect(() => {
    const incoming = theirsOf(opened.sheet, lng);
    const current = baseRef.current;
    if (incoming.version <= current.version && incoming.status === current.status) return;
    if (sameValues(ids, valuesRef.current, current.values) || sameValues(ids, valuesRef.current, incoming.values)) {
      if (!sameValues(ids, valuesRef.current, incoming.values)) setValues(incoming.values);
      setBase(incoming);
      autosave.settle(incoming.savedAt);
    } else {
      setConflict(incoming);
    }
    // Only a new sheet from the server matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened.sheet]);

  // Saving right after a choice (restore, keep mine, merge), once the page has left the conflict.
  useEffect(() => {
    if (saveSoon && !conflict) {
      setSaveSoon(false);
      void autosave.saveNow();
    }
  }, [saveSoon, conflict, autosave]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const change = (next: SheetValues, field?: string) => {
    setValues(next);
    if (field) setSubmitErrors((e) => (e[field] ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== field)) : e));
    writeLocal(assignmentId, { baseVersion: baseRef.current.version, values: next, changedAt: new Date().toISOString() });
    setConfirming(false);
    autosave.changed();
  };
  const leave = () => {
    if (isDirty()) void autosave.saveNow();
  };
  const noEnter = (e: React.KeyboardEvent) => {
    // Enter in a score box saves the draft; it never submits the sheet.
    if (e.key === "Enter") {
      e.preventDefault();
      void autosave.saveNow();
    }
  };

  const resolve = (next: SheetValues, theirs: Theirs, save: boolean) => {
    setValues(next);
    setBase(theirs);
    setConflict(null);
    if (save && !sameValues(ids, next, theirs.values)) {
      writeLocal(assignmentId, { baseVersion: theirs.version, values: next, changedAt: new Date().toISOString() });
      setSaveSoon(true);
    } else {
      writeLocal(assignmentId, null);
      autosave.settle(theirs.savedAt);
    }
  };

  const { points } = checkScores(criteria, values.scores, "save");
  const total = criteria.length ? scoresheetTotal(criteria, points) : 0;
  const scale = rubricScale(criteria.map((c) => c.maxPoints)) ?? 0;
  const partial = ids.some((id) => (values.scores[id] ?? "").trim() !== "" && points[id] === undefined);
  const time = (iso: string) => formatTime(iso, lng, opened.contest.timeZone);
  const errorsOf = (name: string) => [...new Set([...(form.allErrors[name] ?? []), ...(submitErrors[name] ?? [])])];

  const startSubmit = (e: React.MouseEvent) => {
    e.preventDefault();
    const { errors } = checkScores(criteria, values.scores, "submit");
    if (Object.keys(errors).length) {
      setSubmitErrors(errors);
      document.getElementById(`${formId}-${Object.keys(errors)[0]!.slice("scores.".length)}`)?.focus();
      return;
    }
    setSubmitErrors({});
    setConfirming(true);
  };
  const confirmSubmit = async () => {
    await autosave.whenIdle();
    if (conflict || blocked) {
      setConfirming(false);
      return;
    }
    const body = new FormData();
    body.set("intent", "submit");
    body.set("expectedVersion", String(baseRef.current.version));
    for (const id of ids) body.set(`scores.${id}`, valuesRef.current.scores[id] ?? "");
    body.set("privateNote", valuesRef.current.privateNote);
    body.set("feedback", valuesRef.current.feedback);
    submit(body, { method: "post" });
  };

  const incomplete = Object.keys(submitErrors).length > 0;
  return (
    <div className="space-y-4">
      <p role="status" aria-label={t("scoring:status.label")} className={`rounded-md border px-3 py-2 text-sm font-medium ${STATUS_STYLE[autosave.status.kind]}`}>
        {statusText(t, autosave.status, time)}
      </p>

      {offer ? (
        <section aria-labelledby={`${formId}-offer`} className="space-y-2 rounded-md border-2 border-amber-400 bg-amber-50 p-4">
          <h3 id={`${formId}-offer`} className="font-semibold">
            {t("scoring:local.heading")}
          </h3>
          <p>{t(offer.kind === "restore" ? "scoring:local.restoreText" : "scoring:local.mergeText", { time: time(offer.copy.changedAt) })}</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-primary"
              onClick={() => {
                setOffer(null);
                setValues(offer.copy.values);
                if (offer.kind === "merge") setConflict(baseRef.current);
                else setSaveSoon(true);
              }}
            >
              {t(offer.kind === "restore" ? "scoring:local.restore" : "scoring:local.compare")}
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                setOffer(null);
                writeLocal(assignmentId, null);
              }}
            >
              {t("scoring:local.discard")}
            </button>
          </div>
        </section>
      ) : null}

      {conflict ? (
        <ConflictPanel
          criteria={criteria}
          mine={values}
          theirs={conflict}
          onReload={() => revalidator.revalidate()}
          onTakeTheirs={() => resolve(conflict.values, conflict, false)}
          onKeepMine={() => resolve(values, conflict, true)}
          onMerge={(choice) => resolve(mergeValues(ids, values, conflict.values, choice), conflict, true)}
        />
      ) : null}

      {blocked ? (
        <div role="alert" className="space-y-2 rounded-md border-2 border-red-300 bg-red-50 p-4">
          <p>
            {blocked.reason === "submitted"
              ? t("scoring:conflict.submittedElsewhere")
              : t(`scoring:sheet.readOnly.${blocked.reason as "deadlinePassed"}`)}
          </p>
          <button type="button" className="btn-primary" onClick={() => revalidator.revalidate()}>
            {t("scoring:conflict.reload")}
          </button>
        </div>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <input type="hidden" name="expectedVersion" value={base.version} />
        <FormErrors errors={[...(form.errors ?? []), ...(incomplete ? ["scoring:errors.incomplete"] : [])]} />
        <ol className="space-y-5">
          {criteria.map((c, i) => {
            const name = `scores.${c.id}`;
            const errors = errorsOf(name);
            return (
              <li key={c.id} className="space-y-2 border-b border-stone-200 pb-4">
                <h3 className="font-semibold">
                  {i + 1}. {c.name}
                  <span className="ml-2 text-sm font-normal text-stone-600">
                    ({num(c.maxPoints)}
                    {c.weight !== 1 ? `, ${t("scoring:sheet.weight", { weight: c.weight })}` : ""})
                  </span>
                </h3>
                {c.description ? <p className="text-sm text-stone-700">{c.description}</p> : null}
                <Levels criterion={c} points={points[c.id]} />
                <Field
                  label={t("scoring:sheet.score", { name: c.name })}
                  help={t("scoring:sheet.scoreHelp", { max: c.maxPoints, step: c.step })}
                  errors={errors}
                  inputProps={{
                    id: `${formId}-${c.id}`,
                    name,
                    type: "text",
                    inputMode: "decimal",
                    autoComplete: "off",
                    spellCheck: false,
                    value: values.scores[c.id] ?? "",
                    onChange: (e) => change({ ...valuesRef.current, scores: { ...valuesRef.current.scores, [c.id]: e.target.value } }, name),
                    onBlur: leave,
                    onKeyDown: noEnter,
                  }}
                />
              </li>
            );
          })}
        </ol>
        <p aria-live="polite" aria-atomic="true" className="rounded-md bg-stone-100 p-3 text-lg font-semibold tabular-nums">
          {t("scoring:sheet.total", { total, scale })}
          {partial ? <span className="block text-sm font-normal text-stone-700">{t("scoring:sheet.totalPartial")}</span> : null}
        </p>
        <TextareaField
          label={t("scoring:sheet.privateNote")}
          help={t("scoring:sheet.privateNoteHelp")}
          errors={form.allErrors.privateNote}
          textareaProps={{
            id: `${formId}-privateNote`,
            name: "privateNote",
            rows: 3,
            maxLength: PRIVATE_NOTE_MAX,
            value: values.privateNote,
            onChange: (e) => change({ ...valuesRef.current, privateNote: e.target.value }),
            onBlur: leave,
          }}
        />
        <TextareaField
          label={t("scoring:sheet.feedback")}
          help={t("scoring:sheet.feedbackHelp")}
          errors={form.allErrors.feedback}
          textareaProps={{
            id: `${formId}-feedback`,
            name: "feedback",
            rows: 4,
            maxLength: FEEDBACK_MAX,
            value: values.feedback,
            onChange: (e) => change({ ...valuesRef.current, feedback: e.target.value }),
            onBlur: leave,
          }}
        />
        {confirming ? (
          <section aria-labelledby={`${formId}-confirm`} className="space-y-3 rounded-md border-2 border-brand-700 bg-brand-50 p-4">
            <h3 id={`${formId}-confirm`} ref={confirmRef} tabIndex={-1} className="font-semibold">
              {t("scoring:sheet.confirm.heading")}
            </h3>
            <p>{t("scoring:sheet.confirm.text", { total, scale })}</p>
            <div className="flex flex-wrap gap-2">
              <button type="button" className="btn-primary" onClick={() => void confirmSubmit()}>
                {t("scoring:sheet.confirm.submit")}
              </button>
              <button
                type="button"
                className="btn-secondary"
                onClick={() => {
                  setConfirming(false);
                  submitButtonRef.current?.focus();
                }}
              >
                {t("scoring:sheet.confirm.cancel")}
              </button>
            </div>
          </section>
        ) : null}
        {/* Save comes first: pressing Enter without JavaScript saves a draft, never submits. */}
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            name="intent"
            value="save"
            className="btn-secondary"
            onClick={(e) => {
              e.preventDefault();
              void autosave.saveNow();
            }}
          >
            {t("scoring:sheet.save")}
          </button>
          <button type="submit" name="intent" value="submit" className="btn-primary" ref={submitButtonRef} onClick={startSubmit} disabled={!!conflict || !!blocked}>
            {t("scoring:sheet.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

// ───────────────────────────── read-only ─────────────────────────────

/** A sheet that cannot be changed now: what is stored, as a table, and the notes. */
export function ReadOnlySheet({ opened }: { opened: OpenedSheet }) {
  const { t } = useTranslation();
  const num = useNumber();
  const { sheet, criteria } = opened;
  const scale = rubricScale(criteria.map((c) => c.maxPoints));
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">{t("scoring:sheet.yourScores")}</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="p-2">{t("scoring:others.criterion")}</th>
              <th scope="col" className="p-2 text-right">{t("scoring:sheet.yourScores")}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id} className="border-b border-stone-200">
                <th scope="row" className="p-2 font-normal">
                  {c.name} <span className="text-stone-600">({num(c.maxPoints)})</span>
                </th>
                <td className="p-2 text-right tabular-nums">{sheet.points[c.id] !== undefined ? num(sheet.points[c.id]!) : t("scoring:sheet.none")}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="p-2">
                {t("scoring:others.total")}
              </th>
              <td className="p-2 text-right font-semibold tabular-nums">
                {sheet.total !== null ? num(sheet.total) : t("scoring:sheet.none")}
                {scale !== null ? `/${num(scale)}` : ""}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <dl className="space-y-2 text-sm">
        <dt className="font-medium">{t("scoring:sheet.privateNote")}</dt>
        <dd className="whitespace-pre-line text-stone-800">{sheet.privateNote || t("scoring:sheet.none")}</dd>
        <dt className="font-medium">{t("scoring:sheet.feedback")}</dt>
        <dd className="whitespace-pre-line text-stone-800">{sheet.feedback || t("scoring:sheet.none")}</dd>
      </dl>
    </div>
  );
}

/** Why the sheet is read-only, in the contest's time zone. */
export function ReadOnlyReason({ opened }: { opened: OpenedSheet }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  if (opened.access.write) return null;
  const { reason } = opened.access;
  const date = opened.sheet.submittedAt ? formatDateTime(opened.sheet.submittedAt, lng, opened.contest.timeZone) : "";
  return <p className="rounded-md border border-stone-300 bg-stone-50 p-3">{t(`scoring:sheet.readOnly.${reason}`, { date })}</p>;
}

// ───────────────────────────── other judges ─────────────────────────────

export function OthersScores({ opened }: { opened: OpenedSheet }) {
  const { t } = useTranslation();
  const num = useNumber();
  const { others, criteria } = opened;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("scoring:others.heading")}
      </h2>
      {!others.visible ? (
        <p className="text-stone-700">{others.rule === "NEVER" ? t("scoring:others.never") : t("scoring:others.afterOwn")}</p>
      ) : others.sheets.length === 0 ? (
        <p className="text-stone-700">{t("scoring:others.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("scoring:others.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("scoring:others.criterion")}</th>
                {others.sheets.map((_, i) => (
                  <th key={i} scope="col" className="p-2 text-right">
                    {t("scoring:others.judge", { n: i + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.id} className="border-b border-stone-200">
                  <th scope="row" className="p-2 font-normal">
                    {c.name}
                  </th>
                  {others.sheets.map((s, i) => (
                    <td key={i} className="p-2 text-right tabular-nums">
                      {s.points === null ? t("scoring:others.otherRubric") : s.points[c.id] !== undefined ? num(s.points[c.id]!) : t("scoring:sheet.none")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" className="p-2">
                  {t("scoring:others.total")}
                </th>
                {others.sheets.map((s, i) => (
                  <td key={i} className="p-2 text-right font-semibold tabular-nums">
                    {s.total !== null ? num(s.total) : ""}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {others.visible && others.pending > 0 ? <p className="text-sm text-stone-700">{t("scoring:others.pending", { count: others.pending })}</p> : null}
    </section>
  );
}

