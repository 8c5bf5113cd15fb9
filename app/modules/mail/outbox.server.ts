// The mail outbox: the one way the portal sends e-mail (docs/decisions/0022-stateless-instances.md).
//
// - queueMail(db, message) writes an Outbox row. Given the caller's transaction it commits or
//   rolls back with the change the message tells about: no receipt for a submission that did
//   not happen, no lost receipt for one that did.
// - Every app instance runs an outbox worker (startOutboxWorker, from the server's startup hook).
//   It delivers due rows: each row is claimed by one conditional update (not sent, not given up,
//   due, and not claimed, or its claim has run out), so of several instances exactly one hands a
//   row to the transport. The claim is a lease: an instance that dies mid-delivery leaves a claim
//   that runs out, and another instance delivers the row then.
// - A failed delivery is recorded (attempts, lastError) and tried again after a growing pause
//   (outboxBackoffMs); after OUTBOX_MAX_ATTEMPTS the row is marked failed and logged.
// - A delivered or failed row keeps who, what, when and why; its body (with the links, which carry
//   sign-up and reset tokens) is erased.
// - queueMail wakes this instance's worker, so a message usually leaves within moments of the
//   commit; the worker's regular tick (MAIL_OUTBOX_SECONDS) picks up retries and rows a woken
//   tick ran too early for. Tests without a server deliver with deliverDueMail.
//
// The Message-ID is derived from the row id, so the rare repeat (an instance that dies after the
// SMTP server accepted a message but before recording it) carries the same id as the first.
import { prisma, type Tx } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { transmit, type OutgoingMail } from "./mail.server";

/** Tries in all before a message is given up. */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** The pause after the first failure; each further one doubles, up to OUTBOX_MAX_BACKOFF_MS. */
export const OUTBOX_BASE_BACKOFF_MS = 30_000;
export const OUTBOX_MAX_BACKOFF_MS = 60 * 60_000;
/** How long a claim holds: longer than any one delivery may take. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
/** Rows one tick delivers at most (the next tick goes on). */
export const OUTBOX_BATCH = 50;
/** A woken worker waits this long, so that the transaction that queued the message has committed. */
export const OUTBOX_WAKE_DELAY_MS = 100;

/** The pause before attempt `attempt + 1`, after `attempt` failed ones (pure). */
export function outboxBackoffMs(attempt: number): number {
  return Math.min(OUTBOX_MAX_BACKOFF_MS, OUTBOX_BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * Queues one message. Pass the transaction of the change the message belongs to (or `prisma`
 * when there is none); the message leaves once that commits.
 */
export async function queueMail(db: Tx, message: OutgoingMail): Promise<{ id: string }> {
  const row = await db.outbox.create({
    data: {
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      links: JSON.stringify(message.links),
      nextAttemptAt: new Date(),
    },
    select: { id: true },
  });
  worker?.wake();
  return row;
}

export interface DeliveryLog {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
}

export interface DeliveryResult {
  id: string;
  outcome: "sent" | "retry" | "failed";
}

export interface DeliverOptions {
  now?: () => Date;
  limit?: number;
  log?: DeliveryLog;
  /** The transport; transmit by default. */
  send?: typeof transmit;
}

const due = (now: Date) => ({
  sentAt: null,
  failedAt: null,
  nextAttemptAt: { lte: now },
  OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }],
});

function messageIdFor(id: string): string {
  let host = "localhost";
  try {
    host = new URL(env().appUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `<${id}@${host}>`;
}

const ERASED = { text: "", html: "", links: "[]" };

/**
 * Delivers the due messages once: claims each (see the top of the file), hands it to the
 * transport and records the outcome. Rows another worker claimed meanwhile are left out.
 * Every write is a short transaction of its own, so it only ever sees committed rows.
 */
export async function deliverDueMail(options: DeliverOptions = {}): Promise<DeliveryResult[]> {
  const now = options.now ?? (() => new Date());
  const send = options.send ?? transmit;
  const candidates = await prisma.outbox.findMany({
    where: due(now()),
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: options.limit ?? OUTBOX_BATCH,
    select: { id: true },
  });
  const results: DeliveryResult[] = [];
  for (const { id } of candidates) {
    const claimedAt = now();
    const row = await prisma.$transaction(async (tx) => {
      const claimed = await tx.outbox.updateMany({
        where: { id, ...due(claimedAt) },
        data: { claimedUntil: new Date(claimedAt.getTime() + OUTBOX_LEASE_MS), attempts: { increment: 1 } },
      });
      if (claimed.count !== 1) return null;
      return tx.outbox.findUniqueOrThrow({ where: { id }, select: { to: true, subject: true, text: true, html: true, links: true, attempts: true } });
    });
    if (!row) continue;
    let sent: Awaited<ReturnType<typeof transmit>>;
    try {
      sent = await send(
        { to: row.to, subject: row.subject, text: row.text, html: row.html, links: JSON.parse(row.links) as string[] },
        { messageId: messageIdFor(id) },
      );
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const giveUp = row.attempts >= OUTBOX_MAX_ATTEMPTS;
      const at = now();
      await prisma.$transaction((tx) =>
        tx.outbox.update({
          where: { id },
          data: giveUp
            ? { failedAt: at, claimedUntil: null, lastError: message, ...ERASED }
            : { nextAttemptAt: new Date(at.getTime() + outboxBackoffMs(row.attempts)), claimedUntil: null, lastError: message },
        }),
      );
      const fields = { outboxId: id, attempts: row.attempts, err: message };
      if (giveUp) options.log?.error(fields, "e-mail given up after the last attempt");
      else options.log?.warn(fields, "e-mail delivery failed, trying again later");
      results.push({ id, outcome: giveUp ? "failed" : "retry" });
      continue;
    }
    // Accepted by the transport. Should this record fail, the claim runs out and the message goes
    // again with the same Message-ID (at least once, never silently lost).
    await prisma.$transaction((tx) =>
      tx.outbox.update({ where: { id }, data: { sentAt: now(), messageId: sent.messageId, claimedUntil: null, lastError: null, ...ERASED } }),
    );
    results.push({ id, outcome: "sent" });
  }
  return results;
}

export interface OutboxWorkerOptions {
  intervalMs: number;
  log: DeliveryLog;
  deliver?: () => Promise<DeliveryResult[]>;
}

export interface OutboxWorker {
  /** Runs a tick soon (after the current one, if one is running). */
  wake: () => void;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop: () => Promise<void>;
}

/** This process's worker, woken by queueMail. */
let worker: OutboxWorker | undefined;

const errorSummary = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };

/**
 * Starts delivering: at once, then every `intervalMs` after the end of the previous tick, and
 * whenever woken. Ticks never overlap; a tick that fails is logged and the next one tries again.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const deliver = options.deliver ?? (() => deliverDueMail({ log: options.log }));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  async function tick() {
    try {
      const results = await deliver();
      const sent = results.filter((r) => r.outcome === "sent").length;
      if (sent > 0) options.log.info({ sent }, "e-mail delivered");
    } catch (error) {
      options.log.error({ err: errorSummary(error) }, "mail outbox: run failed, trying again at the next tick");
    }
  }

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = tick().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        schedule(0);
      } else schedule(options.intervalMs);
    });
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
    // The worker alone does not keep the process alive.
    timer.unref?.();
  }

  schedule(0);
  const handle: OutboxWorker = {
    wake: () => schedule(OUTBOX_WAKE_DELAY_MS),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (worker === handle) worker = undefined;
      await running;
    },
  };
  worker = handle;
  return handle;
}
