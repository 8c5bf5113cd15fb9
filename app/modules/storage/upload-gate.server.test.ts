import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN } from "#tests/factories/requests";
import { createUploadGate } from "./upload-gate.server";
import { withUploadForm } from "./multipart.server";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function status(p: Promise<unknown>): Promise<{ status: number; retryAfter: string | null } | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    return { status: e.status, retryAfter: e.headers.get("Retry-After") };
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createUploadGate", () => {
  it("runs at most `active` at once, the rest in the order they came", async () => {
    const gate = createUploadGate({ active: 2, queued: 10, waitMs: 60_000 });
    const order: number[] = [];
    const holds = [deferred(), deferred(), deferred(), deferred()];
    const runs = holds.map((h, i) =>
      gate.run(async () => {
        order.push(i);
        await h.promise;
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([0, 1]);
    expect(gate.activeCount).toBe(2);
    expect(gate.queuedCount).toBe(2);
    holds[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(order).toEqual([0, 1, 2]);
    holds[0]!.resolve();
    holds[2]!.resolve();
    holds[3]!.resolve();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(gate.activeCount).toBe(0);
    expect(gate.queuedCount).toBe(0);
  });

  it("refuses with 503 and Retry-After at once when the queue is full, without running the work", async () => {
    const gate = createUploadGate({ active: 1, queued: 1, waitMs: 60_000 });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    const second = gate.run(async () => "second");
    let ran = false;
    const third = await status(
      gate.run(async () => {
        ran = true;
      }),
    );
    expect(third).toEqual({ status: 503, retryAfter: expect.stringMatching(/^[1-9]\d*$/) });
    expect(ran).toBe(false);
    hold.resolve();
    await first;
    expect(await second).toBe("second");
  });

  it("refuses with 503 a request that waited past waitMs, and gives its place to no one twice", async () => {
    vi.useFakeTimers();
    const gate = createUploadGate({ active: 1, queued: 5, waitMs: 1000 });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    let ran = false;
    const waiting = status(
      gate.run(async () => {
        ran = true;
      }),
    );
    await vi.advanceTimersByTimeAsync(1001);
    expect(await waiting).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    expect(ran).toBe(false);
    expect(gate.queuedCount).toBe(0);
    hold.resolve();
    await first;
    expect(gate.activeCount).toBe(0);
    expect(await gate.run(async () => "after")).toBe("after");
  });

  it("frees the slot when the work throws", async () => {
    const gate = createUploadGate({ active: 1, queued: 0, waitMs: 1000 });
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("is what withUploadForm waits on: a full gate answers 503 before the body is read", async () => {
    const gate = createUploadGate({ active: 1, queued: 0, waitMs: 1000 });
    const hold = deferred();
    const busy = gate.run(() => hold.promise);
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true;
      },
    }, { highWaterMark: 0 });
    const request = new Request(`${ORIGIN}/nop-bai`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body,
      duplex: "half",
    } as RequestInit);
    const answer = await status(withUploadForm(request, { maxBytes: 1000, gate }, async () => "handled"));
    expect(answer).toMatchObject({ status: 503 });
    expect(pulled).toBe(false);
    hold.resolve();
    await busy;
  });
});
