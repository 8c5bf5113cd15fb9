import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestUser } from "#tests/factories/accounts";
import { ORIGIN } from "#tests/factories/requests";
import { VIETNAMESE_PARAGRAPHS, docxDocument } from "#tests/fixtures/documents";
import { DOCUMENT_KINDS } from "./files.schema";
import { MAX_FIELDS, MAX_FIELD_BYTES, filePartError, withUploadForm, type UploadForm } from "./multipart.server";
import { storeUpload } from "./upload.server";
import { uploadsDir } from "./store.server";

const BOUNDARY = "----portal-raw-boundary";

/** A request with the multipart body written out by hand (so it can be wrong). */
function rawRequest(body: string, contentType = `multipart/form-data; boundary=${BOUNDARY}`): Request {
  return new Request(`${ORIGIN}/nop-bai`, { method: "POST", headers: { "Content-Type": contentType }, body });
}

function filePart(name: string, filename: string, content: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;
}

function textPart(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

/** The temporary files waiting in the uploads folder. */
function incoming(): string[] {
  const dir = path.join(uploadsDir(), ".incoming");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

async function refusal(request: Request, options = { maxBytes: 1000 }): Promise<unknown> {
  let handled = false;
  const error = await withUploadForm(request, options, async () => {
    handled = true;
  }).catch((e: unknown) => e);
  expect(handled).toBe(false);
  return error;
}

function multipart(fill: (form: FormData) => void): Request {
  const form = new FormData();
  fill(form);
  return new Request(`${ORIGIN}/nop-bai`, { method: "POST", body: form });
}

/** A multipart body streamed part by part, the file's bytes made as they are read. */
function streamedRequest(fileBytes: number, after: string): { request: Request; produced: () => number } {
  const boundary = "----portal-test-boundary";
  const encoder = new TextEncoder();
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let produced = 0;
  let stage = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 0) {
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dai.txt"\r\nContent-Type: text/plain\r\n\r\n`));
        stage = 1;
      } else if (stage === 1) {
        const n = Math.min(chunk.length, fileBytes - produced);
        controller.enqueue(chunk.subarray(0, n));
        produced += n;
        if (produced >= fileBytes) stage = 2;
      } else {
        controller.enqueue(encoder.encode(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${after}\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
  const request = new Request(`${ORIGIN}/nop-bai`, {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, produced: () => produced };
}

describe("withUploadForm", () => {
  it("gives the text fields and the file received on disk, and removes it afterwards", async () => {
    const bytes = docxDocument(VIETNAMESE_PARAGRAPHS);
    const request = multipart((f) => {
      f.append("title", "Bảo vệ nền tảng tư tưởng");
      f.append("file", new File([new Uint8Array(bytes)], "Bài dự thi.docx", { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
      f.append("intent", "submit");
    });
    let seen: UploadForm | undefined;
    let onDisk: Buffer | undefined;
    await withUploadForm(request, { maxBytes: 1024 * 1024 }, async (form) => {
      seen = form;
      if (form.file.status === "received") onDisk = fs.readFileSync(form.file.received.path);
    });
    expect(seen!.fields.get("title")).toBe("Bảo vệ nền tảng tư tưởng");
    expect(seen!.fields.get("intent")).toBe("submit");
    expect(seen!.fields.get("file")).toBeNull();
    expect(seen!.file.status).toBe("received");
    if (seen!.file.status !== "received") return;
    expect(seen!.file.received).toMatchObject({
      originalName: "Bài dự thi.docx",
      declaredType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      size: bytes.length,
    });
    expect(onDisk!.equals(Buffer.from(bytes))).toBe(true);
    expect(fs.existsSync(seen!.file.received.path)).toBe(false);
    expect(filePartError(seen!.file, 1024)).toBeNull();
  });

  it("hands the received file to storeUpload, which stores it with its text", async () => {
    const user = await createTestUser();
    const request = multipart((f) => f.append("file", new File([new Uint8Array(docxDocument(VIETNAMESE_PARAGRAPHS))], "bai.docx")));
    const result = await withUploadForm(request, { maxBytes: 1024 * 1024 }, async ({ file }) => {
      if (file.status !== "received") throw new Error(file.status);
      return storeUpload({
        source: file.received,
        originalName: file.received.originalName,
        declaredType: file.received.declaredType,
        allowed: DOCUMENT_KINDS,
        maxBytes: 1024 * 1024,
        uploadedById: user.id,
      });
    });
    expect(result.ok && result.file.kind).toBe("DOCX");
    expect(result.ok && result.text?.text).toBe(VIETNAMESE_PARAGRAPHS.join("\n\n"));
  });

  it("drops a file past the cap while it streams, and still reads the fields after it", async () => {
    const { request, produced } = streamedRequest(20 * 1024 * 1024, "Tiêu đề sau tệp");
    const form = await withUploadForm(request, { maxBytes: 1024 * 1024 }, async (f) => f);
    expect(form.file).toEqual({ status: "tooLarge" });
    expect(form.fields.get("title")).toBe("Tiêu đề sau tệp");
    expect(produced()).toBe(20 * 1024 * 1024);
    expect(filePartError(form.file, 1024 * 1024)).toBe('files:errors.tooLarge|{"mb":1}');
  });

  it("tells a file input left empty, and ignores files in other fields", async () => {
    const request = multipart((f) => {
      f.append("file", new File([], ""));
      f.append("other", new File(["không được lưu"], "khac.txt"));
    });
    const form = await withUploadForm(request, { maxBytes: 1000 }, async (f) => f);
    expect(form.file).toEqual({ status: "missing" });
    expect(form.fields.get("other")).toBeNull();
    expect(filePartError(form.file, 1000)).toBe("files:errors.noFile");
  });

  it("answers 400 to a body that is not multipart or a text field over its limit", async () => {
    const urlEncoded = new Request(`${ORIGIN}/nop-bai`, { method: "POST", body: new URLSearchParams({ a: "b" }) });
    const notMultipart = await withUploadForm(urlEncoded, { maxBytes: 1000 }, async () => "handled").catch((e: unknown) => e);
    expect(notMultipart).toBeInstanceOf(Response);
    expect((notMultipart as Response).status).toBe(400);
    const long = multipart((f) => f.append("title", "x".repeat(MAX_FIELD_BYTES + 1)));
    const tooLong = await withUploadForm(long, { maxBytes: 1000 }, async () => "handled").catch((e: unknown) => e);
    expect((tooLong as Response).status).toBe(400);
  });

  it("lets a named field hold more than the usual limit, and only that field", async () => {
    const essay = "Bảo vệ nền tảng tư tưởng của Đảng. ".repeat(4000);
    expect(new TextEncoder().encode(essay).length).toBeGreaterThan(MAX_FIELD_BYTES);
    const options = { maxBytes: 1000, fieldBytes: { onlineText: 1024 * 1024 } };
    const fields = await withUploadForm(multipart((f) => f.append("onlineText", essay)), options, async (form) => form.fields);
    expect(fields.get("onlineText")).toBe(essay);
    const other = await withUploadForm(multipart((f) => f.append("title", essay)), options, async () => "handled").catch((e: unknown) => e);
    expect((other as Response).status).toBe(400);
    const over = await withUploadForm(multipart((f) => f.append("onlineText", essay)), { maxBytes: 1000, fieldBytes: { onlineText: 1000 } }, async () => "handled").catch(
      (e: unknown) => e,
    );
    expect((over as Response).status).toBe(400);
  });

  it("removes the received file even when the handler throws", async () => {
    let path = "";
    const request = multipart((f) => f.append("file", new File(["nội dung"], "a.txt")));
    await expect(
      withUploadForm(request, { maxBytes: 1000 }, async ({ file }) => {
        if (file.status === "received") path = file.received.path;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(path).not.toBe("");
    expect(fs.existsSync(path)).toBe(false);
  });

  it("answers 400 to a body cut off inside the file, keeping nothing of it", async () => {
    const before = incoming();
    const body = textPart("title", "Bài dở dang") + filePart("file", "bai.txt", "x".repeat(200_000)).slice(0, -2);
    const error = await refusal(rawRequest(body), { maxBytes: 1024 * 1024 });
    expect((error as Response).status).toBe(400);
    expect(incoming()).toEqual(before);
  });

  it("answers 400 to a body with no closing boundary after its last field", async () => {
    const error = await refusal(rawRequest(textPart("title", "Không có kết thúc")));
    expect((error as Response).status).toBe(400);
  });

  it("answers 400 to multipart without a boundary", async () => {
    const error = await refusal(rawRequest(textPart("title", "a") + `--${BOUNDARY}--\r\n`, "multipart/form-data"));
    expect((error as Response).status).toBe(400);
  });

  it("keeps the first of two files in the file field and drops the second unread", async () => {
    const body = filePart("file", "mot.txt", "tệp thứ nhất") + filePart("file", "hai.txt", "tệp thứ hai") + `--${BOUNDARY}--\r\n`;
    const form = await withUploadForm(rawRequest(body), { maxBytes: 1000 }, async (f) => ({
      ...f,
      bytes: f.file.status === "received" ? fs.readFileSync(f.file.received.path, "utf8") : null,
    }));
    expect(form.file.status === "received" && form.file.received.originalName).toBe("mot.txt");
    expect(form.bytes).toBe("tệp thứ nhất");
  });

  it("refuses a file one byte over the cap and takes one exactly at it, leaving no temporary file", async () => {
    const before = incoming();
    const over = await withUploadForm(rawRequest(filePart("file", "a.txt", "x".repeat(1001)) + `--${BOUNDARY}--\r\n`), { maxBytes: 1000 }, async (f) => f.file);
    expect(over).toEqual({ status: "tooLarge" });
    const at = await withUploadForm(rawRequest(filePart("file", "a.txt", "x".repeat(1000)) + `--${BOUNDARY}--\r\n`), { maxBytes: 1000 }, async (f) => f.file);
    expect(at.status === "received" && at.received.size).toBe(1000);
    expect(incoming()).toEqual(before);
  });

  it("answers 400 to more parts than MAX_FIELDS, and to a field past its limit after a file, removing the file", async () => {
    const many = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => textPart(`f${i}`, "1")).join("") + `--${BOUNDARY}--\r\n`;
    expect(((await refusal(rawRequest(many))) as Response).status).toBe(400);
    const before = incoming();
    const late = filePart("file", "a.txt", "nội dung") + textPart("title", "x".repeat(MAX_FIELD_BYTES + 1)) + `--${BOUNDARY}--\r\n`;
    expect(((await refusal(rawRequest(late))) as Response).status).toBe(400);
    expect(incoming()).toEqual(before);
  });
});

