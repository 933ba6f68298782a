// Full-text search over the knowledge base (articles and extracted documents) with PostgreSQL:
// websearch_to_tsquery (all words; quotes and -word work) ranked by ts_rank with the title
// weighted above the tags and the text, falling back to any of the words when nothing has them
// all; snippets highlighted by ts_headline (for the returned hits only). The same SQL runs on
// PostgreSQL and PGlite. Matching and ranking read the stored weighted `search` columns (title A,
// tags B, text D; generated, GIN-indexed: knowledge_search_vector migration), so no row's text
// is parsed at query time except the hits' headlines. `passagesFor` ranks the sections (Markdown
// headings, PDF pages) of the best hits for the assistants' searchKnowledge tool.
import "server-only";

import { Prisma } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { assertCan, type TenantContext } from "../tenancy/context";
import { reciprocalRankFusion } from "./fusion";
import { splitSections } from "./sections";
import { activeProvider, vectorCandidates } from "./vectors";

/** Highlight markers ts_headline puts around matches (private-use characters, never in input). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type HitKind = "article" | "document";

export interface SearchHit {
  kind: HitKind;
  id: string;
  title: string;
  /** The best fragments, matches between MARK_START and MARK_END. */
  snippet: string;
  rank: number;
  collectionId: string | null;
  tags: string[];
  published: boolean;
  updatedAt: Date;
}

export type SearchMode = "all" | "any" | "related" | "none";

export interface SearchResult {
  query: string;
  /**
   * "all": every word matched; "any": nothing had all the words, these have some; "related":
   * no word matched, these are near in meaning (a semantic embedding provider only).
   */
  mode: SearchMode;
  /** "hybrid": full-text and vector rankings fused; "full-text": words only (no pgvector or provider). */
  ranking: Ranking;
  hits: SearchHit[];
}

export type Ranking = "hybrid" | "full-text";

export interface SearchOptions {
  limit?: number;
  kinds?: HitKind[];
  /** The public help centre: published articles only, no documents. */
  publishedOnly?: boolean;
}

const HEADLINE_OPTIONS = `MaxFragments=2, MaxWords=28, MinWords=10, FragmentDelimiter=" … ", StartSel=${MARK_START}, StopSel=${MARK_END}`;

/** The tsquery of a mode: all words (web-search syntax) or any of their lexemes (OR). */
function tsquery(mode: "all" | "any", q: string): Prisma.Sql {
  if (mode === "all") return Prisma.sql`websearch_to_tsquery('english', ${q})`;
  // The query's own lexemes (stemmed, stop words gone), ORed; 'simple' keeps them as they are.
  return Prisma.sql`(SELECT to_tsquery('simple', coalesce(string_agg(quote_literal(l), ' | '), ''))
    FROM unnest(tsvector_to_array(to_tsvector('english', ${q}))) AS l)`;
}

interface Row {
  kind: HitKind;
  id: string;
  title: string;
  snippet: string;
  rank: number;
  collectionId: string | null;
  tags: string[] | null;
  published: boolean;
  updatedAt: Date;
  text?: string;
}

type Options = Required<Pick<SearchOptions, "limit" | "kinds" | "publishedOnly">>;

/**
 * One SELECT per kind of source matching `q.query` (the caller's CTE), with its rank; `withColumns`
 * adds what a hit shows (title, text, collection, tags, published) — left out when only the ids are
 * wanted, so no article body is read for a candidate list.
 */
function matchingSources(tenantId: string, options: Options, withColumns: boolean): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (options.kinds.includes("article")) {
    const columns = withColumns
      ? Prisma.sql`a.title, a.body AS text, a."collectionId", a.tags, a.published,`
      : Prisma.empty;
    parts.push(Prisma.sql`
      SELECT 'article' AS kind, a.id, ${columns} a."updatedAt", ts_rank(a.search, q.query) AS rank
      FROM knowledge_articles a, q
      WHERE a."tenantId" = ${tenantId} AND a.search @@ q.query
        ${options.publishedOnly ? Prisma.sql`AND a.published` : Prisma.empty}`);
  }
  if (options.kinds.includes("document") && !options.publishedOnly) {
    const columns = withColumns
      ? Prisma.sql`d.title, d.text, d."collectionId", d.tags, false AS published,`
      : Prisma.empty;
    parts.push(Prisma.sql`
      SELECT 'document' AS kind, d.id, ${columns} d."updatedAt", ts_rank(d.search, q.query) AS rank
      FROM knowledge_documents d, q
      WHERE d."tenantId" = ${tenantId} AND d.status = 'READY' AND d.search @@ q.query`);
  }
  return parts;
}

async function runSearch(
  tenantId: string,
  q: string,
  mode: "all" | "any",
  options: Options,
  withText = false,
): Promise<Row[]> {
  const parts = matchingSources(tenantId, options, true);
  if (parts.length === 0) return [];
  return withTenant(
    tenantId,
    (tx) =>
      tx.$queryRaw<Row[]>`
      WITH q AS (SELECT ${tsquery(mode, q)} AS query),
      hits AS (${Prisma.join(parts, " UNION ALL ")})
      SELECT hits.kind, hits.id, hits.title, hits."collectionId", hits.tags, hits.published, hits."updatedAt",
        hits.rank::float8 AS rank,
        ts_headline('english', hits.text, q.query, ${HEADLINE_OPTIONS}) AS snippet
        ${withText ? Prisma.sql`, hits.text` : Prisma.empty}
      FROM hits, q
      ORDER BY hits.rank DESC, hits."updatedAt" DESC, hits.id
      LIMIT ${options.limit}`,
  );
}

function toHit(row: Row): SearchHit {
  return {
    kind: row.kind,
    id: row.id,
    title: row.title,
    snippet: row.snippet,
    rank: Number(row.rank),
    collectionId: row.collectionId,
    tags: row.tags ?? [],
    published: row.published,
    updatedAt: row.updatedAt,
  };
}

/** The ids (best first) of the sources matching a mode's tsquery: the full-text candidates. */
async function textCandidates(tenantId: string, q: string, mode: "all" | "any", options: Options) {
  const parts = matchingSources(tenantId, options, false);
  if (parts.length === 0) return [];
  return withTenant(
    tenantId,
    (tx) =>
      tx.$queryRaw<{ kind: HitKind; id: string }[]>`
      WITH q AS (SELECT ${tsquery(mode, q)} AS query)
      SELECT kind, id FROM (${Prisma.join(parts, " UNION ALL ")}) hits
      ORDER BY rank DESC, "updatedAt" DESC, id
      LIMIT ${options.limit}`,
  );
}

/** The rows (with headlines for the query) of chosen sources, in the order given. */
async function rowsFor(
  tenantId: string,
  q: string,
  mode: "all" | "any",
  keys: { kind: HitKind; id: string }[],
  withText: boolean,
): Promise<Row[]> {
  if (keys.length === 0) return [];
  const articleIds = keys.filter((k) => k.kind === "article").map((k) => k.id);
  const documentIds = keys.filter((k) => k.kind === "document").map((k) => k.id);
  const rows = await withTenant(
    tenantId,
    (tx) =>
      tx.$queryRaw<Row[]>`
      WITH q AS (SELECT ${tsquery(mode, q)} AS query),
      hits AS (
        SELECT 'article' AS kind, a.id, a.title, a.body AS text, a."collectionId", a.tags, a.published, a."updatedAt",
          ts_rank(a.search, q.query) AS rank
        FROM knowledge_articles a, q
        WHERE a."tenantId" = ${tenantId} AND a.id = ANY(${articleIds}::text[])
        UNION ALL
        SELECT 'document', d.id, d.title, d.text, d."collectionId", d.tags, false, d."updatedAt",
          ts_rank(d.search, q.query)
        FROM knowledge_documents d, q
        WHERE d."tenantId" = ${tenantId} AND d.status = 'READY' AND d.id = ANY(${documentIds}::text[])
      )
      SELECT hits.kind, hits.id, hits.title, hits."collectionId", hits.tags, hits.published, hits."updatedAt",
        hits.rank::float8 AS rank,
        ts_headline('english', hits.text, q.query, ${HEADLINE_OPTIONS}) AS snippet
        ${withText ? Prisma.sql`, hits.text` : Prisma.empty}
      FROM hits, q`,
  );
  const byKey = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r]));
  return keys.flatMap((k) => byKey.get(`${k.kind}:${k.id}`) ?? []);
}

/** Full-text candidates considered for fusion, and vector neighbours asked for. */
const FUSION_POOL = 50;
/** A hit found by meaning alone needs at least this cosine similarity (semantic providers). */
export const MIN_RELATED_SIMILARITY = 0.3;

/**
 * Hybrid search: the full-text candidates (all words, else any) and the vector neighbours of the
 * query, fused by reciprocal rank. A provider that knows meaning may add sources with none of the
 * words (similarity ≥ MIN_RELATED_SIMILARITY); the local hashed words only re-rank the full-text
 * candidates (a hit of its own would be a hash collision).
 */
async function hybridSearch(
  tenantId: string,
  q: string,
  opts: Options,
  withText: boolean,
  provider: NonNullable<Awaited<ReturnType<typeof activeProvider>>>,
): Promise<{ mode: SearchMode; rows: Row[] }> {
  const pool = { ...opts, limit: Math.max(opts.limit, FUSION_POOL) };
  let mode: "all" | "any" = "all";
  let text = await textCandidates(tenantId, q, "all", pool);
  if (text.length === 0) {
    mode = "any";
    text = await textCandidates(tenantId, q, "any", pool);
  }
  const key = (k: { kind: HitKind; id: string }) => `${k.kind}:${k.id}`;
  const vectors = (
    await vectorCandidates(tenantId, provider, q, {
      limit: pool.limit,
      articles: opts.kinds.includes("article"),
      documents: opts.kinds.includes("document"),
      publishedOnly: opts.publishedOnly,
      within: provider.semantic ? undefined : text.map((t) => t.id),
    })
  ).filter((v) => !provider.semantic || text.some((t) => key(t) === key(v)) || v.similarity >= MIN_RELATED_SIMILARITY);
  const fused = reciprocalRankFusion([text.map(key), vectors.map(key)])
    .slice(0, opts.limit)
    .map((f) => {
      const [kind, ...id] = f.key.split(":");
      return { kind: kind as HitKind, id: id.join(":") };
    });
  const rows = await rowsFor(tenantId, q, mode, fused, withText);
  return { mode: text.length > 0 ? mode : rows.length > 0 ? "related" : "none", rows };
}

/** Unchecked: the caller authorised the read (the help centre reads published articles only). */
export async function searchTenantKnowledge(
  tenantId: string,
  query: string,
  options: SearchOptions = {},
  withText = false,
): Promise<{ query: string; mode: SearchMode; ranking: Ranking; rows: Row[] }> {
  const q = query.trim().slice(0, 200);
  const opts = {
    limit: Math.min(Math.max(options.limit ?? 10, 1), 100),
    kinds: options.kinds ?? (["article", "document"] as HitKind[]),
    publishedOnly: options.publishedOnly ?? false,
  };
  const provider = await activeProvider();
  const ranking: Ranking = provider ? "hybrid" : "full-text";
  if (!q) return { query: q, mode: "none", ranking, rows: [] };
  if (provider) return { query: q, ranking, ...(await hybridSearch(tenantId, q, opts, withText, provider)) };
  const all = await runSearch(tenantId, q, "all", opts, withText);
  if (all.length > 0) return { query: q, mode: "all", ranking, rows: all };
  const any = await runSearch(tenantId, q, "any", opts, withText);
  return { query: q, mode: any.length > 0 ? "any" : "none", ranking, rows: any };
}

/** Searches the workspace's articles and documents (knowledge:read). */
export async function searchKnowledgeBase(
  ctx: TenantContext,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  assertCan(ctx, "knowledge:read");
  const found = await searchTenantKnowledge(ctx.tenant.id, query, options);
  return { query: found.query, mode: found.mode, ranking: found.ranking, hits: found.rows.map(toHit) };
}

/** A snippet with its matches as <mark> and everything else HTML-escaped (for the API). */
export function snippetHtml(snippet: string): string {
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  return escape(snippet).replaceAll(MARK_START, "<mark>").replaceAll(MARK_END, "</mark>");
}

/** A snippet with its markers turned into `open`/`close` (e.g. ** for Markdown), or removed. */
export function snippetText(snippet: string, open = "", close = open): string {
  return snippet.replaceAll(MARK_START, open).replaceAll(MARK_END, close);
}

export interface Passage {
  kind: HitKind;
  id: string;
  title: string;
  /** The section's heading (a Markdown heading, "Page 3"), or null for an untitled start. */
  section: string | null;
  anchor: string | null;
  snippet: string;
  rank: number;
  /** The query's terms (stemmed) this passage contains. */
  matched: string[];
}

export interface PassageResult {
  query: string;
  mode: SearchResult["mode"];
  passages: Passage[];
  /** The question's distinct terms (stemmed, stop words removed) and the words they came from. */
  terms: { word: string; lexemes: string[] }[];
}

/**
 * The best passages for a question: the top hits' sections ranked against the question, at most
 * one per section and `limit` in all. Unchecked: the assistants' tool checks knowledge:read.
 */
export async function passagesFor(tenantId: string, question: string, limit = 3): Promise<PassageResult> {
  const found = await searchTenantKnowledge(tenantId, question, { limit: 5 }, true);
  const words = [...new Set(question.toLowerCase().match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? [])].slice(
    0,
    40,
  );
  const sections = found.rows.flatMap((row, doc) =>
    splitSections(row.text ?? "").map((s) => ({
      doc,
      heading: s.heading,
      anchor: s.anchor,
      // The title gives every section its context (and the title's words count for it).
      body: `${row.title}\n${s.text}`.slice(0, 20_000),
    })),
  );
  const rows = await withTenant(
    tenantId,
    (tx) =>
      tx.$queryRaw<
        { kind: string; i: number | null; rank: number; snippet: string; matched: string[]; word: string | null }[]
      >`
      WITH q AS (SELECT ${tsquery(found.mode === "all" ? "all" : "any", found.query || " ")} AS query),
      words AS (
        SELECT w AS word, tsvector_to_array(to_tsvector('english', w)) AS lexemes
        FROM jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) AS w
      ),
      terms AS (SELECT DISTINCT unnest(lexemes) AS l FROM words),
      s AS (
        SELECT (x.ordinality - 1)::int AS i, x.value->>'body' AS body
        FROM jsonb_array_elements(${JSON.stringify(sections)}::jsonb) WITH ORDINALITY AS x(value, ordinality)
      ),
      ranked AS (
        SELECT s.i, s.body, ts_rank(to_tsvector('english', s.body), q.query) AS rank
        FROM s, q WHERE to_tsvector('english', s.body) @@ q.query
        ORDER BY rank DESC, s.i LIMIT ${limit}
      )
      SELECT 'passage' AS kind, r.i, r.rank::float8 AS rank,
        ts_headline('english', r.body, q.query, ${HEADLINE_OPTIONS}) AS snippet,
        ARRAY(SELECT t.l FROM terms t WHERE t.l = ANY(tsvector_to_array(to_tsvector('english', r.body)))) AS matched,
        NULL::text AS word
      FROM ranked r, q
      UNION ALL
      SELECT 'word', NULL, 0, '', w.lexemes, w.word FROM words w WHERE cardinality(w.lexemes) > 0`,
  );
  const passages: Passage[] = rows
    .filter((r) => r.kind === "passage" && r.i !== null)
    .sort((a, b) => Number(b.rank) - Number(a.rank))
    .map((r) => {
      const section = sections[r.i!]!;
      const hit = found.rows[section.doc]!;
      return {
        kind: hit.kind,
        id: hit.id,
        title: hit.title,
        section: section.heading,
        anchor: section.anchor,
        // ts_headline of the section; its first line is the title we prefixed: drop it when shown alone.
        snippet: r.snippet.startsWith(hit.title) ? r.snippet.slice(hit.title.length).trim() || r.snippet : r.snippet,
        rank: Number(r.rank),
        matched: r.matched,
      };
    });
  const terms = rows.filter((r) => r.kind === "word").map((r) => ({ word: r.word!, lexemes: r.matched }));
  return { query: found.query, mode: found.mode, passages, terms };
}
