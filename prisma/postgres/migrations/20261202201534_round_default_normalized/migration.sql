-- AlterTable
ALTER TABLE "Round" ALTER COLUMN "aggregation" SET DEFAULT 'NORMALIZED';

