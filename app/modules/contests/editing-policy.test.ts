import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  categoriesLockReason,
  changedSettings,
  type EditingState,
  SETTING_NAMES,
  settingLockReason,
  settingsRefusals,
  type StoredSettings,
} from "./editing-policy";
import { PHASES, type ContestPhase } from "./phases";

const CLOSES = new Date("2026-06-30T16:59:00Z");

const base: StoredSettings = {
  title: "Cuộc thi viết chính luận 2026",
  slug: "chinh-luan-2026",
  description: "Giới thiệu",
  rules: "# Thể lệ",
  locale: "vi",
  timeZone: "Asia/Ho_Chi_Minh",
  opensAt: new Date("2026-05-01T01:00:00Z"),
  closesAt: CLOSES,
  graceMinutes: 15,
  minWords: 1000,
  maxWords: 5000,
  allowedFileTypes: "pdf,docx",
  allowOnlineText: true,
  maxFileBytes: 10 * 1024 * 1024,
  maxEntriesPerUser: 1,
  maxCoAuthors: 2,
  blind: true,
  entryCodePrefix: "CL-",
};

/** A value different from `base[name]` for each setting. */
const changed: { [K in keyof StoredSettings]: StoredSettings[K] } = {
  title: "Cuộc thi mới",
  slug: "cuoc-thi-moi",
  description: "Giới thiệu mới",
  rules: "# Thể lệ mới",
  locale: "en",
  timeZone: "Asia/Bangkok",
  opensAt: new Date("2026-05-02T01:00:00Z"),
  closesAt: new Date("2026-07-15T16:59:00Z"),
  graceMinutes: 30,
  minWords: 800,
  maxWords: 6000,
  allowedFileTypes: "pdf",
  allowOnlineText: false,
  maxFileBytes: 20 * 1024 * 1024,
  maxEntriesPerUser: 2,
  maxCoAuthors: 3,
  blind: false,
  entryCodePrefix: "PS-",
};

const state = (phase: ContestPhase, entryCodeSeq = 0): EditingState => ({ phase, entryCodeSeq });
const refusalOf = (s: EditingState, name: keyof StoredSettings, value: unknown = changed[name]) =>
  settingsRefusals(s, base, { ...base, [name]: value })[name] ?? null;

/** The settings the policy lets change in a phase (with no entry code issued). */
const changeable = (phase: ContestPhase) => SETTING_NAMES.filter((name) => refusalOf(state(phase), name) === null);

describe("what may change in which phase", () => {
  it("a draft may change everything", () => {
    expect(changeable("DRAFT")).toEqual([...SETTING_NAMES]);
  });

  it("an open contest keeps its address, zone and opening time; the deadline may only be extended", () => {
    expect(changeable("OPEN")).toEqual(SETTING_NAMES.filter((n) => !["slug", "timeZone", "opensAt"].includes(n)));
    expect(refusalOf(state("OPEN"), "slug")).toBe("editor:settings.locked.afterDraft");
  });

  it("a closed contest freezes the submission rules", () => {
    for (const name of ["minWords", "maxWords", "allowedFileTypes", "allowOnlineText", "maxFileBytes", "maxEntriesPerUser", "maxCoAuthors"] as const) {
      expect(refusalOf(state("CLOSED"), name), name).toBe("editor:settings.locked.afterOpen");
    }
    expect(changeable("CLOSED")).toEqual(["title", "description", "rules", "locale", "closesAt", "graceMinutes", "blind", "entryCodePrefix"]);
  });

  it("blind judging and the deadline are fixed once judging has started", () => {
    for (const phase of ["JUDGING", "FINALIZING"] as const) {
      expect(refusalOf(state(phase), "blind")).toBe("editor:settings.locked.judging");
      expect(refusalOf(state(phase), "closesAt")).toBe("editor:settings.locked.judging");
      expect(changeable(phase)).toEqual(["title", "description", "rules", "locale", "entryCodePrefix"]);
    }
    expect(refusalOf(state("CLOSED"), "blind")).toBeNull();
  });

  it("after Published or Archived only the description changes", () => {
    for (const phase of ["PUBLISHED", "ARCHIVED"] as const) {
      expect(changeable(phase)).toEqual(["description"]);
      expect(refusalOf(state(phase), "title")).toBe("editor:settings.locked.published");
    }
  });

  it("the entry-code prefix is fixed once a code was issued, in any phase", () => {
    for (const phase of ["DRAFT", "OPEN", "CLOSED"] as const) {
      expect(refusalOf(state(phase, 0), "entryCodePrefix")).toBeNull();
      expect(refusalOf(state(phase, 1), "entryCodePrefix")).toBe("editor:settings.locked.codesIssued");
    }
  });

  it("while Open or Closed the deadline plus grace may move later, never earlier, and not be removed", () => {
    for (const phase of ["OPEN", "CLOSED"] as const) {
      const s = state(phase);
      expect(refusalOf(s, "closesAt", new Date(CLOSES.getTime() + 86_400_000))).toBeNull();
      expect(refusalOf(s, "closesAt", new Date(CLOSES.getTime() - 60_000))).toBe("editor:settings.locked.extendOnly");
      expect(refusalOf(s, "closesAt", null)).toBe("editor:settings.locked.deadlineRequired");
      expect(refusalOf(s, "graceMinutes", 60)).toBeNull();
      expect(refusalOf(s, "graceMinutes", 0)).toBe("editor:settings.locked.extendOnly");
      // Ten minutes earlier with twenty more minutes of grace: the effective deadline is later.
      const later = { ...base, closesAt: new Date(CLOSES.getTime() - 10 * 60_000), graceMinutes: 35 };
      expect(settingsRefusals(s, base, later)).toEqual({});
    }
    expect(refusalOf(state("DRAFT"), "closesAt", new Date(CLOSES.getTime() - 60_000))).toBeNull();
    expect(refusalOf(state("DRAFT"), "closesAt", null)).toBeNull();
  });

  it("never refuses a setting that did not change, whatever the phase (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PHASES), fc.nat(50), fc.subarray([...SETTING_NAMES]), (phase, seq, names) => {
        const after = { ...base, ...Object.fromEntries(names.map((n) => [n, changed[n]])) } as StoredSettings;
        const refused = Object.keys(settingsRefusals(state(phase, seq), base, after));
        expect(refused.every((n) => names.includes(n as never))).toBe(true);
        expect(refused).not.toContain("description");
        // What the page shows as fixed is refused when changed.
        for (const n of names) if (settingLockReason(n, state(phase, seq))) expect(refused).toContain(n);
      }),
    );
  });

  it("sees changes of dates by instant and of every other setting by value", () => {
    expect(changedSettings(base, { ...base, closesAt: new Date(CLOSES.getTime()) })).toEqual([]);
    expect(changedSettings(base, { ...base, opensAt: null, blind: false })).toEqual(["opensAt", "blind"]);
  });

  it("categories and prize tiers are fixed once results are published", () => {
    expect(PHASES.filter((p) => categoriesLockReason(p) !== null)).toEqual(["PUBLISHED", "ARCHIVED"]);
  });
});
