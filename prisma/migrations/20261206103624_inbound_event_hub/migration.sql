-- CreateTable
CREATE TABLE "EventSource" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "silenceAfterSeconds" INTEGER NOT NULL DEFAULT 900,
    "mappingVersion" INTEGER NOT NULL DEFAULT 1,
    "lastEventAt" TIMESTAMP(3),
    "silentSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventSource_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "EventSourceSecret" (
    "id" UUID NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "EventSourceSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "seq" BIGSERIAL NOT NULL,
    "receiptId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "dataVersion" INTEGER NOT NULL DEFAULT 1,
    "subject" TEXT,
    "time" TIMESTAMP(3),
    "data" JSONB NOT NULL,
    "orderingKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receivedVia" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failureClass" TEXT,
    "lastError" TEXT,
    "decision" JSONB,
    "processedAt" TIMESTAMP(3),
    "traceparent" TEXT,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "EventSourceSecret_sourceKey_idx" ON "EventSourceSecret"("sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_receiptId_key" ON "InboundEvent"("receiptId");

-- CreateIndex
CREATE INDEX "InboundEvent_status_availableAt_seq_idx" ON "InboundEvent"("status", "availableAt", "seq");

-- CreateIndex
CREATE INDEX "InboundEvent_orderingKey_seq_idx" ON "InboundEvent"("orderingKey", "seq");

-- CreateIndex
CREATE INDEX "InboundEvent_source_receivedAt_idx" ON "InboundEvent"("source", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEvent_type_receivedAt_idx" ON "InboundEvent"("type", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_source_eventId_key" ON "InboundEvent"("source", "eventId");

-- AddForeignKey
ALTER TABLE "EventSourceSecret" ADD CONSTRAINT "EventSourceSecret_sourceKey_fkey" FOREIGN KEY ("sourceKey") REFERENCES "EventSource"("key") ON DELETE RESTRICT ON UPDATE CASCADE;
