-- Every criteria set, criteria-set version and audit event carries the area it belongs to, so that one
-- read rule (@antt/criteria's `mayReadCriteriaSet`, `mayReadAuditEvent`) can judge any row alone.

-- AlterTable
-- An event's area is written with it (and hashed with it). Events recorded before this migration keep
-- NULL: only national readers see them (an UPDATE would break the append-only trail).
ALTER TABLE "AuditEvent" ADD COLUMN     "areaPath" TEXT;

-- AlterTable
-- Generated, so that no writer (API, seed, package import) can give a set an area other than its owner.
ALTER TABLE "CriteriaSet" ADD COLUMN     "areaPath" TEXT NOT NULL
  GENERATED ALWAYS AS (coalesce("provinceCode", '')) STORED;

-- AlterTable
-- A version's owner is its set's (the API refuses a version that changes it); generated from the
-- definition itself so that a version can be judged without a join.
ALTER TABLE "CriteriaSetVersion" ADD COLUMN     "areaPath" TEXT NOT NULL
  GENERATED ALWAYS AS (
    CASE WHEN "definition" -> 'owner' ->> 'scope' = 'province'
      THEN coalesce("definition" -> 'owner' ->> 'provinceCode', '')
      ELSE '' END
  ) STORED;

-- CreateIndex
CREATE INDEX "AuditEvent_areaPath_idx" ON "AuditEvent"("areaPath" text_pattern_ops);

-- CreateIndex
CREATE INDEX "CriteriaSetVersion_areaPath_idx" ON "CriteriaSetVersion"("areaPath");
