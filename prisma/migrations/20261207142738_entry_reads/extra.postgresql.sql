-- A round's reads packed per entry (docs/decisions/0034-entry-reads.md): "EntryReads" holds, for
-- every (round, entry) with at least one ACTIVE assignment, that entry's active assignments as the
-- results reader (loadRoundInputs in app/modules/rankings/results.server.ts) needs them, so that
-- it reads one row per entry instead of one per assignment joined to its scoresheet. The text is
-- the assignments' records ordered by judge id and joined by chr(30), a record is the judge id,
-- followed, only when the sheet is counted (SUBMITTED with a total), by chr(31) and the total,
-- chr(31) and topMarks (or nothing), chr(31) and criterionPoints (or nothing):
--   SELECT a."roundId", a."entryId", string_agg(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
--       THEN chr(31) || s."total"::text || chr(31) || COALESCE(s."topMarks"::text, '') || chr(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
--     chr(30) ORDER BY a."judgeId" COLLATE "C")
--   FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
--   WHERE a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId"
-- The judges are ordered by their ids' bytes (COLLATE "C"), as SQLite orders them, whatever the
-- database's collation. A double's text is the shortest that reads back to the same double
-- ("10", "63.5", "33.33333333333333", "1e-07") when extra_float_digits is 1 or more (1 is the
-- default, a session with less would write rounded totals), so the function sets it to 1.
-- The status columns are enums: comparing them with a quoted literal reads the literal as the enum.
--
-- The rows are written only by the triggers below, so no writer (the app, raw SQL, an import)
-- can forget them. Each one recomputes the pairs its statement touched: it deletes their rows and
-- inserts them again from the SELECT above restricted to those pairs (a grouped INSERT ... SELECT
-- inserts nothing for a pair left without an active assignment, so its row goes). A write that
-- cannot change any pair's text touches no pair: an assignment that is not ACTIVE before or
-- after, a sheet that is not counted before or after (a draft's autosave, a draft created on first
-- opening), a sheet of an assignment that is not ACTIVE, an update of other columns.
--
-- The tables are written in bulk (the assignment tool inserts tens of thousands of assignments in
-- one statement), so the triggers run once per statement over its transition tables, and
-- PostgreSQL allows no column list on a trigger with transition tables: "entry_reads_recompute"
-- runs the query given as the trigger's argument, which lists the (round, entry) pairs that the
-- statement's rows touched (an UPDATE's query compares each old row with the new row of the same
-- id and lists the pairs of the rows whose record can change), and recomputes them all at once.
--
-- Unlike SQLite (one writer at a time), PostgreSQL lets two transactions write assignments or
-- sheets of one entry at the same time (two judges submitting). Were each to delete and insert
-- the pair's row, the second one's INSERT would fail on the row the first one inserted (a
-- duplicate key, which prisma/entry-reads.test.ts shows without the lock), and an INSERT ... ON
-- CONFLICT DO UPDATE in its place would write a text computed without the first one's uncommitted
-- write, for good. So the function first locks the pairs' rows, making a row
-- (an empty text) for a pair that has none, by INSERT ... ON CONFLICT DO UPDATE ... WHERE false
-- (which locks the row it does not update), in one order so that two statements cannot deadlock
-- on them. A second writer waits there for the first one's commit, and its delete and insert
-- (each statement of the function takes a new snapshot under READ COMMITTED) then read what the
-- first one wrote. Writes of one contest already take turns on lockContest, so the app adds no
-- waiting. Its body reads
--   EXECUTE 'SELECT array_agg(p.r ORDER BY p.r, p.e), array_agg(p.e ORDER BY p.r, p.e)
--     FROM (SELECT DISTINCT q.r, q.e FROM (' || TG_ARGV[0] || ') q (r, e) WHERE q.r IS NOT NULL) p' INTO touched_rounds, touched_entries
--   IF touched_rounds IS NULL THEN RETURN NULL END IF
--   INSERT INTO "EntryReads" SELECT p.r, p.e, '' FROM unnest(touched_rounds, touched_entries) p (r, e) ORDER BY p.r, p.e
--     ON CONFLICT ("roundId", "entryId") DO UPDATE SET "reads" = "EntryReads"."reads" WHERE false
--   DELETE FROM "EntryReads" er USING unnest(touched_rounds, touched_entries) p (r, e) WHERE er."roundId" = p.r AND er."entryId" = p.e
--   INSERT INTO "EntryReads" the SELECT above FROM unnest(touched_rounds, touched_entries) p (r, e) JOIN "Assignment" a ON the pair ...
--   RETURN NULL
-- Prisma's migration runner splits the script at every semicolon, even inside a function body
-- or a comment, so the function body is an escape string with no literal semicolon in it:
-- \073 is the semicolon between its statements (and quotes inside it are doubled).
--
-- Cascades fire these triggers, once per table for all the rows one statement's cascade reached
-- (PostgreSQL gathers the transition tables of the cascade's queries), after the statement
-- trigger of the table above and once the rows below are gone: deleting a round, the Assignment
-- trigger runs when the round's assignments and their sheets are deleted and recomputes their
-- pairs (which leaves no row), then the Scoresheet trigger finds its sheets' assignments gone
-- (nothing to do). A change of an assignment's id reaches its sheet by ON UPDATE CASCADE, whose
-- trigger recomputes the pair. TRUNCATE fires none of them: no writer here truncates these tables.
--
-- A later migration that redefines Assignment or Scoresheet (drops and creates the table) must
-- create these triggers again and, if it changes rows, rebuild the table with the backfill below
-- (DELETE FROM "EntryReads" first). prisma/entry-reads.test.ts checks that every trigger is there
-- and that the table equals the SELECT after each kind of write.

-- The rows of the assignments that exist already (with the doubles' text as the triggers write it).
SET extra_float_digits = 1;
INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
SELECT a."roundId", a."entryId", string_agg(a."judgeId" || CASE WHEN s."status" = 'SUBMITTED' AND s."total" IS NOT NULL
    THEN chr(31) || s."total"::text || chr(31) || COALESCE(s."topMarks"::text, '') || chr(31) || COALESCE(s."criterionPoints", '') ELSE '' END,
  chr(30) ORDER BY a."judgeId" COLLATE "C")
FROM "Assignment" a LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
WHERE a."status" = 'ACTIVE' GROUP BY a."roundId", a."entryId";

CREATE FUNCTION "entry_reads_recompute"() RETURNS trigger LANGUAGE plpgsql SET extra_float_digits = 1 AS E'DECLARE
  touched_rounds text[]\073
  touched_entries text[]\073
BEGIN
  EXECUTE ''SELECT array_agg(p.r ORDER BY p.r, p.e), array_agg(p.e ORDER BY p.r, p.e) FROM (SELECT DISTINCT q.r, q.e FROM (''
    || TG_ARGV[0] || '') q (r, e) WHERE q.r IS NOT NULL) p'' INTO touched_rounds, touched_entries\073
  IF touched_rounds IS NULL THEN
    RETURN NULL\073
  END IF\073
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT p.r, p.e, '''' FROM unnest(touched_rounds, touched_entries) AS p (r, e) ORDER BY p.r, p.e
  ON CONFLICT ("roundId", "entryId") DO UPDATE SET "reads" = "EntryReads"."reads" WHERE false\073
  DELETE FROM "EntryReads" er USING unnest(touched_rounds, touched_entries) AS p (r, e) WHERE er."roundId" = p.r AND er."entryId" = p.e\073
  INSERT INTO "EntryReads" ("roundId", "entryId", "reads")
  SELECT a."roundId", a."entryId", string_agg(a."judgeId" || CASE WHEN s."status" = ''SUBMITTED'' AND s."total" IS NOT NULL
      THEN chr(31) || s."total"::text || chr(31) || COALESCE(s."topMarks"::text, '''') || chr(31) || COALESCE(s."criterionPoints", '''') ELSE '''' END,
    chr(30) ORDER BY a."judgeId" COLLATE "C")
  FROM unnest(touched_rounds, touched_entries) AS p (r, e)
    JOIN "Assignment" a ON a."roundId" = p.r AND a."entryId" = p.e
    LEFT JOIN "Scoresheet" s ON s."assignmentId" = a."id"
  WHERE a."status" = ''ACTIVE'' GROUP BY a."roundId", a."entryId"\073
  RETURN NULL\073
END';

-- Assignment: the pairs of the ACTIVE rows inserted or deleted, and of the rows updated that
-- were or are ACTIVE and changed round, entry, judge or status (both the old and the new pair).
-- A row with no row of the same id on the other side (its id changed) counts as changed.
CREATE TRIGGER "Assignment_entry_reads_insert" AFTER INSERT ON "Assignment" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "entry_reads_recompute"('SELECT "roundId", "entryId" FROM "new_rows" WHERE "status" = ''ACTIVE''');
CREATE TRIGGER "Assignment_entry_reads_update" AFTER UPDATE ON "Assignment" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "entry_reads_recompute"('SELECT v.r, v.e FROM "old_rows" o FULL JOIN "new_rows" n ON n."id" = o."id"
  CROSS JOIN LATERAL (VALUES (o."roundId", o."entryId"), (n."roundId", n."entryId")) v (r, e)
  WHERE o."id" IS NULL OR n."id" IS NULL OR ((o."status" = ''ACTIVE'' OR n."status" = ''ACTIVE'')
    AND (o."roundId", o."entryId", o."judgeId", o."status") IS DISTINCT FROM (n."roundId", n."entryId", n."judgeId", n."status"))');
CREATE TRIGGER "Assignment_entry_reads_delete" AFTER DELETE ON "Assignment" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "entry_reads_recompute"('SELECT "roundId", "entryId" FROM "old_rows" WHERE "status" = ''ACTIVE''');

-- Scoresheet: the pairs of the ACTIVE assignments of the counted sheets inserted or deleted, and
-- of the sheets updated that were or are counted and changed a column of their record, or moved to
-- another assignment (both assignments' pairs). An assignment deleted in the same cascade is gone.
CREATE TRIGGER "Scoresheet_entry_reads_insert" AFTER INSERT ON "Scoresheet" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "entry_reads_recompute"('SELECT a."roundId", a."entryId" FROM "new_rows" x JOIN "Assignment" a ON a."id" = x."assignmentId"
  WHERE x."status" = ''SUBMITTED'' AND x."total" IS NOT NULL AND a."status" = ''ACTIVE''');
CREATE TRIGGER "Scoresheet_entry_reads_update" AFTER UPDATE ON "Scoresheet" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "entry_reads_recompute"('SELECT a."roundId", a."entryId" FROM "old_rows" o FULL JOIN "new_rows" n ON n."id" = o."id"
  CROSS JOIN LATERAL (VALUES (o."assignmentId"), (n."assignmentId")) v (id) JOIN "Assignment" a ON a."id" = v.id
  WHERE a."status" = ''ACTIVE'' AND (o."id" IS NULL OR n."id" IS NULL OR o."assignmentId" IS DISTINCT FROM n."assignmentId"
    OR ((o."status" = ''SUBMITTED'' AND o."total" IS NOT NULL OR n."status" = ''SUBMITTED'' AND n."total" IS NOT NULL)
      AND (o."status", o."total"::text, o."topMarks", o."criterionPoints") IS DISTINCT FROM (n."status", n."total"::text, n."topMarks", n."criterionPoints")))');
CREATE TRIGGER "Scoresheet_entry_reads_delete" AFTER DELETE ON "Scoresheet" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "entry_reads_recompute"('SELECT a."roundId", a."entryId" FROM "old_rows" x JOIN "Assignment" a ON a."id" = x."assignmentId"
  WHERE x."status" = ''SUBMITTED'' AND x."total" IS NOT NULL AND a."status" = ''ACTIVE''');
