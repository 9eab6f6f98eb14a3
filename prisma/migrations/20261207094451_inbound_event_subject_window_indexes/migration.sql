-- Written by hand (Prisma does not model expression or partial indexes; its diff leaves them alone).
--
-- The repeat counts (a consumer's cancellations, a courier's failed deliveries in a day) read one subject's events
-- of a type around a time. Through the (type, occurredAt) index they read every event of the type in the window
-- and kept the subject's: a batch's read grew with the whole platform's traffic of the last day, not with the
-- subject's. Each counted role gets an index led by the subject, holding only the events that name one.

-- CreateIndex
CREATE INDEX "InboundEvent_consumer_window_idx"
ON "InboundEvent" ("type", (normalised -> 'subjects' ->> 'consumer'), "occurredAt")
WHERE (normalised -> 'subjects' ->> 'consumer') IS NOT NULL;

-- CreateIndex
CREATE INDEX "InboundEvent_courier_window_idx"
ON "InboundEvent" ("type", (normalised -> 'subjects' ->> 'courier'), "occurredAt")
WHERE (normalised -> 'subjects' ->> 'courier') IS NOT NULL;
