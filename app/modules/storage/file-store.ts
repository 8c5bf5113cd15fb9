// The one interface of a file store (store.server.ts chooses the implementation).
import type { Readable } from "node:stream";
import type { StorageBackend } from "#app/generated/sqlite/enums";
import type { ByteSource } from "./spool.server";

export interface PutOptions {
  /** The stream is cut off, and nothing kept, past this many bytes (FileTooLargeError). */
  maxBytes: number;
  /** The media type decided from the content, for stores that keep one. */
  contentType?: string;
}

export interface PutResult {
  /** The store's key: derived by the server (content address or the service's key), never by a client. */
  key: string;
  sha256: string;
  size: number;
}

export interface FileStore {
  readonly backend: StorageBackend;
  put(source: ByteSource, options: PutOptions): Promise<PutResult>;
  /** The file's bytes; FileNotFoundError when the key has no file. */
  open(key: string): Promise<Readable>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored file for key ${key}`);
  }
}

export class StorageError extends Error {}

