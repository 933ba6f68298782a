-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "acquisitionChannel" TEXT;

-- CreateTable
CREATE TABLE "analytics_api_hourly" (
    "tenantId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "route" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "latencyMsSum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_api_hourly_pkey" PRIMARY KEY ("tenantId","hour","route","status","bucket")
);

-- CreateTable
CREATE TABLE "analytics_flushes" (
    "tenantId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "calls" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_flushes_pkey" PRIMARY KEY ("tenantId","batchId")
);

-- CreateTable
CREATE TABLE "analytics_active_users" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "analytics_active_users_pkey" PRIMARY KEY ("tenantId","day","userId")
);

-- CreateTable
CREATE TABLE "acquisition_spend" (
    "id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "acquisition_spend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dashboards" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "name" TEXT NOT NULL,
    "sharing" TEXT NOT NULL DEFAULT 'view',
    "spec" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dashboards_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "analytics_api_hourly_hour_idx" ON "analytics_api_hourly"("hour");

-- CreateIndex
CREATE INDEX "analytics_flushes_createdAt_idx" ON "analytics_flushes"("createdAt");

-- CreateIndex
CREATE INDEX "analytics_active_users_day_idx" ON "analytics_active_users"("day");

-- CreateIndex
CREATE UNIQUE INDEX "acquisition_spend_month_channel_currency_key" ON "acquisition_spend"("month", "channel", "currency");

-- CreateIndex
CREATE INDEX "dashboards_tenantId_updatedAt_idx" ON "dashboards"("tenantId", "updatedAt" DESC);

-- AddForeignKey
ALTER TABLE "analytics_api_hourly" ADD CONSTRAINT "analytics_api_hourly_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analytics_flushes" ADD CONSTRAINT "analytics_flushes_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analytics_active_users" ADD CONSTRAINT "analytics_active_users_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Row-level security (hand-written; see the first migration) ───────────────
-- Operator dashboards (tenantId NULL) are never visible to tenant-scoped work.
-- acquisition_spend is platform-level (operators only, through the process client): no grant.
GRANT SELECT, INSERT, UPDATE, DELETE ON "analytics_api_hourly", "analytics_flushes", "analytics_active_users", "dashboards" TO tessera_app;

ALTER TABLE "analytics_api_hourly" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "analytics_api_hourly"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "analytics_flushes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "analytics_flushes"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "analytics_active_users" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "analytics_active_users"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "dashboards" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "dashboards"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
