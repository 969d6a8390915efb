-- Targets belong to an area (a unit's path, "" for the nation) instead of a province code, so that
-- a province's own targets and the nation's are edited through the API and picked by one rule.

-- DropIndex
DROP INDEX "Target_programId_idx";

-- AlterTable
ALTER TABLE "Target"
ADD COLUMN     "areaPath" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- A province's path is its code.
UPDATE "Target" SET "areaPath" = coalesce("provinceCode", '');

ALTER TABLE "Target" DROP COLUMN "provinceCode";

-- CreateIndex
CREATE INDEX "Target_programId_areaPath_idx" ON "Target"("programId", "areaPath");
