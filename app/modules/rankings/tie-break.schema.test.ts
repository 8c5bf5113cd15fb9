import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { chainFromForm, chainProblems, criterionKey, parseTieBreak, stepFromValue, stepValue, tieBreakFormSchema, type TieBreakStep } from "./tie-break.schema";

const form = (steps: string[]) => {
  const data = new FormData();
  data.set("intent", "tieBreak");
  data.set("expected", "[]");
  steps.forEach((s, i) => data.set(`steps[${i}]`, s));
  return parseWithZod(data, { schema: tieBreakFormSchema });
};

describe("the tie-break chain", () => {
  it("matches criteria by name whatever the case, spacing and Unicode form", () => {
    expect(criterionKey("  Tư tưởng,   QUAN ĐIỂM ")).toBe(criterionKey("tư tưởng, quan điểm"));
    expect(criterionKey("Tư tưởng".normalize("NFD"))).toBe(criterionKey("Tư tưởng"));
    expect(criterionKey("Tư tưởng")).not.toBe(criterionKey("Tu tuong"));
  });

  it("refuses a repeated step and a chair's decision before the end", () => {
    const chair: TieBreakStep = { kind: "chair" };
    const top: TieBreakStep = { kind: "topMarks" };
    expect(chainProblems([{ kind: "criterion", name: "A" }, top, chair])).toEqual([]);
    expect(chainProblems([chair, top])).toEqual(["results:tieBreak.errors.chairLast"]);
    expect(chainProblems([{ kind: "criterion", name: "A" }, { kind: "criterion", name: " a " }])).toEqual(["results:tieBreak.errors.repeated"]);
  });

  it("reads the stored chain, and anything unreadable as no chain", () => {
    const chain: TieBreakStep[] = [{ kind: "criterion", name: "Tính khoa học, lập luận" }, { kind: "chair" }];
    expect(parseTieBreak(JSON.stringify(chain))).toEqual(chain);
    expect(parseTieBreak("[]")).toEqual([]);
    expect(parseTieBreak("not json")).toEqual([]);
    expect(parseTieBreak(JSON.stringify([{ kind: "chair" }, { kind: "topMarks" }]))).toEqual([]);
    expect(parseTieBreak(JSON.stringify([{ kind: "coinToss" }]))).toEqual([]);
  });

  it("travels through the editor's selects and back", () => {
    const chain: TieBreakStep[] = [{ kind: "criterion", name: "Hình thức: ngôn ngữ" }, { kind: "topMarks" }, { kind: "chair" }];
    expect(chain.map(stepValue).map(stepFromValue)).toEqual(chain);
    expect(stepFromValue("criterion:")).toBeNull();
    expect(stepFromValue("random")).toBeNull();
  });

  it("accepts a form with empty slots and refuses an invalid chain with a message on the steps", () => {
    const ok = form(["criterion:Tư tưởng, quan điểm", "", "chair"]);
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(chainFromForm(ok.value.steps)).toEqual([{ kind: "criterion", name: "Tư tưởng, quan điểm" }, { kind: "chair" }]);
    const bad = form(["chair", "topMarks"]);
    expect(bad.status).toBe("error");
    expect(bad.reply().error?.steps).toEqual(["results:tieBreak.errors.chairLast"]);
    expect(form(["dice"]).status).toBe("error");
  });
});
