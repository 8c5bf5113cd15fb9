import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  bytesToMb,
  ENTRY_CODE_PREFIX_MAX,
  isTimeZone,
  MAX_FILE_MB_MAX,
  mbToBytes,
  settingsActionSchema,
  TIME_ZONE_CHOICES,
} from "./settings.schema";

/** What the settings form posts, as the browser sends it (checkboxes "on", numbers as text). */
function form(overrides: Record<string, string | string[] | null> = {}): FormData {
  const fields: Record<string, string | string[] | null> = {
    intent: "save",
    version: "3",
    title: "Cuộc thi viết chính luận 2026",
    slug: "Chinh-Luan-2026",
    description: "Giới thiệu ngắn",
    rules: "# Thể lệ\r\n\r\nBài viết **không quá** 5.000 chữ.\r\n",
    locale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
    opensAt: "2026-05-01T08:00",
    closesAt: "2026-06-30T23:59",
    graceMinutes: "15",
    minWords: "",
    maxWords: "5000",
    allowedFileTypes: ["docx", "pdf"],
    allowOnlineText: "on",
    maxFileMb: "10",
    maxEntriesPerUser: "1",
    maxCoAuthors: "2",
    blind: "on",
    entryCodePrefix: "ps-",
    ...overrides,
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

function parse(overrides: Record<string, string | string[] | null> = {}) {
  return parseWithZod(form(overrides), { schema: settingsActionSchema });
}

function errors(overrides: Record<string, string | string[] | null>): Record<string, string[] | null> {
  const submission = parse(overrides);
  expect(submission.status).toBe("error");
  return (submission.status === "error" ? submission.error : null) ?? {};
}

describe("the settings form", () => {
  it("normalises what the browser sends", () => {
    const submission = parse();
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toEqual({
      intent: "save",
      version: 3,
      title: "Cuộc thi viết chính luận 2026",
      slug: "chinh-luan-2026",
      description: "Giới thiệu ngắn",
      rules: "# Thể lệ\n\nBài viết **không quá** 5.000 chữ.",
      locale: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
      opensAt: "2026-05-01T08:00",
      closesAt: "2026-06-30T23:59",
      graceMinutes: 15,
      minWords: undefined,
      maxWords: 5000,
      allowedFileTypes: ["pdf", "docx"],
      allowOnlineText: true,
      maxFileMb: 10,
      maxEntriesPerUser: 1,
      maxCoAuthors: 2,
      blind: true,
      entryCodePrefix: "PS-",
    });
  });

  it("reads unchecked boxes as off and empty optional fields as unset", () => {
    const submission = parse({ blind: null, allowedFileTypes: null, opensAt: "", closesAt: "", graceMinutes: "", maxWords: "", entryCodePrefix: "" });
    expect(submission.status).toBe("success");
    if (submission.status !== "success" || submission.value.intent !== "save") return;
    expect(submission.value).toMatchObject({ blind: false, allowedFileTypes: [], allowOnlineText: true, graceMinutes: 0, entryCodePrefix: "" });
    expect(submission.value.opensAt).toBeUndefined();
    expect(submission.value.closesAt).toBeUndefined();
  });

  it("needs at least one way to submit", () => {
    expect(errors({ allowedFileTypes: null, allowOnlineText: null }).allowedFileTypes).toEqual(["editor:settings.errors.noWayToSubmit"]);
  });

  it("keeps the minimum of words at most the maximum", () => {
    expect(errors({ minWords: "6000", maxWords: "5000" }).maxWords).toEqual(["editor:settings.errors.wordsOrder"]);
    expect(parse({ minWords: "5000", maxWords: "5000" }).status).toBe("success");
  });

  it("checks the times: real, in order, and a deadline whenever there is an opening", () => {
    expect(errors({ opensAt: "2026-02-30T08:00" }).opensAt).toEqual(["editor:settings.errors.dateTime"]);
    expect(errors({ closesAt: "30/06/2026" }).closesAt).toEqual(["editor:settings.errors.dateTime"]);
    expect(errors({ opensAt: "2026-07-01T08:00" }).closesAt).toEqual(["editor:settings.errors.closesBeforeOpens"]);
    expect(errors({ closesAt: "" }).closesAt).toEqual(["editor:settings.errors.opensWithoutCloses"]);
    expect(parse({ opensAt: "" , closesAt: "2026-06-30T23:59" }).status).toBe("success");
  });

  it("accepts IANA time zones only", () => {
    expect(errors({ timeZone: "Mars/Olympus" }).timeZone).toEqual(["editor:settings.errors.timeZone"]);
    expect(errors({ timeZone: "asia/ho_chi_minh" }).timeZone).toEqual(["editor:settings.errors.timeZone"]);
    expect(errors({ timeZone: "GMT+7" }).timeZone).toEqual(["editor:settings.errors.timeZone"]);
    expect(TIME_ZONE_CHOICES.filter((z) => !isTimeZone(z))).toEqual([]);
    expect(TIME_ZONE_CHOICES[0]).toBe("Asia/Ho_Chi_Minh");
  });

  it("bounds the numbers", () => {
    expect(errors({ maxFileMb: String(MAX_FILE_MB_MAX + 1) }).maxFileMb).toEqual([`editor:errors.max|{"max":${MAX_FILE_MB_MAX}}`]);
    expect(errors({ maxFileMb: "0" }).maxFileMb).toEqual(['editor:errors.min|{"min":1}']);
    expect(errors({ maxCoAuthors: "1.5" }).maxCoAuthors).toEqual(["editor:errors.wholeNumber"]);
    expect(errors({ maxEntriesPerUser: "nhiều" }).maxEntriesPerUser).toEqual(["editor:errors.wholeNumber"]);
    expect(errors({ graceMinutes: "-5" }).graceMinutes).toEqual(['editor:errors.min|{"min":0}']);
  });

  it("restricts the entry-code prefix to plain capitals, digits and - _ . /", () => {
    expect(errors({ entryCodePrefix: "ĐB-" }).entryCodePrefix).toEqual(["editor:settings.errors.entryCodePrefix"]);
    expect(errors({ entryCodePrefix: "A B" }).entryCodePrefix).toEqual(["editor:settings.errors.entryCodePrefix"]);
    expect(errors({ entryCodePrefix: "X".repeat(ENTRY_CODE_PREFIX_MAX + 1) }).entryCodePrefix).toEqual([
      `validation.tooLong|{"max":${ENTRY_CODE_PREFIX_MAX}}`,
    ]);
    expect(parse({ entryCodePrefix: "cl/2026." }).status).toBe("success");
  });

  it("refuses a file kind it does not know", () => {
    expect(errors({ allowedFileTypes: ["pdf", "exe"] })["allowedFileTypes[1]"]).toEqual(["validation.invalid"]);
  });

  it("parses a lifecycle step", () => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ intent: "phase", from: "DRAFT", to: "OPEN" })) data.append(k, v);
    expect(parseWithZod(data, { schema: settingsActionSchema }).status).toBe("success");
    data.set("to", "NOWHERE");
    expect(parseWithZod(data, { schema: settingsActionSchema }).status).toBe("error");
  });

  it("converts megabytes and bytes both ways", () => {
    expect(mbToBytes(10)).toBe(10_485_760);
    expect(bytesToMb(10_485_760)).toBe(10);
    expect(bytesToMb(5_000_000)).toBe(4.8);
  });
});
