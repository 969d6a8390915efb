-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Unit" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitVersion" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "nameEn" TEXT,
    "searchName" TEXT NOT NULL,
    "parentId" UUID,
    "parentCode" TEXT,
    "path" TEXT NOT NULL,
    "provinceCode" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "legalAct" TEXT,

    CONSTRAINT "UnitVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitLineage" (
    "id" UUID NOT NULL,
    "fromUnitId" UUID NOT NULL,
    "toUnitId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "share" TEXT NOT NULL DEFAULT 'full',
    "effectiveOn" DATE NOT NULL,
    "legalAct" TEXT,

    CONSTRAINT "UnitLineage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleEn" TEXT,
    "family" TEXT,
    "definition" JSONB NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriteriaSet" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "ownerScope" TEXT NOT NULL,
    "provinceCode" TEXT,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriteriaSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriteriaSetVersion" (
    "id" UUID NOT NULL,
    "setId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "extendsSetId" TEXT,
    "extendsVersion" INTEGER,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "CriteriaSetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "programId" TEXT NOT NULL,
    "setVersionId" UUID NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "periodStartsOn" DATE NOT NULL,
    "periodEndsOn" DATE NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'notAssessed',
    "grade" TEXT,
    "explanation" JSONB,
    "evaluatedAt" TIMESTAMP(3),
    "baselineId" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriterionResult" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "criterionId" TEXT NOT NULL,
    "value" JSONB,
    "previousValue" DOUBLE PRECISION,
    "note" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriterionResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "resultId" UUID NOT NULL,
    "documentRef" TEXT NOT NULL,
    "fileName" TEXT,
    "documentKind" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" UUID NOT NULL,
    "programId" TEXT NOT NULL,
    "provinceCode" TEXT,
    "unitKinds" TEXT[],
    "fromYear" INTEGER NOT NULL,
    "toYear" INTEGER,
    "thresholdPercent" DOUBLE PRECISION NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "UnitVersion_code_idx" ON "UnitVersion"("code");

-- CreateIndex
CREATE INDEX "UnitVersion_parentId_validFrom_idx" ON "UnitVersion"("parentId", "validFrom");

-- CreateIndex
CREATE INDEX "UnitVersion_parentCode_idx" ON "UnitVersion"("parentCode");

-- CreateIndex
CREATE INDEX "UnitVersion_kind_provinceCode_idx" ON "UnitVersion"("kind", "provinceCode");

-- CreateIndex
CREATE INDEX "UnitVersion_path_idx" ON "UnitVersion"("path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "UnitVersion_searchName_idx" ON "UnitVersion"("searchName" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "UnitVersion_unitId_validFrom_key" ON "UnitVersion"("unitId", "validFrom");

-- CreateIndex
CREATE INDEX "UnitLineage_toUnitId_idx" ON "UnitLineage"("toUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitLineage_fromUnitId_toUnitId_effectiveOn_key" ON "UnitLineage"("fromUnitId", "toUnitId", "effectiveOn");

-- CreateIndex
CREATE INDEX "CriteriaSet_programId_idx" ON "CriteriaSet"("programId");

-- CreateIndex
CREATE INDEX "CriteriaSet_provinceCode_idx" ON "CriteriaSet"("provinceCode");

-- CreateIndex
CREATE INDEX "CriteriaSetVersion_status_idx" ON "CriteriaSetVersion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaSetVersion_setId_version_key" ON "CriteriaSetVersion"("setId", "version");

-- CreateIndex
CREATE INDEX "Assessment_programId_periodYear_outcome_idx" ON "Assessment"("programId", "periodYear", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_unitId_programId_periodYear_key" ON "Assessment"("unitId", "programId", "periodYear");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionResult_assessmentId_criterionId_key" ON "CriterionResult"("assessmentId", "criterionId");

-- CreateIndex
CREATE INDEX "Target_programId_idx" ON "Target"("programId");

-- AddForeignKey
ALTER TABLE "UnitVersion" ADD CONSTRAINT "UnitVersion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitVersion" ADD CONSTRAINT "UnitVersion_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitLineage" ADD CONSTRAINT "UnitLineage_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitLineage" ADD CONSTRAINT "UnitLineage_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriteriaSet" ADD CONSTRAINT "CriteriaSet_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriteriaSetVersion" ADD CONSTRAINT "CriteriaSetVersion_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CriteriaSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_setVersionId_fkey" FOREIGN KEY ("setVersionId") REFERENCES "CriteriaSetVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionResult" ADD CONSTRAINT "CriterionResult_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "CriterionResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
