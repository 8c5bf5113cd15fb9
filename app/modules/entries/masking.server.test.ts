// Masking in the database: the stored reading view and report, the secretary's terms (recomputed in
// the same transaction, audited, scoped to the contest), stale masks never reaching a judge, and
// what a judge may read of a version (the blindness test of issue 5 targets judgeReadingView).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { createTestContest, createTestEntries, createTestVersion } from "#tests/factories/contests";
import { MASK_MARKERS } from "./mask";
import {
  addMaskTerm,
  getMaskingReview,
  judgeReadingView,
  MASKING_ERRORS,
  maskingFingerprint,
  parseMaskReport,
  refreshMasking,
  removeMaskTerm,
} from "./masking.server";

const MARK = MASK_MARKERS.vi;
const KHAI = { name: "Nguyễn Thị Minh Khai", unit: "UBND xã Phú Sơn", email: "minhkhai@phuson.gov.vn", phone: "0912 345 678" };
const BINH = { name: "Trần Văn Bình", unit: "Trường THPT Lê Quý Đôn", email: "binh.tv@gmail.com", phone: "0987654321" };
const ESSAY = [
  "Bảo vệ nền tảng tư tưởng của Đảng",
  "",
  "Tại Ủy ban nhân dân xã Phú Sơn, đồng chí Khai và thầy Bình thường nhắc: mỗi cán bộ, đảng viên hãy là một chiến sĩ. Bút danh Hoa Sen của tôi quen thuộc với bạn đọc.",
  "",
  "Liên hệ: 0912.345.678, binh.tv@gmail.com",
  "",
  "Nhóm tác giả: NGUYỄN THỊ",
  "MINH KHAI, Trần Văn Bình",
].join("\n");

async function setup(options: { blind?: boolean; locale?: string } = {}) {
  const { contest, organizerId, categories } = await createTestContest({ categories: ["Cán bộ, đảng viên"], blind: options.blind ?? true });
  if (options.locale) await prisma.contest.update({ where: { id: contest.id }, data: { locale: options.locale } });
  const [entry] = await createTestEntries(contest.id, categories[0]!.id, 1, { authors: () => [KHAI, BINH] });
  const { version, file } = await createTestVersion(entry!.id, ESSAY, { originalName: "Nguyen-Thi-Minh-Khai_bai-du-thi.txt" });
  return { contestId: contest.id, organizerId, entry: entry!, version, file };
}

const storedVersion = (id: string) => prisma.entryVersion.findUniqueOrThrow({ where: { id } });
const auditRows = (contestId: string) => prisma.auditLog.findMany({ where: { contestId, action: { startsWith: "masking." } }, orderBy: { id: "asc" } });

let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup();
});

describe("refreshMasking", () => {
  it("stores the judges' reading view and a report of what was masked, with the inputs' fingerprint", async () => {
    expect(await refreshMasking(prisma, ctx.contestId, ctx.entry.id)).toEqual({ versionId: ctx.version.id, spans: 7 });
    const v = await storedVersion(ctx.version.id);
    expect(v.maskedText).toBe(
      [
        "Bảo vệ nền tảng tư tưởng của Đảng",
        "",
        `Tại ${MARK}, đồng chí ${MARK} và thầy ${MARK} thường nhắc: mỗi cán bộ, đảng viên hãy là một chiến sĩ. Bút danh Hoa Sen của tôi quen thuộc với bạn đọc.`,
        "",
        `Liên hệ: ${MARK}, ${MARK}`,
        "",
        `Nhóm tác giả: ${MARK}, ${MARK}`,
      ].join("\n"),
    );
    const report = parseMaskReport(v.maskReport)!;
    expect(report.marker).toBe(MARK);
    expect(report.spans.map((s) => [s.kind, s.original])).toEqual([
      ["unit", "Ủy ban nhân dân xã Phú Sơn"],
      ["name", "Khai"],
      ["name", "Bình"],
      ["phone", "0912.345.678"],
      ["email", "binh.tv@gmail.com"],
      ["name", "NGUYỄN THỊ\nMINH KHAI"],
      ["name", "Trần Văn Bình"],
    ]);
    const authors = [KHAI, BINH];
    expect(report.fingerprint).toBe(maskingFingerprint({ text: ESSAY, locale: "vi", authors, terms: [] }));
    expect(report.fingerprint).not.toBe(maskingFingerprint({ text: ESSAY, locale: "vi", authors: [KHAI], terms: [] }));
  });

  it("writes the marker of the contest's language, and nothing for an entry without a version or of another contest", async () => {
    const en = await setup({ locale: "en" });
    await refreshMasking(prisma, en.contestId, en.entry.id);
    expect((await storedVersion(en.version.id)).maskedText).toContain(MASK_MARKERS.en);
    expect(await refreshMasking(prisma, ctx.contestId, en.entry.id)).toBeNull();
    expect((await storedVersion(en.version.id)).maskedText).not.toContain(MARK);
    const { contest, categories } = await createTestContest({ categories: ["A"] });
    const [bare] = await createTestEntries(contest.id, categories[0]!.id, 1);
    expect(await refreshMasking(prisma, contest.id, bare!.id)).toBeNull();
  });
});

describe("the secretary's terms", () => {
  it("adds a term, masks it at once and records the change with the spans before and after", async () => {
    const secretary = await createTestUser({ name: "Lê Thư Ký" });
    const result = await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "  hoa   SEN ", exclude: false, actorId: secretary.id, ip: "203.0.113.5" });
    expect(result).toEqual({ ok: true, term: "hoa SEN", exclude: false, spans: { before: 7, after: 8 } });
    const v = await storedVersion(ctx.version.id);
    expect(v.maskedText).toContain(`Bút danh ${MARK} của tôi`);
    expect(v.maskedText).not.toMatch(/hoa sen/i);
    const [row] = await prisma.maskTerm.findMany({ where: { entryId: ctx.entry.id } });
    expect(row).toMatchObject({ term: "hoa SEN", exclude: false });
    const [log] = await auditRows(ctx.contestId);
    expect(log).toMatchObject({ actorId: secretary.id, action: "masking.addTerm", targetType: "MaskTerm", targetId: row!.id, ip: "203.0.113.5" });
    expect(JSON.parse(log!.data)).toEqual({ entryId: ctx.entry.id, versionId: ctx.version.id, term: "hoa SEN", before: { spans: 7 }, after: { spans: 8 } });
  });

  it("excludes an automatically found term everywhere, then masks it again once the exclusion is removed", async () => {
    const excluded = await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "Bình", exclude: true, actorId: ctx.organizerId });
    expect(excluded).toMatchObject({ ok: true, spans: { before: 7, after: 6 } });
    expect((await storedVersion(ctx.version.id)).maskedText).toContain("thầy Bình thường nhắc");
    const row = await prisma.maskTerm.findFirstOrThrow({ where: { entryId: ctx.entry.id } });
    const removed = await removeMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, termId: row.id, actorId: ctx.organizerId });
    expect(removed).toEqual({ ok: true, term: "Bình", exclude: true, spans: { before: 6, after: 7 } });
    expect((await storedVersion(ctx.version.id)).maskedText).toContain(`thầy ${MARK} thường nhắc`);
    expect((await auditRows(ctx.contestId)).map((r) => [r.action, JSON.parse(r.data).term])).toEqual([
      ["masking.excludeTerm", "Bình"],
      ["masking.removeTerm", "Bình"],
    ]);
    expect(await prisma.maskTerm.count({ where: { entryId: ctx.entry.id } })).toBe(0);
  });

  it("refuses a term already on either list (whatever its case, diacritics or spacing), writing nothing", async () => {
    await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "Hoa Sen", exclude: false, actorId: ctx.organizerId });
    const before = { text: (await storedVersion(ctx.version.id)).maskedText, logs: (await auditRows(ctx.contestId)).length };
    expect(await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "HOA  SEN", exclude: false, actorId: ctx.organizerId })).toEqual({
      ok: false,
      status: "conflict",
      error: `${MASKING_ERRORS.alreadyListed}|{"term":"Hoa Sen"}`,
    });
    expect(await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "hoa sen", exclude: true, actorId: ctx.organizerId })).toEqual({
      ok: false,
      status: "conflict",
      error: `${MASKING_ERRORS.inOtherList}|{"term":"Hoa Sen"}`,
    });
    expect(await prisma.maskTerm.count({ where: { entryId: ctx.entry.id } })).toBe(1);
    expect((await storedVersion(ctx.version.id)).maskedText).toBe(before.text);
    expect((await auditRows(ctx.contestId)).length).toBe(before.logs);
  });

  it("refuses an invalid term with field errors, and a term removed meanwhile with a message", async () => {
    for (const [term, message] of [
      ["", "masking:errors.termRequired"],
      ["a", `masking:errors.termTooShort|{"min":2}`],
      ["—…—", "masking:errors.termNoLetter"],
      ["x".repeat(201), `masking:errors.termTooLong|{"max":200}`],
      [undefined, "masking:errors.termRequired"],
    ] as const) {
      expect(await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term, exclude: false, actorId: ctx.organizerId })).toEqual({
        ok: false,
        status: "invalid",
        fieldErrors: { term: [message] },
      });
    }
    expect(await removeMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, termId: "gone", actorId: ctx.organizerId })).toEqual({
      ok: false,
      status: "conflict",
      error: MASKING_ERRORS.termGone,
    });
    expect(await prisma.maskTerm.count({ where: { entryId: ctx.entry.id } })).toBe(0);
    expect(await auditRows(ctx.contestId)).toEqual([]);
  });

  it("keeps to the contest: an entry or a term of another contest is not found, and nothing is written", async () => {
    const other = await setup();
    const theirs = await addMaskTerm({ contestId: other.contestId, entryId: other.entry.id, term: "Hoa Sen", exclude: false, actorId: other.organizerId });
    expect(theirs.ok).toBe(true);
    const theirTerm = await prisma.maskTerm.findFirstOrThrow({ where: { entryId: other.entry.id } });
    const maskedBefore = (await storedVersion(other.version.id)).maskedText;

    expect(await addMaskTerm({ contestId: ctx.contestId, entryId: other.entry.id, term: "Phú Sơn", exclude: false, actorId: ctx.organizerId })).toEqual({
      ok: false,
      status: "notFound",
    });
    expect(await removeMaskTerm({ contestId: ctx.contestId, entryId: other.entry.id, termId: theirTerm.id, actorId: ctx.organizerId })).toEqual({
      ok: false,
      status: "notFound",
    });
    // Through one's own entry, another entry's term is simply not on its lists.
    expect(await removeMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, termId: theirTerm.id, actorId: ctx.organizerId })).toMatchObject({
      ok: false,
      status: "conflict",
    });
    expect(await addMaskTerm({ contestId: "no-such-contest", entryId: ctx.entry.id, term: "Phú Sơn", exclude: false, actorId: ctx.organizerId })).toEqual({
      ok: false,
      status: "notFound",
    });
    expect(await prisma.maskTerm.findMany({ where: { entryId: { in: [ctx.entry.id, other.entry.id] } }, select: { id: true } })).toEqual([{ id: theirTerm.id }]);
    expect((await storedVersion(other.version.id)).maskedText).toBe(maskedBefore);
    expect(await auditRows(ctx.contestId)).toEqual([]);
  });

  it("applies two secretaries' terms added at the same time, each recomputation seeing the other's", async () => {
    const [a, b] = await Promise.all([
      addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "Hoa Sen", exclude: false, actorId: ctx.organizerId }),
      addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "chiến sĩ", exclude: false, actorId: ctx.organizerId }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const text = (await storedVersion(ctx.version.id)).maskedText;
    expect(text).not.toContain("Hoa Sen");
    expect(text).not.toContain("chiến sĩ");
  });
});

describe("reading the masking", () => {
  it("gives the secretary the highlighted view, what was masked and the lists", async () => {
    await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "Hoa Sen", exclude: false, actorId: ctx.organizerId });
    await addMaskTerm({ contestId: ctx.contestId, entryId: ctx.entry.id, term: "0912.345.678", exclude: true, actorId: ctx.organizerId });
    const review = (await getMaskingReview(ctx.contestId, ctx.entry.id))!;
    expect(review.versionNumber).toBe(1);
    expect(review.added.map((t) => t.term)).toEqual(["Hoa Sen"]);
    expect(review.excluded.map((t) => t.term)).toEqual(["0912.345.678"]);
    expect(review.masked.map((m) => [m.kind, m.original, m.count])).toEqual([
      ["unit", "Ủy ban nhân dân xã Phú Sơn", 1],
      ["name", "Khai", 1],
      ["name", "Bình", 1],
      ["extra", "Hoa Sen", 1],
      ["email", "binh.tv@gmail.com", 1],
      ["name", "NGUYỄN THỊ MINH KHAI", 1],
      ["name", "Trần Văn Bình", 1],
    ]);
    const rebuilt = review.segments.map((s) => ("text" in s ? s.text : s.marker)).join("");
    expect(rebuilt).toBe((await storedVersion(ctx.version.id)).maskedText);
    expect(review.segments.filter((s) => "kind" in s)).toHaveLength(7);
    expect(await getMaskingReview(ctx.contestId, (await setup()).entry.id)).toBeNull();
  });

  it("never serves a stale mask: after an author changes without a refresh, readers mask the current authors", async () => {
    await refreshMasking(prisma, ctx.contestId, ctx.entry.id);
    // A co-author's name corrected by a screen that forgot to refresh the masking.
    await prisma.entryAuthor.updateMany({ where: { entryId: ctx.entry.id, position: 1 }, data: { name: "Đặng Quốc Việt" } });
    await prisma.entryVersion.update({ where: { id: ctx.version.id }, data: { extractedText: `${ESSAY}\nĐặng Quốc Việt` } });
    const stored = (await storedVersion(ctx.version.id)).maskedText;
    expect(stored).not.toContain("Việt");
    const view = (await judgeReadingView(ctx.contestId, ctx.version.id))!;
    expect(view.text.endsWith(`\n${MARK}`)).toBe(true);
    const review = (await getMaskingReview(ctx.contestId, ctx.entry.id))!;
    expect(review.masked.at(-1)).toMatchObject({ kind: "name", original: "Đặng Quốc Việt" });
  });
});

describe("what a judge may read", () => {
  const leaks = (body: string) =>
    [KHAI.name, "MINH KHAI", "Phú Sơn", KHAI.email, "0912", BINH.name, "binh.tv", "Nguyen-Thi-Minh-Khai", ctx.entry.entryCode!, ctx.file!.storageKey].filter((s) =>
      body.includes(s),
    );

  it("in a blind contest: the masked title, abstract and text with the anonymous code, and nothing that names anyone", async () => {
    await prisma.entry.update({
      where: { id: ctx.entry.id },
      data: { title: "Từ thực tiễn xã Phú Sơn", abstract: "Bài viết của Nguyễn Thị Minh Khai, UBND xã Phú Sơn." },
    });
    // Never computed (the column's default "[]"): masked all the same.
    const view = (await judgeReadingView(ctx.contestId, ctx.version.id))!;
    expect(Object.keys(view).sort()).toEqual(["abstract", "anonymousCode", "entryId", "masked", "text", "title", "versionId", "wordCount"]);
    expect(view).toMatchObject({ versionId: ctx.version.id, entryId: ctx.entry.id, anonymousCode: ctx.entry.anonymousCode, masked: true });
    expect(view.title).toBe("Từ thực tiễn xã Phú Sơn"); // a place in a title is not the unit
    expect(view.abstract).toBe(`Bài viết của ${MARK}, ${MARK}.`);
    expect(view.text).toContain(`Liên hệ: ${MARK}, ${MARK}`);
    const { title: _placeInTitle, ...rest } = view;
    expect(leaks(JSON.stringify(rest))).toEqual([]);
    expect(view.wordCount).toBe(ctx.version.wordCount);
  });

  it("in a contest that is not blind: the text as written, still without the file or its name", async () => {
    const open = await setup({ blind: false });
    const view = (await judgeReadingView(open.contestId, open.version.id))!;
    expect(view.masked).toBe(false);
    expect(view.text).toBe(ESSAY);
    const body = JSON.stringify(view);
    expect(body).not.toContain("Nguyen-Thi-Minh-Khai_bai-du-thi.txt");
    expect(body).not.toContain(open.file!.storageKey);
    expect(body).not.toContain(open.entry.entryCode!);
  });

  it("answers nothing for a version of another contest", async () => {
    const other = await setup();
    expect(await judgeReadingView(ctx.contestId, other.version.id)).toBeNull();
    expect(await judgeReadingView(ctx.contestId, "no-such-version")).toBeNull();
  });
});
