-- The claim reads a consumer's pending deliveries oldest first (server/backbone/delivery-repository.ts); nothing
-- reads them by aggregate key or by availableAt any more, and every delivery is written three times (recorded,
-- claimed, done), so each index left is paid three times.

-- DropIndex
DROP INDEX "EventDelivery_consumer_aggregateKey_eventSeq_idx";

-- DropIndex
DROP INDEX "EventDelivery_consumer_status_availableAt_eventSeq_idx";

-- CreateIndex
CREATE INDEX "EventDelivery_consumer_status_eventSeq_idx" ON "EventDelivery"("consumer", "status", "eventSeq");

-- Written by hand (Prisma does not model storage parameters): room on each page lets the claim's update, which
-- changes no indexed column, stay on the page (a HOT update) instead of adding an entry to every index.
ALTER TABLE "EventDelivery" SET (fillfactor = 80);
