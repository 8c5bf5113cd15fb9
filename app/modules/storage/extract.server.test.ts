import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countWords } from "#app/modules/entries/words";
import {
  PNG_1X1,
  VIETNAMESE_PARAGRAPHS,
  docxDocument,
  docxDocumentXml,
  odtDocument,
  pdfDocument,
  utf16le,
  windows1258,
  zipBomb,
} from "#tests/fixtures/documents";
import { MAX_INFLATED_BYTES, PARALLEL_PARSES, UNZIP_SLICE_BYTES, idleParseWorkers, inspectZip, readFile, readFileAt } from "./extract.server";

const essay = VIETNAMESE_PARAGRAPHS.join("\n\n");
const MiB = 1024 * 1024;
/** Deflate cannot expand one input byte to more than 1032 (258 bytes per 2-bit code). */
const DEFLATE_MAX_RATIO = 1032;

async function textOf(bytes: Uint8Array) {
  const result = await readFile(bytes);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return { kind: result.sniffed.kind, ...result.text! };
}

async function reasonOf(bytes: Uint8Array, options: Parameters<typeof readFile>[1] = {}) {
  const result = await readFile(bytes, options);
  return result.ok ? `accepted as ${result.sniffed.kind}` : "reason" in result ? result.reason : result.refused;
}

describe("readFile: text with paragraphs and words, whatever the kind", () => {
  it("reads a PDF, a DOCX, an ODT and a TXT to the same Vietnamese text", async () => {
    const expected = { text: essay, wordCount: countWords(essay) };
    expect(await textOf(pdfDocument([VIETNAMESE_PARAGRAPHS]))).toEqual({ kind: "PDF", ...expected });
    expect(await textOf(docxDocument(VIETNAMESE_PARAGRAPHS))).toEqual({ kind: "DOCX", ...expected });
    expect(await textOf(odtDocument(VIETNAMESE_PARAGRAPHS))).toEqual({ kind: "ODT", ...expected });
    expect(await textOf(new TextEncoder().encode(VIETNAMESE_PARAGRAPHS.join("\r\n\r\n")))).toEqual({ kind: "TXT", ...expected });
  });

  it("decodes TXT in windows-1258 and in UTF-16", async () => {
    expect((await textOf(windows1258(essay))).text).toBe(essay);
    expect((await textOf(utf16le(essay))).text).toBe(essay);
  });

  it("reads every page of a PDF", async () => {
    const { text } = await textOf(pdfDocument([VIETNAMESE_PARAGRAPHS.slice(0, 2), VIETNAMESE_PARAGRAPHS.slice(2)]));
    expect(text).toBe(essay);
  });

  it("reads ODT headings, spaces and tabs the way LibreOffice wrote them", async () => {
    const { text } = await textOf(
      odtDocument([], {
        bodyXml:
          "<text:h>Phần &amp; mở đầu</text:h>\n  <text:p>Một<text:s text:c=\"2\"/>hai<text:tab/>ba</text:p>" +
          "<text:list><text:list-item><text:p>Ý thứ nhất</text:p></text:list-item></text:list>",
      }),
    );
    expect(text).toBe("Phần & mở đầu\n\nMột  hai\tba\n\nÝ thứ nhất");
  });

  it("gives an image no text", async () => {
    const result = await readFile(PNG_1X1);
    expect(result.ok && result.sniffed.kind).toBe("IMAGE");
    expect(result.ok && result.text).toBeNull();
  });

  it("lets the caller refuse by kind before any text is extracted", async () => {
    const seen: string[] = [];
    const result = await readFile(pdfDocument([VIETNAMESE_PARAGRAPHS]), {
      vet: (sniffed) => (seen.push(sniffed.kind), "not here"),
    });
    expect(result).toEqual({ ok: false, refused: "not here" });
    expect(seen).toEqual(["PDF"]);
  });
});

describe("readFile: broken and hostile files", () => {
  it("refuses an empty file, random bytes, a truncated PDF and a PDF of garbage", async () => {
    expect(await reasonOf(new Uint8Array())).toBe("empty");
    expect(await reasonOf(crypto.randomBytes(8192))).toBe("unknown");
    const pdf = pdfDocument([VIETNAMESE_PARAGRAPHS]);
    expect(await reasonOf(pdf.subarray(0, pdf.length - 200))).toBe("corrupt");
    expect(await reasonOf(new TextEncoder().encode(`%PDF-1.7\n${"rác ".repeat(200)}\n%%EOF\n`))).toBe("corrupt");
  });

  it("refuses a PDF that holds JavaScript, and reads the same PDF without it", async () => {
    expect(await reasonOf(pdfDocument([VIETNAMESE_PARAGRAPHS], { openActionScript: "app.alert('Xin chào')" }))).toBe("pdfScript");
    expect((await textOf(pdfDocument([VIETNAMESE_PARAGRAPHS]))).text).toBe(essay);
  });

  it("refuses a DOCX cut short, and one whose document is not XML", async () => {
    const docx = docxDocument(VIETNAMESE_PARAGRAPHS);
    expect(await reasonOf(docx.subarray(0, Math.floor(docx.length / 2)))).toBe("corrupt");
    expect(await reasonOf(docxDocument([], { documentXml: "<w:document><w:body><w:p>" }))).toBe("corrupt");
  });

  it("stops inflating a zip bomb at the limit instead of inflating it all", async () => {
    const bomb = zipBomb(1024); // 1 GiB of spaces in about 1 MiB
    expect(bomb.length).toBeLessThan(2 * MiB);
    const inspected = await inspectZip(bomb);
    expect(inspected.ok).toBe(false);
    if (inspected.ok) return;
    expect(inspected.reason).toBe("tooManyInflatedBytes");
    // It stopped within one step past the limit: nowhere near the gigabyte.
    expect(inspected.inflatedBytes).toBeGreaterThan(MAX_INFLATED_BYTES);
    expect(inspected.inflatedBytes).toBeLessThanOrEqual(MAX_INFLATED_BYTES + UNZIP_SLICE_BYTES * DEFLATE_MAX_RATIO);
    expect(await reasonOf(bomb)).toBe("tooManyInflatedBytes");
    expect(await reasonOf(zipBomb(20, { odt: true }), { maxInflatedBytes: 8 * MiB })).toBe("tooManyInflatedBytes");
  });

  it("reads a DOCX without inflating its media: a bomb in a picture is never inflated, so never counted", async () => {
    const docx = zipBomb(1024, { media: true }); // 1 GiB of spaces as word/media/image1.png
    const inspected = await inspectZip(docx);
    expect(inspected.ok).toBe(true);
    if (!inspected.ok) return;
    expect(inspected.listing.entries.map((e) => e.name)).toContain("word/media/image1.png");
    expect(Object.keys(inspected.listing.parts)).not.toContain("word/media/image1.png");
    const result = await readFile(docx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sniffed.kind).toBe("DOCX");
    expect(result.text?.text).toContain(VIETNAMESE_PARAGRAPHS[0]!.split(" ")[0]);
    // Cut short inside the picture: no end record, refused although every text part is whole.
    expect(await reasonOf(docx.subarray(0, docx.length - 4096))).toBe("corrupt");
  });

  it("never resolves an external entity in a DOCX: a DTD is refused before any parser", async () => {
    const secretFile = path.join(os.tmpdir(), `secret-${crypto.randomBytes(4).toString("hex")}.txt`);
    fs.writeFileSync(secretFile, "MẬT KHẨU BÍ MẬT");
    try {
      const documentXml = docxDocumentXml(["&xxe;"])
        .replace("&amp;xxe;", "&xxe;")
        .replace("?>\n", `?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${secretFile}">]>\n`);
      const result = await readFile(docxDocument([], { documentXml }));
      expect(result).toEqual({ ok: false, reason: "corrupt" });
      expect(JSON.stringify(result)).not.toContain("BÍ MẬT");
    } finally {
      fs.rmSync(secretFile, { force: true });
    }
  });

  it("refuses entity expansion in any XML part, DOCX or ODT (billion laughs)", async () => {
    const laughs = '<!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const docx = docxDocument(["x"], { parts: { "word/styles.xml": `<?xml version="1.0"?>${laughs}<w:styles>&b;</w:styles>` } });
    expect(await reasonOf(docx)).toBe("corrupt");
    const odt = odtDocument([], { contentXml: `<?xml version="1.0"?>${laughs}<office:document-content><office:body><office:text><text:p>&b;</text:p></office:text></office:body></office:document-content>` });
    expect(await reasonOf(odt)).toBe("corrupt");
  });

  it("leaves an undeclared entity in an ODT as written", async () => {
    const { text } = await textOf(odtDocument([], { bodyXml: "<text:p>a &amp;xxe; b</text:p>" }));
    expect(text).toBe("a &xxe; b");
  });

  it("refuses a zip with two entries of one name (readers would disagree on which counts)", async () => {
    // The archive's entries written twice (fflate's zipSync cannot write duplicates).
    const inspected = await inspectZip(concatLocalEntries(docxDocument(VIETNAMESE_PARAGRAPHS)));
    expect(inspected.ok ? "ok" : inspected.reason).toBe("corrupt");
  });

  it("stops a parse that runs past its time limit", async () => {
    expect(await reasonOf(pdfDocument([VIETNAMESE_PARAGRAPHS]), { timeLimitMs: 1 })).toBe("parseTimeout");
    // The next file is read normally: the stopped worker took nothing with it.
    expect((await textOf(pdfDocument([VIETNAMESE_PARAGRAPHS]))).text).toBe(essay);
  });
});

/** The archive's local entries written twice in a row (a duplicate of every name). */
function concatLocalEntries(zip: Uint8Array): Uint8Array {
  const buffer = Buffer.from(zip);
  const centralStart = buffer.readUInt32LE(buffer.length - 22 + 16);
  const locals = buffer.subarray(0, centralStart);
  return Buffer.concat([locals, locals, buffer.subarray(centralStart)]);
}

describe("parse workers", () => {
  it("reuse a worker after a clean read, never after a refused file, and read the same either way", async () => {
    const docx = docxDocument(VIETNAMESE_PARAGRAPHS);
    await textOf(docx);
    const parked = idleParseWorkers();
    expect(parked).toBeGreaterThan(0);
    // Many reads in a row give the same text, and the pool does not grow past the parallel parses.
    const texts = await Promise.all(Array.from({ length: 6 }, () => textOf(docx)));
    expect(new Set(texts.map((t) => t.text))).toEqual(new Set([essay]));
    expect(idleParseWorkers()).toBeLessThanOrEqual(PARALLEL_PARSES);
    // A refused file's worker is stopped, not handed to the next file.
    const before = idleParseWorkers();
    expect(await reasonOf(zipBomb(100))).toBe("tooManyInflatedBytes");
    expect(idleParseWorkers()).toBe(before - 1);
    expect((await textOf(docx)).text).toBe(essay);
  });

  it("reads a file from disk as from memory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-at-"));
    try {
      const file = path.join(dir, "bai.docx");
      fs.writeFileSync(file, docxDocument(VIETNAMESE_PARAGRAPHS));
      const result = await readFileAt(file);
      expect(result.ok && result.text?.text).toBe(essay);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
