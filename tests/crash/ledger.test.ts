// The crash harness's verdicts: what counts as an acknowledged write lost, and what as a partial
// record, for scoresheets and entries, with and without a write whose answer never came.
import { describe, expect, it } from "vitest";
import { entryVerdict, sheetVerdict, unknownEntryVerdict, type EntryRecord, type SheetContent, type SheetRecord } from "./ledger";

const draft = (note: string, points: Record<string, number> = { a: 5 }): SheetContent => ({ status: "DRAFT", points, privateNote: note });
const sheet = (acked: { version: number; content: SheetContent } | null, pending: SheetContent[] = []): SheetRecord => ({ assignmentId: "as1", acked, pending });

describe("sheetVerdict", () => {
  const acked = { version: 3, content: draft("three") };

  it("accepts exactly the acknowledged sheet, or one unanswered write on top of it", () => {
    expect(sheetVerdict(sheet(acked), { version: 3, content: draft("three") })).toEqual({ ok: true });
    expect(sheetVerdict(sheet(acked, [draft("four")]), { version: 4, content: draft("four") })).toEqual({ ok: true });
    expect(sheetVerdict(sheet(acked, [draft("four")]), { version: 3, content: draft("three") })).toEqual({ ok: true });
    expect(sheetVerdict(sheet(null), null)).toEqual({ ok: true });
    expect(sheetVerdict(sheet(null, [draft("one")]), { version: 1, content: draft("one") })).toEqual({ ok: true });
  });

  it("calls a missing, older or different acknowledged sheet lost", () => {
    expect(sheetVerdict(sheet(acked), null)).toMatchObject({ ok: false, kind: "lost" });
    expect(sheetVerdict(sheet(acked), { version: 2, content: draft("two") })).toMatchObject({ ok: false, kind: "lost" });
    // One criterion short of what was acknowledged.
    expect(sheetVerdict(sheet({ version: 3, content: draft("three", { a: 5, b: 2 }) }), { version: 3, content: draft("three", { a: 5 }) })).toMatchObject({
      ok: false,
      kind: "lost",
    });
  });

  it("calls content nobody sent partial", () => {
    expect(sheetVerdict(sheet(acked, [draft("four")]), { version: 4, content: draft("four", { a: 1 }) })).toMatchObject({ ok: false, kind: "partial" });
    expect(sheetVerdict(sheet(acked), { version: 4, content: draft("four") })).toMatchObject({ ok: false, kind: "partial" });
    expect(sheetVerdict(sheet(acked, [draft("four")]), { version: 5, content: draft("four") })).toMatchObject({ ok: false, kind: "partial" });
  });
});

describe("entryVerdict", () => {
  const record = (pending: EntryRecord["pending"] = null): EntryRecord => ({
    entryId: "e1",
    title: "Hai",
    versions: [
      { number: 1, sha256: "s1" },
      { number: 2, sha256: "s2" },
    ],
    pending,
  });
  const stored = (title: string, versions: [number, string][], currentNumber = Math.max(...versions.map((v) => v[0]))) => ({
    title,
    status: "SUBMITTED",
    versions: versions.map(([number, sha256]) => ({ number, sha256 })),
    currentNumber,
  });

  it("accepts the acknowledged versions and title, or the unanswered save whole", () => {
    expect(entryVerdict(record(), stored("Hai", [[1, "s1"], [2, "s2"]]))).toEqual({ ok: true });
    const pending = { title: "Ba", version: { number: 3, sha256: "s3" } };
    expect(entryVerdict(record(pending), stored("Ba", [[1, "s1"], [2, "s2"], [3, "s3"]]))).toEqual({ ok: true });
    expect(entryVerdict(record(pending), stored("Hai", [[1, "s1"], [2, "s2"]]))).toEqual({ ok: true });
  });

  it("calls a missing entry, version, file or title lost", () => {
    expect(entryVerdict(record(), null)).toMatchObject({ kind: "lost" });
    expect(entryVerdict(record(), stored("Hai", [[1, "s1"]]))).toMatchObject({ kind: "lost" });
    expect(entryVerdict(record(), stored("Hai", [[1, "s1"], [2, "other"]]))).toMatchObject({ kind: "lost" });
    expect(entryVerdict(record(), stored("Một", [[1, "s1"], [2, "s2"]]))).toMatchObject({ kind: "lost" });
  });

  it("calls half an unanswered save, a stale current version or an unexplained version partial", () => {
    const pending = { title: "Ba", version: { number: 3, sha256: "s3" } };
    expect(entryVerdict(record(pending), stored("Hai", [[1, "s1"], [2, "s2"], [3, "s3"]]))).toMatchObject({ kind: "partial" });
    expect(entryVerdict(record(), stored("Hai", [[1, "s1"], [2, "s2"]], 1))).toMatchObject({ kind: "partial" });
    expect(entryVerdict(record(), stored("Hai", [[1, "s1"], [2, "s2"], [3, "s3"]]))).toMatchObject({ kind: "partial" });
  });
});

describe("unknownEntryVerdict", () => {
  const sent = [{ title: "Mới", sha256: "n1" }];
  it("accepts an unanswered new entry stored whole, nothing else", () => {
    expect(unknownEntryVerdict("e9", { title: "Mới", status: "SUBMITTED", versions: [{ number: 1, sha256: "n1" }], currentNumber: 1 }, sent)).toEqual({ ok: true });
    expect(unknownEntryVerdict("e9", { title: "Khác", status: "SUBMITTED", versions: [{ number: 1, sha256: "n1" }], currentNumber: 1 }, sent)).toMatchObject({ kind: "partial" });
    expect(unknownEntryVerdict("e9", { title: "Mới", status: "SUBMITTED", versions: [], currentNumber: null }, sent)).toMatchObject({ kind: "partial" });
    expect(unknownEntryVerdict("e9", { title: "Mới", status: "SUBMITTED", versions: [{ number: 1, sha256: "n1" }], currentNumber: null }, sent)).toMatchObject({ kind: "partial" });
  });
});
