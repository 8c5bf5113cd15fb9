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

export type StreamMessage = { type: string } & Record<string, unknown>;

/** The JSON values of a newline-delimited JSON body, as its lines arrive (whatever the chunks). */
export async function* ndjsonMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    // A character cut between two chunks waits for its end.
    buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = buffered.split("\n");
    buffered = done ? "" : lines.pop()!;
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as StreamMessage;
    if (done) return;
  }
}

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
      let finished = false;
      for await (const message of ndjsonMessages(response.body)) {
        if (message.type === "progress") {
          const { type: _type, ...progress } = message;
          last = progress as P;
          setStream({ state: "progress", progress: last });
        } else if (message.type === "done") {
          const { type: _type, ...outcome } = message;
          finished = true;
          setStream({ state: "done", progress: last });
          onDone(outcome as R, last);
          break;
        } else {
          break;
        }
      }
      if (!finished) throw new Error("no outcome");
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
