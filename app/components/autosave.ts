// Saving a form to the server while the user types (the scoring page's drafts): debounced while
// typing, at once when asked (a field left, Enter pressed, the page hidden), one request at a time,
// retried with growing pauses when the connection drops (and as soon as the browser is back
// online), and a status for the page to show. What to send and what to do with the answers is the
// caller's: this hook only knows a URL, a body and the answers' JSON shapes
// (app/routes/judge.sheets.$assignmentId_.autosave.ts).
import { useCallback, useEffect, useRef, useState } from "react";
import type { SheetSnapshot } from "#app/modules/scoring/scoresheets.server";

export type AutosaveStatus =
  /** Nothing waiting: the form is what the server holds (savedAt: when it was last saved, if ever). */
  | { kind: "saved"; savedAt: string | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "serverError" }
  /** Not sent: the form has values the server would refuse. */
  | { kind: "invalid" }
  | { kind: "signedOut" }
  | { kind: "conflict" }
  | { kind: "readOnly" };

export type AutosaveAnswer =
  | { status: "saved"; sheet: SheetSnapshot }
  | { status: "conflict"; current: SheetSnapshot }
  | { status: "readOnly"; reason: string; current: SheetSnapshot }
  | { status: "invalid"; fieldErrors: Record<string, string[]> };

export interface AutosaveOptions {
  url: string;
  /** The last save the page knows of (from the server). */
  savedAt: string | null;
  /** Whether there is anything to save (the form differs from what the server holds). */
  isDirty: () => boolean;
  /** The body to send now, or null when the form is not valid (nothing is sent). */
  body: () => URLSearchParams | null;
  /** A save went through; `sent` is what was sent. */
  onSaved: (sheet: SheetSnapshot, sent: URLSearchParams) => void;
  onConflict: (current: SheetSnapshot) => void;
  onReadOnly: (reason: string, current: SheetSnapshot) => void;
  /** No saving at all (a conflict to resolve, a read-only sheet). */
  paused: boolean;
}

/** Typing pauses longer than this save. */
export const AUTOSAVE_DELAY_MS = 1200;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];

export function useAutosave(options: AutosaveOptions) {
  const latest = useRef(options);
  latest.current = options;
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "saved", savedAt: options.savedAt });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const attempt = useRef(0);

  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const saveNow = useCallback((): Promise<void> => {
    clear();
    const o = latest.current;
    if (o.paused) return Promise.resolve();
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    if (!o.isDirty()) {
      setStatus((s) => (s.kind === "saved" ? s : { kind: "saved", savedAt: latest.current.savedAt }));
      return Promise.resolve();
    }
    const body = o.body();
    if (!body) {
      setStatus({ kind: "invalid" });
      return Promise.resolve();
    }
    setStatus({ kind: "saving" });
    const retry = (kind: "offline" | "serverError") => {
      setStatus({ kind });
      const pause = RETRY_MS[Math.min(attempt.current, RETRY_MS.length - 1)]!;
      attempt.current++;
      clear();
      timer.current = setTimeout(() => void saveNow(), pause);
    };
    const run = (async () => {
      let response: Response;
      try {
        response = await fetch(o.url, { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin", keepalive: true });
      } catch {
        retry("offline");
        return;
      }
      if (response.status === 403) {
        setStatus({ kind: "signedOut" });
        return;
      }
      let answer: AutosaveAnswer | null = null;
      try {
        answer = (await response.json()) as AutosaveAnswer;
      } catch {
        answer = null;
      }
      if (!answer || response.status >= 500) {
        retry("serverError");
        return;
      }
      attempt.current = 0;
      if (answer.status === "saved") {
        latest.current.onSaved(answer.sheet, body);
        // The form may have changed while the request was out.
        setStatus(latest.current.isDirty() ? { kind: "dirty" } : { kind: "saved", savedAt: answer.sheet.savedAt });
        if (latest.current.isDirty()) again.current = true;
      } else if (answer.status === "conflict") {
        setStatus({ kind: "conflict" });
        latest.current.onConflict(answer.current);
      } else if (answer.status === "readOnly") {
        setStatus({ kind: "readOnly" });
        latest.current.onReadOnly(answer.reason, answer.current);
      } else {
        setStatus({ kind: "invalid" });
      }
    })();
    inFlight.current = run.finally(() => {
      inFlight.current = null;
      if (again.current) {
        again.current = false;
        timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
      }
    });
    return inFlight.current;
  }, []);

  /** The form changed: mark it unsaved and save after a pause in typing. */
  const changed = useCallback(() => {
    if (latest.current.paused) return;
    setStatus((s) => (s.kind === "offline" || s.kind === "signedOut" || s.kind === "serverError" ? s : { kind: "dirty" }));
    clear();
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [saveNow]);

  /** Resolves once nothing is being sent (pending typing is sent first). */
  const whenIdle = useCallback(async () => {
    if (timer.current) await saveNow();
    while (inFlight.current) await inFlight.current;
  }, [saveNow]);

  /** The page adopted the server's copy (taken theirs, reloaded): nothing is waiting. */
  const settle = useCallback((savedAt: string | null) => {
    clear();
    attempt.current = 0;
    setStatus({ kind: "saved", savedAt });
  }, []);

  useEffect(() => {
    const online = () => {
      if (latest.current.isDirty()) void saveNow();
    };
    // Leaving the page (closing the tab, switching apps on a tablet): send what is waiting.
    const hidden = () => {
      if (document.visibilityState === "hidden" && latest.current.isDirty()) void saveNow();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
      clear();
    };
  }, [saveNow]);

  return { status, changed, saveNow, whenIdle, settle };
}
