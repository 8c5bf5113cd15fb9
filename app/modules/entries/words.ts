// Word counts for contest limits, counted as a word processor counts them (DOMAIN.md, "Entries"):
// whitespace-separated tokens. Vietnamese syllables are written apart, so "bảo vệ" is two words,
// exactly as Word and LibreOffice report it. The one place this number is computed.

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/u).length;
}
