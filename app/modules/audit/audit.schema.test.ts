// Every action the viewer claims to know has a label in both languages; others stay raw.
import { describe, expect, it } from "vitest";
import { getFixedT } from "#app/utils/i18n";
import { KNOWN_AUDIT_ACTIONS, auditActionKey, isCalendarDate, isKnownAuditAction } from "./audit.schema";

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
    expect(auditActionKey("panel.notYetLabelled")).toBeNull();
    expect(auditActionKey("contest.phase")).toBe("audit:actions.contest.phase");
  });

  it("knows real calendar days", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-3-1")).toBe(false);
  });
});

describe("audit action labels", () => {
  it("has a label for every action the code writes", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const full = path.join(dir, d.name);
        if (d.isDirectory()) return d.name === "generated" ? [] : files(full);
        return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
      });
    const written = new Set<string>();
    for (const file of [...files("app"), ...files("prisma")]) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/\baction: "([a-z]+\.[A-Za-z]+)"/g)) written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((action) => !isKnownAuditAction(action))).toEqual([]);
  });
});
