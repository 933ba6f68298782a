// Full-text search over the knowledge base (articles and extracted documents) with PostgreSQL:
// websearch_to_tsquery (all words; quotes and -word work) ranked by ts_rank with the title
// weighted above the text, falling back to any of the words when nothing has them all; snippets
// highlighted by ts_headline. The same SQL runs on PostgreSQL and PGlite. The WHERE clauses use
// the expressions of the GIN indexes (articles: assistants migration; documents: knowledge
// migration). `passagesFor` ranks the sections (Markdown headings, PDF pages) of the best hits
// for the assistants' searchKnowledge tool.
import "server-only";

import { Prisma } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { assertCan, type TenantContext } from "../tenancy/context";
import { splitSections } from "./sections";

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

export interface SearchResult {
  query: string;
  /** "all": every word matched; "any": nothing had all the words, these have some. */
  mode: "all" | "any" | "none";
  hits: SearchHit[];
}

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

async function runSearch(
  tenantId: string,
  q: string,
  mode: "all" | "any",
  options: Required<Pick<SearchOptions, "limit" | "kinds" | "publishedOnly">>,
  withText = false,
): Promise<Row[]> {
  const articles = options.kinds.includes("article");
  const documents = options.kinds.includes("document") && !options.publishedOnly;
  const parts: Prisma.Sql[] = [];
  if (articles) {
    parts.push(Prisma.sql`
      SELECT 'article' AS kind, a.id, a.title, a.body AS text, a."collectionId", a.tags, a.published, a."updatedAt",
        ts_rank(setweight(to_tsvector('english', a.title), 'A') || to_tsvector('english', a.body), q.query) AS rank
      FROM knowledge_articles a, q
      WHERE a."tenantId" = ${tenantId}
        AND to_tsvector('english'::regconfig, a."title" || ' ' || a."body") @@ q.query
        ${options.publishedOnly ? Prisma.sql`AND a.published` : Prisma.empty}`);
  }
  if (documents) {
    parts.push(Prisma.sql`
      SELECT 'document' AS kind, d.id, d.title, d.text, d."collectionId", d.tags, false AS published, d."updatedAt",
        ts_rank(setweight(to_tsvector('english', d.title), 'A') || to_tsvector('english', d.text), q.query) AS rank
      FROM knowledge_documents d, q
      WHERE d."tenantId" = ${tenantId} AND d.status = 'READY'
        AND to_tsvector('english'::regconfig, d."title" || ' ' || d."text") @@ q.query`);
  }
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

/** Unchecked: the caller authorised the read (the help centre reads published articles only). */
export async function searchTenantKnowledge(
  tenantId: string,
  query: string,
  options: SearchOptions = {},
  withText = false,
): Promise<{ query: string; mode: SearchResult["mode"]; rows: Row[] }> {
  const q = query.trim().slice(0, 200);
  const opts = {
    limit: Math.min(Math.max(options.limit ?? 10, 1), 100),
    kinds: options.kinds ?? (["article", "document"] as HitKind[]),
    publishedOnly: options.publishedOnly ?? false,
  };
  if (!q) return { query: q, mode: "none", rows: [] };
  const all = await runSearch(tenantId, q, "all", opts, withText);
  if (all.length > 0) return { query: q, mode: "all", rows: all };
  const any = await runSearch(tenantId, q, "any", opts, withText);
  return { query: q, mode: any.length > 0 ? "any" : "none", rows: any };
}

/** Searches the workspace's articles and documents (knowledge:read). */
export async function searchKnowledgeBase(
  ctx: TenantContext,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  assertCan(ctx, "knowledge:read");
  const found = await searchTenantKnowledge(ctx.tenant.id, query, options);
  return { query: found.query, mode: found.mode, hits: found.rows.map(toHit) };
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
