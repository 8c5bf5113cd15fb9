// Rubrics in the database: created from the default template, edited as whole drafts, and
// versioned so that a saved score never changes meaning (issue 3, "Rubric builder").
//
// Versions. A rubric's latest version is the one being edited. While it is unlocked (no score
// saved on it yet) a save replaces its criteria in place. The scoring module calls
// lockRubricVersion in the transaction that saves a version's first score; from then on a save
// creates version n+1 with the new criteria, and the locked version, its criteria and every
// scoresheet pointing at it stay exactly as they were. Which version a round uses is the rounds'
// business (Round.rubricVersionId); saving does not move rounds.
//
// Concurrency. The editor submits the version id and the revision it loaded (getRubricForEditing).
// The revision changes on every save, also when an unlocked version is replaced in place, where
// the version id stays the same; a save from a stale page is refused (changedMeanwhile) and
// writes nothing. The transaction first locks the rubric row (a no-op write, as in
// contests/phases.server.ts), so two saves of one rubric run one after the other; the unlocked
// version is then claimed by a conditional no-op update (WHERE lockedAt IS NULL), so a
// lockRubricVersion committed meanwhile sends the save to a new version instead.
import crypto from "node:crypto";
import { audit } from "#app/modules/audit/audit.server";
import { prisma, type Tx } from "#app/utils/db.server";
import { defaultRubricTemplate, type RubricLanguage } from "./default-template";
import { rubricDraftSchema, type RubricDraft, type RubricDraftInput } from "./rubric-editor.schema";
import { criterionRows, parseLevels, type CriterionTemplate } from "./rubric.schema";

export interface CriterionForEditing extends CriterionTemplate {
  id: string;
  position: number;
}

export interface RubricForEditing {
  rubricId: string;
  contestId: string;
  name: string;
  versionId: string;
  version: number;
  /** Set once a score has been saved on this version; a save then creates a new version. */
  lockedAt: Date | null;
  /** Changes on every save; send it back with the version id as the editor's concurrency token. */
  revision: string;
  criteria: CriterionForEditing[];
}

export type SaveRubricResult =
  | { ok: true; outcome: "replaced" | "newVersion" | "unchanged"; rubric: RubricForEditing }
  | { ok: false; reason: "rubrics:errors.invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "rubrics:errors.notFound" }
  | { ok: false; reason: "rubrics:errors.changedMeanwhile"; current: RubricForEditing };

export interface SaveRubricInput {
  rubricId: string;
  draft: RubricDraftInput;
  actorId: string | null;
  /** The version id the editor loaded. */
  expectedVersionId: string;
  /** The revision the editor loaded. */
  expectedRevision: string;
  ip?: string | null;
}

const criterionSelect = {
  id: true,
  position: true,
  name: true,
  description: true,
  maxPoints: true,
  step: true,
  weight: true,
  levels: true,
} as const;

function revisionOf(versionId: string, criterionIds: string[]): string {
  return crypto.createHash("sha256").update([versionId, ...criterionIds].join(":")).digest("hex").slice(0, 20);
}

async function loadLatest(tx: Tx, rubricId: string): Promise<RubricForEditing | null> {
  const rubric = await tx.rubric.findUnique({
    where: { id: rubricId },
    select: {
      id: true,
      contestId: true,
      name: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { id: true, version: true, lockedAt: true, criteria: { orderBy: { position: "asc" }, select: criterionSelect } },
      },
    },
  });
  const latest = rubric?.versions[0];
  if (!rubric || !latest) return null;
  return {
    rubricId: rubric.id,
    contestId: rubric.contestId,
    name: rubric.name,
    versionId: latest.id,
    version: latest.version,
    lockedAt: latest.lockedAt,
    revision: revisionOf(
      latest.id,
      latest.criteria.map((c) => c.id),
    ),
    criteria: latest.criteria.map((c) => ({ ...c, levels: parseLevels(c.levels) })),
  };
}

/** The latest version of a rubric with its criteria in order, or null. Authorization is the caller's. */
export async function getRubricForEditing(rubricId: string): Promise<RubricForEditing | null> {
  return loadLatest(prisma, rubricId);
}

/** What the audit log keeps of a rubric: its name and each criterion's name, maximum, step and weight. */
function summary(name: string, criteria: CriterionTemplate[]) {
  return { name, criteria: criteria.map((c) => ({ name: c.name, maxPoints: c.maxPoints, step: c.step, weight: c.weight })) };
}

function sameContent(current: RubricForEditing, draft: RubricDraft): boolean {
  const content = (name: string, criteria: CriterionTemplate[]) =>
    JSON.stringify([name, criteria.map((c) => [c.name, c.description, c.maxPoints, c.step, c.weight, c.levels.map((l) => [l.from, l.to, l.label])])]);
  return content(current.name, current.criteria) === content(draft.name, draft.criteria);
}

/**
 * A new rubric for the contest, version 1 holding the default template's criteria in the given
 * language (the contest's own). Logged as "rubric.create". Authorization is the caller's.
 */
export async function createRubricFromTemplate(input: {
  contestId: string;
  language: RubricLanguage;
  actorId: string | null;
  ip?: string | null;
}): Promise<RubricForEditing> {
  const template = defaultRubricTemplate(input.language);
  return prisma.$transaction(async (tx) => {
    const rubric = await tx.rubric.create({
      data: {
        contestId: input.contestId,
        name: template.name,
        versions: { create: { version: 1, criteria: { create: criterionRows(template.criteria) } } },
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "rubric.create",
      targetType: "Rubric",
      targetId: rubric.id,
      data: { version: 1, template: input.language, after: summary(template.name, template.criteria) },
      ip: input.ip ?? null,
    });
    return (await loadLatest(tx, rubric.id))!;
  });
}

/**
 * Saves a whole draft (name, criteria in display order) as the rubric's latest content: in place
 * while the latest version is unlocked, as version n+1 once it is locked (see the top of the file).
 * Logged as "rubric.update" {version, newVersion, before, after}; an unchanged draft writes nothing.
 * Authorization is the caller's.
 */
export async function saveRubric(input: SaveRubricInput): Promise<SaveRubricResult> {
  const parsed = rubricDraftSchema.safeParse(input.draft);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
    return { ok: false, reason: "rubrics:errors.invalid", fieldErrors };
  }
  const draft = parsed.data;

  return prisma.$transaction(async (tx): Promise<SaveRubricResult> => {
    const rubricRows = await tx.$executeRaw`UPDATE "Rubric" SET "name" = "name" WHERE "id" = ${input.rubricId}`;
    if (rubricRows !== 1) return { ok: false, reason: "rubrics:errors.notFound" };
    const current = await loadLatest(tx, input.rubricId);
    if (!current) return { ok: false, reason: "rubrics:errors.notFound" };
    if (current.versionId !== input.expectedVersionId || current.revision !== input.expectedRevision) {
      return { ok: false, reason: "rubrics:errors.changedMeanwhile", current };
    }
    if (sameContent(current, draft)) return { ok: true, outcome: "unchanged", rubric: current };

    let locked = current.lockedAt !== null;
    if (!locked) {
      const claimed = await tx.$executeRaw`UPDATE "RubricVersion" SET "lockedAt" = "lockedAt" WHERE "id" = ${current.versionId} AND "lockedAt" IS NULL`;
      // A score saved without lockRubricVersion must not be orphaned either: lock the version now.
      const scored = await tx.score.count({ where: { criterion: { rubricVersionId: current.versionId } } });
      if (scored > 0) await lockRubricVersion(tx, current.versionId);
      locked = claimed !== 1 || scored > 0;
    }

    const rows = criterionRows(draft.criteria);
    let versionId = current.versionId;
    let version = current.version;
    if (locked) {
      version = current.version + 1;
      versionId = (
        await tx.rubricVersion.create({
          data: { rubricId: current.rubricId, version, criteria: { create: rows } },
          select: { id: true },
        })
      ).id;
    } else {
      await tx.criterion.deleteMany({ where: { rubricVersionId: current.versionId } });
      await tx.criterion.createMany({ data: rows.map((r) => ({ ...r, rubricVersionId: current.versionId })) });
    }
    if (draft.name !== current.name) await tx.rubric.update({ where: { id: current.rubricId }, data: { name: draft.name } });

    await audit(tx, {
      actorId: input.actorId,
      contestId: current.contestId,
      action: "rubric.update",
      targetType: "Rubric",
      targetId: current.rubricId,
      data: {
        versionId,
        version,
        newVersion: locked,
        before: summary(current.name, current.criteria),
        after: summary(draft.name, draft.criteria),
      },
      ip: input.ip ?? null,
    });
    const rubric = (await loadLatest(tx, current.rubricId))!;
    return { ok: true, outcome: locked ? "newVersion" : "replaced", rubric };
  });
}

/**
 * Locks a rubric version, once: to be called by the scoring module inside the transaction that
 * saves the version's first score. True when this call locked it, false when it was locked
 * already (or does not exist).
 */
export async function lockRubricVersion(tx: Tx, rubricVersionId: string, now: Date = new Date()): Promise<boolean> {
  const changed = await tx.rubricVersion.updateMany({ where: { id: rubricVersionId, lockedAt: null }, data: { lockedAt: now } });
  return changed.count === 1;
}
