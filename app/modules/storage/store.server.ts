// Where uploaded files live, behind one interface: local disk under DATA_DIR/uploads by
// default, UploadThing when UPLOADTHING_TOKEN is set. The choice is made here and only here.
// New files go to fileStore(); an existing StoredFile is read from the store of its backend
// (storeFor), so files kept on disk stay readable after a switch to UploadThing.
import path from "node:path";
import { z } from "zod";
import type { StorageBackend } from "#app/generated/sqlite/enums";
import { ConfigError, env } from "#app/utils/env.server";
import { LocalDiskStore } from "./local-store.server";
import { FileNotFoundError, StorageError, type FileStore, type PutOptions, type PutResult } from "./file-store";
import type { ByteSource } from "./spool.server";
import { UploadThingStore } from "./uploadthing-store.server";

export type { ByteSource, FileStore, PutOptions, PutResult };
export { FileNotFoundError, StorageError };

/** What an UploadThing token holds (base64 JSON), checked before the first request. */
const tokenSchema = z.object({ apiKey: z.string().min(1), appId: z.string().min(1), regions: z.array(z.string()).min(1) });

export function parseUploadThingToken(token: string): z.infer<typeof tokenSchema> {
  try {
    return tokenSchema.parse(JSON.parse(Buffer.from(token, "base64").toString("utf8")));
  } catch {
    throw new ConfigError(
      "UPLOADTHING_TOKEN is not a valid UploadThing token: copy it from the API Keys page of the UploadThing dashboard " +
        "(base64 of {apiKey, appId, regions}).",
    );
  }
}

export function uploadsDir(): string {
  return path.join(env().dataDir, "uploads");
}

const stores: Partial<Record<StorageBackend, FileStore>> = {};

/** The store of a backend (UPLOADTHING needs UPLOADTHING_TOKEN). */
export function storeFor(backend: StorageBackend): FileStore {
  const existing = stores[backend];
  if (existing) return existing;
  let store: FileStore;
  if (backend === "LOCAL") {
    store = new LocalDiskStore(uploadsDir());
  } else {
    const token = env().uploadthingToken;
    if (!token) throw new ConfigError("A file is stored with UploadThing but UPLOADTHING_TOKEN is not set.");
    parseUploadThingToken(token);
    store = UploadThingStore.fromToken(token, path.join(uploadsDir(), ".incoming"));
  }
  stores[backend] = store;
  return store;
}

/** The store new files go to: UploadThing when UPLOADTHING_TOKEN is set, else local disk. */
export function fileStore(): FileStore {
  return storeFor(env().uploadthingToken ? "UPLOADTHING" : "LOCAL");
}
