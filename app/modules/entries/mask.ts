// Masking authors' identities for blind judging (DOMAIN.md, "Blind judging"; issue 4, item 6).
// Pure: text and terms in, the judges' reading text and a report of what was masked out. The
// server side (./masking.server) stores both on the entry's version; a judge never sees the
// report (it holds the originals) nor the unmasked text of a blind contest.
//
// What is masked, each match replaced by one marker ("[đã che]" in a Vietnamese contest):
//   name   every author's full name in any case, with or without diacritics, with any spacing
//          between its words (extra spaces, a line break); its parts where they name the person:
//          "Minh Khai", "Thị Minh Khai", "Nguyễn Khai", and the given name after a title
//          ("đồng chí Khai", "chị Khai"). Parts other than the full name must be written
//          capitalised (a name is; "quang vinh", "văn minh" are ordinary words), a lone surname
//          ("Nguyễn") or given name is never masked on its own, a two-word part starting with the
//          gender words "Văn"/"Thị" is not used ("Văn Minh" is also "civilised"), and a part
//          right after another person's capitalised surname is left ("Chí Minh" in "Hồ Chí Minh").
//   unit   every author's unit, and each comma-separated part of it that is an organisation (not
//          a bare place such as "huyện Phú Sơn"), in any spelling of its abbreviations ("Ủy ban
//          nhân dân xã Phú Sơn" / "UBND xã Phú Sơn", "Trường THPT" / "trung học phổ thông"), any
//          case, with or without diacritics, across punctuation or a line break.
//   email  every e-mail address in the text, whoever's (also written "ten (at) mien.vn").
//   phone  every phone number in the usual Vietnamese formats, whoever's: 0912 345 678,
//          0912.345.678, +84 912 345 678, (024) 3825 1234, 1900 1234; and the authors' own
//          numbers in any grouping.
//   extra  the secretary's added terms, in any case, with or without diacritics.
// The secretary's excluded terms take matches of the first four kinds out again (by term, not by
// occurrence: excluding "Quang Vinh" leaves every "Quang Vinh", "QUANG VINH", "Quang\nVinh"), with
// the automatic matches inside them (excluding "Nguyễn Thị Minh Khai", a street's name, leaves it
// whole rather than "Nguyễn [đã che]").
//
// Why every e-mail address and phone number, not only the authors': a judge who sees any contact
// detail can look it up, and an author may well give a colleague's, their unit's or a second
// number of their own; an essay that needs to quote a hotline is rare, reads as well with the
// marker, and the secretary can exclude that number.
//
// Guarantees (property-tested): every occurrence of every term in every variant above is gone;
// text outside matches is unchanged and no match is found in text without terms; masking masked
// text changes nothing (markers already in the text are never matched or joined across).
// Cost: one pass over the words with a trie of all terms' words (linear in the text, whatever
// the number of terms), plus two linear scans for e-mail addresses and phone numbers.
import type { Language } from "#app/utils/i18n";
import { foldedWords, foldWord, isGenericUnit, normalizeUnit, unitSpellings, WORD_PATTERN } from "#app/utils/vietnamese";

/** Bumped whenever the rules change, so that masks stored by older rules are known to be stale. */
export const MASK_RULES_VERSION = 1;

export const MASK_KINDS = ["name", "unit", "email", "phone", "extra"] as const;
export type MaskKind = (typeof MASK_KINDS)[number];
/** Kinds found automatically, which the secretary may exclude (an added term is removed instead). */
export const AUTOMATIC_KINDS: readonly MaskKind[] = ["name", "unit", "email", "phone"];

/** What replaces each match, in the contest's language. */
export const MASK_MARKERS: Readonly<Record<Language, string>> = { vi: "[đã che]", en: "[masked]" };

export interface MaskAuthor {
  name: string;
  unit?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface MaskOptions {
  authors: readonly MaskAuthor[];
  /** The secretary's terms to mask as well (MaskTerm with exclude = false). */
  extraTerms?: readonly string[];
  /** The secretary's terms not to mask when found automatically (MaskTerm with exclude = true). */
  excludedTerms?: readonly string[];
  marker: string;
}

export interface MaskSpan {
  kind: MaskKind;
  /** The masked text as it stood, and where: [start, end) in the original text. */
  original: string;
  start: number;
  end: number;
  /** Where the marker stands in the masked text. */
  at: number;
  /** The match reduced for comparison (folded words, the address or the phone digits); an exclusion with this key removes it. */
  key: string;
}

export interface MaskResult {
  text: string;
  spans: MaskSpan[];
}

// ───────────────────────────── Vietnamese names ─────────────────────────────

/**
 * Common Vietnamese surnames, lower-case with their diacritics: a name part right after one of
 * these is someone else's name. Compared as written (folded, "Đảng" would be the surname "Đặng"),
 * or folded in text written without diacritics.
 */
export const COMMON_SURNAMES: ReadonlySet<string> = new Set(
  [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Đào", "Đoàn", "Trương", "Lương", "Mai", "Trịnh", "Đinh", "Cao", "Lâm", "Tạ", "Hà", "Châu", "Thái", "Quách", "Tôn", "La",
    "Vương", "Kiều", "Lưu", "Tăng", "Giang", "Khúc", "Mạc", "Thạch", "Phùng", "Văn", "Tô", "Triệu", "Lại", "Chu", "Hứa", "Nghiêm",
  ].map((name) => name.toLowerCase()),
);
const FOLDED_SURNAMES: ReadonlySet<string> = new Set([...COMMON_SURNAMES].map(foldWord));

/**
 * Words before a given name that make it a reference to a person ("đồng chí Khai", "đ/c Khai",
 * "cô giáo Lan"), lower-case as written. Matched with their diacritics (or in text written without
 * any): folded, "chị" would also be the "chí" of "Hồ Chí Minh" and "bác" the "Bắc" of "Bắc Ninh".
 */
const TITLES: readonly string[][] = [
  "đồng chí", "đ c", "anh", "chị", "em", "ông", "bà", "cô", "thầy", "bác", "chú", "cô giáo", "thầy giáo", "tác giả",
].map((title) => title.split(" "));

/** Middle names that only say male/female: "Văn An", "Thị Lan" alone are not used as a name part. */
const GENDER_MIDDLE_NAMES: ReadonlySet<string> = new Set(["van", "thi"]);

/** A unit part that starts with an administrative level is a place, not an organisation. */
const PLACE_PREFIXES: readonly string[] = [
  "tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "tx", "xa", "phuong", "thi tran", "tt", "thon", "ap", "ban", "buon", "to dan pho", "khu pho",
];

// ───────────────────────────── patterns ─────────────────────────────

type LetterCase = "any" | "capitalized" | "titleCase";

interface Pattern {
  kind: MaskKind;
  /** Folded words to match in order. */
  words: string[];
  /** Leading words (a title) that must be there but are not masked, lower-case with their diacritics. */
  keep: number;
  title: readonly string[];
  /** Between words: 0 whitespace only (names), 1 short punctuation as well ("GD&ĐT", "TP. HCM"). */
  gap: 0 | 1;
  /** How the masked words must be written: capitalised (first letter) or Title Case (not ALL CAPS: "ANH HÙNG" is a word). */
  letterCase: LetterCase;
  /** For a name part without the surname: the author's folded surname (another capitalised surname before the part leaves it). */
  surname: string | null;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  ends: Pattern[];
}

function namePatterns(name: string): Pattern[] {
  const words = foldedWords(name);
  if (words.length === 0) return [];
  const base = { kind: "name" as const, keep: 0, title: [], gap: 0 as const, surname: null };
  const given = words[words.length - 1]!;
  const surname = words.length > 1 ? words[0]! : "";
  // The surname guard too: "Chí" after "Hồ" is a name, not a title.
  const titled = TITLES.map(
    (title): Pattern => ({ ...base, words: [...title.map(foldWord), given], keep: title.length, title, gap: 1, letterCase: "titleCase", surname }),
  );
  if (words.length === 1) return titled;
  const rest = words.slice(1);
  const patterns: Pattern[] = [{ ...base, words, letterCase: "any" }, ...titled];
  for (let n = 1; n <= rest.length; n++) {
    const tail = rest.slice(rest.length - n);
    // "Nguyễn Khai", "Nguyễn Minh Khai" (the full name itself is above).
    if (n < rest.length) patterns.push({ ...base, words: [surname, ...tail], letterCase: "capitalized" });
    // "Minh Khai", "Thị Minh Khai"; not "Văn An" nor a lone "Khai".
    if (n >= 2 && !(n === 2 && GENDER_MIDDLE_NAMES.has(tail[0]!))) {
      patterns.push({ ...base, words: tail, letterCase: "capitalized", surname });
    }
  }
  return patterns;
}

function isPlace(normalized: string): boolean {
  return PLACE_PREFIXES.some((p) => normalized === p || normalized.startsWith(`${p} `));
}

function unitPatterns(unit: string): Pattern[] {
  const whole = unit.trim();
  if (!whole) return [];
  const parts = whole.split(/[,;]/).map((p) => p.trim()).filter((p) => p && p !== whole);
  const normalized = new Set<string>();
  const wholeKey = normalizeUnit(whole);
  if (!isGenericUnit(wholeKey)) normalized.add(wholeKey);
  for (const part of parts) {
    const key = normalizeUnit(part);
    if (!isGenericUnit(key) && key.includes(" ") && !isPlace(key)) normalized.add(key);
  }
  return [...normalized].flatMap((key) =>
    unitSpellings(key).map((words): Pattern => ({ kind: "unit", words, keep: 0, title: [], gap: 1, letterCase: "any", surname: null })),
  );
}

function extraPattern(term: string): Pattern[] {
  const words = foldedWords(term);
  return words.length ? [{ kind: "extra", words, keep: 0, title: [], gap: 1, letterCase: "any", surname: null }] : [];
}

function buildTrie(patterns: Pattern[]): TrieNode {
  const root: TrieNode = { next: new Map(), ends: [] };
  const seen = new Set<string>();
  for (const p of patterns) {
    const id = JSON.stringify(p);
    if (seen.has(id)) continue;
    seen.add(id);
    let node = root;
    for (const word of p.words) {
      let child = node.next.get(word);
      if (!child) {
        child = { next: new Map(), ends: [] };
        node.next.set(word, child);
      }
      node = child;
    }
    node.ends.push(p);
  }
  return root;
}

// ───────────────────────────── keys ─────────────────────────────

const OBFUSCATED_AT = /\s*[([]\s*at\s*[)\]]\s*/giu;

function emailKey(address: string): string {
  return address.trim().toLowerCase().replace(OBFUSCATED_AT, "@");
}

/** A phone number's digits in the national form: "+84 912 345 678" and "0912.345.678" both give "0912345678". */
export function phoneKey(digits: string): string {
  if (digits.startsWith("84") && digits.length >= 11) {
    const rest = digits.slice(2);
    return rest.startsWith("0") ? rest : `0${rest}`;
  }
  return digits;
}

function digitsOf(text: string): string {
  return text.replace(/\D+/g, "");
}

/** A term that is a phone number (digits with the usual separators, at least 8 digits): its key; else null. */
function phoneTermKey(term: string): string | null {
  const digits = digitsOf(term);
  return digits.length >= 8 && /^[\d\s.\-–()+]+$/.test(term.trim()) ? phoneKey(digits) : null;
}

// ───────────────────────────── scanning ─────────────────────────────

interface Word {
  start: number;
  end: number;
  fold: string;
  /** Lower-case as written (NFC), to match titles with their diacritics. */
  lower: string;
  capitalized: boolean;
  titleCase: boolean;
  /** What separates it from the previous word: 0 whitespace, 1 short punctuation, 2 a break (a marker, other punctuation). */
  gap: 0 | 1 | 2;
}

interface Range {
  start: number;
  end: number;
}

function markerRanges(text: string, markers: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const marker of markers) {
    if (!marker) continue;
    for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + marker.length)) ranges.push({ start: i, end: i + marker.length });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

const WHITESPACE_GAP = /^[\s\u200b\ufeff]+$/u;
/** Punctuation that may stand inside a unit's name ("GD&ĐT", "TP. HCM", "Văn hóa - Thông tin", "xã Phú Sơn, huyện..."); a ";", ":", "?"... ends it. */
const PUNCTUATION_GAP = /^[\s.,&/\-–—()'"“”‘’]{1,5}$/u;
const UPPER_FIRST = /^\p{Lu}/u;

/** The words of the text outside markers; a marker (or a word inside one) breaks the sequence. */
function scanWords(text: string, markers: Range[]): Word[] {
  const words: Word[] = [];
  // An essay uses a few thousand distinct words: fold each once.
  const seen = new Map<string, Pick<Word, "fold" | "lower" | "capitalized" | "titleCase">>();
  let m = 0;
  let previousEnd = -1;
  let broken = true;
  for (const match of text.matchAll(WORD_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    while (m < markers.length && markers[m]!.end <= start) {
      if (markers[m]!.end > previousEnd) broken = true;
      m++;
    }
    if (m < markers.length && markers[m]!.start < end) {
      broken = true; // a word of a marker
      continue;
    }
    const between = previousEnd < 0 ? "" : text.slice(previousEnd, start);
    const gap = broken || previousEnd < 0 ? 2 : WHITESPACE_GAP.test(between) ? 0 : PUNCTUATION_GAP.test(between) ? 1 : 2;
    const raw = match[0];
    let forms = seen.get(raw);
    if (!forms) {
      const capitalized = UPPER_FIRST.test(raw);
      const tail = raw.slice(1);
      forms = { fold: foldWord(raw), lower: raw.normalize("NFC").toLowerCase(), capitalized, titleCase: capitalized && tail === tail.toLowerCase() };
      seen.set(raw, forms);
    }
    words.push({ start, end, ...forms, gap });
    previousEnd = end;
    broken = false;
  }
  return words;
}

// A local part and a domain of letters (any script), digits and the usual signs; "@" or an
// obfuscated "(at)". Bounded on both sides so a match never starts or ends inside a word.
const EMAIL =
  /(?<![\p{L}\p{N}\p{M}._%+-])[\p{L}\p{N}][\p{L}\p{N}\p{M}._%+-]*(?:@|\s*[([]\s*at\s*[)\]]\s*)[\p{L}\p{N}][\p{L}\p{N}\p{M}-]*(?:\.[\p{L}\p{N}\p{M}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}\p{M}])/giu;

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** What may separate the digit groups of one phone number: a space, dot, dash or bracket (1–3 characters, no blank line). */
const PHONE_GAP = /^[ \u00a0\t.\-–()\n]{1,3}$/;
const NATIONAL_NUMBER = /^0[1-9]\d{8,9}$/; // mobile 0912 345 678, landline (024) 3825 1234
const SERVICE_NUMBER = /^1[89]00\d{4,6}$/; // 1900 1234, 1800 599 920

interface Candidate extends Range {
  kind: MaskKind;
  key: string;
}

function findEmails(text: string): Candidate[] {
  if (!/@|at/i.test(text)) return [];
  return [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: "email" as const, key: emailKey(m[0]) }));
}

function findPhones(text: string, known: ReadonlySet<string>): Candidate[] {
  const groups = [...text.matchAll(/\d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
  const isBoundary = (i: number) => i < 0 || i >= text.length || !WORD_CHAR.test(text[i]!);
  const found: Candidate[] = [];
  for (let s = 0; s < groups.length; ) {
    const first = groups[s]!;
    let best = -1;
    let digits = "";
    // One- and two-digit groups ("0 1 2 3...") make a number only when it is an author's own.
    let short = first.digits.length < 2;
    if (!LETTER_OR_MARK.test(text[first.start - 1] ?? "")) {
      for (let e = s; e < groups.length; e++) {
        const group = groups[e]!;
        if (e > s) {
          const between = text.slice(groups[e - 1]!.end, group.start);
          if (!PHONE_GAP.test(between) || between.includes("\n\n")) break;
          // The "(0)" of "+84 (0) 912 345 678" is not a short group.
          if (group.digits.length < 2 && !(e === s + 1 && first.digits === "84" && group.digits === "0")) short = true;
        }
        digits += group.digits;
        if (digits.length > 15) break;
        const key = phoneKey(digits);
        const usual = !short && (NATIONAL_NUMBER.test(key) || SERVICE_NUMBER.test(digits));
        if ((usual || known.has(key)) && isBoundary(group.end)) best = e;
      }
    }
    if (best < 0) {
      s++;
      continue;
    }
    // A leading "+" or "(" belongs to the number when nothing is glued before it ("(" only when closed after the first group).
    let start = first.start;
    const closed = s < best && text.slice(first.end, groups[s + 1]!.start).includes(")");
    if (text[start - 1] === "+") {
      if (text[start - 2] === "(" && closed && isBoundary(start - 3)) start -= 2;
      else if (isBoundary(start - 2)) start -= 1;
    } else if (text[start - 1] === "(" && closed && isBoundary(start - 2)) start -= 1;
    const end = groups[best]!.end;
    found.push({ start, end, kind: "phone", key: phoneKey(digitsOf(text.slice(start, end))) });
    s = best + 1;
  }
  return found;
}

const KIND_PRIORITY: Record<MaskKind, number> = { email: 0, phone: 1, name: 2, unit: 3, extra: 4 };

/**
 * A masker for one entry: the terms are compiled once (a trie of folded words), then any number
 * of texts (title, abstract, essay) are masked with it.
 */
export function createMasker(options: MaskOptions): (text: string) => MaskResult {
  const patterns: Pattern[] = [];
  const knownPhones = new Set<string>();
  for (const author of options.authors) {
    patterns.push(...namePatterns(author.name), ...unitPatterns(author.unit ?? ""));
    const phone = digitsOf(author.phone ?? "");
    if (phone.length >= 6) knownPhones.add(phoneKey(phone));
  }
  for (const term of options.extraTerms ?? []) {
    patterns.push(...extraPattern(term));
    const key = phoneTermKey(term);
    if (key) knownPhones.add(key);
  }
  const trie = buildTrie(patterns);

  const excludedWords = new Set<string>();
  const excludedUnits = new Set<string>();
  const excludedEmails = new Set<string>();
  const excludedPhones = new Set<string>();
  for (const term of options.excludedTerms ?? []) {
    const words = foldedWords(term).join(" ");
    if (words) excludedWords.add(words);
    const unit = normalizeUnit(term);
    if (unit) excludedUnits.add(unit);
    excludedEmails.add(emailKey(term));
    const phone = phoneTermKey(term);
    if (phone) excludedPhones.add(phone);
  }
  const isExcluded = (c: Candidate, original: string): boolean => {
    switch (c.kind) {
      case "name":
        return excludedWords.has(c.key);
      case "unit":
        return excludedWords.has(c.key) || excludedUnits.has(normalizeUnit(original));
      case "email":
        return excludedEmails.has(c.key);
      case "phone":
        return excludedPhones.has(c.key);
      case "extra":
        return false;
    }
  };
  const markers = [...new Set([options.marker, ...Object.values(MASK_MARKERS)])];

  return (text: string): MaskResult => {
    const markerSpans = markerRanges(text, markers);
    const words = scanWords(text, markerSpans);
    const found: Candidate[] = [];
    /** Name parts and the index of the other surname before them: kept only if that surname is masked too. */
    const guarded: { candidate: Candidate; before: number }[] = [];

    for (let i = 0; i < words.length; i++) {
      let node = trie.next.get(words[i]!.fold);
      let j = i;
      let widest = 0;
      while (node) {
        for (const p of node.ends) {
          if (widest > p.gap) continue;
          const from = i + p.keep;
          let titled = true;
          for (let k = 0; k < p.keep && titled; k++) {
            const w = words[i + k]!;
            titled = w.lower === p.title[k] || w.lower === w.fold; // as written, or text without diacritics
          }
          if (!titled) continue;
          let cased = true;
          for (let k = from; k <= j && cased; k++) {
            const w = words[k]!;
            cased = p.letterCase === "any" || (p.letterCase === "capitalized" ? w.capitalized : w.titleCase);
          }
          if (!cased) continue;
          const key = words.slice(from, j + 1).map((w) => w.fold).join(" ");
          const candidate: Candidate = { start: words[from]!.start, end: words[j]!.end, kind: p.kind, key };
          const previous = i > 0 ? words[i - 1]! : null;
          if (
            p.surname !== null &&
            previous &&
            words[i]!.gap === 0 &&
            previous.capitalized &&
            previous.fold !== p.surname &&
            (COMMON_SURNAMES.has(previous.lower) || (previous.lower === previous.fold && FOLDED_SURNAMES.has(previous.fold)))
          ) {
            guarded.push({ candidate, before: i - 1 });
          } else {
            found.push(candidate);
          }
        }
        const following = words[j + 1];
        if (!following || following.gap === 2) break;
        widest = Math.max(widest, following.gap);
        node = node.next.get(following.fold);
        j++;
      }
    }
    const outsideMarkers = (c: Candidate) => !markerSpans.some((m) => m.start < c.end && c.start < m.end);
    found.push(...findEmails(text).filter(outsideMarkers), ...findPhones(text, knownPhones).filter(outsideMarkers));

    // A guarded name part stays masked only when the surname before it is itself covered by a match.
    if (guarded.length) {
      const sorted = [...found].sort((a, b) => a.start - b.start);
      const reach: number[] = [];
      sorted.forEach((c, i) => reach.push(Math.max(c.end, i ? reach[i - 1]! : -1)));
      const covered = (r: Range) => {
        let lo = 0;
        let hi = sorted.length - 1;
        let last = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (sorted[mid]!.start < r.end) {
            last = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        return last >= 0 && reach[last]! > r.start;
      };
      for (const g of guarded) if (covered(words[g.before]!)) found.push(g.candidate);
    }

    // An excluded match also leaves the automatic matches inside it ("Thị Minh Khai" inside an excluded
    // "Nguyễn Thị Minh Khai", the street), as long as nothing masked cuts into it: then it stays whole.
    const excluded: Candidate[] = [];
    const live: Candidate[] = [];
    for (const c of found) (isExcluded(c, text.slice(c.start, c.end)) ? excluded : live).push(c);
    const whole = excluded.filter(
      (e) => !live.some((c) => c.start < e.end && e.start < c.end && (c.kind === "extra" || c.start < e.start || c.end > e.end)),
    );
    const kept = whole.length ? live.filter((c) => c.kind === "extra" || !whole.some((e) => e.start <= c.start && c.end <= e.end)) : live;
    kept.sort((a, b) => a.start - b.start || b.end - a.end);

    // Overlapping matches become one span, named after its longest match.
    const merged: Candidate[] = [];
    let leader: Candidate | null = null;
    for (const c of kept) {
      const current = merged[merged.length - 1];
      if (current && c.start < current.end) {
        current.end = Math.max(current.end, c.end);
        const better =
          c.end - c.start > leader!.end - leader!.start ||
          (c.end - c.start === leader!.end - leader!.start && KIND_PRIORITY[c.kind] < KIND_PRIORITY[leader!.kind]);
        if (better) {
          leader = c;
          current.kind = c.kind;
          current.key = c.key;
        }
      } else {
        merged.push({ ...c });
        leader = c;
      }
    }

    let out = "";
    let last = 0;
    const spans: MaskSpan[] = [];
    for (const c of merged) {
      out += text.slice(last, c.start);
      spans.push({ kind: c.kind, original: text.slice(c.start, c.end), start: c.start, end: c.end, at: out.length, key: c.key });
      out += options.marker;
      last = c.end;
    }
    out += text.slice(last);
    return { text: out, spans };
  };
}

/** Masks one text; see createMasker to mask several with the same terms. */
export function maskText(text: string, options: MaskOptions): MaskResult {
  return createMasker(options)(text);
}

export interface MaskSummaryItem {
  kind: MaskKind;
  key: string;
  /** The first occurrence as written, whitespace collapsed. */
  original: string;
  count: number;
}

/** What was masked, one line per kind and key, in order of first occurrence (for the secretary's list). */
export function summarizeSpans(spans: readonly MaskSpan[]): MaskSummaryItem[] {
  const byKey = new Map<string, MaskSummaryItem>();
  for (const span of spans) {
    const id = `${span.kind}\u0000${span.key}`;
    const item = byKey.get(id);
    if (item) item.count++;
    else byKey.set(id, { kind: span.kind, key: span.key, original: span.original.replace(/\s+/g, " ").trim(), count: 1 });
  }
  return [...byKey.values()];
}

export type MaskSegment = { text: string } | { kind: MaskKind; original: string; marker: string };

/** The masked text cut into plain runs and markers (each with what it replaced), for a highlighted reading view. */
export function maskedSegments(result: MaskResult, marker: string): MaskSegment[] {
  const segments: MaskSegment[] = [];
  let last = 0;
  for (const span of result.spans) {
    if (span.at > last) segments.push({ text: result.text.slice(last, span.at) });
    segments.push({ kind: span.kind, original: span.original, marker });
    last = span.at + marker.length;
  }
  if (last < result.text.length) segments.push({ text: result.text.slice(last) });
  return segments;
}
