-- CreateEnum
CREATE TYPE "IncidentPriority" AS ENUM ('P1', 'P2', 'P3', 'P4');

-- CreateEnum
CREATE TYPE "IncidentState" AS ENUM ('detected', 'triaged', 'investigating', 'identified', 'mitigating', 'escalated', 'resolved', 'postmortem');

-- CreateEnum
CREATE TYPE "IncidentMemberKind" AS ENUM ('ticket', 'risk_case', 'alert');

-- CreateEnum
CREATE TYPE "IncidentUpdateVisibility" AS ENUM ('internal', 'public');

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "priority" "IncidentPriority" NOT NULL,
    "state" "IncidentState" NOT NULL DEFAULT 'detected',
    "cityId" UUID,
    "restaurantId" TEXT,
    "courierId" TEXT,
    "area" TEXT,
    "commanderId" UUID,
    "declaredVia" TEXT NOT NULL,
    "sourceKind" "IncidentMemberKind",
    "sourceId" TEXT,
    "ruleId" UUID,
    "ruleVersion" INTEGER,
    "correlationKey" TEXT,
    "openKey" TEXT,
    "linkedIncidentId" UUID,
    "windowStart" TIMESTAMP(3),
    "lastMemberAt" TIMESTAMP(3),
    "respondDueAt" TIMESTAMP(3) NOT NULL,
    "mitigateDueAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "mitigatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentMember" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" "IncidentMemberKind" NOT NULL,
    "memberId" TEXT NOT NULL,
    "eventId" UUID,
    "ruleId" UUID,
    "ruleVersion" INTEGER,
    "correlationKey" TEXT,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "label" TEXT,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "removedById" UUID,
    "removedReason" TEXT,

    CONSTRAINT "IncidentMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentUpdate" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "visibility" "IncidentUpdateVisibility" NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrelationRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "currentVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CorrelationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrelationRuleVersion" (
    "ruleId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CorrelationRuleVersion_pkey" PRIMARY KEY ("ruleId","version")
);

-- CreateTable
CREATE TABLE "CorrelationCandidate" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "keyValue" TEXT NOT NULL,
    "kind" "IncidentMemberKind" NOT NULL,
    "memberId" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "reporter" TEXT NOT NULL,
    "label" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "incidentId" UUID,

    CONSTRAINT "CorrelationCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openKey_key" ON "Incident"("openKey");

-- CreateIndex
CREATE INDEX "Incident_state_createdAt_idx" ON "Incident"("state", "createdAt");

-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident"("createdAt");

-- CreateIndex
CREATE INDEX "IncidentMember_kind_memberId_idx" ON "IncidentMember"("kind", "memberId");

-- CreateIndex
CREATE INDEX "IncidentMember_incidentId_joinedAt_idx" ON "IncidentMember"("incidentId", "joinedAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentMember_incidentId_kind_memberId_key" ON "IncidentMember"("incidentId", "kind", "memberId");

-- CreateIndex
CREATE INDEX "IncidentUpdate_incidentId_createdAt_idx" ON "IncidentUpdate"("incidentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CorrelationRule_name_key" ON "CorrelationRule"("name");

-- CreateIndex
CREATE INDEX "CorrelationCandidate_ruleId_keyValue_occurredAt_idx" ON "CorrelationCandidate"("ruleId", "keyValue", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "CorrelationCandidate_ruleId_eventId_key" ON "CorrelationCandidate"("ruleId", "eventId");

-- AddForeignKey
ALTER TABLE "IncidentMember" ADD CONSTRAINT "IncidentMember_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdate" ADD CONSTRAINT "IncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrelationRuleVersion" ADD CONSTRAINT "CorrelationRuleVersion_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "CorrelationRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
