// The clock that carries out scheduled phase changes (opening and closing a contest at its
// times): every N seconds it calls runDuePhaseChanges (phases.server.ts). Started by the server's
// startup hook and stopped at shutdown (app/utils/server-hooks.server.ts).
//
// Several app instances may run it at once: each due row is claimed in the database, so it runs
// exactly once whoever gets there first. On SQLite, a run that meets another connection's write
// lock (SQLITE_BUSY) is retried a few times with growing, jittered pauses; a run that still
// fails is logged and the next tick tries again, so the server never stops because of it.
import { runDuePhaseChanges, type ScheduledRun } from "./phases.server";

export interface SchedulerLog {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
}

/** Errors worth retrying: the database was busy (SQLite's lock, a timeout, a write conflict or deadlock). */
export function isBusyError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const e = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
    };
    // Prisma: P1008 operation timed out (how the SQLite adapter reports SQLITE_BUSY), P2034 write conflict or deadlock.
    if (e.code === "P1008" || e.code === "P2034") return true;
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY")) return true;
    const original = e.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === "string" && original.startsWith("SQLITE_BUSY")) return true;
    if (typeof e.message === "string" && /SQLITE_BUSY|database is locked/i.test(e.message)) return true;
    current = e.cause ?? e.meta?.driverAdapterError;
  }
  return false;
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** The first pause; each further pause doubles, plus up to half of it at random. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (attempt: number, error: unknown) => void;
}

export const DEFAULT_RETRY_ATTEMPTS = 5;
export const DEFAULT_RETRY_DELAY_MS = 100;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `run`, trying again after a pause when the database was busy; other errors go straight through. */
export async function withBusyRetry<T>(run: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_RETRY_ATTEMPTS;
  const base = options.baseDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isBusyError(error)) throw error;
      options.onRetry?.(attempt, error);
      const pause = base * 2 ** (attempt - 1);
      await sleep(pause + Math.floor(random() * (pause / 2)));
    }
  }
}

export interface SchedulerOptions {
  intervalMs: number;
  log: SchedulerLog;
  /** What one tick does; runDuePhaseChanges by default. */
  run?: (now: Date) => Promise<ScheduledRun[]>;
  /** The clock; the server's by default. */
  now?: () => Date;
  retry?: Omit<RetryOptions, "onRetry">;
}

export interface PhaseScheduler {
  /** Stops ticking and waits for a run in progress to finish. */
  stop: () => Promise<void>;
}

const errorSummary = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };

/** Starts ticking at once, then every `intervalMs` after the end of the previous run (runs never overlap). */
export function startPhaseScheduler(options: SchedulerOptions): PhaseScheduler {
  const run = options.run ?? runDuePhaseChanges;
  const now = options.now ?? (() => new Date());
  const { log } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;

  async function tick() {
    try {
      const runs = await withBusyRetry(() => run(now()), {
        ...options.retry,
        onRetry: (attempt, error) => log.warn({ attempt, err: errorSummary(error) }, "phase scheduler: database busy, retrying"),
      });
      for (const r of runs) {
        const fields = { contestId: r.contestId, phaseChangeId: r.phaseChangeId, to: r.to };
        if (r.outcome === "applied") log.info(fields, "scheduled phase change applied");
        else log.warn({ ...fields, reasons: r.reasons }, "scheduled phase change refused");
      }
    } catch (error) {
      log.error({ err: errorSummary(error) }, "phase scheduler: run failed, trying again at the next tick");
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick().finally(() => {
        inFlight = undefined;
        schedule(options.intervalMs);
      });
    }, delay);
    // The scheduler alone does not keep the process alive.
    timer.unref?.();
  }

  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
