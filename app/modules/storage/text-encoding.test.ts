import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { seededRandom } from "#app/utils/random";
import { VIETNAMESE_PARAGRAPHS, utf16be, utf16le, windows1258 } from "#tests/fixtures/documents";
import { decodeText } from "./text-encoding";

const essay = VIETNAMESE_PARAGRAPHS.join("\r\n");
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeText", () => {
  it("reads UTF-8, with or without a byte order mark", () => {
    expect(decodeText(utf8(essay))).toEqual({ text: essay, encoding: "utf-8" });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(essay)]))).toEqual({ text: essay, encoding: "utf-8" });
  });

  it("reads UTF-16 in either byte order when it starts with a byte order mark", () => {
    expect(decodeText(utf16le(essay))).toEqual({ text: essay, encoding: "utf-16le" });
    expect(decodeText(utf16be(essay))).toEqual({ text: essay, encoding: "utf-16be" });
  });

  it("recognises windows-1258, which chardet takes for Latin-1, and composes its tone marks", () => {
    const bytes = windows1258(essay);
    // The fixture really is windows-1258 with combining tones: Latin-1 would read it wrong.
    expect(iconv.decode(Buffer.from(bytes), "latin1")).not.toBe(essay);
    expect(bytes).toContain(0xd2); // combining hook above
    expect(decodeText(bytes)).toEqual({ text: essay, encoding: "windows-1258" });
  });

  it("keeps a Western European text in chardet's reading", () => {
    const french = "Le réseau électrique a été rétabli à Hanoï après la tempête, déclare le ministère.";
    const decoded = decodeText(iconv.encode(french, "latin1"));
    expect(decoded?.text).toBe(french);
  });

  it("gives text in Unicode NFC, whatever the file used", () => {
    const decomposed = "Nghị quyết".normalize("NFD");
    expect(decodeText(utf8(decomposed))?.text).toBe("Nghị quyết");
  });

  it("refuses binary: a NUL byte, or control characters beyond a trace", () => {
    const random = seededRandom(7);
    const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    expect(noise).toContain(0);
    expect(decodeText(noise)).toBeNull();
    const withoutNul = noise.map((b) => (b === 0 ? 1 : b));
    expect(decodeText(withoutNul)).toBeNull();
    expect(decodeText(utf8("một\u0000hai"))).toBeNull();
    // A stray form feed or DOS end-of-file mark in a long text is fine.
    expect(decodeText(utf8(`${essay.repeat(10)}\f${essay}`))).not.toBeNull();
  });

  it("refuses UTF-16 that is broken after its byte order mark", () => {
    // A lone high surrogate.
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8]))).toBeNull();
  });
});
