-- Written by hand (Prisma does not model storage parameters).
--
-- The inbox and the consumers' deliveries are work queues: every row is updated two or three times within
-- seconds of its insert, and each claim walks its index from the oldest waiting row, past the entries of
-- finished rows until a vacuum removes them (server/db/ordered-scans.ts keeps that walk cheap, not free). The
-- default trigger (a fifth of the table dead) waits longer the bigger these tables grow, and the inbox keeps
-- its rows for replay. They are vacuumed after a fixed count of dead rows instead, unthrottled.

-- AlterTable
ALTER TABLE "EventDelivery" SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 20000,
  autovacuum_vacuum_cost_delay = 0
);

-- AlterTable
ALTER TABLE "InboundEvent" SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 10000,
  autovacuum_vacuum_cost_delay = 0
);
