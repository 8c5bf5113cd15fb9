// The contest editor's server side (/organize/:contestId/settings): reading the settings for the
// form, saving them, keeping the scheduled phase changes in line, and the lifecycle steps the
// page offers. Authorization is the caller's (requireManagedContest).
//
// Saving. The form carries Contest.version as it loaded it. The transaction locks the contest
// row first (lock.server.ts), then compares versions: a save from a stale form is refused
// (stale) and writes nothing; a save that changes something increments the version. What may
// change in the contest's phase is editing-policy.ts; its refusals come back as field errors.
// A taken slug is a field error too. The audit record "contest.update" holds only the changed
// settings, before and after, and the scheduled changes when they moved.
//
// Schedule. Whenever the times or the phase change (a save here, a step taken on this page),
// the contest's pending PhaseChange rows are brought in line with plannedPhaseChanges
// (schedule.ts) in the same transaction; runDuePhaseChanges carries them out.
import { audit } from "#app/modules/audit/audit.server";
import { BANNER_MAX_BYTES, IMAGE_KINDS } from "#app/modules/storage/files.schema";
import { discardStoredFile, storeUpload, type ReceivedFile } from "#app/modules/storage/upload.server";
import { prisma, Prisma, type Tx } from "#app/utils/db.server";
import {
  changedSettings,
  SETTING_NAMES,
  settingLockReason,
  settingsRefusals,
  type EditingState,
  type SettingName,
  type StoredSettings,
} from "./editing-policy";
import { lockContest } from "./lock.server";
import { checkTransition, nextPhases, type ContestPhase } from "./phases";
import { utcToZonedLocal, zoneOffsetMs } from "./phases-clock";
import { gatherPhaseFacts, transitionContestTx, type TransitionResult } from "./phases.server";
import { plannedPhaseChanges, type PlannedChange } from "./schedule";
import {
  bytesToMb,
  FILE_KINDS,
  isTimeZone,
  localToInstant,
  mbToBytes,
  settingsActionSchema,
  TIME_ZONE_CHOICES,
  type ContestSettingsInput,
} from "./settings.schema";

type FormField = keyof ContestSettingsInput;

/** The form field that carries each stored setting (megabytes for the file size). */
export const FORM_FIELD: Record<SettingName, FormField> = {
  ...(Object.fromEntries(SETTING_NAMES.map((n) => [n, n])) as Record<SettingName, FormField>),
  maxFileBytes: "maxFileMb",
};

const settingsSelect = {
  id: true,
  phase: true,
  entryCodeSeq: true,
  version: true,
  title: true,
  slug: true,
  description: true,
  rules: true,
  locale: true,
  timeZone: true,
  opensAt: true,
  closesAt: true,
  graceMinutes: true,
  minWords: true,
  maxWords: true,
  allowedFileTypes: true,
  allowOnlineText: true,
  maxFileBytes: true,
  maxEntriesPerUser: true,
  maxCoAuthors: true,
  blind: true,
  entryCodePrefix: true,
  bannerFileId: true,
} as const;

type ContestRow = Prisma.ContestGetPayload<{ select: typeof settingsSelect }>;

function stored(row: ContestRow): StoredSettings {
  return Object.fromEntries(SETTING_NAMES.map((n) => [n, row[n]])) as unknown as StoredSettings;
}

const fileKinds = (stored: string) => FILE_KINDS.filter((k) => stored.split(",").map((s) => s.trim()).includes(k));

/** The form's values as the settings are stored: times in the contest's zone, the file size in MB. */
export type SettingsFormValues = Omit<ContestSettingsInput, "opensAt" | "closesAt" | "minWords" | "maxWords"> & {
  opensAt: string;
  closesAt: string;
  minWords: number | null;
  maxWords: number | null;
};

function formValues(row: ContestRow): SettingsFormValues {
  return {
    version: row.version,
    title: row.title,
    slug: row.slug,
    description: row.description,
    rules: row.rules,
    locale: row.locale === "en" ? "en" : "vi",
    timeZone: row.timeZone,
    opensAt: row.opensAt ? utcToZonedLocal(row.opensAt, row.timeZone) : "",
    closesAt: row.closesAt ? utcToZonedLocal(row.closesAt, row.timeZone) : "",
    graceMinutes: row.graceMinutes,
    minWords: row.minWords,
    maxWords: row.maxWords,
    allowedFileTypes: fileKinds(row.allowedFileTypes),
    allowOnlineText: row.allowOnlineText,
    maxFileMb: bytesToMb(row.maxFileBytes),
    maxEntriesPerUser: row.maxEntriesPerUser,
    maxCoAuthors: row.maxCoAuthors,
    blind: row.blind,
    entryCodePrefix: row.entryCodePrefix,
  };
}

/**
 * The settings a valid form describes. A time typed the same as it is shown (same zone, same
 * minute) keeps its stored instant, and a size shown as the same MB keeps its bytes, so saving an
 * untouched form changes nothing.
 */
function fromForm(input: ContestSettingsInput, current: StoredSettings): StoredSettings {
  const instant = (local: string | undefined, was: Date | null): Date | null => {
    if (!local) return null;
    if (was && input.timeZone === current.timeZone && utcToZonedLocal(was, current.timeZone) === local) return was;
    return localToInstant(local, input.timeZone);
  };
  const kinds = input.allowedFileTypes.join(",");
  return {
    title: input.title,
    slug: input.slug,
    description: input.description,
    rules: input.rules,
    locale: input.locale,
    timeZone: input.timeZone,
    opensAt: instant(input.opensAt, current.opensAt),
    closesAt: instant(input.closesAt, current.closesAt),
    graceMinutes: input.graceMinutes,
    minWords: input.minWords ?? null,
    maxWords: input.maxWords ?? null,
    allowedFileTypes: fileKinds(current.allowedFileTypes).join(",") === kinds ? current.allowedFileTypes : kinds,
    allowOnlineText: input.allowOnlineText,
    maxFileBytes: bytesToMb(current.maxFileBytes) === input.maxFileMb ? current.maxFileBytes : mbToBytes(input.maxFileMb),
    maxEntriesPerUser: input.maxEntriesPerUser,
    maxCoAuthors: input.maxCoAuthors,
    blind: input.blind,
    entryCodePrefix: input.entryCodePrefix,
  };
}

export interface ScheduledChange {
  id: string;
  toPhase: ContestPhase;
  runAt: Date;
}

export interface LifecycleStep {
  to: ContestPhase;
  ok: boolean;
  /** Why the step is refused now: contests:phase.errors.* keys ("key|{json}"). */
  reasons: string[];
}

export interface TimeZoneOption {
  id: string;
  /** The zone's offset from UTC now, "+07:00". */
  offset: string;
}

function formatOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${ms < 0 ? "-" : "+"}${hh}:${mm}`;
}

/** The zones the editor offers, Vietnam first, with the contest's own zone even when it is not a usual one. */
export function timeZoneOptions(current: string, now: Date): TimeZoneOption[] {
  const [vietnam, ...others] = TIME_ZONE_CHOICES;
  const extra = isTimeZone(current) && !(TIME_ZONE_CHOICES as readonly string[]).includes(current) ? [current] : [];
  return [vietnam, ...extra, ...others].map((id) => ({ id, offset: formatOffset(zoneOffsetMs(now, id)) }));
}

export interface SettingsPage {
  contest: { id: string; title: string; slug: string; phase: ContestPhase; version: number; timeZone: string; locale: string; bannerId: string | null };
  values: SettingsFormValues;
  /** Form fields that cannot change in the contest's state, with the reason (an i18n key). */
  locked: Partial<Record<FormField, string>>;
  /** Pending scheduled phase changes, soonest first. */
  schedule: ScheduledChange[];
  /** The steps of the lifecycle from the current phase, and whether each may be taken now. */
  steps: LifecycleStep[];
  timeZones: TimeZoneOption[];
}

async function pendingSchedule(db: Tx, contestId: string): Promise<ScheduledChange[]> {
  return db.phaseChange.findMany({
    where: { contestId, doneAt: null },
    orderBy: [{ runAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, toPhase: true, runAt: true },
  });
}

/** Everything the settings page shows, or null when there is no such contest. */
export async function getSettingsPage(contestId: string, now: Date = new Date()): Promise<SettingsPage | null> {
  const row = await prisma.contest.findUnique({ where: { id: contestId }, select: settingsSelect });
  if (!row) return null;
  const state: EditingState = { phase: row.phase, entryCodeSeq: row.entryCodeSeq };
  const locked: Partial<Record<FormField, string>> = {};
  for (const name of SETTING_NAMES) {
    const reason = settingLockReason(name, state);
    if (reason) locked[FORM_FIELD[name]] = reason;
  }
  const [schedule, facts] = await Promise.all([pendingSchedule(prisma, contestId), gatherPhaseFacts(prisma, contestId, now)]);
  const steps = facts
    ? nextPhases(row.phase).map((to): LifecycleStep => {
        const check = checkTransition(row.phase, to, facts);
        return { to, ok: check.ok, reasons: check.ok ? [] : check.reasons };
      })
    : [];
  return {
    contest: {
      id: row.id,
      title: row.title,
      slug: row.slug,
      phase: row.phase,
      version: row.version,
      timeZone: row.timeZone,
      locale: row.locale,
      bannerId: row.bannerFileId,
    },
    values: formValues(row),
    locked,
    schedule,
    steps,
    timeZones: timeZoneOptions(row.timeZone, now),
  };
}

const plannedKey = (c: { toPhase: ContestPhase; runAt: Date }) => `${c.toPhase}@${c.runAt.getTime()}`;

/**
 * Brings the contest's pending PhaseChange rows in line with its plan (schedule.ts), inside the
 * caller's transaction: rows that match stay, others are deleted, missing ones are created.
 * Returns the plan, or null when nothing had to change.
 */
export async function syncPhaseSchedule(tx: Tx, contestId: string, now: Date): Promise<PlannedChange[] | null> {
  const contest = await tx.contest.findUnique({
    where: { id: contestId },
    select: { phase: true, opensAt: true, closesAt: true, graceMinutes: true },
  });
  if (!contest) return null;
  const planned = plannedPhaseChanges(contest, now);
  const wanted = new Set(planned.map(plannedKey));
  const kept = new Set<string>();
  const remove: string[] = [];
  for (const row of await pendingSchedule(tx, contestId)) {
    const key = plannedKey(row);
    if (wanted.has(key) && !kept.has(key)) kept.add(key);
    else remove.push(row.id);
  }
  const create = planned.filter((c) => !kept.has(plannedKey(c)));
  if (remove.length === 0 && create.length === 0) return null;
  if (remove.length > 0) await tx.phaseChange.deleteMany({ where: { id: { in: remove }, doneAt: null } });
  if (create.length > 0) {
    await tx.phaseChange.createMany({ data: create.map((c) => ({ contestId, toPhase: c.toPhase, runAt: c.runAt })) });
  }
  return planned;
}

export interface SaveSettingsInput {
  contestId: string;
  values: ContestSettingsInput;
  actorId: string;
  ip?: string | null;
  /** The instant of the save (the schedule's "now"); the server's clock by default. */
  now?: Date;
}

export type SaveSettingsResult =
  | { ok: true; changed: SettingName[]; version: number }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<FormField, string[]>> }
  | { ok: false; reason: "stale" }
  | { ok: false; reason: "notFound" };

function fieldErrorsOf(error: { issues: { path: (string | number)[]; message: string }[] }) {
  const fieldErrors: Partial<Record<FormField, string[]>> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0]) as FormField] ??= []).push(issue.message);
  return fieldErrors;
}

/** Saves the settings form (see the top of this file). */
export async function saveContestSettings(input: SaveSettingsInput): Promise<SaveSettingsResult> {
  const parsed = settingsActionSchema.safeParse({ ...input.values, intent: "save" });
  if (!parsed.success || parsed.data.intent !== "save") {
    return { ok: false, reason: "invalid", fieldErrors: parsed.success ? {} : fieldErrorsOf(parsed.error) };
  }
  const { intent: _intent, ...values } = parsed.data;
  const now = input.now ?? new Date();
  try {
    return await prisma.$transaction(async (tx): Promise<SaveSettingsResult> => {
      if (!(await lockContest(tx, input.contestId))) return { ok: false, reason: "notFound" };
      const row = await tx.contest.findUniqueOrThrow({ where: { id: input.contestId }, select: settingsSelect });
      if (row.version !== values.version) return { ok: false, reason: "stale" };

      const before = stored(row);
      const after = fromForm(values, before);
      const changed = changedSettings(before, after);
      if (changed.length === 0) return { ok: true, changed, version: row.version };

      const fieldErrors: Partial<Record<FormField, string[]>> = {};
      for (const [name, reason] of Object.entries(settingsRefusals({ phase: row.phase, entryCodeSeq: row.entryCodeSeq }, before, after))) {
        fieldErrors[FORM_FIELD[name as SettingName]] = [reason];
      }
      if (changed.includes("slug")) {
        const taken = await tx.contest.count({ where: { slug: after.slug, id: { not: row.id } } });
        if (taken > 0) fieldErrors.slug = ["organize:errors.slugTaken"];
      }
      if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", fieldErrors };

      const data = Object.fromEntries(changed.map((n) => [n, after[n]])) as Partial<StoredSettings>;
      const updated = await tx.contest.updateMany({
        where: { id: row.id, version: row.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count !== 1) return { ok: false, reason: "stale" };

      const schedule = await syncPhaseSchedule(tx, row.id, now);
      await audit(tx, {
        actorId: input.actorId,
        contestId: row.id,
        action: "contest.update",
        targetType: "Contest",
        targetId: row.id,
        data: {
          before: Object.fromEntries(changed.map((n) => [n, before[n]])),
          after: data,
          version: row.version + 1,
          ...(schedule ? { schedule: schedule.map((c) => ({ toPhase: c.toPhase, runAt: c.runAt.toISOString() })) } : {}),
        },
        ip: input.ip ?? null,
      });
      return { ok: true, changed, version: row.version + 1 };
    });
  } catch (error) {
    // Another save took the slug between our check and our write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "invalid", fieldErrors: { slug: ["organize:errors.slugTaken"] } };
    }
    throw error;
  }
}

export interface PhaseStepInput {
  contestId: string;
  /** The phase the page showed; refused (changedMeanwhile) when the contest has moved since. */
  from: ContestPhase;
  to: ContestPhase;
  actorId: string;
  ip?: string | null;
  now?: Date;
}

/** Takes one lifecycle step from the settings page and re-plans the schedule, in one transaction. */
export async function takePhaseStep(input: PhaseStepInput): Promise<TransitionResult> {
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const result = await transitionContestTx(tx, { ...input, now });
    if (result.ok) await syncPhaseSchedule(tx, input.contestId, now);
    return result;
  });
}

// ───────────────────────────── the banner ─────────────────────────────

export type BannerResult = { ok: true } | { ok: false; status: "notFound" } | { ok: false; status: "refused"; error: string };

/**
 * Sets (or replaces) the contest's banner image: the upload is checked and stored by storeUpload
 * (an image by its content, at most BANNER_MAX_BYTES), the contest points to it and the change is
 * audited in the same transaction; the replaced image's row (and bytes, if no other row shares
 * them) are then discarded.
 */
export async function setContestBanner(input: { contestId: string; actorId: string; file: ReceivedFile; ip?: string | null }): Promise<BannerResult> {
  let previous: string | null = null;
  let found = true;
  const stored = await storeUpload({
    source: input.file,
    originalName: input.file.originalName,
    declaredType: input.file.declaredType,
    allowed: IMAGE_KINDS,
    maxBytes: BANNER_MAX_BYTES,
    uploadedById: input.actorId,
    attach: async (tx, file) => {
      if (!(await lockContest(tx, input.contestId))) {
        found = false;
        throw new Error("no such contest");
      }
      const row = await tx.contest.findUniqueOrThrow({ where: { id: input.contestId }, select: { bannerFileId: true } });
      previous = row.bannerFileId;
      await tx.contest.update({ where: { id: input.contestId }, data: { bannerFileId: file.id } });
      await audit(tx, {
        actorId: input.actorId,
        contestId: input.contestId,
        action: "contest.banner",
        targetType: "Contest",
        targetId: input.contestId,
        data: { before: { bannerFileId: previous }, after: { bannerFileId: file.id, name: file.originalName, size: file.size } },
        ip: input.ip ?? null,
      });
    },
  }).catch((e: unknown) => {
    if (!found) return null;
    throw e;
  });
  if (!stored) return { ok: false, status: "notFound" };
  if (!stored.ok) return { ok: false, status: "refused", error: stored.error };
  if (previous) await discardStoredFile(previous);
  return { ok: true };
}

/** Removes the contest's banner, audited; its file is discarded. */
export async function removeContestBanner(input: { contestId: string; actorId: string; ip?: string | null }): Promise<BannerResult> {
  const previous = await prisma.$transaction(async (tx) => {
    if (!(await lockContest(tx, input.contestId))) return undefined;
    const row = await tx.contest.findUniqueOrThrow({ where: { id: input.contestId }, select: { bannerFileId: true } });
    if (!row.bannerFileId) return null;
    await tx.contest.update({ where: { id: input.contestId }, data: { bannerFileId: null } });
    await audit(tx, {
      actorId: input.actorId,
      contestId: input.contestId,
      action: "contest.banner",
      targetType: "Contest",
      targetId: input.contestId,
      data: { before: { bannerFileId: row.bannerFileId }, after: { bannerFileId: null } },
      ip: input.ip ?? null,
    });
    return row.bannerFileId;
  });
  if (previous === undefined) return { ok: false, status: "notFound" };
  if (previous) await discardStoredFile(previous);
  return { ok: true };
}
