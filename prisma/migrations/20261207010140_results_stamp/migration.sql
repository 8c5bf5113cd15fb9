-- CreateTable
CREATE TABLE "ResultsStamp" (
    "contestId" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT,
    CONSTRAINT "ResultsStamp_contestId_fkey" FOREIGN KEY ("contestId") REFERENCES "Contest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- extra.sqlite.sql
-- The results stamp (docs/decisions/0033-round-results-cache.md): any INSERT, UPDATE or DELETE of a
-- row that a round's results are computed from (loadRoundInputs in
-- app/modules/rankings/results.server.ts) sets the token of that row's contest to NULL, so the
-- server's kept results are never reused after a change, whichever writer made it. For an UPDATE
-- both the old and the new row's contest; for a DELETE the old row's. A row whose parent goes in
-- the same cascade finds no contest here: the parent's own trigger clears it.
-- The UPDATE triggers clear under a WHEN clause that probes the stamp of the new row's contest
-- (and the old row's, when the column that leads to the contest changed): the clearing statement
-- for two contests (`IN (old, new)`) costs ~20 us a row in SQLite, which made the advance
-- action's one UPDATE of 100,000 RoundEntry rows 2 s slower; under the WHEN clause it runs only
-- while the contest's token is set (once per statement), and every other row costs the probe.
-- A later migration that redefines one of these tables (Prisma's new_<Table>, DROP TABLE, RENAME)
-- drops that table's own triggers, and its RENAME fails ("error in trigger ...: no such table")
-- when other triggers here name the table (Round, Category, Rubric, RubricVersion, Entry,
-- Assignment, Scoresheet, ResultsStamp): such a migration must drop the triggers that name it
-- before the redefinition and create them again after it (prisma/results-stamp.test.ts checks
-- that every trigger is there).

-- Contest: only the columns results show or depend on. lockContest's
-- `UPDATE "Contest" SET "version" = "version"` at the start of every action must not clear it.
-- Inserting or deleting a contest needs nothing: its stamp row is created with it or cascades.
CREATE TRIGGER "Contest_results_stale_update"
AFTER UPDATE OF "title", "slug", "phase", "blind", "locale", "timeZone", "showScoresInResults", "tieBreak" ON "Contest" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN (old."id", new."id"); END;

-- Judges' names are in the results: renaming a user clears every stamp.
CREATE TRIGGER "User_results_stale_update" AFTER UPDATE OF "name" ON "User" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL; END;

-- Rows of the contest itself.
CREATE TRIGGER "Round_results_stale_insert" AFTER INSERT ON "Round" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = new."contestId"; END;
CREATE TRIGGER "Round_results_stale_update" AFTER UPDATE ON "Round" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = new."contestId") IS NOT NULL
  OR (old."contestId" IS NOT new."contestId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = old."contestId") IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN (old."contestId", new."contestId"); END;
CREATE TRIGGER "Round_results_stale_delete" AFTER DELETE ON "Round" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = old."contestId"; END;

CREATE TRIGGER "Category_results_stale_insert" AFTER INSERT ON "Category" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = new."contestId"; END;
CREATE TRIGGER "Category_results_stale_update" AFTER UPDATE ON "Category" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = new."contestId") IS NOT NULL
  OR (old."contestId" IS NOT new."contestId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = old."contestId") IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN (old."contestId", new."contestId"); END;
CREATE TRIGGER "Category_results_stale_delete" AFTER DELETE ON "Category" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = old."contestId"; END;

CREATE TRIGGER "Rubric_results_stale_insert" AFTER INSERT ON "Rubric" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = new."contestId"; END;
CREATE TRIGGER "Rubric_results_stale_update" AFTER UPDATE ON "Rubric" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = new."contestId") IS NOT NULL
  OR (old."contestId" IS NOT new."contestId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = old."contestId") IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN (old."contestId", new."contestId"); END;
CREATE TRIGGER "Rubric_results_stale_delete" AFTER DELETE ON "Rubric" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = old."contestId"; END;

CREATE TRIGGER "Entry_results_stale_insert" AFTER INSERT ON "Entry" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = new."contestId"; END;
CREATE TRIGGER "Entry_results_stale_update" AFTER UPDATE ON "Entry" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = new."contestId") IS NOT NULL
  OR (old."contestId" IS NOT new."contestId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = old."contestId") IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN (old."contestId", new."contestId"); END;
CREATE TRIGGER "Entry_results_stale_delete" AFTER DELETE ON "Entry" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" = old."contestId"; END;

-- PrizeTier: its category's contest.
CREATE TRIGGER "PrizeTier_results_stale_insert" AFTER INSERT ON "PrizeTier" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Category" WHERE "id" = new."categoryId"); END;
CREATE TRIGGER "PrizeTier_results_stale_update" AFTER UPDATE ON "PrizeTier" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Category" WHERE "id" = new."categoryId")) IS NOT NULL
  OR (old."categoryId" IS NOT new."categoryId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Category" WHERE "id" = old."categoryId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Category" WHERE "id" = old."categoryId"), (SELECT "contestId" FROM "Category" WHERE "id" = new."categoryId")); END;
CREATE TRIGGER "PrizeTier_results_stale_delete" AFTER DELETE ON "PrizeTier" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Category" WHERE "id" = old."categoryId"); END;

-- RubricVersion: its rubric's contest.
CREATE TRIGGER "RubricVersion_results_stale_insert" AFTER INSERT ON "RubricVersion" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Rubric" WHERE "id" = new."rubricId"); END;
CREATE TRIGGER "RubricVersion_results_stale_update" AFTER UPDATE ON "RubricVersion" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Rubric" WHERE "id" = new."rubricId")) IS NOT NULL
  OR (old."rubricId" IS NOT new."rubricId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Rubric" WHERE "id" = old."rubricId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Rubric" WHERE "id" = old."rubricId"), (SELECT "contestId" FROM "Rubric" WHERE "id" = new."rubricId")); END;
CREATE TRIGGER "RubricVersion_results_stale_delete" AFTER DELETE ON "RubricVersion" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Rubric" WHERE "id" = old."rubricId"); END;

-- Criterion: its rubric version's rubric's contest.
CREATE TRIGGER "Criterion_results_stale_insert" AFTER INSERT ON "Criterion" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT r."contestId" FROM "RubricVersion" v JOIN "Rubric" r ON r."id" = v."rubricId" WHERE v."id" = new."rubricVersionId"); END;
CREATE TRIGGER "Criterion_results_stale_update" AFTER UPDATE ON "Criterion" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT r."contestId" FROM "RubricVersion" v JOIN "Rubric" r ON r."id" = v."rubricId" WHERE v."id" = new."rubricVersionId")) IS NOT NULL
  OR (old."rubricVersionId" IS NOT new."rubricVersionId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT r."contestId" FROM "RubricVersion" v JOIN "Rubric" r ON r."id" = v."rubricId" WHERE v."id" = old."rubricVersionId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT r."contestId" FROM "RubricVersion" v JOIN "Rubric" r ON r."id" = v."rubricId" WHERE v."id" = old."rubricVersionId"), (SELECT r."contestId" FROM "RubricVersion" v JOIN "Rubric" r ON r."id" = v."rubricId" WHERE v."id" = new."rubricVersionId")); END;
CREATE TRIGGER "Criterion_results_stale_delete" AFTER DELETE ON "Criterion" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT r."contestId" FROM "RubricVersion" v JOIN "Rubric" r ON r."id" = v."rubricId" WHERE v."id" = old."rubricVersionId"); END;

-- EntryAuthor: its entry's contest.
CREATE TRIGGER "EntryAuthor_results_stale_insert" AFTER INSERT ON "EntryAuthor" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Entry" WHERE "id" = new."entryId"); END;
CREATE TRIGGER "EntryAuthor_results_stale_update" AFTER UPDATE ON "EntryAuthor" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Entry" WHERE "id" = new."entryId")) IS NOT NULL
  OR (old."entryId" IS NOT new."entryId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Entry" WHERE "id" = old."entryId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Entry" WHERE "id" = old."entryId"), (SELECT "contestId" FROM "Entry" WHERE "id" = new."entryId")); END;
CREATE TRIGGER "EntryAuthor_results_stale_delete" AFTER DELETE ON "EntryAuthor" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Entry" WHERE "id" = old."entryId"); END;

-- RoundEntry, Panel, Assignment, Award: their round's contest.
CREATE TRIGGER "RoundEntry_results_stale_insert" AFTER INSERT ON "RoundEntry" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId"); END;
CREATE TRIGGER "RoundEntry_results_stale_update" AFTER UPDATE ON "RoundEntry" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")) IS NOT NULL
  OR (old."roundId" IS NOT new."roundId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"), (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")); END;
CREATE TRIGGER "RoundEntry_results_stale_delete" AFTER DELETE ON "RoundEntry" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"); END;

CREATE TRIGGER "Panel_results_stale_insert" AFTER INSERT ON "Panel" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId"); END;
CREATE TRIGGER "Panel_results_stale_update" AFTER UPDATE ON "Panel" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")) IS NOT NULL
  OR (old."roundId" IS NOT new."roundId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"), (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")); END;
CREATE TRIGGER "Panel_results_stale_delete" AFTER DELETE ON "Panel" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"); END;

CREATE TRIGGER "Assignment_results_stale_insert" AFTER INSERT ON "Assignment" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId"); END;
CREATE TRIGGER "Assignment_results_stale_update" AFTER UPDATE ON "Assignment" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")) IS NOT NULL
  OR (old."roundId" IS NOT new."roundId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"), (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")); END;
CREATE TRIGGER "Assignment_results_stale_delete" AFTER DELETE ON "Assignment" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"); END;

CREATE TRIGGER "Award_results_stale_insert" AFTER INSERT ON "Award" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId"); END;
CREATE TRIGGER "Award_results_stale_update" AFTER UPDATE ON "Award" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")) IS NOT NULL
  OR (old."roundId" IS NOT new."roundId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"), (SELECT "contestId" FROM "Round" WHERE "id" = new."roundId")); END;
CREATE TRIGGER "Award_results_stale_delete" AFTER DELETE ON "Award" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT "contestId" FROM "Round" WHERE "id" = old."roundId"); END;

-- Scoresheet: its assignment's round's contest.
CREATE TRIGGER "Scoresheet_results_stale_insert" AFTER INSERT ON "Scoresheet" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT r."contestId" FROM "Assignment" a JOIN "Round" r ON r."id" = a."roundId" WHERE a."id" = new."assignmentId"); END;
CREATE TRIGGER "Scoresheet_results_stale_update" AFTER UPDATE ON "Scoresheet" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT r."contestId" FROM "Assignment" a JOIN "Round" r ON r."id" = a."roundId" WHERE a."id" = new."assignmentId")) IS NOT NULL
  OR (old."assignmentId" IS NOT new."assignmentId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT r."contestId" FROM "Assignment" a JOIN "Round" r ON r."id" = a."roundId" WHERE a."id" = old."assignmentId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT r."contestId" FROM "Assignment" a JOIN "Round" r ON r."id" = a."roundId" WHERE a."id" = old."assignmentId"), (SELECT r."contestId" FROM "Assignment" a JOIN "Round" r ON r."id" = a."roundId" WHERE a."id" = new."assignmentId")); END;
CREATE TRIGGER "Scoresheet_results_stale_delete" AFTER DELETE ON "Scoresheet" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT r."contestId" FROM "Assignment" a JOIN "Round" r ON r."id" = a."roundId" WHERE a."id" = old."assignmentId"); END;

-- Score: its sheet's assignment's round's contest.
CREATE TRIGGER "Score_results_stale_insert" AFTER INSERT ON "Score" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT r."contestId" FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId" WHERE s."id" = new."scoresheetId"); END;
CREATE TRIGGER "Score_results_stale_update" AFTER UPDATE ON "Score" FOR EACH ROW
WHEN (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT r."contestId" FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId" WHERE s."id" = new."scoresheetId")) IS NOT NULL
  OR (old."scoresheetId" IS NOT new."scoresheetId" AND (SELECT "token" FROM "ResultsStamp" WHERE "contestId" = (SELECT r."contestId" FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId" WHERE s."id" = old."scoresheetId")) IS NOT NULL)
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL AND "contestId" IN ((SELECT r."contestId" FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId" WHERE s."id" = old."scoresheetId"), (SELECT r."contestId" FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId" WHERE s."id" = new."scoresheetId")); END;
CREATE TRIGGER "Score_results_stale_delete" AFTER DELETE ON "Score" FOR EACH ROW
BEGIN UPDATE "ResultsStamp" SET "token" = NULL WHERE "token" IS NOT NULL
  AND "contestId" = (SELECT r."contestId" FROM "Scoresheet" s JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId" WHERE s."id" = old."scoresheetId"); END;
