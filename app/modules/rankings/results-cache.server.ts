// A round's computed results, kept in this process while nothing they were computed from has
// changed (docs/decisions/0033-round-results-cache.md).
//
// Validity is the contest's results stamp (ResultsStamp.token), not this process's memory: results
// are kept under the token the database held when their inputs were read, and reused only while it
// still holds that token. The database's own triggers set the token to NULL on any write to what
// results are computed from (the migration results_stamp lists them), so no writer can forget it,
// and instances that share a database each check the same token. A token is written before the
// inputs are read: a write after that clears it, and those results are never reused.
import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "#app/utils/db.server";
import type { RoundResults } from "./results.server";

/** The most entries kept over all rounds (a national round of 100,000 keeps about 230 MB of heap). */
export const KEPT_ENTRIES = 150_000;

interface Kept {
  contestId: string;
  token: string;
  /** When its computation began, on `clock`: results begun later are never replaced by ones begun earlier. */
  since: number;
  results: RoundResults;
}

/** By round id, the least recently used first. */
const kept = new Map<string, Kept>();

/**
 * Computations under way outside any transaction, by round id, each with the order in which it
 * began (`since`, on `clock`): a request that misses joins one under way under the same stamp, or
 * one that began after the request did (it reads its inputs after that, so nothing older). One
 * inside a transaction is not shared (it reads what that transaction wrote).
 */
const underWay = new Map<string, { contestId: string; token: string; since: number; results: Promise<RoundResults | null> }>();
let clock = 0;

/** The contest's current results stamp, or null when something changed since one was written. */
async function currentStamp(db: Tx, contestId: string): Promise<string | null> {
  const row = await db.resultsStamp.findUnique({ where: { contestId }, select: { token: true } });
  return row?.token ?? null;
}

/** Writes a new stamp for the contest; 0 when there is no such contest (nothing is written). */
function writeStamp(db: Tx, contestId: string, token: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "ResultsStamp" ("contestId", "token") SELECT "id", ${token} FROM "Contest" WHERE "id" = ${contestId}
    ON CONFLICT ("contestId") DO UPDATE SET "token" = excluded."token"`;
}

/**
 * The round's results from memory when the contest's stamp is still the one they were kept under;
 * otherwise `compute()`'s, kept under the stamp that held before its inputs were read (the current
 * one, or a new one written first). Inside a transaction `db` is the transaction: a write it made
 * before has cleared the stamp, one it makes after clears the stamp the results are kept under.
 */
export async function keptRoundResults(db: Tx, contestId: string, roundId: string, compute: () => Promise<RoundResults | null>): Promise<RoundResults | null> {
  const asked = ++clock;
  const current = await currentStamp(db, contestId);
  const hit = reusable(contestId, roundId, current);
  if (hit) return hit;
  giveUpStale(contestId, roundId);
  const shared = db === prisma;
  const running = shared ? underWay.get(roundId) : undefined;
  if (running && running.contestId === contestId && (running.token === current || running.since > asked)) return running.results;

  // Registered before anything is awaited, so a request that asks meanwhile finds it.
  const token = current ?? randomUUID();
  let stamped = true;
  const computing =
    current !== null
      ? compute()
      : writeStamp(db, contestId, token).then((written) => {
          stamped = written > 0; // none: no such contest, nothing to keep
          return compute();
        });
  const mine = { contestId, token, since: ++clock, results: computing };
  if (!shared) return keep(roundId, mine, await computing, stamped);
  underWay.set(roundId, mine);
  try {
    const results = await computing;
    return keep(roundId, mine, results, stamped);
  } finally {
    if (underWay.get(roundId) === mine) underWay.delete(roundId);
  }
}

/**
 * The round's kept results when the contest's stamp is still theirs; otherwise `compute()`'s, which
 * are not kept: for a caller that needs less than the whole results when it has to compute them
 * (advancing needs no titles or authors), and writes to the round's inputs right after.
 */
export async function keptRoundResultsOr(db: Tx, contestId: string, roundId: string, compute: () => Promise<RoundResults | null>): Promise<RoundResults | null> {
  const hit = reusable(contestId, roundId, await currentStamp(db, contestId));
  if (hit) return hit;
  giveUpStale(contestId, roundId);
  return compute();
}

/**
 * Gives up the round's results kept under an older stamp (called when they were not reusable): they
 * will not be asked for again, and their heap is freed for the computation that follows (unless a
 * request still holds them).
 */
function giveUpStale(contestId: string, roundId: string) {
  if (kept.get(roundId)?.contestId === contestId) kept.delete(roundId);
}

/** The round's kept results if they were kept under `current`, the contest's stamp now (made the most recently used). */
function reusable(contestId: string, roundId: string, current: string | null): RoundResults | null {
  const hit = kept.get(roundId);
  if (!hit || current === null || hit.token !== current || hit.contestId !== contestId) return null;
  kept.delete(roundId);
  kept.set(roundId, hit);
  return hit.results;
}

/**
 * Keeps results computed under `made.token` unless no stamp was written for them, results begun
 * later are kept already or they exceed the budget, giving up the least recently used rounds over it.
 */
function keep(roundId: string, made: { contestId: string; token: string; since: number }, results: RoundResults | null, stamped: boolean): RoundResults | null {
  const before = kept.get(roundId);
  if (!stamped || (before && before.since > made.since)) return results;
  kept.delete(roundId);
  if (results && results.entries.size <= KEPT_ENTRIES) {
    kept.set(roundId, { contestId: made.contestId, token: made.token, since: made.since, results });
    let size = 0;
    for (const k of kept.values()) size += k.results.entries.size;
    for (const [id, k] of kept) {
      if (size <= KEPT_ENTRIES) break;
      kept.delete(id);
      size -= k.results.entries.size;
    }
  }
  return results;
}
