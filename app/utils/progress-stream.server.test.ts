import { describe, expect, it, vi } from "vitest";
import { ndjsonMessages } from "#app/components/progress-stream";
import { progressResponse } from "./progress-stream.server";

describe("progressResponse", () => {
  it("sends each progress line while the work is still going, then the outcome", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const response = progressResponse<{ written: number }, { status: number }>(async (report) => {
      report({ written: 1 });
      await gate;
      report({ written: 2 });
      return { status: 200 };
    });
    expect(response.headers.get("Content-Type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toContain("no-transform");
    const messages = ndjsonMessages(response.body!);
    // The first line arrives although the work waits for the gate.
    expect((await messages.next()).value).toEqual({ type: "progress", written: 1 });
    release();
    const rest = [];
    for await (const m of messages) rest.push(m);
    expect(rest).toEqual([
      { type: "progress", written: 2 },
      { type: "done", status: 200 },
    ]);
  });

  it("ends with an error line, saying nothing of the error, when the work throws", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = progressResponse(async () => {
        throw new Error("bí mật nội bộ");
      });
      const text = await response.text();
      expect(text).toBe('{"type":"error"}\n');
      expect(quiet).toHaveBeenCalledTimes(1);
    } finally {
      quiet.mockRestore();
    }
  });
});
