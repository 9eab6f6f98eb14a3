-- The inbox claim walks the pending rows in seq order and stops at its limit; with availableAt in the middle of
-- the status index it read and sorted every pending row on each claim, so a claim's cost grew with the backlog.

-- DropIndex
DROP INDEX "InboundEvent_orderingKey_seq_idx";

-- DropIndex
DROP INDEX "InboundEvent_status_availableAt_seq_idx";

-- CreateIndex
CREATE INDEX "InboundEvent_status_seq_idx" ON "InboundEvent"("status", "seq");

-- Written by hand (Prisma does not model partial indexes; its diff leaves them alone): the claim's per-key check
-- ("no earlier waiting row of this ordering key") reads only the waiting rows, not every event the key ever had.
CREATE INDEX "InboundEvent_waiting_key_idx" ON "InboundEvent"("orderingKey", "seq")
WHERE status IN ('pending', 'held');

-- Written by hand (Prisma does not model storage parameters): room on each page lets the claim's update, which
-- changes no indexed column, stay on the page (a HOT update).
ALTER TABLE "InboundEvent" SET (fillfactor = 80);
