// Files kept by UploadThing, through its server SDK (UTApi of the uploadthing package):
// uploadFiles to put (the SDK signs an upload URL itself and PUTs the file to the ingest
// server), generateSignedURL to read (signed locally, no API request; works for private
// files), deleteFiles to delete. The stream is first received into a temporary file with the
// cap, so the upload is a file-backed Blob streamed from disk, never a buffer of the whole
// file. Files are named by their SHA-256: no entrant's file name leaves the server.
// UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL and UPLOADTHING_UFS_HOST (read by the SDK)
// point it elsewhere, as the contract test does. The SDK (and the Effect runtime under it, some
// 70 MB of the process's memory) is loaded on the first call, never in a server that keeps its
// files on local disk.
import fs from "node:fs/promises";
import { openAsBlob } from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type * as UploadThingSdk from "uploadthing/server";
import { FileNotFoundError, StorageError, type FileStore, type PutOptions, type PutResult } from "./file-store";
import { spool, type ByteSource } from "./spool.server";

/** How long a signed read URL lives: long enough to stream one file. */
const READ_URL_SECONDS = 5 * 60;

const EXTENSIONS: Record<string, string> = {
  "application/pdf": ".pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.oasis.opendocument.text": ".odt",
  "text/plain": ".txt",
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
};

export type UTApiOptions = ConstructorParameters<typeof UploadThingSdk.UTApi>[0];

let sdk: Promise<typeof UploadThingSdk> | undefined;
/** The SDK, loaded once, on first use. */
function uploadthingSdk(): Promise<typeof UploadThingSdk> {
  sdk ??= import("uploadthing/server");
  return sdk;
}

export class UploadThingStore implements FileStore {
  readonly backend = "UPLOADTHING" as const;
  private client: Promise<UploadThingSdk.UTApi> | undefined;

  private constructor(
    private readonly options: UTApiOptions,
    /** Where streams are received before they are sent on. */
    private readonly temporaryDir: string,
  ) {}

  static fromToken(token: string, temporaryDir: string, options: UTApiOptions = {}): UploadThingStore {
    return new UploadThingStore({ logLevel: "Error", ...options, token }, temporaryDir);
  }

  private api(): Promise<UploadThingSdk.UTApi> {
    this.client ??= uploadthingSdk().then(({ UTApi }) => new UTApi(this.options));
    return this.client;
  }

  async put(source: ByteSource, { maxBytes, contentType }: PutOptions): Promise<PutResult> {
    const spooled = await spool(source, { dir: this.temporaryDir, maxBytes });
    try {
      const type = contentType ?? "application/octet-stream";
      const name = spooled.sha256 + (EXTENSIONS[type.split(";")[0]!.trim()] ?? "");
      const blob = await openAsBlob(spooled.path, { type });
      const { UTFile } = await uploadthingSdk();
      const uploaded = await (await this.api()).uploadFiles(new UTFile([blob], name, { type }), { contentDisposition: "attachment" });
      if (uploaded.error) throw new StorageError(`UploadThing refused the upload: ${uploaded.error.code} ${uploaded.error.message}`);
      return { key: uploaded.data.key, sha256: spooled.sha256, size: spooled.size };
    } finally {
      await fs.rm(spooled.path, { force: true });
    }
  }

  private async signedUrl(key: string): Promise<string> {
    const { ufsUrl } = await (await this.api()).generateSignedURL(key, { expiresIn: READ_URL_SECONDS });
    return ufsUrl;
  }

  async open(key: string): Promise<Readable> {
    const response = await fetch(await this.signedUrl(key));
    if (response.status === 404) throw new FileNotFoundError(key);
    if (!response.ok || !response.body) throw new StorageError(`UploadThing answered ${response.status} for ${key}`);
    return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  }

  async exists(key: string): Promise<boolean> {
    const response = await fetch(await this.signedUrl(key), { method: "HEAD" });
    if (response.status === 404) return false;
    if (!response.ok) throw new StorageError(`UploadThing answered ${response.status} for ${key}`);
    return true;
  }

  async delete(key: string): Promise<void> {
    const result = await (await this.api()).deleteFiles(key);
    if (!result.success) throw new StorageError(`UploadThing did not delete ${key}`);
  }
}
