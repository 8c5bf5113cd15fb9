// Reading a form with a file from a Remix action's multipart request, as a stream, with busboy
// (decision 0025; it finds boundaries with a native search, not a scan in JS per byte). The file
// field goes to a temporary file with the cap applied while it streams (past the cap busboy
// drops the rest, so the other fields still arrive and the form can say what was wrong); text
// fields are kept in memory with small limits; any other file is dropped unread. The temporary
// file is removed when the handler given to withUploadForm is done, whatever happens. At most a
// few forms are read and stored at once (upload-gate.server.ts); the rest wait, then get 503.
//
//   export async function action({ request, params }: ActionFunctionArgs) {
//     const user = await requireUser(request);            // who asks, and policy, first
//     const contest = await requireEntrantContest(…);
//     return withUploadForm(request, { maxBytes: contest.maxFileBytes }, async ({ fields, file }) => {
//       const submission = parseWithZod(fields, { schema });
//       …
//       const stored = await storeUpload({ source: file.received, originalName: file.received.originalName, … });
//     });
//   }
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import busboy from "busboy";
import { megabytes } from "./files.schema";
import { chunksOf, spool } from "./spool.server";
import { uploadsDir } from "./store.server";
import { uploadGate, type UploadGate } from "./upload-gate.server";
import type { ReceivedFile } from "./upload.server";
/** The name of the form's file input, unless told otherwise. */
export const FILE_FIELD = "file";
/** The most bytes one text field may hold. */
export const MAX_FIELD_BYTES = 64 * 1024;
/** The most fields a form may have. */
export const MAX_FIELDS = 200;

export type FilePart =
  | { status: "received"; received: ReceivedFile }
  /** The file passed maxBytes; nothing of it was kept. */
  | { status: "tooLarge" }
  /** No file was chosen. */
  | { status: "missing" };

export interface UploadForm {
  /** The text fields, for parseWithZod. */
  fields: FormData;
  file: FilePart;
}

export interface UploadFormOptions {
  maxBytes: number;
  field?: string;
  /** Text fields allowed more than MAX_FIELD_BYTES (an essay written in the browser), by name. */
  fieldBytes?: Readonly<Record<string, number>>;
  /** Admission control; the process's gate unless told otherwise (tests). */
  gate?: UploadGate;
}
/**
 * The error to show on the file field when no file arrived: none chosen, or too large (its
 * bytes were dropped while they streamed). Null when a file was received.
 */
export function filePartError(file: FilePart, maxBytes: number): string | null {
  if (file.status === "missing") return "files:errors.noFile";
  if (file.status === "tooLarge") return `files:errors.tooLarge|${JSON.stringify({ mb: megabytes(maxBytes) })}`;
  return null;
}

function badRequest(): never {
  throw new Response("Bad Request", { status: 400 });
}

class BadForm extends Error {}

/**
 * Reads the request's form, passes it to `handle`, and removes the received file after it.
 * Not multipart (or no boundary), a body cut short, a text field over its limit or too many
 * parts: 400. Not admitted in time (too many uploads at once): 503 with Retry-After.
 */
export async function withUploadForm<T>(
  request: Request,
  { maxBytes, field = FILE_FIELD, fieldBytes = {}, gate = uploadGate }: UploadFormOptions,
  handle: (form: UploadForm) => Promise<T>,
): Promise<T> {
  return gate.run(async () => {
    let form: UploadForm;
    try {
      form = await readForm(request, { maxBytes, field, fieldBytes });
    } catch (e) {
      if (e instanceof Response) throw e;
      badRequest();
    }
    try {
      return await handle(form);
    } finally {
      await removeReceived(form.file);
    }
  });
}

/** The form's fields and file; on any error nothing stays on disk. */
async function readForm(
  request: Request,
  { maxBytes, field, fieldBytes }: { maxBytes: number; field: string; fieldBytes: Readonly<Record<string, number>> },
): Promise<UploadForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) throw new BadForm("not multipart");
  const largestField = Math.max(MAX_FIELD_BYTES, ...Object.values(fieldBytes));
  // Throws on a missing boundary.
  const parser = busboy({
    headers: { "content-type": contentType },
    defParamCharset: "utf8",
    // busboy marks a file truncated when it reaches fileSize, so one byte more tells "too large"
    // from "exactly at the cap"; past it busboy drops the rest of the part unread.
    limits: { fileSize: maxBytes + 1, fieldSize: largestField + 1, parts: MAX_FIELDS },
  });

  const fields = new FormData();
  let file: FilePart = { status: "missing" };
  let spooling: Promise<void> | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    parser.destroy(failure);
  };

  parser.on("field", (name, value, info) => {
    const limit = Object.hasOwn(fieldBytes, name) ? fieldBytes[name]! : MAX_FIELD_BYTES;
    if (info.valueTruncated || info.nameTruncated || Buffer.byteLength(value) > limit) fail(new BadForm("field too long"));
    else fields.append(name, value);
  });
  parser.on("file", (name, stream, info) => {
    // An input left empty sends a part with no name: no file was chosen.
    if (name !== field || spooling || !info.filename) {
      stream.resume();
      return;
    }
    const filename = info.filename;
    spooling = spool(stream, { dir: path.join(uploadsDir(), ".incoming"), maxBytes: maxBytes + 1 }).then(
      async (spooled) => {
        if (spooled.size > maxBytes) {
          await fs.rm(spooled.path, { force: true });
          file = { status: "tooLarge" };
        } else {
          file = { status: "received", received: { ...spooled, originalName: filename, declaredType: info.mimeType } };
        }
      },
      (error: unknown) => {
        fail(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
  parser.on("partsLimit", () => fail(new BadForm("too many parts")));

  const finished = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  // The body, with backpressure: a web stream read chunk by chunk into the parser.
  Readable.from(chunksOf(request.body)).on("error", fail).pipe(parser);

  try {
    await finished;
  } catch (e) {
    failure ??= e instanceof Error ? e : new Error(String(e));
  }
  // The spool settles (written and fsynced, or removed) before anyone looks at the file.
  await spooling;
  if (failure) {
    await removeReceived(file);
    throw failure;
  }
  return { fields, file };
}

async function removeReceived(file: FilePart): Promise<void> {
  if (file.status === "received") await fs.rm(file.received.path, { force: true });
}
