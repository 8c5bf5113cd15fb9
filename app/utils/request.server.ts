// Small facts about an incoming request, in one place.

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** The client's address as the server adapter reported it (see server.mjs). */
export function clientIp(request: Request): string {
  return request.headers.get("x-portal-client-ip") ?? "unknown";
}

/** Where to send someone back to after signing in: the path and query of this request. */
export function currentPath(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}
