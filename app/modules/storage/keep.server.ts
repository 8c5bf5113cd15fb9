// Keeping a received upload past the request handler (storage/multipart withUploadForm removes
// it when the handler returns): for work that goes on while its answer streams. The file moves
// to a temporary name of its own; `release` removes it.
import path from "node:path";
import fs from "node:fs/promises";
import { temporaryPath } from "./spool.server";

export async function keepReceived(received: { path: string }): Promise<{ path: string; release: () => Promise<void> }> {
  const kept = await temporaryPath(path.dirname(received.path));
  await fs.rename(received.path, kept);
  return { path: kept, release: () => fs.rm(kept, { force: true }) };
}
