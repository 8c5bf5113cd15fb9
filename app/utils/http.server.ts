// One error contract (STYLE.md): 400 invalid input with field errors, 403 forbidden,
// 404 missing or not yours, 429 too many attempts, 503 busy (try again after Retry-After). Pages show the translated message
// for the status (app/components/error-boundary.tsx), so these carry no text of their own.

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function tooManyRequests(retryAfterSeconds: number): never {
  throw new Response("Too Many Requests", {
    status: 429,
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
}

export function serviceUnavailable(retryAfterSeconds: number): never {
  throw new Response("Service Unavailable", {
    status: 503,
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
}

/** Throws 404 when a record is missing; narrows the type otherwise. */
export function orNotFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) notFound();
  return value;
}
