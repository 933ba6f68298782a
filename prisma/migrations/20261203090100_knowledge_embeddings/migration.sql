-- ─── Chunk embeddings, where pgvector exists (hand-written) ──────────────────
-- Knowledge search fuses full-text ranking with vector similarity when the database has the
-- `vector` extension: PGlite loads it (@electric-sql/pglite-pgvector); a PostgreSQL server has
-- it only if pgvector is installed there before this migration runs. Elsewhere this migration
-- does nothing and search stays full text only (lib/knowledge/vectors.ts checks for the table).
-- The table is not in schema.prisma: it exists only on some databases, and only raw SQL reads it.
--
-- One row per chunk of an article or a READY document. `embedding` has no fixed size, so the
-- provider (and its size) can change: rows of another model are ignored until re-indexed. No
-- ANN index (HNSW needs a fixed size): the search is an exact scan of one tenant's chunks.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;

    CREATE TABLE "knowledge_chunks" (
      "tenantId"   TEXT NOT NULL,
      "articleId"  TEXT,
      "documentId" TEXT,
      "chunk"      INTEGER NOT NULL,
      "model"      TEXT NOT NULL,
      "embedding"  vector NOT NULL,
      "createdAt"  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      CONSTRAINT "knowledge_chunks_one_source" CHECK (("articleId" IS NULL) <> ("documentId" IS NULL)),
      CONSTRAINT "knowledge_chunks_tenantId_fkey" FOREIGN KEY ("tenantId")
        REFERENCES "tenants"("id") ON DELETE CASCADE,
      CONSTRAINT "knowledge_chunks_article_fkey" FOREIGN KEY ("tenantId", "articleId")
        REFERENCES "knowledge_articles"("tenantId", "id") ON DELETE CASCADE,
      CONSTRAINT "knowledge_chunks_document_fkey" FOREIGN KEY ("tenantId", "documentId")
        REFERENCES "knowledge_documents"("tenantId", "id") ON DELETE CASCADE
    );
    CREATE INDEX "knowledge_chunks_article_idx" ON "knowledge_chunks"("tenantId", "articleId");
    CREATE INDEX "knowledge_chunks_document_idx" ON "knowledge_chunks"("tenantId", "documentId");

    -- Row-level security (see the first migration).
    GRANT SELECT, INSERT, UPDATE, DELETE ON "knowledge_chunks" TO tessera_app;
    ALTER TABLE "knowledge_chunks" ENABLE ROW LEVEL SECURITY;
    CREATE POLICY "tenant_isolation" ON "knowledge_chunks"
      USING ("tenantId" = current_setting('app.tenant_id', true))
      WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
  END IF;
END $$;
