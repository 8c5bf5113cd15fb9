// A PDF has no paragraphs, only positioned runs of text. This rebuilds them from the runs
// pdf.js reports (through unpdf, in the parse worker): lines end where pdf.js says or where
// the baseline moves; a paragraph ends at a blank line, at a gap wider than the page's usual
// line spacing, before an indented first line, or after a short line closing a sentence.
// Lone page numbers at the top or bottom of a page are dropped, as a word processor does not
// count them. Pure.
import { joinParagraphs } from "./text";

export interface PdfTextItem {
  str: string;
  /** Baseline origin, in points from the page's bottom left. */
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  x: number;
  y: number;
  right: number;
  height: number;
}

const SENTENCE_END = /[.!?:;…"”»)]$/u;
const PAGE_NUMBER = /^(?:trang|page|-)?\s*\d{1,4}(?:\s*(?:\/|of|trên)\s*\d{1,4})?\s*-?$/iu;

function linesOf(items: readonly PdfTextItem[]): (Line | null)[] {
  const lines: (Line | null)[] = [];
  let current: PdfTextItem[] = [];
  const flush = () => {
    const text = current.map((i) => i.str).join("").replace(/\s+/gu, " ").trim();
    if (!text) {
      // An empty line is a paragraph break; keep one marker for several.
      if (current.length && lines.length && lines[lines.length - 1] !== null) lines.push(null);
    } else {
      const visible = current.filter((i) => i.str.trim());
      lines.push({
        text,
        x: visible[0]!.x,
        y: visible[0]!.y,
        right: Math.max(...visible.map((i) => i.x + i.width)),
        height: Math.max(...visible.map((i) => i.height), 1),
      });
    }
    current = [];
  };
  for (const item of items) {
    const last = current.findLast((i) => i.str.trim());
    if (last && item.str.trim() && Math.abs(item.y - last.y) > Math.max(last.height, item.height, 1) * 0.5) flush();
    current.push(item);
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function pageLines(items: readonly PdfTextItem[]): (Line | null)[] {
  const found = linesOf(items);
  const texts = found.filter((l): l is Line => l !== null);
  // Page numbers in the header or footer.
  const pageNumbers = new Set(
    texts.length > 1 ? [texts[0]!, texts.at(-1)!].filter((l) => PAGE_NUMBER.test(l.text)) : [],
  );
  return found.filter((l) => !(l && pageNumbers.has(l)));
}

/** The usual distance between consecutive baselines in the document. */
function usualGapOf(pages: readonly (Line | null)[][]): number {
  const gaps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1];
      const b = lines[i];
      if (a && b && a.y - b.y > 0) gaps.push(a.y - b.y);
    }
  }
  return median(gaps);
}

function pageParagraphs(lines: readonly (Line | null)[], usualGap: number): { paragraphs: string[][]; firstIndented: boolean } {
  const all = lines.filter((l): l is Line => l !== null);
  if (!all.length) return { paragraphs: [], firstIndented: false };
  const left = Math.min(...all.map((l) => l.x));
  const right = Math.max(...all.map((l) => l.right));
  const paragraphs: string[][] = [];
  let paragraph: string[] = [];
  let previous: Line | null = null;
  let breakPending = false;
  for (const line of lines) {
    if (line === null) {
      breakPending = true;
      continue;
    }
    if (previous) {
      const gap = previous.y - line.y;
      // A first line set in from the line before it (a block quote keeps its own margin).
      const indented = line.x > previous.x + line.height * 0.8;
      const shortEnd = previous.right < right - line.height * 3 && SENTENCE_END.test(previous.text);
      const wide = gap <= 0 || (usualGap > 0 && gap > usualGap * 1.3 + 0.5);
      if (breakPending || wide || indented || shortEnd) {
        paragraphs.push(paragraph);
        paragraph = [];
      }
    }
    paragraph.push(line.text);
    previous = line;
    breakPending = false;
  }
  if (paragraph.length) paragraphs.push(paragraph);
  return { paragraphs, firstIndented: all[0]!.x > left + all[0]!.height * 0.8 };
}

/** The text of a PDF's pages, in the canonical shape (see text.ts). */
export function pdfPagesToText(pages: readonly (readonly PdfTextItem[])[]): string {
  const lines = pages.map(pageLines);
  const usualGap = usualGapOf(lines);
  const paragraphs: string[][] = [];
  for (const pageLineList of lines) {
    const page = pageParagraphs(pageLineList, usualGap);
    if (!page.paragraphs.length) continue;
    const carry = paragraphs.at(-1);
    // A paragraph runs on to the next page unless the page ended a sentence.
    const lastOfDocument = carry?.at(-1);
    if (carry && lastOfDocument && !SENTENCE_END.test(lastOfDocument) && !page.firstIndented) {
      carry.push(...page.paragraphs[0]!);
      paragraphs.push(...page.paragraphs.slice(1));
    } else {
      paragraphs.push(...page.paragraphs);
    }
  }
  return joinParagraphs(paragraphs.map((lines) => lines.join(" ")));
}
