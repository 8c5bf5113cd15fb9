// The page writer's line breaking and page flow, on the embedded font (no database).
import fc from "fast-check";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { readFile } from "#app/modules/storage/extract.server";
import { documentFonts } from "./fonts.server";
import { A4_PORTRAIT, clean, PdfWriter, type FontFiles } from "./pdf-writer";

let fonts: FontFiles;
beforeAll(async () => {
  fonts = await documentFonts();
});

const writer = () => PdfWriter.create(fonts, { size: A4_PORTRAIT, title: "Thử", language: "vi-VN", date: new Date("2026-12-01T00:00:00Z"), pageLabel: (n, total) => `Trang ${n}/${total}` });
const words = fc.array(fc.constantFrom("Bảo", "vệ", "nền", "tảng", "tư", "tưởng", "của", "Đảng", "Nguyễn", "Thị", "Hương", "Giang", "kinh-tế-số-hoá-toàn-diện-và-bền-vững"), { minLength: 1, maxLength: 60 });

describe("PdfWriter", () => {
  it("breaks text into lines no wider than the box, keeping every word in order", async () => {
    const w = await writer();
    fc.assert(
      fc.property(words, fc.integer({ min: 40, max: 400 }), fc.constantFrom("regular" as const, "bold" as const), (list, width, style) => {
        const text = list.join(" ");
        const lines = w.wrap(text, style, 10, width);
        for (const line of lines) expect(w.widthOf(line, style, 10)).toBeLessThanOrEqual(width + 1e-6);
        // Joining the lines gives the words back (a word cut across lines rejoins).
        expect(lines.join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
      { numRuns: 60 },
    );
  });

  it("composes decomposed input and drops control characters", () => {
    expect(clean("Nguye\u0302\u0303n\tThi\u0323")).toBe("Nguyễn Thị");
  });

  it("runs a long table onto new pages, repeating its header on each", async () => {
    const w = await writer();
    const rows = Array.from({ length: 120 }, (_, i) => ({ cells: [String(i + 1), `Bài dự thi số ${i + 1}`, "Đảng uỷ phường"] }));
    w.table(
      [
        { header: "Hạng", width: 1 },
        { header: "Tên bài", width: 4 },
        { header: "Đơn vị", width: 3 },
      ],
      rows,
    );
    const bytes = await w.save();
    const doc = await PDFDocument.load(bytes);
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThan(2);
    expect(doc.getTitle()).toBe("Thử");
    const read = await readFile(bytes);
    const text = read.ok ? read.text!.text : "";
    expect(text.split("Tên bài").length - 1).toBe(pages);
    expect(text).toContain("Bài dự thi số 120");
  });
});
