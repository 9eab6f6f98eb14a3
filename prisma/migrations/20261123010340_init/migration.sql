-- CreateEnum
CREATE TYPE "Role" AS ENUM ('support_agent', 'risk_manager', 'city_manager', 'admin');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('new', 'open', 'pending', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('P1', 'P2', 'P3', 'P4');

-- CreateEnum
CREATE TYPE "TicketCategory" AS ENUM ('order_issue', 'delivery_delay', 'missing_item', 'refund_request', 'payment', 'account_access', 'restaurant_onboarding', 'menu_update', 'courier_payout', 'courier_safety');

-- CreateEnum
CREATE TYPE "TicketSource" AS ENUM ('consumer', 'restaurant', 'courier', 'internal');

-- CreateEnum
CREATE TYPE "CommentVisibility" AS ENUM ('internal', 'public');

-- CreateEnum
CREATE TYPE "RiskType" AS ENUM ('order_anomaly', 'refund_abuse', 'payment_anomaly', 'account_takeover', 'delivery_fraud', 'courier_safety', 'restaurant_collusion');

-- CreateEnum
CREATE TYPE "RiskSubjectType" AS ENUM ('consumer', 'restaurant', 'courier', 'order');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "RiskCaseStatus" AS ENUM ('open', 'mitigating', 'closed');

-- CreateEnum
CREATE TYPE "RiskResolution" AS ENUM ('confirmed_fraud', 'mitigated', 'false_positive');

-- CreateEnum
CREATE TYPE "RuleSetStatus" AS ENUM ('draft', 'published', 'retired');

-- CreateEnum
CREATE TYPE "MitigationStatus" AS ENUM ('todo', 'in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "Metric" AS ENUM ('orders', 'demand', 'supply', 'avg_delivery_minutes', 'cancellation_rate', 'kitchen_overloads', 'delivery_failures');

-- CreateEnum
CREATE TYPE "AlertRuleKind" AS ENUM ('threshold', 'change', 'no_data');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('info', 'warning', 'critical');

-- CreateEnum
CREATE TYPE "AlertState" AS ENUM ('pending', 'firing', 'resolved');

-- CreateEnum
CREATE TYPE "WorkflowStatus" AS ENUM ('running', 'completed', 'cancelled');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "roles" "Role"[],
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "locale" TEXT NOT NULL DEFAULT 'en',
    "teamId" UUID,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameJa" TEXT NOT NULL,
    "leadId" UUID,
    "calendarId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessCalendar" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "dayStartMin" INTEGER NOT NULL,
    "dayEndMin" INTEGER NOT NULL,
    "workDays" INTEGER[],

    CONSTRAINT "BusinessCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "calendarId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("calendarId","date")
);

-- CreateTable
CREATE TABLE "AgentProfile" (
    "userId" UUID NOT NULL,
    "skills" "TicketCategory"[],
    "languages" TEXT[],
    "capacity" INTEGER NOT NULL,
    "shiftStartMin" INTEGER NOT NULL,
    "shiftEndMin" INTEGER NOT NULL,
    "workDays" INTEGER[],
    "lastAssignedAt" TIMESTAMP(3),

    CONSTRAINT "AgentProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "externalId" TEXT,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'new',
    "priority" "TicketPriority" NOT NULL,
    "category" "TicketCategory" NOT NULL,
    "source" "TicketSource" NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ja',
    "cityId" UUID,
    "teamId" UUID NOT NULL,
    "assigneeId" UUID,
    "requesterName" TEXT NOT NULL,
    "requesterEmail" TEXT,
    "orderRef" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "firstResponseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "slaDueAt" TIMESTAMP(3),
    "slaNextCheckAt" TIMESTAMP(3),
    "slaPausedAt" TIMESTAMP(3),
    "slaPausedSeconds" INTEGER NOT NULL DEFAULT 0,
    "firstRespondedAt" TIMESTAMP(3),
    "firstResponseBreachedAt" TIMESTAMP(3),
    "resolutionBreachedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketComment" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "authorId" UUID,
    "visibility" "CommentVisibility" NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAssignment" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "assigneeId" UUID,
    "teamId" UUID NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "reason" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskRuleSet" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "RuleSetStatus" NOT NULL,
    "rules" JSONB NOT NULL,
    "thresholds" JSONB NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "RiskRuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskSubjectProfile" (
    "subjectType" "RiskSubjectType" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "cardLast4" TEXT,
    "address" TEXT,

    CONSTRAINT "RiskSubjectProfile_pkey" PRIMARY KEY ("subjectType","subjectId")
);

-- CreateTable
CREATE TABLE "RiskCase" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "type" "RiskType" NOT NULL,
    "subjectType" "RiskSubjectType" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "status" "RiskCaseStatus" NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "score" INTEGER NOT NULL,
    "level" "RiskLevel" NOT NULL,
    "contributions" JSONB NOT NULL,
    "ruleSetVersion" INTEGER NOT NULL,
    "cityId" UUID,
    "queue" TEXT NOT NULL,
    "ownerId" UUID,
    "ackDueAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "resolution" "RiskResolution",
    "resolutionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "RiskCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskSignal" (
    "id" UUID NOT NULL,
    "sourceEventId" TEXT NOT NULL,
    "type" "RiskType" NOT NULL,
    "subjectType" "RiskSubjectType" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cityId" UUID,
    "caseId" UUID,

    CONSTRAINT "RiskSignal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MitigationAction" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "MitigationStatus" NOT NULL DEFAULT 'todo',
    "ownerId" UUID,
    "dueAt" TIMESTAMP(3),
    "note" TEXT,
    "result" TEXT,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MitigationAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskCaseTicketLink" (
    "caseId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskCaseTicketLink_pkey" PRIMARY KEY ("caseId","ticketId")
);

-- CreateTable
CREATE TABLE "City" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameJa" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Tokyo',
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "City_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CityIndicator" (
    "cityId" UUID NOT NULL,
    "metric" "Metric" NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CityIndicator_pkey" PRIMARY KEY ("cityId","metric","bucketStart")
);

-- CreateTable
CREATE TABLE "CityIndicatorHourly" (
    "cityId" UUID NOT NULL,
    "metric" "Metric" NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CityIndicatorHourly_pkey" PRIMARY KEY ("cityId","metric","bucketStart")
);

-- CreateTable
CREATE TABLE "CityIndicatorDaily" (
    "cityId" UUID NOT NULL,
    "metric" "Metric" NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CityIndicatorDaily_pkey" PRIMARY KEY ("cityId","metric","bucketStart")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cityId" UUID,
    "metric" "Metric" NOT NULL,
    "kind" "AlertRuleKind" NOT NULL,
    "operator" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION,
    "recoveryThreshold" DOUBLE PRECISION,
    "comparisonWindow" TEXT,
    "noDataMinutes" INTEGER,
    "forSeconds" INTEGER NOT NULL DEFAULT 0,
    "keepFiringForSeconds" INTEGER NOT NULL DEFAULT 0,
    "severity" "AlertSeverity" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "responsePlanId" UUID,
    "opensTicket" BOOLEAN NOT NULL DEFAULT false,
    "opensRiskCase" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "cityId" UUID NOT NULL,
    "openKey" TEXT,
    "state" "AlertState" NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "value" DOUBLE PRECISION,
    "pendingSince" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3),
    "lastBreachAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "silencedUntil" TIMESTAMP(3),
    "silencedById" UUID,
    "lastEvaluatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowTemplate" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameJa" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "steps" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowInstance" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "status" "WorkflowStatus" NOT NULL DEFAULT 'running',
    "startedById" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "WorkflowInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowStep" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" UUID,
    "note" TEXT,

    CONSTRAINT "WorkflowStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainEvent" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "aggregateType" TEXT NOT NULL,
    "aggregateId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "correlationId" TEXT NOT NULL,
    "causationId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "seq" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "eventId" UUID,
    "correlationId" TEXT NOT NULL,
    "details" JSONB NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiAccessToken" (
    "tokenHash" TEXT NOT NULL,
    "clientId" UUID NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiAccessToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_key_key" ON "Team"("key");

-- CreateIndex
CREATE UNIQUE INDEX "BusinessCalendar_name_key" ON "BusinessCalendar"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_externalId_key" ON "Ticket"("externalId");

-- CreateIndex
CREATE INDEX "Ticket_status_slaDueAt_idx" ON "Ticket"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "Ticket_teamId_status_slaDueAt_idx" ON "Ticket"("teamId", "status", "slaDueAt");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_slaDueAt_idx" ON "Ticket"("assigneeId", "status", "slaDueAt");

-- CreateIndex
CREATE INDEX "Ticket_slaNextCheckAt_idx" ON "Ticket"("slaNextCheckAt");

-- CreateIndex
CREATE INDEX "Ticket_cityId_createdAt_idx" ON "Ticket"("cityId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_orderRef_idx" ON "Ticket"("orderRef");

-- CreateIndex
CREATE INDEX "TicketComment_ticketId_createdAt_idx" ON "TicketComment"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketAssignment_ticketId_createdAt_idx" ON "TicketAssignment"("ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_scope_name_key" ON "SavedView"("userId", "scope", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RiskRuleSet_version_key" ON "RiskRuleSet"("version");

-- CreateIndex
CREATE UNIQUE INDEX "RiskCase_number_key" ON "RiskCase"("number");

-- CreateIndex
CREATE UNIQUE INDEX "RiskCase_openKey_key" ON "RiskCase"("openKey");

-- CreateIndex
CREATE INDEX "RiskCase_status_level_score_idx" ON "RiskCase"("status", "level", "score");

-- CreateIndex
CREATE INDEX "RiskCase_subjectType_subjectId_idx" ON "RiskCase"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "RiskCase_ackDueAt_idx" ON "RiskCase"("ackDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "RiskSignal_sourceEventId_key" ON "RiskSignal"("sourceEventId");

-- CreateIndex
CREATE INDEX "RiskSignal_subjectType_subjectId_observedAt_idx" ON "RiskSignal"("subjectType", "subjectId", "observedAt");

-- CreateIndex
CREATE INDEX "RiskSignal_caseId_observedAt_idx" ON "RiskSignal"("caseId", "observedAt");

-- CreateIndex
CREATE INDEX "RiskSignal_observedAt_idx" ON "RiskSignal"("observedAt");

-- CreateIndex
CREATE INDEX "MitigationAction_caseId_idx" ON "MitigationAction"("caseId");

-- CreateIndex
CREATE INDEX "RiskCaseTicketLink_ticketId_idx" ON "RiskCaseTicketLink"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "City_code_key" ON "City"("code");

-- CreateIndex
CREATE INDEX "CityIndicator_bucketStart_idx" ON "CityIndicator" USING BRIN ("bucketStart");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_cityId_state_idx" ON "Alert"("cityId", "state");

-- CreateIndex
CREATE INDEX "Alert_state_pendingSince_idx" ON "Alert"("state", "pendingSince");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowTemplate_key_key" ON "WorkflowTemplate"("key");

-- CreateIndex
CREATE INDEX "WorkflowInstance_subjectType_subjectId_idx" ON "WorkflowInstance"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowStep_instanceId_position_key" ON "WorkflowStep"("instanceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "DomainEvent_id_key" ON "DomainEvent"("id");

-- CreateIndex
CREATE INDEX "DomainEvent_aggregateType_aggregateId_seq_idx" ON "DomainEvent"("aggregateType", "aggregateId", "seq");

-- CreateIndex
CREATE INDEX "DomainEvent_type_seq_idx" ON "DomainEvent"("type", "seq");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_seq_idx" ON "AuditLog"("entityType", "entityId", "seq");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_seq_idx" ON "AuditLog"("actorId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_clientId_key" ON "ApiClient"("clientId");

-- CreateIndex
CREATE INDEX "ApiAccessToken_expiresAt_idx" ON "ApiAccessToken"("expiresAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "BusinessCalendar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Holiday" ADD CONSTRAINT "Holiday_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "BusinessCalendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentProfile" ADD CONSTRAINT "AgentProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketComment" ADD CONSTRAINT "TicketComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketComment" ADD CONSTRAINT "TicketComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAssignment" ADD CONSTRAINT "TicketAssignment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskCase" ADD CONSTRAINT "RiskCase_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskCase" ADD CONSTRAINT "RiskCase_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskSignal" ADD CONSTRAINT "RiskSignal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RiskCase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MitigationAction" ADD CONSTRAINT "MitigationAction_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RiskCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MitigationAction" ADD CONSTRAINT "MitigationAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskCaseTicketLink" ADD CONSTRAINT "RiskCaseTicketLink_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RiskCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskCaseTicketLink" ADD CONSTRAINT "RiskCaseTicketLink_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CityIndicator" ADD CONSTRAINT "CityIndicator_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRule" ADD CONSTRAINT "AlertRule_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRule" ADD CONSTRAINT "AlertRule_responsePlanId_fkey" FOREIGN KEY ("responsePlanId") REFERENCES "WorkflowTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowInstance" ADD CONSTRAINT "WorkflowInstance_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "WorkflowTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowStep" ADD CONSTRAINT "WorkflowStep_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "WorkflowInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiAccessToken" ADD CONSTRAINT "ApiAccessToken_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "ApiClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;
