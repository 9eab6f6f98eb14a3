-- DropIndex
DROP INDEX "ReportTicketFact_createdAt_idx";

-- CreateIndex
CREATE INDEX "ReportTicketFact_createdAt_ticketId_idx" ON "ReportTicketFact"("createdAt", "ticketId");
