import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "#app/utils/i18n";
import { getLanguage } from "#app/utils/locale.server";

// The Node server (server.mjs) reaches the process-level hooks through this export.
export { serverHooks } from "#app/utils/server-hooks.server";

const ABORT_DELAY = 5_000;

/** Unexpected errors are logged once, as one JSON line; answers like 404 for a URL nobody
 *  serves, and requests the client abandoned, are not errors of ours. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(
    JSON.stringify({
      level: 50,
      time: Date.now(),
      service: "portal",
      req: { method: request.method, path: new URL(request.url).pathname },
      err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      msg: "unhandled error",
    }),
  );
};

/**
 * React 18's streaming renderer can leave NUL bytes in a chunk when a multi-byte character
 * (most Vietnamese letters) falls on its buffer boundary (facebook/react#24985, fixed in 19);
 * browsers then see text that differs from the client render. NUL is never valid in HTML and
 * never part of another UTF-8 character, so removing every 0x00 byte is exact.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const i18n = createI18n(await getLanguage(request));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </I18nextProvider>,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          responseHeaders.set("Referrer-Policy", "same-origin");
          responseHeaders.set("X-Frame-Options", "DENY");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
