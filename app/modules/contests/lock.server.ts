// Serialising the writers of one contest: a no-op write to the contest row as the first statement
// of a transaction. On SQLite the write takes the database's write lock at once, so a second
// connection (another app instance) waits for this commit instead of failing later with a busy
// snapshot; on PostgreSQL it takes the row lock, so writers of one contest run one after another
// while other contests go on.
import type { Tx } from "#app/utils/db.server";

/** Locks the contest row for the rest of the transaction; false when the contest does not exist. */
export async function lockContest(tx: Tx, contestId: string): Promise<boolean> {
  const locked = await tx.$executeRaw`UPDATE "Contest" SET "version" = "version" WHERE "id" = ${contestId}`;
  return locked > 0;
}
