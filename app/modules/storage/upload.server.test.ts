import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWords } from "#app/modules/entries/words";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n";
import { createTestUser } from "#tests/factories/accounts";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import {
  PNG_1X1,
  VIETNAMESE_PARAGRAPHS,
  docxDocument,
  odtDocument,
  pdfDocument,
  windows1258,
  zipBomb,
} from "#tests/fixtures/documents";
import { startFakeUploadThing, type FakeUploadThing } from "#tests/fixtures/uploadthing-server";
import { DOCUMENT_KINDS, IMAGE_KINDS } from "./files.schema";
import { LocalDiskStore } from "./local-store.server";
import { uploadsDir } from "./store.server";
import { UploadThingStore } from "./uploadthing-store.server";
import { cleanFileName, discardStoredFile, openStoredFile, storeUpload, type StoreUploadInput } from "./upload.server";

const essay = VIETNAMESE_PARAGRAPHS.join("\n\n");
let uploaderId: string;

beforeAll(async () => {
  uploaderId = (await createTestUser()).id;
});

function upload(bytes: Uint8Array, originalName: string, more: Partial<StoreUploadInput> = {}) {
  return storeUpload({
    source: Readable.from([Buffer.from(bytes)]),
    originalName,
    declaredType: null,
    allowed: DOCUMENT_KINDS,
    maxBytes: 10 * 1024 * 1024,
    uploadedById: uploaderId,
    ...more,
  });
}

/** Every file under the uploads folder, temporary ones included. */
function storedFiles(): string[] {
  const dir = uploadsDir();
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

async function snapshot() {
  return { rows: await prisma.storedFile.count(), files: storedFiles() };
}

const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

describe("storeUpload: accepted files", () => {
  it("stores each kind with its row, its content's type and its text", async () => {
    const cases = [
      { bytes: pdfDocument([VIETNAMESE_PARAGRAPHS]), name: "bài dự thi.pdf", kind: "PDF", mime: "application/pdf" },
      { bytes: docxDocument(VIETNAMESE_PARAGRAPHS), name: "bai-du-thi.docx", kind: "DOCX", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
      { bytes: odtDocument(VIETNAMESE_PARAGRAPHS), name: "bai-du-thi.odt", kind: "ODT", mime: "application/vnd.oasis.opendocument.text" },
      { bytes: windows1258(essay), name: "bai-du-thi.txt", kind: "TXT", mime: "text/plain; charset=windows-1258" },
    ] as const;
    for (const c of cases) {
      const result = await upload(c.bytes, c.name);
      expect(result.ok, c.kind).toBe(true);
      if (!result.ok) continue;
      expect(result.file).toMatchObject({
        backend: "LOCAL",
        storageKey: sha256(c.bytes),
        sha256: sha256(c.bytes),
        size: c.bytes.length,
        kind: c.kind,
        mimeType: c.mime,
        originalName: c.name,
        uploadedById: uploaderId,
      });
      expect(result.text).toEqual({ text: essay, wordCount: countWords(essay) });
      expect(await prisma.storedFile.findUnique({ where: { id: result.file.id } })).not.toBeNull();
      expect((await buffer(await openStoredFile(result.file))).equals(Buffer.from(c.bytes))).toBe(true);
    }
  });

  it("stores a banner image, with no text", async () => {
    const result = await upload(PNG_1X1, "banner.png", { allowed: IMAGE_KINDS, declaredType: "image/png" });
    expect(result.ok && result.file.kind).toBe("IMAGE");
    expect(result.ok && result.file.mimeType).toBe("image/png");
    expect(result.ok && result.text).toBeNull();
  });

  it("stores the same content once, with a row of its own for each upload", async () => {
    const bytes = pdfDocument([["Nội dung trùng lặp, gửi hai lần."]]);
    const first = await upload(bytes, "lan-1.pdf");
    const before = await snapshot();
    const other = await createTestUser({ name: "Phạm Thị Gửi Sau" });
    const second = await upload(bytes, "lan-2.pdf", { uploadedById: other.id });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    // The second uploader sees their own name and is recorded as the uploader, not the first one.
    expect(second.file.id).not.toBe(first.file.id);
    expect(second.file).toMatchObject({ originalName: "lan-2.pdf", uploadedById: other.id, storageKey: first.file.storageKey });
    expect(await prisma.storedFile.findUniqueOrThrow({ where: { id: first.file.id } })).toMatchObject({ originalName: "lan-1.pdf", uploadedById: uploaderId });
    // One copy of the bytes.
    expect(await snapshot()).toEqual({ rows: before.rows + 1, files: before.files });
  });

  it("removes shared bytes only with the last row that points to them", async () => {
    const bytes = docxDocument(["Hai người gửi cùng một tệp, rồi lần lượt thay ảnh khác."]);
    const a = await upload(bytes, "a.docx");
    const b = await upload(bytes, "b.docx");
    if (!a.ok || !b.ok) throw new Error("upload refused");
    const disk = new LocalDiskStore(uploadsDir());
    expect(await discardStoredFile(a.file.id)).toBe(true);
    expect(await disk.exists(sha256(bytes))).toBe(true);
    expect((await buffer(await openStoredFile(b.file))).equals(Buffer.from(bytes))).toBe(true);
    expect(await discardStoredFile(b.file.id)).toBe(true);
    expect(await disk.exists(sha256(bytes))).toBe(false);
    expect(await prisma.storedFile.count({ where: { sha256: sha256(bytes) } })).toBe(0);
  });

  it("does not discard a row an entry version refers to", async () => {
    const bytes = odtDocument(["Phiên bản bài dự thi giữ lại tệp."]);
    const result = await upload(bytes, "giu.odt");
    if (!result.ok) throw new Error("upload refused");
    const { contest, categories } = await createTestContest({ categories: ["Đoàn viên"] });
    const [entry] = await createTestEntries(contest.id, categories[0]!.id, 1);
    await prisma.entryVersion.create({ data: { entryId: entry!.id, number: 1, fileId: result.file.id } });
    expect(await discardStoredFile(result.file.id)).toBe(false);
    expect(await new LocalDiskStore(uploadsDir()).exists(sha256(bytes))).toBe(true);
  });

  it("keeps the bytes another upload recorded while a failed one of the same content cleans up", async () => {
    const bytes = pdfDocument([["Hai lần gửi cùng lúc, một lần thất bại."]]);
    const [failed, kept] = await Promise.allSettled([
      upload(bytes, "hong.pdf", { attach: async () => Promise.reject(new Error("stale form")) }),
      upload(bytes, "tot.pdf"),
    ]);
    expect(failed.status).toBe("rejected");
    expect(kept.status === "fulfilled" && kept.value.ok).toBe(true);
    expect(await new LocalDiskStore(uploadsDir()).exists(sha256(bytes))).toBe(true);
    expect(await prisma.storedFile.findMany({ where: { sha256: sha256(bytes) }, select: { originalName: true } })).toEqual([{ originalName: "tot.pdf" }]);
    // And the other order: the failed one comes after the recorded one.
    await expect(upload(bytes, "hong-2.pdf", { attach: async () => Promise.reject(new Error("stale form")) })).rejects.toThrow();
    expect(await new LocalDiskStore(uploadsDir()).exists(sha256(bytes))).toBe(true);
  });

  it("stores the bytes again when an earlier row's bytes are missing from the store", async () => {
    const bytes = pdfDocument([["Tệp khôi phục từ bản sao lưu thiếu tệp."]]);
    const first = await upload(bytes, "dau.pdf");
    if (!first.ok) throw new Error("upload refused");
    await new LocalDiskStore(uploadsDir()).delete(first.file.storageKey);
    const second = await upload(bytes, "sau.pdf");
    if (!second.ok) throw new Error("upload refused");
    expect(second.file.storageKey).toBe(first.file.storageKey);
    expect((await buffer(await openStoredFile(second.file))).equals(Buffer.from(bytes))).toBe(true);
  });

  it("keeps the name as the entrant sees it: NFC, no path, no control characters", () => {
    expect(cleanFileName("C:\\Users\\An\\Bài dự thi.docx".normalize("NFD"))).toBe("Bài dự thi.docx");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("a\u0000b\u001fc.pdf")).toBe("abc.pdf");
    expect([...cleanFileName("đ".repeat(300))]).toHaveLength(255);
  });

  it("records the row and the caller's attachment in one transaction", async () => {
    const bytes = docxDocument(["Đính kèm trong cùng giao dịch."]);
    let seenInside: string | null = null;
    const result = await upload(bytes, "x.docx", {
      attach: async (tx, file) => {
        seenInside = (await tx.storedFile.findUnique({ where: { id: file.id } }))?.sha256 ?? null;
      },
    });
    expect(result.ok).toBe(true);
    expect(seenInside).toBe(sha256(bytes));
  });

  it("keeps nothing when the attachment fails, and its writes roll back", async () => {
    const user = await createTestUser({ name: "Trần Thị Bình" });
    const before = await snapshot();
    await expect(
      upload(odtDocument(["Giao dịch thất bại."]), "y.odt", {
        attach: async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { name: "Đã đổi" } });
          throw new Error("the entry changed meanwhile");
        },
      }),
    ).rejects.toThrow(/meanwhile/);
    expect(await snapshot()).toEqual(before);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Trần Thị Bình");
  });
});

describe("storeUpload: refusals leave nothing behind", () => {
  /** Runs the upload between two snapshots (started after the first, so its temporary file is not in it). */
  async function refused(start: () => Promise<Awaited<ReturnType<typeof storeUpload>>>) {
    const before = await snapshot();
    const result = await start();
    expect(result.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
    return result.ok ? "" : result.error;
  }

  it("refuses a PDF named .docx as spoofed, with its own message", async () => {
    const error = await refused(() => upload(pdfDocument([VIETNAMESE_PARAGRAPHS]), "bai-du-thi.docx"));
    expect(error).toBe('files:errors.spoofedType|{"claimed":"DOCX","actual":"PDF"}');
    const t = getFixedT("vi");
    const [key, params] = error.split("|") as [string, string];
    expect(t(key as "files:errors.spoofedType", JSON.parse(params) as Record<string, string>)).toContain("nội dung thực là tệp PDF");
  });

  it("refuses a declared media type that contradicts the content", async () => {
    const error = await refused(() => upload(pdfDocument([["x"]]), "bai.pdf", { declaredType: "text/plain" }));
    expect(error).toBe('files:errors.spoofedType|{"claimed":"TXT","actual":"PDF"}');
  });

  it("refuses a kind the contest does not accept, naming those it does", async () => {
    expect(await refused(() => upload(PNG_1X1, "anh.png"))).toBe('files:errors.wrongType|{"allowed":"PDF, DOCX, ODT, TXT"}');
    expect(await refused(() => upload(pdfDocument([["x"]]), "bai.pdf", { allowed: ["DOCX"] }))).toBe(
      'files:errors.wrongType|{"allowed":"DOCX"}',
    );
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(await refused(() => upload(svg, "banner.svg", { allowed: IMAGE_KINDS }))).toBe(
      'files:errors.wrongType|{"allowed":"PNG, JPEG, WebP"}',
    );
  });

  it("refuses an empty file, random bytes and a truncated PDF", async () => {
    expect(await refused(() => upload(new Uint8Array(), "rong.pdf"))).toBe("files:errors.empty");
    expect(await refused(() => upload(crypto.randomBytes(5000), "ngau-nhien.bin"))).toMatch(/^files:errors\.wrongType/);
    expect(await refused(() => upload(crypto.randomBytes(5000), "gia.pdf"))).toBe("files:errors.corrupt");
    const pdf = pdfDocument([VIETNAMESE_PARAGRAPHS]);
    expect(await refused(() => upload(pdf.subarray(0, pdf.length - 300), "cut.pdf"))).toBe("files:errors.corrupt");
  });

  it("refuses a zip bomb with the limit in MB", async () => {
    expect(await refused(() => upload(zipBomb(100), "bom.docx"))).toBe('files:errors.tooManyInflatedBytes|{"mb":64}');
  });

  it("cuts an oversize stream off at the cap and says the limit in MB", async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += chunk.length;
        this.push(chunk);
      },
    });
    const before = await snapshot();
    const result = await storeUpload({
      source: endless,
      originalName: "dai.txt",
      allowed: DOCUMENT_KINDS,
      maxBytes: 2.5 * 1024 * 1024,
      uploadedById: uploaderId,
    });
    expect(result).toEqual({ ok: false, error: 'files:errors.tooLarge|{"mb":2.5}' });
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
    expect(await snapshot()).toEqual(before);
    expect(getFixedT("vi")("files:errors.tooLarge", { mb: 2.5 })).toContain("2,5 MB");
  });

  it("keeps the content an earlier upload stored when a later one of the same bytes is refused", async () => {
    const bytes = pdfDocument([["Tệp đã lưu trước đó."]]);
    const first = await upload(bytes, "truoc.pdf");
    expect(first.ok).toBe(true);
    expect(await refused(() => upload(bytes, "sau.docx"))).toMatch(/spoofedType/);
    expect(await refused(() => upload(bytes, "sau.pdf", { allowed: ["ODT"] }))).toMatch(/wrongType/);
    expect(await new LocalDiskStore(uploadsDir()).exists(sha256(bytes))).toBe(true);
    expect(await prisma.storedFile.count({ where: { sha256: sha256(bytes) } })).toBe(1);
  });
});

describe("storeUpload with UploadThing", () => {
  let fake: FakeUploadThing;
  let store: UploadThingStore;
  beforeAll(async () => {
    fake = await startFakeUploadThing();
    store = UploadThingStore.fromToken(fake.token, path.join(env().dataDir, "ut-incoming"), fake.options);
  });
  afterAll(() => fake.close());

  it("stores with the service's key and reads the bytes back through it", async () => {
    const bytes = docxDocument(VIETNAMESE_PARAGRAPHS);
    const result = await upload(bytes, "bai.docx", { store });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.backend).toBe("UPLOADTHING");
    expect(fake.files.get(result.file.storageKey)?.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(result.text?.text).toBe(essay);
    // Again: the same content is not sent twice; the second upload has its own row.
    const uploads = fake.requests.filter((r) => r.method === "PUT").length;
    const again = await upload(bytes, "lai.docx", { store });
    expect(again.ok && again.file.storageKey).toBe(result.file.storageKey);
    expect(again.ok && again.file.originalName).toBe("lai.docx");
    expect(fake.requests.filter((r) => r.method === "PUT").length).toBe(uploads);
  });

  it("sends nothing to the service for a refused file", async () => {
    const before = fake.requests.length;
    const result = await upload(pdfDocument([["x"]]), "bai.odt", { store });
    expect(result.ok).toBe(false);
    expect(fake.requests.length).toBe(before);
  });

  it("removes what it sent when the attachment fails", async () => {
    const bytes = odtDocument(["Gửi rồi huỷ."]);
    await expect(upload(bytes, "huy.odt", { store, attach: async () => Promise.reject(new Error("stale")) })).rejects.toThrow();
    const put = fake.requests.findLast((r) => r.method === "PUT")!;
    expect(put.upload?.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(fake.requests.at(-1)?.path).toBe("/v6/deleteFiles");
    expect(fake.files.size).toBe(1);
  });
});
