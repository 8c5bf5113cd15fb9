import { describe, expect, it } from "vitest";
import { pdfPagesToText, type PdfTextItem } from "./pdf-text";

/** Lines as pdf.js reports them: one item per line, ending with hasEOL. */
function page(lines: { text: string; x?: number; y: number; width?: number }[]): PdfTextItem[] {
  return lines.map((l) => ({
    str: l.text,
    x: l.x ?? 72,
    y: l.y,
    width: l.width ?? 450,
    height: 12,
    hasEOL: true,
  }));
}

describe("pdfPagesToText", () => {
  it("joins the lines of a paragraph and breaks at a wider gap", () => {
    const text = pdfPagesToText([
      page([
        { text: "Bảo vệ nền tảng tư tưởng của Đảng là nhiệm", y: 770 },
        { text: "vụ quan trọng.", y: 756, width: 100 },
        { text: "Đấu tranh phản bác các quan điểm sai trái", y: 728 },
        { text: "là trách nhiệm của mỗi người.", y: 714 },
      ]),
    ]);
    expect(text).toBe(
      "Bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ quan trọng.\n\nĐấu tranh phản bác các quan điểm sai trái là trách nhiệm của mỗi người.",
    );
  });

  it("breaks before an indented first line even without extra space", () => {
    const text = pdfPagesToText([
      page([
        { text: "Một dòng dài của đoạn thứ nhất kéo tới lề phải", x: 100, y: 770 },
        { text: "và kết thúc ở đây", y: 756 },
        { text: "Đoạn thứ hai thụt đầu dòng như văn bản hành chính", x: 100, y: 742 },
        { text: "và tiếp tục.", y: 728 },
      ]),
    ]);
    expect(text.split("\n\n")).toHaveLength(2);
  });

  it("keeps an indented block quote together", () => {
    const text = pdfPagesToText([
      page([
        { text: "Trích dẫn thụt lề cả đoạn, dòng thứ nhất", x: 110, y: 770 },
        { text: "và dòng thứ hai của trích dẫn", x: 110, y: 756 },
      ]),
    ]);
    expect(text).toBe("Trích dẫn thụt lề cả đoạn, dòng thứ nhất và dòng thứ hai của trích dẫn");
  });

  it("breaks after a short line that ends a sentence, and at an empty line", () => {
    const text = pdfPagesToText([
      [
        ...page([
          { text: "Câu ngắn.", y: 770, width: 60 },
          { text: "Đoạn mới bắt đầu ở dòng này", y: 756 },
        ]),
        { str: "", x: 72, y: 742, width: 0, height: 0, hasEOL: true },
        ...page([{ text: "Sau dòng trống.", y: 742 }]),
      ],
    ]);
    expect(text).toBe("Câu ngắn.\n\nĐoạn mới bắt đầu ở dòng này\n\nSau dòng trống.");
  });

  it("splits items on one line only where the baseline moves", () => {
    const text = pdfPagesToText([
      [
        { str: "Tư tưởng ", x: 72, y: 770, width: 50, height: 12, hasEOL: false },
        { str: "Hồ Chí Minh", x: 122, y: 770, width: 60, height: 12, hasEOL: false },
        { str: "soi đường", x: 72, y: 756, width: 60, height: 12, hasEOL: false },
      ],
    ]);
    expect(text).toBe("Tư tưởng Hồ Chí Minh soi đường");
  });

  it("runs a paragraph on across a page break and drops lone page numbers", () => {
    const text = pdfPagesToText([
      page([
        { text: "Đoạn văn này chưa hết ở cuối trang", y: 770 },
        { text: "1", y: 60, x: 290, width: 6 },
      ]),
      page([
        { text: "Trang 2", y: 800, x: 280, width: 30 },
        { text: "và kết thúc ở trang sau.", y: 770, width: 150 },
        { text: "Đoạn kế tiếp.", y: 742 },
      ]),
    ]);
    expect(text).toBe("Đoạn văn này chưa hết ở cuối trang và kết thúc ở trang sau.\n\nĐoạn kế tiếp.");
  });

  it("gives nothing for pages without text (a scan)", () => {
    expect(pdfPagesToText([[], []])).toBe("");
  });
});
