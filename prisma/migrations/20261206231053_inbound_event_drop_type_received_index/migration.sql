-- No query reads inbound events by type and arrival time (type counts go by occurredAt): one index fewer for
-- every insert at the edge.
-- DropIndex
DROP INDEX "InboundEvent_type_receivedAt_idx";
