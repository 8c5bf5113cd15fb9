// Near-duplicate detection between essays (issue 4, item 7). Pure functions over plain data: no
// database, no clock, no randomness but the seed passed in. The server side is
// originality.server.ts; the figures are in BENCHMARKS.md.
//
// 1. Words. The tokens of words.ts (whitespace-separated, as a word processor counts them), each
//    reduced to a key character by character: canonical decomposition (NFD), lower case,
//    punctuation dropped (a token of punctuation only, such as "–", is no word here), vowel marks
//    kept (â ă ê ô ơ ư and đ are letters of their own), and tone marks moved to the end of the
//    syllable. Keeping tones matters in Vietnamese: "Đảng"/"đang", "bán"/"bạn"/"ban" are
//    different words, and folding them would make unrelated essays look alike. Moving the tone
//    makes the two spellings of one syllable in use ("hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe")
//    one key, and decomposing makes pre-composed and combining input (Unikey, VNI, text extracted
//    from PDF) one key too. A text stripped of its diacritics is not matched to its original:
//    such a text would not be accepted as a Vietnamese essay anyway.
// 2. Shingles: every run of SHINGLE_WORDS consecutive keys, hashed to 32 bits. Vietnamese writes
//    syllables apart, so five tokens are two or three words of meaning: a phrase, long enough not
//    to recur by chance, short enough that a word changed here and there leaves most shingles.
// 3. Stock phrases. Essays of the genre all quote the same resolutions and slogans ("kiên quyết
//    đấu tranh, phản bác các quan điểm sai trái, thù địch"); a shingle found in more than
//    max(STOCK_MIN_DOCUMENTS, STOCK_SHARE × documents) documents is such a phrase, not copying
//    between two entries. Stock shingles are left out of signatures, and a passage made of stock
//    phrases only is dropped (they still count inside a passage that has wording of its own).
//    Document frequencies are counted in a two-row count-min sketch, then exactly for the
//    shingles it flags, so memory stays bounded whatever the corpus (a JavaScript Map holds at
//    most 2^24 keys; 20,000 essays have 40 million shingles). The limit of the method: a text
//    copied by more entrants than that limit (six copies in a contest of a hundred) reads as
//    common wording too.
// 4. MinHash signatures of SIGNATURE_SIZE values over a document's other shingles, by one
//    permutation hashing with optimal densification (minHashSignature): seeded, deterministic, and
//    two documents agree on any one value with probability equal to the Jaccard index of their
//    shingle sets, as with 256 independent hash functions, for one hash per shingle instead of
//    256 (20,000 essays of 2,000 words: 40 million hashes instead of ten billion).
// 5. LSH banding: LSH_BANDS bands of LSH_ROWS values; documents agreeing on a whole band are
//    candidates, found by sorting band keys, never by comparing all pairs. A pair of Jaccard index
//    j is a candidate with probability 1 − (1 − j^r)^b (bandingProbability): with 128 × 2, 72 % at
//    0.1, 95 % at 0.15, 99.5 % at 0.2. A quarter of an essay copied into another of the same
//    length is a Jaccard index of about 0.14.
// 6. Exact measures on candidates: the containment of their shingle sets first (cheap, discards
//    chance agreements below VERIFY_MIN_CONTAINMENT), then passage alignment by greedy string
//    tiling (as plagiarism checkers do): maximal common runs of words through shared shingles,
//    taken longest first without reusing a word on either side, runs shorter than
//    MIN_PASSAGE_WORDS dropped, and runs that follow each other on both sides with at most
//    PASSAGE_GAP_WORDS words between them (a word changed by the copier) merged into one
//    readable passage.
//
// The stored score of a pair is a containment, not a Jaccard index: the share of words lying
// in shared passages, taken on the side where it is larger, max(shareA, shareB). A 700-word essay
// copied whole into a 2,000-word one scores 1 (all of it is copied), where its Jaccard index would
// be 0.35. It is symmetric, reads as "x % of one essay is found in the other", and is exactly
// what the side-by-side view highlights.
import { seededRandom } from "#app/utils/random";
import { forEachWord } from "./words";

export const SHINGLE_WORDS = 5;
export const LSH_BANDS = 128;
export const LSH_ROWS = 2;
export const SIGNATURE_SIZE = LSH_BANDS * LSH_ROWS;
export const MIN_PASSAGE_WORDS = 8;
export const PASSAGE_GAP_WORDS = 3;
export const STOCK_MIN_DOCUMENTS = 5;
export const STOCK_SHARE = 0.05;
/** Candidates whose shingle containment is below this are not aligned (chance agreement). */
export const VERIFY_MIN_CONTAINMENT = 0.1;
export const DEFAULT_SEED = 0x6f726967;

export interface SimilarityOptions {
  shingleWords: number;
  bands: number;
  rows: number;
  seed: number;
  minPassageWords: number;
  passageGapWords: number;
  stockMinDocuments: number;
  stockShare: number;
  verifyMinContainment: number;
}

export const DEFAULT_SIMILARITY_OPTIONS: Readonly<SimilarityOptions> = Object.freeze({
  shingleWords: SHINGLE_WORDS,
  bands: LSH_BANDS,
  rows: LSH_ROWS,
  seed: DEFAULT_SEED,
  minPassageWords: MIN_PASSAGE_WORDS,
  passageGapWords: PASSAGE_GAP_WORDS,
  stockMinDocuments: STOCK_MIN_DOCUMENTS,
  stockShare: STOCK_SHARE,
  verifyMinContainment: VERIFY_MIN_CONTAINMENT,
});

// ───────────────────────────── words ─────────────────────────────

/** The five Vietnamese tone marks as combining characters: huyền, sắc, ngã, hỏi, nặng. */
function isTone(c: number): boolean {
  return c === 0x300 || c === 0x301 || c === 0x303 || c === 0x309 || c === 0x323;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * What one character (UTF-16 code unit) contributes to a word's key: its canonical decomposition
 * (NFD), lower-cased, split into the letters and marks that stay in place (at most LETTER_SLOTS
 * code units) and the tone marks that go to the end (at most TONE_SLOTS); punctuation and symbols
 * contribute nothing. Per character, so keys do not depend on how the text was composed
 * (pre-composed "ệ" or "e" + combining marks give the same key) and offsets stay those of the
 * original text. Worked out on first use of each character and kept in flat tables.
 */
const LETTER_SLOTS = 4;
const TONE_SLOTS = 2;
const known = new Uint8Array(0x10000);
const letterUnits = new Uint16Array(0x10000 * LETTER_SLOTS); // 0: no more
const toneUnits = new Uint16Array(0x10000 * TONE_SLOTS);

function learn(c: number) {
  const decomposed = String.fromCharCode(c).normalize("NFD").toLowerCase();
  let l = 0;
  let t = 0;
  for (const ch of decomposed) {
    const u = ch.charCodeAt(0);
    if (isTone(u)) {
      if (t < TONE_SLOTS) toneUnits[c * TONE_SLOTS + t++] = u;
    } else if (WORD_CHAR.test(ch) && l < LETTER_SLOTS) letterUnits[c * LETTER_SLOTS + l++] = u;
  }
  known[c] = 1;
}

interface CharKey {
  letters: string;
  tones: string;
}

function charKey(c: number): CharKey {
  if (!known[c]) learn(c);
  let letters = "";
  let tones = "";
  for (let i = 0; i < LETTER_SLOTS && letterUnits[c * LETTER_SLOTS + i]; i++) letters += String.fromCharCode(letterUnits[c * LETTER_SLOTS + i]!);
  for (let i = 0; i < TONE_SLOTS && toneUnits[c * TONE_SLOTS + i]; i++) tones += String.fromCharCode(toneUnits[c * TONE_SLOTS + i]!);
  return { letters, tones };
}

/** ASCII letters and digits, lower-cased; 0 for anything else (punctuation, spaces, symbols). */
function asciiKey(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return c;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  return 0;
}

/**
 * The comparison key of a token: lower case, canonical decomposition, punctuation dropped, tone
 * marks moved to the end (see the header). "" when the token holds no letter or digit.
 */
export function wordKey(token: string): string {
  let letters = "";
  let tones = "";
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x80) {
      const a = asciiKey(c);
      if (a) letters += String.fromCharCode(a);
    } else {
      const k = charKey(c);
      letters += k.letters;
      tones += k.tones;
    }
  }
  return letters === "" ? "" : letters + tones;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Marks "no key" (the token has no letter or digit); hashes of keys never take this value. */
const NO_KEY = 0;

/** The hash of a key given as a string (wordKey's output): FNV-1a over its code units, mixed. */
export function hashKey(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return fmix32(h) || 1;
}

/** hashKey(wordKey(text.slice(start, end))) without building strings; NO_KEY without letters. */
function keyHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  let letters = false;
  let tones = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const a = asciiKey(c);
      if (a) {
        h = Math.imul(h ^ a, FNV_PRIME);
        letters = true;
      }
      continue;
    }
    if (!known[c]) learn(c);
    for (let x = c * LETTER_SLOTS, e = x + LETTER_SLOTS; x < e; x++) {
      const u = letterUnits[x]!;
      if (u === 0) break;
      h = Math.imul(h ^ u, FNV_PRIME);
      letters = true;
    }
    if (toneUnits[c * TONE_SLOTS]) tones = true;
  }
  if (!letters) return NO_KEY;
  if (tones) {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) continue;
      for (let x = c * TONE_SLOTS, e = x + TONE_SLOTS; x < e; x++) {
        const u = toneUnits[x]!;
        if (u === 0) break;
        h = Math.imul(h ^ u, FNV_PRIME);
      }
    }
  }
  return fmix32(h) || 1;
}

/** A text's words that have a key: the keys' hashes and each word's [start, end) in the text. */
export interface Tokens {
  readonly keys: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** The words of a text (words.ts) that have a key, with where they are in it. */
export function tokenize(text: string): Tokens {
  const cap = Math.ceil(text.length / 2) + 1;
  const keys = new Uint32Array(cap);
  const starts = new Uint32Array(cap);
  const ends = new Uint32Array(cap);
  let n = 0;
  forEachWord(text, (start, end) => {
    const h = keyHash(text, start, end);
    if (h === NO_KEY) return;
    keys[n] = h;
    starts[n] = start;
    ends[n] = end;
    n++;
  });
  return { keys: keys.slice(0, n), starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

/** tokenize(text).keys, without the offsets: what shingles are made of. */
export function tokenKeys(text: string): Uint32Array {
  const keys = new Uint32Array(Math.ceil(text.length / 2) + 1);
  let n = 0;
  forEachWord(text, (start, end) => {
    const h = keyHash(text, start, end);
    if (h !== NO_KEY) keys[n++] = h;
  });
  return keys.slice(0, n);
}

// ───────────────────────────── shingles ─────────────────────────────

/** The hash of the shingle starting at each word (length: words − k + 1, or 0). */
export function shingleHashes(keys: Uint32Array, k: number = SHINGLE_WORDS): Uint32Array {
  const n = Math.max(0, keys.length - k + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c ^ k;
    for (let t = 0; t < k; t++) {
      h = Math.imul(h ^ keys[i + t]!, 0x5bd1e995);
      h ^= h >>> 13;
    }
    out[i] = fmix32(h);
  }
  return out;
}

/**
 * Sorts 32-bit values in place: least-significant-digit radix sort, three passes of 11 bits
 * (TypedArray.prototype.sort is several times slower on a few thousand values, and this runs
 * once per essay).
 */
export function sortUint32(values: Uint32Array): Uint32Array {
  const n = values.length;
  if (n < 64) return values.sort();
  let from: Uint32Array = values;
  let to: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(from[i]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = from[i]!;
      to[counts[(v >>> shift) & 2047]!++] = v;
    }
    [from, to] = [to, from];
  }
  if (from !== values) values.set(from);
  return values;
}

/** Sorted distinct values (a sorted copy; `values` is left as it is). */
export function uniqueSorted(values: Uint32Array): Uint32Array {
  const sorted = sortUint32(values.slice());
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** The distinct shingles of a text, sorted. */
export function shingleSet(text: string, k: number = SHINGLE_WORDS): Uint32Array {
  return uniqueSorted(shingleHashes(tokenKeys(text), k));
}

/**
 * |a ∩ b| for two sorted sets of distinct values. Branch-free merge: on sets that share few
 * values (most candidate pairs) it runs well over twice as fast as comparing with if/else.
 */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  const na = a.length;
  const nb = b.length;
  while (i < na && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    count += +(x === y);
    i += +(x <= y);
    j += +(y <= x);
  }
  return count;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

// ───────────────────────────── stock phrases ─────────────────────────────

/** Documents above which a shingle is a stock phrase, for a corpus of `documents`. */
export function stockLimit(documents: number, options: Pick<SimilarityOptions, "stockMinDocuments" | "stockShare"> = DEFAULT_SIMILARITY_OPTIONS): number {
  return Math.max(options.stockMinDocuments, Math.ceil(options.stockShare * documents));
}

/** A set of shingles that can only be asked whether it holds one (stock phrases). */
export interface ShingleFilter {
  readonly size: number;
  has(shingle: number): boolean;
}

/**
 * The shingles found in more than `limit` of the sets (each a document's distinct shingles).
 * Exact: a count-min sketch (two rows of 16-bit counters, sized so that a counter averages a
 * quarter of the limit) flags the shingles that may exceed the limit, which are then counted
 * exactly. The sketch stays in front of the exact set, so asking about a rare shingle is one or
 * two array reads. The rows stay small (a few hundred kilobytes for 20,000 essays), which keeps
 * the counting in the processor's cache.
 */
export function frequentShingles(sets: readonly Uint32Array[], limit: number): ShingleFilter {
  if (!(limit >= 1)) throw new RangeError("limit must be at least 1");
  let total = 0;
  for (const s of sets) total += s.length;
  let width = 1024;
  while (width < (4 * total) / limit) width *= 2;
  const mask = width - 1;
  const row1 = new Uint16Array(width);
  const row2 = new Uint16Array(width);
  const slot2 = (h: number) => fmix32(h ^ 0x2545f491) & mask;
  for (const s of sets) {
    for (let i = 0; i < s.length; i++) {
      const h = s[i]!;
      const a = h & mask;
      const b = slot2(h);
      if (row1[a]! < 0xffff) row1[a]!++;
      if (row2[b]! < 0xffff) row2[b]!++;
    }
  }
  const mayExceed = (h: number) => row1[h & mask]! > limit && row2[slot2(h)]! > limit;
  const counts = new Map<number, number>();
  for (const s of sets) {
    for (let i = 0; i < s.length; i++) {
      const h = s[i]!;
      if (mayExceed(h)) counts.set(h, (counts.get(h) ?? 0) + 1);
    }
  }
  const frequent = new Set<number>();
  for (const [h, count] of counts) if (count > limit) frequent.add(h);
  return { size: frequent.size, has: (h) => mayExceed(h) && frequent.has(h) };
}

/** A sorted set without the stock shingles. */
function withoutStock(set: Uint32Array, stock: ShingleFilter): Uint32Array {
  const out = new Uint32Array(set.length);
  let n = 0;
  for (let i = 0; i < set.length; i++) if (!stock.has(set[i]!)) out[n++] = set[i]!;
  return n === set.length ? set : out.slice(0, n);
}

// ───────────────────────────── MinHash and LSH ─────────────────────────────

/** The seeds of a signature's hash functions, deterministic from `seed`. */
export interface SignatureSeeds {
  /** Bin and value of a shingle. */
  readonly shingle: number;
  /** Where an empty bin borrows from. */
  readonly borrow: number;
  readonly size: number;
  readonly shift: number;
}

export function signatureSeeds(seed: number, size: number = SIGNATURE_SIZE): SignatureSeeds {
  const shift = 32 - Math.log2(size);
  if (!Number.isInteger(shift) || shift < 1 || shift > 31) throw new RangeError("signature size must be a power of two, 2..2^31");
  const random = seededRandom(seed);
  return { shingle: Math.floor(random() * 4294967296), borrow: Math.floor(random() * 4294967296), size, shift };
}

/**
 * The MinHash signature of a set of shingles, by one permutation hashing with optimal
 * densification (Shrivastava, ICML 2017): one seeded hash per shingle sends it to one of `size`
 * bins and ranks it there; each bin keeps its smallest hash; an empty bin takes the value of the
 * first non-empty bin of its own seeded sequence of bins. Two sets agree on any one position with
 * probability equal to their Jaccard index, as with `size` independent hash functions, at the cost
 * of one hash per shingle instead of `size`. Null for an empty set.
 */
export function minHashSignature(shingles: Uint32Array, seeds: SignatureSeeds): Uint32Array | null {
  if (shingles.length === 0) return null;
  const { size, shift } = seeds;
  const sig = new Uint32Array(size);
  const filled = new Uint8Array(size);
  for (let j = 0; j < shingles.length; j++) {
    const h = fmix32(shingles[j]! ^ seeds.shingle);
    const bin = h >>> shift;
    if (!filled[bin] || h < sig[bin]!) {
      sig[bin] = h;
      filled[bin] = 1;
    }
  }
  for (let bin = 0; bin < size; bin++) {
    if (filled[bin]) continue;
    for (let attempt = 1; ; attempt++) {
      const from = fmix32(seeds.borrow ^ Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> shift;
      if (filled[from]) {
        sig[bin] = sig[from]!;
        break;
      }
    }
  }
  return sig;
}

/** The probability that a pair of Jaccard index `j` shares at least one band. */
export function bandingProbability(j: number, bands: number = LSH_BANDS, rows: number = LSH_ROWS): number {
  return 1 - (1 - j ** rows) ** bands;
}

const INDEX_BITS = 2 ** 21; // documents per run, at most about two million

/**
 * Pairs of documents (indexes into `signatures`) that agree on every value of at least one band,
 * each once, sorted, flattened: [i0, j0, i1, j1, ...] with i < j. Documents without a signature
 * take no part; two documents both marked in `earlier` are never a pair. Band keys are sorted,
 * so the cost follows the number of documents and of pairs found, never all pairs.
 */
export function candidatePairs(
  signatures: readonly (Uint32Array | null)[],
  bands: number = LSH_BANDS,
  rows: number = LSH_ROWS,
  earlier?: Uint8Array,
): Uint32Array {
  const count = signatures.length;
  if (count >= INDEX_BITS) throw new RangeError("too many documents for one run");
  const present: number[] = [];
  signatures.forEach((s, i) => {
    if (s) {
      if (s.length < bands * rows) throw new RangeError("signature shorter than bands × rows");
      present.push(i);
    }
  });
  const keys = new Float64Array(present.length);
  let codes = new Float64Array(1024);
  let n = 0;
  for (let band = 0; band < bands; band++) {
    for (let p = 0; p < present.length; p++) {
      const doc = present[p]!;
      const sig = signatures[doc]!;
      let h = 0x3c6ef372 ^ band;
      for (let r = 0; r < rows; r++) h = fmix32(Math.imul(h ^ sig[band * rows + r]!, 0x27d4eb2f));
      keys[p] = h * INDEX_BITS + doc;
    }
    keys.sort();
    for (let start = 0; start < keys.length; ) {
      const bucket = Math.floor(keys[start]! / INDEX_BITS);
      let end = start + 1;
      while (end < keys.length && Math.floor(keys[end]! / INDEX_BITS) === bucket) end++;
      for (let x = start; x < end; x++) {
        const i = keys[x]! % INDEX_BITS;
        for (let y = x + 1; y < end; y++) {
          const j = keys[y]! % INDEX_BITS; // > i: keys sort by document within a bucket
          if (earlier && earlier[i] && earlier[j]) continue;
          if (n === codes.length) {
            const grown = new Float64Array(codes.length * 2);
            grown.set(codes);
            codes = grown;
          }
          codes[n++] = i * count + j;
        }
      }
      start = end;
    }
  }
  const sorted = codes.subarray(0, n).sort();
  let unique = 0;
  for (let x = 0; x < sorted.length; x++) if (x === 0 || sorted[x] !== sorted[x - 1]) unique++;
  const out = new Uint32Array(unique * 2);
  let o = 0;
  for (let x = 0; x < sorted.length; x++) {
    if (x > 0 && sorted[x] === sorted[x - 1]) continue;
    const code = sorted[x]!;
    out[o++] = Math.floor(code / count);
    out[o++] = code % count;
  }
  return out;
}

// ───────────────────────────── passages ─────────────────────────────

/** A passage found in both texts: character ranges [start, end) and word ranges (indexes into Tokens). */
export interface Passage {
  a: [number, number];
  b: [number, number];
  aWords: [number, number];
  bWords: [number, number];
}

export interface PairComparison {
  /** max(shareA, shareB), rounded to 4 decimals. */
  score: number;
  /** Share of each text's words inside the passages. */
  shareA: number;
  shareB: number;
  wordsA: number;
  wordsB: number;
  /** In the order of text A. */
  passages: Passage[];
}

interface Run {
  a: number;
  b: number;
  len: number;
}

/** Runs ordered longest first, then by position in A, then in B. */
function runBefore(x: Run, y: Run): boolean {
  if (x.len !== y.len) return x.len > y.len;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

class RunHeap {
  private items: Run[] = [];
  get size() {
    return this.items.length;
  }
  push(run: Run) {
    const items = this.items;
    items.push(run);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!runBefore(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): Run {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && runBefore(items[l]!, items[best]!)) best = l;
        if (r < items.length && runBefore(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}

/** -1, 0, 1: a fixed order of two token sequences, so that comparing (a, b) and (b, a) is one computation. */
function compareTokens(a: Tokens, b: Tokens): number {
  if (a.keys.length !== b.keys.length) return a.keys.length < b.keys.length ? -1 : 1;
  for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return a.keys[i]! < b.keys[i]! ? -1 : 1;
  return 0;
}

const NO_STOCK: ShingleFilter = { size: 0, has: () => false };

/**
 * The passages two texts share and their score (see the header). `stock`: shingles that may not
 * start a passage (stock phrases of the corpus). Symmetric: swapping a and b swaps the sides.
 */
export function comparePair(
  a: Tokens,
  b: Tokens,
  stock: ShingleFilter = NO_STOCK,
  options: Pick<SimilarityOptions, "shingleWords" | "minPassageWords" | "passageGapWords"> = DEFAULT_SIMILARITY_OPTIONS,
): PairComparison {
  if (compareTokens(a, b) > 0) {
    const swapped = comparePair(b, a, stock, options);
    return {
      score: swapped.score,
      shareA: swapped.shareB,
      shareB: swapped.shareA,
      wordsA: swapped.wordsB,
      wordsB: swapped.wordsA,
      passages: swapped.passages
        .map((p) => ({ a: p.b, b: p.a, aWords: p.bWords, bWords: p.aWords }))
        .sort((x, y) => x.aWords[0] - y.aWords[0]),
    };
  }
  const k = options.shingleWords;
  const minLen = Math.max(options.minPassageWords, k);
  const A = a.keys;
  const B = b.keys;
  const shA = shingleHashes(A, k);
  const shB = shingleHashes(B, k);

  // Where each shingle of B starts.
  const inB = new Map<number, number[]>();
  for (let j = 0; j < shB.length; j++) {
    const h = shB[j]!;
    const list = inB.get(h);
    if (list) list.push(j);
    else inB.set(h, [j]);
  }

  // Maximal common runs through each shared shingle, one per diagonal stretch.
  const runs: Run[] = [];
  const coveredUntil = new Map<number, number>(); // diagonal (i − j) → end of its last run in A
  for (let i = 0; i < shA.length; i++) {
    const positions = inB.get(shA[i]!);
    if (!positions) continue;
    for (const j of positions) {
      const diagonal = i - j;
      if ((coveredUntil.get(diagonal) ?? -1) > i) continue;
      let same = true;
      for (let t = 0; t < k && same; t++) same = A[i + t] === B[j + t];
      if (!same) continue; // a hash collision, not a shared shingle
      let start = i;
      while (start > 0 && start - diagonal > 0 && A[start - 1] === B[start - 1 - diagonal]) start--;
      let end = i + k;
      while (end < A.length && end - diagonal < B.length && A[end] === B[end - diagonal]) end++;
      coveredUntil.set(diagonal, end);
      if (end - start >= minLen) runs.push({ a: start, b: start - diagonal, len: end - start });
    }
  }

  // Greedy string tiling: longest first, no word used twice on either side.
  const usedA = new Uint8Array(A.length);
  const usedB = new Uint8Array(B.length);
  const heap = new RunHeap();
  for (const run of runs) heap.push(run);
  const tiles: Run[] = [];
  while (heap.size > 0) {
    const run = heap.pop();
    let free = 0;
    for (let t = 0; t < run.len; t++) if (!usedA[run.a + t] && !usedB[run.b + t]) free++;
    if (free === run.len) {
      tiles.push(run);
      usedA.fill(1, run.a, run.a + run.len);
      usedB.fill(1, run.b, run.b + run.len);
      continue;
    }
    // Put back the free stretches that are still long enough.
    let t = 0;
    while (t < run.len) {
      while (t < run.len && (usedA[run.a + t] || usedB[run.b + t])) t++;
      const from = t;
      while (t < run.len && !usedA[run.a + t] && !usedB[run.b + t]) t++;
      if (t - from >= minLen) heap.push({ a: run.a + from, b: run.b + from, len: t - from });
    }
  }

  // Tiles that follow each other on both sides, a few words apart, read as one passage; a
  // passage made of stock phrases only is the genre's common wording, not copying.
  tiles.sort((x, y) => x.a - y.a);
  const hasOwnWording = (tile: Run) => {
    for (let i = tile.a; i + k <= tile.a + tile.len; i++) if (!stock.has(shA[i]!)) return true;
    return false;
  };
  const merged: { a0: number; a1: number; b0: number; b1: number; own: boolean }[] = [];
  for (const tile of tiles) {
    const last = merged.at(-1);
    const gapA = last ? tile.a - last.a1 : -1;
    const gapB = last ? tile.b - last.b1 : -1;
    const own = hasOwnWording(tile);
    if (last && gapA >= 0 && gapA <= options.passageGapWords && gapB >= 0 && gapB <= options.passageGapWords) {
      last.a1 = tile.a + tile.len;
      last.b1 = tile.b + tile.len;
      last.own ||= own;
    } else merged.push({ a0: tile.a, a1: tile.a + tile.len, b0: tile.b, b1: tile.b + tile.len, own });
  }

  let coveredA = 0;
  let coveredB = 0;
  const passages: Passage[] = merged.filter((m) => m.own).map((m) => {
    coveredA += m.a1 - m.a0;
    coveredB += m.b1 - m.b0;
    return {
      a: [a.starts[m.a0]!, a.ends[m.a1 - 1]!],
      b: [b.starts[m.b0]!, b.ends[m.b1 - 1]!],
      aWords: [m.a0, m.a1],
      bWords: [m.b0, m.b1],
    };
  });
  const shareA = A.length === 0 ? 0 : coveredA / A.length;
  const shareB = B.length === 0 ? 0 : coveredB / B.length;
  return { score: round4(Math.max(shareA, shareB)), shareA, shareB, wordsA: A.length, wordsB: B.length, passages };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

// ───────────────────────────── a corpus ─────────────────────────────

export interface CandidatePair {
  /** Ids as added; `a` is never an earlier document (both current: `a` was added first). */
  a: string;
  b: string;
  /** Shared shingles over the smaller set (stock phrases left out). */
  containment: number;
}

export interface CandidateSearch {
  documents: number;
  /** Documents with no shingle outside stock phrases: they take no part. */
  withoutShingles: number;
  stockShingles: number;
  /** Pairs found by the banding, before the exact check. */
  candidates: number;
  /** Candidates whose containment reaches verifyMinContainment, to be aligned. */
  pairs: CandidatePair[];
}

interface IndexedDocument {
  id: string;
  earlier: boolean;
  shingles: Uint32Array;
}

/**
 * A corpus being checked, in stages, so that a caller can stream texts in and drop them:
 * `add` every document (only its shingles are kept), `search` once for the candidate pairs,
 * then `compare` the texts of each pair. Documents marked `earlier` (entries of earlier
 * contests) are compared with the others but not with each other.
 */
export class SimilarityIndex {
  readonly options: SimilarityOptions;
  private readonly docs: IndexedDocument[] = [];
  private stock: ShingleFilter | null = null;

  constructor(options: Partial<SimilarityOptions> = {}) {
    this.options = { ...DEFAULT_SIMILARITY_OPTIONS, ...options };
  }

  get size() {
    return this.docs.length;
  }

  add(id: string, text: string, earlier = false) {
    if (this.stock) throw new Error("add() after search()");
    this.docs.push({ id, earlier, shingles: shingleSet(text, this.options.shingleWords) });
  }

  search(): CandidateSearch {
    if (this.stock) throw new Error("search() runs once");
    const o = this.options;
    const stock = frequentShingles(
      this.docs.map((d) => d.shingles),
      stockLimit(this.docs.length, o),
    );
    this.stock = stock;
    const seeds = signatureSeeds(o.seed, o.bands * o.rows);
    let withoutShingles = 0;
    const signatures = this.docs.map((d) => {
      if (stock.size > 0) d.shingles = withoutStock(d.shingles, stock);
      const sig = minHashSignature(d.shingles, seeds);
      if (!sig) withoutShingles++;
      return sig;
    });
    const docs = this.docs;
    const found = candidatePairs(signatures, o.bands, o.rows, Uint8Array.from(docs, (d) => (d.earlier ? 1 : 0)));
    const pairs: CandidatePair[] = [];
    for (let p = 0; p < found.length; p += 2) {
      const x = docs[found[p]!]!;
      const y = docs[found[p + 1]!]!;
      const containment = intersectionSize(x.shingles, y.shingles) / Math.min(x.shingles.length, y.shingles.length);
      if (containment < o.verifyMinContainment) continue;
      const [first, second] = x.earlier ? [y, x] : [x, y];
      pairs.push({ a: first.id, b: second.id, containment });
    }
    return { documents: docs.length, withoutShingles, stockShingles: stock.size, candidates: found.length / 2, pairs };
  }

  /** The stock phrases found by search(), for comparing texts. */
  stockShingles(): ShingleFilter {
    if (!this.stock) throw new Error("search() first");
    return this.stock;
  }

  compare(a: Tokens, b: Tokens): PairComparison {
    return comparePair(a, b, this.stockShingles(), this.options);
  }
}

export interface SimilarPair extends PairComparison {
  a: string;
  b: string;
}

export interface CorpusDocument {
  id: string;
  text: string;
  earlier?: boolean;
}

/**
 * The whole check in memory: the pairs of documents scoring at least `threshold`, in the order
 * of the candidate search. For tests and small corpora; the server streams (see SimilarityIndex).
 */
export function findSimilarPairs(
  documents: readonly CorpusDocument[],
  threshold: number,
  options: Partial<SimilarityOptions> = {},
): { search: CandidateSearch; pairs: SimilarPair[] } {
  const index = new SimilarityIndex(options);
  const byId = new Map<string, string>();
  for (const d of documents) {
    if (byId.has(d.id)) throw new Error(`duplicate document id ${d.id}`);
    byId.set(d.id, d.text);
    index.add(d.id, d.text, d.earlier ?? false);
  }
  const search = index.search();
  const tokens = new Map<string, Tokens>();
  const tokensOf = (id: string) => {
    let t = tokens.get(id);
    if (!t) tokens.set(id, (t = tokenize(byId.get(id)!)));
    return t;
  };
  const pairs: SimilarPair[] = [];
  for (const c of search.pairs) {
    const result = index.compare(tokensOf(c.a), tokensOf(c.b));
    if (result.score >= threshold) pairs.push({ a: c.a, b: c.b, ...result });
  }
  return { search, pairs };
}

// ───────────────────────────── display ─────────────────────────────

export interface TextSegment {
  text: string;
  /** The passage's number (1-based) when the segment lies in one. */
  passage: number | null;
}

/**
 * A text cut into paragraphs (blank lines separate them) and each paragraph into segments
 * inside or outside the given passages (character ranges [start, end), numbered by position in
 * `ranges` + 1; ranges must not overlap).
 */
export function segmentText(text: string, ranges: readonly (readonly [number, number])[]): TextSegment[][] {
  const order = ranges.map((r, i) => ({ start: r[0], end: r[1], n: i + 1 })).sort((x, y) => x.start - y.start);
  const paragraphs: TextSegment[][] = [];
  const breaks = /\n[^\S\n]*\n\s*/g;
  let from = 0;
  const addParagraph = (start: number, end: number) => {
    const segments: TextSegment[] = [];
    let at = start;
    for (const r of order) {
      if (r.end <= at || r.start >= end) continue;
      const s = Math.max(r.start, at);
      const e = Math.min(r.end, end);
      if (s > at) segments.push({ text: text.slice(at, s), passage: null });
      segments.push({ text: text.slice(s, e), passage: r.n });
      at = e;
    }
    if (at < end) segments.push({ text: text.slice(at, end), passage: null });
    if (segments.some((s) => s.text.trim() !== "")) paragraphs.push(segments);
  };
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
    addParagraph(from, m.index);
    from = m.index + m[0].length;
  }
  addParagraph(from, text.length);
  return paragraphs;
}
