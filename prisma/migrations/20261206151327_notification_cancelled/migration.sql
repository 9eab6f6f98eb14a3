-- AlterEnum
ALTER TYPE "NotificationDeliveryStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "NotificationDelivery" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "NotificationDelivery_escalationId_idx" ON "NotificationDelivery"("escalationId");
