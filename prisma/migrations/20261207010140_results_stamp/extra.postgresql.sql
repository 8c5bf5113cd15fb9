-- The results stamp (docs/decisions/0033-round-results-cache.md): any INSERT, UPDATE or DELETE of a
-- row that a round's results are computed from (loadRoundInputs in
-- app/modules/rankings/results.server.ts) sets the token of that row's contest to NULL, so the
-- server's kept results are never reused after a change, whichever writer made it. For an UPDATE
-- both the old and the new rows' contests, for a DELETE the old rows'. A row whose parent goes in
-- the same cascade finds no contest here: the parent's own trigger clears it.
--
-- Prisma's migration runner splits the script at every semicolon, even inside a function body
-- or a comment, so the function bodies are escape strings with no literal semicolon in them:
-- \073 is the semicolon between their statements (and quotes inside them are doubled).
--
-- Unlike SQLite (one writer at a time), PostgreSQL lets the server write a new token while a
-- writer's transaction is still open: had the writer's trigger found the token already NULL and
-- left the row alone, the server would write its token, read the inputs without the writer's
-- uncommitted rows, and keep results the writer's commit does not clear. So the clearing is an
-- INSERT ... ON CONFLICT that locks the contest's stamp row (making it, with a NULL token, when
-- there is none) even when the token is already NULL: the server's own write of a token then
-- waits for the writer's commit, and its reads see the writer's rows. It writes the row only when
-- the token is set (a DO UPDATE WHERE that fails still locks the row). "Contest" is joined so that
-- a contest deleted in the same statement gets no row.
--
-- The tables are written in bulk (the advance action updates 100,000 RoundEntry rows in one
-- statement), so their triggers run once per statement over its transition tables: "results_stale"
-- runs the lookup given as the trigger's argument (a SELECT of contest ids FROM %s) over the rows
-- the statement inserted, deleted or both (an UPDATE). Its body reads
--   EXECUTE 'INSERT INTO "ResultsStamp" ("contestId", "token") SELECT c."id", NULL FROM "Contest" c WHERE c."id" IN ('
--     || CASE TG_OP WHEN 'INSERT' THEN format(TG_ARGV[0], '"new_rows"')
--        WHEN 'DELETE' THEN format(TG_ARGV[0], '"old_rows"')
--        ELSE format(TG_ARGV[0], '"new_rows"') || ' UNION ALL ' || format(TG_ARGV[0], '"old_rows"') END
--     || ') ON CONFLICT ("contestId") DO UPDATE SET "token" = NULL WHERE "ResultsStamp"."token" IS NOT NULL'
--   RETURN NULL
CREATE FUNCTION "results_stale"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  EXECUTE ''INSERT INTO "ResultsStamp" ("contestId", "token") SELECT c."id", NULL FROM "Contest" c WHERE c."id" IN (''
    || CASE TG_OP WHEN ''INSERT'' THEN format(TG_ARGV[0], ''"new_rows"'')
       WHEN ''DELETE'' THEN format(TG_ARGV[0], ''"old_rows"'')
       ELSE format(TG_ARGV[0], ''"new_rows"'') || '' UNION ALL '' || format(TG_ARGV[0], ''"old_rows"'') END
    || '') ON CONFLICT ("contestId") DO UPDATE SET "token" = NULL WHERE "ResultsStamp"."token" IS NOT NULL''\073
  RETURN NULL\073
END';

-- Contest: only the columns results show or depend on. lockContest's
-- UPDATE "Contest" SET "version" = "version" at the start of every action must not clear it.
-- Inserting or deleting a contest needs nothing: its stamp row is created with it or cascades.
-- PostgreSQL allows no transition tables with a column list, so this one (like the User one) is
-- a row trigger: both are updated one row at a time.
CREATE FUNCTION "Contest_results_stale"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "ResultsStamp" ("contestId", "token") SELECT c."id", NULL FROM "Contest" c WHERE c."id" IN (OLD."id", NEW."id")
  ON CONFLICT ("contestId") DO UPDATE SET "token" = NULL WHERE "ResultsStamp"."token" IS NOT NULL\073
  RETURN NULL\073
END';
CREATE TRIGGER "Contest_results_stale_update"
AFTER UPDATE OF "title", "slug", "phase", "blind", "locale", "timeZone", "showScoresInResults", "tieBreak" ON "Contest"
FOR EACH ROW EXECUTE FUNCTION "Contest_results_stale"();

-- Judges' names are in the results: renaming a user clears every stamp (and locks every
-- contest's, as above).
CREATE FUNCTION "User_results_stale"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "ResultsStamp" ("contestId", "token") SELECT c."id", NULL FROM "Contest" c
  ON CONFLICT ("contestId") DO UPDATE SET "token" = NULL WHERE "ResultsStamp"."token" IS NOT NULL\073
  RETURN NULL\073
END';
CREATE TRIGGER "User_results_stale_update" AFTER UPDATE OF "name" ON "User"
FOR EACH ROW EXECUTE FUNCTION "User_results_stale"();

-- Round: SELECT "contestId" FROM the rows
CREATE TRIGGER "Round_results_stale_insert" AFTER INSERT ON "Round" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Round_results_stale_update" AFTER UPDATE ON "Round" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Round_results_stale_delete" AFTER DELETE ON "Round" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
-- Category: SELECT "contestId" FROM the rows
CREATE TRIGGER "Category_results_stale_insert" AFTER INSERT ON "Category" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Category_results_stale_update" AFTER UPDATE ON "Category" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Category_results_stale_delete" AFTER DELETE ON "Category" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
-- Rubric: SELECT "contestId" FROM the rows
CREATE TRIGGER "Rubric_results_stale_insert" AFTER INSERT ON "Rubric" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Rubric_results_stale_update" AFTER UPDATE ON "Rubric" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Rubric_results_stale_delete" AFTER DELETE ON "Rubric" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
-- Entry: SELECT "contestId" FROM the rows
CREATE TRIGGER "Entry_results_stale_insert" AFTER INSERT ON "Entry" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Entry_results_stale_update" AFTER UPDATE ON "Entry" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
CREATE TRIGGER "Entry_results_stale_delete" AFTER DELETE ON "Entry" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT "contestId" FROM %s');
-- PrizeTier: SELECT c."contestId" FROM the rows x JOIN "Category" c ON c."id" = x."categoryId"
CREATE TRIGGER "PrizeTier_results_stale_insert" AFTER INSERT ON "PrizeTier" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT c."contestId" FROM %s x JOIN "Category" c ON c."id" = x."categoryId"');
CREATE TRIGGER "PrizeTier_results_stale_update" AFTER UPDATE ON "PrizeTier" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT c."contestId" FROM %s x JOIN "Category" c ON c."id" = x."categoryId"');
CREATE TRIGGER "PrizeTier_results_stale_delete" AFTER DELETE ON "PrizeTier" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT c."contestId" FROM %s x JOIN "Category" c ON c."id" = x."categoryId"');
-- RubricVersion: SELECT r."contestId" FROM the rows x JOIN "Rubric" r ON r."id" = x."rubricId"
CREATE TRIGGER "RubricVersion_results_stale_insert" AFTER INSERT ON "RubricVersion" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Rubric" r ON r."id" = x."rubricId"');
CREATE TRIGGER "RubricVersion_results_stale_update" AFTER UPDATE ON "RubricVersion" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Rubric" r ON r."id" = x."rubricId"');
CREATE TRIGGER "RubricVersion_results_stale_delete" AFTER DELETE ON "RubricVersion" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Rubric" r ON r."id" = x."rubricId"');
-- Criterion: SELECT r."contestId" FROM the rows x JOIN "RubricVersion" v ON v."id" = x."rubricVersionId" JOIN "Rubric" r ON r."id" = v."rubricId"
CREATE TRIGGER "Criterion_results_stale_insert" AFTER INSERT ON "Criterion" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "RubricVersion" v ON v."id" = x."rubricVersionId" JOIN "Rubric" r ON r."id" = v."rubricId"');
CREATE TRIGGER "Criterion_results_stale_update" AFTER UPDATE ON "Criterion" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "RubricVersion" v ON v."id" = x."rubricVersionId" JOIN "Rubric" r ON r."id" = v."rubricId"');
CREATE TRIGGER "Criterion_results_stale_delete" AFTER DELETE ON "Criterion" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "RubricVersion" v ON v."id" = x."rubricVersionId" JOIN "Rubric" r ON r."id" = v."rubricId"');
-- EntryAuthor: SELECT e."contestId" FROM the rows x JOIN "Entry" e ON e."id" = x."entryId"
CREATE TRIGGER "EntryAuthor_results_stale_insert" AFTER INSERT ON "EntryAuthor" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT e."contestId" FROM %s x JOIN "Entry" e ON e."id" = x."entryId"');
CREATE TRIGGER "EntryAuthor_results_stale_update" AFTER UPDATE ON "EntryAuthor" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT e."contestId" FROM %s x JOIN "Entry" e ON e."id" = x."entryId"');
CREATE TRIGGER "EntryAuthor_results_stale_delete" AFTER DELETE ON "EntryAuthor" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT e."contestId" FROM %s x JOIN "Entry" e ON e."id" = x."entryId"');
-- RoundEntry: SELECT r."contestId" FROM the rows x JOIN "Round" r ON r."id" = x."roundId"
CREATE TRIGGER "RoundEntry_results_stale_insert" AFTER INSERT ON "RoundEntry" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "RoundEntry_results_stale_update" AFTER UPDATE ON "RoundEntry" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "RoundEntry_results_stale_delete" AFTER DELETE ON "RoundEntry" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
-- Panel: SELECT r."contestId" FROM the rows x JOIN "Round" r ON r."id" = x."roundId"
CREATE TRIGGER "Panel_results_stale_insert" AFTER INSERT ON "Panel" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "Panel_results_stale_update" AFTER UPDATE ON "Panel" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "Panel_results_stale_delete" AFTER DELETE ON "Panel" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
-- Assignment: SELECT r."contestId" FROM the rows x JOIN "Round" r ON r."id" = x."roundId"
CREATE TRIGGER "Assignment_results_stale_insert" AFTER INSERT ON "Assignment" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "Assignment_results_stale_update" AFTER UPDATE ON "Assignment" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "Assignment_results_stale_delete" AFTER DELETE ON "Assignment" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
-- Award: SELECT r."contestId" FROM the rows x JOIN "Round" r ON r."id" = x."roundId"
CREATE TRIGGER "Award_results_stale_insert" AFTER INSERT ON "Award" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "Award_results_stale_update" AFTER UPDATE ON "Award" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
CREATE TRIGGER "Award_results_stale_delete" AFTER DELETE ON "Award" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Round" r ON r."id" = x."roundId"');
-- Scoresheet: SELECT r."contestId" FROM the rows x JOIN "Assignment" a ON a."id" = x."assignmentId" JOIN "Round" r ON r."id" = a."roundId"
CREATE TRIGGER "Scoresheet_results_stale_insert" AFTER INSERT ON "Scoresheet" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Assignment" a ON a."id" = x."assignmentId" JOIN "Round" r ON r."id" = a."roundId"');
CREATE TRIGGER "Scoresheet_results_stale_update" AFTER UPDATE ON "Scoresheet" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Assignment" a ON a."id" = x."assignmentId" JOIN "Round" r ON r."id" = a."roundId"');
CREATE TRIGGER "Scoresheet_results_stale_delete" AFTER DELETE ON "Scoresheet" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Assignment" a ON a."id" = x."assignmentId" JOIN "Round" r ON r."id" = a."roundId"');
-- Score: SELECT r."contestId" FROM the rows x JOIN "Scoresheet" s ON s."id" = x."scoresheetId" JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId"
CREATE TRIGGER "Score_results_stale_insert" AFTER INSERT ON "Score" REFERENCING NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Scoresheet" s ON s."id" = x."scoresheetId" JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId"');
CREATE TRIGGER "Score_results_stale_update" AFTER UPDATE ON "Score" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Scoresheet" s ON s."id" = x."scoresheetId" JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId"');
CREATE TRIGGER "Score_results_stale_delete" AFTER DELETE ON "Score" REFERENCING OLD TABLE AS "old_rows"
FOR EACH STATEMENT EXECUTE FUNCTION "results_stale"('SELECT r."contestId" FROM %s x JOIN "Scoresheet" s ON s."id" = x."scoresheetId" JOIN "Assignment" a ON a."id" = s."assignmentId" JOIN "Round" r ON r."id" = a."roundId"');
