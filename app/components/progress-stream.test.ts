import { describe, expect, it } from "vitest";
import { ndjsonMessages } from "./progress-stream";

/** A body delivered in exactly these chunks of bytes. */
function chunked(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function all(body: ReadableStream<Uint8Array>) {
  const out = [];
  for await (const message of ndjsonMessages(body)) out.push(message);
  return out;
}

describe("ndjsonMessages", () => {
  it("reads each line once whatever the chunks, a character split between chunks included, and a last line without its newline", async () => {
    const lines = [{ type: "progress", stage: "checking" }, { type: "progress", written: 250, total: 3000 }, { type: "done", note: "Đã nhập phiếu chấm" }];
    const bytes = new TextEncoder().encode(`${JSON.stringify(lines[0])}\n\n${JSON.stringify(lines[1])}\n${JSON.stringify(lines[2])}`);
    // Cut everywhere, one byte at a time: "Đ" and "ậ" are two and three bytes long.
    expect(await all(chunked([...bytes].map((b) => Uint8Array.of(b))))).toEqual(lines);
    expect(await all(chunked([bytes]))).toEqual(lines);
  });

  it("throws on a body that is not JSON lines (a plain 404 answer)", async () => {
    await expect(all(chunked([new TextEncoder().encode("Not Found")]))).rejects.toThrow();
  });
});
