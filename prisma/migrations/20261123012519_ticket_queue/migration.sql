-- Written by hand: trigram indexes serve substring search in any language (the GIN index below needs it).
-- CreateExtension
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "searchBigrams" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "slaAtRiskAt" TIMESTAMP(3),
ADD COLUMN     "slaPauses" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "TicketViewer" (
    "ticketId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketViewer_pkey" PRIMARY KEY ("ticketId","userId")
);

-- CreateIndex
CREATE INDEX "Ticket_searchText_idx" ON "Ticket" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_searchBigrams_idx" ON "Ticket" USING GIN ("searchBigrams" array_ops);

-- AddForeignKey
ALTER TABLE "TicketViewer" ADD CONSTRAINT "TicketViewer_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketViewer" ADD CONSTRAINT "TicketViewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma's diff does not see functions or triggers): the search columns are derived in the
-- database so every writer (API, seed, bulk loads) fills them the same way.

-- NFKC folds full-width Latin and half-width kana; queries go through the same function.
-- CreateFunction
CREATE FUNCTION "ticket_search_normalize"(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(normalize(input, NFKC)) $$;

-- Distinct 2-character substrings of the kana and CJK runs: a 2-character Japanese query has no trigram.
-- CreateFunction
CREATE FUNCTION "ticket_search_bigrams"(input text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT substr(run[1], i, 2)), '{}')
    FROM regexp_matches(input, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}', 'g') AS run
   CROSS JOIN LATERAL generate_series(1, length(run[1]) - 1) AS i
$$;

-- CreateFunction
CREATE FUNCTION "ticket_search_fill"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW."searchText" := ticket_search_normalize(NEW."subject" || E'\n' || NEW."description");
  END IF;
  IF TG_OP = 'INSERT' OR NEW."searchText" IS DISTINCT FROM OLD."searchText" THEN
    NEW."searchBigrams" := ticket_search_bigrams(NEW."searchText");
  END IF;
  RETURN NEW;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "Ticket_search_fill"
BEFORE INSERT OR UPDATE OF "searchText" ON "Ticket"
FOR EACH ROW EXECUTE FUNCTION "ticket_search_fill"();

-- Comment bodies are searchable too; statement-level so a bulk insert updates each ticket once.
-- CreateFunction
CREATE FUNCTION "ticket_comment_search_append"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Ticket" t
     SET "searchText" = t."searchText" || c.added
    FROM (SELECT "ticketId", string_agg(E'\n' || ticket_search_normalize("body"), '' ORDER BY "createdAt", "id") AS added
            FROM new_comments GROUP BY "ticketId") c
   WHERE t."id" = c."ticketId";
  RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "TicketComment_search_append"
AFTER INSERT ON "TicketComment" REFERENCING NEW TABLE AS new_comments
FOR EACH STATEMENT EXECUTE FUNCTION "ticket_comment_search_append"();
