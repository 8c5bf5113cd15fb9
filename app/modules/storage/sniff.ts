// What a file is, decided by its content alone: magic bytes, and for zip containers the parts
// inside (a bare "PK" says nothing about whether Word or LibreOffice wrote it). Names and
// declared types are compared with the result elsewhere (upload.server.ts), never trusted.
// Pure: bytes and the container's listing in, a kind out.
import { decodeText, type DecodedText } from "./text-encoding";

export const MIME_TYPES = {
  PDF: "application/pdf",
  DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ODT: "application/vnd.oasis.opendocument.text",
  PNG: "image/png",
  JPEG: "image/jpeg",
  WEBP: "image/webp",
} as const;

/** The content type [Content_Types].xml gives a DOCX's main part (not .docm, not .dotx). */
export const DOCX_MAIN_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
export const DOCX_MAIN_PART = "word/document.xml";
export const CONTENT_TYPES_PART = "[Content_Types].xml";
export const ODT_MIMETYPE_PART = "mimetype";
export const ODT_CONTENT_PART = "content.xml";
/** Parts the sniffer reads are small; anything bigger is not what Word or LibreOffice write. */
export const MAX_SNIFFED_PART_BYTES = 1024 * 1024;

/** A zip archive as its local headers list it, in order, with the parts that were kept. */
export interface ZipListing {
  entries: { name: string; size: number }[];
  /** Inflated content of kept parts, by name. */
  parts: Record<string, Uint8Array>;
}

export type Sniffed =
  | { kind: "PDF" | "DOCX" | "ODT" | "IMAGE"; mimeType: string }
  | { kind: "TXT"; mimeType: string; decoded: DecodedText };

export type SniffRefusal =
  /** No bytes at all. */
  | "empty"
  /** Not one of the kinds the portal knows. */
  | "unknown"
  /** A Word 97–2003 file or a password-protected Office file (both are OLE compound files). */
  | "legacyOffice"
  /** Starts like a known kind but is cut short or broken. */
  | "corrupt";

export type SniffResult = { ok: true; sniffed: Sniffed } | { ok: false; reason: SniffRefusal };

const ascii = new TextEncoder();

function startsWith(bytes: Uint8Array, prefix: readonly number[] | string, at = 0): boolean {
  const p = typeof prefix === "string" ? ascii.encode(prefix) : prefix;
  if (bytes.length < at + p.length) return false;
  for (let i = 0; i < p.length; i++) if (bytes[at + i] !== p[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: string, from = 0): number {
  const n = ascii.encode(needle);
  outer: for (let i = Math.max(0, from); i <= bytes.length - n.length; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

/** Whether the bytes are a zip archive, which needs its listing before it can be sniffed. */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1]!, m[2] ?? m[3] ?? "");
  }
  return out;
}

function isDocx(zip: ZipListing): boolean {
  const names = new Set(zip.entries.map((e) => e.name));
  const types = zip.parts[CONTENT_TYPES_PART];
  if (!names.has(DOCX_MAIN_PART) || !types || types.length > MAX_SNIFFED_PART_BYTES) return false;
  const xml = utf8.decode(types);
  for (const m of xml.matchAll(/<Override\b[^>]*>/g)) {
    const attrs = attributes(m[0]);
    // OPC part names compare case-insensitively.
    if (
      attrs.get("PartName")?.toLowerCase() === `/${DOCX_MAIN_PART}` &&
      attrs.get("ContentType")?.trim() === DOCX_MAIN_CONTENT_TYPE
    ) {
      return true;
    }
  }
  return false;
}

function isOdt(zip: ZipListing): boolean {
  const first = zip.entries[0];
  const mimetype = zip.parts[ODT_MIMETYPE_PART];
  if (first?.name !== ODT_MIMETYPE_PART || !mimetype || mimetype.length > 200) return false;
  return (
    utf8.decode(mimetype).trim() === MIME_TYPES.ODT && zip.entries.some((e) => e.name === ODT_CONTENT_PART)
  );
}

function sniffZip(zip: ZipListing): SniffResult {
  if (isOdt(zip)) return { ok: true, sniffed: { kind: "ODT", mimeType: MIME_TYPES.ODT } };
  if (isDocx(zip)) return { ok: true, sniffed: { kind: "DOCX", mimeType: MIME_TYPES.DOCX } };
  return { ok: false, reason: "unknown" };
}

function sniffPdf(bytes: Uint8Array): SniffResult {
  // A complete PDF ends with %%EOF within its last 1024 bytes (what Acrobat requires);
  // an upload cut short does not.
  if (!/^%PDF-[12]\.\d/.test(String.fromCharCode(...bytes.subarray(0, 8)))) return { ok: false, reason: "corrupt" };
  if (indexOf(bytes, "%%EOF", bytes.length - 1024) < 0) return { ok: false, reason: "corrupt" };
  return { ok: true, sniffed: { kind: "PDF", mimeType: MIME_TYPES.PDF } };
}

function sniffImage(bytes: Uint8Array): SniffResult | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // The IHDR chunk comes first and is 13 bytes long.
    return startsWith(bytes, "IHDR", 12) && bytes.length >= 33
      ? { ok: true, sniffed: { kind: "IMAGE", mimeType: MIME_TYPES.PNG } }
      : { ok: false, reason: "corrupt" };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return bytes.length >= 4 ? { ok: true, sniffed: { kind: "IMAGE", mimeType: MIME_TYPES.JPEG } } : { ok: false, reason: "corrupt" };
  }
  if (startsWith(bytes, "RIFF") && startsWith(bytes, "WEBP", 8)) {
    const declared = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0;
    const chunk = ["VP8 ", "VP8L", "VP8X"].some((c) => startsWith(bytes, c, 12));
    return chunk && declared + 8 <= bytes.length
      ? { ok: true, sniffed: { kind: "IMAGE", mimeType: MIME_TYPES.WEBP } }
      : { ok: false, reason: "corrupt" };
  }
  return null;
}

/**
 * The kind of a file from its bytes; a zip archive also needs its listing (see isZip).
 * SVG and other markup are text here, never images.
 */
export function sniff(bytes: Uint8Array, zip?: ZipListing): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (startsWith(bytes, "%PDF-")) return sniffPdf(bytes);
  if (isZip(bytes)) {
    if (!zip) throw new Error("sniff: a zip archive needs its listing");
    return sniffZip(zip);
  }
  const image = sniffImage(bytes);
  if (image) return image;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { ok: false, reason: "legacyOffice" };
  // Rich Text is markup a word processor reads, not plain text.
  if (startsWith(bytes, "{\\rtf")) return { ok: false, reason: "unknown" };
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: "unknown" };
  return { ok: true, sniffed: { kind: "TXT", mimeType: `text/plain; charset=${decoded.encoding}`, decoded } };
}

