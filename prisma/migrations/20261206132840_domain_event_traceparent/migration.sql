-- AlterTable
ALTER TABLE "DomainEvent" ADD COLUMN     "traceparent" TEXT;
