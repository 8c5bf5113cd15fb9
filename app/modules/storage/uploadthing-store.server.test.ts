// The UploadThing store against a local server that speaks UploadThing's API (see
// tests/fixtures/uploadthing-server.ts), with the real UTApi of the uploadthing package.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "#app/utils/env.server";
import { startFakeUploadThing, type FakeUploadThing } from "#tests/fixtures/uploadthing-server";
import { FileNotFoundError } from "./file-store";
import { FileTooLargeError } from "./spool.server";
import { parseUploadThingToken } from "./store.server";
import { UploadThingStore } from "./uploadthing-store.server";

let fake: FakeUploadThing;
let store: UploadThingStore;
const temporaryDir = path.join(env().dataDir, "ut-incoming");

beforeAll(async () => {
  fake = await startFakeUploadThing();
  store = UploadThingStore.fromToken(fake.token, temporaryDir, fake.options);
});
afterAll(async () => {
  await fake.close();
});

describe("UploadThingStore", () => {
  it("uploads through a signed ingest URL, named by the content's hash, and reads it back", async () => {
    const content = Buffer.from("Bài dự thi gửi lên UploadThing — tiếng Việt có dấu.");
    const hash = crypto.createHash("sha256").update(content).digest("hex");
    const put = await store.put(Readable.from([content]), { maxBytes: 10_000, contentType: "text/plain; charset=utf-8" });

    expect(put.sha256).toBe(hash);
    expect(put.size).toBe(content.length);
    const upload = fake.requests.find((r) => r.method === "PUT")!;
    expect(upload.path).toBe(`/ingest/${put.key}`);
    expect(upload.query["x-ut-identifier"]).toBe(fake.appId);
    expect(decodeURIComponent(upload.query["x-ut-file-name"]!)).toBe(`${hash}.txt`);
    expect(upload.query["x-ut-file-size"]).toBe(String(content.length));
    expect(upload.query["x-ut-content-disposition"]).toBe("attachment");
    expect(upload.upload?.bytes.equals(content)).toBe(true);
    expect(fake.files.has(put.key)).toBe(true);

    const read = await buffer(await store.open(put.key));
    expect(read.equals(content)).toBe(true);
    const download = fake.requests.findLast((r) => r.method === "GET")!;
    expect(download.path).toBe(`/a/${fake.appId}/${put.key}`);
    expect(download.query.signature).toMatch(/^hmac-sha256=/);
    expect(await store.exists(put.key)).toBe(true);
    expect(fs.readdirSync(temporaryDir)).toEqual([]);
  });

  it("deletes through the API with its key, and then the file is gone", async () => {
    const put = await store.put(Readable.from([Buffer.from("xoá tôi")]), { maxBytes: 100, contentType: "text/plain" });
    await store.delete(put.key);
    const call = fake.requests.findLast((r) => r.path === "/v6/deleteFiles")!;
    expect(call.json).toEqual({ fileKeys: [put.key] });
    expect(call.headers["x-uploadthing-api-key"]).toBe(fake.apiKey);
    expect(await store.exists(put.key)).toBe(false);
    await expect(store.open(put.key)).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it("sends nothing when the stream passes the cap", async () => {
    const before = fake.requests.length;
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(store.put(big, { maxBytes: 1000 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(fake.requests.length).toBe(before);
    expect(fs.readdirSync(temporaryDir)).toEqual([]);
  });

  it("streams a file of several megabytes from disk", async () => {
    const content = crypto.randomBytes(3 * 1024 * 1024);
    const put = await store.put(Readable.from([content.subarray(0, 1_000_000), content.subarray(1_000_000)]), {
      maxBytes: 4 * 1024 * 1024,
      contentType: "application/pdf",
    });
    expect((await buffer(await store.open(put.key))).equals(content)).toBe(true);
  });
});

describe("the UploadThing token", () => {
  it("is checked before any request", () => {
    expect(parseUploadThingToken(fake.token).appId).toBe(fake.appId);
    expect(() => parseUploadThingToken("not-a-token")).toThrow(/UPLOADTHING_TOKEN/);
    expect(() => parseUploadThingToken(Buffer.from(JSON.stringify({ apiKey: "x" })).toString("base64"))).toThrow(
      /UPLOADTHING_TOKEN/,
    );
  });
});
