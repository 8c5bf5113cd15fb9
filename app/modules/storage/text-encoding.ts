// Deciding whether bytes are text, and in which encoding: UTF-8 (with or without a BOM),
// UTF-16 with a BOM, or a legacy single-byte encoding. Vietnamese files written on older
// Windows are windows-1258 (base letters precomposed, tone marks as combining characters),
// which chardet does not know: it reports a Latin-1 relative, so windows-1258 is always tried
// too and wins when it yields Vietnamese letters the other reading does not.
// Pure: bytes in, text out.
import chardet from "chardet";
import iconv from "iconv-lite";

export interface DecodedText {
  text: string;
  /** The encoding, as a charset name for a Content-Type header. */
  encoding: string;
}

/** How much of a file chardet looks at (it is linear, but the start is representative). */
const DETECTION_SAMPLE = 256 * 1024;
/** The share of control characters (other than tab, line and page breaks) a text may have. */
const MAX_CONTROL_SHARE = 0.001;

// Letters only Vietnamese uses (outside Latin-1): ă â ê ô ơ ư đ with every tone, and the
// toned vowels Latin-1 lacks. A reading full of them is Vietnamese; Latin-1 readings have none.
const VIETNAMESE_LETTERS: ReadonlySet<string> = (() => {
  const letters = new Set<string>(["đ", "Đ"]);
  for (const base of "aăâeêioôơuưy") {
    for (const tone of ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]) {
      const lower = (base + tone).normalize("NFC");
      for (const letter of [lower, lower.toUpperCase()]) {
        if (letter.length === 1 && letter.codePointAt(0)! > 0xff) letters.add(letter);
      }
    }
  }
  return letters;
})();

// C0 controls except tab, line feed, vertical tab, form feed and carriage return; DEL; C1
// controls; and U+FFFD (bytes the encoding has no character for).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/gu;
const STRAY_MARK = /[\u0300-\u036F]/gu;

function count(text: string, pattern: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}

function vietnameseScore(text: string): number {
  let letters = 0;
  for (const ch of text) if (VIETNAMESE_LETTERS.has(ch)) letters++;
  return letters - 4 * count(text, STRAY_MARK) - 4 * count(text, CONTROL);
}

function decodeFatal(bytes: Uint8Array, label: "utf-8" | "utf-16le" | "utf-16be"): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function legacy(bytes: Uint8Array): DecodedText {
  const sample = bytes.subarray(0, DETECTION_SAMPLE);
  const proposed = chardet
    .analyse(sample)
    .map((m) => m.name)
    .filter((name) => !/^(UTF|ASCII)/i.test(name) && iconv.encodingExists(name));
  const candidates = [...new Set([...proposed.slice(0, 1), "windows-1258", "windows-1252"])];
  let best: DecodedText | null = null;
  let bestScore = -Infinity;
  for (const encoding of candidates) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding).normalize("NFC");
    const score = vietnameseScore(text);
    // Ties keep the earlier candidate: chardet's proposal first.
    if (score > bestScore) {
      best = { text, encoding: encoding.toLowerCase() };
      bestScore = score;
    }
  }
  return best!;
}

/** Whether decoded text reads as text: no NUL, hardly any control characters. */
function looksLikeText(text: string): boolean {
  if (text.includes("\u0000")) return false;
  return count(text, CONTROL) <= text.length * MAX_CONTROL_SHARE;
}

/**
 * The bytes as text (NFC, line breaks as they were), or null when they are not text: a NUL
 * byte outside UTF-16, or more than a trace of control characters.
 */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  let decoded: DecodedText | null = null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeFatal(bytes.subarray(3), "utf-8");
    decoded = text === null ? null : { text, encoding: "utf-8" };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = decodeFatal(bytes.subarray(2), "utf-16le");
    decoded = text === null ? null : { text, encoding: "utf-16le" };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = decodeFatal(bytes.subarray(2), "utf-16be");
    decoded = text === null ? null : { text, encoding: "utf-16be" };
  } else if (bytes.includes(0)) {
    return null;
  } else {
    const text = decodeFatal(bytes, "utf-8");
    decoded = text === null ? legacy(bytes) : { text, encoding: "utf-8" };
  }
  if (!decoded) return null;
  const text = decoded.text.normalize("NFC");
  return looksLikeText(text) ? { text, encoding: decoded.encoding } : null;
}
