-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "customDomainVerifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "domainVerificationToken" TEXT,
ADD COLUMN     "pendingDomain" TEXT,
ADD COLUMN     "pendingDomainExpiresAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "tenant_storage" (
    "tenantId" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_storage_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_domainVerificationToken_key" ON "tenants"("domainVerificationToken");

-- AddForeignKey
ALTER TABLE "tenant_storage" ADD CONSTRAINT "tenant_storage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written below ─────────────────────────────────────────────────────

-- Custom domains need a DNS proof now (issue 9, item 8). Domains saved before this migration were
-- never proven: they become pending claims (7 days to add the TXT record) and stop being served.
UPDATE "tenants"
SET "pendingDomain" = "customDomain",
    "pendingDomainExpiresAt" = CURRENT_TIMESTAMP + interval '7 days',
    "customDomain" = NULL
WHERE "customDomain" IS NOT NULL;

-- Storage accounting (lib/usage/storage.ts): a running total per tenant of the size of its rows in
-- the tracked tables, measured as JSON text in UTC (octet_length(row_to_json(row)::text)): a logical
-- size that does not depend on how PostgreSQL lays a row out, so the triggers' sums and a full recount
-- agree to the byte. Kept by constraint triggers deferred to commit. Deferred, because a
-- rolled-back transaction then never counts, and the counter row is locked only in the instant
-- before commit (no transaction waits on it while holding other locks: no deadlock, little contention).
ALTER TABLE "tenant_storage" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tenant_storage"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_storage" TO tessera_app;

CREATE OR REPLACE FUNCTION tessera_add_storage(tenant text, delta bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF tenant IS NULL OR delta = 0 THEN
    RETURN;
  END IF;
  UPDATE "tenant_storage" SET "bytes" = "bytes" + delta, "updatedAt" = CURRENT_TIMESTAMP WHERE "tenantId" = tenant;
  IF NOT FOUND THEN
    -- First row of the tenant; nothing when the tenant itself is gone (a purge cascading).
    INSERT INTO "tenant_storage" ("tenantId", "bytes")
    SELECT "id", delta FROM "tenants" WHERE "id" = tenant
    ON CONFLICT ("tenantId") DO UPDATE
      SET "bytes" = "tenant_storage"."bytes" + EXCLUDED."bytes", "updatedAt" = CURRENT_TIMESTAMP;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION tessera_track_storage() RETURNS trigger
LANGUAGE plpgsql SET "TimeZone" TO 'UTC' AS $$
DECLARE
  old_tenant text;
  new_tenant text;
  old_bytes bigint := 0;
  new_bytes bigint := 0;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_tenant := OLD."tenantId";
    old_bytes := octet_length(row_to_json(OLD)::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_tenant := NEW."tenantId";
    new_bytes := octet_length(row_to_json(NEW)::text);
  END IF;
  IF TG_OP = 'UPDATE' AND old_tenant IS NOT DISTINCT FROM new_tenant THEN
    PERFORM tessera_add_storage(new_tenant, new_bytes - old_bytes);
  ELSE
    PERFORM tessera_add_storage(old_tenant, -old_bytes);
    PERFORM tessera_add_storage(new_tenant, new_bytes);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "tessera_storage" AFTER INSERT OR UPDATE OR DELETE ON "audit_logs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tessera_track_storage();
CREATE CONSTRAINT TRIGGER "tessera_storage" AFTER INSERT OR UPDATE OR DELETE ON "usage_events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tessera_track_storage();
CREATE CONSTRAINT TRIGGER "tessera_storage" AFTER INSERT OR UPDATE OR DELETE ON "memberships"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tessera_track_storage();
CREATE CONSTRAINT TRIGGER "tessera_storage" AFTER INSERT OR UPDATE OR DELETE ON "invitations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tessera_track_storage();
CREATE CONSTRAINT TRIGGER "tessera_storage" AFTER INSERT OR UPDATE OR DELETE ON "api_keys"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tessera_track_storage();

-- The totals of the rows that exist now (the same sizes the triggers add from here on).
SET LOCAL "TimeZone" TO 'UTC';
INSERT INTO "tenant_storage" ("tenantId", "bytes")
SELECT "tenantId", sum("bytes")::bigint FROM (
  SELECT "tenantId", octet_length(row_to_json(t)::text)::bigint AS "bytes" FROM "audit_logs" t
  UNION ALL SELECT "tenantId", octet_length(row_to_json(t)::text)::bigint FROM "usage_events" t
  UNION ALL SELECT "tenantId", octet_length(row_to_json(t)::text)::bigint FROM "memberships" t
  UNION ALL SELECT "tenantId", octet_length(row_to_json(t)::text)::bigint FROM "invitations" t
  UNION ALL SELECT "tenantId", octet_length(row_to_json(t)::text)::bigint FROM "api_keys" t WHERE "tenantId" IS NOT NULL
) AS rows
GROUP BY "tenantId"
ON CONFLICT ("tenantId") DO UPDATE SET "bytes" = EXCLUDED."bytes";
