// A small page writer over pdf-lib for the results documents: A4 pages (portrait or landscape),
// the Be Vietnam Pro font embedded as a subset (the built-in PDF fonts cannot encode Vietnamese),
// wrapped paragraphs, tables whose header repeats on every page, side-by-side blocks (the national
// heading, signatures) and "Page n of N" footers. Pure: the caller passes the font files and the
// instant the document is dated; the same input gives the same bytes.
// pdf-lib and fontkit (some 50 MB of a process's memory) are loaded when the first document is
// written, never in a server that writes none.
import type { PDFDocument, PDFFont, PDFPage, rgb } from "pdf-lib";

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

export type FontStyle = "regular" | "bold" | "italic";
export type Align = "left" | "center" | "right";

export const A4_PORTRAIT: [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

export interface TextStyle {
  size?: number;
  style?: FontStyle;
  align?: Align;
  color?: [number, number, number];
  /** Space after, in points (default: a third of the line height). */
  after?: number;
}

export interface Column {
  header: string;
  /** Relative width; the table fills the text width. */
  width: number;
  align?: Align;
}

export interface TableRow {
  cells: string[];
  style?: FontStyle;
  /** Draws a rule above the row (a new group of rows starts). */
  ruleAbove?: boolean;
}

export interface Block {
  lines: { text: string; style?: FontStyle; size?: number }[];
  align?: Align;
}

export interface WriterOptions {
  size: [number, number];
  margin?: number;
  title: string;
  subject?: string;
  language: string;
  /** The instant the document is dated (its metadata dates). */
  date: Date;
  /** "Page {{n}} of {{total}}" in the reader's language; no footer when absent. */
  pageLabel?: (n: number, total: number) => string;
}

const LINE = 1.3;
const CELL_PAD = 3;

/** The text as pdf-lib must draw it: composed (NFC), one line, no control characters. */
export function clean(text: string): string {
  return text.normalize("NFC").replace(/\p{Cc}+/gu, " ");
}

export class PdfWriter {
  readonly doc: PDFDocument;
  readonly fonts: Record<FontStyle, PDFFont>;
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  page!: PDFPage;
  /** The baseline cursor: the top of the next line, in points from the page's bottom. */
  y = 0;

  private constructor(
    doc: PDFDocument,
    fonts: Record<FontStyle, PDFFont>,
    private readonly options: WriterOptions,
    private readonly rgbColor: typeof rgb,
  ) {
    this.doc = doc;
    this.fonts = fonts;
    [this.width, this.height] = options.size;
    this.margin = options.margin ?? 50;
    this.addPage();
  }

  static async create(files: FontFiles, options: WriterOptions): Promise<PdfWriter> {
    const [{ PDFDocument, rgb }, { default: fontkit }] = await Promise.all([import("pdf-lib"), import("@pdf-lib/fontkit")]);
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    const [regular, bold, italic] = await Promise.all([
      doc.embedFont(files.regular, { subset: true }),
      doc.embedFont(files.bold, { subset: true }),
      doc.embedFont(files.italic, { subset: true }),
    ]);
    doc.setTitle(clean(options.title), { showInWindowTitleBar: true });
    if (options.subject) doc.setSubject(clean(options.subject));
    doc.setLanguage(options.language);
    doc.setCreator("Essay Contest Portal");
    doc.setProducer("pdf-lib");
    doc.setCreationDate(options.date);
    doc.setModificationDate(options.date);
    return new PdfWriter(doc, { regular, bold, italic }, options, rgb);
  }

  get textWidth(): number {
    return this.width - 2 * this.margin;
  }

  addPage(): void {
    this.page = this.doc.addPage(this.options.size);
    this.y = this.height - this.margin;
  }

  /** Starts a new page when fewer than `height` points are left above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < this.margin + 14) this.addPage();
  }

  /** Widths at size 1, by face and text: shaping a string with fontkit is the costly part of a page. */
  private readonly widths = new Map<string, number>();

  widthOf(text: string, style: FontStyle, size: number): number {
    const key = `${style}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.fonts[style].widthOfTextAtSize(clean(text), 1);
      this.widths.set(key, width);
    }
    return width * size;
  }

  /**
   * The text broken into lines no wider than `width` (words longer than a line are cut). A line's
   * width is summed from its words' and spaces' widths, then measured whole once (kerning).
   */
  wrap(text: string, style: FontStyle, size: number, width: number): string[] {
    const lines: string[] = [];
    const space = this.widthOf(" ", style, size);
    for (const paragraph of text.normalize("NFC").split(/\r?\n/u)) {
      const words = paragraph.split(/\s+/u).filter(Boolean);
      if (words.length === 0) {
        lines.push("");
        continue;
      }
      let line: string[] = [];
      let lineWidth = 0;
      const emit = () => {
        // The summed width can miss kerning across words: carry words down while the whole line is too wide.
        const carried: string[] = [];
        while (line.length > 1 && this.widthOf(line.join(" "), style, size) > width) carried.unshift(line.pop()!);
        lines.push(line.join(" "));
        line = carried;
        lineWidth = carried.length ? this.widthOf(carried.join(" "), style, size) : 0;
      };
      for (const word of words) {
        let rest = word;
        // A word wider than the box is cut; each full piece is a line of its own.
        while (rest.length > 1 && this.widthOf(rest, style, size) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && this.widthOf(rest.slice(0, cut), style, size) > width) cut--;
          while (line.length) emit();
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        const restWidth = this.widthOf(rest, style, size);
        if (line.length && lineWidth + space + restWidth > width) emit();
        lineWidth += (line.length ? space : 0) + restWidth;
        line.push(rest);
      }
      while (line.length) emit();
    }
    return lines;
  }

  private draw(text: string, x: number, baseline: number, style: FontStyle, size: number, color?: [number, number, number]): void {
    if (!text) return;
    this.page.drawText(clean(text), { x, y: baseline, size, font: this.fonts[style], color: color ? this.rgbColor(...color) : this.rgbColor(0, 0, 0) });
  }

  private xFor(align: Align, left: number, width: number, textWidth: number): number {
    if (align === "center") return left + (width - textWidth) / 2;
    if (align === "right") return left + width - textWidth;
    return left;
  }

  /** A wrapped paragraph across the text width (or a box from `left` of `width`). */
  paragraph(text: string, style: TextStyle = {}, box?: { left: number; width: number }): void {
    const size = style.size ?? 11;
    const font = style.style ?? "regular";
    const left = box?.left ?? this.margin;
    const width = box?.width ?? this.textWidth;
    for (const line of this.wrap(text, font, size, width)) {
      this.ensure(size * LINE);
      this.y -= size;
      this.draw(line, this.xFor(style.align ?? "left", left, width, this.widthOf(line, font, size)), this.y, font, size, style.color);
      this.y -= size * (LINE - 1);
    }
    this.y -= style.after ?? size * 0.35;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Blocks side by side, each centred (by default) in an equal share of the width; the cursor moves below the tallest. */
  blocks(blocks: Block[], options: { keepTogether?: boolean } = {}): void {
    const share = this.textWidth / blocks.length;
    const heights = blocks.map((b) => b.lines.reduce((h, l) => h + this.wrap(l.text, l.style ?? "regular", l.size ?? 11, share - 8).length * (l.size ?? 11) * LINE, 0));
    const tallest = Math.max(0, ...heights);
    if (options.keepTogether !== false) this.ensure(tallest);
    const top = this.y;
    blocks.forEach((block, i) => {
      let y = top;
      const left = this.margin + i * share + 4;
      for (const line of block.lines) {
        const size = line.size ?? 11;
        const style = line.style ?? "regular";
        for (const part of this.wrap(line.text, style, size, share - 8)) {
          y -= size;
          this.draw(part, this.xFor(block.align ?? "center", left, share - 8, this.widthOf(part, style, size)), y, style, size);
          y -= size * (LINE - 1);
        }
      }
    });
    this.y = top - tallest;
  }

  /** A table over the text width; its header row repeats at the top of every page it runs onto. */
  table(columns: Column[], rows: TableRow[], options: { size?: number } = {}): void {
    const size = options.size ?? 9;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.textWidth);
    const lefts = widths.map((_, i) => this.margin + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const layout = (cells: string[], style: FontStyle) => cells.map((cell, i) => this.wrap(cell, style, size, widths[i]! - 2 * CELL_PAD));
    const heightOf = (lines: string[][]) => Math.max(1, ...lines.map((l) => l.length)) * size * LINE + 2 * CELL_PAD;
    const header = layout(
      columns.map((c) => c.header),
      "bold",
    );
    const headerHeight = heightOf(header);
    const rule = (y: number, weight = 0.5) =>
      this.page.drawLine({ start: { x: this.margin, y }, end: { x: this.margin + this.textWidth, y }, thickness: weight, color: this.rgbColor(0.35, 0.35, 0.35) });
    const drawRow = (lines: string[][], style: FontStyle, height: number, shade: boolean) => {
      const top = this.y;
      if (shade) this.page.drawRectangle({ x: this.margin, y: top - height, width: this.textWidth, height, color: this.rgbColor(0.93, 0.93, 0.93) });
      lines.forEach((cellLines, i) => {
        let y = top - CELL_PAD;
        for (const line of cellLines) {
          y -= size;
          const align = columns[i]!.align ?? "left";
          this.draw(line, this.xFor(align, lefts[i]! + CELL_PAD, widths[i]! - 2 * CELL_PAD, this.widthOf(line, style, size)), y, style, size);
          y -= size * (LINE - 1);
        }
      });
      this.y = top - height;
    };
    const drawHeader = () => {
      rule(this.y, 0.8);
      drawRow(header, "bold", headerHeight, true);
      rule(this.y, 0.8);
    };
    this.ensure(headerHeight + size * LINE * 2);
    drawHeader();
    for (const row of rows) {
      const style = row.style ?? "regular";
      const lines = layout(row.cells, style);
      const height = heightOf(lines);
      if (this.y - height < this.margin + 14) {
        this.addPage();
        drawHeader();
      } else if (row.ruleAbove) {
        rule(this.y, 0.3);
      }
      drawRow(lines, style, height, false);
    }
    rule(this.y, 0.8);
    this.y -= size;
  }

  /** A frame around every page (certificates). */
  frame(inset: number, color: [number, number, number], thickness: number): void {
    this.page.drawRectangle({
      x: inset,
      y: inset,
      width: this.width - 2 * inset,
      height: this.height - 2 * inset,
      borderColor: this.rgbColor(...color),
      borderWidth: thickness,
    });
  }

  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    const label = this.options.pageLabel;
    if (label && pages.length > 1) {
      pages.forEach((page, i) => {
        const text = clean(label(i + 1, pages.length));
        const size = 8;
        const width = this.fonts.regular.widthOfTextAtSize(text, size);
        page.drawText(text, { x: (this.width - width) / 2, y: this.margin / 2, size, font: this.fonts.regular, color: this.rgbColor(0.3, 0.3, 0.3) });
      });
    }
    return this.doc.save({ useObjectStreams: true });
  }
}
