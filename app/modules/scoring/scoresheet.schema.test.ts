import { parseWithZod } from "@conform-to/zod";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkScores, parseScore, scoresheetFormSchema, scoreText, sheetSchemaFor, type ScoringCriterion } from "./scoresheet.schema";

const criterion = (id: string, maxPoints: number, step: number): ScoringCriterion => ({
  id,
  position: 0,
  name: id,
  description: "",
  maxPoints,
  step,
  weight: 1,
  levels: [],
});

const rubric = [criterion("a", 25, 0.5), criterion("b", 10, 1), criterion("c", 2, 0.25)];

describe("parseScore", () => {
  it("reads a decimal comma and a decimal point alike", () => {
    expect(parseScore("7,5")).toBe(7.5);
    expect(parseScore("7.5")).toBe(7.5);
    expect(parseScore(" 12,25 ")).toBe(12.25);
    expect(parseScore("0")).toBe(0);
    expect(parseScore("25")).toBe(25);
  });

  it("refuses anything that is not a plain number", () => {
    for (const text of ["", " ", "7,5,5", "7.5.5", "1e1", "-1", "+3", "bảy", "7,", ",5", "0x10", "Infinity", "7 5"]) {
      expect(parseScore(text), text).toBeNull();
    }
  });

  it("reads back what scoreText writes, in both languages", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.constantFrom("vi", "en"), (quarters, lng) => {
        const points = quarters / 4;
        expect(parseScore(scoreText(points, lng))).toBe(points);
      }),
    );
    expect(scoreText(7.5, "vi")).toBe("7,5");
    expect(scoreText(7.5, "en")).toBe("7.5");
  });
});

describe("checkScores", () => {
  it("accepts every score on the step within 0..max, typed either way", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.boolean(), (units, comma) => {
        const p = units * 0.5;
        const text = comma ? String(p).replace(".", ",") : String(p);
        const { points, errors } = checkScores(rubric, { a: text }, "save");
        expect(errors).toEqual({});
        expect(points).toEqual({ a: p });
      }),
    );
  });

  it("refuses a score above the maximum, below 0 or off the step, with the limit in the message", () => {
    expect(checkScores(rubric, { a: "25,5" }, "save").errors).toEqual({ "scores.a": ['scoring:errors.outOfRange|{"max":25}'] });
    expect(checkScores(rubric, { b: "7,5" }, "save").errors).toEqual({ "scores.b": ['scoring:errors.offStep|{"step":1}'] });
    expect(checkScores(rubric, { c: "1,3" }, "save").errors).toEqual({ "scores.c": ['scoring:errors.offStep|{"step":0.25}'] });
    expect(checkScores(rubric, { a: "-1" }, "save").errors).toEqual({ "scores.a": ["scoring:errors.notANumber"] });
    expect(checkScores(rubric, { a: "abc" }, "save").errors).toEqual({ "scores.a": ["scoring:errors.notANumber"] });
    expect(checkScores(rubric, { a: "1".repeat(40) }, "save").errors).toEqual({ "scores.a": ["scoring:errors.notANumber"] });
  });

  it("lets a draft leave boxes empty and requires every criterion to submit", () => {
    expect(checkScores(rubric, { a: "20" }, "save")).toEqual({ points: { a: 20 }, errors: {} });
    expect(checkScores(rubric, { a: "20", b: " " }, "submit").errors).toEqual({
      "scores.b": ["scoring:errors.required"],
      "scores.c": ["scoring:errors.required"],
    });
    expect(checkScores(rubric, { a: "20", b: "7", c: "1,75" }, "submit")).toEqual({ points: { a: 20, b: 7, c: 1.75 }, errors: {} });
  });

  it("ignores scores of criteria that are not in the rubric", () => {
    expect(checkScores(rubric, { a: "1", zzz: "999" }, "save")).toEqual({ points: { a: 1 }, errors: {} });
  });
});

describe("the form's schemas", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return data;
  };

  it("parses the envelope from a posted form (an empty box stays empty: no score)", () => {
    const submission = parseWithZod(form({ intent: "save", expectedVersion: "3", "scores.a": "7,5", "scores.b": "", privateNote: "Ghi chú" }), {
      schema: scoresheetFormSchema,
    });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toEqual({ intent: "save", expectedVersion: 3, scores: { a: "7,5", b: "" }, privateNote: "Ghi chú", feedback: "" });
    expect(checkScores(rubric, submission.value.scores, "save")).toEqual({ points: { a: 7.5 }, errors: {} });
  });

  it("refuses a missing version and over-long notes", () => {
    const submission = parseWithZod(form({ privateNote: "x".repeat(4001) }), { schema: scoresheetFormSchema });
    expect(submission.status).toBe("error");
    expect(submission.status === "error" && submission.error).toMatchObject({ expectedVersion: expect.any(Array), privateNote: ['scoring:errors.noteTooLong|{"max":4000}'] });
  });

  it("checks the rubric's rules in the browser's schema by intent", () => {
    const draft = parseWithZod(form({ expectedVersion: "0", "scores.a": "30" }), { schema: sheetSchemaFor(rubric) });
    expect(draft.status === "error" && draft.error).toEqual({ "scores.a": ['scoring:errors.outOfRange|{"max":25}'] });
    const submit = parseWithZod(form({ intent: "submit", expectedVersion: "0", "scores.a": "20" }), { schema: sheetSchemaFor(rubric) });
    expect(submit.status === "error" && submit.error).toEqual({ "scores.b": ["scoring:errors.required"], "scores.c": ["scoring:errors.required"] });
    const ok = parseWithZod(form({ intent: "submit", expectedVersion: "1", "scores.a": "20", "scores.b": "10", "scores.c": "0" }), { schema: sheetSchemaFor(rubric) });
    expect(ok.status).toBe("success");
  });
});
