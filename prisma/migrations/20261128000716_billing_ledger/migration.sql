-- CreateEnum
CREATE TYPE "BillingProvider" AS ENUM ('STRIPE', 'PAYPAL', 'LOCAL');

-- CreateEnum
CREATE TYPE "BillingInterval" AS ENUM ('MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('INCOMPLETE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('CREATED', 'APPROVED', 'COMPLETED', 'VOIDED', 'DENIED');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED');

-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('PENDING', 'PROCESSING', 'SUCCESS', 'FAILED', 'UNCLAIMED', 'RETURNED', 'ONHOLD', 'BLOCKED', 'REFUNDED', 'REVERSED', 'CANCELED', 'DENIED');

-- CreateTable
CREATE TABLE "billing_accounts" (
    "tenantId" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "address" JSONB,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "stripeCustomerId" TEXT,
    "paypalPayerId" TEXT,
    "paymentMethod" JSONB,
    "pastDueSince" TIMESTAMPTZ(3),
    "graceEndsAt" TIMESTAMPTZ(3),
    "trialEndingNotifiedAt" TIMESTAMPTZ(3),
    "providerUpdatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_accounts_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "providerId" TEXT NOT NULL,
    "tier" "Tier" NOT NULL,
    "interval" "BillingInterval" NOT NULL,
    "status" "SubscriptionStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "unitAmount" INTEGER NOT NULL,
    "currentPeriodStart" TIMESTAMPTZ(3),
    "currentPeriodEnd" TIMESTAMPTZ(3),
    "trialEnd" TIMESTAMPTZ(3),
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "canceledAt" TIMESTAMPTZ(3),
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "providerUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "subscription_versions" (
    "tenantId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "tier" "Tier" NOT NULL,
    "interval" "BillingInterval" NOT NULL,
    "status" "SubscriptionStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "unitAmount" INTEGER NOT NULL,
    "mrr" INTEGER NOT NULL,

    CONSTRAINT "subscription_versions_pkey" PRIMARY KEY ("tenantId","subscriptionId","effectiveAt")
);

-- CreateTable
CREATE TABLE "invoices" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "providerId" TEXT NOT NULL,
    "number" TEXT,
    "status" "InvoiceStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL,
    "amountPaid" INTEGER NOT NULL DEFAULT 0,
    "amountDue" INTEGER NOT NULL DEFAULT 0,
    "lines" JSONB NOT NULL,
    "subscriptionProviderId" TEXT,
    "periodStart" TIMESTAMPTZ(3),
    "periodEnd" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "paidAt" TIMESTAMPTZ(3),
    "hostedUrl" TEXT,
    "pdfUrl" TEXT,
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "providerUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "payments" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "providerId" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "amountRefunded" INTEGER NOT NULL DEFAULT 0,
    "disputed" BOOLEAN NOT NULL DEFAULT false,
    "invoiceProviderId" TEXT,
    "orderProviderId" TEXT,
    "description" TEXT,
    "failureMessage" TEXT,
    "paidAt" TIMESTAMPTZ(3),
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "providerUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "providerId" TEXT NOT NULL,
    "paymentProviderId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'succeeded',
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "disputes" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "providerId" TEXT NOT NULL,
    "paymentProviderId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT,
    "status" TEXT NOT NULL,
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "providerUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disputes_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "orders" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "providerId" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "description" TEXT,
    "captureProviderId" TEXT,
    "approveUrl" TEXT,
    "createdById" TEXT,
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "providerUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "meter_reports" (
    "tenantId" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "meter" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "value" INTEGER NOT NULL,
    "reportedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meter_reports_pkey" PRIMARY KEY ("tenantId","identifier")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" "WebhookStatus" NOT NULL DEFAULT 'RECEIVED',
    "payload" JSONB NOT NULL,
    "tenantId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "providerCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "nextAttemptAt" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_batches" (
    "id" TEXT NOT NULL,
    "provider" "BillingProvider" NOT NULL,
    "senderBatchId" TEXT NOT NULL,
    "providerBatchId" TEXT,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payout_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_items" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "senderItemId" TEXT NOT NULL,
    "providerItemId" TEXT,
    "tenantId" TEXT,
    "receiver" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "note" TEXT,
    "status" "PayoutStatus" NOT NULL DEFAULT 'PENDING',
    "providerUpdatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payout_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "billing_accounts_stripeCustomerId_key" ON "billing_accounts"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "subscriptions_tenantId_status_idx" ON "subscriptions"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_provider_providerId_key" ON "subscriptions"("provider", "providerId");

-- CreateIndex
CREATE INDEX "subscription_versions_effectiveAt_idx" ON "subscription_versions"("effectiveAt");

-- CreateIndex
CREATE INDEX "invoices_tenantId_providerCreatedAt_idx" ON "invoices"("tenantId", "providerCreatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "invoices_provider_providerId_key" ON "invoices"("provider", "providerId");

-- CreateIndex
CREATE INDEX "payments_tenantId_providerCreatedAt_idx" ON "payments"("tenantId", "providerCreatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "payments_provider_providerId_key" ON "payments"("provider", "providerId");

-- CreateIndex
CREATE INDEX "refunds_tenantId_paymentProviderId_idx" ON "refunds"("tenantId", "paymentProviderId");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_provider_providerId_key" ON "refunds"("provider", "providerId");

-- CreateIndex
CREATE UNIQUE INDEX "disputes_provider_providerId_key" ON "disputes"("provider", "providerId");

-- CreateIndex
CREATE INDEX "orders_tenantId_providerCreatedAt_idx" ON "orders"("tenantId", "providerCreatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "orders_provider_providerId_key" ON "orders"("provider", "providerId");

-- CreateIndex
CREATE INDEX "meter_reports_tenantId_meter_hour_idx" ON "meter_reports"("tenantId", "meter", "hour");

-- CreateIndex
CREATE INDEX "webhook_events_status_nextAttemptAt_idx" ON "webhook_events"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_events_receivedAt_idx" ON "webhook_events"("receivedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_provider_eventId_key" ON "webhook_events"("provider", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "payout_batches_senderBatchId_key" ON "payout_batches"("senderBatchId");

-- CreateIndex
CREATE UNIQUE INDEX "payout_batches_providerBatchId_key" ON "payout_batches"("providerBatchId");

-- CreateIndex
CREATE INDEX "payout_batches_createdAt_idx" ON "payout_batches"("createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "payout_items_senderItemId_key" ON "payout_items"("senderItemId");

-- CreateIndex
CREATE UNIQUE INDEX "payout_items_providerItemId_key" ON "payout_items"("providerItemId");

-- CreateIndex
CREATE INDEX "payout_items_batchId_idx" ON "payout_items"("batchId");

-- AddForeignKey
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscription_versions" ADD CONSTRAINT "subscription_versions_tenantId_subscriptionId_fkey" FOREIGN KEY ("tenantId", "subscriptionId") REFERENCES "subscriptions"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_reports" ADD CONSTRAINT "meter_reports_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "payout_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Row-level security (hand-written; see the first migration) ───────────────
DO $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "billing_accounts", "subscriptions", "subscription_versions", "invoices", "payments", "refunds", "disputes", "orders", "meter_reports", "webhook_events", "payout_batches", "payout_items" TO tessera_app');
END $$;

-- webhook_events and payout_* are platform-level (operators only): no tenant policy. A webhook is
-- marked processed inside the tenant transaction that applies it, hence the grant.

ALTER TABLE "billing_accounts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "billing_accounts"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "subscriptions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "subscriptions"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "subscription_versions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "subscription_versions"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "invoices"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "payments" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "payments"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "refunds" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "refunds"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "disputes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "disputes"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "orders"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "meter_reports" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "meter_reports"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
