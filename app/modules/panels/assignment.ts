// Pure helpers of applying an assignment (./assignment.server): no database, no clock.
import crypto from "node:crypto";
import type { AssignPair } from "./assign";

/**
 * A fingerprint of a set of (entry, judge) pairs: the SHA-256 of the pairs sorted by entry then
 * judge, so it does not depend on the order the rows were read in and two different sets never
 * share one in practice. A preview records the fingerprint of the round's ACTIVE assignments; the
 * apply refuses when the current one differs (someone changed the assignment meanwhile).
 */
export function assignmentFingerprint(pairs: readonly AssignPair[]): string {
  const keys = pairs.map((p) => `${p.entryId}\u0000${p.judgeId}`);
  keys.sort();
  const hash = crypto.createHash("sha256");
  for (const key of keys) hash.update(`${key}\n`);
  return hash.digest("hex");
}
