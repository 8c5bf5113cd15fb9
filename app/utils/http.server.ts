// One error contract (STYLE.md): 400 invalid input with field errors, 403 forbidden,
// 404 missing or not yours, 429 too many attempts, 503 busy (try again after Retry-After). Pages show the translated message
// for the status (app/components/error-boundary.tsx), so these carry no text of their own.

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** A refusal the client may retry after whole seconds (at least 1). */
function retryLater(status: number, text: string, retryAfterSeconds: number): never {
  throw new Response(text, { status, headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
}

export function tooManyRequests(retryAfterSeconds: number): never {
  retryLater(429, "Too Many Requests", retryAfterSeconds);
}

export function serviceUnavailable(retryAfterSeconds: number): never {
  retryLater(503, "Service Unavailable", retryAfterSeconds);
}

/** Throws 404 when a record is missing; narrows the type otherwise. */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) notFound();
  return value;
}
