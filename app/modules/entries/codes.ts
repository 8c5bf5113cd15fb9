// The two codes of an entry (DOMAIN.md, "Blind judging"). Pure functions: the caller passes the
// randomness and handles uniqueness (retry on a unique-constraint collision).
//
// - Entry code [mã bài dự thi]: printed on the entrant's receipt, prefix + sequence number.
// - Anonymous code [số phách]: what judges see. It is drawn at random and takes no input from the
//   entry, its code or its position, so it tells nothing about who submitted or when.

export const ENTRY_CODE_DIGITS = 4;

/** `entryCode("QB-", 7)` → "QB-0007". Sequences past 9999 simply get more digits. */
export function entryCode(prefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`entry sequence must be a positive integer, got ${sequence}`);
  return `${prefix}${String(sequence).padStart(ENTRY_CODE_DIGITS, "0")}`;
}

/**
 * Characters judges can read aloud without confusion: digits 2–9 and the letters of the
 * Vietnamese alphabet without I, L and O (no 0/O, 1/I/L mix-ups; no F, J, W, Z, which Vietnamese
 * speakers spell out awkwardly). 27 symbols.
 */
export const ANONYMOUS_CODE_ALPHABET = "23456789ABCDEGHKMNPQRSTUVXY";
export const ANONYMOUS_CODE_PREFIX = "PH-";
export const ANONYMOUS_CODE_LENGTH = 5; // 27^5 ≈ 14.3 million codes per contest

export interface AnonymousCodeOptions {
  prefix?: string;
  length?: number;
}

/**
 * A random anonymous code such as "PH-7K3M9". `random` returns numbers in [0, 1): pass a seeded
 * generator for reproducible data, or a cryptographic one in production, e.g.
 * `() => crypto.randomInt(2 ** 32) / 2 ** 32`.
 */
export function anonymousCode(random: () => number, options: AnonymousCodeOptions = {}): string {
  const prefix = options.prefix ?? ANONYMOUS_CODE_PREFIX;
  const length = options.length ?? ANONYMOUS_CODE_LENGTH;
  let code = prefix;
  for (let i = 0; i < length; i++) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);
    code += ANONYMOUS_CODE_ALPHABET[Math.floor(r * ANONYMOUS_CODE_ALPHABET.length)];
  }
  return code;
}

export const ANONYMOUS_CODE_PATTERN = new RegExp(
  `^${ANONYMOUS_CODE_PREFIX}[${ANONYMOUS_CODE_ALPHABET}]{${ANONYMOUS_CODE_LENGTH}}$`,
);

/**
 * Draws `count` distinct anonymous codes, skipping any in `taken` (codes already used in the
 * contest). For bulk assignment by the secretary, and for generated data.
 */
export function distinctAnonymousCodes(
  random: () => number,
  count: number,
  taken: ReadonlySet<string> = new Set(),
  options: AnonymousCodeOptions = {},
): string[] {
  const seen = new Set(taken);
  const out: string[] = [];
  let attempts = 0;
  const space = ANONYMOUS_CODE_ALPHABET.length ** (options.length ?? ANONYMOUS_CODE_LENGTH);
  if (count + seen.size > space / 2) throw new RangeError("too many codes for the code space; use a longer code");
  while (out.length < count) {
    if (++attempts > count * 100 + 1000) throw new Error("could not draw distinct anonymous codes");
    const code = anonymousCode(random, options);
    if (seen.has(code)) continue;
    seen.add(code);
    out.push(code);
  }
  return out;
}
