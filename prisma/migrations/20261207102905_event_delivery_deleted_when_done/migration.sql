-- Written by hand: a data change, no schema change.
--
-- A delivery is now deleted once its consumer has handled it (server/backbone/delivery-repository.ts) instead of
-- kept a week as 'done': the table holds only what is still to do and the dead letters. The done rows kept so
-- far go now; their events stay in the log.
DELETE FROM "EventDelivery" WHERE status = 'done';
