// Every action the viewer claims to know has a label in both languages; others stay raw.
import { describe, expect, it } from "vitest";
import { getFixedT } from "#app/utils/i18n";
import { KNOWN_AUDIT_ACTIONS, auditActionKey, isCalendarDate } from "./audit.schema";

describe("audit action labels", () => {
  for (const lng of ["vi", "en"] as const) {
    it(`translates every known action in ${lng}`, () => {
      const t = getFixedT(lng);
      for (const action of KNOWN_AUDIT_ACTIONS) {
        const key = auditActionKey(action)!;
        expect(t(key, { defaultValue: "" }), action).not.toBe("");
        expect(t(key), action).not.toBe(key);
      }
    });
  }

  it("has no key for an unknown action", () => {
    expect(auditActionKey("rubric.update")).toBeNull();
    expect(auditActionKey("contest.phase")).toBe("audit:actions.contest.phase");
  });

  it("knows real calendar days", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-3-1")).toBe(false);
  });
});
