import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { differingFields, localOffer, mergeValues, sameScore, sameValues, type SheetField } from "./drafts";
import type { SheetValues } from "./scoresheet.schema";

const ids = ["a", "b", "c"];
const values = (scores: Record<string, string>, privateNote = "", feedback = ""): SheetValues => ({ scores, privateNote, feedback });

const scoreText = fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 50 }).map((n) => String(n / 2)), fc.constantFrom("7,5", "abc"));
const sheet = fc.record({
  scores: fc.record({ a: scoreText, b: scoreText, c: scoreText }),
  privateNote: fc.constantFrom("", "ghi chú", "khác"),
  feedback: fc.constantFrom("", "góp ý"),
});

describe("comparing copies", () => {
  it("takes 7,5 and 7.5 for the same score, and an empty box for no score", () => {
    expect(sameScore("7,5", "7.5")).toBe(true);
    expect(sameScore(" 7 ", "7")).toBe(true);
    expect(sameScore("", undefined)).toBe(true);
    expect(sameScore("7", "7,5")).toBe(false);
    expect(sameScore("", "0")).toBe(false);
    expect(sameScore("abc", "abc")).toBe(true);
  });

  it("lists the differing fields in form order", () => {
    const mine = values({ a: "1", b: "2" }, "ghi chú");
    const theirs = values({ a: "1,0", c: "3" }, "ghi chú", "góp ý");
    expect(differingFields(ids, mine, theirs)).toEqual(["score:b", "score:c", "feedback"]);
  });
});

describe("mergeValues", () => {
  it("takes each field from the copy chosen for it, mine where nothing was chosen", () => {
    fc.assert(
      fc.property(sheet, sheet, fc.array(fc.constantFrom<"mine" | "theirs">("mine", "theirs"), { minLength: 5, maxLength: 5 }), (mine, theirs, picks) => {
        const fields: SheetField[] = ["score:a", "score:b", "score:c", "privateNote", "feedback"];
        const choice = Object.fromEntries(fields.map((f, i) => [f, picks[i]!]));
        const merged = mergeValues(ids, mine, theirs, choice);
        // Every field now equals the chosen side's.
        for (const [i, field] of fields.entries()) {
          const source = picks[i] === "theirs" ? theirs : mine;
          expect(differingFields(ids, merged, source)).not.toContain(field);
        }
        expect(sameValues(ids, mergeValues(ids, mine, theirs, {}), mine)).toBe(true);
        expect(sameValues(ids, mergeValues(ids, mine, theirs, Object.fromEntries(fields.map((f) => [f, "theirs"]))), theirs)).toBe(true);
      }),
    );
  });
});

describe("localOffer", () => {
  const server = { version: 4, values: values({ a: "10" }), savedAt: "2026-11-20T07:00:00.000Z" };

  it("offers nothing without a copy, or with a copy the server already holds", () => {
    expect(localOffer(ids, null, server)).toBe("none");
    expect(localOffer(ids, { baseVersion: 4, values: values({ a: "10,0" }), changedAt: "2026-11-20T07:05:00.000Z" }, server)).toBe("none");
  });

  it("offers to restore keystrokes typed on top of the server's version", () => {
    expect(localOffer(ids, { baseVersion: 4, values: values({ a: "10", b: "5" }), changedAt: "2026-11-20T06:00:00.000Z" }, server)).toBe("restore");
  });

  it("offers a merge for a copy typed on an older version after the last save, and nothing for an older copy", () => {
    const newer = { baseVersion: 2, values: values({ a: "12" }), changedAt: "2026-11-20T07:01:00.000Z" };
    expect(localOffer(ids, newer, server)).toBe("merge");
    expect(localOffer(ids, { ...newer, changedAt: "2026-11-20T06:59:00.000Z" }, server)).toBe("none");
    expect(localOffer(ids, newer, { version: 0, values: values({}), savedAt: null })).toBe("restore");
  });
});
