-- CreateTable
CREATE TABLE "EventDelivery" (
    "consumer" TEXT NOT NULL,
    "eventSeq" BIGINT NOT NULL,
    "eventId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "aggregateKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "EventDelivery_pkey" PRIMARY KEY ("consumer","eventSeq")
);

-- CreateIndex
CREATE INDEX "EventDelivery_consumer_status_availableAt_eventSeq_idx" ON "EventDelivery"("consumer", "status", "availableAt", "eventSeq");

-- CreateIndex
CREATE INDEX "EventDelivery_consumer_aggregateKey_eventSeq_idx" ON "EventDelivery"("consumer", "aggregateKey", "eventSeq");
