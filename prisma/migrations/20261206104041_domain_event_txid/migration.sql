-- AlterTable
ALTER TABLE "DomainEvent" ADD COLUMN     "txid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "DomainEvent_txid_seq_idx" ON "DomainEvent"("txid", "seq");
