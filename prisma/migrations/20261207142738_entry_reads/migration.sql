-- CreateTable
CREATE TABLE "EntryReads" (
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "reads" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "entryId")
);


-- extra.sqlite.sql
-- A round's reads packed per entry (docs/decisions/0034-entry-reads.md): "EntryReads" holds, for
-- every (round, entry) with at least one ACTIVE assignment, that entry's active assignments as the
-- results reader (loadRoundInputs in app/modules/rankings/results.server.ts) needs them, so that
-- it reads one row per entry instead of one per assignment joined to its scoresheet. The text is
-- the assignments' records ordered by judge id and joined by char(30); a record is the judge id,
-- followed, only when the sheet is counted (SUBMITTED with a total), by char(31) and the total,
-- char(31) and topMarks (or nothing), char(31) and criterionPoints (or nothing):
--   SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
--       THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
--     char(30) ORDER BY a."judgeId")
--   FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
--   WHERE a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId"
-- SQLite writes a REAL as text of up to 17 significant digits that reads back to the same double
-- ("10.0", "63.5", "33.333333333333329", "1.0e-07"): Number() of it is the stored total.
--
-- The rows are written only by the triggers below, so no writer (the app, raw SQL, an import)
-- can forget them. Each one recomputes the pairs its row touched: it deletes their rows and
-- inserts them again from the SELECT above restricted to those pairs (a grouped INSERT ... SELECT
-- inserts nothing for a pair left without an active assignment, so its row goes). A write that
-- cannot change any pair's text recomputes nothing: an assignment that is not ACTIVE before or
-- after, a sheet that is not counted before or after (a draft's autosave, a draft created on first
-- opening), a sheet of an assignment that is not ACTIVE. An UPDATE names the columns the text is
-- made of and also compares old and new values, since Prisma sets every given column.
-- Cascades fire these triggers: SQLite deletes a parent's row, then its children (firing their
-- triggers), then runs the parent's AFTER triggers. A sheet deleted with its assignment finds no
-- assignment (nothing to do) and the assignment's own trigger recomputes its pair; deleting a
-- round, an entry or a contest deletes their assignments one by one, the last of a pair leaving no
-- row. A change of an assignment's id reaches its sheet by ON UPDATE CASCADE, whose trigger
-- recomputes the pair. A REPLACE that deletes a conflicting row fires no delete trigger (recursive
-- triggers are off): no writer here uses one on these tables.
--
-- A later migration that redefines Assignment or Scoresheet (Prisma's new_<Table>, DROP TABLE,
-- RENAME) drops that table's own triggers, and its RENAME fails ("error in trigger ...: no such
-- table") while the other table's triggers here name it (each table's triggers read both): such a
-- migration must drop the triggers below (and the results stamp's that name the table) before the
-- redefinition and create them all again after it, and, if it changes rows, rebuild the table
-- with the backfill below (DELETE FROM "EntryReads" first). prisma/entry-reads.test.ts checks
-- that every trigger is there and that the table equals the SELECT after each kind of write.

-- The table again, clustered by its key (WITHOUT ROWID), which Prisma's schema cannot say: a
-- round's rows are then one range of pages, read in about 0.2 s at 100,000 entries instead of
-- 0.3 s through an index into rows scattered by the triggers' writes.
DROP TABLE "EntryReads";
CREATE TABLE "EntryReads" (
    "roundId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "reads" TEXT NOT NULL,
    PRIMARY KEY ("roundId", "entryId")
) WITHOUT ROWID;

-- The rows of the assignments that exist already.
INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
    THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
  char(30) ORDER BY a."judgeId")
FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
WHERE a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";

-- Assignment: the new row's pair, the old row's, or both (moved to another round or entry).
CREATE TRIGGER "Assignment_entry_reads_insert" AFTER INSERT ON "Assignment" FOR EACH ROW
WHEN new."status" = 'ACTIVE'
BEGIN
  DELETE FROM "EntryReads" WHERE "roundId" = new."roundId" AND "entryId" = new."entryId";
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
      THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
    char(30) ORDER BY a."judgeId")
  FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE a."roundId" = new."roundId" AND a."entryId" = new."entryId" AND a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";
END;
CREATE TRIGGER "Assignment_entry_reads_update" AFTER UPDATE OF "roundId", "entryId", "judgeId", "status" ON "Assignment" FOR EACH ROW
WHEN (old."status" = 'ACTIVE' OR new."status" = 'ACTIVE')
  AND (old."roundId" IS NOT new."roundId" OR old."entryId" IS NOT new."entryId" OR old."judgeId" IS NOT new."judgeId" OR old."status" IS NOT new."status")
BEGIN
  DELETE FROM "EntryReads"
  WHERE ("roundId" = old."roundId" AND "entryId" = old."entryId") OR ("roundId" = new."roundId" AND "entryId" = new."entryId");
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
      THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
    char(30) ORDER BY a."judgeId")
  FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE ((a."roundId" = old."roundId" AND a."entryId" = old."entryId") OR (a."roundId" = new."roundId" AND a."entryId" = new."entryId"))
    AND a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";
END;
CREATE TRIGGER "Assignment_entry_reads_delete" AFTER DELETE ON "Assignment" FOR EACH ROW
WHEN old."status" = 'ACTIVE'
BEGIN
  DELETE FROM "EntryReads" WHERE "roundId" = old."roundId" AND "entryId" = old."entryId";
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
      THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
    char(30) ORDER BY a."judgeId")
  FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE a."roundId" = old."roundId" AND a."entryId" = old."entryId" AND a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";
END;

-- Scoresheet: the pair of its assignment, when that assignment is ACTIVE (one whose row is gone,
-- deleted in the same cascade, has none). An UPDATE recomputes when the sheet was or is counted
-- and a column of its record changed, or when it moved to another assignment (both pairs).
CREATE TRIGGER "Scoresheet_entry_reads_insert" AFTER INSERT ON "Scoresheet" FOR EACH ROW
WHEN new."status" = 'SUBMITTED' AND new."total" IS NOT NULL
BEGIN
  DELETE FROM "EntryReads"
  WHERE ("roundId", "entryId") IN (SELECT "roundId", "entryId" FROM "Assignment" WHERE "id" = new."assignmentId" AND "status" = 'ACTIVE');
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
      THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
    char(30) ORDER BY a."judgeId")
  FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE (a."roundId", a."entryId") IN (SELECT "roundId", "entryId" FROM "Assignment" WHERE "id" = new."assignmentId" AND "status" = 'ACTIVE')
    AND a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";
END;
CREATE TRIGGER "Scoresheet_entry_reads_update" AFTER UPDATE OF "assignmentId", "status", "total", "topMarks", "criterionPoints" ON "Scoresheet" FOR EACH ROW
WHEN old."assignmentId" IS NOT new."assignmentId"
  OR (((old."status" = 'SUBMITTED' AND old."total" IS NOT NULL) OR (new."status" = 'SUBMITTED' AND new."total" IS NOT NULL))
    AND (old."status" IS NOT new."status" OR old."total" IS NOT new."total" OR old."topMarks" IS NOT new."topMarks" OR old."criterionPoints" IS NOT new."criterionPoints"))
BEGIN
  DELETE FROM "EntryReads"
  WHERE ("roundId", "entryId") IN (SELECT "roundId", "entryId" FROM "Assignment" WHERE "id" IN (old."assignmentId", new."assignmentId") AND "status" = 'ACTIVE');
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
      THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
    char(30) ORDER BY a."judgeId")
  FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE (a."roundId", a."entryId") IN (SELECT "roundId", "entryId" FROM "Assignment" WHERE "id" IN (old."assignmentId", new."assignmentId") AND "status" = 'ACTIVE')
    AND a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";
END;
CREATE TRIGGER "Scoresheet_entry_reads_delete" AFTER DELETE ON "Scoresheet" FOR EACH ROW
WHEN old."status" = 'SUBMITTED' AND old."total" IS NOT NULL
BEGIN
  DELETE FROM "EntryReads"
  WHERE ("roundId", "entryId") IN (SELECT "roundId", "entryId" FROM "Assignment" WHERE "id" = old."assignmentId" AND "status" = 'ACTIVE');
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", group_concat(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
      THEN char(31) || s."total" || char(31) || COALESCE(s."topMarks", '') || char(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
    char(30) ORDER BY a."judgeId")
  FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE (a."roundId", a."entryId") IN (SELECT "roundId", "entryId" FROM "Assignment" WHERE "id" = old."assignmentId" AND "status" = 'ACTIVE')
    AND a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";
END;
