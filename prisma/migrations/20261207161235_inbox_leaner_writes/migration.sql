-- The edge's write pays for every index a new inbox row enters, and processing for every index its new versions
-- enter. Two of them held nothing a new row needed; the partial indexes are written by hand (Prisma does not model
-- them; its diff leaves them alone).
--
-- The receipt is looked up only to replay a dead or unrouted row: its index holds those rows alone.

-- DropIndex
DROP INDEX "InboundEvent_receiptId_key";

-- CreateIndex
CREATE INDEX "InboundEvent_replayable_receipt_idx" ON "InboundEvent"("receiptId")
WHERE status IN ('dead', 'unrouted');

-- The city buckets count mapped events (occurredAt set); an unmapped row no longer enters their index.

-- DropIndex
DROP INDEX "InboundEvent_type_cityCode_occurredAt_idx";

-- CreateIndex
CREATE INDEX "InboundEvent_city_bucket_idx" ON "InboundEvent"("type", "cityCode", "occurredAt")
WHERE "occurredAt" IS NOT NULL;

-- The payload is kept as sent: json stores the text after checking it, where jsonb parses it into its binary form.
-- The table is rewritten once.

-- AlterTable
ALTER TABLE "InboundEvent" ALTER COLUMN "data" SET DATA TYPE JSON;
