// Knowledge articles: written in the UI or the API as Markdown, grouped in collections, tagged,
// published to the help centre or not. Every save that changes something adds a version
// (knowledge_article_versions); an earlier version can be viewed and restored (which saves it
// again as the newest). Reads need knowledge:read, writes knowledge:write.
import "server-only";

import type { KnowledgeArticle, KnowledgeArticleVersion } from "../db/generated/client";
import { withTenant, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { articleCreateSchema, articleUpdateSchema, MAX_VERSION } from "./schemas";

function assertVersionNumber(version: number): void {
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) {
    throw AppError.notFound("No such version of this article.");
  }
}
import { searchKnowledgeBase } from "./search";
import { indexEmbeddings } from "./vectors";

export type Article = KnowledgeArticle;
export type ArticleVersion = KnowledgeArticleVersion;

export interface ArticleSummary {
  id: string;
  title: string;
  collectionId: string | null;
  tags: string[];
  published: boolean;
  version: number;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The first words of the body, or the highlighted passage when the list is a search. */
  excerpt: string;
  /** Set when the list is a search: the full-text rank. */
  rank?: number;
}

function excerptOf(body: string): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/[#>*_`[\]()!-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 160 ? `${plain.slice(0, 157)}…` : plain;
}

function summaryOf(a: KnowledgeArticle): ArticleSummary {
  return {
    id: a.id,
    title: a.title,
    collectionId: a.collectionId,
    tags: a.tags,
    published: a.published,
    version: a.version,
    updatedBy: a.updatedBy,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    excerpt: excerptOf(a.body),
  };
}

export interface ListArticlesOptions {
  q?: string;
  collectionId?: string;
  tag?: string;
  published?: boolean;
  limit?: number;
}

/** Articles newest first (or by rank for a search), filtered by collection, tag and state. */
export async function listArticles(ctx: TenantContext, options: ListArticlesOptions = {}): Promise<ArticleSummary[]> {
  assertCan(ctx, "knowledge:read");
  const limit = Math.min(Math.max(options.limit ?? 500, 1), 1000);
  const where = {
    ...(options.collectionId ? { collectionId: options.collectionId } : {}),
    ...(options.tag ? { tags: { has: options.tag.toLowerCase() } } : {}),
    ...(options.published === undefined ? {} : { published: options.published }),
  };
  if (options.q?.trim()) {
    const result = await searchKnowledgeBase(ctx, options.q, { limit: 100, kinds: ["article"] });
    const ids = result.hits.map((h) => h.id);
    if (ids.length === 0) return [];
    const rows = await withTenant(ctx.tenant.id, (tx) =>
      tx.knowledgeArticle.findMany({ where: { ...where, id: { in: ids } } }),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return result.hits
      .filter((h) => byId.has(h.id))
      .slice(0, limit)
      .map((h) => ({ ...summaryOf(byId.get(h.id)!), excerpt: h.snippet, rank: h.rank }));
  }
  const rows = await withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeArticle.findMany({ where, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: limit }),
  );
  return rows.map(summaryOf);
}

export async function getArticle(ctx: TenantContext, id: string): Promise<Article> {
  assertCan(ctx, "knowledge:read");
  const article = await withTenant(ctx.tenant.id, (tx) => tx.knowledgeArticle.findFirst({ where: { id } }));
  if (!article) throw AppError.notFound("No such article.");
  return article;
}

async function checkCollection(tx: TenantTx, collectionId: string | null | undefined): Promise<void> {
  if (!collectionId) return;
  const found = await tx.knowledgeCollection.findFirst({ where: { id: collectionId }, select: { id: true } });
  if (!found) {
    throw new AppError("validation_failed", "No such collection.", { collection_id: ["No such collection."] });
  }
}

function saver(ctx: TenantContext): string {
  return ctx.user.email;
}

/**
 * After a save's transaction: the article's chunk embeddings follow its new text (where vectors are
 * in use; lib/knowledge/vectors.ts). Never fails the save.
 */
async function reindexed(ctx: TenantContext, article: Article): Promise<Article> {
  await indexEmbeddings(ctx.tenant.id, "article", article.id);
  return article;
}

export async function createArticle(ctx: TenantContext, input: unknown): Promise<Article> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  const data = parseInput(articleCreateSchema, input);
  return reindexed(
    ctx,
    await withTenant(ctx.tenant.id, async (tx) => {
      await checkCollection(tx, data.collection_id);
      const created = await tx.knowledgeArticle.create({
        data: {
          tenantId: ctx.tenant.id,
          title: data.title,
          body: data.body,
          collectionId: data.collection_id ?? null,
          tags: data.tags ?? [],
          published: data.published ?? false,
          version: 1,
          createdById: ctx.user.id,
          updatedBy: saver(ctx),
        },
      });
      await tx.knowledgeArticleVersion.create({
        data: {
          tenantId: ctx.tenant.id,
          articleId: created.id,
          version: 1,
          title: created.title,
          body: created.body,
          collectionId: created.collectionId,
          tags: created.tags,
          published: created.published,
          savedBy: saver(ctx),
        },
      });
      await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action: "knowledge_article.created",
        targetType: "knowledge_article",
        targetId: created.id,
        after: { title: created.title, published: created.published },
      });
      return created;
    }),
  );
}

type ArticleState = Pick<Article, "title" | "body" | "collectionId" | "tags" | "published">;

function sameState(a: ArticleState, b: ArticleState): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.collectionId === b.collectionId &&
    a.published === b.published &&
    a.tags.join("\u0000") === b.tags.join("\u0000")
  );
}

/** Saves a new version of the article (only when something changed). */
async function saveVersion(
  ctx: TenantContext,
  tx: TenantTx,
  current: Article,
  next: ArticleState,
  action: string,
  expectedVersion?: number,
): Promise<Article> {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError(
      "conflict",
      `Someone saved version ${current.version} of this article after you opened version ${expectedVersion}. Reload it and apply your changes again.`,
    );
  }
  if (sameState(current, next)) return current;
  const version = current.version + 1;
  // The conditional update makes two concurrent saves of the same version one winner, one 409.
  const { count } = await tx.knowledgeArticle.updateMany({
    where: { id: current.id, version: current.version },
    data: { ...next, version, updatedBy: saver(ctx) },
  });
  if (count === 0) throw new AppError("conflict", "The article was saved by someone else meanwhile. Reload it.");
  await tx.knowledgeArticleVersion.create({
    data: { tenantId: ctx.tenant.id, articleId: current.id, version, ...next, savedBy: saver(ctx) },
  });
  await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
    action,
    targetType: "knowledge_article",
    targetId: current.id,
    before: { title: current.title, version: current.version, published: current.published },
    after: { title: next.title, version, published: next.published },
  });
  return tx.knowledgeArticle.findFirstOrThrow({ where: { id: current.id } });
}

export async function updateArticle(ctx: TenantContext, id: string, input: unknown): Promise<Article> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  const data = parseInput(articleUpdateSchema, input);
  return reindexed(
    ctx,
    await withTenant(ctx.tenant.id, async (tx) => {
      const current = await tx.knowledgeArticle.findFirst({ where: { id } });
      if (!current) throw AppError.notFound("No such article.");
      if (data.collection_id !== undefined) await checkCollection(tx, data.collection_id);
      const next: ArticleState = {
        title: data.title ?? current.title,
        body: data.body ?? current.body,
        collectionId: data.collection_id === undefined ? current.collectionId : data.collection_id,
        tags: data.tags ?? current.tags,
        published: data.published ?? current.published,
      };
      return saveVersion(ctx, tx, current, next, "knowledge_article.updated", data.expected_version);
    }),
  );
}

export async function deleteArticle(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  await withTenant(ctx.tenant.id, async (tx) => {
    const article = await tx.knowledgeArticle.findFirst({ where: { id }, select: { title: true } });
    if (!article) throw AppError.notFound("No such article.");
    await tx.knowledgeArticle.deleteMany({ where: { id } });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "knowledge_article.deleted",
      targetType: "knowledge_article",
      targetId: id,
      before: { title: article.title },
    });
  });
}

/** The article's versions, newest first (bodies included: a few per article). */
export async function listVersions(ctx: TenantContext, id: string): Promise<ArticleVersion[]> {
  assertCan(ctx, "knowledge:read");
  return withTenant(ctx.tenant.id, async (tx) => {
    const exists = await tx.knowledgeArticle.findFirst({ where: { id }, select: { id: true } });
    if (!exists) throw AppError.notFound("No such article.");
    return tx.knowledgeArticleVersion.findMany({ where: { articleId: id }, orderBy: { version: "desc" }, take: 200 });
  });
}

export async function getVersion(ctx: TenantContext, id: string, version: number): Promise<ArticleVersion> {
  assertCan(ctx, "knowledge:read");
  assertVersionNumber(version);
  const found = await withTenant(ctx.tenant.id, (tx) =>
    tx.knowledgeArticleVersion.findFirst({ where: { articleId: id, version } }),
  );
  if (!found) throw AppError.notFound("No such version of this article.");
  return found;
}

/** Saves an earlier version's content as the newest version. */
export async function restoreVersion(ctx: TenantContext, id: string, version: number): Promise<Article> {
  assertCan(ctx, "knowledge:write");
  assertActive(ctx);
  assertVersionNumber(version);
  return reindexed(
    ctx,
    await withTenant(ctx.tenant.id, async (tx) => {
      const current = await tx.knowledgeArticle.findFirst({ where: { id } });
      const old = await tx.knowledgeArticleVersion.findFirst({ where: { articleId: id, version } });
      if (!current || !old) throw AppError.notFound("No such version of this article.");
      // A collection deleted since then is left out rather than restored as a dangling id.
      const collection = old.collectionId
        ? await tx.knowledgeCollection.findFirst({ where: { id: old.collectionId }, select: { id: true } })
        : null;
      return saveVersion(
        ctx,
        tx,
        current,
        {
          title: old.title,
          body: old.body,
          tags: old.tags,
          published: old.published,
          collectionId: collection?.id ?? null,
        },
        "knowledge_article.restored",
      );
    }),
  );
}
