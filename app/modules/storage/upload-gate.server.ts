// Admission control for uploads: at most `active` forms are read and stored at once in this
// process; up to `queued` more wait their turn (their bodies unread, so the client's socket
// holds them, not our memory), each at most `waitMs`. Past either limit the request is refused
// with 503 and Retry-After, which the pages translate (error-boundary.tsx). Limits: decision 0025.
import { serviceUnavailable } from "#app/utils/http.server";

export interface UploadGateLimits {
  active: number;
  queued: number;
  waitMs: number;
}

export const UPLOAD_GATE_LIMITS: UploadGateLimits = { active: 8, queued: 400, waitMs: 120_000 };

export interface UploadGate {
  /** Runs `work` once admitted; throws the 503 Response when not admitted in time. */
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly activeCount: number;
  readonly queuedCount: number;
}

export function createUploadGate({ active, queued, waitMs }: UploadGateLimits): UploadGate {
  let running = 0;
  const waiting: Array<() => void> = [];
  // A quarter of the wait limit (serviceUnavailable rounds it up to whole seconds, at least 1).
  const retryAfter = waitMs / 1000 / 4;

  async function admit(): Promise<void> {
    if (running < active) {
      running++;
      return;
    }
    if (waiting.length >= queued) serviceUnavailable(retryAfter);
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = waiting.indexOf(wake);
        if (at >= 0) waiting.splice(at, 1);
        try {
          serviceUnavailable(retryAfter);
        } catch (e) {
          reject(e);
        }
      }, waitMs);
      waiting.push(wake);
    });
    // The slot was handed over by release(): running stays counted.
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    async run(work) {
      await admit();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get activeCount() {
      return running;
    },
    get queuedCount() {
      return waiting.length;
    },
  };
}

/** The process's one gate, used by withUploadForm. */
export const uploadGate = createUploadGate(UPLOAD_GATE_LIMITS);
