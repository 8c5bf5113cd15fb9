import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMON_SURNAMES, MASK_MARKERS, maskText, summarizeSpans, type MaskAuthor, type MaskOptions, type MaskResult } from "./mask";

const MARK = MASK_MARKERS.vi;

// ───────────────────────────── an independent checker ─────────────────────────────

// Vietnamese letters with their base letter, written out (not derived from Unicode decomposition).
const VI_LETTERS: Record<string, string> = {
  a: "aàáạảãâầấậẩẫăằắặẳẵ",
  e: "eèéẹẻẽêềếệểễ",
  i: "iìíịỉĩ",
  o: "oòóọỏõôồốộổỗơờớợởỡ",
  u: "uùúụủũưừứựửữ",
  y: "yỳýỵỷỹ",
  d: "dđ",
};
const BASE = new Map<string, string>();
for (const [base, letters] of Object.entries(VI_LETTERS)) {
  for (const ch of letters) {
    BASE.set(ch, base);
    BASE.set(ch.toUpperCase(), base.toUpperCase());
  }
}
const plain = (s: string) => [...s.normalize("NFC")].map((ch) => BASE.get(ch) ?? ch).join("");
/** The words of a text as the checker sees them: without diacritics, lower-case. */
const checkWords = (s: string) => plain(s).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const containsRun = (haystack: string[], needle: string[]) =>
  haystack.some((_, i) => needle.length > 0 && needle.every((w, k) => haystack[i + k] === w));

/** The masked text rebuilt from the original and the report: what lies outside the spans is the original's. */
function expectOnlyMatchesChanged(input: string, result: MaskResult, marker = MARK) {
  let rebuilt = "";
  let last = 0;
  for (const span of result.spans) {
    expect(span.start).toBeGreaterThanOrEqual(last);
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.original).toBe(input.slice(span.start, span.end));
    rebuilt += input.slice(last, span.start);
    expect(span.at).toBe(rebuilt.length);
    expect(result.text.slice(span.at, span.at + marker.length)).toBe(marker);
    rebuilt += marker;
    last = span.end;
  }
  rebuilt += input.slice(last);
  expect(result.text).toBe(rebuilt);
}

// ───────────────────────────── generators ─────────────────────────────

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
const MIDDLE = ["Thị", "Văn", "Minh", "Ngọc", "Thanh", "Hữu", "Đức", "Thu", "Quang", "Hồng"];
const GIVEN = ["Khai", "Lan", "Hùng", "Tuấn", "Hạnh", "Phương", "Dũng", "Trang", "Bình", "Nga", "Thắng", "Yến"];
const PLACES = ["Phú Sơn", "Mỹ Lộc", "Tân Lập", "Quý Đôn", "Hải Châu"];
const TITLES = ["đồng chí", "đ/c", "anh", "chị", "ông", "bà", "cô", "thầy", "cô giáo"];
if (TITLES.flatMap(checkWords).some((w) => [...FAMILY, ...MIDDLE, ...GIVEN, ...PLACES].flatMap(checkWords).includes(w))) throw new Error("a title shares a word with a name");

// The words that must not survive masking (titles such as "đồng chí" stay, and share no word with these).
const NAME_WORDS = new Set([...FAMILY, ...MIDDLE, ...GIVEN, ...PLACES].flatMap(checkWords));
// Political-essay words that are none of the names or places above (nor their diacritics-free forms), nor a
// surname once capitalised ("Đoàn" before "Minh Yến" makes someone else's name, which is left as it is).
const FILLER = (
  "bảo vệ nền tảng tư tưởng của đảng trong tình hình mới cần phải kiên quyết đấu tranh phản bác các quan điểm sai trái " +
  "thù địch nhân dân niềm tin sự lãnh đạo công cuộc đổi mới xây dựng chỉnh đốn cán bộ đảng viên thực tiễn cho thấy góp " +
  "phần củng cố khối đoàn kết toàn dân tộc trên không gian mạng mỗi người hãy là một chiến sĩ"
)
  .split(" ")
  .filter((w) => !checkWords(w).some((x) => NAME_WORDS.has(x)) && !COMMON_SURNAMES.has(w));

const caseOf = (word: string, how: "lower" | "upper" | "title" | "mixed", flip: boolean[]) => {
  if (how === "lower") return word.toLocaleLowerCase("vi");
  if (how === "upper") return word.toLocaleUpperCase("vi");
  if (how === "title") return word.charAt(0).toLocaleUpperCase("vi") + word.slice(1).toLocaleLowerCase("vi");
  return [...word].map((ch, i) => (flip[i % flip.length] ? ch.toLocaleUpperCase("vi") : ch.toLocaleLowerCase("vi"))).join("");
};

const space = fc.constantFrom(" ", " ", "  ", "\n", " \n", "\t", "   ");
const person = fc.record({
  family: fc.constantFrom(...FAMILY),
  middle: fc.array(fc.constantFrom(...MIDDLE), { minLength: 1, maxLength: 2 }),
  given: fc.constantFrom(...GIVEN),
});
type Person = { family: string; middle: string[]; given: string };
const fullName = (p: Person) => [p.family, ...p.middle, p.given].join(" ");

/** The ways a text may name the author that the masker promises to find (see mask.ts). */
function variants(p: Person): { words: string[]; letterCase: "any" | "capitalized" | "titleCase"; title?: boolean }[] {
  const rest = [...p.middle, p.given];
  const out: ReturnType<typeof variants> = [{ words: [p.family, ...rest], letterCase: "any" }];
  for (let n = 1; n < rest.length; n++) out.push({ words: [p.family, ...rest.slice(rest.length - n)], letterCase: "capitalized" });
  for (let n = 2; n <= rest.length; n++) {
    const tail = rest.slice(rest.length - n);
    if (n === 2 && ["Văn", "Thị"].includes(tail[0]!)) continue;
    out.push({ words: tail, letterCase: "capitalized" });
  }
  for (const title of TITLES) out.push({ words: [...title.split(" "), p.given], letterCase: "titleCase", title: true });
  return out;
}

/** One written occurrence of a variant: case, diacritics and spacing drawn at random within what the variant allows. */
const occurrence = (p: Person) =>
  fc
    .record({
      variant: fc.constantFrom(...variants(p)),
      how: fc.constantFrom("lower", "upper", "title", "mixed"),
      flip: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      strip: fc.boolean(),
      spaces: fc.array(space, { minLength: 6, maxLength: 6 }),
      titleCase: fc.constantFrom("lower", "title", "upper"),
    })
    .map(({ variant, how, flip, strip, spaces, titleCase }) => {
      const written = variant.words.map((w, i) => {
        if (variant.title && i < variant.words.length - 1) return caseOf(w, titleCase as "lower", flip);
        const style = variant.letterCase === "any" ? how : variant.letterCase === "titleCase" ? "title" : how === "upper" ? "upper" : "title";
        return caseOf(w, style as "lower", flip);
      });
      // "đ/c" is written with its slash; other words are separated by any whitespace.
      const text = written.map((w, i) => (i === 0 ? w : (variant.title && i < written.length - 1 ? " " : spaces[i]!) + w)).join("");
      return strip ? plain(text) : text;
    });

const UNIT_FORMS: [string[], string][] = [
  [["UBND", "Ủy ban nhân dân", "Uỷ ban Nhân dân", "ỦY BAN NHÂN DÂN"], "xã"],
  [["UBND", "Ủy ban nhân dân"], "phường"],
  [["Trường THPT", "Trường Trung học phổ thông", "THPT", "trường trung học phổ thông"], ""],
  [["Sở GD&ĐT", "Sở Giáo dục và Đào tạo", "Sở Giáo dục Đào tạo"], "tỉnh"],
];
const unit = fc.record({ form: fc.nat(UNIT_FORMS.length - 1), place: fc.constantFrom(...PLACES) });
const unitText = (u: { form: number; place: string }, variant: number) => {
  const [prefixes, level] = UNIT_FORMS[u.form]!;
  return [prefixes[variant % prefixes.length]!, level, u.place].filter(Boolean).join(" ");
};

const mobile = fc.tuple(fc.constantFrom("091", "098", "032", "086", "070", "088"), fc.stringMatching(/^\d{7}$/));
const phone = fc.oneof(
  mobile.map(([p, d]) => `${p}${d[0]} ${d.slice(1, 4)} ${d.slice(4)}`),
  mobile.map(([p, d]) => `${p}${d[0]}.${d.slice(1, 4)}.${d.slice(4)}`),
  mobile.map(([p, d]) => `${p}${d[0]}-${d.slice(1, 4)}-${d.slice(4)}`),
  mobile.map(([p, d]) => `${p}${d}`),
  mobile.map(([p, d]) => `+84 ${p.slice(1)} ${d.slice(0, 3)} ${d.slice(3)}`),
  mobile.map(([p, d]) => `(+84) ${p.slice(1)}${d[0]} ${d.slice(1, 4)} ${d.slice(4)}`),
  fc.stringMatching(/^\d{8}$/).map((d) => `(024) ${d.slice(0, 4)} ${d.slice(4)}`),
  fc.stringMatching(/^\d{7}$/).map((d) => `0236.${d.slice(0, 3)}.${d.slice(3)}`),
  fc.stringMatching(/^\d{4}$/).map((d) => `1900 ${d}`),
  fc.stringMatching(/^\d{6}$/).map((d) => `1800 ${d.slice(0, 3)} ${d.slice(3)}`),
);
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9]{1,8}(\.[a-z0-9]{1,5})?$/),
    fc.constantFrom("gmail.com", "phuson.gov.vn", "thpt-cva.edu.vn", "yahoo.com.vn"),
    fc.constantFrom("@", "@", " (at) ", "[at]"),
  )
  .map(([local, domain, at]) => `${local}${at}${domain}`);

const filler = fc
  .array(fc.tuple(fc.constantFrom(...FILLER), fc.boolean()), { minLength: 1, maxLength: 8 })
  .map((ws) => ws.map(([w, cap]) => (cap ? w.charAt(0).toLocaleUpperCase("vi") + w.slice(1) : w)).join(" "));
const punctuation = fc.constantFrom(" ", ", ", ". ", ": ", "\n", "\n\n", " (", ") ", " – ", "; ");

/** Authors with their units, and a text that mentions them (and contact details) in many ways. */
const essay = fc
  .record({
    people: fc.array(fc.record({ person, unit, unitVariant: fc.nat(3) }), { minLength: 1, maxLength: 3 }),
    seeds: fc.array(fc.tuple(fc.nat(), fc.nat(9)), { minLength: 1, maxLength: 12 }),
    phones: fc.array(phone, { maxLength: 3 }),
    emails: fc.array(email, { maxLength: 2 }),
    nfd: fc.boolean(),
  })
  .chain(({ people, seeds, phones, emails, nfd }) =>
    fc
      .tuple(
        fc.tuple(...people.map((p) => fc.array(occurrence(p.person), { minLength: 1, maxLength: 4 }))),
        fc.array(filler, { minLength: seeds.length + phones.length + emails.length + 8, maxLength: seeds.length + phones.length + emails.length + 8 }),
        fc.array(punctuation, { minLength: 40, maxLength: 40 }),
      )
      .map(([mentions, fillers, marks]) => {
        const pieces = [
          ...mentions.flat(),
          ...people.map((p) => unitText(p.unit, p.unitVariant + 1)),
          ...phones,
          ...emails,
        ];
        // Shuffle deterministically by the drawn seeds, then interleave with filler words.
        const order = pieces.map((piece, i) => ({ piece, k: seeds[i % seeds.length]![0] + i * 7 })).sort((a, b) => a.k - b.k);
        let text = "";
        order.forEach(({ piece }, i) => {
          text += `${fillers[i]!}${marks[(2 * i) % marks.length]!}${piece}${marks[(2 * i + 1) % marks.length]!}`;
        });
        text += fillers[order.length]!;
        const authors: MaskAuthor[] = people.map((p) => ({ name: fullName(p.person), unit: unitText(p.unit, p.unitVariant) }));
        return { text: nfd ? text.normalize("NFD") : text, authors, people };
      }),
  );

// ───────────────────────────── properties ─────────────────────────────

describe("masking, properties", () => {
  it("leaves no word of any author's name or unit, no digit and no e-mail address in the text", () => {
    fc.assert(
      fc.property(essay, ({ text, authors, people }) => {
        const result = maskText(text, { authors, marker: MARK });
        const words = checkWords(result.text);
        const left = words.filter((w) => NAME_WORDS.has(w));
        expect(left).toEqual([]);
        // No diacritics-free form either: the checker's words are already diacritics-free, and no full name's run remains.
        for (const p of people) expect(containsRun(words, checkWords(fullName(p.person)))).toBe(false);
        expect(result.text).not.toMatch(/\d/);
        expect(result.text).not.toMatch(/@|\(at\)|\[at\]/);
        expectOnlyMatchesChanged(text, result);
      }),
      { numRuns: 300 },
    );
  });

  it("changes nothing in a text that mentions no term, e-mail address or phone number", () => {
    const text = fc.array(fc.tuple(filler, punctuation), { maxLength: 30 }).map((parts) => parts.flat().join(""));
    const authors = fc.array(
      fc.record({ person, unit }).map(({ person: p, unit: u }) => ({ name: fullName(p), unit: unitText(u, 0), email: "a@b.vn", phone: "0912345678" })),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(text, authors, (t, a) => {
        const result = maskText(t, { authors: a, extraTerms: ["Phú Sơn"], excludedTerms: ["đảng"], marker: MARK });
        expect(result).toEqual({ text: t, spans: [] });
      }),
    );
  });

  // Arbitrary text: Vietnamese letters, digits, punctuation, markers, names, numbers and addresses, glued in any order.
  const snippets = [MARK, MASK_MARKERS.en, "Nguyễn Thị Minh Khai", "Minh Khai", "MINH", "khai", "0912 345 678", "+84", "(024) 3825", "a@b.vn", "(at)", "UBND", "xã Phú Sơn", "Hồ", "đồng chí", "[", "]"];
  const chaos = fc
    .array(fc.oneof(fc.constantFrom(..."aAăâbcdđĐeêghiklmnoôơpqrstuưvxyKMNHỒ0123456789 \n.,@+()[]-&/:"), fc.constantFrom(...snippets)), { maxLength: 60 })
    .map((parts) => parts.join(""));
  const anyOptions: fc.Arbitrary<MaskOptions> = fc.record({
    authors: fc.array(
      fc.record({
        name: fc.oneof(person.map(fullName), fc.constantFrom("Minh Khai", "Khai", "Hồ Chí Minh", "")),
        unit: fc.constantFrom("", "UBND xã Phú Sơn", "Trường THPT Chu Văn An, huyện Phú Sơn", "UBND"),
        phone: fc.constantFrom("", "0912345678", "12345678"),
      }),
      { maxLength: 3 },
    ),
    extraTerms: fc.array(fc.oneof(fc.constantFrom(...snippets), chaos), { maxLength: 3 }),
    excludedTerms: fc.array(fc.oneof(fc.constantFrom(...snippets), chaos), { maxLength: 3 }),
    marker: fc.constantFrom(MASK_MARKERS.vi, MASK_MARKERS.en),
  });

  it("is idempotent: masking masked text changes nothing and finds nothing", () => {
    fc.assert(
      fc.property(fc.oneof(chaos, essay.map((e) => e.text)), anyOptions, (text, options) => {
        const once = maskText(text, options);
        const twice = maskText(once.text, options);
        expect(twice.text).toBe(once.text);
        expect(twice.spans).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("changes only the matches, each replaced by one marker, and reports them in order", () => {
    fc.assert(
      fc.property(fc.oneof(chaos, essay.map((e) => e.text)), anyOptions, (text, options) => {
        expectOnlyMatchesChanged(text, maskText(text, options), options.marker);
      }),
      { numRuns: 500 },
    );
  });

  it("masks every added term, and never an excluded automatic match", () => {
    fc.assert(
      fc.property(essay, fc.nat(), ({ text, authors }, pick) => {
        const all = maskText(text, { authors, marker: MARK });
        fc.pre(all.spans.length > 0);
        const excluded = all.spans[pick % all.spans.length]!;
        const after = maskText(text, { authors, excludedTerms: [excluded.original], marker: MARK });
        expect(after.spans.some((s) => s.kind === excluded.kind && s.key === excluded.key)).toBe(false);
        // An added term is masked wherever it stands, however it was written.
        const added = maskText(text, { authors: [], extraTerms: [plain(excluded.original).toUpperCase()], marker: MARK });
        expect(added.spans.map((s) => s.start)).toContain(excluded.start);
      }),
      { numRuns: 200 },
    );
  });
});

// ───────────────────────────── examples ─────────────────────────────

const KHAI: MaskAuthor = {
  name: "Nguyễn Thị Minh Khai",
  unit: "Ủy ban nhân dân xã Phú Sơn, huyện Đông Hòa",
  email: "minhkhai.ubnd@phuson.gov.vn",
  phone: "0912 345 678",
};
const VINH: MaskAuthor = { name: "Lê Quang Vinh", unit: "Trường THPT Lê Quý Đôn", email: "vinhlq@gmail.com", phone: "+84 986 123 456" };
const mask = (text: string, options: Partial<MaskOptions> = {}) => maskText(text, { authors: [KHAI, VINH], marker: MARK, ...options });
const masked = (text: string, options: Partial<MaskOptions> = {}) => mask(text, options).text;

describe("masking a realistic essay", () => {
  const essayText = [
    "BÀI DỰ THI",
    "BẢO VỆ NỀN TẢNG TƯ TƯỞNG CỦA ĐẢNG TRONG TÌNH HÌNH MỚI",
    "",
    "Nhóm tác giả: NGUYỄN THỊ MINH KHAI – LÊ QUANG VINH",
    "Đơn vị: UBND xã Phú Sơn, huyện Đông Hòa; Trường Trung học phổ thông Lê Quý Đôn",
    "Điện thoại: 0912.345.678 – 0986 123 456. E-mail: minhkhai.ubnd@phuson.gov.vn",
    "",
    "Tư tưởng Hồ Chí Minh là kim chỉ nam cho hành động. Tại Ủy ban nhân dân xã Phú Sơn, nơi chúng tôi công tác, đồng chí Trần Văn Bình, Chủ tịch UBND xã, thường nhắc: xây dựng xã hội văn minh bắt đầu từ mỗi người.",
    "",
    "Thầy Vinh ở trường THPT Lê Quý Đôn kể rằng người dân gọi đường dây nóng 1900 1234 hoặc số (0257) 3822 123 khi thấy tin xấu độc.",
    "",
    "Người viết",
    "Nguyễn Thị",
    "Minh Khai",
  ].join("\n");

  it("masks names across lines and in capitals, units in both spellings, phones and addresses, and nothing else", () => {
    expect(masked(essayText)).toBe(
      [
        "BÀI DỰ THI",
        "BẢO VỆ NỀN TẢNG TƯ TƯỞNG CỦA ĐẢNG TRONG TÌNH HÌNH MỚI",
        "",
        `Nhóm tác giả: ${MARK} – ${MARK}`,
        `Đơn vị: ${MARK}; ${MARK}`,
        `Điện thoại: ${MARK} – ${MARK}. E-mail: ${MARK}`,
        "",
        `Tư tưởng Hồ Chí Minh là kim chỉ nam cho hành động. Tại ${MARK}, nơi chúng tôi công tác, đồng chí Trần Văn Bình, Chủ tịch UBND xã, thường nhắc: xây dựng xã hội văn minh bắt đầu từ mỗi người.`,
        "",
        `Thầy ${MARK} ở ${MARK} kể rằng người dân gọi đường dây nóng ${MARK} hoặc số ${MARK} khi thấy tin xấu độc.`,
        "",
        "Người viết",
        MARK,
      ].join("\n"),
    );
  });

  it("reports each span with its kind and the text it replaced", () => {
    const { spans } = mask(essayText);
    expect(spans.map((s) => [s.kind, s.original])).toEqual([
      ["name", "NGUYỄN THỊ MINH KHAI"],
      ["name", "LÊ QUANG VINH"],
      ["unit", "UBND xã Phú Sơn, huyện Đông Hòa"],
      ["unit", "Trường Trung học phổ thông Lê Quý Đôn"],
      ["phone", "0912.345.678"],
      ["phone", "0986 123 456"],
      ["email", "minhkhai.ubnd@phuson.gov.vn"],
      ["unit", "Ủy ban nhân dân xã Phú Sơn"],
      ["name", "Vinh"],
      ["unit", "trường THPT Lê Quý Đôn"],
      ["phone", "1900 1234"],
      ["phone", "(0257) 3822 123"],
      ["name", "Nguyễn Thị\nMinh Khai"],
    ]);
    expect(summarizeSpans(spans).filter((s) => s.kind === "name")).toEqual([
      { kind: "name", key: "nguyen thi minh khai", original: "NGUYỄN THỊ MINH KHAI", count: 2 },
      { kind: "name", key: "le quang vinh", original: "LÊ QUANG VINH", count: 1 },
      { kind: "name", key: "vinh", original: "Vinh", count: 1 },
    ]);
  });

  it("writes the marker of the contest's language", () => {
    expect(maskText("Chị Minh Khai", { authors: [KHAI], marker: MASK_MARKERS.en }).text).toBe("Chị [masked]");
  });
});

describe("masking names", () => {
  it("finds the full name in any case, without diacritics, with extra spaces or split across lines", () => {
    for (const written of [
      "Nguyễn Thị Minh Khai",
      "NGUYỄN THỊ MINH KHAI",
      "nguyễn thị minh khai",
      "Nguyen Thi Minh Khai",
      "NGUYEN THI MINH KHAI",
      "Nguyễn  Thị   Minh Khai",
      "Nguyễn Thị\nMinh Khai",
      "Nguyễn\tThị \n Minh\n\nKhai",
      "Nguyễn Thị Minh Khai".normalize("NFD"),
      "Nguyễn Thị Minh Kh\u00adai",
    ]) {
      expect(masked(`Tác giả ${written}, nhóm 2.`), written).toBe(`Tác giả ${MARK}, nhóm 2.`);
    }
  });

  it("finds the name's parts and the given name after a title", () => {
    expect(masked("Chị Minh Khai cho rằng")).toBe(`Chị ${MARK} cho rằng`);
    expect(masked("THỊ MINH KHAI và Nguyễn Khai")).toBe(`${MARK} và ${MARK}`);
    expect(masked("đồng chí Khai, đ/c Khai, Đ/c Khai, cô giáo Khai, dong chi Khai")).toBe(
      `đồng chí ${MARK}, đ/c ${MARK}, Đ/c ${MARK}, cô giáo ${MARK}, dong chi ${MARK}`,
    );
    expect(masked("thầy Quang Vinh và anh Vinh")).toBe(`thầy ${MARK} và anh ${MARK}`);
  });

  it("never masks a lone surname or given name, nor ordinary words that are also name parts", () => {
    const text = "Nguyễn Văn Bình và Lê Duẩn; Khai mạc hội nghị; khai thác; xã hội văn minh; Đảng quang vinh; ANH HÙNG; Thị trường";
    expect(masked(text)).toBe(text);
    const civilised = maskText("Một xã hội Văn Minh, văn minh.", { authors: [{ name: "Nguyễn Văn Minh" }], marker: MARK });
    expect(civilised.text).toBe("Một xã hội Văn Minh, văn minh.");
  });

  it("does not mask a part of another person's name, nor a title word that is part of a name", () => {
    const minh = { name: "Phạm Chí Minh" };
    expect(maskText("Tư tưởng Hồ Chí Minh; TƯ TƯỞNG HỒ CHÍ MINH; Ho Chi Minh", { authors: [minh], marker: MARK }).text).toBe(
      "Tư tưởng Hồ Chí Minh; TƯ TƯỞNG HỒ CHÍ MINH; Ho Chi Minh",
    );
    expect(maskText("Anh Chí Minh, Phạm Chí Minh.", { authors: [minh], marker: MARK }).text).toBe(`Anh ${MARK}, ${MARK}.`);
    // "Bắc" is not the title "bác" once written with its diacritics.
    expect(maskText("tỉnh Bắc Ninh, bác Ninh", { authors: [{ name: "Trần Văn Ninh" }], marker: MARK }).text).toBe(`tỉnh Bắc Ninh, bác ${MARK}`);
  });
});

describe("masking units", () => {
  it("finds a unit in full and abbreviated spellings, any case, across punctuation and lines", () => {
    for (const written of [
      "UBND xã Phú Sơn",
      "Ủy ban nhân dân xã Phú Sơn",
      "Uỷ ban Nhân dân xã Phú Sơn",
      "ỦY BAN NHÂN DÂN XÃ PHÚ SƠN",
      "uy ban nhan dan xa phu son",
      "UBND xã\nPhú Sơn",
    ]) {
      expect(masked(`Công tác tại ${written}.`), written).toBe(`Công tác tại ${MARK}.`);
    }
    const school = { name: "Đỗ Hạnh", unit: "Sở GD&ĐT tỉnh Quảng Bình" };
    expect(maskText("Sở Giáo dục và Đào tạo tỉnh Quảng Bình; SỞ GD-ĐT TỈNH QUẢNG BÌNH", { authors: [school], marker: MARK }).text).toBe(`${MARK}; ${MARK}`);
  });

  it("masks an organisation named in a part of the unit, not a bare place nor a generic word", () => {
    const author = { name: "Bùi Lan", unit: "Phòng Văn hóa - Thông tin, UBND huyện Đông Hòa, tỉnh Phú Yên" };
    const text = "Phòng Văn hóa - Thông tin phối hợp với UBND huyện Đông Hòa; người dân tỉnh Phú Yên tin tưởng UBND các xã của huyện Đông Hòa.";
    expect(maskText(text, { authors: [author], marker: MARK }).text).toBe(
      `${MARK} phối hợp với ${MARK}; người dân tỉnh Phú Yên tin tưởng UBND các xã của huyện Đông Hòa.`,
    );
    // The whole unit, across its commas or a line break.
    expect(maskText("Phòng Văn hóa - Thông tin,\nUBND huyện Đông Hòa, tỉnh Phú Yên.", { authors: [author], marker: MARK }).text).toBe(`${MARK}.`);
  });
});

describe("masking contact details", () => {
  it("finds phone numbers in the usual formats, whoever's, and leaves other numbers", () => {
    const text =
      "Gọi 0912 345 678, 0912.345.678, 0912-345-678, 0912345678, +84 912 345 678, (+84) 912 345 678, +84 (0) 912 345 678, (024) 3825 1234, 024.3825.1234, 1900 1234, 1800 599 920.";
    const result = maskText(text, { authors: [], marker: MARK });
    expect(result.text).toBe(`Gọi ${Array(11).fill(MARK).join(", ")}.`);
    expect(new Set(result.spans.filter((s) => s.original.includes("912")).map((s) => s.key))).toEqual(new Set(["0912345678"]));
    const numbers = "Năm 2024 có 1.234.567 lượt, tăng 12,5%; Nghị quyết số 35-NQ/TW ngày 22/10/2018; số 0 1 2 3 4 5 6 7 8 9.";
    expect(maskText(numbers, { authors: [], marker: MARK }).text).toBe(numbers);
  });

  it("finds an author's own number in an unusual grouping", () => {
    const author = { name: "Vũ Nga", phone: "+1 415 555 0100" };
    expect(maskText("Số 1 415 555 0100 và 415-555-0100", { authors: [author], marker: MARK }).text).toBe(`Số ${MARK} và 415-555-0100`);
  });

  it("finds e-mail addresses, also written with (at), and not a word glued to one", () => {
    expect(masked("Thư gửi lan.nt@sogd.edu.vn, LAN (at) GMAIL.COM hoặc lan[at]yahoo.com.vn.")).toBe(`Thư gửi ${MARK}, ${MARK} hoặc ${MARK}.`);
  });
});

describe("the secretary's terms", () => {
  it("masks an added term in any case and without diacritics", () => {
    expect(masked("Bút danh Hoa Sen, hoa sen, HOA SEN, Hoa Sen.", { extraTerms: ["hoa sen"] })).toBe(`Bút danh ${MARK}, ${MARK}, ${MARK}, ${MARK}.`);
  });

  it("excludes an automatic term everywhere, by term and not by occurrence, and only that term", () => {
    const text = "ĐẢNG QUANG VINH. Quang Vinh và Lê Quang Vinh; gọi 1900 1234.";
    expect(masked(text)).toBe(`ĐẢNG ${MARK}. ${MARK} và ${MARK}; gọi ${MARK}.`);
    expect(masked(text, { excludedTerms: ["quang vinh", "1900.1234"] })).toBe(`ĐẢNG QUANG VINH. Quang Vinh và ${MARK}; gọi 1900 1234.`);
    // A unit is excluded in whichever spelling the secretary types.
    expect(masked("UBND xã Phú Sơn", { excludedTerms: ["Ủy ban nhân dân xã Phú Sơn"] })).toBe("UBND xã Phú Sơn");
  });

  it("excludes a full name with the parts inside it, unless something masked cuts into it", () => {
    const text = "Trụ sở ở đường Nguyễn Thị Minh Khai; chị Minh Khai viết.";
    expect(masked(text, { excludedTerms: ["Nguyễn Thị Minh Khai"] })).toBe(`Trụ sở ở đường Nguyễn Thị Minh Khai; chị ${MARK} viết.`);
    expect(masked(text, { excludedTerms: ["Nguyễn Thị Minh Khai"], extraTerms: ["Khai"] })).toBe(`Trụ sở ở đường Nguyễn ${MARK}; chị ${MARK} viết.`);
  });

  it("never lets an exclusion unmask an added term", () => {
    expect(masked("Hoa Sen", { extraTerms: ["Hoa Sen"], excludedTerms: ["Hoa Sen"] })).toBe(MARK);
  });
});
