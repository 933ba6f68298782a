// /api/v1/knowledge: articles CRUD with versions, collections, uploaded documents (raw-body
// upload, extraction status, text), and full-text search over articles and documents.
import { z } from "zod";

import { isoDateTime } from "@/lib/iso";
import type { Article, ArticleSummary, ArticleVersion } from "../../knowledge/articles";
import type { Collection } from "../../knowledge/collections";
import type { DocumentRecord } from "../../knowledge/documents";
import {
  articleCreateSchema,
  articleListQuery,
  articleUpdateSchema,
  collectionSchema,
  documentUploadQuery,
  MAX_VERSION,
  searchQuery,
} from "../../knowledge/schemas";
import type { SearchHit } from "../../knowledge/search";
import { snippetHtml, snippetText } from "../../knowledge/search";
import { defineRoute } from "../define";
import { idParams } from "./common";

const TAG = "Knowledge";

export const articleSummaryResource = z
  .object({
    id: z.string(),
    title: z.string(),
    collection_id: z.string().nullable(),
    tags: z.array(z.string()),
    published: z.boolean(),
    version: z.number().int(),
    updated_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    excerpt: z.string().describe("The first words of the body."),
  })
  .meta({ id: "KnowledgeArticleSummary" });

export const articleResource = articleSummaryResource
  .omit({ excerpt: true })
  .extend({ body: z.string().describe("Markdown.") })
  .meta({ id: "KnowledgeArticle" });

const versionResource = z
  .object({
    version: z.number().int(),
    title: z.string(),
    body: z.string(),
    collection_id: z.string().nullable(),
    tags: z.array(z.string()),
    published: z.boolean(),
    saved_by: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "KnowledgeArticleVersion" });

const collectionResource = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    articles: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: "KnowledgeCollection" });

export const documentResource = z
  .object({
    id: z.string(),
    file_id: z.string().describe("The stored file (GET /api/v1/files/{id}/content downloads it with files:read)."),
    title: z.string(),
    format: z.enum(["pdf", "docx", "markdown", "html", "text"]),
    status: z
      .enum(["queued", "extracting", "ready", "failed"])
      .describe("ready: the text is searchable. failed: error says why."),
    progress: z.number().int().min(0).max(100),
    error: z.string().nullable(),
    pages: z.number().int().nullable(),
    size_bytes: z.number().int(),
    text_length: z.number().int(),
    collection_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "KnowledgeDocument" });

const documentWithText = documentResource
  .extend({ text: z.string().describe("The extracted text (Markdown-style headings; PDF pages as “## Page N”).") })
  .meta({ id: "KnowledgeDocumentWithText" });

const searchHitResource = z
  .object({
    kind: z.enum(["article", "document"]),
    id: z.string(),
    title: z.string(),
    rank: z.number().describe("ts_rank of the match (title words weigh most); higher is better."),
    snippet: z.string().describe("The best fragments as plain text."),
    snippet_html: z.string().describe("The same with matches in <mark>; everything else HTML-escaped."),
    collection_id: z.string().nullable(),
    tags: z.array(z.string()),
    url: z.string().describe("The API resource of the hit."),
  })
  .meta({ id: "KnowledgeSearchHit" });

const searchResult = z
  .object({
    query: z.string(),
    mode: z
      .enum(["all", "any", "related", "none"])
      .describe(
        "all: hits contain every word; any: nothing had all, these have some; related: none has a word, these " +
          "are near in meaning (a semantic embedding provider only); none: no hit.",
      ),
    ranking: z
      .enum(["hybrid", "full-text"])
      .describe(
        "hybrid: full-text and embedding rankings fused (reciprocal rank fusion; the database has pgvector and " +
          "embeddings are on); full-text: words only.",
      ),
    data: z.array(searchHitResource),
  })
  .meta({ id: "KnowledgeSearchResult" });

export function toArticleSummary(a: ArticleSummary): z.input<typeof articleSummaryResource> {
  return {
    id: a.id,
    title: a.title,
    collection_id: a.collectionId,
    tags: a.tags,
    published: a.published,
    version: a.version,
    updated_by: a.updatedBy,
    created_at: isoDateTime(a.createdAt),
    updated_at: isoDateTime(a.updatedAt),
    excerpt: snippetText(a.excerpt),
  };
}

export function toArticle(a: Article): z.input<typeof articleResource> {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    collection_id: a.collectionId,
    tags: a.tags,
    published: a.published,
    version: a.version,
    updated_by: a.updatedBy,
    created_at: isoDateTime(a.createdAt),
    updated_at: isoDateTime(a.updatedAt),
  };
}

export function toVersion(v: ArticleVersion): z.input<typeof versionResource> {
  return {
    version: v.version,
    title: v.title,
    body: v.body,
    collection_id: v.collectionId,
    tags: v.tags,
    published: v.published,
    saved_by: v.savedBy,
    created_at: isoDateTime(v.createdAt),
  };
}

export function toCollection(c: Collection | (Omit<Collection, "articles"> & { articles?: number })) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    articles: c.articles ?? 0,
    created_at: isoDateTime(c.createdAt),
  };
}

export function toDocument(d: DocumentRecord): z.input<typeof documentResource> {
  return {
    id: d.id,
    file_id: d.fileId,
    title: d.title,
    format: d.format as z.input<typeof documentResource>["format"],
    status: d.status.toLowerCase() as z.input<typeof documentResource>["status"],
    progress: d.progress,
    error: d.error,
    pages: d.pages,
    size_bytes: d.sizeBytes,
    text_length: d.textLength,
    collection_id: d.collectionId,
    created_at: isoDateTime(d.createdAt),
    updated_at: isoDateTime(d.updatedAt),
  };
}

export function toSearchHit(h: SearchHit): z.input<typeof searchHitResource> {
  return {
    kind: h.kind,
    id: h.id,
    title: h.title,
    rank: h.rank,
    snippet: snippetText(h.snippet),
    snippet_html: snippetHtml(h.snippet),
    collection_id: h.collectionId,
    tags: h.tags,
    url: h.kind === "article" ? `/api/v1/knowledge/articles/${h.id}` : `/api/v1/knowledge/documents/${h.id}`,
  };
}

const list = <T extends z.ZodType>(item: T, name: string) => z.object({ data: z.array(item) }).meta({ id: name });

export const searchKnowledge = defineRoute({
  operationId: "searchKnowledge",
  method: "GET",
  path: "/api/v1/knowledge/search",
  tag: TAG,
  summary: "Search the knowledge base",
  description:
    "PostgreSQL full-text search over articles and extracted documents (English stemming; web-search syntax: " +
    '"exact phrase", -exclude, or). Ranked with title words weighing most; when nothing contains every word, the ' +
    "hits that contain some of them (mode any). Where the database has pgvector and embeddings are on " +
    "(KNOWLEDGE_EMBEDDINGS), the full-text ranking is fused with vector similarity of the articles' chunks " +
    "(ranking hybrid).",
  audience: "tenant",
  scope: "knowledge:read",
  query: searchQuery,
  response: searchResult,
});

export const listArticles = defineRoute({
  operationId: "listKnowledgeArticles",
  method: "GET",
  path: "/api/v1/knowledge/articles",
  tag: TAG,
  summary: "List articles",
  description: "Newest first; with q, in rank order.",
  audience: "tenant",
  scope: "knowledge:read",
  query: articleListQuery,
  response: list(articleSummaryResource, "KnowledgeArticleList"),
});

export const createArticle = defineRoute({
  operationId: "createKnowledgeArticle",
  method: "POST",
  path: "/api/v1/knowledge/articles",
  tag: TAG,
  summary: "Write an article",
  description: "Saves version 1.",
  audience: "tenant",
  scope: "knowledge:write",
  body: articleCreateSchema,
  response: articleResource,
  status: 201,
  errors: ["validation_failed"],
});

export const getArticle = defineRoute({
  operationId: "getKnowledgeArticle",
  method: "GET",
  path: "/api/v1/knowledge/articles/{id}",
  tag: TAG,
  summary: "Get an article",
  audience: "tenant",
  scope: "knowledge:read",
  params: idParams,
  response: articleResource,
  errors: ["not_found"],
});

export const updateArticle = defineRoute({
  operationId: "updateKnowledgeArticle",
  method: "PATCH",
  path: "/api/v1/knowledge/articles/{id}",
  tag: TAG,
  summary: "Change an article",
  description:
    "Saves a new version when something changed. Send expected_version (the version you edited) to get 409 instead " +
    "of overwriting a newer save.",
  audience: "tenant",
  scope: "knowledge:write",
  params: idParams,
  body: articleUpdateSchema,
  response: articleResource,
  errors: ["not_found", "conflict", "validation_failed"],
});

export const deleteArticle = defineRoute({
  operationId: "deleteKnowledgeArticle",
  method: "DELETE",
  path: "/api/v1/knowledge/articles/{id}",
  tag: TAG,
  summary: "Delete an article",
  description: "Deletes the article with all its versions. Answers 204.",
  audience: "tenant",
  scope: "knowledge:write",
  params: idParams,
  status: 204,
  errors: ["not_found"],
});

export const listArticleVersions = defineRoute({
  operationId: "listKnowledgeArticleVersions",
  method: "GET",
  path: "/api/v1/knowledge/articles/{id}/versions",
  tag: TAG,
  summary: "List an article's versions",
  description: "Newest first.",
  audience: "tenant",
  scope: "knowledge:read",
  params: idParams,
  response: list(versionResource, "KnowledgeArticleVersionList"),
  errors: ["not_found"],
});

export const restoreArticleVersion = defineRoute({
  operationId: "restoreKnowledgeArticleVersion",
  method: "POST",
  path: "/api/v1/knowledge/articles/{id}/restore",
  tag: TAG,
  summary: "Restore an earlier version",
  description: "Saves the content of an earlier version as the newest version.",
  audience: "tenant",
  scope: "knowledge:write",
  params: idParams,
  body: z
    .object({ version: z.number().int().min(1).max(MAX_VERSION, "No such version.") })
    .meta({ id: "KnowledgeArticleRestore" }),
  response: articleResource,
  errors: ["not_found"],
});

export const listCollections = defineRoute({
  operationId: "listKnowledgeCollections",
  method: "GET",
  path: "/api/v1/knowledge/collections",
  tag: TAG,
  summary: "List collections",
  audience: "tenant",
  scope: "knowledge:read",
  response: list(collectionResource, "KnowledgeCollectionList"),
});

export const createCollection = defineRoute({
  operationId: "createKnowledgeCollection",
  method: "POST",
  path: "/api/v1/knowledge/collections",
  tag: TAG,
  summary: "Create a collection",
  audience: "tenant",
  scope: "knowledge:write",
  body: collectionSchema,
  response: collectionResource,
  status: 201,
  errors: ["conflict", "validation_failed"],
});

export const listDocuments = defineRoute({
  operationId: "listKnowledgeDocuments",
  method: "GET",
  path: "/api/v1/knowledge/documents",
  tag: TAG,
  summary: "List uploaded documents",
  description: "Newest first, with their extraction status (not their text).",
  audience: "tenant",
  scope: "knowledge:read",
  response: list(documentResource, "KnowledgeDocumentList"),
});

export const uploadDocument = defineRoute({
  operationId: "uploadKnowledgeDocument",
  method: "POST",
  path: "/api/v1/knowledge/documents/upload",
  tag: TAG,
  summary: "Upload a document",
  description:
    "Send the file's bytes as the request body (send Content-Length). PDF and DOCX (by content, up to 25 MB), " +
    "Markdown, HTML and text (UTF-8, up to 5 MB; told apart by the filename's extension). The file counts against " +
    "the plan's storage (413 at the limit, nothing kept). Answers 202 with status queued: poll " +
    "GET /api/v1/knowledge/documents/{id} until ready or failed.",
  audience: "tenant",
  scope: "knowledge:write",
  query: documentUploadQuery,
  rawBody: { mediaType: "application/octet-stream", description: "The document's bytes." },
  response: documentResource,
  status: 202,
  errors: ["payload_too_large", "validation_failed"],
});

export const getDocument = defineRoute({
  operationId: "getKnowledgeDocument",
  method: "GET",
  path: "/api/v1/knowledge/documents/{id}",
  tag: TAG,
  summary: "Get a document and its text",
  audience: "tenant",
  scope: "knowledge:read",
  params: idParams,
  response: documentWithText,
  errors: ["not_found"],
});

export const deleteDocument = defineRoute({
  operationId: "deleteKnowledgeDocument",
  method: "DELETE",
  path: "/api/v1/knowledge/documents/{id}",
  tag: TAG,
  summary: "Delete a document",
  description: "Deletes the document and its file; its bytes no longer count against the plan. Answers 204.",
  audience: "tenant",
  scope: "knowledge:write",
  params: idParams,
  status: 204,
  errors: ["not_found"],
});
