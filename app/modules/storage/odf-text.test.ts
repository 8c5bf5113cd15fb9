import { describe, expect, it } from "vitest";
import { decodeXmlText, odfText, type XmlEvent } from "./odf-text";

const open = (name: string, attrs: Record<string, string> = {}): XmlEvent => ["<", name, attrs];
const close = (name: string): XmlEvent => [">", name];
const text = (t: string): XmlEvent => ["#", t];

function body(...events: XmlEvent[]): XmlEvent[] {
  return [open("office:document-content"), open("office:body"), open("office:text"), ...events, close("office:text"), close("office:body"), close("office:document-content")];
}

describe("odfText", () => {
  it("reads paragraphs and headings, with ODF's spaces, tabs and line breaks", () => {
    const events = body(
      open("text:h"), text("Phần I"), close("text:h"),
      open("text:p"), text("Bảo   vệ\n  nền"), open("text:s", { "text:c": "3" }), close("text:s"), text("tảng"), close("text:p"),
      open("text:p"), text("cột"), open("text:tab"), close("text:tab"), text("một"), open("text:line-break"), close("text:line-break"), text("dòng hai"), close("text:p"),
    );
    expect(odfText(events)).toBe("Phần I\n\nBảo vệ nền   tảng\n\ncột\tmột\ndòng hai");
  });

  it("reads spans, list items and table cells as running text", () => {
    const events = body(
      open("text:list"), open("text:list-item"), open("text:p"), text("Ý "), open("text:span"), text("thứ nhất"), close("text:span"), close("text:p"), close("text:list-item"), close("text:list"),
      open("table:table"), open("table:table-row"), open("table:table-cell"), open("text:p"), text("ô một"), close("text:p"), close("table:table-cell"), close("table:table-row"), close("table:table"),
    );
    expect(odfText(events)).toBe("Ý thứ nhất\n\nô một");
  });

  it("leaves out notes, comments and what is outside the body", () => {
    const events: XmlEvent[] = [
      open("office:automatic-styles"), open("text:p"), text("kiểu"), close("text:p"), close("office:automatic-styles"),
      ...body(
        open("text:p"), text("Chính văn"),
        open("text:note"), open("text:note-citation"), text("1"), close("text:note-citation"), open("text:note-body"), open("text:p"), text("chú thích"), close("text:p"), close("text:note-body"), close("text:note"),
        open("office:annotation"), open("text:p"), text("nhận xét"), close("text:p"), close("office:annotation"),
        text(" tiếp."), close("text:p"),
      ),
    ];
    expect(odfText(events)).toBe("Chính văn tiếp.");
  });

  it("decodes XML's own entities and character references, nothing else", () => {
    expect(decodeXmlText("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#273; &#x1EA1; &xxe; &#0;")).toBe(
      "a & b <c> \"d\" 'e' đ ạ &xxe; &#0;",
    );
  });

  it("caps an absurd space count", () => {
    const events = body(open("text:p"), text("a"), open("text:s", { "text:c": "99999999" }), close("text:s"), text("b"), close("text:p"));
    expect(odfText(events).length).toBeLessThan(1100);
  });
});
