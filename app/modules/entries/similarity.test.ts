import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "#app/utils/random";
import { vietnameseEssay } from "../../../bench/generators/vietnamese-text";
import {
  DEFAULT_SIMILARITY_OPTIONS,
  MIN_PASSAGE_WORDS,
  SIGNATURE_SIZE,
  SimilarityIndex,
  bandingProbability,
  candidatePairs,
  comparePair,
  findSimilarPairs,
  frequentShingles,
  hashKey,
  intersectionSize,
  jaccard,
  minHashSignature,
  segmentText,
  shingleSet,
  signatureSeeds,
  sortUint32,
  tokenKeys,
  tokenize,
  uniqueSorted,
  wordKey,
  type PairComparison,
} from "./similarity";
import { wordSpans } from "./words";

// Vietnamese-looking syllables, several hundred of them: random texts over them share no
// five-word run by chance.
const ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "t", "th", "tr", "v", "x"];
const RHYMES = ["a", "ai", "an", "anh", "ao", "âm", "ân", "ây", "em", "ên", "iêu", "inh", "oa", "oan", "ông", "ơi", "ung", "ương", "ưa", "uy"];
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const VOCABULARY = ONSETS.flatMap((o) => RHYMES.map((r, i) => (o + r.charAt(0) + TONES[(o.length + i) % TONES.length] + r.slice(1)).normalize("NFC")));

const words = (min: number, max: number) => fc.array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max });
const text = (ws: readonly string[]) => ws.join(" ");

/** The keys of the words inside [start, end) of a text. */
function keysIn(t: string, [start, end]: readonly [number, number]): string[] {
  return wordSpans(t.slice(start, end))
    .map(([s, e]) => wordKey(t.slice(start + s, start + e)))
    .filter(Boolean);
}

function compareTexts(a: string, b: string): PairComparison {
  return comparePair(tokenize(a), tokenize(b));
}

function essay(seed: number, minWords = 1500, maxWords = 2200) {
  return vietnameseEssay(seed, { minWords, maxWords, place: "huyện Sơn Hà" }).text;
}

describe("word keys", () => {
  it("fold case and the two tone placements, keep tones and vowel marks apart", () => {
    expect(wordKey("ĐẢNG")).toBe(wordKey("Đảng"));
    for (const [old, modern] of [["hoà", "hòa"], ["thuỷ", "thủy"], ["khoẻ", "khỏe"], ["Hoá", "hóa"], ["uỷ", "ủy"]] as const) {
      expect(wordKey(old), `${old}/${modern}`).toBe(wordKey(modern));
    }
    expect(wordKey("tiếng".normalize("NFD"))).toBe(wordKey("tiếng"));
    expect(wordKey("“diễn")).toBe(wordKey("diễn"));
    expect(wordKey("Đảng.")).toBe(wordKey("đảng"));
    for (const [x, y] of [["Đảng", "đang"], ["bán", "bạn"], ["bán", "ban"], ["đa", "da"], ["tư", "tu"], ["mặt", "mắt"]] as const) {
      expect(wordKey(x), `${x}/${y}`).not.toBe(wordKey(y));
    }
    for (const p of ["–", "—", "…", "“”", "(", "."]) expect(wordKey(p)).toBe("");
    expect(wordKey("2026")).toBe("2026");
  });

  it("hash the same whether a text is split first or the keys built from it", () => {
    const piece = fc.constantFrom("Đảng", "hoà", "hòa", "THUỶ", "tiếng".normalize("NFD"), "–", "“Xây”", "và", "2026", "x\u0301", "ĐÀ", "!");
    const gap = fc.constantFrom(" ", "\n\n", "\t", "\u00a0", " – ");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, gap), { maxLength: 40 }), (parts) => {
        const t = parts.map(([p, g]) => p + g).join("");
        const expected = wordSpans(t)
          .map(([s, e]) => wordKey(t.slice(s, e)))
          .filter(Boolean)
          .map(hashKey);
        expect([...tokenKeys(t)]).toEqual(expected);
        expect([...tokenize(t).keys]).toEqual(expected);
        expect([...tokenKeys(t.normalize("NFD"))]).toEqual(expected);
      }),
    );
  });

  it("locate each word in the original text", () => {
    const t = "  Bảo vệ – “nền tảng” tư tưởng.\n\nCủa Đảng";
    const tokens = tokenize(t);
    const located = [...tokens.starts].map((s, i) => t.slice(s, tokens.ends[i]));
    expect(located).toEqual(["Bảo", "vệ", "“nền", "tảng”", "tư", "tưởng.", "Của", "Đảng"]);
  });
});

describe("comparing two texts", () => {
  it("scores identical texts 1, with one passage over the whole text", () => {
    fc.assert(
      fc.property(words(MIN_PASSAGE_WORDS, 300), (ws) => {
        const t = text(ws);
        const r = compareTexts(t, t);
        expect(r.score).toBe(1);
        expect(r.passages).toHaveLength(1);
        expect(r.passages[0]!.a).toEqual([0, t.length]);
      }),
      { numRuns: 50 },
    );
    const e = essay(11);
    expect(compareTexts(e, e).score).toBe(1);
  });

  it("scores unrelated random texts near 0", () => {
    fc.assert(
      fc.property(words(200, 600), words(200, 600), (a, b) => {
        expect(compareTexts(text(a), text(b)).score).toBeLessThan(0.05);
      }),
      { numRuns: 50 },
    );
  });

  it("finds a passage copied into another text, with ranges on the same words in both", () => {
    fc.assert(
      fc.property(words(0, 200), words(0, 200), words(0, 200), words(0, 200), words(MIN_PASSAGE_WORDS, 150), (a1, a2, b1, b2, copied) => {
        const a = text([...a1, ...copied, ...a2]);
        const b = text([...b1, ...copied, ...b2]);
        const r = compareTexts(a, b);
        const passage = r.passages.find((p) => p.aWords[0] <= a1.length && p.aWords[1] >= a1.length + copied.length);
        expect(passage, "a passage covering the copied words").toBeDefined();
        expect(passage!.bWords[0]).toBeLessThanOrEqual(b1.length);
        expect(passage!.bWords[1]).toBeGreaterThanOrEqual(b1.length + copied.length);
        const keysA = keysIn(a, passage!.a);
        expect(keysA).toEqual(keysIn(b, passage!.b));
        expect(keysA.join(" ")).toContain(copied.map(wordKey).join(" "));
        expect(r.shareA).toBeGreaterThanOrEqual(copied.length / (a1.length + copied.length + a2.length) - 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it("scores a short essay copied whole into a longer one 1 (containment, not Jaccard)", () => {
    const short = essay(21, 600, 1000);
    const long = essay(22).split("\n\n");
    const host = [...long.slice(0, 5), short, ...long.slice(5)].join("\n\n");
    const r = compareTexts(short, host);
    expect(r.score).toBe(1);
    expect(r.shareA).toBe(1);
    expect(r.shareB).toBeLessThan(0.5);
    expect(jaccard(shingleSet(short), shingleSet(host))).toBeLessThan(0.5);
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(words(0, 150), words(0, 150), words(MIN_PASSAGE_WORDS, 80), words(0, 100), fc.boolean(), (x, y, shared, z, twice) => {
        const a = text([...x, ...shared, ...z]);
        const b = text([...y, ...shared, ...(twice ? shared : []), ...x.slice(0, 20)]);
        const ab = compareTexts(a, b);
        const ba = compareTexts(b, a);
        expect(ba.score).toBe(ab.score);
        expect([ba.shareA, ba.shareB]).toEqual([ab.shareB, ab.shareA]);
        const mirrored = ba.passages.map((p) => ({ a: p.b, b: p.a, aWords: p.bWords, bWords: p.aWords }));
        expect(mirrored.sort((p, q) => p.aWords[0] - q.aWords[0])).toEqual(ab.passages);
      }),
      { numRuns: 100 },
    );
  });

  it("merges a passage where the copier changed a word, and matches either tone placement", () => {
    const original = essay(31, 400, 800);
    const ws = original.split(" ");
    const edited = ws.map((w, i) => (i % 40 === 20 ? "ĐÃ_SỬA" : w)).join(" ");
    const r = compareTexts(original, edited);
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.passages.length).toBeLessThan(ws.length / 40 / 2);
    const retoned = "Hoà bình, thuỷ chung và khoẻ mạnh là những điều mà nhân dân ta luôn mong muốn.";
    const modern = "Hòa bình, thủy chung và khỏe mạnh là những điều mà nhân dân ta luôn mong muốn.";
    expect(compareTexts(retoned, modern).score).toBe(1);
  });
});

describe("sets of shingles", () => {
  it("sort and deduplicate 32-bit values", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 3000 }), (values) => {
        const expected = [...new Set(values)].sort((a, b) => a - b);
        expect([...uniqueSorted(Uint32Array.from(values))]).toEqual(expected);
        expect([...sortUint32(Uint32Array.from(values))]).toEqual([...values].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it("count their intersection", () => {
    const small = fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 200 });
    fc.assert(
      fc.property(small, small, (x, y) => {
        const inY = new Set(y);
        expect(intersectionSize(uniqueSorted(Uint32Array.from(x)), uniqueSorted(Uint32Array.from(y)))).toBe(x.filter((v) => inY.has(v)).length);
      }),
    );
  });
});

describe("stock phrases", () => {
  it("counts document frequencies exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (lists, limit) => {
        const sets = lists.map((l) => uniqueSorted(Uint32Array.from(l)));
        const counts = new Map<number, number>();
        for (const l of lists) for (const x of l) counts.set(x, (counts.get(x) ?? 0) + 1);
        const filter = frequentShingles(sets, limit);
        const expected = [...counts].filter(([, c]) => c > limit).map(([x]) => x);
        expect(filter.size).toBe(expected.length);
        for (const x of expected) expect(filter.has(x)).toBe(true);
        for (let x = 0; x <= 60; x++) if (!expected.includes(x)) expect(filter.has(x)).toBe(false);
      }),
    );
    expect(() => frequentShingles([], 0)).toThrow(RangeError);
  });

  it("do not make essays that merely quote the same slogans similar", () => {
    const rng = seededRandom(5);
    const pick = () => VOCABULARY[Math.floor(rng() * VOCABULARY.length)]!;
    const slogan = "kiên quyết đấu tranh, phản bác các quan điểm sai trái, thù địch của các thế lực thù địch";
    const docs = Array.from({ length: 30 }, (_, i) => ({
      id: `d${i}`,
      text: [Array.from({ length: 150 }, pick).join(" "), slogan, Array.from({ length: 150 }, pick).join(" ")].join("\n\n"),
    }));
    // Two of them also share a passage of their own.
    const copied = Array.from({ length: 60 }, pick).join(" ");
    docs[3]!.text += `\n\n${copied}`;
    docs[17]!.text += `\n\n${copied}`;
    const { pairs } = findSimilarPairs(docs, 0.05);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([["d3", "d17"]]);
    expect(pairs[0]!.passages).toHaveLength(1); // the copied passage; the slogan alone is no passage
  });
});

describe("MinHash and LSH", () => {
  const u32 = (random: () => number) => Math.floor(random() * 4294967296);
  /** Two sets of `size` values with Jaccard index j. */
  function pairWithJaccard(random: () => number, size: number, j: number): [Uint32Array, Uint32Array, number] {
    const shared = Math.round((2 * j * size) / (1 + j));
    const common = Array.from({ length: shared }, () => u32(random));
    const a = uniqueSorted(Uint32Array.from([...common, ...Array.from({ length: size - shared }, () => u32(random))]));
    const b = uniqueSorted(Uint32Array.from([...common, ...Array.from({ length: size - shared }, () => u32(random))]));
    return [a, b, jaccard(a, b)];
  }

  it("agrees on each position with probability the Jaccard index", () => {
    const random = seededRandom(1);
    for (const j of [0.1, 0.3, 0.6]) {
      let same = 0;
      let exactSum = 0;
      const trials = 100;
      for (let t = 0; t < trials; t++) {
        const seeds = signatureSeeds(t + 1);
        const [a, b, exact] = pairWithJaccard(random, 800, j);
        const sa = minHashSignature(a, seeds)!;
        const sb = minHashSignature(b, seeds)!;
        for (let i = 0; i < SIGNATURE_SIZE; i++) if (sa[i] === sb[i]) same++;
        exactSum += exact;
      }
      // 25,600 positions per j: the standard error is below 0.004.
      expect(Math.abs(same / (trials * SIGNATURE_SIZE) - exactSum / trials)).toBeLessThan(0.015);
    }
  });

  it("finds pairs as candidates with the probability the banding predicts", () => {
    const random = seededRandom(2);
    const trials = 500;
    for (const j of [0.08, 0.12, 0.16, 0.2, 0.3]) {
      let found = 0;
      let predicted = 0;
      for (let t = 0; t < trials; t++) {
        const seeds = signatureSeeds(1000 + t);
        const [a, b, exact] = pairWithJaccard(random, 600 + (t % 5) * 300, j);
        predicted += bandingProbability(exact);
        if (candidatePairs([minHashSignature(a, seeds), minHashSignature(b, seeds)]).length === 2) found++;
      }
      const p = predicted / trials;
      const sd = Math.sqrt((p * (1 - p)) / trials);
      expect(Math.abs(found / trials - p), `j=${j}: found ${found / trials}, predicted ${p.toFixed(3)}`).toBeLessThanOrEqual(4 * sd + 0.01);
    }
    expect(bandingProbability(0.2)).toBeGreaterThan(0.99);
    expect(bandingProbability(0.02)).toBeLessThan(0.06);
  });

  it("lists each candidate pair once, sorted, leaving out documents without a signature and pairs of earlier documents", () => {
    const seeds = signatureSeeds(3);
    const same = minHashSignature(Uint32Array.from([1, 2, 3, 4]), seeds);
    const other = minHashSignature(Uint32Array.from([900, 901, 902]), seeds);
    expect([...candidatePairs([same, null, same, other, same])]).toEqual([0, 2, 0, 4, 2, 4]);
    // Documents 0 and 1 are both earlier: never a pair.
    expect([...candidatePairs([same, same, same], undefined, undefined, Uint8Array.from([1, 1, 0]))]).toEqual([0, 2, 1, 2]);
  });

  it("is deterministic for a seed", () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, text: essay(100 + (i % 6), 300, 700) }));
    const run = (seed: number) => {
      const r = findSimilarPairs(docs, 0.2, { seed });
      return { candidates: r.search.candidates, pairs: r.pairs.map((p) => [p.a, p.b, p.score, p.passages]) };
    };
    expect(run(7)).toEqual(run(7));
    const set = shingleSet(docs[0]!.text);
    expect(minHashSignature(set, signatureSeeds(7))).toEqual(minHashSignature(set, signatureSeeds(7)));
    expect(minHashSignature(set, signatureSeeds(7))).not.toEqual(minHashSignature(set, signatureSeeds(8)));
    // Six texts, each twice: the six identical pairs, whatever the seed.
    for (const seed of [7, 8]) {
      const pairs = run(seed).pairs;
      expect(pairs.map(([a, b]) => [a, b])).toEqual(Array.from({ length: 6 }, (_, i) => [`e${i}`, `e${i + 6}`]));
      expect(pairs.every(([, , score]) => score === 1)).toBe(true);
    }
  });
});

describe("a corpus", () => {
  it("compares earlier documents with current ones only, the current one first", () => {
    const rng = seededRandom(41);
    const randomText = () => Array.from({ length: 300 }, () => VOCABULARY[Math.floor(rng() * VOCABULARY.length)]!).join(" ");
    const a = randomText();
    const b = randomText();
    const { pairs } = findSimilarPairs(
      [
        { id: "old1", text: a, earlier: true },
        { id: "old2", text: a, earlier: true },
        { id: "new1", text: b },
        { id: "new2", text: a },
        { id: "new3", text: b },
      ],
      0.2,
    );
    expect(pairs.map((p) => [p.a, p.b]).sort()).toEqual([
      ["new1", "new3"],
      ["new2", "old1"],
      ["new2", "old2"],
    ]);
  });

  it("keeps unrelated essays of the generator below the reporting threshold, planted copies above", () => {
    const docs = Array.from({ length: 60 }, (_, i) => ({ id: `e${i}`, text: essay(500 + i, 800, 1300) }));
    const source = docs[10]!.text.split("\n\n");
    const own = docs[40]!.text.split("\n\n");
    docs[40]!.text = own.map((p, i) => (i % 2 === 1 && source[i] ? source[i] : p)).join("\n\n");
    const { pairs } = findSimilarPairs(docs, 0.2);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([["e10", "e40"]]);
    expect(pairs[0]!.score).toBeGreaterThan(0.3);
  });

  it("refuses to add after searching, and to search twice", () => {
    const index = new SimilarityIndex();
    index.add("a", "một hai ba bốn năm sáu bảy tám");
    index.search();
    expect(() => index.add("b", "x")).toThrow();
    expect(() => index.search()).toThrow();
    expect(index.options).toEqual(DEFAULT_SIMILARITY_OPTIONS);
  });
});

describe("segmenting a text for display", () => {
  it("cuts paragraphs into marked and plain segments that put the text back together", () => {
    const t = "Mở đầu bài viết.\n\nĐoạn hai có câu chép lại nguyên văn. Và câu khác.\n \nĐoạn ba.";
    const copiedStart = t.indexOf("câu chép");
    const copiedEnd = t.indexOf(" Và");
    const crossing = [t.indexOf("khác."), t.indexOf("ba.")] as const;
    const paragraphs = segmentText(t, [
      [copiedStart, copiedEnd],
      [crossing[0], crossing[1]],
    ]);
    expect(paragraphs.map((p) => p.map((s) => s.text).join(""))).toEqual(["Mở đầu bài viết.", "Đoạn hai có câu chép lại nguyên văn. Và câu khác.", "Đoạn ba."]);
    expect(paragraphs[1]!.filter((s) => s.passage === 1).map((s) => s.text)).toEqual(["câu chép lại nguyên văn."]);
    expect(paragraphs[1]!.filter((s) => s.passage === 2).map((s) => s.text)).toEqual(["khác."]);
    expect(paragraphs[2]!.filter((s) => s.passage === 2).map((s) => s.text)).toEqual(["Đoạn "]);
  });
});
