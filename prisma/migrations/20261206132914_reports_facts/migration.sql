-- CreateTable
CREATE TABLE "ReportTicketFact" (
    "ticketId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "teamId" UUID NOT NULL,
    "assigneeId" UUID,
    "cityId" UUID,
    "priority" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "firstResponseAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "firstResponseMinutes" DOUBLE PRECISION,
    "resolutionMinutes" DOUBLE PRECISION,
    "firstResponseTargetMinutes" DOUBLE PRECISION NOT NULL,
    "resolutionTargetMinutes" DOUBLE PRECISION NOT NULL,
    "firstResponseBreached" BOOLEAN NOT NULL DEFAULT false,
    "resolutionBreached" BOOLEAN NOT NULL DEFAULT false,
    "lastEventSeq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportTicketFact_pkey" PRIMARY KEY ("ticketId")
);

-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "report" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportTicketFact_createdAt_idx" ON "ReportTicketFact"("createdAt");

-- CreateIndex
CREATE INDEX "ReportTicketFact_teamId_createdAt_idx" ON "ReportTicketFact"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportTicketFact_status_createdAt_idx" ON "ReportTicketFact"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSnapshot_day_report_key" ON "ReportSnapshot"("day", "report");
