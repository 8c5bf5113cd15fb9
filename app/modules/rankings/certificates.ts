// Certificate verification codes [mã xác thực giấy chứng nhận]: printed on each winner's
// certificate, typed by anyone at /verify. Pure: the caller passes the randomness (a cryptographic
// source in production). 12 symbols of the anonymous codes' alphabet (no 0/O, 1/I/L look-alikes):
// 27^12 ≈ 1.5 × 10^17 codes, about 57 bits, so a code cannot be guessed or enumerated; grouped by
// four for reading aloud: "GCN-7K3M-9QXA-4HPT".
import { ANONYMOUS_CODE_ALPHABET } from "#app/modules/entries/codes";

export const CERTIFICATE_PREFIX = "GCN";
export const CERTIFICATE_SYMBOLS = 12;
export const CERTIFICATE_CODE_PATTERN = new RegExp(`^${CERTIFICATE_PREFIX}(-[${ANONYMOUS_CODE_ALPHABET}]{4}){3}$`);

/** A random code; `random` returns numbers in [0, 1). */
export function certificateCode(random: () => number): string {
  let symbols = "";
  for (let i = 0; i < CERTIFICATE_SYMBOLS; i++) {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);
    symbols += ANONYMOUS_CODE_ALPHABET[Math.floor(r * ANONYMOUS_CODE_ALPHABET.length)];
  }
  return `${CERTIFICATE_PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/**
 * A typed code in its printed form, or null when it cannot be one: case, spaces, missing or extra
 * dashes do not matter ("gcn 7k3m 9qxa 4hpt" → "GCN-7K3M-9QXA-4HPT").
 */
export function normalizeCertificateCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-–—_.]/g, "");
  const body = compact.startsWith(CERTIFICATE_PREFIX) ? compact.slice(CERTIFICATE_PREFIX.length) : compact;
  if (body.length !== CERTIFICATE_SYMBOLS || [...body].some((c) => !ANONYMOUS_CODE_ALPHABET.includes(c))) return null;
  return `${CERTIFICATE_PREFIX}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
}
