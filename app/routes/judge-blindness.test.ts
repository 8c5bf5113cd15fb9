// Blindness over everything a judge can reach (issue 5, "Blindness holds"). One blind contest in
// JUDGING with an entry whose authors, their units, e-mails and phones, the entrant's account, the
// entry code and the file's name are distinctive strings. The judge joins by the organizer's
// e-mailed invitation, chairs the panel, scores, drafts, sees others' scores, asks for an extra
// reader on a flagged disagreement, reopens, reminds, recuses; a second judge and the extra reader
// score too. Then every route module of the application is called as the judge would call it:
// the `judge*` routes with each of their loaders and intents (the test fails when a judge route
// file or export is not exercised), every other route's loader and action with the judge's
// session and this contest's ids in the address (a judge may type any address). Every answer and
// every e-mail a judge received (.eml files in the mail folder) is searched for each identity
// string as written, without diacritics and in any case. The same search over the organizer's
// entry page finds each of them.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { stripDiacritics } from "#app/utils/vietnamese";
import { createTestUser, sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest, createTestEntries, createTestVersion } from "#tests/factories/contests";
import { listEmlFiles, parseEml, type Email } from "#tests/factories/eml";
import { cookieHeader, load, mailDir, mailsTo, submit, tokenFromLink, type Outcome } from "#tests/factories/requests";
import { createTestAssignment, createTestPanel, createTestRound, placeEntries, seatJudge } from "#tests/factories/rounds";
import { fullScores } from "#tests/factories/scoring";
import * as root from "../root";

type Handler = (args: never) => unknown;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}
// Every route module of the application (test files are not routes: remix.config.js).
const ROUTES = Object.fromEntries(
  Object.entries(import.meta.glob<RouteModule>(["./*.ts", "./*.tsx", "!./*.test.ts", "!./*.test.tsx"], { eager: true })).map(([file, mod]) => [
    file.slice(2),
    mod,
  ]),
);
const route = (file: string): RouteModule => {
  const mod = ROUTES[file];
  if (!mod) throw new Error(`no route file ${file}`);
  return mod;
};

// ───────────────────────────── the identity strings ─────────────────────────────

const AUTHOR = "Trịnh Thị Bí Danh Độc Nhất";
const AUTHOR_UNIT = "Trường THPT Chuyên Lương Văn Tụy Ninh Bình";
const AUTHOR_EMAIL = "bi-danh-doc-nhat@truong-luong-van-tuy.edu.vn";
const AUTHOR_PHONE = "0987 654 321";
const CO_AUTHOR = "Quách Văn Đồng Tác Giả";
const CO_UNIT = "Phòng Văn hóa Thông tin huyện Yên Khánh";
const CO_EMAIL = "quach-dong-tac-gia@yenkhanh.gov.vn";
const CO_PHONE = "0229 3868 579";
const ENTRANT = "Khổng Minh Người Nộp Bài";
const ENTRANT_EMAIL = "nguoi-nop-bai-khong-minh@example.vn";
const ENTRY_CODE = "CLBD-73190";
const FILE_NAME = "bai-du-thi-cua-trinh-thi-bi-danh.docx";

/** What must never reach a judge, with the spellings a leak could take besides the folded ones. */
const IDENTITY: Record<string, string[]> = {
  "author's name": [AUTHOR, "Bí Danh Độc Nhất"],
  "author's unit": [AUTHOR_UNIT, "Chuyên Lương Văn Tụy"],
  "author's e-mail": [AUTHOR_EMAIL],
  "author's phone": phoneSpellings(AUTHOR_PHONE),
  "co-author's name": [CO_AUTHOR, "Đồng Tác Giả"],
  "co-author's unit": [CO_UNIT],
  "co-author's e-mail": [CO_EMAIL],
  "co-author's phone": phoneSpellings(CO_PHONE),
  "entrant's name": [ENTRANT],
  "entrant's e-mail": [ENTRANT_EMAIL],
  "entry code": [ENTRY_CODE],
  "file name": [FILE_NAME],
};

/** A phone number as written, without separators, with dots or dashes, and in the +84 form. */
function phoneSpellings(phone: string): string[] {
  const digits = phone.replace(/\D/g, "");
  const groups = phone.split(/\s+/);
  return [phone, digits, groups.join("."), groups.join("-"), `+84${digits.slice(1)}`, `+84 ${phone.slice(1)}`];
}

// The essay names its authors in every way the masker is meant to catch (DOMAIN.md, decision 0009).
const ESSAY = [
  `Tôi là ${AUTHOR}, giáo viên ${AUTHOR_UNIT}. Liên hệ: ${AUTHOR_EMAIL}, điện thoại ${AUTHOR_PHONE}.`,
  `${AUTHOR.toUpperCase()} cùng đồng chí ${stripDiacritics(CO_AUTHOR)} (${CO_UNIT}, ${CO_EMAIL}, ${CO_PHONE}) viết bài này.`,
  "Chúng tôi khẳng định nền tảng tư tưởng của Đảng là kim chỉ nam cho hành động.",
].join("\n\n");

/** Folded for comparison: HTML entities decoded, no diacritics, lower case, runs of spaces as one. */
function fold(text: string): string {
  const decoded = text
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  // JSON writes a line break inside a name as \n.
  return stripDiacritics(decoded.replace(/\\[nrt]/g, " ")).toLowerCase().replace(/\s+/g, " ");
}

/** Which identity strings a text contains, in any case and with or without diacritics. */
function leaks(text: string, identity: Record<string, string[]> = IDENTITY): string[] {
  const folded = fold(text);
  return Object.entries(identity)
    .filter(([, spellings]) => spellings.some((s) => folded.includes(fold(s))))
    .map(([what]) => what);
}

const bodyText = (o: Outcome) => `${o.location ?? ""}\n${typeof o.body === "string" ? o.body : JSON.stringify(o.body)}`;
const mailText = (m: Email) => [...m.headers.values(), m.subject, m.text, m.html].join("\n");

// ───────────────────────────── what the judges were answered ─────────────────────────────

interface Answer {
  who: string;
  file: string;
  kind: "loader" | "action";
  what: string;
  outcome: Outcome;
}
const answers: Answer[] = [];

/** Calls a route's loader (GET) or action (POST) as `who` and keeps the answer for the search. */
async function call(
  who: string,
  file: string,
  kind: "loader" | "action",
  path: string,
  options: { cookie?: string; params?: Record<string, string>; fields?: Record<string, string>; what?: string } = {},
): Promise<Outcome> {
  const handler = (file === "root" ? (root as RouteModule) : route(file))[kind];
  if (!handler) throw new Error(`${file} has no ${kind}`);
  const outcome =
    kind === "loader"
      ? await load(handler as Parameters<typeof load>[0], path, options)
      : await submit(handler as Parameters<typeof submit>[0], path, options.fields ?? {}, options);
  answers.push({ who, file, kind, what: options.what ?? path, outcome });
  return outcome;
}

// ───────────────────────────── the contest ─────────────────────────────

const judges = { chair: { cookie: "", id: "", email: "" }, second: { cookie: "", id: "", email: "" }, extra: { cookie: "", id: "", email: "" } };
let organizerCookie = "";
let contest: { id: string; slug: string };
let entries: { id: string; entryCode: string | null; anonymousCode: string | null }[];
let versionId: string;
let roundId: string;
let panelId: string;
let categoryId: string;
let rubricId: string;
let rubricVersionId: string;
let criteria: { id: string; maxPoints: number }[];
let invitationToken: string;
let resetToken: string;
const assignments: Record<string, string> = {};

beforeAll(async () => {
  const created = await createTestContest({ phase: "JUDGING", categories: ["Cán bộ, đảng viên"], rubric: true, blind: true });
  contest = created.contest;
  organizerCookie = await sessionCookie(created.organizerId);
  rubricVersionId = created.rubricVersionId!;
  rubricId = (await prisma.rubricVersion.findUniqueOrThrow({ where: { id: rubricVersionId } })).rubricId;
  criteria = await prisma.criterion.findMany({ where: { rubricVersionId }, orderBy: { position: "asc" } });
  const category = created.categories[0]!;
  categoryId = category.id;
  const round = await createTestRound(contest.id, { name: "Sơ khảo", readsPerEntry: 2, rubricVersionId });
  await prisma.round.update({ where: { id: round.id }, data: { scoreVisibility: "AFTER_OWN", spreadThreshold: 10 } });
  roundId = round.id;
  const panel = await createTestPanel(round.id, { name: "Tiểu ban 1", categoryId: category.id });
  panelId = panel.id;

  // The chair joins by the organizer's invitation, through the team page and the e-mailed link.
  judges.chair.email = "giam-khao-truong-ban@example.vn";
  const invited = await submit(route("organize.$contestId.team.tsx").action as Parameters<typeof submit>[0], `/organize/${contest.id}/team`, {
    intent: "invite",
    role: "JUDGE",
    addresses: judges.chair.email,
  }, { cookie: organizerCookie, params: { contestId: contest.id } });
  expect(invited.status).toBe(200);
  const [invitation] = await mailsTo(judges.chair.email);
  invitationToken = tokenFromLink(invitation!, "/invitations/");
  await call("chair (signed out)", "invitations.$token.tsx", "loader", `/invitations/${invitationToken}`, { params: { token: invitationToken } });
  const accepted = await call("chair (signed out)", "invitations.$token.tsx", "action", `/invitations/${invitationToken}`, {
    params: { token: invitationToken },
    fields: { name: "Phan Văn Trưởng Ban", password: "mat-khau-that-dai-2026", confirmPassword: "mat-khau-that-dai-2026" },
  });
  expect(accepted.status).toBe(302);
  judges.chair.cookie = cookieHeader(accepted.setCookies);
  judges.chair.id = (await prisma.user.findUniqueOrThrow({ where: { email: judges.chair.email } })).id;
  for (const [key, name] of [
    ["second", "Vũ Thị Giám Khảo Hai"],
    ["extra", "Đào Văn Đọc Thêm"],
  ] as const) {
    const member = await addContestMember(contest.id, "JUDGE", { name });
    judges[key] = { cookie: member.cookie, id: member.user.id, email: member.user.email };
  }
  await seatJudge(panel.id, judges.chair.id, { isChair: true });
  await seatJudge(panel.id, judges.second.id);
  await seatJudge(panel.id, judges.extra.id);

  const entrant = await createTestUser({ name: ENTRANT, email: ENTRANT_EMAIL });
  entries = await createTestEntries(contest.id, category.id, 4, {
    submitterId: entrant.id,
    authors: (i) =>
      i === 0
        ? [
            { name: AUTHOR, unit: AUTHOR_UNIT, email: AUTHOR_EMAIL, phone: AUTHOR_PHONE, userId: entrant.id },
            { name: CO_AUTHOR, unit: CO_UNIT, email: CO_EMAIL, phone: CO_PHONE },
          ]
        : [{ name: `Tác giả khác số ${i}`, unit: `Đơn vị khác số ${i}` }],
  });
  const seeded = entries[0]!;
  await prisma.entry.update({
    where: { id: seeded.id },
    data: { entryCode: ENTRY_CODE, title: `Bài viết của ${AUTHOR}`, abstract: `Tác giả ${AUTHOR} (${AUTHOR_UNIT}, ${AUTHOR_EMAIL}) trình bày...` },
  });
  seeded.entryCode = ENTRY_CODE;
  versionId = (await createTestVersion(seeded.id, ESSAY, { originalName: FILE_NAME })).version.id;
  for (const [i, entry] of entries.entries()) if (i > 0) await createTestVersion(entry.id, `Bài viết số ${i} về bảo vệ nền tảng tư tưởng của Đảng.`);
  await placeEntries(round.id, panel.id, entries.map((e) => e.id));
  // The chair and the second judge read entries 0 and 1; entry 2 is the second judge's and the
  // extra reader's; entry 3 nobody's (the chair declares a conflict on it by its code).
  const pairs: [number, keyof typeof judges][] = [
    [0, "chair"],
    [0, "second"],
    [1, "chair"],
    [1, "second"],
    [2, "second"],
    [2, "extra"],
  ];
  for (const [i, who] of pairs) assignments[`${who}:${i}`] = (await createTestAssignment(round.id, panel.id, entries[i]!.id, judges[who].id)).id;
});

const scoreFields = (scores: Record<string, string>) => Object.fromEntries(Object.entries(scores).map(([id, v]) => [`scores.${id}`, v]));

/** The sheet page, its form, autosave and recusal of one assignment, as its judge. */
function sheet(who: keyof typeof judges, key: string) {
  const assignmentId = assignments[key]!;
  const base = `/judge/sheets/${assignmentId}`;
  const options = { cookie: judges[who].cookie, params: { assignmentId } };
  return {
    page: (what?: string) => call(who, "judge.sheets.$assignmentId.tsx", "loader", base, { ...options, what }),
    post: (fields: Record<string, string>, what?: string) => call(who, "judge.sheets.$assignmentId.tsx", "action", base, { ...options, fields, what }),
    autosave: (fields: Record<string, string>, what?: string) =>
      call(who, "judge.sheets.$assignmentId_.autosave.ts", "action", `${base}/autosave`, { ...options, fields, what }),
    recusePage: () => call(who, "judge.sheets.$assignmentId_.recuse.tsx", "loader", `${base}/recuse`, options),
    recuse: (fields: Record<string, string>) => call(who, "judge.sheets.$assignmentId_.recuse.tsx", "action", `${base}/recuse`, { ...options, fields }),
  };
}

const chairView = (fields?: Record<string, string>, what?: string) =>
  fields
    ? call("chair", "judge.panels.$panelId.tsx", "action", `/judge/panels/${panelId}`, { cookie: judges.chair.cookie, params: { panelId }, fields, what })
    : call("chair", "judge.panels.$panelId.tsx", "loader", `/judge/panels/${panelId}`, { cookie: judges.chair.cookie, params: { panelId }, what });

/** Values for the dynamic segments of a route file's address: this contest's rows. */
function paramsFor(file: string): { path: string; params: Record<string, string> } {
  const values: Record<string, () => string> = {
    contestId: () => contest.id,
    slug: () => contest.slug,
    entryId: () => entries[0]!.id,
    versionId: () => versionId,
    roundId: () => roundId,
    panelId: () => panelId,
    rubricId: () => rubricId,
    assignmentId: () => assignments["chair:0"]!,
    token: () => invitationToken,
    pairId: () => "no-such-pair",
    // A certificate code: the verify page repeats what is typed in the address.
    code: () => "GCN-KHONG-CO",
  };
  const params: Record<string, string> = {};
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "~dot~") // an escaped dot stays in its segment ("results[.]json")
    .split(".")
    .filter((s) => s !== "_index")
    .map((raw) => {
      const s = raw.replace(/_$/, "").replace(/^_/, "").replace(/~dot~/g, ".");
      if (!s.startsWith("$")) return s;
      const name = s.slice(1);
      const value = file.startsWith("reset-password") && name === "token" ? () => resetToken : values[name];
      if (!value) throw new Error(`${file}: give the blindness test a value for $${name}`);
      params[name] = value();
      return encodeURIComponent(params[name]);
    });
  return { path: `/${segments.join("/")}`, params };
}

describe("blindness over everything judge-facing", () => {
  beforeAll(async () => {
    const c = (i: number) => criteria[i]!.id;
    const mine = sheet("chair", "chair:0");

    // The chair scores the seeded entry: autosaves, a stale tab, a wrong score, the page's form.
    expect((await mine.page("sheet, not started")).status).toBe(200);
    expect((await mine.autosave({ expectedVersion: "0", [`scores.${c(0)}`]: "20,5", privateNote: "Cần đối chiếu số liệu" }, "autosave saved")).status).toBe(200);
    expect((await mine.autosave({ expectedVersion: "0", [`scores.${c(0)}`]: "18" }, "autosave conflict")).status).toBe(409);
    expect((await mine.autosave({ expectedVersion: "1", [`scores.${c(0)}`]: "99" }, "autosave invalid")).status).toBe(400);
    expect((await mine.post({ intent: "save", expectedVersion: "1", [`scores.${c(0)}`]: "21", feedback: "Bài viết có lập luận chặt chẽ." }, "form saved")).status).toBe(200);
    expect((await mine.post({ intent: "save", expectedVersion: "1", [`scores.${c(0)}`]: "3" }, "form conflict")).status).toBe(409);
    expect((await mine.post({ intent: "submit", expectedVersion: "2", [`scores.${c(0)}`]: "21" }, "form incomplete")).status).toBe(400);
    // Before the chair submits, the second judge's sheet on the same entry is already submitted.
    const theirs = sheet("second", "second:0");
    await theirs.page("sheet, not started");
    expect((await theirs.post({ intent: "submit", expectedVersion: "0", ...scoreFields(fullScores(criteria, (max) => String(max / 2))) }, "form submitted")).status).toBe(200);
    await mine.page("sheet with others' scores hidden");
    expect((await mine.post({ intent: "submit", expectedVersion: "2", ...scoreFields(fullScores(criteria)) }, "form submitted")).status).toBe(200);
    await mine.page("sheet submitted, others' scores shown");
    expect((await mine.autosave({ expectedVersion: "3", [`scores.${c(0)}`]: "1" }, "autosave read-only")).status).toBe(409);
    await theirs.page("sheet submitted, others' scores shown");

    // Entry 1: the chair's draft, the second judge's submission (reopened by the chair below).
    expect((await sheet("chair", "chair:1").autosave({ expectedVersion: "0", [`scores.${c(1)}`]: "12" }, "autosave draft")).status).toBe(200);
    expect((await sheet("second", "second:1").post({ intent: "submit", expectedVersion: "0", ...scoreFields(fullScores(criteria)) }, "form submitted")).status).toBe(200);

    // The chair's view: the flagged disagreement on the seeded entry, an extra reader, a reopened
    // sheet, a resolution refused (not flagged), an invalid form, reminders, then too soon.
    const view = await chairView(undefined, "chair view, flagged");
    expect(view.status).toBe(200);
    expect((view.body as { view: { entries: { anonymousCode: string; flagged: boolean }[] } }).view.entries).toContainEqual(
      expect.objectContaining({ anonymousCode: entries[0]!.anonymousCode, flagged: true }),
    );
    const extra = await chairView({ intent: "extraReader", entryId: entries[0]!.id, reason: "Cần thêm một ý kiến độc lập" }, "extra reader");
    expect(extra.status).toBe(200);
    const added = await prisma.assignment.findFirstOrThrow({ where: { entryId: entries[0]!.id, judgeId: judges.extra.id } });
    assignments["extra:0"] = added.id;
    const reopenable = await prisma.scoresheet.findFirstOrThrow({ where: { assignmentId: assignments["second:1"] } });
    expect((await chairView({ intent: "reopen", scoresheetId: reopenable.id, version: String(reopenable.version), reason: "Cộng sai điểm" }, "reopen")).status).toBe(200);
    expect((await chairView({ intent: "resolve", entryId: entries[1]!.id, reason: "Đã thống nhất" }, "resolve refused")).status).toBe(409);
    expect((await chairView({ intent: "resolve", entryId: entries[0]!.id, reason: "" }, "resolve invalid")).status).toBe(400);
    expect((await chairView({ intent: "remind" }, "remind")).status).toBe(200);
    expect((await chairView({ intent: "remind" }, "remind too soon")).status).toBe(429);
    await chairView(undefined, "chair view after acting");
    await call("chair", "judge.panels._index.tsx", "loader", "/judge/panels", { cookie: judges.chair.cookie });

    // The extra reader finds the entry on their desk and drafts on it.
    const extraDesk = await call("extra", "judge.desk.tsx", "loader", "/judge/desk", { cookie: judges.extra.cookie });
    expect(bodyText(extraDesk)).toContain(entries[0]!.anonymousCode!);
    const theirSheet = sheet("extra", "extra:0");
    await theirSheet.page("sheet, not started");
    expect((await theirSheet.autosave({ expectedVersion: "0", [`scores.${c(2)}`]: "15", feedback: "Cần thêm dẫn chứng." }, "autosave saved")).status).toBe(200);
    await theirSheet.page("sheet, draft, others' scores hidden");
    await call("extra", "judge._index.tsx", "loader", "/judge", { cookie: judges.extra.cookie });
    await call("extra", "judge.panels._index.tsx", "loader", "/judge/panels", { cookie: judges.extra.cookie });
    // Not the chair: the panel's view and its intents are refused, leaking nothing.
    for (const who of ["extra", "second"] as const) {
      const options = { cookie: judges[who].cookie, params: { panelId } };
      expect((await call(who, "judge.panels.$panelId.tsx", "loader", `/judge/panels/${panelId}`, options)).status).toBe(404);
      expect((await call(who, "judge.panels.$panelId.tsx", "action", `/judge/panels/${panelId}`, { ...options, fields: { intent: "remind" } })).status).toBe(404);
      await call(who, "judge.desk.tsx", "loader", "/judge/desk", { cookie: judges[who].cookie });
    }

    // The chair's own area: unit, expertise, a conflict declared by another entry's code.
    const area = (fields?: Record<string, string>, what?: string) =>
      fields
        ? call("chair", "judge._index.tsx", "action", "/judge", { cookie: judges.chair.cookie, fields, what })
        : call("chair", "judge._index.tsx", "loader", "/judge", { cookie: judges.chair.cookie, what });
    await area(undefined, "area");
    expect((await area({ intent: "unit", unit: "Học viện Chính trị khu vực I", expected: "" }, "unit")).status).toBe(200);
    expect((await area({ intent: "expertise", contestId: contest.id, categoryIds: categoryId, expected: "" }, "expertise")).status).toBe(200);
    expect((await area({ intent: "declare", contestId: contest.id, entryCode: entries[3]!.entryCode!, reason: "Người quen" }, "declare")).status).toBe(200);
    expect((await area({ intent: "declare", contestId: contest.id, entryCode: "CL-9999", reason: "Người quen" }, "declare unknown")).status).toBe(400);
    await area(undefined, "area after declaring");

    // Recusal from entry 1 (the chair's draft), back on the desk.
    const recusal = sheet("chair", "chair:1");
    await recusal.recusePage();
    expect((await recusal.recuse({ reason: "" })).status).toBe(400);
    const recused = await recusal.recuse({ reason: "Tôi đã đọc bài này trước cuộc thi" });
    expect(recused.status).toBe(302);
    await call("chair", "judge.desk.tsx", "loader", recused.location!, { cookie: judges.chair.cookie, what: "desk after recusal" });
    await call("chair", "judge.desk.tsx", "loader", "/judge/desk", { cookie: judges.chair.cookie });
    await recusal.page("recused sheet");

    // Account e-mail: a password reset asked for the chair's address.
    await call("chair (signed out)", "forgot-password.tsx", "action", "/forgot-password", { fields: { email: judges.chair.email } });
    resetToken = tokenFromLink((await mailsTo(judges.chair.email)).at(-1)!, "/reset-password/");

    // Every other route of the application, as the chair (a judge may type any address), then
    // the language switcher and signing out with a session of its own.
    await call("chair", "root", "loader", "/", { cookie: judges.chair.cookie });
    for (const file of Object.keys(ROUTES).filter((f) => !f.startsWith("judge") && f !== "logout.ts")) {
      const { path, params } = paramsFor(file);
      const mod = route(file);
      if (mod.loader) await call("chair", file, "loader", path, { cookie: judges.chair.cookie, params });
      if (mod.action) await call("chair", file, "action", path, { cookie: judges.chair.cookie, params, fields: {} });
    }
    await call("chair", "language.ts", "action", "/language", { cookie: judges.chair.cookie, fields: { lng: "en", redirectTo: "/judge/desk" } });
    await call("chair", "judge.desk.tsx", "loader", "/judge/desk", { cookie: judges.chair.cookie, what: "desk in English" });
    const spare = await sessionCookie(judges.chair.id);
    await call("chair", "logout.ts", "loader", "/logout", { cookie: spare });
    await call("chair", "logout.ts", "action", "/logout", { cookie: spare });
  });

  it("exercises every loader and action of every judge route file, and every route of the application", () => {
    const hit = new Set(answers.map((a) => `${a.file}#${a.kind}`));
    const missing = Object.entries(ROUTES).flatMap(([file, mod]) =>
      (["loader", "action"] as const).filter((kind) => mod[kind] && !hit.has(`${file}#${kind}`)).map((kind) => `${file}#${kind}`),
    );
    expect(missing, "route exports this test never called").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => f.startsWith("judge")).length).toBeGreaterThanOrEqual(7);
  });

  it("answers the judges' own pages with the masked entry, by anonymous code", () => {
    const sheetPage = answers.find((a) => a.who === "chair" && a.what === "sheet, not started")!;
    const reading = (sheetPage.outcome.body as { opened: { entry: { anonymousCode: string; reading: { title: string; text: string } } } }).opened.entry;
    expect(reading.anonymousCode).toBe(entries[0]!.anonymousCode);
    expect(reading.reading.text).toContain("kim chỉ nam");
    expect(reading.reading.text).toContain("[đã che]");
    expect(reading.reading.title).toBe("Bài viết của [đã che]");
    const own = answers.filter((a) => a.file.startsWith("judge") && a.outcome.status < 500);
    expect(own.length).toBeGreaterThan(30);
  });

  it("never shows a judge an author's name, unit, e-mail or phone, the entrant, the entry code or the file name", () => {
    const found = answers
      .map((a) => ({ at: `${a.who} ${a.kind} ${a.file} (${a.what}) → ${a.outcome.status}`, leaks: leaks(bodyText(a.outcome)) }))
      .filter((a) => a.leaks.length > 0);
    expect(found).toEqual([]);
    for (const a of answers) expect(a.outcome.status, `${a.file} ${a.what}`).toBeLessThan(500);
  });

  it("never e-mails a judge any of them: invitation, reminders, password reset", async () => {
    const received = new Map<string, Email[]>();
    for (const { email } of Object.values(judges)) received.set(email, await mailsTo(email));
    const subjects = [...received.values()].flat().map((m) => m.subject);
    expect(received.get(judges.chair.email)!.length, `the chair's mail: ${subjects.join(" | ")}`).toBeGreaterThanOrEqual(3); // invitation, reminder, reset
    expect(received.get(judges.second.email)!.length).toBeGreaterThanOrEqual(1);
    expect(received.get(judges.extra.email)!.length).toBeGreaterThanOrEqual(1);
    const found = [...received.values()]
      .flat()
      .map((m) => ({ subject: m.subject, leaks: leaks(mailText(m)) }))
      .filter((m) => m.leaks.length > 0);
    expect(found).toEqual([]);
    // Every message in the folder went to one of them (nothing else was sent in this test).
    const all = await Promise.all(listEmlFiles(mailDir()).map(async (file) => parseEml(await fs.promises.readFile(file), file)));
    expect(all.every((m) => m.to.some((to) => received.has(to)))).toBe(true);
  });

  it("finds every identity string on the organizer's entry page, and in any spelling (the search is not blind)", async () => {
    const staff = await load(route("organize.$contestId.entries.$entryId.tsx").loader as Parameters<typeof load>[0], `/organize/${contest.id}/entries/${entries[0]!.id}`, {
      cookie: organizerCookie,
      params: { contestId: contest.id, entryId: entries[0]!.id },
    });
    expect(staff.status).toBe(200);
    expect(leaks(bodyText(staff)).sort()).toEqual(Object.keys(IDENTITY).filter((k) => k !== "entrant's name" && k !== "entrant's e-mail").sort());
    // The entrant's account is on their own page.
    const own = await load(route("entries.$entryId.tsx").loader as Parameters<typeof load>[0], `/entries/${entries[0]!.id}`, {
      cookie: await sessionCookie((await prisma.user.findUniqueOrThrow({ where: { email: ENTRANT_EMAIL } })).id),
      params: { entryId: entries[0]!.id },
    });
    expect(own.status).toBe(200);
    expect(leaks(bodyText(own))).toEqual(expect.arrayContaining(["author's name", "entry code"]));
    // Spellings: capitals, no diacritics, entities, separators.
    expect(leaks(`TRINH THI BI DANH  DOC NHAT`)).toEqual(["author's name"]);
    expect(leaks("Trường THPT Chuyên Lương Văn Tụy Ninh Bình".normalize("NFD"))).toEqual(["author's unit"]);
    expect(leaks("gọi +84987654321")).toEqual(["author's phone"]);
    expect(leaks("&#81;uách Văn Đồng Tác Giả")).toEqual(["co-author's name"]);
    expect(leaks("clbd-73190")).toEqual(["entry code"]);
    expect(leaks("Trịnh Thị Bí")).toEqual([]);
  });
});
