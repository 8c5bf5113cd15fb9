// The machine's ceiling for bench/upload.bench.ts: a bare node:http server that does only what no
// upload can skip — it reads each request's body, hashes it with SHA-256, writes it to a file in
// BARE_DIR with 64 KiB-chunk write streams, fsyncs it and answers {"sha256": …}. No multipart
// parsing, no type check, no database, no text extraction. Started as a child process on PORT,
// like the real server, so that it competes for the machine's cores as the real one does; it
// prints "listening" on standard output when ready.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const dir = process.env.BARE_DIR;
if (!dir) throw new Error("BARE_DIR is required");
fs.mkdirSync(dir, { recursive: true });
let count = 0;

const server = http.createServer((req, res) => {
  const file = path.join(dir, `upload-${++count}`);
  const out = fs.createWriteStream(file, { highWaterMark: 64 * 1024 });
  const hash = crypto.createHash("sha256");
  req.on("data", (chunk) => {
    hash.update(chunk);
    if (!out.write(chunk)) {
      req.pause();
      out.once("drain", () => req.resume());
    }
  });
  req.on("end", () => {
    out.end(async () => {
      const handle = await fs.promises.open(file, "r+");
      await handle.sync();
      await handle.close();
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ sha256: hash.digest("hex") }));
    });
  });
});
server.requestTimeout = 0;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
