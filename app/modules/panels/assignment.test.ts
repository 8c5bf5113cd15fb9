import { describe, expect, it } from "vitest";
import { runFingerprint, type RunInputs } from "./assignment";

const inputs: RunInputs = {
  reads: 3,
  seed: 7,
  panels: [
    { id: "p1", judges: [{ userId: "u1", maxLoad: null }, { userId: "u2", maxLoad: 5 }] },
    { id: "p2", judges: [{ userId: "u3", maxLoad: null }] },
  ],
  roundEntries: [
    { entryId: "e1", panelId: "p1", status: "IN", entryStatus: "ELIGIBLE", categoryId: "c1" },
    { entryId: "e2", panelId: "p2", status: "IN", entryStatus: "ELIGIBLE", categoryId: "c1" },
  ],
  conflicts: [{ entryId: "e1", judgeId: "u2" }],
  assignments: [
    { id: "a1", entryId: "e1", judgeId: "u1", panelId: "p1", source: "AUTO", status: "ACTIVE" },
    { id: "a2", entryId: "e2", judgeId: "u3", panelId: "p2", source: "MANUAL", status: "ACTIVE" },
  ],
  preferences: [{ userId: "u1", kind: "EXPERTISE", categoryId: "c1", entryId: null }],
};

describe("runFingerprint", () => {
  const base = runFingerprint(inputs);

  it("does not depend on the order rows were read in", () => {
    const shuffled: RunInputs = {
      ...inputs,
      panels: [...inputs.panels].reverse().map((p) => ({ ...p, judges: [...p.judges].reverse() })),
      roundEntries: [...inputs.roundEntries].reverse(),
      assignments: [...inputs.assignments].reverse(),
    };
    expect(runFingerprint(shuffled)).toBe(base);
    expect(runFingerprint(structuredClone(inputs))).toBe(base);
  });

  it("changes with every input the assignment depends on", () => {
    const variants: RunInputs[] = [
      { ...inputs, reads: 2 },
      { ...inputs, seed: 8 },
      { ...inputs, panels: [inputs.panels[0]!, { id: "p2", judges: [...inputs.panels[1]!.judges, { userId: "u4", maxLoad: null }] }] },
      { ...inputs, panels: [{ id: "p1", judges: [{ userId: "u1", maxLoad: 4 }, inputs.panels[0]!.judges[1]!] }, inputs.panels[1]!] },
      { ...inputs, roundEntries: [inputs.roundEntries[0]!, { ...inputs.roundEntries[1]!, panelId: "p1" }] },
      { ...inputs, roundEntries: [inputs.roundEntries[0]!, { ...inputs.roundEntries[1]!, status: "ADVANCED" }] },
      { ...inputs, roundEntries: [inputs.roundEntries[0]!, { ...inputs.roundEntries[1]!, entryStatus: "DISQUALIFIED" }] },
      { ...inputs, conflicts: [] },
      { ...inputs, assignments: [inputs.assignments[0]!, { ...inputs.assignments[1]!, status: "RECUSED" }] },
      { ...inputs, assignments: [inputs.assignments[0]!, { ...inputs.assignments[1]!, source: "AUTO" }] },
      { ...inputs, assignments: [inputs.assignments[0]!] },
      { ...inputs, preferences: [...inputs.preferences, { userId: "u1", kind: "UNWILLING", categoryId: null, entryId: "e1" }] },
    ];
    const prints = variants.map(runFingerprint);
    expect(new Set([base, ...prints]).size).toBe(variants.length + 1);
  });

  it("does not confuse values that run together or swap between fields", () => {
    const a = { ...inputs, conflicts: [{ entryId: "e1", judgeId: "u12" }] };
    const b = { ...inputs, conflicts: [{ entryId: "e1u", judgeId: "12" }] };
    expect(runFingerprint(a)).not.toBe(runFingerprint(b));
    const c = { ...inputs, conflicts: [{ entryId: "u2", judgeId: "e1" }] };
    expect(runFingerprint(c)).not.toBe(base);
  });
});
