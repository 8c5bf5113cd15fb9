// Drafts that are never lost, the pure part (browser and server alike; no storage, no clock):
// comparing what the form holds with a stored copy, the fields in which two copies differ, a
// per-field merge when another tab or device saved meanwhile, and whether a copy kept in the
// browser (keystrokes not yet saved) is worth offering back. ../../components/scoresheet.tsx
// does the storing and the asking.
import { parseScore, type SheetValues } from "./scoresheet.schema";

/** A field of the sheet: a criterion's score ("score:<id>"), the private note or the feedback. */
export type SheetField = `score:${string}` | "privateNote" | "feedback";

/** Two typed scores are the same when they are the same number ("7,5" and "7.5"), or the same text. */
export function sameScore(a: string | undefined, b: string | undefined): boolean {
  const x = (a ?? "").trim();
  const y = (b ?? "").trim();
  if (x === y) return true;
  const p = parseScore(x);
  return p !== null && p === parseScore(y);
}

/** Every field of two copies, criteria first in the order given, then the notes. */
function fieldsOf(criterionIds: readonly string[]): SheetField[] {
  return [...criterionIds.map((id): SheetField => `score:${id}`), "privateNote", "feedback"];
}

function valueOf(values: SheetValues, field: SheetField): string {
  if (field === "privateNote" || field === "feedback") return values[field];
  return values.scores[field.slice("score:".length)] ?? "";
}

function same(values: SheetValues, other: SheetValues, field: SheetField): boolean {
  if (field === "privateNote" || field === "feedback") return values[field] === other[field];
  return sameScore(valueOf(values, field), valueOf(other, field));
}

/** The fields in which two copies differ, in form order. */
export function differingFields(criterionIds: readonly string[], mine: SheetValues, theirs: SheetValues): SheetField[] {
  return fieldsOf(criterionIds).filter((field) => !same(mine, theirs, field));
}

export function sameValues(criterionIds: readonly string[], a: SheetValues, b: SheetValues): boolean {
  return differingFields(criterionIds, a, b).length === 0;
}

export function fieldValue(values: SheetValues, field: SheetField): string {
  return valueOf(values, field);
}

/**
 * One copy made of two: each field from `theirs` or `mine` as chosen; a field without a choice
 * keeps mine (the judge is looking at their own form). Criteria of neither copy are left out.
 */
export function mergeValues(
  criterionIds: readonly string[],
  mine: SheetValues,
  theirs: SheetValues,
  choice: Readonly<Partial<Record<SheetField, "mine" | "theirs">>>,
): SheetValues {
  const pick = (field: SheetField) => (choice[field] === "theirs" ? theirs : mine);
  const scores: Record<string, string> = {};
  for (const id of criterionIds) {
    const v = valueOf(pick(`score:${id}`), `score:${id}`);
    if (v !== "") scores[id] = v;
  }
  return { scores, privateNote: pick("privateNote").privateNote, feedback: pick("feedback").feedback };
}

/** What the browser keeps of a sheet between keystrokes and the server's answer. */
export interface LocalCopy {
  /** The server version the typing started from. */
  baseVersion: number;
  values: SheetValues;
  /** When the judge last typed (ISO 8601). */
  changedAt: string;
}

export type LocalOffer = "none" | "restore" | "merge";

/**
 * Whether to offer a copy found in the browser when the sheet opens, against the server's copy:
 * - none: nothing kept, or the same as the server's (it was saved after all), or older than the
 *   server's last save made from elsewhere;
 * - restore: typed on top of the server's current version: the keystrokes simply did not reach
 *   the server (tab closed, connection lost);
 * - merge: typed on top of an older version, after the server's last save: both copies have
 *   something the other lacks, so the judge chooses field by field.
 */
export function localOffer(
  criterionIds: readonly string[],
  local: LocalCopy | null,
  server: { version: number; values: SheetValues; savedAt: string | null },
): LocalOffer {
  if (!local || sameValues(criterionIds, local.values, server.values)) return "none";
  if (local.baseVersion >= server.version) return "restore";
  const savedAt = server.savedAt ? Date.parse(server.savedAt) : Number.NEGATIVE_INFINITY;
  return Date.parse(local.changedAt) > savedAt ? "merge" : "none";
}
