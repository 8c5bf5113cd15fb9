// The one entry point for storing an upload: receive the stream with a hard cap, decide the
// kind by content, refuse a spoofed or disallowed kind, read the text, then store the bytes
// and record the StoredFile row. A refusal leaves nothing behind: the bytes only ever reach a
// temporary file until every check has passed, so no row and no stored file exist for it (a
// content-addressed file an earlier upload stored stays, untouched).
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { StoredFile } from "#app/generated/sqlite/client";
import type filesVi from "#app/locales/vi/files";
import { databaseKind, prisma, type Tx } from "#app/utils/db.server";
import { MAX_INFLATED_BYTES, readFileAt, type ExtractedText, type ReadFailure } from "./extract.server";
import { FileNotFoundError, StorageError, type FileStore } from "./file-store";
import { KIND_LABELS, claimedKinds, megabytes, type FileKind } from "./files.schema";
import type { Sniffed } from "./sniff";
import { FileTooLargeError, spool, type ByteSource, type Spooled } from "./spool.server";
import { fileStore, storeFor, uploadsDir } from "./store.server";

export type { ExtractedText };

/** Bytes already received into a temporary file by readUploadForm (multipart.server.ts). */
export interface ReceivedFile extends Spooled {
  originalName: string;
  declaredType: string;
}

export interface StoreUploadInput {
  /** A stream, read and cut off at maxBytes; or a file readUploadForm received. */
  source: ByteSource | ReceivedFile;
  /** The name the browser sent (kept for the entrant and secretary; compared, never trusted). */
  originalName: string;
  /** The media type the browser declared (compared, never trusted). */
  declaredType?: string | null;
  allowed: readonly FileKind[];
  maxBytes: number;
  uploadedById: string | null;
  /**
   * Runs in the transaction that records the file, e.g. the entry version and its audit
   * record, with the file's text (null for an image). If it throws, no row is kept, nor the bytes (unless another row holds them).
   */
  attach?: (tx: Tx, file: StoredFile, text: ExtractedText | null) => Promise<void>;
  /** Where the bytes go; the store the environment chooses by default. */
  store?: FileStore;
}

export type StoreUploadResult =
  | { ok: true; file: StoredFile; text: ExtractedText | null }
  /** A translation key of the files namespace, with parameters as "key|{json}". */
  | { ok: false; error: string };

const NAME_MAX = 255;

/** The name to keep: its last path segment, NFC, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = base.normalize("NFC").replace(/[\u0000-\u001F\u007F-\u009F]/g, "").trim();
  return [...clean].slice(0, NAME_MAX).join("");
}

/** A message of the files namespace (the type keeps it to keys that exist). */
type FileErrorKey = keyof (typeof filesVi)["errors"];

function error(key: FileErrorKey, params?: Record<string, unknown>): { ok: false; error: string } {
  return { ok: false, error: params ? `files:errors.${key}|${JSON.stringify(params)}` : `files:errors.${key}` };
}

function labels(kinds: readonly FileKind[]): string {
  return [...new Set(kinds.map((k) => KIND_LABELS[k]))].join(", ");
}

function readFailure(reason: ReadFailure, claimed: boolean, allowed: readonly FileKind[]) {
  switch (reason) {
    case "empty":
      return error("empty");
    case "unknown":
      // Named like a kind we know but nothing like it inside: a broken (or fake) file.
      return claimed ? error("corrupt") : error("wrongType", { allowed: labels(allowed) });
    case "tooManyInflatedBytes":
      return error("tooManyInflatedBytes", { mb: megabytes(MAX_INFLATED_BYTES) });
    default:
      return error(reason);
  }
}

function isReceived(source: StoreUploadInput["source"]): source is ReceivedFile {
  return typeof (source as ReceivedFile).path === "string" && typeof (source as ReceivedFile).sha256 === "string";
}

/** Stores an upload after every check, or says why not; see the module comment. */
export async function storeUpload(input: StoreUploadInput): Promise<StoreUploadResult> {
  const store = input.store ?? fileStore();
  const originalName = cleanFileName(input.originalName);
  let received: Spooled;
  const ownsTemporary = !isReceived(input.source);
  if (isReceived(input.source)) {
    received = input.source;
  } else {
    try {
      received = await spool(input.source, { dir: path.join(uploadsDir(), ".incoming"), maxBytes: input.maxBytes });
    } catch (e) {
      if (e instanceof FileTooLargeError) return error("tooLarge", { mb: megabytes(input.maxBytes) });
      throw e;
    }
  }
  try {
    if (received.size > input.maxBytes) return error("tooLarge", { mb: megabytes(input.maxBytes) });
    if (received.size === 0) return error("empty");
    const { byName, byType } = claimedKinds(originalName, input.declaredType);
    const vet = (sniffed: Sniffed) => {
      for (const claimed of [byName, byType]) {
        if (claimed.length && !claimed.includes(sniffed.kind)) {
          return error("spoofedType", { claimed: labels(claimed), actual: KIND_LABELS[sniffed.kind] });
        }
      }
      if (!input.allowed.includes(sniffed.kind)) return error("wrongType", { allowed: labels(input.allowed) });
      return null;
    };
    const read = await readFileAt(received.path, { vet });
    if (!read.ok) return "refused" in read ? read.refused : readFailure(read.reason, byName.length + byType.length > 0, input.allowed);

    const file = await keep(store, received, read.sniffed, read.text, originalName, input);
    return file ? { ok: true, file, text: read.text } : error("storageUnavailable");
  } finally {
    if (ownsTemporary) await fs.rm(received.path, { force: true });
  }
}

/**
 * Serialises the writers of one stored content's rows and bytes for the rest of the transaction:
 * recording a row for a key and removing the key's bytes when its last row goes. PostgreSQL: a
 * transaction-scoped advisory lock on the key. SQLite: a no-op write, which takes the database's
 * write lock (one writer at a time), as lockContest does.
 */
export async function lockStorageKey(tx: Tx, backend: StoredFile["backend"], storageKey: string): Promise<void> {
  if (databaseKind() === "postgresql") {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`${backend}:${storageKey}`}, 0))) AS l`;
  } else {
    await tx.$executeRaw`UPDATE "StoredFile" SET "size" = "size" WHERE "backend" = ${backend} AND "storageKey" = ${storageKey}`;
  }
}

class StoreUnavailable extends Error {}

/**
 * Stores the checked bytes (once per content) and records this upload's own row with the
 * caller's attachment, in one transaction.
 *
 * Rows and bytes: every upload gets a row of its own (its name, its uploader); rows of the same
 * content share the bytes. The invariant is that the bytes of a key that has a committed row
 * are never removed: removal (releaseStorageKey) decides under lockStorageKey that no row is
 * left, and the row is recorded under the same lock after making sure the bytes are there.
 */
async function keep(
  store: FileStore,
  received: Spooled,
  sniffed: Sniffed,
  text: ExtractedText | null,
  originalName: string,
  input: StoreUploadInput,
): Promise<StoredFile | null> {
  const put = async () => {
    try {
      return (await store.put(createReadStream(received.path), { maxBytes: input.maxBytes, contentType: sniffed.mimeType })).key;
    } catch (e) {
      if (e instanceof StorageError || e instanceof FileNotFoundError) throw new StoreUnavailable();
      throw e;
    }
  };
  // The same content stored before: reuse its bytes (nothing sent twice), unless they are gone.
  const earlier = await prisma.storedFile.findFirst({
    where: { backend: store.backend, sha256: received.sha256 },
    orderBy: { createdAt: "asc" },
    select: { storageKey: true },
  });
  let key: string | null = null;
  try {
    key = earlier && (await store.exists(earlier.storageKey).catch(() => false)) ? earlier.storageKey : await put();
    return await prisma.$transaction(async (tx) => {
      await lockStorageKey(tx, store.backend, key!);
      // No row holds the key: its bytes may have been removed since they were checked or put.
      const held = await tx.storedFile.count({ where: { backend: store.backend, storageKey: key! } });
      if (held === 0 && !(await store.exists(key!).catch(() => false))) {
        key = await put();
        await lockStorageKey(tx, store.backend, key);
      }
      const file = await tx.storedFile.create({
        data: {
          backend: store.backend,
          storageKey: key!,
          sha256: received.sha256,
          size: received.size,
          kind: sniffed.kind,
          mimeType: sniffed.mimeType,
          originalName,
          uploadedById: input.uploadedById,
        },
      });
      await input.attach?.(tx, file, text);
      return file;
    });
  } catch (e) {
    // Nothing recorded: do not keep bytes no row points to.
    if (key) await releaseStorageKey(store, key).catch(() => {});
    if (e instanceof StoreUnavailable) return null;
    throw e;
  }
}

/** Removes a key's bytes when no row points to them any more (see keep). */
export async function releaseStorageKey(store: FileStore, storageKey: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await lockStorageKey(tx, store.backend, storageKey);
    if ((await tx.storedFile.count({ where: { backend: store.backend, storageKey } })) > 0) return false;
    await store.delete(storageKey);
    return true;
  });
}

/**
 * Deletes a stored file's row when nothing refers to it any more (no entry version, no contest
 * banner), then its bytes when no other row shares them. For a replaced or removed banner; call it
 * after the transaction that stopped referring to the file. False when the row is still in use.
 */
export async function discardStoredFile(fileId: string): Promise<boolean> {
  const row = await prisma.storedFile.findUnique({ where: { id: fileId }, select: { backend: true, storageKey: true } });
  if (!row) return false;
  const store = storeFor(row.backend);
  return prisma.$transaction(async (tx) => {
    await lockStorageKey(tx, row.backend, row.storageKey);
    const removed = await tx.storedFile.deleteMany({ where: { id: fileId, versions: { none: {} }, banners: { none: {} } } });
    if (removed.count === 0) return false;
    if ((await tx.storedFile.count({ where: { backend: row.backend, storageKey: row.storageKey } })) === 0) {
      await store.delete(row.storageKey);
    }
    return true;
  });
}

/** The bytes of a stored file, from the store of its backend. */
export async function openStoredFile(file: Pick<StoredFile, "backend" | "storageKey">) {
  return storeFor(file.backend).open(file.storageKey);
}
