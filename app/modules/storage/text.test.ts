import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords } from "#app/modules/entries/words";
import { joinParagraphs, normalizeText, paragraphsOf } from "./text";

describe("the canonical text shape", () => {
  it("separates paragraphs by one blank line and keeps line breaks inside them", () => {
    expect(normalizeText("  Đoạn một.  \r\nvẫn đoạn một\r\n\r\n\r\n\tĐoạn hai.\r\n")).toBe(
      "Đoạn một.\nvẫn đoạn một\n\nĐoạn hai.",
    );
    expect(normalizeText("Trang một.\fTrang hai.")).toBe("Trang một.\n\nTrang hai.");
    expect(normalizeText("tư\u00ADtưởng")).toBe("tưtưởng");
    expect(paragraphsOf("Một.\n\nHai.\nba")).toEqual(["Một.", "Hai.\nba"]);
    expect(paragraphsOf("")).toEqual([]);
  });

  it("joins paragraphs, dropping empty ones", () => {
    expect(joinParagraphs([" Một ", "", "  ", "Hai\n\n\nba"])).toBe("Một\n\nHai\n\nba");
  });

  const text = fc.string({ unit: fc.constantFrom("a", "ư", "Đ", " ", "\t", "\n", "\r", "\r\n", "\f", "\u00a0", "ạ") });

  it("is idempotent and never changes the word count", () => {
    fc.assert(
      fc.property(text, (raw) => {
        const once = normalizeText(raw);
        expect(normalizeText(once)).toBe(once);
        expect(countWords(once)).toBe(countWords(raw));
        expect(once).not.toMatch(/\n\n\n|^\n|\n$|[ \t]\n|\r/);
      }),
    );
  });

  it("gives back the paragraphs it joined", () => {
    const paragraph = fc.stringMatching(/^[a-zđư]{1,5}( [a-zđư]{1,5}){0,4}$/u);
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 10 }), (ps) => {
        expect(paragraphsOf(joinParagraphs(ps))).toEqual(ps);
      }),
    );
  });
});
