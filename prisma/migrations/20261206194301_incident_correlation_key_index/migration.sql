-- CreateIndex
CREATE INDEX "Incident_ruleId_correlationKey_createdAt_idx" ON "Incident"("ruleId", "correlationKey", "createdAt");
