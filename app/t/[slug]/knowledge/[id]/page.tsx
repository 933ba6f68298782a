// One article (knowledge:read): rendered Markdown with heading anchors (the assistants' citations
// link to them), its collection, tags and state, and its versions (view, restore).
import type { Metadata } from "next";
import { History, Pencil } from "lucide-react";

import { Markdown } from "@/components/knowledge/markdown";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/workspace/time";
import { notFoundOnMissing } from "@/lib/http/pages";
import { requireTenantPage } from "@/lib/http/tenant";
import { getArticle, listVersions } from "@/lib/knowledge/articles";
import { listCollections } from "@/lib/knowledge/collections";
import { can } from "@/lib/tenancy/permissions";

import { deleteArticleAction } from "../actions";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { slug, id } = await params;
  const ctx = await requireTenantPage(slug, "knowledge:read");
  const [article, versions, collections] = await Promise.all([
    notFoundOnMissing(getArticle(ctx, id)),
    notFoundOnMissing(listVersions(ctx, id)),
    listCollections(ctx),
  ]);
  const saved = (await searchParams).saved;
  const base = `/t/${ctx.tenant.slug}/knowledge`;
  const canWrite = can(ctx.role, "knowledge:write") && ctx.tenant.status !== "SUSPENDED";
  const collection = collections.find((c) => c.id === article.collectionId);
  const remove = deleteArticleAction.bind(null, ctx.tenant.slug);

  return (
    <>
      <PageHeader
        eyebrow={<a href={base}>Knowledge</a>}
        title={article.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant={article.published ? "default" : "secondary"}>
              {article.published ? "Published" : "Draft"}
            </Badge>
            {collection && <Badge variant="outline">{collection.name}</Badge>}
            {article.tags.map((tag) => (
              <Badge key={tag} variant="outline">
                #{tag}
              </Badge>
            ))}
            <span>
              Version {article.version}, saved <Time value={article.updatedAt} />
              {article.updatedBy ? ` by ${article.updatedBy}` : ""}
            </span>
          </span>
        }
        actions={
          canWrite ? (
            <div className="flex gap-2">
              <Button asChild>
                <a href={`${base}/${article.id}/edit`}>
                  <Pencil aria-hidden />
                  Edit
                </a>
              </Button>
              <ConfirmDialog
                trigger={<Button variant="outline">Delete</Button>}
                title={`Delete “${article.title}”?`}
                description="The article and all its versions are deleted; the assistants stop citing it."
                confirmLabel="Delete article"
                variant="destructive"
                fields={{ id: article.id }}
                action={async (form) => {
                  "use server";
                  await remove({ status: "idle" }, form);
                }}
              />
            </div>
          ) : undefined
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid content-start gap-4">
          {saved && Number(saved) === article.version && (
            <Alert variant="success" data-testid="article-saved">
              <AlertDescription>Saved as version {article.version}.</AlertDescription>
            </Alert>
          )}
          <Card>
            <CardContent className="pt-6">
              <article data-testid="article-body">
                <Markdown text={article.body} />
              </article>
            </CardContent>
          </Card>
        </div>
        <Card className="content-start">
          <CardHeader>
            <CardTitle>
              <h2 className="flex items-center gap-2">
                <History aria-hidden className="size-4" /> Versions
              </h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="grid gap-2 text-sm" aria-label="Versions">
              {versions.map((v) => (
                <li key={v.version} className="flex items-center justify-between gap-2">
                  <a
                    href={`${base}/${article.id}/versions/${v.version}`}
                    className="underline-offset-4 hover:underline"
                  >
                    v{v.version}
                    {v.version === article.version ? " (current)" : ""}
                  </a>
                  <span className="text-right text-xs text-muted-foreground">
                    <Time value={v.createdAt} />
                    {v.savedBy ? <span className="block break-all">{v.savedBy}</span> : null}
                  </span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
