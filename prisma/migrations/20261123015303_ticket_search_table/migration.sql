-- Search text moves out of "Ticket" into "TicketSearch": every ticket update (status, SLA sweep, assignment)
-- used to rewrite the row's large trigram GIN entries. Hand-written parts: the data copy and the triggers
-- (Prisma's diff does not see functions or triggers).

-- CreateTable
CREATE TABLE "TicketSearch" (
    "ticketId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "bigrams" TEXT[],

    CONSTRAINT "TicketSearch_pkey" PRIMARY KEY ("ticketId")
);

-- CopyData
INSERT INTO "TicketSearch" ("ticketId", "text", "bigrams")
SELECT "id", "searchText", "searchBigrams" FROM "Ticket";

-- DropTrigger
DROP TRIGGER "Ticket_search_fill" ON "Ticket";
DROP TRIGGER "TicketComment_search_append" ON "TicketComment";
DROP FUNCTION "ticket_search_fill"();
DROP FUNCTION "ticket_comment_search_append"();

-- DropIndex
DROP INDEX "Ticket_searchBigrams_idx";

-- DropIndex
DROP INDEX "Ticket_searchText_idx";

-- AlterTable
ALTER TABLE "Ticket" DROP COLUMN "searchBigrams",
DROP COLUMN "searchText";

-- CreateIndex
CREATE INDEX "TicketSearch_text_idx" ON "TicketSearch" USING GIN ("text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "TicketSearch_bigrams_idx" ON "TicketSearch" USING GIN ("bigrams" array_ops);

-- AddForeignKey
ALTER TABLE "TicketSearch" ADD CONSTRAINT "TicketSearch_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The bigrams always follow the text, whoever writes it.
-- CreateFunction
CREATE FUNCTION "ticket_search_bigrams_fill"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."bigrams" := ticket_search_bigrams(NEW."text");
  RETURN NEW;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "TicketSearch_bigrams_fill"
BEFORE INSERT OR UPDATE OF "text" ON "TicketSearch"
FOR EACH ROW EXECUTE FUNCTION "ticket_search_bigrams_fill"();

-- A new ticket is searchable by subject and description; statement-level so bulk inserts stay set-based.
-- CreateFunction
CREATE FUNCTION "ticket_search_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketSearch" ("ticketId", "text")
  SELECT "id", ticket_search_normalize("subject" || E'\n' || "description") FROM new_tickets;
  RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "Ticket_search_insert"
AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS new_tickets
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_search_insert"();

-- Comment bodies are searchable too.
-- CreateFunction
CREATE FUNCTION "ticket_comment_search_append"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "TicketSearch" s
     SET "text" = s."text" || c.added
    FROM (SELECT "ticketId", string_agg(E'\n' || ticket_search_normalize("body"), '' ORDER BY "createdAt", "id") AS added
            FROM new_comments GROUP BY "ticketId") c
   WHERE s."ticketId" = c."ticketId";
  RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "TicketComment_search_append"
AFTER INSERT ON "TicketComment" REFERENCING NEW TABLE AS new_comments
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_comment_search_append"();
