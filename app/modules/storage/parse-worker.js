// The parse worker: untrusted documents are inflated and parsed here, in a worker thread that
// extract.server.ts terminates past its time limit and that has a memory ceiling of its own,
// so a hostile file costs one worker, never the server. It only runs libraries; deciding what
// the results mean is done on the main thread in TypeScript (sniff.ts, pdf-text.ts, odf-text.ts).
//
// Plain JavaScript on purpose: it is handed to worker_threads as source (eval), the same in
// tests, development and the built server, with no build step; the libraries are loaded by
// the absolute paths the main thread resolved (workerData.modules).
//
// Messages in: { id, task, payload }. Out: { id, ok: true, result } or { id, ok: false, code }.
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";
const { parentPort, workerData } = require("node:worker_threads");

const modules = workerData.modules;

class ParseFailure extends Error {
  constructor(code, message, inflated) {
    super(message || code);
    this.code = code;
    this.inflated = inflated;
  }
}

function concat(chunks, length) {
  // Always a fresh buffer: results are transferred, and fflate's chunks may share one.
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Whether the bytes end with a zip's end-of-central-directory record (a file cut short has none). */
function hasEndRecord(bytes) {
  // The record is 22 bytes followed by a comment of at most 65,535.
  const from = Math.max(0, bytes.length - 22 - 65535);
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) return true;
  }
  return false;
}

/**
 * Walks a zip's local headers (of the bytes given, or of the file at path) with fflate's
 * streaming Unzip, feeding it small slices so that
 * one step can never inflate much. Only the entries whose name matches keep (the parts the
 * sniffer and the text readers look at) are inflated, and every byte they inflate is counted:
 * past maxInflatedBytes it stops at once. Other entries (media, embedded objects) are walked
 * past, never inflated, so they cost neither time nor memory and cannot be a bomb; their size
 * in the listing is the one their header declares.
 */
function unzip({ bytes: given, path, maxInflatedBytes, maxEntries, sliceBytes, keep }) {
  const { Unzip, UnzipInflate } = require(modules.fflate);
  // A file on disk (an upload) is read here, so that its bytes never enter the server's thread.
  const bytes = given || require("node:fs").readFileSync(path);
  const keepPattern = new RegExp(keep, "i");
  const entries = [];
  const parts = {};
  const names = new Set();
  let inflated = 0;
  let failure = null;
  const unzipper = new Unzip((file) => {
    if (failure) return;
    if (entries.length >= maxEntries) {
      failure = new ParseFailure("tooComplex", "too many entries");
      return;
    }
    if (names.has(file.name)) {
      // Two entries of one name: readers disagree on which counts, so neither does.
      failure = new ParseFailure("corrupt", "duplicate entry");
      return;
    }
    names.add(file.name);
    const kept = keepPattern.test(file.name);
    if (!kept) {
      // Not inflated: complete once the archive is whole (hasEndRecord below).
      entries.push({ name: file.name, size: file.originalSize ?? 0, complete: true });
      return;
    }
    const entry = { name: file.name, size: 0, complete: false };
    entries.push(entry);
    const chunks = [];
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = new ParseFailure("corrupt", error.message);
        return;
      }
      inflated += data.length;
      entry.size += data.length;
      if (inflated > maxInflatedBytes) {
        failure = new ParseFailure("tooManyInflatedBytes", `more than ${maxInflatedBytes} bytes inflated`, inflated);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) {
        entry.complete = true;
        parts[file.name] = concat(chunks, entry.size);
      }
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += sliceBytes) {
      unzipper.push(bytes.subarray(at, at + sliceBytes), at + sliceBytes >= bytes.length);
    }
  } catch (error) {
    failure ??= new ParseFailure("corrupt", error.message);
  }
  if (failure) throw failure;
  if (!entries.length || entries.some((e) => !e.complete) || !hasEndRecord(bytes)) throw new ParseFailure("corrupt", "incomplete archive");
  return {
    result: { entries: entries.map((e) => ({ name: e.name, size: e.size })), inflated, parts },
    transfer: Object.values(parts).map((p) => p.buffer),
  };
}

/**
 * DOCX text with mammoth, from a zip rebuilt of the parts unzip() inflated and counted (and
 * the main thread checked): mammoth never sees an entry nobody counted.
 */
async function docx({ parts }) {
  const { zipSync } = require(modules.fflate);
  const mammoth = require(modules.mammoth);
  const files = {};
  for (const [name, data] of Object.entries(parts)) files[name] = [data, { level: 0 }];
  const rebuilt = zipSync(files);
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(rebuilt.buffer, rebuilt.byteOffset, rebuilt.byteLength) });
    return { result: { text: value } };
  } catch (error) {
    throw new ParseFailure("corrupt", error.message);
  }
}

/**
 * XML as a flat list of events (open with attributes, text, close), parsed by fast-xml-parser
 * with entity processing off; the DOCTYPE was refused before it got here.
 */
function xml({ bytes }) {
  const { XMLParser, XMLValidator } = require(modules.fastXmlParser);
  let source;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ParseFailure("corrupt", "not UTF-8");
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new ParseFailure("corrupt", valid.err ? valid.err.msg : "invalid XML");
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: "#cdata",
    maxNestedTags: 256,
  });
  let tree;
  try {
    tree = parser.parse(source);
  } catch (error) {
    throw new ParseFailure("corrupt", error.message);
  }
  // Walk without recursion: depth is the file's to choose.
  const events = [];
  const stack = [{ nodes: tree, index: 0, name: null }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      if (frame.name !== null) events.push([">", frame.name]);
      continue;
    }
    const node = frame.nodes[frame.index++];
    for (const key of Object.keys(node)) {
      if (key === ":@") continue;
      if (key === "#text") events.push(["#", String(node[key])]);
      else if (key === "#cdata") {
        // Character data as written; escape it so that entity decoding leaves it unchanged.
        const text = node[key].map((n) => String(n["#text"] ?? "")).join("");
        events.push(["#", text.replace(/&/g, "&amp;")]);
      } else {
        const attrs = {};
        for (const [name, value] of Object.entries(node[":@"] || {})) attrs[name] = String(value);
        events.push(["<", key, attrs]);
        stack.push({ nodes: Array.isArray(node[key]) ? node[key] : [], index: 0, name: key });
      }
    }
  }
  return { result: { events } };
}

/**
 * The text runs of every page, through unpdf's build of pdf.js: no scripting, no eval, no
 * fonts loaded, nothing rendered.
 */
async function pdf({ bytes }) {
  const { getDocumentProxy } = require(modules.unpdf);
  let document;
  try {
    document = await getDocumentProxy(bytes, {
      isEvalSupported: false,
      enableXfa: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      disableAutoFetch: true,
      disableStream: true,
      verbosity: 0,
    });
  } catch (error) {
    if (error && error.name === "PasswordException") throw new ParseFailure("passwordProtected", error.message);
    throw new ParseFailure("corrupt", error && error.message);
  }
  try {
    // Scripts (an open action, named scripts, document actions) never run here, but an essay
    // has no use for them and a reader who opens the original might run them: refused.
    // getJSActions gathers the document's actions, its open action and its named scripts.
    const scripts = [await document.getJSActions()];
    if (scripts.some((found) => found && Object.keys(found).length > 0)) throw new ParseFailure("pdfScript", "the PDF holds JavaScript");
  } catch (error) {
    await document.destroy();
    throw error instanceof ParseFailure ? error : new ParseFailure("corrupt", error && error.message);
  }
  try {
    const pages = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .filter((item) => typeof item.str === "string")
          .map((item) => ({
            str: item.str,
            x: item.transform[4],
            y: item.transform[5],
            width: item.width,
            height: item.height,
            hasEOL: Boolean(item.hasEOL),
          })),
      );
      page.cleanup();
    }
    return { result: { pages } };
  } catch (error) {
    throw new ParseFailure("corrupt", error && error.message);
  } finally {
    await document.destroy();
  }
}

const tasks = { unzip, docx, xml, pdf };

parentPort.on("message", async ({ id, task, payload }) => {
  try {
    const run = tasks[task];
    if (!run) throw new ParseFailure("corrupt", `unknown task ${task}`);
    const { result, transfer } = await run(payload);
    parentPort.postMessage({ id, ok: true, result }, transfer || []);
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      code: error instanceof ParseFailure ? error.code : "corrupt",
      message: String(error && error.message),
      inflated: error instanceof ParseFailure ? error.inflated : undefined,
    });
  }
});
