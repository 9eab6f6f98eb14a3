-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "cityCode" TEXT,
ADD COLUMN     "normalised" JSONB,
ADD COLUMN     "occurredAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "InboundEvent_type_occurredAt_idx" ON "InboundEvent"("type", "occurredAt");
