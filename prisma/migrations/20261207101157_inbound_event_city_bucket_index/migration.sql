-- The indicator buckets count a city's events of a type in five minutes: the city leads after the type. A
-- subject's repeat counts no longer find a (type, occurredAt) index to read the whole window of the type through,
-- whatever the planner's row counts say (on a server without autovacuum they are never refreshed), and take the
-- per-role window indexes.

-- DropIndex
DROP INDEX "InboundEvent_type_occurredAt_idx";

-- CreateIndex
CREATE INDEX "InboundEvent_type_cityCode_occurredAt_idx" ON "InboundEvent"("type", "cityCode", "occurredAt");
