-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "unassignedEscalatedAt" TIMESTAMP(3);
