// Word counts for contest limits, counted as a word processor counts them (DOMAIN.md, "Entries"):
// whitespace-separated tokens. Vietnamese syllables are written apart, so "bảo vệ" is two words,
// exactly as Word and LibreOffice report it. The one place this number is computed.

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/u).length;
}

/** JavaScript's \s: the characters that separate words. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Calls `visit(start, end)` for each whitespace-separated token of `text`, in order: the words
 * countWords counts. A plain scan rather than a regular expression: originality checks run it
 * over millions of words.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (start >= 0) visit(start, i);
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) visit(start, text.length);
}

/** The same words as countWords, with where they are: [start, end) offsets of each token in `text`. */
export function wordSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  forEachWord(text, (start, end) => spans.push([start, end]));
  return spans;
}
