// Chunk embeddings for knowledge search, where the database has pgvector: the
// knowledge_embeddings migration creates `knowledge_chunks` only when the `vector` extension is
// available (PGlite loads it; PostgreSQL needs it installed before migrating). Without the table,
// or with KNOWLEDGE_EMBEDDINGS=off, nothing here does anything and search is full text only.
//
// Each article and READY document is cut into chunks (its Markdown sections, long ones split),
// embedded by the configured provider and stored with the provider's model; a save replaces them.
// Indexing runs after the save's transaction (a remote provider is never called inside one) and
// never fails the save: an error is logged and the source keeps full-text search only until its
// next save or the backfill (`indexMissingEmbeddings`, run by the knowledge cron).
import "server-only";

import { getDb } from "../db/client";
import { withTenant } from "../db/tenant";
import { logger } from "../observability/logger";
import { embeddingProvider, type EmbeddingProvider } from "./embeddings";
import { chunkText } from "./sections";

export type VectorSourceKind = "article" | "document";

// Whether knowledge_chunks exists, per database client (tests and benches swap databases).
const available = new WeakMap<object, Promise<boolean>>();

/** Whether this database has the vector store (the extension was there when it was migrated). */
export async function vectorStoreAvailable(): Promise<boolean> {
  const db = await getDb();
  let known = available.get(db);
  if (!known) {
    known = db.$queryRaw<{ found: boolean }[]>`SELECT to_regclass('knowledge_chunks') IS NOT NULL AS found`.then(
      (rows) => rows[0]?.found === true,
    );
    available.set(db, known);
  }
  return known;
}

export interface VectorSearchStatus {
  /** "hybrid": full text and vectors, fused; "full-text": words only. */
  ranking: "hybrid" | "full-text";
  /** Why it is full text only, when it is. */
  reason: string | null;
  provider: "local" | "openai" | null;
  model: string | null;
}

/** What the search uses here, for the settings page and the docs' claims. */
export async function vectorSearchStatus(): Promise<VectorSearchStatus> {
  const provider = embeddingProvider();
  if (!provider) {
    return {
      ranking: "full-text",
      reason: "Embeddings are off (KNOWLEDGE_EMBEDDINGS=off).",
      provider: null,
      model: null,
    };
  }
  if (!(await vectorStoreAvailable())) {
    return {
      ranking: "full-text",
      reason: "The database has no pgvector extension (install it, then migrate a new database).",
      provider: provider.kind,
      model: provider.model,
    };
  }
  return { ranking: "hybrid", reason: null, provider: provider.kind, model: provider.model };
}

/** The provider when vectors are in use here, else null. */
export async function activeProvider(): Promise<EmbeddingProvider | null> {
  const provider = embeddingProvider();
  if (!provider || !(await vectorStoreAvailable())) return null;
  return provider;
}

const literal = (vector: number[]) => `[${vector.join(",")}]`;

async function sourceText(tenantId: string, kind: VectorSourceKind, id: string) {
  return withTenant(tenantId, async (tx) => {
    if (kind === "article") {
      const row = await tx.knowledgeArticle.findFirst({ where: { id }, select: { title: true, body: true } });
      return row ? { title: row.title, text: row.body } : null;
    }
    const row = await tx.knowledgeDocument.findFirst({
      where: { id, status: "READY" },
      select: { title: true, text: true },
    });
    return row ? { title: row.title, text: row.text } : null;
  });
}

/**
 * (Re)embeds one article or document: its chunks replace the old ones. Returns whether vectors were
 * written; false when vectors are not in use here, the source is gone (or not READY), or the
 * provider failed (logged, never thrown: the save it follows has happened).
 */
export async function indexEmbeddings(tenantId: string, kind: VectorSourceKind, id: string): Promise<boolean> {
  const provider = await activeProvider();
  if (!provider) return false;
  try {
    const source = await sourceText(tenantId, kind, id);
    const vectors = source ? await provider.embed(chunkText(source.title, source.text)) : [];
    const column = kind === "article" ? "articleId" : "documentId";
    await withTenant(tenantId, async (tx) => {
      await tx.$executeRawUnsafe(
        `DELETE FROM knowledge_chunks WHERE "tenantId" = $1 AND "${column}" = $2`,
        tenantId,
        id,
      );
      if (vectors.length === 0) return;
      await tx.$executeRawUnsafe(
        `INSERT INTO knowledge_chunks ("tenantId", "${column}", chunk, model, embedding)
         SELECT $1, $2, (x.ordinality - 1)::int, $3, (x.value #>> '{}')::vector
         FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(value, ordinality)`,
        tenantId,
        id,
        provider.model,
        JSON.stringify(vectors.map(literal)),
      );
    });
    return vectors.length > 0;
  } catch (error) {
    logger.warn("knowledge embeddings failed; the source is searched by full text only", {
      tenantId,
      kind,
      id,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

/**
 * Embeds up to `limit` articles and READY documents that have no vectors of the current model
 * (written before the extension or the provider was there, or whose indexing failed). Runs across
 * tenants, each inside its own withTenant. Returns how many it indexed.
 */
export async function indexMissingEmbeddings(limit = 50): Promise<number> {
  const provider = await activeProvider();
  if (!provider) return 0;
  const db = await getDb();
  // The owner's view of which sources lack vectors (ids only; the indexing itself is tenant-scoped).
  const missing = await db.$queryRawUnsafe<{ tenantId: string; kind: VectorSourceKind; id: string }[]>(
    `SELECT "tenantId", 'article' AS kind, id FROM knowledge_articles a
      WHERE NOT EXISTS (SELECT 1 FROM knowledge_chunks c
        WHERE c."tenantId" = a."tenantId" AND c."articleId" = a.id AND c.model = $1)
     UNION ALL
     SELECT "tenantId", 'document', id FROM knowledge_documents d
      WHERE d.status = 'READY' AND NOT EXISTS (SELECT 1 FROM knowledge_chunks c
        WHERE c."tenantId" = d."tenantId" AND c."documentId" = d.id AND c.model = $1)
     LIMIT $2`,
    provider.model,
    limit,
  );
  let indexed = 0;
  for (const row of missing) if (await indexEmbeddings(row.tenantId, row.kind, row.id)) indexed++;
  return indexed;
}

export interface VectorCandidate {
  kind: VectorSourceKind;
  id: string;
  /** Cosine similarity of the best chunk (1 = same direction). */
  similarity: number;
}

/**
 * The sources whose best chunk is nearest the query (exact cosine distance over the tenant's
 * chunks of the current model; no ANN index, see docs/decisions.md), at most `limit`.
 */
export async function vectorCandidates(
  tenantId: string,
  provider: EmbeddingProvider,
  query: string,
  options: {
    limit: number;
    articles: boolean;
    documents: boolean;
    publishedOnly: boolean;
    /** Only these sources (the full-text candidates, for a provider that only re-ranks them). */
    within?: string[];
  },
): Promise<VectorCandidate[]> {
  if (!options.articles && !options.documents) return [];
  if (options.within && options.within.length === 0) return [];
  const [vector] = await provider.embed([query]);
  if (!vector || vector.every((v) => v === 0)) return [];
  const rows = await withTenant(tenantId, (tx) =>
    tx.$queryRawUnsafe<{ kind: VectorSourceKind; id: string; distance: number }[]>(
      `SELECT kind, id, min(distance)::float8 AS distance FROM (
         SELECT CASE WHEN c."articleId" IS NOT NULL THEN 'article' ELSE 'document' END AS kind,
           coalesce(c."articleId", c."documentId") AS id,
           c.embedding <=> $2::vector AS distance
         FROM knowledge_chunks c
         LEFT JOIN knowledge_articles a ON a."tenantId" = c."tenantId" AND a.id = c."articleId"
         LEFT JOIN knowledge_documents d ON d."tenantId" = c."tenantId" AND d.id = c."documentId"
         WHERE c."tenantId" = $1 AND c.model = $3 AND vector_dims(c.embedding) = $4
           AND ((a.id IS NOT NULL AND $5 AND (a.published OR NOT $7))
             OR (d.id IS NOT NULL AND $6 AND d.status = 'READY'))
           AND ($9::text[] IS NULL OR coalesce(c."articleId", c."documentId") = ANY($9::text[]))
       ) x GROUP BY kind, id ORDER BY distance, id LIMIT $8`,
      tenantId,
      literal(vector),
      provider.model,
      provider.dimensions,
      options.articles,
      options.documents && !options.publishedOnly,
      options.publishedOnly,
      options.limit,
      options.within ?? null,
    ),
  );
  return rows.map((r) => ({ kind: r.kind, id: r.id, similarity: 1 - Number(r.distance) }));
}
