// The workspace's help articles, written in the UI and searched by the support assistant with
// PostgreSQL full-text search (the GIN expression index of the assistants migration).
import "server-only";

import { withTenant } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { knowledgeArticleSchema } from "./schemas";

export interface KnowledgeHit {
  id: string;
  title: string;
  snippet: string;
  rank: number;
}

export async function searchKnowledge(ctx: TenantContext, query: string, limit = 5) {
  assertCan(ctx, "assistants:use");
  const q = query.trim().slice(0, 200);
  // The same expression as the index; websearch syntax never errors on user text. The tenant
  // filter is explicit as well as enforced by RLS.
  const rows = await withTenant(
    ctx.tenant.id,
    (tx) =>
      tx.$queryRaw<{ id: string; title: string; snippet: string; rank: number }[]>`
      WITH q AS (SELECT websearch_to_tsquery('english', ${q}) AS query)
      SELECT a.id, a.title,
        ts_headline('english', a.body, q.query, 'MaxWords=30, MinWords=10, StartSel=**, StopSel=**') AS snippet,
        ts_rank(to_tsvector('english'::regconfig, a."title" || ' ' || a."body"), q.query)::float8 AS rank
      FROM knowledge_articles a, q
      WHERE a."tenantId" = ${ctx.tenant.id}
        AND to_tsvector('english'::regconfig, a."title" || ' ' || a."body") @@ q.query
      ORDER BY rank DESC, a."updatedAt" DESC
      LIMIT ${limit}`,
  );
  const hits: KnowledgeHit[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    snippet: r.snippet,
    rank: Number(r.rank),
  }));
  return {
    query: q,
    hits,
    citations: hits.map((h, i) => ({ n: i + 1, id: h.id, title: h.title })),
    summary: hits.length
      ? hits.map((h, i) => `[${i + 1}] ${h.title}: ${h.snippet}`).join("\n")
      : `No help article matches “${q}”.`,
    missing: hits.length ? [] : [`The workspace's help articles say nothing about “${q}”.`],
    suggestions: hits.length
      ? []
      : [{ label: "Write a help article about it", href: `/t/${ctx.tenant.slug}/assistants/knowledge` }],
  };
}

export async function listArticles(ctx: TenantContext) {
  assertCan(ctx, "assistants:use");
  return withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeArticle.findMany({
      orderBy: { updatedAt: "desc" },
      select: { id: true, title: true, body: true, updatedAt: true },
      take: 500,
    }),
  );
}

export async function createArticle(ctx: TenantContext, input: unknown) {
  assertCan(ctx, "assistants:manage");
  assertActive(ctx);
  const data = parseInput(knowledgeArticleSchema, input);
  return withTenant(ctx.tenant.id, async (tx) => {
    const created = await tx.knowledgeArticle.create({
      data: { tenantId: ctx.tenant.id, title: data.title, body: data.body, createdById: ctx.user.id },
    });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "knowledge_article.created",
      targetType: "knowledge_article",
      targetId: created.id,
      after: { title: created.title },
    });
    return created;
  });
}

export async function deleteArticle(ctx: TenantContext, id: string) {
  assertCan(ctx, "assistants:manage");
  await withTenant(ctx.tenant.id, async (tx) => {
    const { count } = await tx.knowledgeArticle.deleteMany({ where: { id } });
    if (count === 0) throw AppError.notFound("No such article.");
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "knowledge_article.deleted",
      targetType: "knowledge_article",
      targetId: id,
    });
  });
}
