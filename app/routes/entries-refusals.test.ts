// Refusals of the entrant's upload route (/contests/:slug/enter/upload, what the page's script
// posts): every file of the bad-upload corpus (tests/fixtures/bad-uploads.ts) gets its error,
// translated in both languages, and leaves no entry, version, stored-file row or file on disk;
// a file name that climbs folders is reduced to its last part and stored by its content only;
// the entry limit holds when many submissions of one entrant arrive at once.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { uploadsDir } from "#app/modules/storage/store.server";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { ENTRANT_AUTHOR, createOpenContest } from "#tests/factories/entries";
import { ORIGIN, outcomeOf } from "#tests/factories/requests";
import { BAD_UPLOADS, BAD_UPLOAD_ALLOWED, BAD_UPLOAD_MAX_BYTES, TRAVERSAL_NAME } from "#tests/fixtures/bad-uploads";
import { VIETNAMESE_PARAGRAPHS, docxDocument, pdfDocument } from "#tests/fixtures/documents";
import * as enterUpload from "./contests.$slug.enter.upload";

let slug: string;
let contestId: string;
let categoryId: string;

beforeAll(async () => {
  const { contest, categories } = await createOpenContest({ allowedFileTypes: BAD_UPLOAD_ALLOWED, maxFileBytes: BAD_UPLOAD_MAX_BYTES, maxEntriesPerUser: 1 });
  slug = contest.slug;
  contestId = contest.id;
  categoryId = categories[0]!.id;
});

async function entrantCookie() {
  const user = await createTestUser({ name: ENTRANT_AUTHOR.name });
  return { id: user.id, cookie: await sessionCookie(user.id) };
}

/** The new-entry form as the page's script sends it, with the file. */
function post(cookie: string, file: { bytes: Uint8Array; name: string; type: string }, title = "Bảo vệ nền tảng tư tưởng của Đảng") {
  const form = new FormData();
  const fields: Record<string, string> = {
    intent: "submit",
    version: "0",
    categoryId,
    title,
    abstract: "Tóm tắt bài viết.",
    "authors[0].name": ENTRANT_AUTHOR.name,
    "authors[0].birthYear": String(ENTRANT_AUTHOR.birthYear),
    "authors[0].unit": ENTRANT_AUTHOR.unit,
    "authors[0].jobTitle": ENTRANT_AUTHOR.jobTitle,
    "authors[0].email": ENTRANT_AUTHOR.email,
    "authors[0].phone": ENTRANT_AUTHOR.phone,
    declaration: "on",
    essayMode: "file",
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  const headers = new Headers({ Origin: ORIGIN, Cookie: cookie, "x-portal-client-ip": "203.0.113.7" });
  const request = new Request(`${ORIGIN}/contests/${slug}/enter/upload`, { method: "POST", headers, body: form });
  return outcomeOf(() => enterUpload.action({ request, params: { slug }, context: {} }));
}

/** Every file under the uploads folder, temporary ones included. */
function filesOnDisk(): string[] {
  const dir = uploadsDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

async function state() {
  return {
    entries: await prisma.entry.count(),
    versions: await prisma.entryVersion.count(),
    storedFiles: await prisma.storedFile.count(),
    codes: (await prisma.contest.findUniqueOrThrow({ where: { id: contestId } })).entryCodeSeq,
    files: filesOnDisk(),
  };
}

/** The message a key (with its "|{json}" parameters) reads as in a language. */
function translated(error: string, lng: "vi" | "en"): string {
  const [key, params] = error.split("|", 2) as [string, string | undefined];
  return getFixedT(lng)(key as "files:errors.corrupt", params ? (JSON.parse(params) as Record<string, unknown>) : {});
}

describe("the bad-upload corpus", () => {
  it("holds real bad files: the oversize one is over the limit, the others under it", () => {
    for (const c of BAD_UPLOADS) {
      const size = c.bytes().length;
      if (c.error.startsWith("files:errors.tooLarge")) expect(size, c.what).toBeGreaterThan(BAD_UPLOAD_MAX_BYTES);
      else expect(size, c.what).toBeLessThanOrEqual(BAD_UPLOAD_MAX_BYTES);
    }
  });

  for (const c of BAD_UPLOADS) {
    it(`refuses ${c.what} with its translated error, leaving nothing behind`, async () => {
      const { cookie } = await entrantCookie();
      const before = await state();
      const res = await post(cookie, { bytes: c.bytes(), name: c.name, type: c.type });
      expect(res.status).toBe(400);
      const { result } = res.body as { result: { error: Record<string, string[]> } };
      expect(result.error).toEqual({ file: [c.error] });
      const key = c.error.split("|")[0]!.split(":")[1]!;
      for (const lng of ["vi", "en"] as const) {
        const message = translated(c.error, lng);
        expect(message, `${c.what} in ${lng}`).not.toContain(key);
        expect(message).not.toMatch(/\{\{|\}\}/);
        expect(message.length).toBeGreaterThan(15);
      }
      expect(await state()).toEqual(before);
    });
  }
});

describe("a file name that climbs folders", () => {
  it("is reduced to its last part; the bytes are stored under their SHA-256 in the uploads folder, nowhere else", async () => {
    const { id, cookie } = await entrantCookie();
    const bytes = pdfDocument([["Bài dự thi có tên tệp lạ.", ...VIETNAMESE_PARAGRAPHS]]);
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const before = filesOnDisk();
    const res = await post(cookie, { bytes, name: TRAVERSAL_NAME, type: "application/pdf" });
    expect(res.status).toBe(200);
    const entry = await prisma.entry.findFirstOrThrow({ where: { submitterId: id }, include: { currentVersion: { include: { file: true } } } });
    expect(entry.currentVersion?.file).toMatchObject({ originalName: "bai-du-thi.pdf", sha256, storageKey: sha256 });
    expect(filesOnDisk().filter((f) => !before.includes(f))).toEqual([path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
    const dataDir = env().dataDir;
    const strays = fs.readdirSync(path.dirname(dataDir), { recursive: true }).map(String).filter((f) => f.endsWith("bai-du-thi.pdf"));
    expect(strays).toEqual([]);
  });
});

describe("the entry limit under concurrent submissions", () => {
  it("lets exactly one of six simultaneous posts of one entrant past a limit of one, storing one file", async () => {
    const { id, cookie } = await entrantCookie();
    const files = Array.from({ length: 6 }, (_, i) => docxDocument([`Bản số ${i + 1} gửi cùng lúc.`, ...VIETNAMESE_PARAGRAPHS]));
    const results = await Promise.all(files.map((bytes, i) => post(cookie, { bytes, name: `ban-${i + 1}.docx`, type: "application/octet-stream" }, `Bài gửi cùng lúc ${i + 1}`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    for (const r of results.filter((x) => x.status === 400)) {
      expect((r.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ['entries:errors.limitReached|{"max":1}'] });
    }
    expect(await prisma.entry.count({ where: { submitterId: id } })).toBe(1);
    expect(await prisma.entryVersion.count({ where: { entry: { submitterId: id } } })).toBe(1);
    expect(await prisma.storedFile.count({ where: { uploadedById: id } })).toBe(1);
  });
});
