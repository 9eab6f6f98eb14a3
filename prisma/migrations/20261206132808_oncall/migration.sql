-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('active', 'acknowledged', 'resolved', 'exhausted');

-- CreateTable
CREATE TABLE "OncallSchedule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "teamId" UUID,
    "timezone" TEXT NOT NULL,
    "layers" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OncallSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OncallOverride" (
    "id" UUID NOT NULL,
    "scheduleId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OncallOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OncallShiftSwap" (
    "id" UUID NOT NULL,
    "scheduleId" UUID NOT NULL,
    "layerId" TEXT NOT NULL,
    "shiftStart" TIMESTAMP(3) NOT NULL,
    "userId" UUID NOT NULL,
    "swapGroup" UUID NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OncallShiftSwap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OncallPreference" (
    "userId" UUID NOT NULL,
    "timezone" TEXT NOT NULL,
    "workDays" INTEGER[],
    "workStartMin" INTEGER NOT NULL,
    "workEndMin" INTEGER NOT NULL,
    "quietStartMin" INTEGER,
    "quietEndMin" INTEGER,
    "channels" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OncallPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "EscalationPolicy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "levels" JSONB NOT NULL,
    "repeat" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationRoute" (
    "trigger" TEXT NOT NULL,
    "policyId" UUID NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationRoute_pkey" PRIMARY KEY ("trigger")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" UUID NOT NULL,
    "triggerKey" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "activeKey" TEXT,
    "policyId" UUID,
    "policy" JSONB NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "teamId" UUID,
    "status" "EscalationStatus" NOT NULL DEFAULT 'active',
    "level" INTEGER NOT NULL DEFAULT 0,
    "round" INTEGER NOT NULL DEFAULT 0,
    "stepCount" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "acknowledgedVia" TEXT,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OncallWatch" (
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "teamId" UUID,
    "checkKind" TEXT,
    "checkAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OncallWatch_pkey" PRIMARY KEY ("objectType","objectId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OncallSchedule_name_key" ON "OncallSchedule"("name");

-- CreateIndex
CREATE INDEX "OncallSchedule_teamId_idx" ON "OncallSchedule"("teamId");

-- CreateIndex
CREATE INDEX "OncallOverride_scheduleId_endsAt_idx" ON "OncallOverride"("scheduleId", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "OncallShiftSwap_scheduleId_layerId_shiftStart_key" ON "OncallShiftSwap"("scheduleId", "layerId", "shiftStart");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPolicy_name_key" ON "EscalationPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_triggerKey_key" ON "Escalation"("triggerKey");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_activeKey_key" ON "Escalation"("activeKey");

-- CreateIndex
CREATE INDEX "Escalation_nextStepAt_idx" ON "Escalation"("nextStepAt");

-- CreateIndex
CREATE INDEX "Escalation_objectType_objectId_idx" ON "Escalation"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "OncallWatch_checkAt_idx" ON "OncallWatch"("checkAt");

-- AddForeignKey
ALTER TABLE "OncallOverride" ADD CONSTRAINT "OncallOverride_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "OncallSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OncallShiftSwap" ADD CONSTRAINT "OncallShiftSwap_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "OncallSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
