// Reading a form with a file from a Remix action's multipart request, as a stream: Remix's
// unstable_parseMultipartFormData with an upload handler of our own. The file field goes to
// a temporary file with the cap applied while it streams (past the cap the rest is read and
// dropped, so the other fields still arrive and the form can say what was wrong); text fields
// are kept in memory with small limits; any other file is dropped unread. The temporary file
// is removed when the handler given to withUploadForm is done, whatever happens.
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
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { megabytes } from "./files.schema";
import { FileTooLargeError, spool } from "./spool.server";
import { uploadsDir } from "./store.server";
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

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of data) {
    // read and dropped
  }
}

/**
 * Reads the request's form, passes it to `handle`, and removes the received file after it.
 * Not multipart, a text field over its limit or too many fields: 400.
 */
export async function withUploadForm<T>(
  request: Request,
  { maxBytes, field = FILE_FIELD, fieldBytes = {} }: UploadFormOptions,
  handle: (form: UploadForm) => Promise<T>,
): Promise<T> {
  let file: FilePart = { status: "missing" };
  let fieldCount = 0;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (++fieldCount > MAX_FIELDS) badRequest();
    if (filename !== undefined) {
      // An input left empty sends a part with no name: no file was chosen.
      if (name !== field || file.status !== "missing" || filename === "") {
        await drain(data);
        return undefined;
      }
      // Leaving the loop early would stop the multipart parser mid-part: the cap is applied
      // by a source that stops yielding at the cap, and the rest is drained here.
      const iterator = data[Symbol.asyncIterator]();
      let over = false;
      const capped: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => ({
          next: () => (over ? Promise.resolve({ done: true, value: undefined }) : iterator.next()),
          return: async () => {
            over = true;
            return { done: true, value: undefined };
          },
        }),
      };
      try {
        const spooled = await spool(capped, { dir: path.join(uploadsDir(), ".incoming"), maxBytes });
        file = { status: "received", received: { ...spooled, originalName: filename, declaredType: contentType } };
      } catch (e) {
        if (!(e instanceof FileTooLargeError)) throw e;
        file = { status: "tooLarge" };
      }
      await drain({ [Symbol.asyncIterator]: () => iterator });
      return undefined;
    }
    let size = 0;
    const limit = Object.hasOwn(fieldBytes, name) ? fieldBytes[name]! : MAX_FIELD_BYTES;
    const chunks: Uint8Array[] = [];
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) badRequest();
      chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };

  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(request, handler);
  } catch (e) {
    await removeReceived(file);
    if (e instanceof Response) throw e;
    badRequest();
  }
  try {
    return await handle({ fields, file });
  } finally {
    await removeReceived(file);
  }
}

async function removeReceived(file: FilePart): Promise<void> {
  if (file.status === "received") await fs.rm(file.received.path, { force: true });
}
