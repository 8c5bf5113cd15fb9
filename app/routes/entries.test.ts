// The public contest page and the entrant's routes: the new-entry form and its upload route, the
// entry page, the receipt and "my entries". Refusals with data present that could leak: signed out
// 403; another entrant's entry 404 with nothing of its title or authors; a draft contest 404 to the
// public; refused posts write nothing.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { saveEntry } from "#app/modules/entries/submission.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember } from "#tests/factories/contests";
import { ENTRANT_AUTHOR, createOpenContest, entryValues } from "#tests/factories/entries";
import { ORIGIN, load, mailsTo, outcomeOf, type Outcome } from "#tests/factories/requests";
import { VIETNAMESE_PARAGRAPHS, docxDocument } from "#tests/fixtures/documents";
import * as contestPage from "./contests.$slug._index";
import * as enter from "./contests.$slug.enter";
import * as enterUpload from "./contests.$slug.enter.upload";
import * as entryPage from "./entries.$entryId";
import * as entryUpload from "./entries.$entryId.upload";
import * as receiptPage from "./entries.$entryId_.receipt";
import * as mine from "./entries._index";

const SECRET_TITLE = "Bài viết bí mật của người khác";
const SECRET_AUTHOR = "Đặng Thị Riêng Tư";

let slug: string;
let contestId: string;
let categoryId: string;
let draftSlug: string;
let draftOrganizerCookie: string;
let entrant: { id: string; email: string; cookie: string };
let other: { id: string; cookie: string };
let judgeCookie: string;
let othersEntryId: string;

beforeAll(async () => {
  const open = await createOpenContest({ maxEntriesPerUser: 3 });
  slug = open.contest.slug;
  contestId = open.contest.id;
  categoryId = open.categories[0]!.id;
  await prisma.contest.update({ where: { id: contestId }, data: { rules: "# Điều 1\n\nBài viết <script>alert(1)</script> dài **không quá** 3000 chữ." } });
  judgeCookie = (await addContestMember(contestId, "JUDGE")).cookie;
  const draft = await createOpenContest();
  await prisma.contest.update({ where: { id: draft.contest.id }, data: { phase: "DRAFT", title: "Cuộc thi chưa công bố" } });
  draftSlug = draft.contest.slug;
  draftOrganizerCookie = await sessionCookie(draft.organizerId);

  const user = await createTestUser({ name: ENTRANT_AUTHOR.name, email: `lan-${crypto.randomBytes(3).toString("hex")}@example.vn` });
  entrant = { id: user.id, email: user.email, cookie: await sessionCookie(user.id) };
  const otherUser = await createTestUser({ name: SECRET_AUTHOR });
  other = { id: otherUser.id, cookie: await sessionCookie(otherUser.id) };
  const saved = await saveEntry({
    user: { id: otherUser.id, locale: "vi", email: otherUser.email },
    contestId,
    values: entryValues(categoryId, { title: SECRET_TITLE, authors: [{ ...ENTRANT_AUTHOR, name: SECRET_AUTHOR }] }),
    essay: { kind: "text", text: VIETNAMESE_PARAGRAPHS.join("\n\n") },
  });
  if (!saved.ok) throw new Error("not saved");
  othersEntryId = saved.entryId;
});

function body(outcome: Outcome): string {
  return typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
}

function expectNoLeak(outcome: Outcome) {
  expect([SECRET_TITLE, SECRET_AUTHOR].filter((s) => body(outcome).includes(s))).toEqual([]);
}

/** A multipart post of the entry form, with an optional file. */
function entryForm(pathname: string, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }, cookie?: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([Buffer.from(file.bytes)], file.name, { type: "application/octet-stream" }));
  const headers = new Headers({ Origin: ORIGIN, "x-portal-client-ip": "203.0.113.7" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(ORIGIN + pathname, { method: "POST", headers, body: form });
}

const validFields = (extra: Record<string, string> = {}) => ({
  intent: "submit",
  version: "0",
  categoryId,
  title: "Bảo vệ nền tảng tư tưởng của Đảng",
  abstract: "Tóm tắt bài viết.",
  "authors[0].name": ENTRANT_AUTHOR.name,
  "authors[0].birthYear": String(ENTRANT_AUTHOR.birthYear),
  "authors[0].unit": ENTRANT_AUTHOR.unit,
  "authors[0].jobTitle": ENTRANT_AUTHOR.jobTitle,
  "authors[0].email": ENTRANT_AUTHOR.email,
  "authors[0].phone": ENTRANT_AUTHOR.phone,
  declaration: "on",
  essayMode: "file",
  ...extra,
});

async function counts() {
  return { entries: await prisma.entry.count(), versions: await prisma.entryVersion.count(), files: await prisma.storedFile.count() };
}

describe("the public contest page", () => {
  it("shows an open contest to anyone, with its rules, categories, prizes and the server's clock", async () => {
    const res = await load(contestPage.loader, `/contests/${slug}`, { params: { slug } });
    expect(res.status).toBe(200);
    const data = res.body as { contest: { title: string; rules: string; categories: { name: string; prizeTiers: { name: string }[] }[] }; now: string };
    expect(data.contest.categories.map((c) => c.name)).toEqual(["Cán bộ, đảng viên", "Học sinh, sinh viên"]);
    expect(data.contest.categories[0]!.prizeTiers.map((t) => t.name)).toEqual(["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]);
    expect(Math.abs(new Date(data.now).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("answers 404 for a draft to the public, an entrant and a judge of another contest; its staff see a preview", async () => {
    for (const cookie of [undefined, entrant.cookie, judgeCookie]) {
      const res = await load(contestPage.loader, `/contests/${draftSlug}`, { cookie, params: { slug: draftSlug } });
      expect(res.status).toBe(404);
      expect(body(res)).not.toContain("Cuộc thi chưa công bố");
    }
    expect((await load(contestPage.loader, `/contests/${draftSlug}`, { cookie: draftOrganizerCookie, params: { slug: draftSlug } })).status).toBe(200);
    expect((await load(contestPage.loader, "/contests/khong-co", { params: { slug: "khong-co" } })).status).toBe(404);
  });
});

describe("the new-entry form", () => {
  it("refuses a signed-out visitor with 403, and a draft contest with 404", async () => {
    const res = await load(enter.loader, `/contests/${slug}/enter`, { params: { slug } });
    expect(res.status).toBe(403);
    expect(res.body).toBe(SIGN_IN_REQUIRED);
    expect((await load(enter.loader, `/contests/${draftSlug}/enter`, { cookie: entrant.cookie, params: { slug: draftSlug } })).status).toBe(404);
  });

  it("prefills the entrant as the first author", async () => {
    const res = await load(enter.loader, `/contests/${slug}/enter`, { cookie: entrant.cookie, params: { slug } });
    expect(res.status).toBe(200);
    expect((res.body as { author: { name: string; email: string } }).author).toMatchObject({ name: ENTRANT_AUTHOR.name, email: entrant.email });
  });

  it("writes nothing for a signed-out post or one to a draft contest", async () => {
    const before = await counts();
    const file = { bytes: docxDocument(VIETNAMESE_PARAGRAPHS), name: "bai.docx" };
    const signedOut = await outcomeOf(() => enter.action({ request: entryForm(`/contests/${slug}/enter`, validFields(), file), params: { slug }, context: {} }));
    expect(signedOut.status).toBe(403);
    const draft = await outcomeOf(() =>
      enterUpload.action({ request: entryForm(`/contests/${draftSlug}/enter/upload`, validFields(), file, entrant.cookie), params: { slug: draftSlug }, context: {} }),
    );
    expect(draft.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("answers an invalid form with 400 and field errors, the page's action and the upload route alike, writing nothing", async () => {
    const before = await counts();
    const fields = validFields({ declaration: "", "authors[0].phone": "12", "authors[0].birthYear": "1850" });
    const file = { bytes: docxDocument(VIETNAMESE_PARAGRAPHS), name: "bai.docx" };
    const page = await outcomeOf(() => enter.action({ request: entryForm(`/contests/${slug}/enter`, fields, file, entrant.cookie), params: { slug }, context: {} }));
    const xhr = await outcomeOf(() => enterUpload.action({ request: entryForm(`/contests/${slug}/enter/upload`, fields, file, entrant.cookie), params: { slug }, context: {} }));
    for (const res of [page, xhr]) {
      expect(res.status).toBe(400);
      const errors = (res.body as { result: { error: Record<string, string[]> } }).result.error;
      expect(errors.declaration).toEqual(["entries:errors.declaration"]);
      expect(errors["authors[0].phone"]).toEqual(["entries:errors.phone"]);
      expect(errors["authors[0].birthYear"]?.[0]).toMatch(/^entries:errors\.birthYearRange/);
    }
    expect(xhr.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(await counts()).toEqual(before);
  });

  it("submits through the upload route and answers where to go: the receipt", async () => {
    const file = { bytes: docxDocument(VIETNAMESE_PARAGRAPHS), name: "Bài dự thi.docx" };
    const res = await outcomeOf(() => enterUpload.action({ request: entryForm(`/contests/${slug}/enter/upload`, validFields(), file, entrant.cookie), params: { slug }, context: {} }));
    expect(res.status).toBe(200);
    const { redirectTo } = res.body as { redirectTo: string };
    const entry = await prisma.entry.findFirstOrThrow({ where: { submitterId: entrant.id }, orderBy: { createdAt: "desc" } });
    expect(redirectTo).toBe(`/entries/${entry.id}/receipt`);
    const receipt = await load(receiptPage.loader, redirectTo, { cookie: entrant.cookie, params: { entryId: entry.id } });
    expect(receipt.status).toBe(200);
    expect((receipt.body as { receipt: { entryCode: string; versionNumber: number } }).receipt).toMatchObject({ entryCode: entry.entryCode, versionNumber: 1 });
    expect((await mailsTo(entrant.email)).at(-1)?.subject).toContain(entry.entryCode!);
  });

  it("saves a draft through the page's action (no script) and redirects to the entry", async () => {
    const res = await outcomeOf(() =>
      enter.action({ request: entryForm(`/contests/${slug}/enter`, validFields({ intent: "draft", title: "Bản nháp đầu tiên" }), undefined, entrant.cookie), params: { slug }, context: {} }),
    );
    expect(res.status).toBe(302);
    const draft = await prisma.entry.findFirstOrThrow({ where: { submitterId: entrant.id, title: "Bản nháp đầu tiên" } });
    expect(res.location).toBe(`/entries/${draft.id}?done=draft`);
    expect(draft.status).toBe("DRAFT");
  });
});

describe("the entrant's entry", () => {
  it("answers 404 to another entrant, with nothing of the entry, for the page, the receipt and every post", async () => {
    const before = await prisma.entry.findUniqueOrThrow({ where: { id: othersEntryId } });
    const params = { entryId: othersEntryId };
    for (const res of [
      await load(entryPage.loader, `/entries/${othersEntryId}`, { cookie: entrant.cookie, params }),
      await load(receiptPage.loader, `/entries/${othersEntryId}/receipt`, { cookie: entrant.cookie, params }),
      await load(entryPage.loader, `/entries/${othersEntryId}`, { cookie: judgeCookie, params }),
      await outcomeOf(() => entryPage.action({ request: entryForm(`/entries/${othersEntryId}`, { intent: "withdraw", version: "0" }, undefined, entrant.cookie), params, context: {} })),
      await outcomeOf(() =>
        entryUpload.action({ request: entryForm(`/entries/${othersEntryId}/upload`, validFields({ title: "Đổi tên" }), undefined, entrant.cookie), params, context: {} }),
      ),
    ]) {
      expect(res.status).toBe(404);
      expectNoLeak(res);
    }
    expect(await prisma.entry.findUniqueOrThrow({ where: { id: othersEntryId } })).toEqual(before);
  });

  it("refuses a signed-out visitor with 403 on the page, the receipt and my entries", async () => {
    const params = { entryId: othersEntryId };
    for (const res of [
      await load(entryPage.loader, `/entries/${othersEntryId}`, { params }),
      await load(receiptPage.loader, `/entries/${othersEntryId}/receipt`, { params }),
      await load(mine.loader, "/entries"),
    ]) {
      expect(res.status).toBe(403);
      expectNoLeak(res);
    }
  });

  it("shows the entrant their entry; withdrawing it from the page keeps it in my entries as withdrawn", async () => {
    const entry = await prisma.entry.findFirstOrThrow({ where: { submitterId: entrant.id, status: "SUBMITTED" } });
    const page = await load(entryPage.loader, `/entries/${entry.id}`, { cookie: entrant.cookie, params: { entryId: entry.id } });
    expect(page.status).toBe(200);
    expect((page.body as { entry: { editable: boolean; versions: unknown[] } }).entry).toMatchObject({ editable: true, versions: [expect.objectContaining({ number: 1, isCurrent: true })] });

    const stale = await outcomeOf(() =>
      entryPage.action({ request: entryForm(`/entries/${entry.id}`, { intent: "withdraw", version: String(entry.version + 3) }, undefined, entrant.cookie), params: { entryId: entry.id }, context: {} }),
    );
    expect(stale.status).toBe(409);
    const res = await outcomeOf(() =>
      entryPage.action({ request: entryForm(`/entries/${entry.id}`, { intent: "withdraw", version: String(entry.version) }, undefined, entrant.cookie), params: { entryId: entry.id }, context: {} }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/entries/${entry.id}?done=withdrawn`);
    const list = await load(mine.loader, "/entries", { cookie: entrant.cookie });
    const rows = (list.body as { entries: { id: string; status: string; title: string }[] }).entries;
    expect(rows.find((r) => r.id === entry.id)?.status).toBe("WITHDRAWN");
    // Only the entrant's own entries.
    expect(rows.map((r) => r.title)).not.toContain(SECRET_TITLE);
    expectNoLeak(list);
  });

  it("shows the reason of a disqualification to the entrant, and no reason otherwise", async () => {
    await prisma.entry.update({ where: { id: othersEntryId }, data: { status: "DISQUALIFIED", statusReason: "Bài đã đăng trên báo Nhân Dân." } });
    const list = await load(mine.loader, "/entries", { cookie: other.cookie });
    expect((list.body as { entries: { statusReason: string | null }[] }).entries[0]!.statusReason).toBe("Bài đã đăng trên báo Nhân Dân.");
    await prisma.entry.update({ where: { id: othersEntryId }, data: { status: "ELIGIBLE", statusReason: "ghi chú nội bộ" } });
    const page = await load(entryPage.loader, `/entries/${othersEntryId}`, { cookie: other.cookie, params: { entryId: othersEntryId } });
    expect((page.body as { entry: { statusReason: string | null } }).entry.statusReason).toBeNull();
    expect(body(page)).not.toContain("ghi chú nội bộ");
  });
});
