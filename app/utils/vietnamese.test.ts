import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldedWords, foldWord, GENERIC_UNITS, isGenericUnit, normalizeUnit, stripDiacritics, unitSpellings } from "./vietnamese";

describe("folding words", () => {
  it("drops diacritics, case and invisible characters; đ, Đ and the legacy Ð become d", () => {
    expect(foldWord("Nguyễn")).toBe("nguyen");
    expect(foldWord("ĐẶNG")).toBe("dang");
    expect(foldWord("Ðặng")).toBe("dang");
    expect(foldWord("Ng\u00aduyễn")).toBe("nguyen");
    // Decomposed input (as some systems write it) folds the same.
    expect(foldWord("Nguyễn".normalize("NFD"))).toBe("nguyen");
    expect(stripDiacritics("Ðà Nẵng")).toBe("da Nang");
  });

  it("splits words at anything that is not a letter, digit or mark", () => {
    expect(foldedWords("Sở GD&ĐT Hà Nội")).toEqual(["so", "gd", "dt", "ha", "noi"]);
    expect(foldedWords("TP.HCM, 0912-345")).toEqual(["tp", "hcm", "0912", "345"]);
    expect(foldedWords("Nguyễn Thị\nMinh   Khai")).toEqual(["nguyen", "thi", "minh", "khai"]);
    expect(foldedWords(" — ")).toEqual([]);
  });
});

const phrases = ["Ủy ban nhân dân", "UBND", "Trường", "THPT", "trung học phổ thông", "Đại học", "ĐH", "Sở GD&ĐT", "Giáo dục và Đào tạo", "TP.HCM", "Thành phố Hồ Chí Minh", "Công ty cổ phần", "Cao đẳng", "xã", "Phú Sơn", "Chu Văn An"];
const unit = fc
  .array(fc.tuple(fc.constantFrom(...phrases), fc.constantFrom(" ", ", ", "-", "  "), fc.boolean()), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([p, sep, upper]) => (upper ? p.toUpperCase() : p) + sep).join(""));

describe("unitSpellings", () => {
  it("gives spellings that all normalise back to the unit, the canonical one first", () => {
    fc.assert(
      fc.property(unit, (u) => {
        const normalized = normalizeUnit(u);
        const spellings = unitSpellings(normalized);
        expect(spellings[0]).toEqual(normalized.split(" ").filter(Boolean));
        for (const words of spellings) expect(normalizeUnit(words.join(" "))).toBe(normalized);
        expect(new Set(spellings.map((w) => w.join(" "))).size).toBe(spellings.length);
      }),
    );
  });

  it("includes the spelling the unit was written in, whichever it was", () => {
    fc.assert(
      fc.property(unit, (u) => {
        const spellings = unitSpellings(normalizeUnit(u)).map((w) => w.join(" "));
        const written = foldedWords(u).join(" ");
        // A doubled "Trường Trường THPT" is written nowhere but in generated units.
        fc.pre(!written.includes("truong truong"));
        if (spellings.length < 64) expect(spellings).toContain(written);
      }),
    );
  });

  it("writes out the abbreviations both ways", () => {
    const spellings = (u: string) => unitSpellings(normalizeUnit(u)).map((w) => w.join(" "));
    expect(spellings("UBND xã Phú Sơn")).toEqual(["ubnd xa phu son", "uy ban nhan dan xa phu son"]);
    expect(spellings("Trường THPT Chu Văn An")).toEqual([
      "thpt chu van an",
      "trung hoc pho thong chu van an",
      "truong thpt chu van an",
      "truong trung hoc pho thong chu van an",
    ]);
    expect(spellings("Sở GD&ĐT")).toContain("so giao duc va dao tao");
    expect(spellings("Sở Giáo dục và Đào tạo")).toContain("so gd dt");
    expect(spellings("Công an huyện")).toEqual(["cong an huyen"]);
    expect(unitSpellings("")).toEqual([]);
  });

  it("treats only empty or bare generic units as generic", () => {
    for (const generic of GENERIC_UNITS) expect(isGenericUnit(generic)).toBe(true);
    expect(isGenericUnit("")).toBe(true);
    expect(isGenericUnit(normalizeUnit("Ủy ban nhân dân"))).toBe(true);
    expect(isGenericUnit(normalizeUnit("UBND xã Phú Sơn"))).toBe(false);
  });
});
