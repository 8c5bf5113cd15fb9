// Pure helpers of applying an assignment (./assignment.server): no database, no clock.
import crypto from "node:crypto";
import type { AssignPair } from "./assign";

/** Everything an automatic assignment of a round depends on, as read from the database. */
export interface RunInputs {
  reads: number;
  seed: number;
  /** Panels with their seats; who chairs a panel does not matter to the assignment. */
  panels: readonly { id: string; judges: readonly { userId: string; maxLoad: number | null }[] }[];
  /** The round's RoundEntry rows with what decides whether and where an entry is assigned. */
  roundEntries: readonly { entryId: string; panelId: string | null; status: string; entryStatus: string; categoryId: string }[];
  /** CONFIRMED and PENDING conflicts of interest. */
  conflicts: readonly AssignPair[];
  /** Every Assignment row of the round: active, recused and removed, automatic and manual. */
  assignments: readonly { id: string; entryId: string; judgeId: string; panelId: string; source: string; status: string }[];
  preferences: readonly { userId: string; kind: string; categoryId: string | null; entryId: string | null }[];
}

/**
 * A fingerprint of a run's inputs: the SHA-256 of a canonical form (every list sorted), so it does
 * not depend on the order rows were read in, and two different inputs never share one in practice.
 * A preview records it; the apply recomputes it inside its transaction and refuses when it
 * differs: someone changed a seat, a cap, a conflict, a recusal, a manual pair, the round's
 * entries or panels, k or a preference meanwhile, or the apply was asked with another seed.
 */
export function runFingerprint(inputs: RunInputs): string {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = (list: readonly (readonly (string | number | null)[])[]) =>
    list.map((row) => JSON.stringify(row)).sort(byText);
  const canonical = {
    reads: inputs.reads,
    seed: inputs.seed,
    panels: rows(
      inputs.panels.map((p) => [p.id, JSON.stringify(rows(p.judges.map((j) => [j.userId, j.maxLoad])))]),
    ),
    roundEntries: rows(inputs.roundEntries.map((r) => [r.entryId, r.panelId, r.status, r.entryStatus, r.categoryId])),
    conflicts: rows(inputs.conflicts.map((c) => [c.entryId, c.judgeId])),
    assignments: rows(inputs.assignments.map((a) => [a.id, a.entryId, a.judgeId, a.panelId, a.source, a.status])),
    preferences: rows(inputs.preferences.map((p) => [p.userId, p.kind, p.categoryId, p.entryId])),
  };
  return crypto.createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
