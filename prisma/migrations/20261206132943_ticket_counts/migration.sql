-- CreateTable
CREATE TABLE "TicketCount" (
    "teamId" UUID NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "priority" "TicketPriority" NOT NULL,
    "category" "TicketCategory" NOT NULL,
    "cityId" UUID NOT NULL,
    "assigneeId" UUID NOT NULL,
    "breached" BOOLEAN NOT NULL,
    "escalated" BOOLEAN NOT NULL,
    "slot" SMALLINT NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "TicketCount_pkey" PRIMARY KEY ("teamId","status","priority","category","cityId","assigneeId","breached","escalated","slot")
);

-- Written by hand (Prisma's diff does not see functions or triggers): the counts follow every write to "Ticket"
-- inside the writer's own transaction, so any snapshot sees counts equal to count(*) of that snapshot. Statement
-- triggers with transition tables keep bulk writes (the SLA sweep, imports) set-based: one upsert per statement,
-- netted per key (an update that moves no counted column writes nothing) and in key order, so writers lock shared
-- rows in one order. A transaction writes to slot txid % 8 of a key: concurrent writers of one busy key (a team's
-- new P3 tickets) mostly land on different rows; readers sum the slots, at most 8 rows per key.

-- CreateFunction
CREATE FUNCTION "ticket_count_apply"() RETURNS trigger
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
    INSERT INTO "TicketCount" AS c ("teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, slot, tickets)
    SELECT "teamId", status, priority, category,
           coalesce("cityId", '00000000-0000-0000-0000-000000000000'::uuid),
           coalesce("assigneeId", '00000000-0000-0000-0000-000000000000'::uuid),
           ("firstResponseBreachedAt" IS NOT NULL OR "resolutionBreachedAt" IS NOT NULL),
           "escalationLevel" > 0, $1, sum(n)::int
      FROM (%s) d
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(n) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, slot)
    DO UPDATE SET tickets = c.tickets + excluded.tickets$sql$, changes)
  USING (txid_current() % 8)::smallint;
  RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "Ticket_count_insert"
AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS new_tickets
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_count_apply"();

-- CreateTrigger
CREATE TRIGGER "Ticket_count_update"
AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_count_apply"();

-- CreateTrigger
CREATE TRIGGER "Ticket_count_delete"
AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS old_tickets
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_count_apply"();

-- A truncated ticket table counts nothing.
-- CreateFunction
CREATE FUNCTION "ticket_count_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "TicketCount";
  RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "Ticket_count_truncate"
AFTER TRUNCATE ON "Ticket"
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_count_truncate"();

-- Recounts from scratch, for the tickets already here and after a bulk load that ran without triggers
-- (session_replication_role = replica). SHARE mode lets readers in but no writer between the delete and the count.
-- CreateFunction
CREATE FUNCTION "ticket_counts_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "Ticket" IN SHARE MODE;
  DELETE FROM "TicketCount";
  INSERT INTO "TicketCount" ("teamId", status, priority, category, "cityId", "assigneeId", breached, escalated, slot, tickets)
  SELECT "teamId", status, priority, category,
         coalesce("cityId", '00000000-0000-0000-0000-000000000000'::uuid),
         coalesce("assigneeId", '00000000-0000-0000-0000-000000000000'::uuid),
         ("firstResponseBreachedAt" IS NOT NULL OR "resolutionBreachedAt" IS NOT NULL),
         "escalationLevel" > 0, 0, count(*)::int
    FROM "Ticket"
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END;
$$;

-- CopyData
SELECT "ticket_counts_rebuild"();
