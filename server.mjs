// The Node server: Express in front of the Remix build. It validates the environment,
// applies migrations, logs every request as one JSON line, refuses cross-site mutations,
// and stops gracefully on SIGTERM/SIGINT.
//   node server.mjs          serve ./build (after `npm run build`)
//   node server.mjs --dev    serve through Vite with hot reload
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import pino from "pino";

const root = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes("--dev");
const log = pino({ level: process.env.LOG_LEVEL || "info", base: { service: "portal" } });

async function main() {
  const vite = dev
    ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true }, appType: "custom" }))
    : undefined;
  const loadBuild = () =>
    vite ? vite.ssrLoadModule("virtual:remix/server-build") : import(path.join(root, "build/server/index.js"));

  const build = await loadBuild();
  const hooks = build.entry.module.serverHooks;
  const { port, database, appUrl } = await hooks.startup(log);

  const app = express();
  app.disable("x-powered-by");
  // A reverse proxy on this host or a private network may tell us the original scheme.
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(compression());

  // Structured request log: one JSON line per request. Link tokens in paths are redacted.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const id = req.get("x-request-id") || crypto.randomUUID();
    res.setHeader("X-Request-Id", id);
    res.on("finish", () => {
      if (req.path.startsWith("/assets/")) return;
      log.info({
        req: { id, method: req.method, path: req.path.replace(/[A-Za-z0-9_-]{32,}/g, "[token]") },
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    next();
  });

  // The client address for rate limiting, as Express resolved it; never trusted from outside.
  app.use((req, _res, next) => {
    req.headers["x-portal-client-ip"] = req.ip || req.socket.remoteAddress || "unknown";
    next();
  });

  // CSRF: refuse mutations that a browser sent from another site.
  app.use((req, res, next) => {
    const allowed = hooks.isAllowedOrigin({
      method: req.method,
      selfOrigin: `${req.protocol}://${req.get("host")}`,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      referer: req.get("referer"),
    });
    if (allowed) return next();
    log.warn({ method: req.method, path: req.path, origin: req.get("origin") }, "cross-site request refused");
    res.status(403).type("text/plain; charset=utf-8").send("Forbidden: cross-site request / Yêu cầu từ trang khác bị từ chối");
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  }
  app.all("*", createRequestHandler({ build: vite ? loadBuild : build, mode: dev ? "development" : "production" }));

  const server = app.listen(port, () => {
    log.info({ port, database, url: appUrl }, `portal listening on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    const force = setTimeout(() => {
      log.warn("forced exit after 10 s");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      await hooks.shutdown().catch((error) => log.error({ err: error }, "error while closing the database"));
      await vite?.close();
      log.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections?.();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  log.fatal({ err: { message: error.message, name: error.name } }, error.message);
  process.exit(1);
});
