-- CreateTable
CREATE TABLE "WorkflowTriggerStart" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "instanceId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowTriggerStart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowStepSla" (
    "stepId" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "calendarId" UUID,
    "remindAt" TIMESTAMP(3) NOT NULL,
    "escalateAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowStepSla_pkey" PRIMARY KEY ("stepId")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowTriggerStart_trigger_templateKey_subjectType_subjec_key" ON "WorkflowTriggerStart"("trigger", "templateKey", "subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "WorkflowStepSla_remindAt_idx" ON "WorkflowStepSla"("remindAt");

-- CreateIndex
CREATE INDEX "WorkflowStepSla_escalateAt_idx" ON "WorkflowStepSla"("escalateAt");

-- AddForeignKey
ALTER TABLE "WorkflowStepSla" ADD CONSTRAINT "WorkflowStepSla_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "WorkflowStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
