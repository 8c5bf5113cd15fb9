// The browser's side of utils/progress-stream.server: posts a form with fetch and reads the
// newline-delimited JSON answer as it comes, reporting each progress line and then the outcome.
// A broken connection, an answer that is not a stream, or an "error" line end in "failed".
import { useCallback, useRef, useState } from "react";

export type StreamState<P> =
  | { state: "idle" }
  /** Sent; no progress reported yet. */
  | { state: "sending" }
  | { state: "progress"; progress: P }
  /** Answered: the last progress reported, if any. */
  | { state: "done"; progress: P | null }
  | { state: "failed" };

export function useProgressPost<P, R>(onDone: (outcome: R, last: P | null) => void) {
  const [stream, setStream] = useState<StreamState<P>>({ state: "idle" });
  const running = useRef(false);

  const post = async (url: string, body: FormData) => {
    if (running.current) return;
    running.current = true;
    setStream({ state: "sending" });
    let last: P | null = null;
    try {
      const response = await fetch(url, { method: "POST", body, headers: { Accept: "application/x-ndjson, application/json" } });
      if (!response.body) throw new Error("no body");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (value) buffered += value;
        const lines = buffered.split("\n");
        buffered = done ? "" : lines.pop()!;
        for (const line of lines.filter((l) => l.trim())) {
          const message = JSON.parse(line) as { type: string } & Record<string, unknown>;
          if (message.type === "progress") {
            const { type: _type, ...progress } = message;
            last = progress as P;
            setStream({ state: "progress", progress: last });
          } else if (message.type === "done") {
            const { type: _type, ...outcome } = message;
            setStream({ state: "done", progress: last });
            onDone(outcome as R, last);
            return;
          } else {
            throw new Error("failed");
          }
        }
        if (done) throw new Error("ended early");
      }
    } catch {
      setStream({ state: "failed" });
    } finally {
      running.current = false;
    }
  };
  const reset = useCallback(() => setStream({ state: "idle" }), []);
  const busy = stream.state === "sending" || stream.state === "progress";
  return { stream, busy, post, reset };
}
