// What an organizer may still change in a contest, by phase: one named, pure policy shared by the
// editor's server side (refusals) and its page (fields shown as fixed). No database, no clock.
//
// | setting                                   | may change                                                     | refusal (editor:settings.locked.*) |
// |-------------------------------------------|----------------------------------------------------------------|------------------------------------|
// | description                               | always, even once results are published or archived            | -                                  |
// | title, rules, locale of the texts         | until the results are published                                 | published                          |
// | slug (the public address), time zone,     | while the contest is a draft: the address is announced and the  | afterDraft                         |
// | opening time                              | deadline is read in that zone once the call is open            |                                    |
// | closing time, grace minutes               | freely in Draft; while Open or Closed only extended (the        | extendOnly, deadlineRequired,      |
// |                                           | deadline plus grace may not move earlier, nor be removed);      | judging                            |
// |                                           | fixed once judging has started                                  |                                    |
// | word limits, file kinds and size, online  | while Draft or Open; fixed once entries are closed (submitted   | afterOpen                          |
// | writing, entries per entrant, co-authors  | entries were checked against them)                             |                                    |
// | blind judging                             | until judging starts                                            | judging                            |
// | entry-code prefix                         | until the first entry code is issued (entryCodeSeq > 0)         | codesIssued                        |
//
// From Published on, every setting but the description is fixed (published). Categories and
// prize tiers follow the same last rule (categoriesLockReason).
import type { ContestPhase } from "./phases";

/** The editable settings as the Contest row stores them. */
export interface StoredSettings {
  title: string;
  slug: string;
  description: string;
  rules: string;
  locale: string;
  timeZone: string;
  opensAt: Date | null;
  closesAt: Date | null;
  graceMinutes: number;
  minWords: number | null;
  maxWords: number | null;
  /** Comma-separated file kinds, in FILE_KINDS order. */
  allowedFileTypes: string;
  allowOnlineText: boolean;
  maxFileBytes: number;
  maxEntriesPerUser: number;
  maxCoAuthors: number;
  blind: boolean;
  entryCodePrefix: string;
}

export type SettingName = keyof StoredSettings;

export const SETTING_NAMES = [
  "title",
  "slug",
  "description",
  "rules",
  "locale",
  "timeZone",
  "opensAt",
  "closesAt",
  "graceMinutes",
  "minWords",
  "maxWords",
  "allowedFileTypes",
  "allowOnlineText",
  "maxFileBytes",
  "maxEntriesPerUser",
  "maxCoAuthors",
  "blind",
  "entryCodePrefix",
] as const satisfies readonly SettingName[];

export interface EditingState {
  phase: ContestPhase;
  /** The last entry code number handed out (0: none yet). */
  entryCodeSeq: number;
}

const LOCKED = {
  published: "editor:settings.locked.published",
  afterDraft: "editor:settings.locked.afterDraft",
  afterOpen: "editor:settings.locked.afterOpen",
  judging: "editor:settings.locked.judging",
  codesIssued: "editor:settings.locked.codesIssued",
  extendOnly: "editor:settings.locked.extendOnly",
  deadlineRequired: "editor:settings.locked.deadlineRequired",
} as const;

const isPublished = (phase: ContestPhase) => phase === "PUBLISHED" || phase === "ARCHIVED";
const judgingStarted = (phase: ContestPhase) => phase === "JUDGING" || phase === "FINALIZING" || isPublished(phase);

const SUBMISSION_RULES: readonly SettingName[] = [
  "minWords",
  "maxWords",
  "allowedFileTypes",
  "allowOnlineText",
  "maxFileBytes",
  "maxEntriesPerUser",
  "maxCoAuthors",
];

/**
 * Why a setting cannot change at all in this state (an i18n key), or null when it may change
 * (possibly only in one direction: see settingsRefusals for the closing time).
 */
export function settingLockReason(name: SettingName, state: EditingState): string | null {
  if (name === "description") return null;
  if (isPublished(state.phase)) return LOCKED.published;
  switch (name) {
    case "slug":
    case "timeZone":
    case "opensAt":
      return state.phase === "DRAFT" ? null : LOCKED.afterDraft;
    case "closesAt":
    case "graceMinutes":
      return judgingStarted(state.phase) ? LOCKED.judging : null;
    case "blind":
      return judgingStarted(state.phase) ? LOCKED.judging : null;
    case "entryCodePrefix":
      return state.entryCodeSeq > 0 ? LOCKED.codesIssued : null;
    default:
      if (SUBMISSION_RULES.includes(name)) return state.phase === "DRAFT" || state.phase === "OPEN" ? null : LOCKED.afterOpen;
      return null;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : false;
  }
  return a === b;
}

/** The settings that differ between two versions, in SETTING_NAMES order. */
export function changedSettings(before: StoredSettings, after: StoredSettings): SettingName[] {
  return SETTING_NAMES.filter((name) => !sameValue(before[name], after[name]));
}

const effectiveDeadline = (s: Pick<StoredSettings, "closesAt" | "graceMinutes">) =>
  s.closesAt ? s.closesAt.getTime() + s.graceMinutes * 60_000 : null;

/**
 * Every change from `before` to `after` the policy refuses in this state, as one i18n key per
 * setting. Settings that did not change are never refused, so a form may send them all back.
 */
export function settingsRefusals(state: EditingState, before: StoredSettings, after: StoredSettings): Partial<Record<SettingName, string>> {
  const refusals: Partial<Record<SettingName, string>> = {};
  for (const name of changedSettings(before, after)) {
    const locked = settingLockReason(name, state);
    if (locked) {
      refusals[name] = locked;
      continue;
    }
    if ((name === "closesAt" || name === "graceMinutes") && (state.phase === "OPEN" || state.phase === "CLOSED")) {
      const was = effectiveDeadline(before);
      const will = effectiveDeadline(after);
      if (will === null) refusals[name] = LOCKED.deadlineRequired;
      else if (was !== null && will < was) refusals[name] = LOCKED.extendOnly;
    }
  }
  return refusals;
}

/** Why categories and prize tiers can no longer change (an i18n key), or null while they can. */
export function categoriesLockReason(phase: ContestPhase): string | null {
  return isPublished(phase) ? "editor:categories.errors.published" : null;
}
