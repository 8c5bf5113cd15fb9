-- AlterTable
ALTER TABLE "Scoresheet" ADD COLUMN "criterionPoints" TEXT;
ALTER TABLE "Scoresheet" ADD COLUMN "topMarks" INTEGER;


-- extra.sqlite.sql
-- Backfill: every existing sheet's summary from its Score rows, as scoresheetSummary
-- (app/modules/scoring/total.ts) writes it for new ones.
UPDATE "Scoresheet" SET
  "topMarks" = (
    SELECT COUNT(*) FROM "Score" sc JOIN "Criterion" c ON c."id" = sc."criterionId"
    WHERE sc."scoresheetId" = "Scoresheet"."id" AND sc."points" >= c."maxPoints"
  ),
  "criterionPoints" = (
    SELECT json_group_object(sc."criterionId", sc."points") FROM "Score" sc WHERE sc."scoresheetId" = "Scoresheet"."id"
  );
