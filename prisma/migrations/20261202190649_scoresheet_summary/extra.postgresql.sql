-- Backfill: every existing sheet's summary from its Score rows, as scoresheetSummary
-- (app/modules/scoring/total.ts) writes it for new ones.
UPDATE "Scoresheet" SET
  "topMarks" = (
    SELECT COUNT(*) FROM "Score" sc JOIN "Criterion" c ON c."id" = sc."criterionId"
    WHERE sc."scoresheetId" = "Scoresheet"."id" AND sc."points" >= c."maxPoints"
  ),
  "criterionPoints" = COALESCE((
    SELECT json_object_agg(sc."criterionId", sc."points")::text FROM "Score" sc WHERE sc."scoresheetId" = "Scoresheet"."id"
  ), '{}');
