import fc from "fast-check";
import { expect, it } from "vitest";
import { countWords, wordSpans } from "./words";

it("counts whitespace-separated tokens, as a word processor does", () => {
  expect(countWords("")).toBe(0);
  expect(countWords("  \n\t ")).toBe(0);
  expect(countWords("Bảo vệ nền tảng tư tưởng của Đảng.")).toBe(8);
  expect(countWords("Chủ nghĩa Mác – Lênin")).toBe(5); // a spaced dash is a token, as in Word
  expect(countWords("một\u00a0hai\nba\r\nbốn")).toBe(4); // no-break space separates too
});

it("is the number of tokens joined by any whitespace", () => {
  const token = fc.stringMatching(/^[^\s]{1,8}$/u);
  const gap = fc.constantFrom(" ", "  ", "\n", "\t", "\r\n", " \n ");
  fc.assert(
    fc.property(fc.array(fc.tuple(token, gap), { maxLength: 50 }), gap, (parts, lead) => {
      const text = lead + parts.map(([t, g]) => t + g).join("");
      expect(countWords(text)).toBe(parts.length);
    }),
  );
});

it("locates exactly the words it counts", () => {
  const text = "  Bảo vệ\u00a0nền tảng –\ntư tưởng. ";
  expect(wordSpans(text).map(([s, e]) => text.slice(s, e))).toEqual(["Bảo", "vệ", "nền", "tảng", "–", "tư", "tưởng."]);
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", "ệ", "Đ", ".", " ", "\n", "\t", "\u00a0", "\r") }), (s) => {
      const spans = wordSpans(s);
      expect(spans).toHaveLength(countWords(s));
      expect(spans.map(([a, b]) => s.slice(a, b))).toEqual(s.trim() === "" ? [] : s.trim().split(/\s+/u));
    }),
  );
});
