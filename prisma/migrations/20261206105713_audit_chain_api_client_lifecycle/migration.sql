-- AlterTable
ALTER TABLE "ApiClient" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "lastUsedAt" TIMESTAMP(3),
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "previousSecretHash" TEXT;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- Written by hand from here: Prisma's diff does not see functions or triggers, so the drift check ignores them.
--
-- The audit log is one hash chain in seq order: each entry's hash covers the previous entry's hash and the
-- entry's own fields, so changing, removing or inserting an entry breaks the chain from that point on. One
-- global chain, not one per day: a single order that anyone can verify from the first entry, and a removed
-- day cannot go unnoticed between two daily chains. Computed here, by a trigger, so every writer is covered
-- (the event recorder, the SLA sweep's bulk insert, the seed, psql).
--
-- Writers take turns on the one AuditChainHead row (FOR UPDATE, held until commit): under READ COMMITTED a
-- writer waits and reads the head its predecessor committed; under REPEATABLE READ or SERIALIZABLE it fails
-- with 40001 and withTransaction retries it, so the chain never forks. The entry's seq is drawn after that
-- lock, so seq order is chain order (the column default's draw is discarded: seq has gaps, as it always could).
-- Within a transaction the running head is kept in transaction-local settings and written back to the head row
-- once per statement: updating that row once per entry would leave a chain of row versions that every later
-- entry of the batch walks (20,000 entries took 41 s that way). The settings follow savepoints as the lock
-- does: a rolled-back subtransaction takes both back.

-- CreateFunction
-- One field of the hashed text: its byte length, ':', its text ('-:' for NULL), so no two different entries
-- give the same input. server/audit/chain.ts computes the same from the same texts.
CREATE FUNCTION "audit_log_hash_field"(field text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(octet_length(field)::text, '-') || ':' || coalesce(field, '')
$$;

-- CreateFunction
-- The hash (hex SHA-256) of one entry chained after prev_hash.
CREATE FUNCTION "audit_log_entry_hash"(prev_hash text, entry "AuditLog") RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to('audit-v1'
    || "audit_log_hash_field"(prev_hash)
    || "audit_log_hash_field"(entry.seq::text)
    || "audit_log_hash_field"(to_char(entry."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.US'))
    || "audit_log_hash_field"(entry."actorType")
    || "audit_log_hash_field"(entry."actorId")
    || "audit_log_hash_field"(entry.action)
    || "audit_log_hash_field"(entry."entityType")
    || "audit_log_hash_field"(entry."entityId")
    || "audit_log_hash_field"(entry."eventId"::text)
    || "audit_log_hash_field"(entry."correlationId")
    || "audit_log_hash_field"(entry.details::text), 'UTF8')), 'hex')
$$;

-- CreateFunction
CREATE FUNCTION "audit_log_chain"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_hash text;
BEGIN
  IF current_setting('audit_chain.tx', true) IS DISTINCT FROM txid_current()::text THEN
    SELECT hash INTO head_hash FROM "AuditChainHead" WHERE id = 1 FOR UPDATE;
    PERFORM set_config('audit_chain.tx', txid_current()::text, true);
  ELSE
    head_hash := current_setting('audit_chain.hash');
  END IF;
  NEW.seq := nextval(pg_get_serial_sequence('"AuditLog"', 'seq'));
  NEW."prevHash" := head_hash;
  NEW.hash := "audit_log_entry_hash"(head_hash, NEW);
  PERFORM set_config('audit_chain.hash', NEW.hash, true);
  PERFORM set_config('audit_chain.seq', NEW.seq::text, true);
  RETURN NEW;
END;
$$;

-- CreateFunction
CREATE FUNCTION "audit_log_chain_head"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('audit_chain.tx', true) = txid_current()::text THEN
    UPDATE "AuditChainHead"
       SET seq = current_setting('audit_chain.seq')::bigint, hash = current_setting('audit_chain.hash')
     WHERE id = 1;
  END IF;
  RETURN NULL;
END;
$$;

-- Chain the entries written before this migration, in seq order, from the genesis hash (64 zeros).
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only";
DO $$
DECLARE
  entry "AuditLog";
  previous text := repeat('0', 64);
  last_seq bigint := 0;
BEGIN
  FOR entry IN SELECT * FROM "AuditLog" ORDER BY seq LOOP
    entry."prevHash" := previous;
    previous := "audit_log_entry_hash"(previous, entry);
    UPDATE "AuditLog" SET "prevHash" = entry."prevHash", hash = previous WHERE seq = entry.seq;
    last_seq := entry.seq;
  END LOOP;
  INSERT INTO "AuditChainHead" (id, seq, hash) VALUES (1, last_seq, previous);
END;
$$;
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only";

-- CreateTrigger
CREATE TRIGGER "AuditLog_chain"
BEFORE INSERT ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();

-- CreateTrigger
CREATE TRIGGER "AuditLog_chain_head"
AFTER INSERT ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_chain_head"();
