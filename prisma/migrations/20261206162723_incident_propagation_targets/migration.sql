-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "mitigateEscalatedAt" TIMESTAMP(3),
ADD COLUMN     "respondEscalatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "IncidentMember" ADD COLUMN     "recoveredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "restaurantId" TEXT;
