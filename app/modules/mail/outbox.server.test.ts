// The mail outbox on the test database: a message leaves only when the transaction that queued it
// commits, exactly once whoever delivers, with retries after a growing pause, a recorded failure
// in the end, and no body (no links, no tokens) kept once it is done.
import fs from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { listEmlFiles, parseEml } from "#tests/factories/eml";
import { mailOutboxDir, transmit, type OutgoingMail } from "./mail.server";
import {
  OUTBOX_BASE_BACKOFF_MS,
  OUTBOX_LEASE_MS,
  OUTBOX_MAX_ATTEMPTS,
  OUTBOX_MAX_BACKOFF_MS,
  deliverDueMail,
  outboxBackoffMs,
  queueMail,
  startOutboxWorker,
  type DeliveryLog,
} from "./outbox.server";

const message = (to: string, subject = "Biên nhận bài dự thi"): OutgoingMail => ({
  to,
  subject,
  text: `Xin chào,\n\nLiên kết: http://localhost:3000/signup/verify/token-${to}`,
  html: `<p>Xin chào</p><p><a href="http://localhost:3000/signup/verify/token-${to}">Mở</a></p>`,
  links: [`http://localhost:3000/signup/verify/token-${to}`],
});

function recordingLog() {
  const lines: { level: string; msg?: string; obj: object }[] = [];
  const log: DeliveryLog = {
    info: (obj, msg) => lines.push({ level: "info", obj, msg }),
    warn: (obj, msg) => lines.push({ level: "warn", obj, msg }),
    error: (obj, msg) => lines.push({ level: "error", obj, msg }),
  };
  return { log, lines };
}

beforeEach(async () => {
  await prisma.outbox.deleteMany();
  fs.rmSync(mailOutboxDir(), { recursive: true, force: true });
});

describe("queueMail and deliverDueMail", () => {
  it("delivers a message queued in a transaction once it commits, and never one whose transaction rolled back", async () => {
    await prisma
      .$transaction(async (tx) => {
        await queueMail(tx, message("rolled-back@example.vn"));
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    await prisma.$transaction((tx) => queueMail(tx, message("committed@example.vn")));

    const results = await deliverDueMail();
    expect(results.map((r) => r.outcome)).toEqual(["sent"]);
    const files = listEmlFiles(mailOutboxDir());
    expect(files).toHaveLength(1);
    const email = await parseEml(fs.readFileSync(files[0]!));
    expect(email.to).toEqual(["committed@example.vn"]);
    expect(email.subject).toBe("Biên nhận bài dự thi");
    expect(email.links).toEqual(["http://localhost:3000/signup/verify/token-committed@example.vn"]);
    // The Message-ID comes from the row, so a repeat after a crash would carry the same one.
    const row = await prisma.outbox.findFirstOrThrow();
    expect(email.headers.get("message-id")).toBe(`<${row.id}@localhost>`);

    // Nothing left to do: a second run sends nothing more.
    expect(await deliverDueMail()).toEqual([]);
    expect(listEmlFiles(mailOutboxDir())).toHaveLength(1);
  });

  it("keeps who, what and when of a delivered message, but not its body or links", async () => {
    const { id } = await queueMail(prisma, message("an@example.vn"));
    await deliverDueMail();
    const row = await prisma.outbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ to: "an@example.vn", subject: "Biên nhận bài dự thi", text: "", html: "", links: "[]", attempts: 1, claimedUntil: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.messageId).toBe(`<${id}@localhost>`);
  });

  it("hands each message to the transport exactly once when several workers run at the same time", async () => {
    for (let i = 0; i < 12; i++) await queueMail(prisma, message(`thi-sinh-${i}@example.vn`, `Thư ${i}`));
    const handed: string[] = [];
    const send: typeof transmit = async (mail, options) => {
      handed.push(mail.to);
      return transmit(mail, options);
    };
    const runs = await Promise.all([1, 2, 3, 4].map(() => deliverDueMail({ send })));
    expect(runs.flat().filter((r) => r.outcome === "sent")).toHaveLength(12);
    expect(handed.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `thi-sinh-${i}@example.vn`).sort());
    expect(listEmlFiles(mailOutboxDir())).toHaveLength(12);
    expect(await prisma.outbox.count({ where: { sentAt: null } })).toBe(0);
  });

  it("leaves a message another instance has claimed until its claim runs out", async () => {
    const start = new Date("2026-12-01T08:00:00Z");
    const { id } = await queueMail(prisma, message("claimed@example.vn"));
    await prisma.outbox.update({ where: { id }, data: { nextAttemptAt: start, claimedUntil: new Date(start.getTime() + OUTBOX_LEASE_MS), attempts: 1 } });
    let sends = 0;
    const send: typeof transmit = async (mail, options) => {
      sends++;
      return transmit(mail, options);
    };
    expect(await deliverDueMail({ send, now: () => new Date(start.getTime() + OUTBOX_LEASE_MS - 1) })).toEqual([]);
    expect(sends).toBe(0);
    // That instance died: once the lease is over, this one delivers.
    expect(await deliverDueMail({ send, now: () => new Date(start.getTime() + OUTBOX_LEASE_MS) })).toEqual([{ id, outcome: "sent" }]);
    expect(sends).toBe(1);
    expect((await prisma.outbox.findUniqueOrThrow({ where: { id } })).attempts).toBe(2);
  });

  it("records a failure, waits a growing pause before each retry, and gives up after the last attempt", async () => {
    let clock = new Date("2026-12-01T08:00:00Z").getTime();
    const now = () => new Date(clock);
    const { id } = await queueMail(prisma, message("hong@example.vn"));
    await prisma.outbox.update({ where: { id }, data: { nextAttemptAt: now() } });
    let sends = 0;
    const failing: typeof transmit = async () => {
      sends++;
      throw new Error("421 máy chủ thư bận");
    };
    const { log, lines } = recordingLog();

    expect(await deliverDueMail({ send: failing, now, log })).toEqual([{ id, outcome: "retry" }]);
    let row = await prisma.outbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ attempts: 1, lastError: "421 máy chủ thư bận", claimedUntil: null, sentAt: null, failedAt: null });
    expect(row.nextAttemptAt.getTime()).toBe(clock + OUTBOX_BASE_BACKOFF_MS);
    expect(row.text).toContain("token-hong@example.vn"); // kept for the retry
    expect(lines.at(-1)).toMatchObject({ level: "warn", obj: { outboxId: id, attempts: 1 } });

    // Not before the pause is over.
    clock += OUTBOX_BASE_BACKOFF_MS - 1;
    expect(await deliverDueMail({ send: failing, now, log })).toEqual([]);
    expect(sends).toBe(1);

    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      row = await prisma.outbox.findUniqueOrThrow({ where: { id } });
      clock = row.nextAttemptAt.getTime();
      const [result] = await deliverDueMail({ send: failing, now, log });
      expect(result).toEqual({ id, outcome: attempt === OUTBOX_MAX_ATTEMPTS ? "failed" : "retry" });
      const after = await prisma.outbox.findUniqueOrThrow({ where: { id } });
      if (attempt < OUTBOX_MAX_ATTEMPTS) expect(after.nextAttemptAt.getTime()).toBe(clock + outboxBackoffMs(attempt));
    }
    expect(sends).toBe(OUTBOX_MAX_ATTEMPTS);
    row = await prisma.outbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ attempts: OUTBOX_MAX_ATTEMPTS, sentAt: null, text: "", html: "", links: "[]", lastError: "421 máy chủ thư bận" });
    expect(row.failedAt).toBeInstanceOf(Date);
    expect(lines.at(-1)).toMatchObject({ level: "error", msg: "e-mail given up after the last attempt" });

    // Given up for good: no further attempt, however late.
    clock += 365 * 86_400_000;
    expect(await deliverDueMail({ send: failing, now, log })).toEqual([]);
    expect(sends).toBe(OUTBOX_MAX_ATTEMPTS);
  });

  it("delivers a retried message once the transport works again", async () => {
    let clock = new Date("2026-12-01T08:00:00Z").getTime();
    const now = () => new Date(clock);
    const { id } = await queueMail(prisma, message("lai@example.vn"));
    await prisma.outbox.update({ where: { id }, data: { nextAttemptAt: now() } });
    await deliverDueMail({ now, send: async () => Promise.reject(new Error("ECONNREFUSED")) });
    clock += OUTBOX_BASE_BACKOFF_MS;
    expect(await deliverDueMail({ now })).toEqual([{ id, outcome: "sent" }]);
    expect(await prisma.outbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: 2, lastError: null });
    expect(listEmlFiles(mailOutboxDir())).toHaveLength(1);
  });
});

describe("outboxBackoffMs", () => {
  it("doubles from the base pause and stops at the ceiling", () => {
    expect(outboxBackoffMs(1)).toBe(OUTBOX_BASE_BACKOFF_MS);
    expect(outboxBackoffMs(2)).toBe(2 * OUTBOX_BASE_BACKOFF_MS);
    expect(outboxBackoffMs(4)).toBe(8 * OUTBOX_BASE_BACKOFF_MS);
    expect(outboxBackoffMs(30)).toBe(OUTBOX_MAX_BACKOFF_MS);
  });
});

describe("startOutboxWorker", () => {
  it("delivers at start, is woken by queueMail, and stops after the tick in progress", async () => {
    const { log, lines } = recordingLog();
    // A long interval: only the start and the wake-up can deliver during this test.
    const worker = startOutboxWorker({ intervalMs: 3_600_000, log });
    try {
      await queueMail(prisma, message("danh-thuc@example.vn"));
      await expect.poll(() => listEmlFiles(mailOutboxDir()).length).toBe(1);
      await expect.poll(() => lines).toContainEqual(expect.objectContaining({ level: "info", msg: "e-mail delivered", obj: { sent: 1 } }));
    } finally {
      await worker.stop();
    }
    // Stopped: a message queued now stays in the outbox.
    await queueMail(prisma, message("sau-khi-dung@example.vn"));
    expect(await prisma.outbox.count({ where: { sentAt: null } })).toBe(1);
  });

  it("logs a failed tick and keeps going", async () => {
    const { log, lines } = recordingLog();
    let calls = 0;
    const worker = startOutboxWorker({
      intervalMs: 3_600_000,
      log,
      deliver: async () => {
        calls++;
        if (calls === 1) throw new Error("database unreachable");
        return [];
      },
    });
    try {
      await expect.poll(() => calls).toBe(1);
      await queueMail(prisma, message("tiep-tuc@example.vn"));
      await expect.poll(() => calls).toBe(2);
      expect(lines).toContainEqual(expect.objectContaining({ level: "error", msg: "mail outbox: run failed, trying again at the next tick" }));
    } finally {
      await worker.stop();
    }
  });
});
