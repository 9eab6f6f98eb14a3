-- The edge's write pays for every index a new inbox row enters, and processing for every index its new versions
-- enter. Two of them held nothing a new row needed; the partial indexes are written by hand (Prisma does not model
-- them; its diff leaves them alone).
--
-- The payload's new type rewrites the table and its indexes under an exclusive lock: on a large inbox, run this in
-- a quiet window. The old indexes go first and the new ones come after the rewrite, so none is built twice.

-- DropIndex
DROP INDEX "InboundEvent_receiptId_key";

-- DropIndex
DROP INDEX "InboundEvent_type_cityCode_occurredAt_idx";

-- The payload is kept as JSON.stringify wrote it: json stores the text after checking it, where jsonb parses it
-- into its binary form.

-- AlterTable
ALTER TABLE "InboundEvent" ALTER COLUMN "data" SET DATA TYPE JSON;

-- The receipt is looked up only to replay a dead or unrouted row: its index holds those rows alone.

-- CreateIndex
CREATE INDEX "InboundEvent_replayable_receipt_idx" ON "InboundEvent"("receiptId")
WHERE status IN ('dead', 'unrouted');

-- The city buckets count mapped events (occurredAt set); an unmapped row no longer enters their index.

-- CreateIndex
CREATE INDEX "InboundEvent_city_bucket_idx" ON "InboundEvent"("type", "cityCode", "occurredAt")
WHERE "occurredAt" IS NOT NULL;
