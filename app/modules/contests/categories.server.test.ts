import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import type { ContestPhase } from "#app/generated/sqlite/enums";
import { prisma } from "#app/utils/db.server";
import { createTestContest, createTestEntries } from "#tests/factories/contests";
import { CATEGORIES_MAX, categoriesActionSchema, nameKey } from "./categories.schema";
import {
  createCategory,
  deleteCategory,
  getCategoriesPage,
  moveCategory,
  savePrizeTiers,
  updateCategory,
} from "./categories.server";

async function setUp(options: { phase?: ContestPhase; categories?: string[]; locale?: string } = {}) {
  const { contest, organizerId } = await createTestContest({ phase: options.phase, categories: options.categories });
  if (options.locale) await prisma.contest.update({ where: { id: contest.id }, data: { locale: options.locale } });
  const who = { contestId: contest.id, actorId: organizerId, ip: "203.0.113.7" };
  const page = async () => (await getCategoriesPage(contest.id))!;
  const category = async (name: string) => (await page()).categories.find((c) => c.name === name)!;
  return { contest, organizerId, who, page, category };
}

const logs = (contestId: string, action: string) =>
  prisma.auditLog.findMany({ where: { contestId, action }, orderBy: { id: "asc" } }).then((rows) => rows.map((r) => JSON.parse(r.data) as unknown));

describe("categories", () => {
  it("adds categories at the end, refuses a name already used (whatever its case) and logs each", async () => {
    const { contest, who, page } = await setUp();
    expect(await createCategory({ ...who, name: "Cán bộ, đảng viên", description: "Đang công tác" })).toMatchObject({ ok: true, changed: true });
    expect(await createCategory({ ...who, name: "Học sinh, sinh viên", description: "" })).toMatchObject({ ok: true });
    expect(await createCategory({ ...who, name: "  CÁN BỘ, ĐẢNG VIÊN ", description: "" })).toEqual({
      ok: false,
      reason: "refused",
      field: "name",
      error: "editor:categories.errors.nameTaken",
    });
    const { categories } = await page();
    expect(categories.map((c) => [c.name, c.position, c.tiers.length])).toEqual([
      ["Cán bộ, đảng viên", 0, 0],
      ["Học sinh, sinh viên", 1, 0],
    ]);
    expect(await logs(contest.id, "category.create")).toEqual([
      { after: { name: "Cán bộ, đảng viên", description: "Đang công tác", position: 0 } },
      { after: { name: "Học sinh, sinh viên", description: "", position: 1 } },
    ]);
  });

  it(`stops at ${CATEGORIES_MAX} categories`, async () => {
    const { who } = await setUp({ categories: Array.from({ length: CATEGORIES_MAX }, (_, i) => `Đối tượng ${i + 1}`) });
    expect(await createCategory({ ...who, name: "Một đối tượng nữa", description: "" })).toEqual({
      ok: false,
      reason: "refused",
      error: `editor:categories.errors.tooMany|{"max":${CATEGORIES_MAX}}`,
    });
  });

  it("renames and describes, logging only what changed; a form from before another change is stale", async () => {
    const { contest, who, category } = await setUp({ categories: ["Cán bộ", "Học sinh"] });
    const shown = await category("Cán bộ");
    expect(await updateCategory({ ...who, categoryId: shown.id, revision: shown.revision, name: "Cán bộ, công chức", description: shown.description })).toMatchObject({
      ok: true,
      changed: true,
    });
    expect(await logs(contest.id, "category.update")).toEqual([{ before: { name: "Cán bộ" }, after: { name: "Cán bộ, công chức" } }]);
    // The same old form again: refused, nothing written.
    expect(await updateCategory({ ...who, categoryId: shown.id, revision: shown.revision, name: "Tên khác", description: "" })).toEqual({ ok: false, reason: "stale" });
    const fresh = await category("Cán bộ, công chức");
    expect(await updateCategory({ ...who, categoryId: fresh.id, revision: fresh.revision, name: "học sinh", description: "" })).toMatchObject({
      reason: "refused",
      field: "name",
    });
    expect(await updateCategory({ ...who, categoryId: fresh.id, revision: fresh.revision, name: fresh.name, description: "" })).toMatchObject({ ok: true, changed: false });
    expect(await logs(contest.id, "category.update")).toHaveLength(1);
  });

  it("moves up and down, renumbering positions; the ends stay put", async () => {
    const { contest, who, page } = await setUp({ categories: ["A", "B", "C"] });
    const names = async () => (await page()).categories.map((c) => c.name);
    const id = async (name: string) => (await page()).categories.find((c) => c.name === name)!.id;
    expect(await moveCategory({ ...who, categoryId: await id("C"), direction: "up" })).toMatchObject({ ok: true, changed: true });
    expect(await names()).toEqual(["A", "C", "B"]);
    expect(await moveCategory({ ...who, categoryId: await id("A"), direction: "up" })).toMatchObject({ ok: true, changed: false });
    expect(await moveCategory({ ...who, categoryId: await id("A"), direction: "down" })).toMatchObject({ ok: true, changed: true });
    expect(await names()).toEqual(["C", "A", "B"]);
    expect((await page()).categories.map((c) => c.position)).toEqual([0, 1, 2]);
    expect(await logs(contest.id, "category.reorder")).toEqual([
      { before: ["A", "B", "C"], after: ["A", "C", "B"] },
      { before: ["A", "C", "B"], after: ["C", "A", "B"] },
    ]);
  });

  it("deletes a category without entries; refuses one with entries, and the last one of an open contest", async () => {
    const { contest, who, category } = await setUp({ categories: ["Cán bộ", "Học sinh"], phase: "OPEN" });
    const withEntries = await category("Cán bộ");
    await createTestEntries(contest.id, withEntries.id, 2, { status: "SUBMITTED" });
    expect(await deleteCategory({ ...who, categoryId: withEntries.id, revision: withEntries.revision })).toEqual({
      ok: false,
      reason: "refused",
      error: 'editor:categories.errors.hasEntries|{"count":2}',
    });
    const empty = await category("Học sinh");
    expect(await deleteCategory({ ...who, categoryId: empty.id, revision: empty.revision })).toMatchObject({ ok: true });
    expect(await prisma.prizeTier.count({ where: { categoryId: empty.id } })).toBe(0);
    expect(await logs(contest.id, "category.delete")).toEqual([
      {
        before: {
          name: "Học sinh",
          description: "",
          tiers: [
            { name: "Giải Nhất", count: 1 },
            { name: "Giải Nhì", count: 2 },
            { name: "Giải Ba", count: 3 },
            { name: "Giải Khuyến khích", count: 5 },
          ],
        },
      },
    ]);

    const open = await setUp({ categories: ["Duy nhất"], phase: "OPEN" });
    const only = await open.category("Duy nhất");
    expect(await deleteCategory({ ...open.who, categoryId: only.id, revision: only.revision })).toMatchObject({ error: "editor:categories.errors.lastCategory" });
    const draft = await setUp({ categories: ["Duy nhất"] });
    const draftOnly = await draft.category("Duy nhất");
    expect(await deleteCategory({ ...draft.who, categoryId: draftOnly.id, revision: draftOnly.revision })).toMatchObject({ ok: true });
  });

  it("never touches a category of another contest", async () => {
    const { who } = await setUp({ categories: ["Của tôi"] });
    const other = await setUp({ categories: ["Của người khác"] });
    const foreign = await other.category("Của người khác");
    for (const result of [
      await updateCategory({ ...who, categoryId: foreign.id, revision: foreign.revision, name: "Chiếm", description: "" }),
      await moveCategory({ ...who, categoryId: foreign.id, direction: "up" }),
      await deleteCategory({ ...who, categoryId: foreign.id, revision: foreign.revision }),
      await savePrizeTiers({ ...who, categoryId: foreign.id, revision: foreign.revision, tiers: [] }),
    ]) {
      expect(result).toEqual({ ok: false, reason: "notFound" });
    }
    expect(await other.category("Của người khác")).toEqual(foreign);
  });

  it("nothing changes once results are published", async () => {
    const { contest, who, category } = await setUp({ categories: ["Cán bộ"], phase: "PUBLISHED" });
    const shown = await category("Cán bộ");
    const refused = { ok: false, reason: "refused", error: "editor:categories.errors.published" };
    expect(await createCategory({ ...who, name: "Mới", description: "" })).toEqual(refused);
    expect(await updateCategory({ ...who, categoryId: shown.id, revision: shown.revision, name: "Khác", description: "" })).toEqual(refused);
    expect(await savePrizeTiers({ ...who, categoryId: shown.id, revision: shown.revision, tiers: [] })).toEqual(refused);
    expect(await deleteCategory({ ...who, categoryId: shown.id, revision: shown.revision })).toEqual(refused);
    expect(await category("Cán bộ")).toEqual(shown);
    expect(await prisma.auditLog.count({ where: { contestId: contest.id } })).toBe(0);
  });
});

describe("prize tiers", () => {
  it("offers the default structure in the contest's language", async () => {
    const vi = await setUp();
    await createCategory({ ...vi.who, name: "Cán bộ", description: "" });
    const shown = await vi.category("Cán bộ");
    expect(await savePrizeTiers({ ...vi.who, categoryId: shown.id, revision: shown.revision, tiers: "default" })).toMatchObject({ ok: true });
    expect((await vi.category("Cán bộ")).tiers.map(({ rank, name, count }) => [rank, name, count])).toEqual([
      [1, "Giải Nhất", 1],
      [2, "Giải Nhì", 2],
      [3, "Giải Ba", 3],
      [4, "Giải Khuyến khích", 5],
    ]);
    const en = await setUp({ locale: "en" });
    await createCategory({ ...en.who, name: "Students", description: "" });
    const student = await en.category("Students");
    await savePrizeTiers({ ...en.who, categoryId: student.id, revision: student.revision, tiers: "default" });
    expect((await en.category("Students")).tiers.map((t) => t.name)).toEqual(["First Prize", "Second Prize", "Third Prize", "Consolation Prize"]);
  });

  it("keeps tiers by rank: renames in place, adds and removes at the end, logs before and after", async () => {
    const { contest, who, category } = await setUp({ categories: ["Cán bộ"] });
    const shown = await category("Cán bộ");
    const firstId = shown.tiers[0]!.id;
    const tiers = [
      { name: "Giải Đặc biệt", count: 0 },
      { name: "Giải Nhất", count: 2 },
    ];
    expect(await savePrizeTiers({ ...who, categoryId: shown.id, revision: shown.revision, tiers })).toMatchObject({ ok: true, changed: true });
    const after = await category("Cán bộ");
    expect(after.tiers.map(({ rank, name, count }) => ({ rank, name, count }))).toEqual([
      { rank: 1, name: "Giải Đặc biệt", count: 0 },
      { rank: 2, name: "Giải Nhất", count: 2 },
    ]);
    expect(after.tiers[0]!.id).toBe(firstId);
    expect(await logs(contest.id, "category.prizeTiers")).toEqual([
      {
        category: "Cán bộ",
        before: [
          { name: "Giải Nhất", count: 1 },
          { name: "Giải Nhì", count: 2 },
          { name: "Giải Ba", count: 3 },
          { name: "Giải Khuyến khích", count: 5 },
        ],
        after: tiers,
      },
    ]);
    // Stale form, then an unchanged list: neither writes.
    expect(await savePrizeTiers({ ...who, categoryId: shown.id, revision: shown.revision, tiers: [] })).toEqual({ ok: false, reason: "stale" });
    expect(await savePrizeTiers({ ...who, categoryId: after.id, revision: after.revision, tiers })).toMatchObject({ ok: true, changed: false });
    expect(await logs(contest.id, "category.prizeTiers")).toHaveLength(1);
  });

  it("refuses to remove a tier an award already uses", async () => {
    const { contest, who, category } = await setUp({ categories: ["Cán bộ"], phase: "FINALIZING" });
    const shown = await category("Cán bộ");
    const [entry] = await createTestEntries(contest.id, shown.id, 1);
    const round = await prisma.round.create({ data: { contestId: contest.id, position: 1, name: "Chung khảo" } });
    await prisma.award.create({ data: { roundId: round.id, categoryId: shown.id, entryId: entry!.id, prizeTierId: shown.tiers[3]!.id, rank: 7 } });
    expect(await savePrizeTiers({ ...who, categoryId: shown.id, revision: shown.revision, tiers: shown.tiers.slice(0, 3) })).toEqual({
      ok: false,
      reason: "refused",
      error: 'editor:categories.errors.tierAwarded|{"name":"Giải Khuyến khích"}',
    });
    expect((await category("Cán bộ")).tiers).toHaveLength(4);
  });

  it("checks counts and unique names in the form", () => {
    const form = (tiers: [string, string][]) => {
      const data = new FormData();
      data.set("intent", "tiers");
      data.set("categoryId", "c1");
      data.set("revision", "r1");
      tiers.forEach(([name, count], i) => {
        data.set(`tiers[${i}].name`, name);
        data.set(`tiers[${i}].count`, count);
      });
      const submission = parseWithZod(data, { schema: categoriesActionSchema });
      return { status: submission.status, error: submission.status === "error" ? submission.error : undefined };
    };
    expect(form([["Giải Nhất", "1"], ["Giải Khuyến khích", "0"]]).status).toBe("success");
    expect(form([["Giải Nhất", "1"], ["giải nhất", "2"]]).error).toEqual({ "tiers[1].name": ["editor:categories.errors.tierNameTaken"] });
    expect(form([["Giải Nhất", "-1"]]).error).toEqual({ "tiers[0].count": ['editor:errors.min|{"min":0}'] });
    expect(form([["", "1"]]).error).toEqual({ "tiers[0].name": ["validation.required"] });
    expect(nameKey("Giải  Ba") === nameKey("giải ba")).toBe(true);
    expect(nameKey("Giải Ba") === nameKey("Giải Bà")).toBe(false);
  });
});
