-- The claim reads a consumer's pending deliveries oldest first (server/backbone/delivery-repository.ts); nothing
-- reads them by aggregate key or by availableAt any more, and every delivery is written three times (recorded,
-- claimed, done), so each index left is paid three times.

-- DropIndex
DROP INDEX "EventDelivery_consumer_aggregateKey_eventSeq_idx";

-- DropIndex
DROP INDEX "EventDelivery_consumer_status_availableAt_eventSeq_idx";

-- Written by hand (Prisma does not model partial indexes; its diff leaves them alone): the pending rows alone, so
-- the claim's read neither walks the done rows nor depends on the planner's row counts to avoid them.
CREATE INDEX "EventDelivery_pending_idx" ON "EventDelivery"("consumer", "eventSeq")
WHERE status = 'pending';

-- Written by hand (Prisma does not model storage parameters): room on each page lets the claim's update, which
-- changes no indexed column, stay on the page (a HOT update) instead of adding an entry to every index.
ALTER TABLE "EventDelivery" SET (fillfactor = 80);
