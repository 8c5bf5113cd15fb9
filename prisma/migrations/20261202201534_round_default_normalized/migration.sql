-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Round" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "rubricVersionId" TEXT,
    "readsPerEntry" INTEGER NOT NULL DEFAULT 3,
    "spreadThreshold" REAL,
    "advanceRule" TEXT NOT NULL DEFAULT 'MANUAL',
    "advanceValue" REAL,
    "aggregation" TEXT NOT NULL DEFAULT 'NORMALIZED',
    "scoreVisibility" TEXT NOT NULL DEFAULT 'AFTER_OWN',
    "judgingDeadline" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Round_contestId_fkey" FOREIGN KEY ("contestId") REFERENCES "Contest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Round_rubricVersionId_fkey" FOREIGN KEY ("rubricVersionId") REFERENCES "RubricVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Round" ("advanceRule", "advanceValue", "aggregation", "contestId", "createdAt", "id", "judgingDeadline", "name", "position", "readsPerEntry", "rubricVersionId", "scoreVisibility", "spreadThreshold") SELECT "advanceRule", "advanceValue", "aggregation", "contestId", "createdAt", "id", "judgingDeadline", "name", "position", "readsPerEntry", "rubricVersionId", "scoreVisibility", "spreadThreshold" FROM "Round";
DROP TABLE "Round";
ALTER TABLE "new_Round" RENAME TO "Round";
CREATE UNIQUE INDEX "Round_contestId_position_key" ON "Round"("contestId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

