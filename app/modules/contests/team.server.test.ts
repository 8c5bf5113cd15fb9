import { describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { mailsTo, tokenFromLink } from "#tests/factories/requests";
import { getTeam, inviteTeamMembers, resendTeamInvitation, revokeMembership, revokeTeamInvitation, TEAM_ERRORS } from "./team.server";

async function auditOf(contestId: string, action: string) {
  return prisma.auditLog.findMany({ where: { contestId, action }, orderBy: { id: "asc" } });
}

/** A round with one panel, and the user seated on it. */
async function seat(contestId: string, userId: string, position: number, options: { isChair?: boolean; maxLoad?: number } = {}) {
  const round = await prisma.round.create({ data: { contestId, position, name: `Vòng ${position}` } });
  const panel = await prisma.panel.create({ data: { roundId: round.id, name: `Tiểu ban ${position}` } });
  return prisma.panelJudge.create({ data: { panelId: panel.id, userId, isChair: options.isChair ?? false, maxLoad: options.maxLoad ?? null } });
}

async function memberRow(contestId: string, userId: string, role: "ORGANIZER" | "SECRETARY" | "JUDGE") {
  return prisma.contestMember.findUniqueOrThrow({ where: { contestId_userId_role: { contestId, userId, role } } });
}

describe("getTeam", () => {
  it("lists members by role then name (Vietnamese order), and only the open invitations", async () => {
    const { contest, organizerId } = await createTestContest();
    await addContestMember(contest.id, "JUDGE", { name: "Bạch Văn Bình" });
    await addContestMember(contest.id, "JUDGE", { name: "Âu Thị Ánh" });
    await addContestMember(contest.id, "SECRETARY", { name: "Bùi Thư Ký" });
    const revoked = await addContestMember(contest.id, "JUDGE", { name: "Ai Đã Thôi" });
    await prisma.contestMember.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } });
    await inviteTeamMembers({ contestId: contest.id, actorId: organizerId, role: "JUDGE", emails: ["mo@example.vn", "da-thu-hoi@example.vn"], language: "vi" });
    const toRevoke = await prisma.invitation.findFirstOrThrow({ where: { email: "da-thu-hoi@example.vn" } });
    await revokeTeamInvitation({ contestId: contest.id, invitationId: toRevoke.id, actorId: organizerId });
    const other = await createTestContest();
    await inviteTeamMembers({ contestId: other.contest.id, actorId: other.organizerId, role: "JUDGE", emails: ["cuoc-thi-khac@example.vn"], language: "vi" });

    const team = await getTeam(contest.id);
    expect(team!.members.map((m) => [m.role, m.name])).toEqual([
      ["ORGANIZER", "Trần Thị Tổ Chức"],
      ["SECRETARY", "Bùi Thư Ký"],
      ["JUDGE", "Âu Thị Ánh"],
      ["JUDGE", "Bạch Văn Bình"],
    ]);
    expect(team!.invitations.map((i) => [i.email, i.role, i.expired, i.invitedBy])).toEqual([["mo@example.vn", "JUDGE", false, "Trần Thị Tổ Chức"]]);
    const later = new Date(Date.now() + 15 * 24 * 60 * 60 * 1000);
    expect((await getTeam(contest.id, later))!.invitations.map((i) => i.expired)).toEqual([true]);
    expect(await getTeam("khong-co")).toBeNull();
  });
});

describe("inviteTeamMembers", () => {
  it("e-mails each address its own link, logged, and skips those who already hold the role", async () => {
    const { contest, organizerId } = await createTestContest({ title: "Chính luận Quận Ba Đình 2026" });
    const judge = await addContestMember(contest.id, "JUDGE", { email: "da-la-giam-khao@example.vn" });
    const result = await inviteTeamMembers({
      contestId: contest.id,
      actorId: organizerId,
      role: "JUDGE",
      emails: ["a@example.vn", "da-la-giam-khao@example.vn", "b@example.vn"],
      language: "vi",
      ip: "198.51.100.9",
    });
    expect(result).toEqual({ sent: ["a@example.vn", "b@example.vn"], alreadyMembers: ["da-la-giam-khao@example.vn"] });
    const tokens = [];
    for (const email of ["a@example.vn", "b@example.vn"]) {
      const [message, ...more] = await mailsTo(email);
      expect(more).toEqual([]);
      expect(message!.subject).toBe("Lời mời tham gia cuộc thi «Chính luận Quận Ba Đình 2026» với vai trò Giám khảo");
      tokens.push(tokenFromLink(message!, "/invitations/"));
    }
    expect(new Set(tokens).size).toBe(2);
    expect(await mailsTo(judge.user.email)).toEqual([]);
    const logs = await auditOf(contest.id, "invitation.create");
    expect(logs.map((l) => [l.actorId, l.ip, JSON.parse(l.data)])).toEqual([
      [organizerId, "198.51.100.9", { role: "JUDGE", email: "a@example.vn" }],
      [organizerId, "198.51.100.9", { role: "JUDGE", email: "b@example.vn" }],
    ]);
  });

  it("invites a judge of the contest as its secretary: another role is not 'already a member'", async () => {
    const { contest, organizerId } = await createTestContest();
    const judge = await addContestMember(contest.id, "JUDGE");
    expect(await inviteTeamMembers({ contestId: contest.id, actorId: organizerId, role: "SECRETARY", emails: [judge.user.email], language: "en" })).toEqual({
      sent: [judge.user.email],
      alreadyMembers: [],
    });
    expect((await mailsTo(judge.user.email))[0]!.subject).toContain("as Secretary");
  });
});

describe("resending and revoking invitations", () => {
  it("resends with a new link (the old one is dead) and revokes; a stale page gets 'closed'", async () => {
    const { contest, organizerId } = await createTestContest();
    await inviteTeamMembers({ contestId: contest.id, actorId: organizerId, role: "SECRETARY", emails: ["thu-ky@example.vn"], language: "vi" });
    const first = await prisma.invitation.findFirstOrThrow({ where: { email: "thu-ky@example.vn" } });
    const resent = await resendTeamInvitation({ contestId: contest.id, invitationId: first.id, actorId: organizerId, language: "vi" });
    expect(resent).toEqual({ ok: true, email: "thu-ky@example.vn" });
    const rows = await prisma.invitation.findMany({ where: { email: "thu-ky@example.vn" }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.revokedAt).not.toBeNull();
    expect(rows[1]!.revokedAt).toBeNull();
    expect(await mailsTo("thu-ky@example.vn")).toHaveLength(2);

    // The page still showed the first invitation: resending or revoking it again is refused with a message.
    expect(await resendTeamInvitation({ contestId: contest.id, invitationId: first.id, actorId: organizerId, language: "vi" })).toEqual({
      ok: false,
      status: "closed",
      error: TEAM_ERRORS.invitationClosed,
    });
    expect(await revokeTeamInvitation({ contestId: contest.id, invitationId: first.id, actorId: organizerId })).toMatchObject({ status: "closed" });
    expect(await mailsTo("thu-ky@example.vn")).toHaveLength(2);

    expect(await revokeTeamInvitation({ contestId: contest.id, invitationId: rows[1]!.id, actorId: organizerId, ip: "198.51.100.2" })).toEqual({
      ok: true,
      email: "thu-ky@example.vn",
    });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: rows[1]!.id } })).revokedAt).not.toBeNull();
    const [log] = await auditOf(contest.id, "invitation.revoke");
    expect(log).toMatchObject({ actorId: organizerId, targetId: rows[1]!.id, ip: "198.51.100.2" });
    expect(JSON.parse(log!.data)).toEqual({ email: "thu-ky@example.vn", role: "SECRETARY" });
    expect((await getTeam(contest.id))!.invitations).toEqual([]);
  });

  it("answers not found for another contest's invitation and changes nothing there", async () => {
    const mine = await createTestContest();
    const theirs = await createTestContest();
    await inviteTeamMembers({ contestId: theirs.contest.id, actorId: theirs.organizerId, role: "JUDGE", emails: ["cua-ho@example.vn"], language: "vi" });
    const foreign = await prisma.invitation.findFirstOrThrow({ where: { email: "cua-ho@example.vn" } });
    expect(await resendTeamInvitation({ contestId: mine.contest.id, invitationId: foreign.id, actorId: mine.organizerId, language: "vi" })).toEqual({
      ok: false,
      status: "notFound",
    });
    expect(await revokeTeamInvitation({ contestId: mine.contest.id, invitationId: foreign.id, actorId: mine.organizerId })).toEqual({
      ok: false,
      status: "notFound",
    });
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ revokedAt: null });
    expect(await mailsTo("cua-ho@example.vn")).toHaveLength(1);
  });
});

describe("revokeMembership", () => {
  it("refuses to revoke the last organizer, and allows it once there is another", async () => {
    const { contest, organizerId } = await createTestContest();
    const only = await memberRow(contest.id, organizerId, "ORGANIZER");
    expect(await revokeMembership({ contestId: contest.id, memberId: only.id, actorId: organizerId })).toEqual({
      ok: false,
      status: "lastOrganizer",
      error: TEAM_ERRORS.lastOrganizer,
    });
    expect((await memberRow(contest.id, organizerId, "ORGANIZER")).revokedAt).toBeNull();
    expect(await auditOf(contest.id, "member.revoke")).toEqual([]);

    // A revoked organizer does not count as another one.
    const former = await addContestMember(contest.id, "ORGANIZER");
    await prisma.contestMember.updateMany({ where: { userId: former.user.id }, data: { revokedAt: new Date() } });
    expect(await revokeMembership({ contestId: contest.id, memberId: only.id, actorId: organizerId })).toMatchObject({ status: "lastOrganizer" });

    const second = await addContestMember(contest.id, "ORGANIZER", { name: "Hoàng Văn Phó" });
    expect(await revokeMembership({ contestId: contest.id, memberId: only.id, actorId: organizerId })).toEqual({
      ok: true,
      name: "Trần Thị Tổ Chức",
      role: "ORGANIZER",
      removedSeats: 0,
      self: true,
    });
    const secondRow = await memberRow(contest.id, second.user.id, "ORGANIZER");
    expect(await revokeMembership({ contestId: contest.id, memberId: secondRow.id, actorId: second.user.id })).toMatchObject({ status: "lastOrganizer" });
  });

  it("revokes a judge and removes their seats on this contest's panels in the same transaction, audited", async () => {
    const { contest, organizerId } = await createTestContest();
    const judge = await addContestMember(contest.id, "JUDGE", { name: "Phạm Giám Khảo" });
    const colleague = await addContestMember(contest.id, "JUDGE");
    const chairSeat = await seat(contest.id, judge.user.id, 1, { isChair: true, maxLoad: 12 });
    const secondSeat = await seat(contest.id, judge.user.id, 2);
    const colleagueSeat = await prisma.panelJudge.create({ data: { panelId: chairSeat.panelId, userId: colleague.user.id } });
    // The same judge on another contest's panel keeps that seat.
    const other = await createTestContest();
    await prisma.contestMember.create({ data: { contestId: other.contest.id, userId: judge.user.id, role: "JUDGE" } });
    const elsewhere = await seat(other.contest.id, judge.user.id, 1);
    const member = await memberRow(contest.id, judge.user.id, "JUDGE");

    const result = await revokeMembership({ contestId: contest.id, memberId: member.id, actorId: organizerId, ip: "198.51.100.3" });
    expect(result).toEqual({ ok: true, name: "Phạm Giám Khảo", role: "JUDGE", removedSeats: 2, self: false });
    expect((await memberRow(contest.id, judge.user.id, "JUDGE")).revokedAt).not.toBeNull();
    const seats = await prisma.panelJudge.findMany({ where: { userId: { in: [judge.user.id, colleague.user.id] } }, select: { id: true } });
    expect(seats.map((s) => s.id).sort()).toEqual([colleagueSeat.id, elsewhere.id].sort());
    expect((await memberRow(other.contest.id, judge.user.id, "JUDGE")).revokedAt).toBeNull();

    const [log] = await auditOf(contest.id, "member.revoke");
    expect(log).toMatchObject({ actorId: organizerId, targetType: "ContestMember", targetId: member.id, ip: "198.51.100.3" });
    const data = JSON.parse(log!.data) as { userId: string; role: string; removedSeats: { panelId: string; isChair: boolean; maxLoad: number | null }[] };
    expect(data).toMatchObject({ userId: judge.user.id, email: judge.user.email, role: "JUDGE" });
    expect(data.removedSeats.map((s) => [s.panelId, s.isChair, s.maxLoad]).sort()).toEqual(
      [
        [chairSeat.panelId, true, 12],
        [secondSeat.panelId, false, null],
      ].sort(),
    );
  });

  it("keeps a judge's seats when only another role of theirs is revoked", async () => {
    const { contest, organizerId } = await createTestContest();
    const person = await addContestMember(contest.id, "JUDGE");
    await prisma.contestMember.create({ data: { contestId: contest.id, userId: person.user.id, role: "SECRETARY" } });
    const kept = await seat(contest.id, person.user.id, 1);
    const secretaryRow = await memberRow(contest.id, person.user.id, "SECRETARY");
    expect(await revokeMembership({ contestId: contest.id, memberId: secretaryRow.id, actorId: organizerId })).toMatchObject({ ok: true, removedSeats: 0 });
    expect(await prisma.panelJudge.findUnique({ where: { id: kept.id } })).not.toBeNull();
    expect((await memberRow(contest.id, person.user.id, "JUDGE")).revokedAt).toBeNull();
  });

  it("answers 'gone' for a membership revoked meanwhile and not found for another contest's", async () => {
    const { contest, organizerId } = await createTestContest();
    const judge = await addContestMember(contest.id, "JUDGE");
    const row = await memberRow(contest.id, judge.user.id, "JUDGE");
    expect(await revokeMembership({ contestId: contest.id, memberId: row.id, actorId: organizerId })).toMatchObject({ ok: true });
    expect(await revokeMembership({ contestId: contest.id, memberId: row.id, actorId: organizerId })).toEqual({
      ok: false,
      status: "gone",
      error: TEAM_ERRORS.memberGone,
    });

    const other = await createTestContest();
    const theirJudge = await addContestMember(other.contest.id, "JUDGE");
    const theirs = await memberRow(other.contest.id, theirJudge.user.id, "JUDGE");
    const theirSeat = await seat(other.contest.id, theirJudge.user.id, 1);
    expect(await revokeMembership({ contestId: contest.id, memberId: theirs.id, actorId: organizerId })).toEqual({ ok: false, status: "notFound" });
    expect((await memberRow(other.contest.id, theirJudge.user.id, "JUDGE")).revokedAt).toBeNull();
    expect(await prisma.panelJudge.findUnique({ where: { id: theirSeat.id } })).not.toBeNull();
    expect(await auditOf(contest.id, "member.revoke")).toHaveLength(1);
    expect(await auditOf(other.contest.id, "member.revoke")).toEqual([]);
  });

  it("lets the last two organizers not revoke each other at once", async () => {
    const { contest, organizerId } = await createTestContest();
    const second = await addContestMember(contest.id, "ORGANIZER");
    const a = await memberRow(contest.id, organizerId, "ORGANIZER");
    const b = await memberRow(contest.id, second.user.id, "ORGANIZER");
    const results = await Promise.all([
      revokeMembership({ contestId: contest.id, memberId: a.id, actorId: second.user.id }),
      revokeMembership({ contestId: contest.id, memberId: b.id, actorId: organizerId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.status === "lastOrganizer")).toHaveLength(1);
    expect(await prisma.contestMember.count({ where: { contestId: contest.id, role: "ORGANIZER", revokedAt: null } })).toBe(1);
  });
});
