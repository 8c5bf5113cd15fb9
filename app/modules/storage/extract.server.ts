// Reading an uploaded file's content: what it is (sniff.ts) and its text, in the canonical
// shape (text.ts) with its word count. Parsers never run on the server's own thread: zips are
// inflated and PDF, DOCX and ODT parsed in a worker (parse-worker.js) with a time limit, a
// memory ceiling and a cap on inflated bytes; XML parts with a DOCTYPE are refused before any
// parser sees them, so no entity (internal or external) is ever expanded.
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { countWords } from "#app/modules/entries/words";
import { odfText, type XmlEvent } from "./odf-text";
import workerSource from "./parse-worker.js?raw";
import { pdfPagesToText, type PdfTextItem } from "./pdf-text";
import {
  CONTENT_TYPES_PART,
  DOCX_MAIN_PART,
  ODT_CONTENT_PART,
  isZip,
  sniff,
  type SniffRefusal,
  type Sniffed,
  type ZipListing,
} from "./sniff";
import { normalizeText } from "./text";

/** The most bytes a DOCX or ODT may inflate to, all entries together (a zip bomb stops here). */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** The most entries a DOCX or ODT may hold. */
export const MAX_ZIP_ENTRIES = 5000;
/** How long reading one file may take, in the worker, before it is stopped. */
export const PARSE_TIME_LIMIT_MS = 30_000;
/** The worker's heap ceiling. */
export const PARSE_MEMORY_LIMIT_MB = 512;
/** Files read at the same time; others wait their turn (the deadline surge). */
export const PARALLEL_PARSES = Math.max(1, Math.min(4, os.availableParallelism() - 1));
/** Parses one worker serves before it is replaced (bounds what a library may leak or cache). */
export const PARSES_PER_WORKER = 50;
/** Files whose bytes are in memory for reading at once (readFileAt): the parses plus one ready. */
export const READ_AHEAD = PARALLEL_PARSES + 1;
/** Compressed bytes fed to the inflater per step, which bounds what one step can inflate. */
export const UNZIP_SLICE_BYTES = 4096;
/** Zip entries inflated (and counted) and kept: what the sniffer and the text readers look at; others are never inflated (decision 0028). */
const KEPT_PARTS = String.raw`^(?:mimetype|.*\.xml|.*\.rels)$`;

export type ReadFailure = SniffRefusal | "tooManyInflatedBytes" | "tooComplex" | "passwordProtected" | "pdfScript" | "parseTimeout";

export interface ExtractedText {
  /** Paragraphs separated by a blank line (text.ts). */
  text: string;
  /** As a word processor counts (entries/words.ts). */
  wordCount: number;
}

export type ReadResult<R> =
  | { ok: true; sniffed: Sniffed; text: ExtractedText | null }
  | { ok: false; reason: ReadFailure }
  | { ok: false; refused: R };

export interface ReadOptions<R> {
  /** Looks at what the content is before any text is extracted; a value refuses the file. */
  vet?: (sniffed: Sniffed) => R | null;
  timeLimitMs?: number;
  maxInflatedBytes?: number;
}

class ParseError extends Error {
  constructor(
    readonly reason: ReadFailure,
    /** For tooManyInflatedBytes: how far inflating got before it stopped. */
    readonly inflatedBytes?: number,
  ) {
    super(reason);
  }
}

// ───────────────────────────── the worker ─────────────────────────────

const resolve = createRequire(import.meta.url).resolve;
let modulePaths: Record<string, string> | undefined;
function workerModules(): Record<string, string> {
  modulePaths ??= {
    fflate: resolve("fflate"),
    mammoth: resolve("mammoth"),
    fastXmlParser: resolve("fast-xml-parser"),
    unpdf: resolve("unpdf"),
  };
  return modulePaths;
}

/** At most `limit` holders at once; the others wait in order. */
class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

const parseTurns = new Turns(PARALLEL_PARSES);
const readTurns = new Turns(READ_AHEAD);

/**
 * Workers that finished a file cleanly wait here for the next one (starting a worker and loading
 * the parsers costs far more than most parses). A worker that failed, timed out or ran out of
 * memory is terminated, never reused; each serves at most PARSES_PER_WORKER files.
 */
interface IdleWorker {
  worker: Worker;
  served: number;
}
const idle: IdleWorker[] = [];

function startWorker(): Worker {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { modules: workerModules() },
    resourceLimits: { maxOldGenerationSizeMb: PARSE_MEMORY_LIMIT_MB, maxYoungGenerationSizeMb: 64 },
    stdout: true,
    stderr: true,
  });
  // pdf.js and mammoth warn about odd files on the console; that is not our log.
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

function park(entry: IdleWorker): void {
  const { worker } = entry;
  worker.removeAllListeners("message");
  worker.removeAllListeners("error");
  worker.removeAllListeners("exit");
  const drop = () => {
    const at = idle.indexOf(entry);
    if (at >= 0) idle.splice(at, 1);
  };
  worker.once("exit", drop);
  worker.on("error", drop);
  // An idle worker does not keep the process alive.
  worker.unref();
  idle.push(entry);
}

/** The number of parse workers waiting for a file (for tests). */
export function idleParseWorkers(): number {
  return idle.length;
}

/** One worker for the reading of one file, taken on first use, given back or stopped when done. */
class ParseSession {
  private worker: Promise<Worker> | null = null;
  private live: Worker | null = null;
  private served = 0;
  /** A call was refused in the worker: a file that is bad in some way; its worker is not reused. */
  private refused = false;
  private holdsTurn = false;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: ParseError) => void }>();
  private timer: NodeJS.Timeout | undefined;
  private failure: ParseError | null = null;

  constructor(private readonly timeLimitMs: number) {}

  private async start(): Promise<Worker> {
    await parseTurns.acquire();
    this.holdsTurn = true;
    const reused = idle.shift();
    const worker = reused?.worker ?? startWorker();
    this.served = reused?.served ?? 0;
    if (reused) {
      worker.removeAllListeners("exit");
      worker.removeAllListeners("error");
      worker.ref();
    }
    this.live = worker;
    worker.on("message", (message: { id: number; ok: boolean; result?: unknown; code?: ReadFailure; inflated?: number }) => {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) {
        call.resolve(message.result);
        return;
      }
      this.refused = true;
      call.reject(new ParseError(message.code ?? "corrupt", message.inflated));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      this.fail(new ParseError(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "tooComplex" : "corrupt"));
    });
    worker.on("exit", () => this.fail(new ParseError("corrupt")));
    // The clock starts once the worker has its turn: waiting in line is not parsing.
    this.timer = setTimeout(() => this.fail(new ParseError("parseTimeout")), this.timeLimitMs);
    return worker;
  }

  private fail(error: ParseError): void {
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
    void this.close();
  }

  async call<T>(task: string, payload: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    this.worker ??= this.start();
    const worker = await this.worker;
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, task, payload }, transfer);
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    const worker = this.live;
    this.live = null;
    if (worker) {
      // Reused only after a clean finish: nothing failed and no call is still running in it.
      if (!this.failure && !this.refused && this.pending.size === 0 && this.served + 1 < PARSES_PER_WORKER) {
        park({ worker, served: this.served + 1 });
      } else {
        worker.removeAllListeners("exit");
        await worker.terminate();
      }
    }
    if (this.holdsTurn) {
      this.holdsTurn = false;
      parseTurns.release();
    }
  }
}

// ───────────────────────────── reading ─────────────────────────────

const DOCTYPE = /<!(?:DOCTYPE|ENTITY)/i;

/** XML parts as Word and LibreOffice write them: UTF-8, no DTD (OPC forbids one outright). */
function checkXmlParts(parts: Record<string, Uint8Array>): void {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const data of Object.values(parts)) {
    let text: string;
    try {
      text = decoder.decode(data);
    } catch {
      throw new ParseError("corrupt");
    }
    if (DOCTYPE.test(text)) throw new ParseError("corrupt");
  }
}

/**
 * The bytes to transfer to the worker: the caller's own bytes when it hands them over (`owned`,
 * a buffer of exactly these bytes; they are unusable here afterwards), else a copy.
 */
function forWorker(bytes: Uint8Array, owned: boolean): Uint8Array {
  return owned && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** A file's bytes: in memory (`owned`: they may be handed to the worker), or a file on disk the worker reads itself. */
type Source = { bytes: Uint8Array; owned: boolean } | { path: string };

async function listZip(session: ParseSession, source: Source, maxInflatedBytes: number): Promise<ZipListing> {
  const limits = { maxInflatedBytes, maxEntries: MAX_ZIP_ENTRIES, sliceBytes: UNZIP_SLICE_BYTES, keep: KEPT_PARTS };
  if ("path" in source) return session.call<ZipListing>("unzip", { path: source.path, ...limits });
  const data = forWorker(source.bytes, source.owned);
  return session.call<ZipListing>("unzip", { bytes: data, ...limits }, [data.buffer as ArrayBuffer]);
}

/**
 * A zip's entries as its local headers list them, inflating the kept parts (KEPT_PARTS) and
 * stopping as soon as their total passes maxInflatedBytes (then inflatedBytes tells how far it got).
 */
export async function inspectZip(
  bytes: Uint8Array,
  options: { maxInflatedBytes?: number; timeLimitMs?: number } = {},
): Promise<{ ok: true; listing: ZipListing } | { ok: false; reason: ReadFailure; inflatedBytes?: number }> {
  const session = new ParseSession(options.timeLimitMs ?? PARSE_TIME_LIMIT_MS);
  try {
    return { ok: true, listing: await listZip(session, { bytes, owned: false }, options.maxInflatedBytes ?? MAX_INFLATED_BYTES) };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: error.reason, inflatedBytes: error.inflatedBytes };
    throw error;
  } finally {
    await session.close();
  }
}

async function extract(session: ParseSession, bytes: Uint8Array, sniffed: Sniffed, zip: ZipListing | undefined, owned: boolean): Promise<string | null> {
  switch (sniffed.kind) {
    case "TXT":
      return normalizeText(sniffed.decoded.text);
    case "IMAGE":
      return null;
    case "PDF": {
      const data = forWorker(bytes, owned);
      const { pages } = await session.call<{ pages: PdfTextItem[][] }>("pdf", { bytes: data }, [data.buffer as ArrayBuffer]);
      return pdfPagesToText(pages);
    }
    case "DOCX": {
      // Only the XML parts; media and embedded objects are neither needed nor handed on.
      const parts = Object.fromEntries(Object.entries(zip!.parts).filter(([name]) => name !== "mimetype"));
      if (!parts[DOCX_MAIN_PART] || !parts[CONTENT_TYPES_PART]) throw new ParseError("corrupt");
      checkXmlParts(parts);
      const { text } = await session.call<{ text: string }>(
        "docx",
        { parts },
        Object.values(parts).map((p) => p.buffer as ArrayBuffer),
      );
      return normalizeText(text);
    }
    case "ODT": {
      const content = zip!.parts[ODT_CONTENT_PART];
      if (!content) throw new ParseError("corrupt");
      checkXmlParts({ [ODT_CONTENT_PART]: content });
      const { events } = await session.call<{ events: XmlEvent[] }>("xml", { bytes: content }, [content.buffer as ArrayBuffer]);
      return odfText(events);
    }
  }
}

/** The first bytes of a file on disk (fewer if it is shorter). */
async function headOf(file: string, length: number): Promise<Uint8Array> {
  const handle = await fs.open(file, "r");
  try {
    const head = new Uint8Array(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * readFile for a file on disk. A zip (DOCX, ODT) is read by the parse worker itself, so its
 * bytes never enter this thread; other files are loaded only once few enough others are in
 * memory (READ_AHEAD): under a surge, the files waiting for a parser wait on disk, not in memory.
 */
export async function readFileAt<R = never>(file: string, options: ReadOptions<R> = {}): Promise<ReadResult<R>> {
  await readTurns.acquire();
  try {
    const head = await headOf(file, 4);
    // Loaded here, the bytes are this call's own: handed to the worker, not copied.
    return await read(isZip(head) ? { path: file } : { bytes: await fs.readFile(file), owned: true }, head, options);
  } finally {
    readTurns.release();
  }
}

/**
 * What the bytes are and their text. A file that is not one of the known kinds, is broken,
 * inflates beyond the limit or takes too long is refused with the reason; `vet` may refuse it
 * too, once its kind is known and before any text is extracted.
 */
export async function readFile<R = never>(bytes: Uint8Array, options: ReadOptions<R> = {}): Promise<ReadResult<R>> {
  return read({ bytes, owned: false }, new Uint8Array(bytes.subarray(0, 4)), options);
}

/**
 * readFile of a source whose first 4 bytes are `head`. A zip is sniffed by its signature and its
 * listing alone (sniff.ts), so its bytes are needed only in the worker; other files, here.
 */
async function read<R>(source: Source, head: Uint8Array, options: ReadOptions<R>): Promise<ReadResult<R>> {
  const session = new ParseSession(options.timeLimitMs ?? PARSE_TIME_LIMIT_MS);
  try {
    const zip = isZip(head) ? await listZip(session, source, options.maxInflatedBytes ?? MAX_INFLATED_BYTES) : undefined;
    // Not a zip: the bytes are in memory (readFileAt hands over a path only for a zip).
    const bytes = zip ? head : (source as Extract<Source, { bytes: Uint8Array }>).bytes;
    const sniffedResult = sniff(bytes, zip);
    if (!sniffedResult.ok) return { ok: false, reason: sniffedResult.reason };
    const { sniffed } = sniffedResult;
    const refused = options.vet?.(sniffed) ?? null;
    if (refused !== null) return { ok: false, refused };
    const text = await extract(session, bytes, sniffed, zip, "owned" in source && source.owned);
    return { ok: true, sniffed, text: text === null ? null : { text, wordCount: countWords(text) } };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: error.reason };
    throw error;
  } finally {
    await session.close();
  }
}
