-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "orderingKey" TEXT;

-- CreateIndex
CREATE INDEX "webhook_events_status_providerCreatedAt_idx" ON "webhook_events"("status", "providerCreatedAt");

-- CreateIndex
CREATE INDEX "webhook_events_orderingKey_status_idx" ON "webhook_events"("orderingKey", "status");
