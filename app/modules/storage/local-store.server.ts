// Files on local disk, content-addressed: the key is the SHA-256 of the bytes, the path is
// derived from it (uploads/ab/cd/abcd…), so no client ever names a path and the same content
// is stored once. A file is written to a temporary name beside its final place, fsynced, then
// renamed (atomic on one filesystem) and its folder fsynced: a crash leaves either nothing or
// a whole file under a final name, and at worst a temporary file that the next start sweeps.
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { spool, sweepTemporary, type ByteSource } from "./spool.server";
import { FileNotFoundError, type FileStore, type PutOptions, type PutResult } from "./file-store";

const KEY = /^[0-9a-f]{64}$/;
/** Temporary files older than this are left from a crash, not from an upload in progress. */
const STALE_TEMPORARY_MS = 24 * 60 * 60 * 1000;

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class LocalDiskStore implements FileStore {
  readonly backend = "LOCAL" as const;
  /** Temporary files, on the same filesystem as the final ones so that rename is atomic. */
  readonly temporaryDir: string;
  private swept = false;

  constructor(readonly root: string) {
    this.temporaryDir = path.join(root, ".incoming");
  }

  /** Where the file of a key is; a key that is not a SHA-256 is refused, never joined to a path. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new FileNotFoundError(key);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(source: ByteSource, { maxBytes }: PutOptions): Promise<PutResult> {
    if (!this.swept) {
      this.swept = true;
      await sweepTemporary(this.temporaryDir, STALE_TEMPORARY_MS);
    }
    const spooled = await spool(source, { dir: this.temporaryDir, maxBytes });
    const final = this.pathOf(spooled.sha256);
    try {
      await fs.mkdir(path.dirname(final), { recursive: true });
      if (await this.exists(spooled.sha256)) {
        // The same content is already stored: keep the one copy.
        await fs.rm(spooled.path, { force: true });
      } else {
        await fs.rename(spooled.path, final);
        await syncDirectory(path.dirname(final));
      }
    } catch (error) {
      await fs.rm(spooled.path, { force: true });
      throw error;
    }
    return { key: spooled.sha256, sha256: spooled.sha256, size: spooled.size };
  }

  async open(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    if (!(await this.exists(key))) throw new FileNotFoundError(key);
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }
}
