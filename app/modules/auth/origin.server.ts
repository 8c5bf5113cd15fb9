// CSRF defence for every mutation: a browser's POST from another site carries that site's
// Origin (or Sec-Fetch-Site: cross-site) and is refused. Called for every request by the
// Node server (server.mjs) before Remix sees it.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  /** The origin this request was addressed to, e.g. http://localhost:3000. */
  selfOrigin: string;
  /** Extra origins that count as this site (APP_URL behind a proxy). */
  trustedOrigins: readonly string[];
  origin: string | undefined;
  secFetchSite: string | undefined;
  referer: string | undefined;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** True when the request may proceed. */
export function isAllowedOrigin(input: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  const allowed = new Set([input.selfOrigin, ...input.trustedOrigins].map((o) => originOf(o)).filter(Boolean));
  if (input.origin !== undefined) {
    // "null" (sandboxed frames, some redirects) is never this site.
    return allowed.has(originOf(input.origin) ?? "∅");
  }
  if (input.secFetchSite !== undefined) {
    return input.secFetchSite === "same-origin" || input.secFetchSite === "none";
  }
  if (input.referer !== undefined) return allowed.has(originOf(input.referer) ?? "∅");
  // No browser signal at all: not a browser (curl, a script) and so not a CSRF vector.
  return true;
}
