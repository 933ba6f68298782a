-- CreateEnum
CREATE TYPE "KnowledgeDocumentStatus" AS ENUM ('QUEUED', 'EXTRACTING', 'READY', 'FAILED');

-- AlterEnum
ALTER TYPE "FileKind" ADD VALUE 'DOCUMENT';

-- AlterTable
ALTER TABLE "knowledge_articles" ADD COLUMN     "collectionId" TEXT,
ADD COLUMN     "published" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "updatedBy" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "knowledge_article_versions" (
    "tenantId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "collectionId" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "published" BOOLEAN NOT NULL DEFAULT false,
    "savedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "knowledge_article_versions_pkey" PRIMARY KEY ("tenantId","articleId","version")
);

-- CreateTable
CREATE TABLE "knowledge_collections" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "knowledge_collections_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "knowledge_documents" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" "KnowledgeDocumentStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "pages" INTEGER,
    "collectionId" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "knowledge_documents_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "knowledge_settings" (
    "tenantId" TEXT NOT NULL,
    "helpCenterEnabled" BOOLEAN NOT NULL DEFAULT false,
    "helpCenterTitle" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "knowledge_settings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_collections_tenantId_name_key" ON "knowledge_collections"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_documents_fileId_key" ON "knowledge_documents"("fileId");

-- CreateIndex
CREATE INDEX "knowledge_documents_tenantId_createdAt_idx" ON "knowledge_documents"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "knowledge_documents_status_lockedUntil_idx" ON "knowledge_documents"("status", "lockedUntil");

-- CreateIndex
CREATE INDEX "knowledge_articles_tenantId_collectionId_idx" ON "knowledge_articles"("tenantId", "collectionId");

-- AddForeignKey
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_tenantId_articleId_fkey" FOREIGN KEY ("tenantId", "articleId") REFERENCES "knowledge_articles"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_collections" ADD CONSTRAINT "knowledge_collections_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_documents" ADD CONSTRAINT "knowledge_documents_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_documents" ADD CONSTRAINT "knowledge_documents_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "files"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_settings" ADD CONSTRAINT "knowledge_settings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written: existing articles get their first version ─────────────────
INSERT INTO "knowledge_article_versions" ("tenantId", "articleId", "version", "title", "body", "savedBy", "createdAt")
SELECT "tenantId", "id", 1, "title", "body", NULL, "updatedAt" FROM "knowledge_articles";

-- ─── Full-text search over extracted document text (hand-written) ────────────
-- lib/knowledge/search.ts uses the same expression (as the articles' index of the assistants migration).
CREATE INDEX "knowledge_documents_fts_idx" ON "knowledge_documents"
  USING GIN (to_tsvector('english'::regconfig, "title" || ' ' || "text"));

-- ─── Row-level security (hand-written; see the first migration) ───────────────
DO $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "knowledge_article_versions", "knowledge_collections", "knowledge_documents", "knowledge_settings" TO tessera_app');
END $$;

ALTER TABLE "knowledge_article_versions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "knowledge_article_versions"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "knowledge_collections" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "knowledge_collections"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "knowledge_documents" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "knowledge_documents"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "knowledge_settings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "knowledge_settings"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
