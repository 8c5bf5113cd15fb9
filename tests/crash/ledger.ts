// What the crash harness's clients were told: every write the server acknowledged, and every
// write sent whose answer never came (the server was killed meanwhile), so that its outcome is
// unknown and either outcome is allowed. Pure: the verdicts compare a record with what the
// database holds, read by ./checks.
//
// A client writes one record at a time and never sends a write on top of one whose outcome is
// unknown without letting the server settle it first, so at most one unknown write can have
// landed on top of the last acknowledged state.

export type SheetStatus = "DRAFT" | "SUBMITTED";

export interface SheetContent {
  status: SheetStatus;
  /** Points by criterion id. */
  points: Record<string, number>;
  privateNote: string;
}

export interface SheetRecord {
  assignmentId: string;
  /** The last state the server confirmed (a 2xx answer, or the stored copy a 409 answered with). */
  acked: { version: number; content: SheetContent } | null;
  /** Writes sent on top of `acked` whose answer never came. */
  pending: SheetContent[];
}

export interface StoredSheet {
  version: number;
  content: SheetContent;
}

export interface EntryVersionAck {
  number: number;
  sha256: string;
}

export interface EntryRecord {
  entryId: string;
  /** The title the last acknowledged save gave. */
  title: string;
  /** Every acknowledged essay version. */
  versions: EntryVersionAck[];
  /** A save whose answer never came: a new title and essay version (the client stops writing this entry). */
  pending: { title: string; version: EntryVersionAck } | null;
}

export interface StoredEntry {
  title: string;
  status: string;
  /** The essay versions, with the SHA-256 their StoredFile row records. */
  versions: EntryVersionAck[];
  currentNumber: number | null;
}

/** A new entry sent whose answer never came: it may exist (then as sent) or not at all. */
export interface UnknownNewEntry {
  title: string;
  sha256: string;
}

export type Verdict = { ok: true } | { ok: false; kind: "lost" | "partial"; why: string };

const OK: Verdict = { ok: true };
const lost = (why: string): Verdict => ({ ok: false, kind: "lost", why });
const partial = (why: string): Verdict => ({ ok: false, kind: "partial", why });

export function samePoints(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export function sameSheet(a: SheetContent, b: SheetContent): boolean {
  return a.status === b.status && a.privateNote === b.privateNote && samePoints(a.points, b.points);
}

/** Whether the stored sheet keeps what was acknowledged (or exactly one write whose answer never came on top). */
export function sheetVerdict(record: SheetRecord, stored: StoredSheet | null): Verdict {
  const { acked, pending } = record;
  if (!stored) return acked ? lost(`sheet ${record.assignmentId}: acknowledged version ${acked.version} missing`) : OK;
  const base = acked?.version ?? 0;
  if (stored.version === base) {
    if (!acked) return partial(`sheet ${record.assignmentId}: stored with version 0`);
    return sameSheet(stored.content, acked.content) ? OK : lost(`sheet ${record.assignmentId}: version ${base} holds other content than acknowledged`);
  }
  if (stored.version < base) return lost(`sheet ${record.assignmentId}: version ${stored.version} stored, ${base} acknowledged`);
  if (stored.version === base + 1 && pending.some((p) => sameSheet(p, stored.content))) return OK;
  return partial(`sheet ${record.assignmentId}: version ${stored.version} holds content never sent on top of version ${base}`);
}

/** Whether the stored entry keeps every acknowledged version and title (or the one unanswered save, whole). */
export function entryVerdict(record: EntryRecord, stored: StoredEntry | null): Verdict {
  if (!stored) return lost(`entry ${record.entryId}: acknowledged but missing`);
  const byNumber = new Map(stored.versions.map((v) => [v.number, v.sha256]));
  for (const v of record.versions) {
    const sha = byNumber.get(v.number);
    if (sha === undefined) return lost(`entry ${record.entryId}: acknowledged version ${v.number} missing`);
    if (sha !== v.sha256) return lost(`entry ${record.entryId}: version ${v.number} holds another file than acknowledged`);
  }
  const ackedMax = Math.max(0, ...record.versions.map((v) => v.number));
  const storedMax = Math.max(0, ...stored.versions.map((v) => v.number));
  if (stored.currentNumber !== storedMax) return partial(`entry ${record.entryId}: current version ${stored.currentNumber} is not the latest (${storedMax})`);
  if (storedMax === ackedMax && stored.versions.length === record.versions.length) {
    return stored.title === record.title ? OK : lost(`entry ${record.entryId}: title "${stored.title}" is not the acknowledged "${record.title}"`);
  }
  const p = record.pending;
  if (p && storedMax === p.version.number && stored.versions.length === record.versions.length + 1 && byNumber.get(p.version.number) === p.version.sha256) {
    // The unanswered save landed: all of it (its title with its version), not half.
    return stored.title === p.title ? OK : partial(`entry ${record.entryId}: version ${p.version.number} landed without its title`);
  }
  return partial(`entry ${record.entryId}: versions ${[...byNumber.keys()].join(",")} do not match acknowledged ${record.versions.map((v) => v.number).join(",")}`);
}

/** An entry nobody was told about: it must be one unanswered new entry, whole (one version, its file). */
export function unknownEntryVerdict(entryId: string, stored: StoredEntry, unknown: readonly UnknownNewEntry[]): Verdict {
  const sent = unknown.find((u) => u.title === stored.title);
  if (!sent) return partial(`entry ${entryId}: "${stored.title}" was never sent`);
  if (stored.versions.length !== 1 || stored.versions[0]!.number !== 1 || stored.versions[0]!.sha256 !== sent.sha256) {
    return partial(`entry ${entryId}: an unanswered new entry stored without exactly its one file`);
  }
  return stored.currentNumber === 1 ? OK : partial(`entry ${entryId}: version 1 is not current`);
}
