// The demo contest as plain rows, built without a database: every value follows from the seed and
// the clock passed in (dates are placed relative to `now`, so the submission window is always in
// the past and judging is under way). prisma/demo/seed.ts writes the plan.
import { distinctAnonymousCodes, entryCode } from "#app/modules/entries/codes";
import { MASK_MARKERS } from "#app/modules/entries/mask";
import { computeMasking } from "#app/modules/entries/masking.server";
import { countWords } from "#app/modules/entries/words";
import { defaultRubricTemplate } from "#app/modules/rubrics/default-template";
import { criterionRows } from "#app/modules/rubrics/rubric.schema";
import { scoresheetTotal } from "#app/modules/scoring/total";
import type { Prisma } from "#app/utils/db.server";
import { deriveSeed, Rng } from "../../bench/generators/random";
import { asciiFold, vietnameseName, type VietnameseName } from "../../bench/generators/vietnamese-names";
import { essayTitle, vietnameseEssay } from "../../bench/generators/vietnamese-text";
import {
  BOARD,
  EMAIL_DOMAIN,
  FEEDBACK,
  mobilePhone,
  OFFICIAL_UNITS,
  PLACE,
  PRIVATE_NOTES,
  STAFF,
  youthUnits,
  type StaffRole,
  type UnitKind,
} from "./people";

export const DEMO_SEED = 20_260_415;
export const DEMO_SLUG = "chinh-luan-phu-son";
export const DEMO_PASSWORD = "demo-password-2026";
export const ENTRY_CODE_PREFIX = "PS-";
export const MASK = MASK_MARKERS.vi;
export const MIN_WORDS = 1500;
export const MAX_WORDS = 4000;
export const READS_PER_ENTRY = 3;
export const SPREAD_THRESHOLD = 15;
/** Share of each judge's assignments left as a draft. */
export const DRAFT_SHARE = 0.15;
/** Entries where one judge reads very differently from the other two. */
export const WIDE_SPREAD_ENTRIES = 4;

export const CATEGORIES = [
  {
    name: "Cán bộ, đảng viên",
    description: `Cán bộ, đảng viên đang công tác, sinh hoạt trên địa bàn ${PLACE}, kể cả lực lượng vũ trang.`,
    entries: 50,
    prizes: [1, 2, 3, 5],
    units: OFFICIAL_UNITS,
  },
  {
    name: "Đoàn viên, thanh niên và nhân dân",
    description: `Đoàn viên, thanh niên, học sinh, sinh viên và nhân dân đang sinh sống, học tập, làm việc trên địa bàn ${PLACE}.`,
    entries: 44,
    prizes: [1, 2, 3, 4],
    units: null, // youthUnits(year), which depends on the contest's year
  },
] as const;

export const PRIZE_NAMES = ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HCM_OFFSET = 7 * HOUR; // Asia/Ho_Chi_Minh has no daylight saving time

/** 00:00 in Ho Chi Minh City of the day that contains `t`. */
function hcmDayStart(t: number): number {
  const local = t + HCM_OFFSET;
  return local - (((local % DAY) + DAY) % DAY) - HCM_OFFSET;
}

const toMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;

function monthYear(t: number): string {
  const d = new Date(t + HCM_OFFSET);
  return `${d.getUTCMonth() + 1} năm ${d.getUTCFullYear()}`;
}

function formatDate(t: number): string {
  return new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(t);
}

type UserRow = Omit<Prisma.UserCreateManyInput, "passwordHash">;

export interface DemoPlan {
  now: Date;
  timeline: { opensAt: Date; closesAt: Date; judgingStartsAt: Date; judgingDeadline: Date };
  contest: Prisma.ContestCreateManyInput & { id: string };
  users: (UserRow & { id: string })[];
  staff: { role: StaffRole; userId: string; panel?: number }[];
  members: Prisma.ContestMemberCreateManyInput[];
  categories: Prisma.CategoryCreateManyInput[];
  prizeTiers: Prisma.PrizeTierCreateManyInput[];
  rubric: Prisma.RubricCreateManyInput;
  rubricVersion: Prisma.RubricVersionCreateManyInput;
  criteria: (Prisma.CriterionCreateManyInput & { id: string; weight: number })[];
  round: Prisma.RoundCreateManyInput;
  panels: Prisma.PanelCreateManyInput[];
  panelJudges: Prisma.PanelJudgeCreateManyInput[];
  entries: (Prisma.EntryCreateManyInput & { id: string })[];
  authors: Prisma.EntryAuthorCreateManyInput[];
  /** Numbered from 1; an entry's current version is its latest (set by the seed once both rows exist). */
  versions: Prisma.EntryVersionCreateManyInput[];
  roundEntries: Prisma.RoundEntryCreateManyInput[];
  assignments: Prisma.AssignmentCreateManyInput[];
  scoresheets: Prisma.ScoresheetCreateManyInput[];
  scores: Prisma.ScoreCreateManyInput[];
}

interface Author {
  name: VietnameseName;
  birthYear: number;
  unit: string;
  jobTitle: string;
  email: string;
  phone: string;
}

export function buildDemoPlan(options: { seed?: number; now?: Date } = {}): DemoPlan {
  const seed = options.seed ?? DEMO_SEED;
  const now = options.now ?? new Date();
  const stream = (label: string) => Rng.seeded(seed, label);
  const ids = stream("ids");

  // ── timeline: entries closed two weeks ago at 17:00, judging started three days later ──
  const today = hcmDayStart(now.getTime());
  const closesAt = today - 14 * DAY + 17 * HOUR;
  const opensAt = today - 14 * DAY - 75 * DAY + 7 * HOUR + 30 * MINUTE;
  const createdAt = opensAt - 12 * DAY;
  const judgingStartsAt = today - 11 * DAY + 8 * HOUR;
  const judgingDeadline = today + 21 * DAY + 17 * HOUR;
  const lastActivity = now.getTime() - 2 * HOUR;
  const year = new Date(closesAt + HCM_OFFSET).getUTCFullYear();

  // ── staff ──
  const staffRng = stream("staff");
  const users: DemoPlan["users"] = [];
  const staff: DemoPlan["staff"] = [];
  for (const member of STAFF) {
    const name = vietnameseName(staffRng, member.gender);
    const id = ids.id();
    users.push({
      id,
      email: member.email,
      name: name.full,
      locale: "vi",
      isAdmin: member.role === "admin",
      isOrganizer: member.role === "organizer",
      unit: member.unit,
      jobTitle: member.jobTitle,
      phone: mobilePhone(staffRng),
      birthYear: staffRng.int(1966, 1988),
      createdAt: new Date(createdAt - 3 * DAY),
    });
    staff.push({ role: member.role, userId: id, panel: member.panel });
  }
  const staffId = (role: StaffRole) => staff.find((s) => s.role === role)!.userId;

  // ── contest ──
  const contestId = ids.id();
  const contest: DemoPlan["contest"] = {
    id: contestId,
    slug: DEMO_SLUG,
    title: `Cuộc thi viết chính luận bảo vệ nền tảng tư tưởng của Đảng ${PLACE} năm ${year}`,
    description:
      `${BOARD} phát động cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch năm ${year}, ` +
      `nhằm nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên, đoàn viên, thanh niên và nhân dân trên địa bàn quận; ` +
      `phát hiện, biểu dương những cách làm hay, mô hình hiệu quả ở cơ sở.`,
    rules: contestRules({ opensAt, closesAt, judgingDeadline }),
    locale: "vi",
    phase: "JUDGING",
    timeZone: "Asia/Ho_Chi_Minh",
    opensAt: new Date(opensAt),
    closesAt: new Date(closesAt),
    minWords: MIN_WORDS,
    maxWords: MAX_WORDS,
    maxEntriesPerUser: 1,
    maxCoAuthors: 2,
    blind: true,
    entryCodePrefix: ENTRY_CODE_PREFIX,
    showScoresInResults: false,
    createdById: staffId("organizer"),
    createdAt: new Date(createdAt),
  };

  const members: DemoPlan["members"] = staff.flatMap((s) => {
    const role = s.role === "organizer" ? "ORGANIZER" : s.role === "secretary" ? "SECRETARY" : s.role === "admin" ? null : "JUDGE";
    return role ? [{ id: ids.id(), contestId, userId: s.userId, role, createdAt: new Date(createdAt + (role === "JUDGE" ? 20 * DAY : DAY)) }] : [];
  });

  const categories: DemoPlan["categories"] = [];
  const prizeTiers: DemoPlan["prizeTiers"] = [];
  CATEGORIES.forEach((c, position) => {
    const id = ids.id();
    categories.push({ id, contestId, name: c.name, description: c.description, position });
    c.prizes.forEach((count, i) => prizeTiers.push({ id: ids.id(), categoryId: id, rank: i + 1, name: PRIZE_NAMES[i]!, count }));
  });

  // ── rubric, round, panels ──
  const template = defaultRubricTemplate("vi");
  const rubric: DemoPlan["rubric"] = { id: ids.id(), contestId, name: template.name, createdAt: new Date(createdAt) };
  const rubricVersionId = ids.id();
  const criteria: DemoPlan["criteria"] = criterionRows(template.criteria).map((row) => ({
    id: ids.id(),
    rubricVersionId,
    ...row,
  }));
  const roundId = ids.id();
  const round: DemoPlan["round"] = {
    id: roundId,
    contestId,
    position: 1,
    name: "Sơ khảo",
    rubricVersionId,
    readsPerEntry: READS_PER_ENTRY,
    spreadThreshold: SPREAD_THRESHOLD,
    advanceRule: "MANUAL",
    aggregation: "MEAN",
    scoreVisibility: "AFTER_OWN",
    judgingDeadline: new Date(judgingDeadline),
    createdAt: new Date(createdAt + 20 * DAY),
  };
  const panels: DemoPlan["panels"] = [0, 1, 2].map((i) => ({ id: ids.id(), roundId, name: `Tiểu ban ${i + 1}`, categoryId: null }));
  const panelJudges: DemoPlan["panelJudges"] = staff
    .filter((s) => s.panel !== undefined)
    .map((s) => ({ id: ids.id(), panelId: panels[s.panel!]!.id!, userId: s.userId, isChair: s.role === "chair" }));
  const judgesOf = (panel: number) => STAFF.map((m, i) => ({ m, userId: staff[i]!.userId })).filter(({ m }) => m.panel === panel);

  // ── entries ──
  const peopleRng = stream("people");
  const timeRng = stream("submission-times");
  const titleRng = stream("titles");
  const usedEmails = new Set(users.map((u) => u.email));
  const usedTitles = new Set<string>();
  const emailFor = (name: VietnameseName, birthYear: number) => {
    const base = asciiFold(name.full).replace(/[^a-z]/g, "") + String(birthYear).slice(2);
    let email = `${base}@${EMAIL_DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${base}.${n}@${EMAIL_DOMAIN}`;
    usedEmails.add(email);
    return email;
  };
  const person = (kind: UnitKind, unit: string): Author => {
    const name = vietnameseName(peopleRng, kind.gender);
    const birthYear = peopleRng.int(kind.born[0], kind.born[1]);
    return { name, birthYear, unit, jobTitle: peopleRng.pick(kind.positions), email: emailFor(name, birthYear), phone: mobilePhone(peopleRng) };
  };

  const categoryOf = stream("categories").shuffle(CATEGORIES.flatMap((c, i) => Array.from({ length: c.entries }, () => i)));
  const drafts = categoryOf.map((category, i) => {
    const kinds = category === 0 ? OFFICIAL_UNITS : youthUnits(year);
    const kind = peopleRng.weighted(kinds);
    const lead = person(kind, kind.unit(peopleRng));
    const authorCount = peopleRng.weighted([[1, 0.7], [2, 0.22], [3, 0.08]] as const);
    const authors = [lead];
    while (authors.length < authorCount) {
      const coKind = peopleRng.chance(0.7) ? kind : peopleRng.weighted(kinds);
      authors.push(person(coKind, coKind === kind && peopleRng.chance(0.8) ? lead.unit : coKind.unit(peopleRng)));
    }
    // Entries arrive faster towards the deadline; about one in eight on the last day.
    const share = timeRng.chance(0.12) ? 1 - timeRng.float(0, 1) / 75 : Math.pow(timeRng.next(), 1 / 2.2) * (74 / 75);
    const submittedAt = toMinute(Math.min(opensAt + share * (closesAt - opensAt), closesAt - MINUTE));
    return { index: i, category, authors, submittedAt, twoVersions: timeRng.chance(0.08) };
  });
  drafts.sort((a, b) => a.submittedAt - b.submittedAt || a.index - b.index);

  const anonymous = distinctAnonymousCodes(stream("anonymous-codes").next, drafts.length);
  const entries: DemoPlan["entries"] = [];
  const authorsRows: DemoPlan["authors"] = [];
  const versions: DemoPlan["versions"] = [];
  drafts.forEach((d, i) => {
    const entryId = ids.id();
    const submitterId = ids.id();
    const lead = d.authors[0]!;
    const entryCreated = Math.max(opensAt, toMinute(d.submittedAt - timeRng.float(5 * MINUTE, 3 * DAY)));
    users.push({
      id: submitterId,
      email: lead.email,
      name: lead.name.full,
      locale: "vi",
      unit: lead.unit,
      jobTitle: lead.jobTitle,
      phone: lead.phone,
      birthYear: lead.birthYear,
      createdAt: new Date(entryCreated - 10 * MINUTE),
    });

    const names = d.authors.map((a) => a.name.full);
    const units = [...new Set(d.authors.map((a) => a.unit))];
    const signature = `${names.length > 1 ? "Nhóm tác giả" : "Tác giả"}: ${names.join(", ")}\n${units.length > 1 ? "Đơn vị" : "Đơn vị công tác"}: ${units.join("; ")}`;
    let title = essayTitle(titleRng, PLACE);
    for (let tries = 0; usedTitles.has(title) && tries < 200; tries++) title = essayTitle(titleRng, PLACE);
    usedTitles.add(title);
    const essaySeed = deriveSeed(seed, `essay-${i}`);
    const essay = vietnameseEssay(essaySeed, { minWords: MIN_WORDS, maxWords: MAX_WORDS, place: PLACE, signature, title });
    const maskAuthors = d.authors.map((a) => ({ name: a.name.full, unit: a.unit, email: a.email, phone: a.phone }));

    const texts = d.twoVersions
      ? [vietnameseEssay(essaySeed ^ 0x9e3779b9, { minWords: MIN_WORDS, maxWords: MAX_WORDS, place: PLACE, signature, title }).text, essay.text]
      : [essay.text];
    const replacedAt = toMinute(d.submittedAt + timeRng.float(0.3, 0.9) * (closesAt - d.submittedAt));
    texts.forEach((text, v) => {
      const id = ids.id();
      // The judges' reading view, as the masking module computes it for an entry's version.
      const { maskedText, maskReport } = computeMasking({ text, locale: "vi", authors: maskAuthors, terms: [] });
      versions.push({
        id,
        entryId,
        number: v + 1,
        fileId: null,
        onlineText: text,
        extractedText: text,
        maskedText,
        maskReport,
        wordCount: countWords(text),
        createdById: submitterId,
        createdAt: new Date(v === 0 ? d.submittedAt : replacedAt),
      });
    });

    entries.push({
      id: entryId,
      contestId,
      categoryId: categories[d.category]!.id!,
      submitterId,
      title,
      abstract: essay.abstract,
      status: "ELIGIBLE",
      entryCode: entryCode(ENTRY_CODE_PREFIX, i + 1),
      anonymousCode: anonymous[i]!,
      declarationAcceptedAt: new Date(d.submittedAt),
      submittedAt: new Date(d.submittedAt),
      createdAt: new Date(entryCreated),
      updatedAt: new Date(d.twoVersions ? replacedAt : d.submittedAt),
    });
    d.authors.forEach((a, position) =>
      authorsRows.push({
        id: ids.id(),
        entryId,
        position,
        userId: position === 0 ? submitterId : null,
        name: a.name.full,
        birthYear: a.birthYear,
        unit: a.unit,
        jobTitle: a.jobTitle,
        email: a.email,
        phone: a.phone,
      }),
    );
  });
  contest.entryCodeSeq = entries.length;

  // ── panels: each category dealt round-robin over the three panels, in a random order ──
  const panelRng = stream("panels");
  const panelOf = new Map<string, number>();
  categories.forEach((c) => {
    const mine = panelRng.shuffle(entries.filter((e) => e.categoryId === c.id));
    mine.forEach((e, i) => panelOf.set(e.id, (i + (c.position ?? 0)) % panels.length));
  });
  const roundEntries: DemoPlan["roundEntries"] = entries.map((e) => ({
    id: ids.id(),
    roundId,
    entryId: e.id,
    panelId: panels[panelOf.get(e.id)!]!.id!,
    status: "IN",
  }));

  // ── assignments: every entry to the three judges of its panel ──
  const assignments: DemoPlan["assignments"] = [];
  for (const e of entries) {
    const p = panelOf.get(e.id)!;
    for (const { userId } of judgesOf(p)) {
      assignments.push({
        id: ids.id(),
        roundId,
        panelId: panels[p]!.id!,
        entryId: e.id,
        judgeId: userId,
        source: "AUTO",
        status: "ACTIVE",
        createdAt: new Date(judgingStartsAt - DAY),
        updatedAt: new Date(judgingStartsAt - DAY),
      });
    }
  }

  // ── scoresheets ──
  const scoreRng = stream("scores");
  const quality = new Map(entries.map((e) => [e.id, Math.min(0.94, Math.max(0.35, scoreRng.normal(0.66, 0.09)))]));
  const profile = new Map(entries.map((e) => [e.id, criteria.map(() => scoreRng.normal(0, 0.05))]));

  type Status = "SUBMITTED" | "DRAFT" | null;
  const status = new Map<string, Status>(); // by assignment id
  const when = new Map<string, number>();
  // A panel's judges work through its entries in roughly the same order (the list the secretary
  // handed out), each with some jitter, so many entries are fully read and some are not started.
  const panelOrder = new Map<string, number>();
  panels.forEach((p) => scoreRng.shuffle(roundEntries.filter((r) => r.panelId === p.id)).forEach((r, k) => panelOrder.set(r.entryId, k)));
  STAFF.forEach((m, i) => {
    if (m.panel === undefined) return;
    const mine = assignments
      .filter((a) => a.judgeId === staff[i]!.userId)
      .map((a) => ({ a, key: panelOrder.get(a.entryId)! + scoreRng.normal(0, 4) }))
      .sort((x, y) => x.key - y.key)
      .map(({ a }) => a);
    const submitted = Math.round((m.progress ?? 0) * mine.length);
    const drafted = Math.min(mine.length - submitted, Math.round(DRAFT_SHARE * mine.length));
    const times = Array.from({ length: submitted + drafted }, () => toMinute(scoreRng.float(judgingStartsAt, lastActivity))).sort((a, b) => a - b);
    mine.forEach((a, k) => {
      status.set(a.id!, k < submitted ? "SUBMITTED" : k < submitted + drafted ? "DRAFT" : null);
      if (k < submitted + drafted) when.set(a.id!, times[k]!);
    });
  });

  // A few fully read entries where one judge's reading is far from the other two.
  const deviation = new Map<string, number>(); // by assignment id
  const fullyRead = entries.filter((e) => assignments.filter((a) => a.entryId === e.id).every((a) => status.get(a.id!) === "SUBMITTED"));
  for (const e of scoreRng.shuffle(fullyRead).slice(0, WIDE_SPREAD_ENTRIES)) {
    const odd = scoreRng.pick(assignments.filter((a) => a.entryId === e.id));
    deviation.set(odd.id!, quality.get(e.id)! > 0.62 ? -0.24 : 0.24);
  }

  const bias = new Map(STAFF.map((m, i) => [staff[i]!.userId, m.bias ?? 0]));
  const scoresheets: DemoPlan["scoresheets"] = [];
  const scores: DemoPlan["scores"] = [];
  for (const a of assignments) {
    const s = status.get(a.id!);
    if (!s) continue;
    const id = ids.id();
    const reading = scoreRng.normal(0, 0.025) + (deviation.get(a.id!) ?? 0);
    const scored = s === "SUBMITTED" ? criteria.length : scoreRng.int(1, criteria.length - 1);
    const points: Record<string, number> = {};
    criteria.slice(0, scored).forEach((c, k) => {
      const share = quality.get(a.entryId)! + profile.get(a.entryId)![k]! + bias.get(a.judgeId)! + reading + scoreRng.normal(0, 0.04);
      const onStep = Math.round((share * c.maxPoints) / c.step!) * c.step!;
      points[c.id] = Math.min(c.maxPoints, Math.max(0, onStep));
      scores.push({ scoresheetId: id, criterionId: c.id, points: points[c.id]! });
    });
    const t = when.get(a.id!)!;
    const started = Math.max(judgingStartsAt, toMinute(t - scoreRng.float(15 * MINUTE, 2 * DAY)));
    const submitted = s === "SUBMITTED";
    scoresheets.push({
      id,
      assignmentId: a.id!,
      rubricVersionId,
      status: s,
      total: scoresheetTotal(criteria, points),
      privateNote: submitted && scoreRng.chance(0.12) ? scoreRng.pick(PRIVATE_NOTES) : "",
      feedback: submitted && scoreRng.chance(0.35) ? scoreRng.pick(FEEDBACK) : "",
      version: submitted ? scoreRng.int(2, 5) : scoreRng.int(1, 3),
      submittedAt: submitted ? new Date(t) : null,
      createdAt: new Date(started),
      updatedAt: new Date(t),
    });
  }
  const firstScore = Math.min(...scoresheets.map((s) => (s.createdAt as Date).getTime()));
  const rubricVersion: DemoPlan["rubricVersion"] = {
    id: rubricVersionId,
    rubricId: rubric.id!,
    version: 1,
    lockedAt: new Date(firstScore), // locked when the first score was saved
    createdAt: new Date(createdAt),
  };

  return {
    now,
    timeline: { opensAt: new Date(opensAt), closesAt: new Date(closesAt), judgingStartsAt: new Date(judgingStartsAt), judgingDeadline: new Date(judgingDeadline) },
    contest,
    users,
    staff,
    members,
    categories,
    prizeTiers,
    rubric,
    rubricVersion,
    criteria,
    round,
    panels,
    panelJudges,
    entries,
    authors: authorsRows,
    versions,
    roundEntries,
    assignments,
    scoresheets,
    scores,
  };
}

function contestRules(t: { opensAt: number; closesAt: number; judgingDeadline: number }): string {
  const [c1, c2] = CATEGORIES;
  const prizes = (c: (typeof CATEGORIES)[number]) => c.prizes.map((n, i) => `${n} ${PRIZE_NAMES[i]!.replace("Giải ", "giải ")}`).join(", ");
  return [
    "## Đối tượng dự thi",
    "",
    `- **${c1.name}**: ${c1.description}`,
    `- **${c2.name}**: ${c2.description}`,
    "",
    "Thành viên Ban Tổ chức, Ban Giám khảo và Tổ Thư ký không tham gia dự thi.",
    "",
    "## Yêu cầu bài dự thi",
    "",
    `- Bài viết chính luận bằng tiếng Việt, dài từ ${MIN_WORDS.toLocaleString("vi-VN")} đến ${MAX_WORDS.toLocaleString("vi-VN")} từ, chưa đăng trên báo chí, mạng xã hội hoặc gửi dự thi ở cuộc thi khác.`,
    "- Mỗi người gửi 01 bài; mỗi bài có tối đa 03 tác giả (01 tác giả và 02 đồng tác giả).",
    "- Bài dự thi nộp trên cổng thông tin của cuộc thi: tải lên tệp PDF, DOCX, ODT hoặc TXT (tối đa 10 MB), hoặc soạn trực tiếp.",
    "- Tác giả ghi đầy đủ họ tên, năm sinh, đơn vị công tác, chức vụ, số điện thoại, thư điện tử trong phiếu thông tin; không ghi tên, đơn vị trong nội dung bài viết.",
    "",
    "## Thời gian",
    "",
    `- Nhận bài: từ ${formatDate(t.opensAt)} đến 17 giờ 00 ngày ${formatDate(t.closesAt)} (giờ Việt Nam).`,
    `- Chấm sơ khảo: hoàn thành trước ${formatDate(t.judgingDeadline)}.`,
    `- Tổng kết, trao giải: dự kiến trong tháng ${monthYear(t.judgingDeadline + 10 * DAY)}.`,
    "",
    "## Chấm thi",
    "",
    "Bài dự thi được rọc phách; mỗi bài do 03 giám khảo của một tiểu ban chấm độc lập theo thang điểm 100. " +
      `Bài có điểm chênh lệch giữa các giám khảo trên ${SPREAD_THRESHOLD} điểm được Trưởng tiểu ban xem xét lại.`,
    "",
    "## Cơ cấu giải thưởng",
    "",
    `- ${c1.name}: ${prizes(c1)}.`,
    `- ${c2.name}: ${prizes(c2)}.`,
    "",
    `Ban Tổ chức: ${BOARD}.`,
  ].join("\n");
}
