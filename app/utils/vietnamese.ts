// Vietnamese-aware text normalisation, shared by conflict detection (app/modules/panels/conflicts)
// and the masking of authors' identities (app/modules/entries/mask). Pure, no dependencies.
//
// Unit names [đơn vị công tác] are written in full or abbreviated ("Ủy ban nhân dân" / "UBND"),
// with and without diacritics, in any case. UNIT_PHRASES is the one table of these spellings:
// normalizeUnit reduces any spelling to the canonical one (to compare two units), and
// unitSpellings goes the other way (to find a unit wherever and however it is written).

/** Removes Vietnamese (and other Latin) diacritics; đ/Đ (and Ð, which legacy encodings use for Đ), letters and not marks, become d. */
export function stripDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/[đĐÐ]/g, "d");
}

/** Invisible characters that PDF and word-processor text leaves inside words (soft hyphen, joiners). */
const INVISIBLE_IN_WORDS = /\u00ad|\u200c|\u200d|\u2060/g;

/** One word for comparison: without diacritics or invisible characters, lower-cased ("Nguyễn" → "nguyen"). */
export function foldWord(word: string): string {
  return stripDiacritics(word.replace(INVISIBLE_IN_WORDS, "")).toLowerCase();
}

/**
 * The characters of a word: letters, digits and combining marks (text may arrive decomposed),
 * plus the invisible characters foldWord drops. Anything else separates words.
 */
export const WORD_PATTERN = /(?:[\p{L}\p{N}\p{M}\u00ad\u2060]|\u200c|\u200d)+/gu;

/** The folded words of a text, in order ("Sở GD&ĐT" → ["so", "gd", "dt"]). */
export function foldedWords(text: string): string[] {
  return [...text.matchAll(WORD_PATTERN)].map((m) => foldWord(m[0]));
}

// ───────────────────────────── units ─────────────────────────────

/**
 * Phrases written in full or abbreviated: each canonical form (folded words) with the other
 * spellings that mean it. Only abbreviations that are unambiguous in the name of a Vietnamese
 * unit are listed: one-letter pairs like "th" (tiểu học? thành phố?) or "cd" are deliberately left
 * out. Order matters where one phrase contains another ("đại học quốc gia" before "đại học").
 */
export const UNIT_PHRASES: readonly { canonical: string; spellings: readonly string[] }[] = [
  { canonical: "ubnd", spellings: ["uy ban nhan dan"] },
  { canonical: "hdnd", spellings: ["hoi dong nhan dan"] },
  { canonical: "mttq", spellings: ["mat tran to quoc"] },
  { canonical: "thpt", spellings: ["trung hoc pho thong"] },
  { canonical: "thcs", spellings: ["trung hoc co so"] },
  { canonical: "dhqg", spellings: ["dai hoc quoc gia"] },
  { canonical: "dh", spellings: ["dai hoc"] },
  { canonical: "gddt", spellings: ["giao duc va dao tao", "giao duc dao tao", "gd va dt", "gd dt"] },
  { canonical: "tp hcm", spellings: ["thanh pho ho chi minh", "tp ho chi minh", "tphcm"] },
  { canonical: "tnhh", spellings: ["trach nhiem huu han"] },
  { canonical: "cong ty cp", spellings: ["cong ty co phan"] },
];

/** School types (canonical) after which the leading "trường" [school] adds nothing: "Trường THPT X" = "THPT X". */
export const SCHOOL_TYPES: readonly string[] = ["thpt", "thcs", "dh", "dhqg", "cao dang", "tieu hoc", "mam non", "trung cap"];

const PHRASE_PATTERNS: [RegExp, string][] = UNIT_PHRASES.map(({ canonical, spellings }) => [
  new RegExp(`\\b(?:${[...spellings].sort((a, b) => b.length - a.length).join("|")})\\b`, "g"),
  canonical,
]);
const SCHOOL_PREFIX = new RegExp(`\\btruong (?=(?:${SCHOOL_TYPES.join("|")})\\b)`, "g");

/** Normalised units too generic to identify anyone on their own (a bare "UBND", "Trường THPT"). */
export const GENERIC_UNITS: ReadonlySet<string> = new Set(["ubnd", "hdnd", "mttq", "thpt", "thcs", "dh", "dhqg", "truong", "cong ty", "tp hcm"]);

function normalizeOnce(text: string): string {
  let s = stripDiacritics(text).toLowerCase();
  s = s.replace(/[^\p{L}\p{N}]+/gu, " ").trim(); // punctuation and whitespace runs → one space
  for (const [pattern, canonical] of PHRASE_PATTERNS) s = s.replace(pattern, canonical);
  return s.replace(SCHOOL_PREFIX, "").replace(/ +/g, " ").trim();
}

/**
 * A unit/organisation name [đơn vị công tác] reduced for comparison: without diacritics
 * (including đ → d), lower-cased, punctuation and whitespace collapsed to single spaces,
 * the abbreviations of UNIT_PHRASES unified and "trường" before a school type dropped.
 * "Trường THPT Chu Văn An" and "truong thpt chu van an" both give "thpt chu van an".
 * Idempotent (applied until nothing changes).
 */
export function normalizeUnit(unit: string): string {
  let current = unit;
  for (let i = 0; i < 8; i++) {
    const next = normalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

/** Whether a normalised unit is empty or only a generic word. */
export function isGenericUnit(normalized: string): boolean {
  return normalized === "" || GENERIC_UNITS.has(normalized);
}

const CANONICAL_SPELLINGS = new Map<string, string[][]>();
for (const { canonical, spellings } of UNIT_PHRASES) {
  CANONICAL_SPELLINGS.set(canonical, [canonical.split(" "), ...spellings.map((s) => s.split(" "))]);
}
for (const school of SCHOOL_TYPES) {
  const forms = CANONICAL_SPELLINGS.get(school) ?? [school.split(" ")];
  CANONICAL_SPELLINGS.set(school, [...forms, ...forms.map((f) => ["truong", ...f])]);
}
const LONGEST_CANONICAL = Math.max(...[...CANONICAL_SPELLINGS.keys()].map((k) => k.split(" ").length));

/**
 * Every way a normalised unit may be written, as folded words: each canonical phrase in any of
 * its spellings (and a school type with or without "trường" before it). "ubnd xa phu son" gives
 * ["ubnd","xa","phu","son"] and ["uy","ban","nhan","dan","xa","phu","son"]. normalizeUnit of
 * each spelling gives the unit back. At most `limit` spellings (a real unit has a handful).
 */
export function unitSpellings(normalized: string, limit = 64): string[][] {
  const words = normalized.split(" ").filter(Boolean);
  const choices: string[][][] = [];
  for (let i = 0; i < words.length; ) {
    let found = 0;
    for (let n = Math.min(LONGEST_CANONICAL, words.length - i); n > 0 && !found; n--) {
      const forms = CANONICAL_SPELLINGS.get(words.slice(i, i + n).join(" "));
      if (forms) {
        choices.push(forms);
        found = n;
      }
    }
    if (!found) {
      choices.push([[words[i]!]]);
      found = 1;
    }
    i += found;
  }
  let out: string[][] = [[]];
  for (const options of choices) {
    const next: string[][] = [];
    for (const prefix of out) for (const option of options) if (next.length < limit) next.push([...prefix, ...option]);
    out = next;
  }
  return words.length ? out : [];
}
