-- CreateEnum
CREATE TYPE "ApiKeyKind" AS ENUM ('TENANT', 'PLATFORM');

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "kind" "ApiKeyKind" NOT NULL DEFAULT 'TENANT',
    "name" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "rolledFromId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_rollups" (
    "tenantId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "usage_rollups_pkey" PRIMARY KEY ("tenantId","hour","apiKeyId","route")
);

-- CreateTable
CREATE TABLE "usage_flushes" (
    "tenantId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "calls" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_flushes_pkey" PRIMARY KEY ("tenantId","batchId")
);

-- CreateTable
CREATE TABLE "usage_events" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "properties" JSONB,
    "apiKeyId" TEXT,
    "reportedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_tenantId_createdAt_idx" ON "api_keys"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "api_keys_kind_createdAt_idx" ON "api_keys"("kind", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "usage_flushes_createdAt_idx" ON "usage_flushes"("createdAt");

-- CreateIndex
CREATE INDEX "usage_events_tenantId_eventName_occurredAt_idx" ON "usage_events"("tenantId", "eventName", "occurredAt");

-- CreateIndex
CREATE INDEX "usage_events_tenantId_createdAt_idx" ON "usage_events"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "usage_events_tenantId_idempotencyKey_key" ON "usage_events"("tenantId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_rollups" ADD CONSTRAINT "usage_rollups_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_flushes" ADD CONSTRAINT "usage_flushes_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Row-level security (hand-written; see the first migration) ───────────────
DO $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "api_keys", "usage_rollups", "usage_flushes", "usage_events" TO tessera_app');
END $$;

-- Platform keys (tenantId NULL) are never visible to tenant-scoped work.
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "api_keys"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "usage_rollups" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "usage_rollups"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "usage_flushes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "usage_flushes"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "usage_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "usage_events"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
