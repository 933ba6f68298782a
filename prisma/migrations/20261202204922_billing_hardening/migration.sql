-- AlterTable
ALTER TABLE "billing_accounts" ADD COLUMN     "checkoutLeaseToken" TEXT,
ADD COLUMN     "checkoutLeaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "stripeCheckoutSessionId" TEXT;

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "paymentProviderId" TEXT;

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "subscriptionProviderId" TEXT;

-- AlterTable
ALTER TABLE "payout_batches" ALTER COLUMN "total" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "purgedAt" TIMESTAMPTZ(3);
