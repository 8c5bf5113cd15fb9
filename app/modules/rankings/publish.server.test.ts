// Publishing through the real database: one immutable version per publication whose SHA-256 is
// that of its stored content, certificates that verify, corrections as new versions with a
// reason, e-mails after the commit in each entrant's language, and refusals that write nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { sha256Hex } from "#app/utils/crypto.server";
import { createTestUser } from "#tests/factories/accounts";
import { mailsTo } from "#tests/factories/requests";
import { createJudgedContest } from "#tests/factories/results";
import { canonicalJson } from "./canonical-json";
import { decideTie } from "./decisions.server";
import { entrantResult, publicResults, verifyCertificate } from "./public.server";
import { publishPreview, publishResults, reopenForCorrection } from "./publish.server";
import { computeRoundResults } from "./results.server";
import { publicationContentSchema } from "./snapshot.schema";

// Totals per entry (every judge gives the same): a three-way tie at rank 3 straddles the boundary
// between the Second prize (positions 2–3) and the Third (4–6).
const TOTALS = [95, 90, 85, 85, 85, 70, 60, 50];
const JUDGE_NAMES = ["Phạm Văn Giám Khảo Một", "Đỗ Thị Giám Khảo Hai", "Vũ Văn Giám Khảo Ba"];

let s: Awaited<ReturnType<typeof createJudgedContest>>;
let englishEntrant: { id: string; email: string };
let vietnameseEntrant: { id: string; email: string };

async function counts() {
  const [publications, certificates, awards, audits] = await Promise.all([
    prisma.publication.findMany({ where: { contestId: s.contest.id }, orderBy: { version: "asc" } }),
    prisma.certificate.count(),
    prisma.award.findMany({ orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
  ]);
  const phase = (await prisma.contest.findUniqueOrThrow({ where: { id: s.contest.id } })).phase;
  return { publications, certificates, awards, audits, phase };
}

async function fingerprint() {
  return (await computeRoundResults(prisma, s.contest.id, s.round.id))!.fingerprint;
}

beforeAll(async () => {
  englishEntrant = await createTestUser({ name: "Anna Entrant" });
  await prisma.user.update({ where: { id: englishEntrant.id }, data: { locale: "en" } });
  vietnameseEntrant = await createTestUser({ name: "Ngô Thị Dự Thi" });
  s = await createJudgedContest({
    entries: TOTALS.length,
    points: (i) => TOTALS[i]!,
    judgeNames: JUDGE_NAMES,
    // Entry 0 (First prize) and entry 7 (no prize) belong to the English-speaking entrant.
    submitter: (i) => (i === 0 || i === 7 ? englishEntrant.id : i === 1 ? vietnameseEntrant.id : undefined),
    feedback: (i, j) => (i === 0 ? `Nhận xét số ${j + 1} cho bài dẫn đầu` : ""),
    privateNote: (i) => (i === 0 ? "Ghi chú kín: bài này gần như hoàn hảo" : ""),
  });
});

describe("publishing results", () => {
  it("is refused while a tie straddles a prize boundary, and nothing is written or sent", async () => {
    const before = await counts();
    const preview = await publishPreview(s.contest.id);
    expect(preview!.blockers).toEqual([`results:errors.prizeTiesOpen|{"count":1}`]);
    const result = await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: true, fingerprint: await fingerprint() });
    expect(result).toEqual({ ok: false, status: "refused", error: `results:errors.prizeTiesOpen|{"count":1}` });
    expect(await counts()).toEqual(before);
    expect(await mailsTo(englishEntrant.email)).toEqual([]);
  });

  it("writes version 1 with its hash, certificates and the phase change in one go, then e-mails the entrants", async () => {
    const tied = s.entries.slice(2, 5).map((e) => e.id);
    const decided = await decideTie({
      contestId: s.contest.id,
      actorId: s.organizerId,
      roundId: s.round.id,
      categoryId: s.categories[0]!.id,
      entryIds: tied,
      places: [2, 1, 2],
      reason: "Theo biên bản họp Ban Giám khảo ngày 10/12",
      fingerprint: await fingerprint(),
    });
    expect(decided).toEqual({ ok: true, entries: 3 });

    const result = await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: true, fingerprint: await fingerprint(), ip: "203.0.113.9" });
    expect(result).toMatchObject({ ok: true, version: 1 });
    const [publication] = (await counts()).publications;
    expect(publication!.version).toBe(1);
    expect(publication!.sha256).toBe(sha256Hex(publication!.content));
    expect((result as { sha256: string }).sha256).toBe(publication!.sha256);
    const content = publicationContentSchema.parse(JSON.parse(publication!.content));
    expect(canonicalJson(content)).toBe(publication!.content);

    // Winners: 1 First, 2 Second (95, 90 and the decided 85), 3 Third (the other two 85s and 70), then 60 as consolation.
    const winners = content.categories[0]!.winners;
    expect(winners.map((w) => [w.entryId, w.prize.name, w.rank, w.score, w.decided])).toEqual([
      [s.entries[0]!.id, "Giải Nhất", 1, 95, false],
      [s.entries[1]!.id, "Giải Nhì", 2, 90, false],
      [s.entries[3]!.id, "Giải Nhì", 3, 85, true],
      [s.entries[2]!.id, "Giải Ba", 4, 85, true],
      [s.entries[4]!.id, "Giải Ba", 4, 85, true],
      [s.entries[5]!.id, "Giải Ba", 6, 70, false],
      [s.entries[6]!.id, "Giải Khuyến khích", 7, 60, false],
      [s.entries[7]!.id, "Giải Khuyến khích", 8, 50, false],
    ]);
    expect(winners[0]!.authors).toEqual([{ name: "Tác giả số 1", unit: "Đơn vị 1" }]);
    // No judge, note or e-mail address in the public content.
    for (const secret of [...JUDGE_NAMES, "Ghi chú kín", "@example.test"]) expect(publication!.content).not.toContain(secret);

    const certificates = await prisma.certificate.findMany({ where: { publicationId: publication!.id }, orderBy: { code: "asc" } });
    expect(certificates.map((c) => [c.entryId, c.code]).sort()).toEqual(winners.map((w) => [w.entryId, w.certificateCode]).sort());
    expect((await counts()).phase).toBe("PUBLISHED");
    const actions = await prisma.auditLog.findMany({ where: { contestId: s.contest.id }, orderBy: { id: "asc" }, select: { action: true, data: true } });
    expect(actions.map((a) => a.action).slice(-3)).toEqual(["results.decideTie", "results.publish", "contest.phase"]);
    expect(JSON.parse(actions.at(-2)!.data)).toMatchObject({ version: 1, sha256: publication!.sha256, winners: 8 });

    // The e-mails: one per entrant, in their language, with their own entries' results.
    const [english] = await mailsTo(englishEntrant.email);
    expect(english!.subject).toBe(`Results of “${s.contest.title}” are published`);
    expect(english!.text).toContain(`(code ${s.entries[0]!.entryCode}): Giải Nhất.`);
    expect(english!.text).toContain(`(code ${s.entries[7]!.entryCode}): Giải Khuyến khích.`);
    expect(english!.links).toContain(`http://localhost:3000/entries/${s.entries[0]!.id}/result`);
    const [vietnamese] = await mailsTo(vietnameseEntrant.email);
    expect(vietnamese!.subject).toBe(`Kết quả cuộc thi «${s.contest.title}» đã được công bố`);
    expect(vietnamese!.text).toContain(`(mã ${s.entries[1]!.entryCode}): đạt Giải Nhì.`);
    expect(vietnamese!.text).not.toContain(s.entries[0]!.entryCode!);
  });

  it("shows the latest version publicly and verifies its certificates", async () => {
    const page = await publicResults(s.contest.slug);
    expect(page!.publication.version).toBe(1);
    const first = page!.content.categories[0]!.winners[0]!;
    const verified = await verifyCertificate(first.certificateCode.toLowerCase().replace(/-/g, " "));
    expect(verified).toMatchObject({
      code: first.certificateCode,
      version: 1,
      category: "Cán bộ, công chức",
      winner: { entryCode: s.entries[0]!.entryCode, prize: "Giải Nhất", rank: 1 },
      superseded: false,
      latestPrize: "Giải Nhất",
    });
    expect(await verifyCertificate("GCN-2345-6789-ABCD")).toBeNull();
    expect(await verifyCertificate("nonsense")).toBeNull();
  });

  it("gives the entrant their result and the judges' feedback, never the private note or a judge", async () => {
    const result = await entrantResult(englishEntrant.id, s.entries[0]!.id);
    expect(result).toMatchObject({ published: true, winner: { prize: "Giải Nhất", rank: 1, score: 95 } });
    const text = JSON.stringify(result);
    expect(text).toContain("Nhận xét số 1 cho bài dẫn đầu");
    expect(text).not.toContain("Ghi chú kín");
    for (const name of JUDGE_NAMES) expect(text).not.toContain(name);
    for (const j of s.judges) expect(text).not.toContain(j.id);
    // Someone else's entry is not theirs to read.
    expect(await entrantResult(englishEntrant.id, s.entries[1]!.id)).toBeNull();
  });

  it("publishes a correction only with a reason, as version 2, leaving version 1 as it was", async () => {
    const before = await counts();
    const version1 = before.publications[0]!;
    // Published: publishing again is refused until the contest is back in Finalizing.
    expect(await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: true, fingerprint: await fingerprint(), reason: "x" })).toMatchObject({
      status: "refused",
      error: "results:errors.phasePublish",
    });
    expect(await reopenForCorrection({ contestId: s.contest.id, actorId: s.organizerId })).toEqual({ ok: true });

    const mailsBefore = (await mailsTo(englishEntrant.email)).length;
    const auditsBefore = await prisma.auditLog.count();
    const withoutReason = await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: false, fingerprint: await fingerprint(), reason: "  " });
    expect(withoutReason).toEqual({ ok: false, status: "invalid", fieldErrors: { reason: ["results:errors.correctionReason"] } });
    expect((await counts()).publications).toEqual([version1]);
    expect(await prisma.auditLog.count()).toBe(auditsBefore);
    expect(await mailsTo(englishEntrant.email)).toHaveLength(mailsBefore);

    const corrected = await publishResults({
      contestId: s.contest.id,
      actorId: s.organizerId,
      showScores: false,
      fingerprint: await fingerprint(),
      reason: "Bỏ công bố điểm theo đề nghị của Ban Giám khảo",
    });
    expect(corrected).toMatchObject({ ok: true, version: 2 });
    const after = await counts();
    expect(after.publications).toHaveLength(2);
    expect(after.publications[0]).toEqual(version1);
    const version2 = after.publications[1]!;
    expect(version2.sha256).toBe(sha256Hex(version2.content));
    expect(version2.sha256).not.toBe(version1.sha256);
    const content2 = publicationContentSchema.parse(JSON.parse(version2.content));
    expect(content2.reason).toBe("Bỏ công bố điểm theo đề nghị của Ban Giám khảo");
    expect(content2.categories[0]!.winners.every((w) => w.score === null)).toBe(true);

    // The public page shows version 2; version 1 stays readable; its certificates say they were superseded.
    expect((await publicResults(s.contest.slug))!.publication.version).toBe(2);
    const old = await publicResults(s.contest.slug, 1);
    expect(old!.publication.sha256).toBe(version1.sha256);
    expect(await publicResults(s.contest.slug, 3)).toBeNull();
    const oldCode = publicationContentSchema.parse(JSON.parse(version1.content)).categories[0]!.winners[0]!.certificateCode;
    expect(await verifyCertificate(oldCode)).toMatchObject({ version: 1, superseded: true, latestVersion: 2, latestPrize: "Giải Nhất" });

    const [, correction] = await mailsTo(englishEntrant.email);
    expect(correction!.subject).toBe(`Corrected results of “${s.contest.title}” (version 2)`);
    expect(correction!.text).toContain("Reason for the correction: Bỏ công bố điểm theo đề nghị của Ban Giám khảo");
  });

  it("refuses a form whose ranking changed since it was loaded", async () => {
    expect(await reopenForCorrection({ contestId: s.contest.id, actorId: s.organizerId })).toEqual({ ok: true });
    const before = await counts();
    const result = await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: true, fingerprint: "0".repeat(64), reason: "Sửa" });
    expect(result).toEqual({ ok: false, status: "refused", error: "results:errors.stale" });
    expect(await counts()).toEqual(before);
  });
});

describe("the entrant's result before publication", () => {
  it("says only that results are not out", async () => {
    const entrant = await createTestUser();
    const other = await createJudgedContest({ entries: 2, points: () => 80, submitter: () => entrant.id, feedback: () => "Nhận xét chưa công bố" });
    const result = await entrantResult(entrant.id, other.entries[0]!.id);
    expect(result).toMatchObject({ published: false });
    expect(JSON.stringify(result)).not.toContain("Nhận xét chưa công bố");
    expect(await publicResults(other.contest.slug)).toBeNull();
  });
});
