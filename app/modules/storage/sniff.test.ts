import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  JPEG_1X1,
  ODT_MIME,
  PNG_1X1,
  VIETNAMESE_PARAGRAPHS,
  WEBP_1X1,
  docxDocument,
  odtDocument,
  pdfDocument,
  windows1258,
} from "#tests/fixtures/documents";
import { isZip, sniff, type ZipListing } from "./sniff";

/** The listing the parse worker gives, made here with fflate's one-shot unzip (small fixtures). */
function listing(bytes: Uint8Array): ZipListing {
  const files = unzipSync(bytes);
  return {
    entries: Object.entries(files).map(([name, data]) => ({ name, size: data.length })),
    parts: Object.fromEntries(Object.entries(files).filter(([name]) => /^(mimetype|.*\.xml|.*\.rels)$/.test(name))),
  };
}

function kindOf(bytes: Uint8Array) {
  const result = sniff(bytes, isZip(bytes) ? listing(bytes) : undefined);
  return result.ok ? result.sniffed.kind : result.reason;
}

const encode = (s: string) => new TextEncoder().encode(s);

describe("sniff", () => {
  it("tells each accepted kind by its content", () => {
    expect(kindOf(pdfDocument([VIETNAMESE_PARAGRAPHS]))).toBe("PDF");
    expect(kindOf(docxDocument(VIETNAMESE_PARAGRAPHS))).toBe("DOCX");
    expect(kindOf(odtDocument(VIETNAMESE_PARAGRAPHS))).toBe("ODT");
    expect(kindOf(encode(VIETNAMESE_PARAGRAPHS.join("\n")))).toBe("TXT");
    expect(kindOf(windows1258(VIETNAMESE_PARAGRAPHS.join("\n")))).toBe("TXT");
    for (const image of [PNG_1X1, JPEG_1X1, WEBP_1X1]) expect(kindOf(image)).toBe("IMAGE");
  });

  it("gives the media type of the content, with the charset of a text", () => {
    const png = sniff(PNG_1X1);
    expect(png.ok && png.sniffed.mimeType).toBe("image/png");
    const webp = sniff(WEBP_1X1);
    expect(webp.ok && webp.sniffed.mimeType).toBe("image/webp");
    const txt = sniff(windows1258("Đảng"));
    expect(txt.ok && txt.sniffed.mimeType).toBe("text/plain; charset=windows-1258");
  });

  it("refuses an empty file", () => {
    expect(kindOf(new Uint8Array())).toBe("empty");
  });

  it("takes a PDF cut short (no %%EOF at its end) for a broken one", () => {
    const pdf = pdfDocument([VIETNAMESE_PARAGRAPHS]);
    expect(kindOf(pdf.subarray(0, Math.floor(pdf.length * 0.8)))).toBe("corrupt");
    expect(kindOf(encode("%PDF-x"))).toBe("corrupt");
    // Trailing bytes after %%EOF are common and harmless.
    expect(kindOf(pdfDocument([VIETNAMESE_PARAGRAPHS], { trailer: "\n\n" }))).toBe("PDF");
  });

  it("takes a zip for a DOCX only with word/document.xml declared as a document's main part", () => {
    expect(kindOf(docxDocument(["x"], { withoutContentTypes: true }))).toBe("unknown");
    expect(kindOf(docxDocument(["x"], { mainContentType: "application/vnd.ms-word.document.macroEnabled.main+xml" }))).toBe(
      "unknown",
    );
    // A bare zip of other things.
    expect(kindOf(zipSync({ "word/readme.txt": encode("hello") }))).toBe("unknown");
  });

  it("takes a zip for an ODT only when its first entry says so", () => {
    expect(kindOf(odtDocument(["x"], { mimetypeLast: true }))).toBe("unknown");
    expect(kindOf(odtDocument(["x"], { mimetype: "application/vnd.oasis.opendocument.spreadsheet" }))).toBe("unknown");
    expect(kindOf(odtDocument(["x"], { mimetype: ODT_MIME }))).toBe("ODT");
  });

  it("needs a zip's listing before it can tell", () => {
    expect(() => sniff(docxDocument(["x"]))).toThrow(/listing/);
  });

  it("refuses a truncated image", () => {
    expect(kindOf(PNG_1X1.subarray(0, 20))).toBe("corrupt");
    expect(kindOf(WEBP_1X1.subarray(0, 20))).toBe("corrupt");
  });

  it("never takes markup for an image, nor Word 97 or Rich Text for text", () => {
    const svg = encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(kindOf(svg)).toBe("TXT");
    expect(kindOf(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))).toBe("legacyOffice");
    expect(kindOf(encode("{\\rtf1\\ansi B\\'e0i vi\\'ea\\'ft}"))).toBe("unknown");
    expect(kindOf(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0]))).toBe("unknown");
  });
});
