import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zonedLocalToUtc } from "#app/modules/contests/phases-clock";
import { transitionContest } from "#app/modules/contests/phases.server";
import { uploadsDir } from "#app/modules/storage/store.server";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { ENTRANT_AUTHOR, createOpenContest, entryValues, receivedFile } from "#tests/factories/entries";
import { receiptMail } from "#app/modules/mail/templates.server";
import { env } from "#app/utils/env.server";
import { mailsTo } from "#tests/factories/requests";
import { VIETNAMESE_PARAGRAPHS, docxDocument, pdfDocument } from "#tests/fixtures/documents";
import { ANONYMOUS_CODE_PATTERN } from "./codes";
import { MASK_MARKERS } from "./mask";
import { acceptsUntil, getReceipt, saveEntry, sha256Text, withdrawEntry, windowRefusal, type SaveEntryInput } from "./submission.server";
import { countWords } from "./words";

const essay = VIETNAMESE_PARAGRAPHS.join("\n\n");
const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

async function entrant(name = "Hoàng Thị Lan", locale = "vi") {
  const user = await createTestUser({ name, email: `${crypto.randomBytes(4).toString("hex")}@example.vn` });
  if (locale !== "vi") await prisma.user.update({ where: { id: user.id }, data: { locale } });
  return { id: user.id, locale, email: user.email };
}

function uploadDirFiles(): string[] {
  const dir = uploadsDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.parentPath.includes(".incoming"))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

async function rows() {
  return {
    entries: await prisma.entry.count(),
    versions: await prisma.entryVersion.count(),
    files: await prisma.storedFile.count(),
    authors: await prisma.entryAuthor.count(),
    stored: uploadDirFiles(),
  };
}

async function docx(paragraphs = VIETNAMESE_PARAGRAPHS, name = "bai-du-thi.docx") {
  return { kind: "file" as const, file: await receivedFile(docxDocument(paragraphs), name) };
}

describe("submitting an entry", () => {
  it("gives the entry its codes, version 1 with the file's text, the masking and an audit record, and e-mails the receipt", async () => {
    const { contest, categories } = await createOpenContest({ entryCodePrefix: "QB-" });
    const user = await entrant();
    const bytes = docxDocument([...VIETNAMESE_PARAGRAPHS, `Tác giả: ${ENTRANT_AUTHOR.name}, ${ENTRANT_AUTHOR.phone}`]);
    const now = new Date();
    const result = await saveEntry({
      user,
      contestId: contest.id,
      values: entryValues(categories[1]!.id),
      essay: { kind: "file", file: await receivedFile(bytes, "Bài dự thi của Lan.docx") },
      ip: "203.0.113.9",
      now,
    });
    expect(result).toMatchObject({ ok: true, status: "SUBMITTED", submitted: true, newVersion: true });
    if (!result.ok) return;
    const entry = await prisma.entry.findUniqueOrThrow({
      where: { id: result.entryId },
      include: { authors: true, currentVersion: { include: { file: true } } },
    });
    expect(entry.entryCode).toBe("QB-0001");
    expect(entry.anonymousCode).toMatch(ANONYMOUS_CODE_PATTERN);
    expect(entry.submittedAt).toEqual(now);
    expect(entry.declarationAcceptedAt).toEqual(now);
    expect(entry.authors).toEqual([expect.objectContaining({ ...ENTRANT_AUTHOR, position: 0, userId: user.id })]);
    const version = entry.currentVersion!;
    expect(version.number).toBe(1);
    expect(version.file).toMatchObject({ sha256: sha256(bytes), originalName: "Bài dự thi của Lan.docx", uploadedById: user.id, kind: "DOCX" });
    expect(version.wordCount).toBe(countWords(version.extractedText));
    expect(version.extractedText).toContain(VIETNAMESE_PARAGRAPHS[0]);
    // Masked for the judges: the author's name and phone are gone from the reading view.
    expect(version.maskedText).toContain(MASK_MARKERS.vi);
    expect(version.maskedText).not.toContain(ENTRANT_AUTHOR.name);
    expect(version.maskedText).not.toContain("0912");
    expect((await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).entryCodeSeq).toBe(1);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { targetId: entry.id } });
    expect(log).toMatchObject({ action: "entry.submit", actorId: user.id, contestId: contest.id, ip: "203.0.113.9" });

    const [mail] = await mailsTo(user.email);
    expect(mail?.subject).toBe(`Xác nhận nộp bài dự thi QB-0001 — ${contest.title}`);
    expect(mail?.text).toContain("Mã bài dự thi: QB-0001");
    expect(mail?.text).toContain(`Tên bài: ${entry.title}`);
    expect(mail?.text).toContain(`Đối tượng dự thi: ${categories[1]!.name}`);
    expect(mail?.text).toContain(`Mã kiểm tra SHA-256: ${sha256(bytes)}`);
    expect(mail?.text).toContain("Phiên bản bài viết: 1");
    // Hà Nội is UTC+7 all year: the receipt shows the contest's clock.
    const local = new Date(now.getTime() + 7 * 3_600_000);
    const hhmm = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
    const day = `ngày ${local.getUTCDate()} tháng ${local.getUTCMonth() + 1} năm ${local.getUTCFullYear()}`;
    expect(mail?.text).toContain(`Thời điểm nhận: ${hhmm} ${day} (giờ Asia/Ho_Chi_Minh)`);
    expect(mail?.links.some((l) => l.endsWith(`/entries/${entry.id}/receipt`))).toBe(true);
    // Nothing of the judges' side in the receipt.
    expect(mail?.text).not.toContain(entry.anonymousCode!);
  });

  it("e-mails the receipt in the entrant's language, with the hash of text written in the browser", async () => {
    const { contest, categories } = await createOpenContest();
    const user = await entrant("Alice Nguyen", "en");
    const text = "  Bảo vệ nền tảng tư tưởng của Đảng.\r\n\r\nĐoạn thứ hai.  ";
    const result = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id, { essayMode: "text" }), essay: { kind: "text", text } });
    expect(result.ok).toBe(true);
    const stored = "Bảo vệ nền tảng tư tưởng của Đảng.\n\nĐoạn thứ hai.";
    const version = await prisma.entryVersion.findFirstOrThrow({ where: { entry: { contestId: contest.id } } });
    expect(version).toMatchObject({ onlineText: stored, extractedText: stored, wordCount: 11, fileId: null });
    const [mail] = await mailsTo(user.email);
    expect(mail?.subject).toMatch(/^Receipt for entry CL-0001/);
    expect(mail?.text).toContain(`SHA-256 checksum: ${sha256Text(stored)}`);
    expect(mail?.text).toContain("Essay written on the page");
  });

  it("saves a draft without codes and without the submission's requirements; submitting it checks everything", async () => {
    const { contest, categories } = await createOpenContest({ minWords: 5 });
    const user = await entrant();
    const draft = await saveEntry({
      user,
      contestId: contest.id,
      values: entryValues(categories[0]!.id, { intent: "draft", declaration: false, abstract: "", authors: [{ ...ENTRANT_AUTHOR, phone: "", birthYear: undefined }] }),
      essay: null,
    });
    expect(draft).toMatchObject({ ok: true, status: "DRAFT", submitted: false });
    if (!draft.ok) return;
    const saved = await prisma.entry.findUniqueOrThrow({ where: { id: draft.entryId } });
    expect(saved).toMatchObject({ entryCode: null, anonymousCode: null, submittedAt: null, currentVersionId: null });
    expect(await mailsTo(user.email)).toEqual([]);

    // Submitting: the missing parts are refused, nothing changes.
    const incomplete = await saveEntry({
      user,
      contestId: contest.id,
      entryId: draft.entryId,
      values: entryValues(categories[0]!.id, { version: saved.version, declaration: false, authors: [{ ...ENTRANT_AUTHOR, phone: "" }] }),
      essay: null,
    });
    expect(incomplete).toMatchObject({ ok: false, status: "refused" });
    if (!incomplete.ok && incomplete.status === "refused") {
      expect(incomplete.fieldErrors).toMatchObject({ declaration: ["entries:errors.declaration"], "authors[0].phone": ["validation.required"] });
    }
    const noEssay = await saveEntry({ user, contestId: contest.id, entryId: draft.entryId, values: entryValues(categories[0]!.id, { version: saved.version }), essay: null });
    expect(noEssay).toMatchObject({ ok: false, status: "refused", fieldErrors: { file: ["entries:errors.noEssay"] } });
    expect(await prisma.entry.findUniqueOrThrow({ where: { id: draft.entryId } })).toEqual(saved);

    const submitted = await saveEntry({ user, contestId: contest.id, entryId: draft.entryId, values: entryValues(categories[0]!.id, { version: saved.version }), essay: await docx() });
    expect(submitted).toMatchObject({ ok: true, status: "SUBMITTED", submitted: true });
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: draft.entryId } })).entryCode).toBe("CL-0001");
  });

  it("refuses a form saved from a stale page, and another entrant's entry as not found", async () => {
    const { contest, categories } = await createOpenContest({ maxEntriesPerUser: 3 });
    const user = await entrant();
    const first = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id, { intent: "draft" }), essay: null });
    if (!first.ok) throw new Error("not saved");
    const input: SaveEntryInput = { user, contestId: contest.id, entryId: first.entryId, values: entryValues(categories[0]!.id, { intent: "draft", title: "Tên mới" }), essay: null };
    expect(await saveEntry(input)).toMatchObject({ ok: true });
    expect(await saveEntry({ ...input, values: { ...input.values, title: "Sửa từ thẻ cũ" } })).toEqual({ ok: false, status: "stale" });
    const other = await entrant("Người khác");
    expect(await saveEntry({ ...input, user: other, values: { ...input.values, version: 1 } })).toEqual({ ok: false, status: "notFound" });
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: first.entryId } })).title).toBe("Tên mới");
  });
});

describe("the window", () => {
  it("accepts up to the deadline plus grace in absolute time, whatever the contest's zone, and refuses after", async () => {
    // 23:59 on 31 December in Hanoi is 16:59 UTC: a submission at 17:00 UTC is late even though
    // it is still 31 December in UTC.
    const closesAt = zonedLocalToUtc("2026-12-31T23:59", "Asia/Ho_Chi_Minh");
    expect(closesAt.toISOString()).toBe("2026-12-31T16:59:00.000Z");
    const window = { phase: "OPEN", closesAt, graceMinutes: 0 };
    expect(windowRefusal(window, closesAt)).toBeNull();
    expect(windowRefusal(window, new Date("2026-12-31T17:00:00Z"))).toBe("entries:errors.closed");
    const grace = { ...window, graceMinutes: 15 };
    expect(acceptsUntil(grace)?.toISOString()).toBe("2026-12-31T17:14:00.000Z");
    expect(windowRefusal(grace, new Date("2026-12-31T17:14:00.000Z"))).toBeNull();
    expect(windowRefusal(grace, new Date("2026-12-31T17:14:00.001Z"))).toBe("entries:errors.closed");
    expect(windowRefusal({ ...window, phase: "CLOSED" }, new Date("2026-01-01T00:00:00Z"))).toBe("entries:errors.closed");
    expect(windowRefusal({ ...window, phase: "DRAFT" }, new Date("2026-01-01T00:00:00Z"))).toBe("entries:errors.notOpen");
  });

  it("stores nothing for a submission one millisecond past the grace period", async () => {
    const closesAt = zonedLocalToUtc("2026-12-31T23:59", "Asia/Ho_Chi_Minh");
    const { contest, categories } = await createOpenContest({ closesAt, graceMinutes: 15 });
    const user = await entrant();
    const before = await rows();
    const late = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx(), now: new Date("2026-12-31T17:14:00.001Z") });
    expect(late).toEqual({ ok: false, status: "refused", fieldErrors: {}, formErrors: ["entries:errors.closed"] });
    expect(await rows()).toEqual(before);
    const onTime = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx(), now: new Date("2026-12-31T17:14:00.000Z") });
    expect(onTime.ok).toBe(true);
  });

  it("refuses a contest that is not open (a draft, or closed early by the organizer)", async () => {
    const { contest, categories } = await createOpenContest();
    const user = await entrant();
    await prisma.contest.update({ where: { id: contest.id }, data: { phase: "CLOSED" } });
    expect(await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id, { intent: "draft" }), essay: null })).toMatchObject({
      formErrors: ["entries:errors.closed"],
    });
    await prisma.contest.update({ where: { id: contest.id }, data: { phase: "DRAFT" } });
    expect(await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx() })).toMatchObject({
      formErrors: ["entries:errors.notOpen"],
    });
    expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
  });
});

describe("limits", () => {
  it("holds an entrant to maxEntriesPerUser, drafts included, withdrawn entries not", async () => {
    const { contest, categories } = await createOpenContest({ maxEntriesPerUser: 2 });
    const user = await entrant();
    const values = entryValues(categories[0]!.id);
    const first = await saveEntry({ user, contestId: contest.id, values, essay: await docx() });
    const draft = await saveEntry({ user, contestId: contest.id, values: { ...values, intent: "draft" }, essay: null });
    expect(first.ok && draft.ok).toBe(true);
    const before = await rows();
    const third = await saveEntry({ user, contestId: contest.id, values, essay: await docx() });
    expect(third).toEqual({ ok: false, status: "refused", fieldErrors: {}, formErrors: ['entries:errors.limitReached|{"max":2}'] });
    expect(await rows()).toEqual(before);
    // Another entrant is not held by this one's entries.
    expect((await saveEntry({ user: await entrant("Trần Văn Khác"), contestId: contest.id, values, essay: await docx() })).ok).toBe(true);
    // Withdrawing the draft frees its place.
    if (!draft.ok) return;
    expect(await withdrawEntry({ user, entryId: draft.entryId, version: 0 })).toEqual({ ok: true });
    expect((await saveEntry({ user, contestId: contest.id, values, essay: await docx() })).ok).toBe(true);
  });

  it("refuses more co-authors than the contest allows", async () => {
    const { contest, categories } = await createOpenContest({ maxCoAuthors: 1 });
    const user = await entrant();
    const coAuthor = { name: "Phạm Văn Đồng", birthYear: 1990, unit: "Đoàn phường", jobTitle: "", email: "", phone: "" };
    const before = await rows();
    const result = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id, { authors: [ENTRANT_AUTHOR, coAuthor, coAuthor] }), essay: await docx() });
    expect(result).toEqual({ ok: false, status: "refused", fieldErrors: { authors: ['entries:errors.tooManyCoAuthors|{"max":1}'] }, formErrors: [] });
    expect(await rows()).toEqual(before);
    const two = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id, { authors: [ENTRANT_AUTHOR, coAuthor] }), essay: await docx() });
    expect(two.ok).toBe(true);
    expect(await prisma.entryAuthor.findMany({ where: { entry: { contestId: contest.id } }, orderBy: { position: "asc" }, select: { name: true, userId: true } })).toEqual([
      { name: ENTRANT_AUTHOR.name, userId: user.id },
      { name: coAuthor.name, userId: null },
    ]);
  });

  it("counts the words of the extracted text and of text written in the browser on the server", async () => {
    const { contest, categories } = await createOpenContest({ minWords: 20, maxWords: 60 });
    const user = await entrant();
    const values = entryValues(categories[0]!.id);
    const before = await rows();
    const short = await saveEntry({ user, contestId: contest.id, values, essay: await docx(["Bài quá ngắn, chỉ vài chữ."]) });
    expect(short).toEqual({ ok: false, status: "refused", fieldErrors: { file: ['entries:errors.tooFewWords|{"min":20,"count":6}'] }, formErrors: [] });
    const long = "chữ ".repeat(61);
    const tooLong = await saveEntry({ user, contestId: contest.id, values: { ...values, essayMode: "text" }, essay: { kind: "text", text: long } });
    expect(tooLong).toEqual({ ok: false, status: "refused", fieldErrors: { onlineText: ['entries:errors.tooManyWords|{"max":60,"count":61}'] }, formErrors: [] });
    expect(await rows()).toEqual(before);
    const fits = await saveEntry({ user, contestId: contest.id, values: { ...values, essayMode: "text" }, essay: { kind: "text", text: "chữ ".repeat(60) } });
    expect(fits.ok).toBe(true);
  });

  it("refuses text written in the browser when the contest takes files only", async () => {
    const { contest, categories } = await createOpenContest({ allowOnlineText: false });
    const result = await saveEntry({ user: await entrant(), contestId: contest.id, values: entryValues(categories[0]!.id, { essayMode: "text" }), essay: { kind: "text", text: essay } });
    expect(result).toMatchObject({ ok: false, status: "refused", fieldErrors: { essayMode: ["entries:errors.onlineTextNotAllowed"] } });
  });
});

describe("files: the kind, the size and the content decide, and a refusal leaves nothing", () => {
  const cases: [string, () => Uint8Array, string, string][] = [
    ["a kind the contest does not take", () => docxDocument(VIETNAMESE_PARAGRAPHS), "bai.docx", 'files:errors.wrongType|{"allowed":"PDF"}'],
    ["a file over the size limit", () => pdfDocument([VIETNAMESE_PARAGRAPHS, VIETNAMESE_PARAGRAPHS]), "bai.pdf", 'files:errors.tooLarge|{"mb":0}'],
    ["a PDF named .docx (spoofed)", () => pdfDocument([VIETNAMESE_PARAGRAPHS]), "bai.docx", 'files:errors.spoofedType|{"claimed":"DOCX","actual":"PDF"}'],
    ["an empty file", () => new Uint8Array(), "bai.pdf", "files:errors.empty"],
    ["a corrupt PDF", () => crypto.randomBytes(3000), "bai.pdf", "files:errors.corrupt"],
  ];
  for (const [what, bytes, name, error] of cases) {
    it(`refuses ${what}`, async () => {
      const { contest, categories } = await createOpenContest({ allowedFileTypes: "pdf", maxFileBytes: what.includes("size") ? 2000 : 10 * 1024 * 1024 });
      const before = await rows();
      const result = await saveEntry({ user: await entrant(), contestId: contest.id, values: entryValues(categories[0]!.id), essay: { kind: "file", file: await receivedFile(bytes(), name) } });
      expect(result).toEqual({ ok: false, status: "refused", fieldErrors: { file: [error] }, formErrors: [] });
      expect(await rows()).toEqual(before);
      expect((await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).entryCodeSeq).toBe(0);
    });
  }
});

describe("concurrency", () => {
  it("lets only one of two simultaneous submissions past a limit of one entry", async () => {
    const { contest, categories } = await createOpenContest({ maxEntriesPerUser: 1 });
    const user = await entrant();
    const values = entryValues(categories[0]!.id);
    const results = await Promise.all([
      saveEntry({ user, contestId: contest.id, values, essay: await docx() }),
      saveEntry({ user, contestId: contest.id, values, essay: await docx(["Một bài khác hẳn.", ...VIETNAMESE_PARAGRAPHS]) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, status: "refused", fieldErrors: {}, formErrors: ['entries:errors.limitReached|{"max":1}'] }]);
    expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(1);
    expect(await prisma.entryVersion.count({ where: { entry: { contestId: contest.id } } })).toBe(1);
    expect((await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).entryCodeSeq).toBe(1);
  });

  it("never accepts a submission after the contest closed: the close and the submission are ordered", async () => {
    const { contest, categories } = await createOpenContest({ maxEntriesPerUser: 5 });
    const user = await entrant();
    const values = entryValues(categories[0]!.id);
    const [saved, closed] = await Promise.all([
      saveEntry({ user, contestId: contest.id, values, essay: await docx() }),
      transitionContest({ contestId: contest.id, to: "CLOSED", actorId: contest.createdById }),
    ]);
    expect(closed.ok).toBe(true);
    const logs = await prisma.auditLog.findMany({ where: { contestId: contest.id, action: { in: ["entry.submit", "contest.phase"] } }, orderBy: { id: "asc" } });
    if (saved.ok) expect(logs.map((l) => l.action)).toEqual(["entry.submit", "contest.phase"]);
    else expect(logs.map((l) => l.action)).toEqual(["contest.phase"]);
    // Once closed, nothing more gets in.
    expect(await saveEntry({ user, contestId: contest.id, values, essay: await docx() })).toMatchObject({ formErrors: ["entries:errors.closed"] });
  });
});

describe("codes", () => {
  it("numbers entry codes in submission order and draws anonymous codes unrelated to it, unique in the contest", async () => {
    const { contest, categories } = await createOpenContest();
    const codes: { entryCode: string | null; anonymousCode: string | null }[] = [];
    for (let i = 0; i < 12; i++) {
      const user = await entrant(`Tác giả ${i}`);
      // A draft first for some: drafts get no code, so numbering follows submissions only.
      if (i % 3 === 0) await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id, { intent: "draft" }), essay: null });
      const result = await saveEntry({
        user,
        contestId: contest.id,
        entryId: i % 3 === 0 ? (await prisma.entry.findFirstOrThrow({ where: { submitterId: user.id } })).id : undefined,
        values: entryValues(categories[i % 2]!.id),
        essay: { kind: "text", text: `Bài số ${i}. ${essay}` },
      });
      if (!result.ok) throw new Error(JSON.stringify(result));
      codes.push(await prisma.entry.findUniqueOrThrow({ where: { id: result.entryId }, select: { entryCode: true, anonymousCode: true } }));
    }
    expect(codes.map((c) => c.entryCode)).toEqual(Array.from({ length: 12 }, (_, i) => `CL-${String(i + 1).padStart(4, "0")}`));
    const anonymous = codes.map((c) => c.anonymousCode!);
    expect(new Set(anonymous).size).toBe(12);
    for (const code of anonymous) expect(code).toMatch(ANONYMOUS_CODE_PATTERN);
    // Not in submission order (12 random codes sorted by chance: 1 in 479 million).
    expect([...anonymous].sort()).not.toEqual(anonymous);
    // Nothing of the entry code in the anonymous code.
    for (const c of codes) expect(c.anonymousCode).not.toContain(c.entryCode!.slice(3));
  });
});

describe("changing a submitted entry", () => {
  it("adds version n+1 as the current one, keeps the earlier versions and their files, refreshes the mask and sends a new receipt", async () => {
    const { contest, categories } = await createOpenContest();
    const user = await entrant();
    const first = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx() });
    if (!first.ok) throw new Error("not saved");
    const v1 = await prisma.entry.findUniqueOrThrow({ where: { id: first.entryId }, include: { currentVersion: true } });
    const replacement = pdfDocument([["Phiên bản thứ hai của bài viết.", `Liên hệ: ${ENTRANT_AUTHOR.email}`]]);
    const second = await saveEntry({
      user,
      contestId: contest.id,
      entryId: first.entryId,
      values: entryValues(categories[0]!.id, { version: v1.version, title: "Tên bài đã sửa" }),
      essay: { kind: "file", file: await receivedFile(replacement, "ban-sua.pdf") },
    });
    expect(second).toMatchObject({ ok: true, status: "SUBMITTED", submitted: false, newVersion: true });
    const versions = await prisma.entryVersion.findMany({ where: { entryId: first.entryId }, orderBy: { number: "asc" }, include: { file: true } });
    expect(versions.map((v) => [v.number, v.file?.originalName])).toEqual([
      [1, "bai-du-thi.docx"],
      [2, "ban-sua.pdf"],
    ]);
    const v2 = await prisma.entry.findUniqueOrThrow({ where: { id: first.entryId } });
    expect(v2).toMatchObject({ currentVersionId: versions[1]!.id, entryCode: v1.entryCode, anonymousCode: v1.anonymousCode, title: "Tên bài đã sửa" });
    expect(versions[1]!.maskedText).not.toContain(ENTRANT_AUTHOR.email);
    expect(versions[0]!.extractedText).toBe(v1.currentVersion!.extractedText);
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain("Phiên bản bài viết: 2");
    expect(mails[1]!.text).toContain(sha256(replacement));
    expect(await getReceipt(user.id, first.entryId)).toMatchObject({ versionNumber: 2, sha256: sha256(replacement), fileName: "ban-sua.pdf" });
  });

  it("e-mails the receipt the receipt page shows: a first submission, a new version, a draft submitted as it was", async () => {
    const { contest, categories } = await createOpenContest({ entryCodePrefix: "BN-" });
    const user = await entrant();
    const expected = async (entryId: string) =>
      receiptMail("vi", { ...(await getReceipt(user.id, entryId))!, url: `${env().appUrl}/entries/${entryId}/receipt` });
    const received = async () => (await mailsTo(user.email)).map((m) => ({ subject: m.subject, text: m.text }));

    const first = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[1]!.id), essay: await docx() });
    if (!first.ok) throw new Error("not saved");
    const firstMail = await expected(first.entryId);
    expect(await received()).toEqual([{ subject: firstMail.subject, text: firstMail.text }]);

    const version = (await prisma.entry.findUniqueOrThrow({ where: { id: first.entryId } })).version;
    const replacement = pdfDocument([["Phiên bản thứ hai của bài viết."]]);
    const second = await saveEntry({
      user,
      contestId: contest.id,
      entryId: first.entryId,
      values: entryValues(categories[0]!.id, { version, title: "Tên bài đã sửa" }),
      essay: { kind: "file", file: await receivedFile(replacement, "ban-sua.pdf") },
    });
    expect(second).toMatchObject({ ok: true, newVersion: true });
    const secondMail = await expected(first.entryId);
    expect(secondMail.text).toContain("Phiên bản bài viết: 2");
    expect((await received())[1]).toEqual({ subject: secondMail.subject, text: secondMail.text });

    // A draft with its essay written in the browser, then submitted without a new essay.
    const other = await entrant("Phạm Văn Nam");
    const draft = await saveEntry({
      user: other,
      contestId: contest.id,
      values: entryValues(categories[0]!.id, { intent: "draft", essayMode: "text", onlineText: essay }),
      essay: { kind: "text", text: essay },
    });
    if (!draft.ok) throw new Error("not saved");
    const draftVersion = (await prisma.entry.findUniqueOrThrow({ where: { id: draft.entryId } })).version;
    const submitted = await saveEntry({
      user: other,
      contestId: contest.id,
      entryId: draft.entryId,
      values: entryValues(categories[0]!.id, { version: draftVersion, essayMode: "text", onlineText: essay }),
      essay: { kind: "text", text: essay },
    });
    expect(submitted).toMatchObject({ ok: true, submitted: true, newVersion: false });
    const draftMail = receiptMail("vi", { ...(await getReceipt(other.id, draft.entryId))!, url: `${env().appUrl}/entries/${draft.entryId}/receipt` });
    expect(draftMail.text).toContain("Mã bài dự thi: BN-0002");
    expect((await mailsTo(other.email)).map((m) => ({ subject: m.subject, text: m.text }))).toEqual([{ subject: draftMail.subject, text: draftMail.text }]);
  });

  it("puts an entry found eligible back to the secretary's check when it changes", async () => {
    const { contest, categories } = await createOpenContest();
    const user = await entrant();
    const first = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx() });
    if (!first.ok) throw new Error("not saved");
    const entry = await prisma.entry.update({ where: { id: first.entryId }, data: { status: "ELIGIBLE", version: { increment: 1 } } });
    const changed = await saveEntry({ user, contestId: contest.id, entryId: entry.id, values: entryValues(categories[0]!.id, { version: entry.version }), essay: { kind: "text", text: essay } });
    expect(changed).toMatchObject({ ok: true, status: "SUBMITTED" });
  });

  it("refuses changes to a disqualified or withdrawn entry", async () => {
    const { contest, categories } = await createOpenContest();
    const user = await entrant();
    const first = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx() });
    if (!first.ok) throw new Error("not saved");
    const entry = await prisma.entry.update({ where: { id: first.entryId }, data: { status: "DISQUALIFIED", statusReason: "Bài đã đăng báo" } });
    const result = await saveEntry({ user, contestId: contest.id, entryId: entry.id, values: entryValues(categories[0]!.id, { version: entry.version }), essay: null });
    expect(result).toMatchObject({ ok: false, status: "refused", formErrors: ["entries:errors.notEditable"] });
  });
});

describe("withdrawing", () => {
  it("withdraws before the deadline and keeps the rows; refuses after the deadline and a stale page", async () => {
    const closesAt = new Date(Date.now() + 3600_000);
    const { contest, categories } = await createOpenContest({ closesAt, maxEntriesPerUser: 2 });
    const user = await entrant();
    const a = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: await docx() });
    const b = await saveEntry({ user, contestId: contest.id, values: entryValues(categories[0]!.id), essay: { kind: "text", text: essay } });
    if (!a.ok || !b.ok) throw new Error("not saved");
    expect(await withdrawEntry({ user, entryId: a.entryId, version: 5 })).toEqual({ ok: false, status: "stale" });
    expect(await withdrawEntry({ user: { id: (await entrant("Khác")).id }, entryId: a.entryId, version: 0 })).toEqual({ ok: false, status: "notFound" });
    expect(await withdrawEntry({ user, entryId: a.entryId, version: 0 })).toEqual({ ok: true });
    const withdrawn = await prisma.entry.findUniqueOrThrow({ where: { id: a.entryId }, include: { versions: true } });
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", entryCode: "CL-0001" });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(withdrawn.versions).toHaveLength(1);
    expect(await withdrawEntry({ user, entryId: a.entryId, version: withdrawn.version })).toEqual({ ok: false, status: "refused", error: "entries:errors.notEditable" });
    expect(await withdrawEntry({ user, entryId: b.entryId, version: 0, now: new Date(closesAt.getTime() + 1) })).toEqual({
      ok: false,
      status: "refused",
      error: "entries:errors.closed",
    });
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: b.entryId } })).status).toBe("SUBMITTED");
  });
});
