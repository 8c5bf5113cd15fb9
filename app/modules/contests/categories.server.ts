// Categories [đối tượng dự thi] and prize tiers in the database (/organize/:contestId/categories).
// Authorization is the caller's (requireManagedContest); every query is scoped by the contest,
// so a category of another contest is simply not found.
//
// Each write locks the contest row first (lock.server.ts), checks the phase (nothing changes once
// results are published: editing-policy.ts) and writes its audit record in the same transaction.
// Forms that edit one category carry its revision (a fingerprint of its name, description and
// tiers as the page showed them); a form from before someone else's change is refused (stale).
//
// Prize tiers are kept by rank (1 = highest): saving a list updates the tiers of the ranks that
// stay, adds new ranks and removes the ranks beyond the list, so an award already decided keeps
// pointing at its tier; removing a tier that has awards is refused.
import crypto from "node:crypto";
import { audit } from "#app/modules/audit/audit.server";
import { prisma, Prisma, type Tx } from "#app/utils/db.server";
import { categoriesLockReason } from "./editing-policy";
import { lockContest } from "./lock.server";
import type { ContestPhase } from "./phases";
import { CATEGORIES_MAX, defaultPrizeTiers, nameKey, type PrizeTierInput } from "./categories.schema";

export interface PrizeTierView {
  id: string;
  rank: number;
  name: string;
  count: number;
}

export interface CategoryView {
  id: string;
  name: string;
  description: string;
  position: number;
  /** Send back with a change to this category (stale forms are refused). */
  revision: string;
  entryCount: number;
  tiers: PrizeTierView[];
}

export interface CategoriesPage {
  contest: { id: string; title: string; phase: ContestPhase; locale: string };
  /** Why nothing may change any more (an i18n key), or null. */
  locked: string | null;
  categories: CategoryView[];
}

const categorySelect = {
  id: true,
  name: true,
  description: true,
  position: true,
  prizeTiers: { orderBy: { rank: "asc" }, select: { id: true, rank: true, name: true, count: true } },
  _count: { select: { entries: true } },
} as const satisfies Prisma.CategorySelect;

type CategoryRow = Prisma.CategoryGetPayload<{ select: typeof categorySelect }>;

function revisionOf(c: Pick<CategoryRow, "name" | "description" | "prizeTiers">): string {
  const content = JSON.stringify([c.name, c.description, c.prizeTiers.map((t) => [t.rank, t.name, t.count])]);
  return crypto.createHash("sha256").update(content).digest("hex").slice(0, 16);
}

function view(c: CategoryRow): CategoryView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    position: c.position,
    revision: revisionOf(c),
    entryCount: c._count.entries,
    tiers: c.prizeTiers,
  };
}

/** The display order: by position, then name (rows created elsewhere may share a position). */
const categoryOrder: Prisma.CategoryOrderByWithRelationInput[] = [{ position: "asc" }, { name: "asc" }, { id: "asc" }];

/** The page: the contest, whether it is still editable, its categories in order with their tiers. */
export async function getCategoriesPage(contestId: string): Promise<CategoriesPage | null> {
  const contest = await prisma.contest.findUnique({
    where: { id: contestId },
    select: {
      id: true,
      title: true,
      phase: true,
      locale: true,
      categories: { orderBy: categoryOrder, select: categorySelect },
    },
  });
  if (!contest) return null;
  const { categories, ...rest } = contest;
  return { contest: rest, locked: categoriesLockReason(contest.phase), categories: categories.map(view) };
}

export type CategoryResult =
  | { ok: true; categoryId: string; name: string; changed: boolean }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "stale" }
  /** Refused by a rule: `field` names the form field the message belongs to, when there is one. */
  | { ok: false; reason: "refused"; error: string; field?: string };

interface Actor {
  contestId: string;
  actorId: string;
  ip?: string | null;
}

type Refusal = Extract<CategoryResult, { ok: false }>;

/** Locks the contest and checks it may still change; the contest's phase, or why not. */
async function openContest(tx: Tx, contestId: string): Promise<{ phase: ContestPhase; locale: string } | Refusal> {
  if (!(await lockContest(tx, contestId))) return { ok: false, reason: "notFound" };
  const contest = await tx.contest.findUniqueOrThrow({ where: { id: contestId }, select: { phase: true, locale: true } });
  const locked = categoriesLockReason(contest.phase);
  return locked ? { ok: false, reason: "refused", error: locked } : contest;
}

/** The category of this contest, checked against the revision the form carried. */
async function findCategory(tx: Tx, contestId: string, categoryId: string, revision?: string): Promise<CategoryRow | Refusal> {
  const category = await tx.category.findFirst({ where: { id: categoryId, contestId }, select: categorySelect });
  if (!category) return { ok: false, reason: "notFound" };
  if (revision !== undefined && revision !== revisionOf(category)) return { ok: false, reason: "stale" };
  return category;
}

const isRefusal = (value: object): value is Refusal => "ok" in value && value.ok === false;

async function nameTaken(tx: Tx, contestId: string, name: string, exceptId?: string): Promise<boolean> {
  const others = await tx.category.findMany({ where: { contestId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
  return others.some((o) => nameKey(o.name) === nameKey(name));
}

const NAME_TAKEN: Refusal = { ok: false, reason: "refused", field: "name", error: "editor:categories.errors.nameTaken" };

/** Runs a write; a unique-name race lost to another organizer is the same field error as a taken name. */
async function write(run: () => Promise<CategoryResult>): Promise<CategoryResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return NAME_TAKEN;
    throw error;
  }
}

export async function createCategory(input: Actor & { name: string; description: string }): Promise<CategoryResult> {
  return write(() =>
    prisma.$transaction(async (tx): Promise<CategoryResult> => {
      const contest = await openContest(tx, input.contestId);
      if (isRefusal(contest)) return contest;
      const count = await tx.category.count({ where: { contestId: input.contestId } });
      if (count >= CATEGORIES_MAX) {
        return { ok: false, reason: "refused", error: `editor:categories.errors.tooMany|${JSON.stringify({ max: CATEGORIES_MAX })}` };
      }
      if (await nameTaken(tx, input.contestId, input.name)) return NAME_TAKEN;
      const last = await tx.category.aggregate({ where: { contestId: input.contestId }, _max: { position: true } });
      const position = (last._max.position ?? -1) + 1;
      const created = await tx.category.create({
        data: { contestId: input.contestId, name: input.name, description: input.description, position },
        select: { id: true },
      });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "category.create",
        targetType: "Category",
        targetId: created.id,
        data: { after: { name: input.name, description: input.description, position } },
        ip: input.ip ?? null,
      });
      return { ok: true, categoryId: created.id, name: input.name, changed: true };
    }),
  );
}

export async function updateCategory(
  input: Actor & { categoryId: string; revision: string; name: string; description: string },
): Promise<CategoryResult> {
  return write(() =>
    prisma.$transaction(async (tx): Promise<CategoryResult> => {
      const contest = await openContest(tx, input.contestId);
      if (isRefusal(contest)) return contest;
      const category = await findCategory(tx, input.contestId, input.categoryId, input.revision);
      if (isRefusal(category)) return category;
      const before: Record<string, string> = {};
      const after: Record<string, string> = {};
      for (const key of ["name", "description"] as const) {
        if (category[key] !== input[key]) {
          before[key] = category[key];
          after[key] = input[key];
        }
      }
      if (Object.keys(after).length === 0) return { ok: true, categoryId: category.id, name: category.name, changed: false };
      if (after.name !== undefined && (await nameTaken(tx, input.contestId, input.name, category.id))) return NAME_TAKEN;
      await tx.category.update({ where: { id: category.id }, data: after });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "category.update",
        targetType: "Category",
        targetId: category.id,
        data: { before, after },
        ip: input.ip ?? null,
      });
      return { ok: true, categoryId: category.id, name: input.name, changed: true };
    }),
  );
}

/** Moves a category one place up or down; at either end nothing changes. Positions become 0, 1, 2, ... */
export async function moveCategory(input: Actor & { categoryId: string; direction: "up" | "down" }): Promise<CategoryResult> {
  return prisma.$transaction(async (tx): Promise<CategoryResult> => {
    const contest = await openContest(tx, input.contestId);
    if (isRefusal(contest)) return contest;
    const order = await tx.category.findMany({ where: { contestId: input.contestId }, orderBy: categoryOrder, select: { id: true, name: true, position: true } });
    const index = order.findIndex((c) => c.id === input.categoryId);
    if (index < 0) return { ok: false, reason: "notFound" };
    const target = input.direction === "up" ? index - 1 : index + 1;
    const moving = order[index]!;
    if (target < 0 || target >= order.length) return { ok: true, categoryId: moving.id, name: moving.name, changed: false };
    const next = [...order];
    next[index] = order[target]!;
    next[target] = moving;
    for (const [position, c] of next.entries()) {
      if (c.position !== position) await tx.category.update({ where: { id: c.id }, data: { position } });
    }
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "category.reorder",
      targetType: "Category",
      targetId: moving.id,
      data: { before: order.map((c) => c.name), after: next.map((c) => c.name) },
      ip: input.ip ?? null,
    });
    return { ok: true, categoryId: moving.id, name: moving.name, changed: true };
  });
}

/** Deletes a category without entries (an open contest keeps at least one category). */
export async function deleteCategory(input: Actor & { categoryId: string; revision: string }): Promise<CategoryResult> {
  return prisma.$transaction(async (tx): Promise<CategoryResult> => {
    const contest = await openContest(tx, input.contestId);
    if (isRefusal(contest)) return contest;
    const category = await findCategory(tx, input.contestId, input.categoryId, input.revision);
    if (isRefusal(category)) return category;
    const entries = await tx.entry.count({ where: { categoryId: category.id } });
    if (entries > 0) {
      return { ok: false, reason: "refused", error: `editor:categories.errors.hasEntries|${JSON.stringify({ count: entries })}` };
    }
    if (contest.phase !== "DRAFT" && (await tx.category.count({ where: { contestId: input.contestId } })) === 1) {
      return { ok: false, reason: "refused", error: "editor:categories.errors.lastCategory" };
    }
    await tx.category.delete({ where: { id: category.id } });
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "category.delete",
      targetType: "Category",
      targetId: category.id,
      data: {
        before: { name: category.name, description: category.description, tiers: category.prizeTiers.map(({ name, count }) => ({ name, count })) },
      },
      ip: input.ip ?? null,
    });
    return { ok: true, categoryId: category.id, name: category.name, changed: true };
  });
}

/** Replaces a category's prize tiers by an ordered list (rank = place in the list, 1 first). */
export async function savePrizeTiers(
  input: Actor & { categoryId: string; revision: string; tiers: PrizeTierInput[] | "default" },
): Promise<CategoryResult> {
  return prisma.$transaction(async (tx): Promise<CategoryResult> => {
    const contest = await openContest(tx, input.contestId);
    if (isRefusal(contest)) return contest;
    const category = await findCategory(tx, input.contestId, input.categoryId, input.revision);
    if (isRefusal(category)) return category;
    const wanted = input.tiers === "default" ? defaultPrizeTiers(contest.locale) : input.tiers;
    const current = category.prizeTiers;

    const removed = current.filter((t) => t.rank > wanted.length);
    if (removed.length > 0) {
      const awarded = await tx.award.findFirst({ where: { prizeTierId: { in: removed.map((t) => t.id) } }, select: { prizeTier: { select: { name: true } } } });
      if (awarded) {
        return { ok: false, reason: "refused", error: `editor:categories.errors.tierAwarded|${JSON.stringify({ name: awarded.prizeTier!.name })}` };
      }
      await tx.prizeTier.deleteMany({ where: { id: { in: removed.map((t) => t.id) } } });
    }
    let changed = removed.length > 0;
    for (const [index, tier] of wanted.entries()) {
      const rank = index + 1;
      const existing = current.find((t) => t.rank === rank);
      if (!existing) {
        await tx.prizeTier.create({ data: { categoryId: category.id, rank, name: tier.name, count: tier.count } });
        changed = true;
      } else if (existing.name !== tier.name || existing.count !== tier.count) {
        await tx.prizeTier.update({ where: { id: existing.id }, data: { name: tier.name, count: tier.count } });
        changed = true;
      }
    }
    if (!changed) return { ok: true, categoryId: category.id, name: category.name, changed: false };
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "category.prizeTiers",
      targetType: "Category",
      targetId: category.id,
      data: {
        category: category.name,
        before: current.map(({ name, count }) => ({ name, count })),
        after: wanted.map(({ name, count }) => ({ name, count })),
      },
      ip: input.ip ?? null,
    });
    return { ok: true, categoryId: category.id, name: category.name, changed: true };
  });
}
