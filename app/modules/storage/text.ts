// The one shape of extracted text, whatever the file was: paragraphs separated by one blank
// line, a line break inside a paragraph as a single "\n", Unicode NFC, no trailing spaces.
// The judges' reading view, masking, search and similarity all read this shape; the word
// count is countWords over it (app/modules/entries/words.ts). Pure.

/** Splits canonical text into its paragraphs. */
export function paragraphsOf(text: string): string[] {
  return text === "" ? [] : text.split("\n\n");
}

/** Any text (Windows or old Mac line breaks, blank lines, stray spaces) in the canonical shape. */
export function normalizeText(raw: string): string {
  const lines = raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    // A page break (form feed) ends a paragraph; a soft hyphen is invisible.
    .replace(/\f/g, "\n\n")
    .replace(/\u00AD/g, "")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00A0]+$/u, "").replace(/^[ \t\u00A0]+/u, ""));
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/** Paragraphs (each may hold line breaks) in the canonical shape; empty ones are dropped. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return normalizeText(paragraphs.map((p) => normalizeText(p)).filter(Boolean).join("\n\n"));
}
