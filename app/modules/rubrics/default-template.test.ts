import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blankRubricTemplate, defaultRubricTemplate, standardLevels } from "./default-template";
import { rubricDraftSchema } from "./rubric-editor.schema";
import { parseLevels, serializeLevels } from "./rubric.schema";

describe("defaultRubricTemplate", () => {
  it("is the five criteria of DOMAIN.md, 100 points, step 0.5, weight 1", () => {
    const vi = defaultRubricTemplate("vi");
    expect(vi.criteria.map((c) => [c.name, c.maxPoints])).toEqual([
      ["Tư tưởng, quan điểm", 25],
      ["Tính khoa học, lập luận", 25],
      ["Tính chiến đấu, thuyết phục", 20],
      ["Tính thực tiễn, thời sự", 20],
      ["Hình thức, ngôn ngữ, sáng tạo", 10],
    ]);
    expect(vi.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    for (const c of vi.criteria) {
      expect(c.step).toBe(0.5);
      expect(c.weight).toBe(1);
      expect(c.description.length).toBeGreaterThan(40);
      expect(c.levels.map((l) => l.label)).toEqual(["Xuất sắc", "Tốt", "Đạt", "Chưa đạt"]);
    }
  });

  it("has an English translation of every name, description and level with the same numbers", () => {
    const vi = defaultRubricTemplate("vi");
    const en = defaultRubricTemplate("en");
    expect(en.name).not.toBe(vi.name);
    expect(en.criteria).toHaveLength(vi.criteria.length);
    en.criteria.forEach((c, i) => {
      const v = vi.criteria[i]!;
      expect(c.name).not.toBe(v.name);
      expect(c.description).not.toBe(v.description);
      expect(c.name).toMatch(/^[\x20-\x7e–]+$/);
      expect([c.maxPoints, c.step, c.weight]).toEqual([v.maxPoints, v.step, v.weight]);
      expect(c.levels.map(({ from, to }) => [from, to])).toEqual(v.levels.map(({ from, to }) => [from, to]));
    });
    expect(en.criteria[0]!.levels.map((l) => l.label)).toEqual(["Excellent", "Good", "Satisfactory", "Unsatisfactory"]);
  });

  it("gives a fresh copy each time", () => {
    const a = defaultRubricTemplate("vi");
    a.criteria[0]!.maxPoints = 1;
    expect(defaultRubricTemplate("vi").criteria[0]!.maxPoints).toBe(25);
  });

  it("survives the Criterion.levels round trip", () => {
    for (const c of defaultRubricTemplate("vi").criteria) expect(parseLevels(serializeLevels(c.levels))).toEqual(c.levels);
    expect(parseLevels("not json")).toEqual([]);
  });
});

describe("standardLevels", () => {
  it("covers 0..max on the step, highest first, without gaps or overlaps", () => {
    fc.assert(
      fc.property(fc.constantFrom(0.25, 0.5, 1), fc.integer({ min: 4, max: 200 }), fc.constantFrom("vi" as const, "en" as const), (step, units, lang) => {
        const max = units * step;
        const levels = standardLevels(max, step, lang);
        expect(levels).toHaveLength(4);
        expect(levels[0]!.to).toBe(max);
        expect(levels[3]!.from).toBe(0);
        for (let i = 0; i < levels.length; i++) {
          const l = levels[i]!;
          expect(l.from).toBeLessThanOrEqual(l.to);
          expect(Number.isInteger(l.from / step) && Number.isInteger(l.to / step)).toBe(true);
          if (i > 0) expect(levels[i - 1]!.from).toBeCloseTo(l.to + step, 9);
        }
      }),
    );
  });

  it("puts 25 points at 22.5 / 19 / 12.5", () => {
    expect(standardLevels(25, 0.5, "vi")).toEqual([
      { from: 22.5, to: 25, label: "Xuất sắc" },
      { from: 19, to: 22, label: "Tốt" },
      { from: 12.5, to: 18.5, label: "Đạt" },
      { from: 0, to: 12, label: "Chưa đạt" },
    ]);
  });
});

describe("blankRubricTemplate", () => {
  it("is a valid draft of one criterion in either language, and a fresh copy each time", () => {
    for (const lng of ["vi", "en"] as const) {
      const blank = blankRubricTemplate(lng);
      expect(rubricDraftSchema.safeParse(blank).success).toBe(true);
      expect(blank.criteria).toHaveLength(1);
      blank.criteria.pop();
      expect(blankRubricTemplate(lng).criteria).toHaveLength(1);
    }
    expect(blankRubricTemplate("vi").name).not.toBe(blankRubricTemplate("en").name);
  });
});
