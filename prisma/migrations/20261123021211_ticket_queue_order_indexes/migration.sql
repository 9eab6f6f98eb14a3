-- CreateIndex
CREATE INDEX "Ticket_slaDueAt_id_idx" ON "Ticket"("slaDueAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_teamId_slaDueAt_id_idx" ON "Ticket"("teamId", "slaDueAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_slaDueAt_id_idx" ON "Ticket"("assigneeId", "slaDueAt", "id");
