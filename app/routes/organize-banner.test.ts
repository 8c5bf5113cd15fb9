// The contest banner: uploaded, replaced and removed on the settings page by the contest's
// organizers (audited), served by /contests/:slug/banner with its content type: public once the
// contest is public, staff only while it is a draft. Refusals write nothing.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { ORIGIN, outcomeOf } from "#tests/factories/requests";
import { JPEG_1X1, PNG_1X1, pdfDocument } from "#tests/fixtures/documents";
import * as banner from "./contests.$slug.banner";
import * as settings from "./organize.$contestId.settings";

let contestId: string;
let slug: string;
const cookies = { organizer: "", secretary: "", judge: "", entrant: "", otherOrganizer: "" };

beforeAll(async () => {
  const { contest, organizerId } = await createTestContest({ title: "Cuộc thi có ảnh" });
  contestId = contest.id;
  slug = contest.slug;
  cookies.organizer = await sessionCookie(organizerId);
  cookies.secretary = (await addContestMember(contestId, "SECRETARY")).cookie;
  cookies.judge = (await addContestMember(contestId, "JUDGE")).cookie;
  cookies.entrant = await sessionCookie((await createTestUser()).id);
  cookies.otherOrganizer = await sessionCookie((await createTestContest()).organizerId);
});

function post(intent: string, cookie?: string, file?: { bytes: Uint8Array; name: string; type: string }) {
  const form = new FormData();
  form.append("intent", intent);
  if (file) form.append("banner", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  const headers = new Headers({ Origin: ORIGIN, "x-portal-client-ip": "203.0.113.7" });
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`${ORIGIN}/organize/${contestId}/settings?banner`, { method: "POST", headers, body: form });
  return outcomeOf(() => settings.action({ request, params: { contestId }, context: {} }));
}

async function get(cookie?: string) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  let bytes = Buffer.alloc(0);
  const res = await outcomeOf(async () => {
    const response = (await banner.loader({ request: new Request(`${ORIGIN}/contests/${slug}/banner`, { headers }), params: { slug }, context: {} })) as Response;
    bytes = Buffer.from(await response.arrayBuffer());
    return new Response(null, { status: response.status, headers: response.headers });
  });
  return { ...res, bytes };
}

const png = { bytes: PNG_1X1, name: "anh-bia.png", type: "image/png" };
const jpeg = { bytes: JPEG_1X1, name: "anh-moi.jpg", type: "image/jpeg" };
const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

async function state() {
  return {
    banner: (await prisma.contest.findUniqueOrThrow({ where: { id: contestId } })).bannerFileId,
    files: await prisma.storedFile.count(),
    logs: await prisma.auditLog.count({ where: { action: "contest.banner" } }),
  };
}

describe("the banner", () => {
  it("refuses everyone but the contest's organizers, writing nothing", async () => {
    const before = await state();
    expect((await post("banner", undefined, png)).status).toBe(403);
    for (const key of ["secretary", "judge", "entrant", "otherOrganizer"] as const) {
      expect((await post("banner", cookies[key], png)).status, key).toBe(404);
    }
    expect(await state()).toEqual(before);
  });

  it("refuses what is not an image, or claims to be another kind, with the files messages", async () => {
    const before = await state();
    const svg = { bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), name: "a.svg", type: "image/svg+xml" };
    const cases = [
      [svg, 'files:errors.wrongType|{"allowed":"PNG, JPEG, WebP"}'],
      [{ bytes: pdfDocument([["x"]]), name: "a.png", type: "image/png" }, 'files:errors.spoofedType|{"claimed":"PNG, JPEG, WebP","actual":"PDF"}'],
    ] as const;
    for (const [file, error] of cases) {
      const res = await post("banner", cookies.organizer, file);
      expect(res.status).toBe(400);
      expect((res.body as { result: { error: Record<string, string[]> } }).result.error.banner).toEqual([error]);
    }
    const none = await post("banner", cookies.organizer);
    expect((none.body as { result: { error: Record<string, string[]> } }).result.error.banner).toEqual(["files:errors.noFile"]);
    expect(await state()).toEqual(before);
  });

  it("uploads, serves to staff only while a draft, then to everyone; replacing discards the old file; removing too", async () => {
    const res = await post("banner", cookies.organizer, png);
    expect(res.status).toBe(200);
    expect((res.body as { notice: unknown }).notice).toEqual({ kind: "banner", removed: false });
    const first = await state();
    expect(first.banner).not.toBeNull();
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "contest.banner" }, orderBy: { id: "desc" } });
    expect(JSON.parse(log.data)).toMatchObject({ before: { bannerFileId: null }, after: { bannerFileId: first.banner, name: "anh-bia.png" } });

    // A draft: its staff see the banner, the public and others do not.
    expect((await get()).status).toBe(404);
    expect((await get(cookies.entrant)).status).toBe(404);
    const staff = await get(cookies.secretary);
    expect(staff.status).toBe(200);
    expect(staff.headers.get("Cache-Control")).toBe("private, no-store");
    expect(staff.bytes.equals(Buffer.from(PNG_1X1))).toBe(true);

    await prisma.contest.update({ where: { id: contestId }, data: { phase: "OPEN" } });
    const open = await get();
    expect(open.status).toBe(200);
    expect(open.headers.get("Content-Type")).toBe("image/png");
    expect(open.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(open.headers.get("ETag")).toBe(`"${sha256(PNG_1X1)}"`);

    expect((await post("banner", cookies.organizer, jpeg)).status).toBe(200);
    const second = await state();
    expect(second.banner).not.toBe(first.banner);
    expect(await prisma.storedFile.findUnique({ where: { id: first.banner! } })).toBeNull();
    expect(second.files).toBe(first.files);
    expect((await get()).headers.get("Content-Type")).toBe("image/jpeg");

    expect((await post("removeBanner", cookies.organizer)).status).toBe(200);
    const removed = await state();
    expect(removed.banner).toBeNull();
    expect(removed.files).toBe(first.files - 1);
    expect(removed.logs).toBe(3);
    expect((await get()).status).toBe(404);
  });
});
