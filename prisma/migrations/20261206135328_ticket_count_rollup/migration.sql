-- CreateTable
CREATE TABLE "TicketCountRollup" (
    "teamId" UUID NOT NULL,
    "assigneeId" UUID NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "priority" "TicketPriority" NOT NULL,
    "breached" BOOLEAN NOT NULL,
    "escalated" BOOLEAN NOT NULL,
    "slot" SMALLINT NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "TicketCountRollup_pkey" PRIMARY KEY ("teamId","assigneeId","status","priority","breached","escalated","slot")
);

-- Written by hand: the count triggers (migration ticket_counts) now keep both tables, each upsert in key order;
-- the rollup's deltas are the full key's summed over category and city.
-- CreateFunction
CREATE OR REPLACE FUNCTION "ticket_count_apply"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS n FROM new_tickets'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS n FROM old_tickets'
    ELSE 'SELECT *, 1 AS n FROM new_tickets UNION ALL SELECT *, -1 AS n FROM old_tickets'
  END;
BEGIN
  -- One statement for the three operations; dynamic because a transition table exists only for its operation.
  EXECUTE format($sql$
    WITH d AS (
      SELECT "teamId", status, priority, category,
             coalesce("cityId", '00000000-0000-0000-0000-000000000000'::uuid) AS "cityId",
             coalesce("assigneeId", '00000000-0000-0000-0000-000000000000'::uuid) AS "assigneeId",
             ("firstResponseBreachedAt" IS NOT NULL OR "resolutionBreachedAt" IS NOT NULL) AS breached,
             "escalationLevel" > 0 AS escalated, sum(n)::int AS n
        FROM (%s) changed
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      HAVING sum(n) <> 0
    ), counted AS (
      INSERT INTO "TicketCount" AS c ("teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, slot, tickets)
      SELECT "teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, $1, n
        FROM d
       ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT ("teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, slot)
      DO UPDATE SET tickets = c.tickets + excluded.tickets
    )
    INSERT INTO "TicketCountRollup" AS r ("teamId", "assigneeId", status, priority, breached, escalated, slot, tickets)
    SELECT "teamId", "assigneeId", status, priority, breached, escalated, $1, sum(n)::int
      FROM d
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(n) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("teamId", "assigneeId", status, priority, breached, escalated, slot)
    DO UPDATE SET tickets = r.tickets + excluded.tickets$sql$, changes)
  USING (txid_current() % 8)::smallint;
  RETURN NULL;
END;
$$;

-- CreateFunction
CREATE OR REPLACE FUNCTION "ticket_count_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "TicketCount";
  DELETE FROM "TicketCountRollup";
  RETURN NULL;
END;
$$;

-- CreateFunction
CREATE OR REPLACE FUNCTION "ticket_counts_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "Ticket" IN SHARE MODE;
  DELETE FROM "TicketCount";
  DELETE FROM "TicketCountRollup";
  INSERT INTO "TicketCount" ("teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, slot, tickets)
  SELECT "teamId", status, priority, category,
         coalesce("cityId", '00000000-0000-0000-0000-000000000000'::uuid),
         coalesce("assigneeId", '00000000-0000-0000-0000-000000000000'::uuid),
         ("firstResponseBreachedAt" IS NOT NULL OR "resolutionBreachedAt" IS NOT NULL),
         "escalationLevel" > 0, 0, count(*)::int
    FROM "Ticket"
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO "TicketCountRollup" ("teamId", "assigneeId", status, priority, breached, escalated, slot, tickets)
  SELECT "teamId", "assigneeId", status, priority, breached, escalated, 0, sum(tickets)::int
    FROM "TicketCount"
   GROUP BY 1, 2, 3, 4, 5, 6;
END;
$$;

-- CopyData
SELECT "ticket_counts_rebuild"();
