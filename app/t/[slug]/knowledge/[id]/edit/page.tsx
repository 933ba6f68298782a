// Editing an article (knowledge:write): saving adds a version; a newer version saved meanwhile
// answers a conflict instead of being overwritten.
import type { Metadata } from "next";

import { ArticleEditor } from "@/components/knowledge/article-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenantPage } from "@/lib/http/tenant";
import { getArticle } from "@/lib/knowledge/articles";
import { listCollections } from "@/lib/knowledge/collections";
import { notFoundOnMissing } from "@/lib/http/pages";

import { saveArticleAction } from "../../actions";

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const ctx = await requireTenantPage(slug, "knowledge:write");
  const [article, collections] = await Promise.all([notFoundOnMissing(getArticle(ctx, id)), listCollections(ctx)]);
  const base = `/t/${ctx.tenant.slug}/knowledge`;
  return (
    <>
      <PageHeader
        title={`Edit “${article.title}”`}
        description={`Version ${article.version}. Saving adds version ${article.version + 1}.`}
      />
      <ArticleEditor
        action={saveArticleAction.bind(null, ctx.tenant.slug)}
        draft={{
          id: article.id,
          title: article.title,
          body: article.body,
          collectionId: article.collectionId,
          tags: article.tags,
          published: article.published,
          version: article.version,
        }}
        collections={collections}
        cancelHref={`${base}/${article.id}`}
      />
    </>
  );
}
