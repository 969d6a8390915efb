-- CreateTable
CREATE TABLE "WorkflowItem" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "workflowId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "currentStepId" TEXT,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "returns" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "snapshot" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkflowItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "assessmentId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "programId" TEXT NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "decisionNumber" TEXT NOT NULL,
    "decisionDate" DATE NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowItem_assessmentId_key" ON "WorkflowItem"("assessmentId");

-- CreateIndex
CREATE INDEX "WorkflowItem_workflowId_currentStepId_idx" ON "WorkflowItem"("workflowId", "currentStepId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serial_key" ON "Certificate"("serial");

-- CreateIndex
CREATE INDEX "Certificate_assessmentId_idx" ON "Certificate"("assessmentId");

-- CreateIndex
CREATE INDEX "Certificate_programId_periodYear_idx" ON "Certificate"("programId", "periodYear");

-- AddForeignKey
ALTER TABLE "WorkflowItem" ADD CONSTRAINT "WorkflowItem_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
