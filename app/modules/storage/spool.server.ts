// Receiving bytes from a stream into a temporary file, with a hard cap: the stream is read
// chunk by chunk (never whole in memory), hashed on the way, and cut off as soon as it passes
// the cap. The file is fsynced before anyone may rename it to a final name.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** A stream of bytes: a Node stream, a web ReadableStream (a Request's body) or any async iterable. */
export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

export interface Spooled {
  /** The temporary file; the caller renames or removes it. */
  path: string;
  sha256: string;
  size: number;
}

/** Chunks of either kind of stream; leaving the loop early cancels or destroys the stream. */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!("getReader" in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** A fresh temporary name in dir (created if missing), never chosen by a client. */
export async function temporaryPath(dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  return path.join(dir, `${Date.now()}-${crypto.randomBytes(12).toString("hex")}.part`);
}

/**
 * Writes the stream to a new temporary file in dir, hashing it; past maxBytes it stops
 * reading, removes the file and throws FileTooLargeError.
 */
export async function spool(source: ByteSource, { dir, maxBytes }: { dir: string; maxBytes: number }): Promise<Spooled> {
  const file = await temporaryPath(dir);
  const handle = await fs.open(file, "wx", 0o600);
  const hash = crypto.createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of chunksOf(source)) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new FileTooLargeError(maxBytes);
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return { path: file, sha256: hash.digest("hex"), size };
}

/** Removes temporary files a crash left behind (older than maxAgeMs). */
export async function sweepTemporary(dir: string, maxAgeMs: number): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.endsWith(".part")) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > maxAgeMs) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
