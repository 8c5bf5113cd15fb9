// Small facts about an incoming request, in one place.

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** The client's address as the server adapter reported it (see server.mjs). */
export function clientIp(request: Request): string {
  return request.headers.get("x-portal-client-ip") ?? "unknown";
}
