// Refusals on a contest's audit log (page and CSV): a signed-out visitor gets 403, and an
// entrant, a judge of the contest and an organizer of another contest get 404, while rows
// that would leak exist. The contest's organizer gets the rows.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { getRequest, load as runLoader, type Outcome } from "#tests/factories/requests";
import * as auditCsvRoute from "./organize.$contestId.audit[.]csv";
import * as auditPage from "./organize.$contestId.audit";

let contestId: string;
const cookies: Record<"organizer" | "entrant" | "judge" | "otherOrganizer", string> = {
  organizer: "",
  entrant: "",
  judge: "",
  otherOrganizer: "",
};
const SECRET_EMAIL = "giam-khao-bi-mat@example.test";
const SECRET_NOTE = "Ghi chú nội bộ của Ban tổ chức";
const OTHER_CONTEST_NOTE = "Nhật ký của cuộc thi khác";

beforeAll(async () => {
  const organizer = await createTestUser({ isOrganizer: true, name: "Trần Thị Tổ Chức" });
  const entrant = await createTestUser({ name: "Lê Văn Tác Giả" });
  const judge = await createTestUser({ name: "Phạm Giám Khảo" });
  const otherOrganizer = await createTestUser({ isOrganizer: true, name: "Võ Văn Khác" });
  const contest = await prisma.contest.create({
    data: {
      title: "Chính luận 2026",
      slug: "chinh-luan-2026",
      members: { create: [{ userId: organizer.id, role: "ORGANIZER" }, { userId: judge.id, role: "JUDGE" }] },
    },
  });
  const other = await prisma.contest.create({
    data: { title: "Cuộc thi khác", slug: "cuoc-thi-khac", members: { create: { userId: otherOrganizer.id, role: "ORGANIZER" } } },
  });
  contestId = contest.id;
  await prisma.auditLog.createMany({
    data: [
      {
        actorId: organizer.id,
        contestId,
        action: "invitation.create",
        targetType: "Invitation",
        targetId: "inv-1",
        data: JSON.stringify({ role: "JUDGE", email: SECRET_EMAIL }),
        ip: "203.0.113.9",
      },
      {
        actorId: organizer.id,
        contestId,
        action: "contest.update",
        targetType: "Contest",
        targetId: contestId,
        data: JSON.stringify({ before: { rules: "" }, after: { rules: SECRET_NOTE } }),
      },
      {
        actorId: otherOrganizer.id,
        contestId: other.id,
        action: "contest.update",
        targetType: "Contest",
        targetId: other.id,
        data: JSON.stringify({ note: OTHER_CONTEST_NOTE }),
      },
    ],
  });
  cookies.organizer = await sessionCookie(organizer.id);
  cookies.entrant = await sessionCookie(entrant.id);
  cookies.judge = await sessionCookie(judge.id);
  cookies.otherOrganizer = await sessionCookie(otherOrganizer.id);
});

const page = (cookie?: string, search = "") =>
  runLoader(auditPage.loader, `/organize/${contestId}/audit${search}`, { cookie, params: { contestId } });
const csv = (cookie?: string, search = "") =>
  runLoader(auditCsvRoute.loader, `/organize/${contestId}/audit.csv${search}`, { cookie, params: { contestId } });

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  expect(body).not.toContain(SECRET_EMAIL);
  expect(body).not.toContain(SECRET_NOTE);
  expect(body).not.toContain("203.0.113.9");
}

describe("the audit log of a contest", () => {
  for (const [name, route] of [
    ["page", page],
    ["CSV", csv],
  ] as const) {
    it(`refuses a signed-out visitor with 403 (${name})`, async () => {
      const res = await route();
      expect(res.status).toBe(403);
      expect(res.body).toBe(SIGN_IN_REQUIRED);
      expectNoLeak(res);
    });

    for (const who of ["entrant", "judge", "otherOrganizer"] as const) {
      it(`answers 404 to ${who === "judge" ? "a judge of the contest" : who === "entrant" ? "an entrant" : "an organizer of another contest"} (${name})`, async () => {
        const res = await route(cookies[who]);
        expect(res.status).toBe(404);
        expectNoLeak(res);
      });
    }
  }

  it("shows the organizer the contest's rows, and no other contest's", async () => {
    const res = await page(cookies.organizer);
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.body);
    expect(body).toContain(SECRET_EMAIL);
    expect(body).toContain(SECRET_NOTE);
    expect(body).not.toContain(OTHER_CONTEST_NOTE);
    const rows = (res.body as { page: { rows: { action: string }[] } }).page.rows;
    expect(rows.map((r) => r.action)).toEqual(["contest.update", "invitation.create"]);
  });

  it("filters the organizer's page by action, and answers an invalid filter with 400 and no rows", async () => {
    const filtered = await page(cookies.organizer, "?action=invitation.create&from=&to=");
    expect(filtered.status).toBe(200);
    expect((filtered.body as { page: { rows: unknown[] } }).page.rows).toHaveLength(1);
    const invalid = await page(cookies.organizer, "?from=2026-02-30");
    expect(invalid.status).toBe(400);
    const body = invalid.body as { result: { error?: Record<string, string[]> }; page: { rows: unknown[] } };
    expect(body.result.error?.from).toEqual(["validation.invalid"]);
    expect(body.page.rows).toEqual([]);
  });

  it("sends the organizer the CSV as an attachment named after the contest", async () => {
    const res = await csv(cookies.organizer);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="audit-chinh-luan-2026.csv"');
    const text = res.body as string; // Response.text() drops the byte-order mark; the bytes keep it
    expect(text).toContain(SECRET_EMAIL);
    expect(text).toContain(SECRET_NOTE);
    expect(text).not.toContain(OTHER_CONTEST_NOTE);
    expect(text.trimEnd().split("\n")).toHaveLength(3);
    const response = (await auditCsvRoute.loader({
      request: getRequest(`/organize/${contestId}/audit.csv`, { cookie: cookies.organizer }),
      params: { contestId },
      context: {},
    })) as Response;
    expect([...new Uint8Array(await response.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
