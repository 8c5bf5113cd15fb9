// Rubrics in the database: created from the default template (or blank), edited as whole
// drafts, and versioned so that a saved score never changes meaning (issue 3, "Rubric builder").
// Saving and reading take the contest the rubric must belong to, so an id from another contest
// is simply not found.
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
import { blankRubricTemplate, defaultRubricTemplate, type RubricLanguage } from "./default-template";
import { rubricScale } from "./preview";
import { rubricDraftSchema, type RubricDraft, type RubricDraftInput } from "./rubric-editor.schema";
import { criterionRows, parseLevels, type CriterionTemplate, type RubricTemplate } from "./rubric.schema";

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
  /** The contest the rubric must belong to; a rubric of another contest is not found. */
  contestId: string;
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

async function insertRubric(
  input: { contestId: string; actorId: string | null; ip?: string | null },
  template: RubricTemplate,
  origin: Record<string, unknown>,
): Promise<RubricForEditing> {
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
      data: { version: 1, ...origin, after: summary(template.name, template.criteria) },
      ip: input.ip ?? null,
    });
    return (await loadLatest(tx, rubric.id))!;
  });
}

/**
 * A new rubric for the contest, version 1 holding the default template's criteria in the given
 * language (the contest's own, or the other one on request). Logged as "rubric.create".
 * Authorization is the caller's.
 */
export async function createRubricFromTemplate(input: {
  contestId: string;
  language: RubricLanguage;
  actorId: string | null;
  ip?: string | null;
}): Promise<RubricForEditing> {
  return insertRubric(input, defaultRubricTemplate(input.language), { template: input.language });
}

/** The language of a contest's own texts (Contest.locale) as a rubric language; Vietnamese unless English. */
export function contestLanguage(locale: string): RubricLanguage {
  return locale === "en" ? "en" : "vi";
}

/**
 * A new rubric to build from scratch, in the contest's language: version 1 with one placeholder
 * criterion (blankRubricTemplate). Logged as "rubric.create" with `blank: true`; null when the
 * contest does not exist. Authorization is the caller's.
 */
export async function createBlankRubric(input: { contestId: string; actorId: string | null; ip?: string | null }): Promise<RubricForEditing | null> {
  const contest = await prisma.contest.findUnique({ where: { id: input.contestId }, select: { locale: true } });
  if (!contest) return null;
  const language = contestLanguage(contest.locale);
  return insertRubric(input, blankRubricTemplate(language), { blank: true, language });
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
    const rubricRows = await tx.$executeRaw`UPDATE "Rubric" SET "name" = "name" WHERE "id" = ${input.rubricId} AND "contestId" = ${input.contestId}`;
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

// ───────────────────────── reading, for the rubric screens ─────────────────────────
// Every read is scoped by the contest (`rubric: { contestId }`), so a rubric id from another
// contest reads as missing. Authorization (who may see the contest's rubrics) is the caller's.

/** One version of a rubric as the lists show it. */
export interface RubricVersionSummary {
  id: string;
  version: number;
  createdAt: Date;
  /** Set once a score was saved on this version; it can then never change. */
  lockedAt: Date | null;
  criteriaCount: number;
  /** The sum of the criteria's maxima: the rubric's scale (100 on the default template). */
  totalPoints: number;
  /** The rounds that score with this version, in round order. */
  rounds: { id: string; name: string }[];
  scoresheets: number;
}

export interface ContestRubricSummary {
  id: string;
  name: string;
  createdAt: Date;
  /** Newest first. */
  versions: RubricVersionSummary[];
}

/** The contest's facts the rubric screens need: its language (for new rubrics) and its clock. */
export interface RubricContest {
  id: string;
  title: string;
  language: RubricLanguage;
  timeZone: string;
}

const versionSummarySelect = {
  id: true,
  version: true,
  createdAt: true,
  lockedAt: true,
  criteria: { select: { maxPoints: true } },
  rounds: { orderBy: { position: "asc" }, select: { id: true, name: true } },
  _count: { select: { scoresheets: true } },
} as const;

function versionSummary(v: {
  id: string;
  version: number;
  createdAt: Date;
  lockedAt: Date | null;
  criteria: { maxPoints: number }[];
  rounds: { id: string; name: string }[];
  _count: { scoresheets: number };
}): RubricVersionSummary {
  return {
    id: v.id,
    version: v.version,
    createdAt: v.createdAt,
    lockedAt: v.lockedAt,
    criteriaCount: v.criteria.length,
    totalPoints: rubricScale(v.criteria.map((c) => c.maxPoints)) ?? 0,
    rounds: v.rounds,
    scoresheets: v._count.scoresheets,
  };
}

async function rubricContest(contestId: string): Promise<RubricContest | null> {
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, title: true, locale: true, timeZone: true } });
  return contest ? { id: contest.id, title: contest.title, language: contestLanguage(contest.locale), timeZone: contest.timeZone } : null;
}

/** The contest's rubrics, oldest first, each with its versions (newest first); null for an unknown contest. */
export async function listContestRubrics(contestId: string): Promise<{ contest: RubricContest; rubrics: ContestRubricSummary[] } | null> {
  const contest = await rubricContest(contestId);
  if (!contest) return null;
  const rubrics = await prisma.rubric.findMany({
    where: { contestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, createdAt: true, versions: { orderBy: { version: "desc" }, select: versionSummarySelect } },
  });
  return { contest, rubrics: rubrics.map((r) => ({ ...r, versions: r.versions.map(versionSummary) })) };
}

/** Whether the rubric belongs to the contest. */
export async function isContestRubric(contestId: string, rubricId: string): Promise<boolean> {
  return (await prisma.rubric.count({ where: { id: rubricId, contestId } })) === 1;
}

export interface RubricVersionDetail extends RubricVersionSummary {
  rubricId: string;
  name: string;
  criteria: CriterionForEditing[];
}

/** One version of the contest's rubric with its criteria, to read (older versions are never edited); or null. */
export async function getRubricVersion(contestId: string, rubricId: string, version: number): Promise<RubricVersionDetail | null> {
  const row = await prisma.rubricVersion.findFirst({
    where: { rubricId, version, rubric: { id: rubricId, contestId } },
    select: {
      ...versionSummarySelect,
      criteria: { orderBy: { position: "asc" }, select: criterionSelect },
      rubric: { select: { id: true, name: true } },
    },
  });
  if (!row) return null;
  return {
    ...versionSummary(row),
    rubricId: row.rubric.id,
    name: row.rubric.name,
    criteria: row.criteria.map((c) => ({ ...c, levels: parseLevels(c.levels) })),
  };
}

/**
 * What the builder shows: the latest version to edit, the version history, and, when `version`
 * names an older version, that version to read (`view`; null when editing the latest). Null
 * when the rubric is not the contest's or the version does not exist.
 */
export async function getRubricBuilder(
  contestId: string,
  rubricId: string,
  version?: number,
): Promise<{ contest: RubricContest; rubric: RubricForEditing; versions: RubricVersionSummary[]; view: RubricVersionDetail | null } | null> {
  const owned = await prisma.rubric.findFirst({
    where: { id: rubricId, contestId },
    select: { versions: { orderBy: { version: "desc" }, select: versionSummarySelect } },
  });
  if (!owned) return null;
  const [contest, rubric] = await Promise.all([rubricContest(contestId), loadLatest(prisma, rubricId)]);
  if (!contest || !rubric) return null;
  let view: RubricVersionDetail | null = null;
  if (version !== undefined && version !== rubric.version) {
    view = await getRubricVersion(contestId, rubricId, version);
    if (!view) return null;
  }
  return { contest, rubric, versions: owned.versions.map(versionSummary), view };
}
