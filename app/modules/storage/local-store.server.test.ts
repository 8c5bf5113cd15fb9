import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { env } from "#app/utils/env.server";
import { FileNotFoundError } from "./file-store";
import { LocalDiskStore } from "./local-store.server";
import { FileTooLargeError, spool, sweepTemporary } from "./spool.server";

function freshStore() {
  return new LocalDiskStore(path.join(env().dataDir, `uploads-${crypto.randomBytes(4).toString("hex")}`));
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

const sha256 = (s: string | Uint8Array) => crypto.createHash("sha256").update(s).digest("hex");

/** An endless stream of 64 KiB chunks that counts how much was asked of it. */
function endless() {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const counter = { pulled: 0 };
  const stream = new Readable({
    read() {
      counter.pulled += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, counter, chunk: chunk.length };
}

describe("LocalDiskStore", () => {
  it("stores a file under its SHA-256 and reads it back", async () => {
    const store = freshStore();
    const content = "Bài dự thi: Bảo vệ nền tảng tư tưởng của Đảng.";
    const put = await store.put(Readable.from([Buffer.from(content)]), { maxBytes: 1000 });
    expect(put).toEqual({ key: sha256(content), sha256: sha256(content), size: Buffer.byteLength(content) });
    expect(filesUnder(store.root)).toEqual([path.join(put.key.slice(0, 2), put.key.slice(2, 4), put.key)]);
    expect(await text(await store.open(put.key))).toBe(content);
    expect(await store.exists(put.key)).toBe(true);
  });

  it("stores the same content once, from any kind of stream", async () => {
    const store = freshStore();
    const bytes = new TextEncoder().encode("cùng một nội dung");
    const first = await store.put(Readable.from([bytes]), { maxBytes: 1000 });
    const second = await store.put(new Blob([bytes]).stream(), { maxBytes: 1000 });
    const third = await store.put((async function* () { yield bytes.subarray(0, 3); yield bytes.subarray(3); })(), { maxBytes: 1000 });
    expect(second.key).toBe(first.key);
    expect(third.key).toBe(first.key);
    expect(filesUnder(store.root)).toHaveLength(1);
  });

  it("leaves no temporary file behind, stored or refused", async () => {
    const store = freshStore();
    await store.put(Readable.from([Buffer.from("một")]), { maxBytes: 10 });
    await expect(store.put(Readable.from([Buffer.from("quá dài cho giới hạn")]), { maxBytes: 10 })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(filesUnder(store.temporaryDir)).toEqual([]);
    expect(filesUnder(store.root)).toHaveLength(1);
  });

  it("writes under a temporary name and shows the file under its final name only when whole", async () => {
    const store = freshStore();
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let halfWritten!: () => void;
    const half = new Promise<void>((resolve) => (halfWritten = resolve));
    const put = store.put(
      (async function* () {
        yield new Uint8Array(1000).fill(1);
        halfWritten();
        await paused;
        yield new Uint8Array(1000).fill(2);
      })(),
      { maxBytes: 10_000 },
    );
    await half;
    const during = filesUnder(store.root);
    expect(during).toHaveLength(1);
    expect(during[0]!.startsWith(".incoming")).toBe(true);
    resume();
    const { key } = await put;
    expect(filesUnder(store.root)).toEqual([path.join(key.slice(0, 2), key.slice(2, 4), key)]);
    expect(fs.statSync(store.pathOf(key)).size).toBe(2000);
  });

  it("cuts a stream off at the cap instead of reading it all", async () => {
    const store = freshStore();
    const { stream, counter, chunk } = endless();
    const cap = 1024 * 1024;
    await expect(store.put(stream, { maxBytes: cap })).rejects.toBeInstanceOf(FileTooLargeError);
    // It read at most the cap plus what the stream had buffered ahead, and stopped it.
    expect(counter.pulled).toBeLessThanOrEqual(cap + chunk + stream.readableHighWaterMark);
    expect(stream.destroyed).toBe(true);
    expect(filesUnder(store.root)).toEqual([]);
  });

  it("never turns a key into a path outside its folder", async () => {
    const store = freshStore();
    for (const key of ["../../etc/passwd", "..", "", "A".repeat(64), `${"a".repeat(63)}/`]) {
      expect(await store.exists(key)).toBe(false);
      await expect(store.open(key)).rejects.toBeInstanceOf(FileNotFoundError);
    }
  });

  it("deletes, and a missing key is simply missing", async () => {
    const store = freshStore();
    const put = await store.put(Readable.from([Buffer.from("xoá")]), { maxBytes: 10 });
    await store.delete(put.key);
    expect(await store.exists(put.key)).toBe(false);
    await store.delete(put.key);
    await expect(store.open(put.key)).rejects.toBeInstanceOf(FileNotFoundError);
  });
});

describe("spool", () => {
  it("stops a web stream at the cap and cancels it", async () => {
    let cancelled = false;
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1000;
        controller.enqueue(new Uint8Array(1000));
      },
      cancel() {
        cancelled = true;
      },
    });
    const dir = path.join(env().dataDir, "spool-test");
    await expect(spool(stream, { dir, maxBytes: 5000 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(7000);
    expect(filesUnder(dir)).toEqual([]);
  });

  it("sweeps temporary files a crash left, not those in progress", async () => {
    const dir = path.join(env().dataDir, "sweep-test");
    fs.mkdirSync(dir, { recursive: true });
    const old = path.join(dir, "old.part");
    const fresh = path.join(dir, "fresh.part");
    fs.writeFileSync(old, "x");
    fs.writeFileSync(fresh, "y");
    const past = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(old, past, past);
    expect(await sweepTemporary(dir, 24 * 3600 * 1000)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["fresh.part"]);
  });
});
