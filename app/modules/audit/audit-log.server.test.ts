// The audit log viewer's queries and CSV export against a real database: filters by actor,
// action and the contest's days, keyset pages, and strict scoping to one contest.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { createTestUser } from "#tests/factories/accounts";
import { auditFilterSchema, SYSTEM_ACTOR, type AuditFilter } from "./audit.schema";
import { auditCsv, listContestAudit, splitChange, zonedIso } from "./audit-log.server";

let contestId: string;
let otherContestId: string;
let aliceId: string;
let bobId: string;
const OTHER_SECRET = "Bí mật của cuộc thi khác";

async function row(data: { at: string; actorId?: string | null; action: string; contestId?: string; data?: object; ip?: string }) {
  return prisma.auditLog.create({
    data: {
      at: new Date(data.at),
      actorId: data.actorId ?? null,
      contestId: data.contestId ?? contestId,
      action: data.action,
      targetType: "Contest",
      targetId: data.contestId ?? contestId,
      data: JSON.stringify(data.data ?? {}),
      ip: data.ip ?? "198.51.100.4",
    },
  });
}

beforeAll(async () => {
  const alice = await createTestUser({ name: "Nguyễn Thị Ánh", email: "anh@example.test" });
  const bob = await createTestUser({ name: "Đặng Văn Bình", email: "binh@example.test" });
  const stranger = await createTestUser({ name: "Người Lạ", email: "la@example.test" });
  aliceId = alice.id;
  bobId = bob.id;
  const contest = await prisma.contest.create({ data: { title: "Chính luận 2026", slug: "chinh-luan-2026" } });
  const other = await prisma.contest.create({ data: { title: "Cuộc thi khác", slug: "khac" } });
  contestId = contest.id;
  otherContestId = other.id;
  // Around midnight of 2 March 2026 in Hanoi time (UTC+7): 17:00Z on 1 March.
  await row({ at: "2026-03-01T16:59:00Z", actorId: aliceId, action: "contest.create", data: { title: "Chính luận 2026", slug: "chinh-luan-2026" } });
  await row({ at: "2026-03-01T17:00:00Z", actorId: bobId, action: "invitation.create", data: { role: "JUDGE", email: "gk@example.test" } });
  await row({ at: "2026-03-02T16:59:00Z", actorId: aliceId, action: "contest.phase", data: { from: "DRAFT", to: "OPEN" } });
  await row({ at: "2026-03-02T17:00:00Z", actorId: null, action: "contest.phaseRefused", data: { from: "OPEN", to: "CLOSED", reasons: ["x"] } });
  await row({ at: "2026-03-03T01:00:00Z", actorId: bobId, action: "rubric.update", data: { before: { max: 10 }, after: { max: 20 }, note: "Sửa thang điểm" } });
  // Another contest's log, by a stranger and by Alice: never visible here.
  await row({ at: "2026-03-02T03:00:00Z", actorId: stranger.id, contestId: otherContestId, action: "contest.secret", data: { note: OTHER_SECRET } });
  await row({ at: "2026-03-02T04:00:00Z", actorId: aliceId, contestId: otherContestId, action: "contest.phase", data: { note: OTHER_SECRET } });
});

const list = async (filter: AuditFilter = {}, pageSize?: number) => (await listContestAudit(contestId, filter, pageSize))!;

describe("listContestAudit", () => {
  it("lists the contest's rows newest first, with actor, parsed data and before/after", async () => {
    const page = await list();
    expect(page.contest).toMatchObject({ id: contestId, slug: "chinh-luan-2026", timeZone: "Asia/Ho_Chi_Minh" });
    expect(page.rows.map((r) => r.action)).toEqual([
      "rubric.update",
      "contest.phaseRefused",
      "contest.phase",
      "invitation.create",
      "contest.create",
    ]);
    const [rubric, refused, phase, invitation] = page.rows;
    expect(rubric!.actor).toEqual({ id: bobId, name: "Đặng Văn Bình", email: "binh@example.test" });
    expect(rubric!.change).toEqual({ before: { max: 10 }, after: { max: 20 } });
    expect(rubric!.details).toEqual({ note: "Sửa thang điểm" });
    expect(refused!.actor).toBeNull();
    expect(phase!.change).toEqual({ before: "DRAFT", after: "OPEN" });
    expect(invitation!.change).toBeNull();
    expect(invitation!.data).toEqual({ role: "JUDGE", email: "gk@example.test" });
    expect(invitation!.ip).toBe("198.51.100.4");
    expect(page.olderThan).toBeNull();
    expect(page.newerThan).toBeNull();
  });

  it("never shows another contest's rows, actors or actions", async () => {
    const page = await list();
    expect(JSON.stringify(page)).not.toContain(OTHER_SECRET);
    expect(page.actions).toEqual(["contest.create", "contest.phase", "contest.phaseRefused", "invitation.create", "rubric.update"]);
    // Sorted the Vietnamese way: "Đặng" after "Dương" would be, before "Nguyễn".
    expect(page.actors.map((a) => a.name)).toEqual(["Đặng Văn Bình", "Nguyễn Thị Ánh"]);
    expect(page.hasSystemActor).toBe(true);
    // Filtering by an action or actor of the other contest finds nothing here.
    expect((await list({ action: "contest.secret" })).rows).toEqual([]);
    expect((await list({ actor: aliceId })).rows.map((r) => r.action)).toEqual(["contest.phase", "contest.create"]);
    expect(await listContestAudit("no-such-contest", {})).toBeNull();
  });

  it("filters by actor, by the system actor and by action", async () => {
    expect((await list({ actor: bobId })).rows.map((r) => r.action)).toEqual(["rubric.update", "invitation.create"]);
    expect((await list({ actor: SYSTEM_ACTOR })).rows.map((r) => r.action)).toEqual(["contest.phaseRefused"]);
    expect((await list({ action: "contest.phase" })).rows).toHaveLength(1);
    expect((await list({ actor: bobId, action: "contest.phase" })).rows).toEqual([]);
  });

  it("filters by days of the contest's time zone (Asia/Ho_Chi_Minh), both ends inclusive", async () => {
    // 2 March in Hanoi is 1 March 17:00Z up to 2 March 17:00Z.
    const day = await list({ from: "2026-03-02", to: "2026-03-02" });
    expect(day.rows.map((r) => r.action)).toEqual(["contest.phase", "invitation.create"]);
    expect((await list({ to: "2026-03-01" })).rows.map((r) => r.action)).toEqual(["contest.create"]);
    expect((await list({ from: "2026-03-03" })).rows.map((r) => r.action)).toEqual(["rubric.update", "contest.phaseRefused"]);
  });

  it("pages by id both ways without losing or repeating a row", async () => {
    const all = (await list()).rows.map((r) => r.id);
    const first = await list({}, 2);
    expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 2));
    expect(first.newerThan).toBeNull();
    const second = await list({ before: first.olderThan! }, 2);
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(2, 4));
    const third = await list({ before: second.olderThan! }, 2);
    expect(third.rows.map((r) => r.id)).toEqual(all.slice(4));
    expect(third.olderThan).toBeNull();
    // Back from the third page to the second, then the first.
    const back = await list({ after: third.newerThan! }, 2);
    expect(back.rows.map((r) => r.id)).toEqual(all.slice(2, 4));
    expect((await list({ after: back.newerThan! }, 2)).rows.map((r) => r.id)).toEqual(all.slice(0, 2));
    // A filtered list pages within the filter.
    const bobs = await list({ actor: bobId }, 1);
    expect(bobs.rows.map((r) => r.action)).toEqual(["rubric.update"]);
    expect((await list({ actor: bobId, before: bobs.olderThan! }, 1)).rows.map((r) => r.action)).toEqual(["invitation.create"]);
  });
});

describe("auditCsv", () => {
  it("writes a UTF-8 BOM, a translated header row and one line per row, Vietnamese intact", async () => {
    const { filename, csv } = (await auditCsv(contestId, {}))!;
    expect(filename).toBe("audit-chinh-luan-2026.csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("Mã,Thời gian,Người thực hiện,E-mail,Mã hoạt động,Hoạt động,Loại đối tượng,Mã đối tượng,Trước,Sau,Dữ liệu khác,Địa chỉ IP");
    expect(lines[1]).toContain("Đặng Văn Bình,binh@example.test,rubric.update,Sửa thang điểm");
    expect(lines[1]).toContain('"{""max"":10}","{""max"":20}","{""note"":""Sửa thang điểm""}"');
    expect(lines[2]).toContain("2026-03-03T00:00:00+07:00,Hệ thống,,contest.phaseRefused,Chuyển giai đoạn theo lịch bị từ chối");
    expect(lines[3]).toContain("contest.phase,Chuyển giai đoạn cuộc thi,Contest");
    expect(lines[5]).toContain("2026-03-01T23:59:00+07:00,Nguyễn Thị Ánh");
    expect(csv).not.toContain(OTHER_SECRET);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("follows the filter and the reader's language", async () => {
    const { csv } = (await auditCsv(contestId, { actor: aliceId, from: "2026-03-02" }, "en"))!;
    const lines = csv.slice(1).trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID,Time,Actor,E-mail,Action code,Action,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Nguyễn Thị Ánh,anh@example.test,contest.phase,Changed the contest's phase,Contest");
  });
});

describe("helpers", () => {
  it("writes times with the zone's offset", () => {
    expect(zonedIso(new Date("2026-03-01T17:00:00Z"), "Asia/Ho_Chi_Minh")).toBe("2026-03-02T00:00:00+07:00");
    expect(zonedIso(new Date("2026-01-15T12:00:00Z"), "America/New_York")).toBe("2026-01-15T07:00:00-05:00");
  });

  it("finds a change in before/after or from/to, else none", () => {
    expect(splitChange({ before: 1, after: 2, x: 3 })).toEqual({ change: { before: 1, after: 2 }, details: { x: 3 } });
    expect(splitChange({ from: "OPEN", to: "CLOSED", phaseChangeId: "p" })).toEqual({
      change: { before: "OPEN", after: "CLOSED" },
      details: { phaseChangeId: "p" },
    });
    expect(splitChange({ role: "JUDGE" })).toEqual({ change: null, details: { role: "JUDGE" } });
  });

  it("validates the filter: real days, to not before from, positive cursors", () => {
    expect(auditFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ before: "-3" }).success).toBe(false);
    expect(auditFilterSchema.parse({ from: "2026-03-01", to: "2026-03-01", before: "12" })).toEqual({
      from: "2026-03-01",
      to: "2026-03-01",
      before: 12,
    });
  });
});
