-- CreateEnum
CREATE TYPE "FileKind" AS ENUM ('ATTACHMENT', 'LOGO');

-- CreateEnum
CREATE TYPE "FileStatus" AS ENUM ('PENDING', 'READY');

-- CreateTable
CREATE TABLE "files" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "FileKind" NOT NULL DEFAULT 'ATTACHMENT',
    "status" "FileStatus" NOT NULL DEFAULT 'PENDING',
    "name" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedBy" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "files_storageKey_key" ON "files"("storageKey");

-- CreateIndex
CREATE INDEX "files_tenantId_status_createdAt_idx" ON "files"("tenantId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "files_tenantId_kind_status_idx" ON "files"("tenantId", "kind", "status");

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written below ─────────────────────────────────────────────────────

-- Tenant isolation (lib/db/tenant.ts): the app's role sees only the current tenant's files.
ALTER TABLE "files" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "files"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON "files" TO tessera_app;

-- Exact storage accounting (lib/files/quota.ts): a file's bytes count in the tenant's running total
-- (tenant_storage, lib/usage/storage.ts) from the moment they are reserved (a PENDING row) until
-- the row is deleted; committing an upload updates the reservation to the object's exact size.
-- Deferred to commit like the row-size triggers, so a rolled-back reservation never counts. The
-- reservation itself runs under a lock on the tenant's counter row (SELECT … FOR UPDATE) held to
-- commit, so concurrent reservations queue and each sees the bytes the previous one added.
CREATE OR REPLACE FUNCTION tessera_track_file_storage() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM tessera_add_storage(NEW."tenantId", NEW."sizeBytes");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM tessera_add_storage(OLD."tenantId", -OLD."sizeBytes");
  ELSIF OLD."tenantId" IS NOT DISTINCT FROM NEW."tenantId" THEN
    PERFORM tessera_add_storage(NEW."tenantId", NEW."sizeBytes" - OLD."sizeBytes");
  ELSE
    PERFORM tessera_add_storage(OLD."tenantId", -OLD."sizeBytes");
    PERFORM tessera_add_storage(NEW."tenantId", NEW."sizeBytes");
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "tessera_file_storage" AFTER INSERT OR UPDATE OR DELETE ON "files"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tessera_track_file_storage();
