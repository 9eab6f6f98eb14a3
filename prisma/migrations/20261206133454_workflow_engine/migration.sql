-- CreateEnum
CREATE TYPE "WorkflowState" AS ENUM ('draft', 'pending', 'in_progress', 'approved', 'rejected', 'changes_requested', 'cancelled', 'completed');

-- CreateEnum
CREATE TYPE "WorkflowStepState" AS ENUM ('blocked', 'active', 'holding', 'done', 'rejected', 'returned', 'cancelled');

-- DropIndex
DROP INDEX "WorkflowStep_instanceId_position_key";

-- AlterTable
ALTER TABLE "WorkflowInstance" ADD COLUMN     "amount" DECIMAL(14,2),
ADD COLUMN     "context" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "endedReason" TEXT,
ADD COLUMN     "lockVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "state" "WorkflowState",
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "versionId" UUID;

-- AlterTable
ALTER TABLE "WorkflowStep" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "candidateRoles" "Role"[] DEFAULT ARRAY[]::"Role"[],
ADD COLUMN     "delegateIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "detail" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'task',
ADD COLUMN     "ownerIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "state" "WorkflowStepState";

-- AlterTable
ALTER TABLE "WorkflowTemplate" ADD COLUMN     "description" TEXT;

-- CreateTable
CREATE TABLE "WorkflowTemplateVersion" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,

    CONSTRAINT "WorkflowTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowDecision" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "stepId" UUID,
    "round" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" UUID,
    "onBehalfOfId" UUID,
    "reason" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowTemplateVersion_templateId_number_key" ON "WorkflowTemplateVersion"("templateId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowTemplateVersion_templateId_contentHash_key" ON "WorkflowTemplateVersion"("templateId", "contentHash");

-- CreateIndex
CREATE INDEX "WorkflowDecision_instanceId_decidedAt_idx" ON "WorkflowDecision"("instanceId", "decidedAt");

-- CreateIndex
CREATE INDEX "WorkflowInstance_versionId_state_idx" ON "WorkflowInstance"("versionId", "state");

-- CreateIndex
CREATE INDEX "WorkflowInstance_startedById_state_idx" ON "WorkflowInstance"("startedById", "state");

-- CreateIndex
CREATE INDEX "WorkflowStep_ownerIds_idx" ON "WorkflowStep" USING GIN ("ownerIds");

-- CreateIndex
CREATE INDEX "WorkflowStep_delegateIds_idx" ON "WorkflowStep" USING GIN ("delegateIds");

-- CreateIndex
CREATE INDEX "WorkflowStep_state_dueAt_idx" ON "WorkflowStep"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowStep_instanceId_round_position_key" ON "WorkflowStep"("instanceId", "round", "position");

-- AddForeignKey
ALTER TABLE "WorkflowTemplateVersion" ADD CONSTRAINT "WorkflowTemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "WorkflowTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowInstance" ADD CONSTRAINT "WorkflowInstance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "WorkflowTemplateVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowDecision" ADD CONSTRAINT "WorkflowDecision_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "WorkflowInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowDecision" ADD CONSTRAINT "WorkflowDecision_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "WorkflowStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
