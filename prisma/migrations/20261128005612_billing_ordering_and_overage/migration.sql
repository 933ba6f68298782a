-- AlterTable
ALTER TABLE "billing_accounts" ADD COLUMN     "paymentMethodUpdatedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "providerUpdatedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "overageBilling" BOOLEAN NOT NULL DEFAULT false;
