// Reads the e-mails the portal writes as .eml files ($DATA_DIR/mail when SMTP_URL is unset):
// a small MIME reader (headers with encoded words, multipart, quoted-printable, base64,
// any charset TextDecoder knows) and the links in the message. Used by the browser tests
// and by any test that needs to follow an e-mailed link.
import fs from "node:fs";
import path from "node:path";

export interface Email {
  file: string;
  /** Header names in lower case; repeated headers keep the first value. */
  headers: Map<string, string>;
  from: string[];
  to: string[];
  subject: string;
  /** Every text/plain part (not attachments), joined. */
  text: string;
  /** Every text/html part (not attachments), joined. */
  html: string;
  /** Absolute http(s) links from the text and the HTML parts, in order, without duplicates. */
  links: string[];
}

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

const CRLF2 = /\r?\n\r?\n/;

function splitHeaderBlock(raw: Buffer): { head: string; body: Buffer } {
  const latin = raw.toString("latin1");
  const match = CRLF2.exec(latin);
  if (!match) return { head: latin, body: Buffer.alloc(0) };
  return { head: latin.slice(0, match.index), body: raw.subarray(match.index + match[0].length) };
}

function decodeBytes(bytes: Buffer, charset = "utf-8"): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Quoted-printable (RFC 2045 §6.7) to bytes; `underscoreIsSpace` for Q encoded words. */
export function decodeQuotedPrintable(input: string, underscoreIsSpace = false): Buffer {
  const text = input.replace(/[ \t]+(\r?\n)/g, "$1").replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === "_" && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (=?utf-8?B?...?= / =?utf-8?Q?...?=) in a header value. */
export function decodeHeaderValue(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Whitespace between two encoded words is not part of the text.
  const joined = value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, "$1");
  return joined.replace(word, (_all, charset: string, encoding: string, data: string) => {
    const bytes =
      encoding.toUpperCase() === "B" ? Buffer.from(data, "base64") : decodeQuotedPrintable(data, true);
    return decodeBytes(bytes, charset.replace(/\*.*$/, ""));
  });
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // Header bytes are UTF-8 when not encoded words (RFC 6532).
    const value = decodeBytes(Buffer.from(line.slice(colon + 1).trim(), "latin1"));
    if (!headers.has(name)) headers.set(name, decodeHeaderValue(value));
  }
  return headers;
}

/** `text/plain; charset="utf-8"` → { type: "text/plain", params: { charset: "utf-8" } }. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = "text/plain", ...rest] = (value ?? "text/plain").split(";");
  const params: Record<string, string> = {};
  const param = /([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of rest.join(";").matchAll(param)) {
    let v = m[2]!.trim();
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
    params[m[1]!.toLowerCase()] = v;
  }
  return { type: type.trim().toLowerCase(), params };
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  // latin1 keeps one character per byte, so string offsets are byte offsets.
  const latin = body.toString("latin1");
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A delimiter is a line of its own; the line break before it belongs to it.
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?:\\r?\\n|$)`, "g");
  const parts: Buffer[] = [];
  let start = -1;
  for (const m of latin.matchAll(delimiter)) {
    if (start >= 0) parts.push(body.subarray(start, m.index));
    if (m[1]) break;
    start = m.index + m[0].length;
  }
  return parts;
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const latin = part.body.toString("latin1");
  if (encoding === "base64") return Buffer.from(latin.replace(/\s+/g, ""), "base64");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(latin);
  return part.body;
}

function collect(part: Part, out: { text: string[]; html: string[] }) {
  const { type, params } = parseContentType(part.headers.get("content-type"));
  if (type.startsWith("multipart/") && params.boundary) {
    for (const raw of splitMultipart(part.body, params.boundary)) {
      const { head, body } = splitHeaderBlock(raw);
      collect({ headers: parseHeaders(head), body }, out);
    }
    return;
  }
  if (/^\s*attachment/i.test(part.headers.get("content-disposition") ?? "")) return;
  if (type === "text/plain") out.text.push(decodeBytes(decodeBody(part), params.charset));
  else if (type === "text/html") out.html.push(decodeBytes(decodeBody(part), params.charset));
}

function htmlEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The absolute http(s) links in a text and in HTML href attributes, in order, once each. */
export function extractLinks(text: string, html = ""): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'()[\]]+/g)) found.push(m[0].replace(/[.,;:!?]+$/, ""));
  for (const m of html.matchAll(/href\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const href = htmlEntities((m[2] ?? m[3] ?? "").trim());
    if (/^https?:\/\//i.test(href)) found.push(href);
  }
  return [...new Set(found)];
}

function addresses(value: string | undefined): string[] {
  return [...(value ?? "").matchAll(/[^\s<>",;:]+@[^\s<>",;]+/g)].map((m) => m[0].toLowerCase());
}

export function parseEml(raw: Buffer | string, file = ""): Email {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  const { head, body } = splitHeaderBlock(bytes);
  const headers = parseHeaders(head);
  const out = { text: [] as string[], html: [] as string[] };
  collect({ headers, body }, out);
  const text = out.text.join("\n");
  const html = out.html.join("\n");
  return {
    file,
    headers,
    from: addresses(headers.get("from")),
    to: [...addresses(headers.get("to")), ...addresses(headers.get("cc"))],
    subject: headers.get("subject") ?? "",
    text,
    html,
    links: extractLinks(text, html),
  };
}

/** Every .eml file under a folder (recursively), oldest first (by modification time, then name). */
export function listEmlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && d.name.endsWith(".eml"))
    .map((d) => path.join(d.parentPath ?? dir, d.name));
  const stamped = files.map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }));
  stamped.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file));
  return stamped.map((s) => s.file);
}

/** The messages under a folder addressed to `to`, oldest first. */
export function readEmails(dir: string, to: string): Email[] {
  const wanted = to.toLowerCase();
  return listEmlFiles(dir)
    .map((file) => parseEml(fs.readFileSync(file), file))
    .filter((email) => email.to.includes(wanted));
}
