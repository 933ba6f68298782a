-- CreateTable
CREATE TABLE "assistant_agents" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "model" TEXT,
    "tools" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assistant_agents_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "assistant_conversations" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "agentId" TEXT,
    "domain" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assistant_conversations_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "assistant_messages" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "parts" JSONB NOT NULL,
    "engine" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assistant_messages_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "assistant_actions" (
    "tenantId" TEXT NOT NULL,
    "toolCallId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "agentName" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "result" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assistant_actions_pkey" PRIMARY KEY ("tenantId","toolCallId")
);

-- CreateTable
CREATE TABLE "knowledge_articles" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "knowledge_articles_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "assistant_agents_tenantId_name_key" ON "assistant_agents"("tenantId", "name");

-- CreateIndex
CREATE INDEX "assistant_conversations_tenantId_userId_updatedAt_idx" ON "assistant_conversations"("tenantId", "userId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "assistant_messages_tenantId_conversationId_createdAt_idx" ON "assistant_messages"("tenantId", "conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "knowledge_articles_tenantId_updatedAt_idx" ON "knowledge_articles"("tenantId", "updatedAt" DESC);

-- AddForeignKey
ALTER TABLE "assistant_agents" ADD CONSTRAINT "assistant_agents_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_conversations" ADD CONSTRAINT "assistant_conversations_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_messages" ADD CONSTRAINT "assistant_messages_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_messages" ADD CONSTRAINT "assistant_messages_tenantId_conversationId_fkey" FOREIGN KEY ("tenantId", "conversationId") REFERENCES "assistant_conversations"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_actions" ADD CONSTRAINT "assistant_actions_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Full-text search over knowledge articles (hand-written) ──────────────────
-- The support assistant searches with to_tsvector('english', title || ' ' || body) @@ query; this
-- expression index serves it (lib/assistants/knowledge.ts uses the same expression).
CREATE INDEX "knowledge_articles_fts_idx" ON "knowledge_articles"
  USING GIN (to_tsvector('english'::regconfig, "title" || ' ' || "body"));

-- ─── Row-level security (hand-written; see the first migration) ───────────────
DO $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "assistant_agents", "assistant_conversations", "assistant_messages", "assistant_actions", "knowledge_articles" TO tessera_app');
END $$;

ALTER TABLE "assistant_agents" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "assistant_agents"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "assistant_conversations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "assistant_conversations"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "assistant_messages" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "assistant_messages"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "assistant_actions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "assistant_actions"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));

ALTER TABLE "knowledge_articles" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "knowledge_articles"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
