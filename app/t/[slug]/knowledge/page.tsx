// The knowledge base (knowledge:read): search across articles and uploaded documents (ranked,
// highlighted), the articles table (sortable, filterable by collection, tag and state),
// documents with their extraction status, collections, and the public help centre switch
// (settings:update). Writing needs knowledge:write.
import type { Metadata } from "next";
import { FilePlus2, Search } from "lucide-react";

import { ArticlesTable, type ArticleRow } from "@/components/knowledge/articles-table";
import { DocumentsPanel, type DocumentRow } from "@/components/knowledge/documents-panel";
import { CollectionForm, CollectionsList, HelpCenterForm } from "@/components/knowledge/knowledge-forms";
import { Highlighted } from "@/components/knowledge/markdown";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { FileUploader } from "@/components/workspace/files/file-uploader";
import { FILE_KINDS } from "@/lib/files/kinds";
import { plural } from "@/lib/format";
import { requireTenantPage } from "@/lib/http/tenant";
import { listArticles } from "@/lib/knowledge/articles";
import { listCollections } from "@/lib/knowledge/collections";
import { kickExtraction, listDocuments } from "@/lib/knowledge/documents";
import { FORMAT_LABELS, type DocumentFormat } from "@/lib/knowledge/extract";
import { getHelpCenterSettings } from "@/lib/knowledge/help-center";
import { searchKnowledgeBase } from "@/lib/knowledge/search";
import { vectorSearchStatus } from "@/lib/knowledge/vectors";
import { customDomainStatus } from "@/lib/tenancy/domains";
import { can } from "@/lib/tenancy/permissions";

import {
  createCollectionAction,
  deleteCollectionAction,
  deleteDocumentAction,
  helpCenterAction,
  retryDocumentAction,
} from "./actions";

export const metadata: Metadata = { title: "Knowledge" };

const ACCEPT = ".pdf,.docx,.md,.markdown,.txt,.html,.htm,application/pdf,text/plain,text/markdown,text/html";

export default async function KnowledgePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "knowledge:read");
  const q = [(await searchParams).q].flat()[0]?.trim().slice(0, 200) ?? "";
  const base = `/t/${ctx.tenant.slug}/knowledge`;
  const canWrite = can(ctx.role, "knowledge:write") && ctx.tenant.status !== "SUSPENDED";
  const canAdmin = can(ctx.role, "settings:update");

  const [articles, collections, documents, helpCenter, results, searchStatus] = await Promise.all([
    listArticles(ctx),
    listCollections(ctx),
    listDocuments(ctx),
    getHelpCenterSettings(ctx),
    q ? searchKnowledgeBase(ctx, q, { limit: 20 }) : null,
    vectorSearchStatus(),
  ]);
  // Queued documents of a restarted process are taken up again (the job is single-flight).
  if (documents.some((d) => d.status === "QUEUED" || d.status === "EXTRACTING")) void kickExtraction();

  // A verified custom domain that is served now also serves the help centre, at /help.
  const domain = customDomainStatus(ctx.tenant).verified;
  const domainHelpUrl = domain?.served ? `https://${domain.domain}/help` : null;

  const collectionName = new Map(collections.map((c) => [c.id, c.name]));
  const rows: ArticleRow[] = articles.map((a) => ({
    id: a.id,
    title: a.title,
    href: `${base}/${a.id}`,
    excerpt: a.excerpt,
    collection: a.collectionId ? (collectionName.get(a.collectionId) ?? "") : "",
    tags: a.tags,
    state: a.published ? "Published" : "Draft",
    version: a.version,
    updatedBy: a.updatedBy ?? "",
    updatedAt: a.updatedAt,
  }));
  const tags = [...new Set(articles.flatMap((a) => a.tags))].sort();
  const docRows: DocumentRow[] = documents.map((d) => ({
    id: d.id,
    title: d.title,
    href: `${base}/documents/${d.id}`,
    downloadUrl: `/api/t/${ctx.tenant.slug}/files/${d.fileId}`,
    format: FORMAT_LABELS[d.format as DocumentFormat] ?? d.format,
    status: d.status,
    progress: d.progress,
    error: d.error,
    pages: d.pages,
    sizeBytes: d.sizeBytes,
    textLength: d.textLength,
    createdAt: d.createdAt,
  }));

  return (
    <>
      <PageHeader
        title="Knowledge"
        description={`${plural(articles.length, "article")} and ${plural(documents.length, "document")}. The support assistant searches them and cites what it uses.`}
        actions={
          canWrite ? (
            <Button asChild>
              <a href={`${base}/new`}>
                <FilePlus2 aria-hidden />
                New article
              </a>
            </Button>
          ) : undefined
        }
      />
      <div className="grid gap-6">
        <form role="search" action={base} className="flex gap-2" aria-label="Search the knowledge base">
          <label htmlFor="knowledge-q" className="sr-only">
            Search articles and documents
          </label>
          <Input
            id="knowledge-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
            placeholder={'Search articles and documents (e.g. reset password, "exact phrase", -exclude)'}
          />
          <Button type="submit" variant="outline">
            <Search aria-hidden />
            Search
          </Button>
        </form>
        <p className="-mt-4 text-xs text-muted-foreground" data-testid="search-ranking">
          {searchStatus.ranking === "hybrid"
            ? `Search: full text fused with embeddings (${searchStatus.provider === "local" ? "local hashed words, offline" : searchStatus.model}).`
            : `Search: full text only. ${searchStatus.reason ?? ""}`}
        </p>

        {results && (
          <Card data-testid="knowledge-results">
            <CardHeader>
              <CardTitle>
                {results.hits.length === 0 ? "Nothing found" : `${plural(results.hits.length, "result")} for “${q}”`}
              </CardTitle>
              <CardDescription>
                {results.mode === "any"
                  ? "Nothing contains all the words; these contain some of them."
                  : results.mode === "related"
                    ? "Nothing contains these words; these are near in meaning."
                    : results.hits.length === 0
                      ? canWrite
                        ? "No article or document mentions this. Write the missing article?"
                        : "No article or document mentions this."
                      : results.ranking === "hybrid"
                        ? "Ranked by relevance: words (title matches count most) fused with embeddings."
                        : "Ranked by relevance (title matches count most)."}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {results.hits.length === 0 && canWrite ? (
                <Button asChild variant="outline">
                  <a href={`${base}/new?title=${encodeURIComponent(q)}`}>Write “{q.slice(0, 60)}”</a>
                </Button>
              ) : (
                <ol className="grid gap-4">
                  {results.hits.map((hit) => (
                    <li key={`${hit.kind}-${hit.id}`} className="grid gap-1" data-testid="knowledge-hit">
                      <div className="flex flex-wrap items-center gap-2">
                        <a
                          href={hit.kind === "article" ? `${base}/${hit.id}` : `${base}/documents/${hit.id}`}
                          className="font-medium underline-offset-4 hover:underline"
                        >
                          {hit.title}
                        </a>
                        <Badge variant="outline">{hit.kind === "article" ? "Article" : "Document"}</Badge>
                        <span className="text-xs text-muted-foreground tabular-nums">rank {hit.rank.toFixed(3)}</span>
                      </div>
                      <p className="text-sm text-muted-foreground">
                        <Highlighted snippet={hit.snippet} />
                      </p>
                    </li>
                  ))}
                </ol>
              )}
            </CardContent>
          </Card>
        )}

        <section aria-labelledby="articles-heading" className="grid gap-3">
          <h2 id="articles-heading" className="text-lg font-semibold">
            Articles
          </h2>
          <ArticlesTable articles={rows} collections={collections.map((c) => c.name)} tags={tags} />
        </section>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Documents</h2>
            </CardTitle>
            <CardDescription>
              PDF, Word (DOCX), Markdown, HTML and text files. Their text is extracted in the background and searched
              like articles; the files count towards the plan&apos;s storage.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {canWrite && (
              <FileUploader
                slug={ctx.tenant.slug}
                endpoint="/api/v1/knowledge/documents/upload"
                accept={ACCEPT}
                maxBytes={FILE_KINDS.DOCUMENT.maxBytes}
                label="Drop documents here or choose them"
                hint="PDF and Word up to 25 MB, text, Markdown and HTML up to 5 MB. The type is read from the content."
              />
            )}
            <DocumentsPanel
              documents={docRows}
              retry={canWrite ? retryDocumentAction.bind(null, ctx.tenant.slug) : undefined}
              remove={canWrite ? deleteDocumentAction.bind(null, ctx.tenant.slug) : undefined}
            />
          </CardContent>
        </Card>

        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Collections</h2>
              </CardTitle>
              <CardDescription>Group articles; filter the table by collection.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <CollectionsList
                collections={collections}
                remove={canWrite ? deleteCollectionAction.bind(null, ctx.tenant.slug) : undefined}
              />
              {canWrite && <CollectionForm action={createCollectionAction.bind(null, ctx.tenant.slug)} />}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Help centre</h2>
              </CardTitle>
              <CardDescription>
                A public page with the published articles, for your customers. Off until an admin turns it on.
                {domainHelpUrl && (
                  <>
                    {" "}
                    Your custom domain serves it too, at{" "}
                    <a href={domainHelpUrl} className="underline underline-offset-4">
                      {domainHelpUrl}
                    </a>
                    .
                  </>
                )}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {canAdmin ? (
                <HelpCenterForm
                  action={helpCenterAction.bind(null, ctx.tenant.slug)}
                  enabled={helpCenter.enabled}
                  title={helpCenter.title}
                  publicUrl={`/help/${ctx.tenant.slug}`}
                />
              ) : (
                <p className="text-sm text-muted-foreground">
                  {helpCenter.enabled ? (
                    <>
                      On, at <a href={`/help/${ctx.tenant.slug}`}>/help/{ctx.tenant.slug}</a>.
                    </>
                  ) : (
                    "Off. An admin can turn it on."
                  )}
                </p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
