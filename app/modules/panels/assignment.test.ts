import { describe, expect, it } from "vitest";
import { assignmentFingerprint } from "./assignment";

describe("assignmentFingerprint", () => {
  const pairs = [
    { entryId: "e1", judgeId: "j1" },
    { entryId: "e1", judgeId: "j2" },
    { entryId: "e2", judgeId: "j1" },
  ];

  it("does not depend on the order of the pairs", () => {
    expect(assignmentFingerprint([...pairs].reverse())).toBe(assignmentFingerprint(pairs));
  });

  it("changes when a pair is added, removed or replaced", () => {
    const base = assignmentFingerprint(pairs);
    expect(assignmentFingerprint([...pairs, { entryId: "e2", judgeId: "j2" }])).not.toBe(base);
    expect(assignmentFingerprint(pairs.slice(1))).not.toBe(base);
    expect(assignmentFingerprint([...pairs.slice(0, 2), { entryId: "e2", judgeId: "j3" }])).not.toBe(base);
  });

  it("does not confuse pairs whose ids run together", () => {
    expect(assignmentFingerprint([{ entryId: "e1", judgeId: "j12" }])).not.toBe(assignmentFingerprint([{ entryId: "e1j", judgeId: "12" }]));
  });

  it("gives the empty assignment a fingerprint of its own", () => {
    expect(assignmentFingerprint([])).toMatch(/^[0-9a-f]{64}$/);
    expect(assignmentFingerprint([])).not.toBe(assignmentFingerprint(pairs));
  });
});
