// A new article (knowledge:write). ?title= prefills the title (the assistants' "write the missing
// article" suggestion links here with the question).
import type { Metadata } from "next";

import { ArticleEditor } from "@/components/knowledge/article-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenantPage } from "@/lib/http/tenant";
import { listCollections } from "@/lib/knowledge/collections";

import { saveArticleAction } from "../actions";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ title?: string | string[] }>;
}) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "knowledge:write");
  const title = [(await searchParams).title].flat()[0]?.slice(0, 200) ?? "";
  const collections = await listCollections(ctx);
  const base = `/t/${ctx.tenant.slug}/knowledge`;
  return (
    <>
      <PageHeader title="New article" description="Write it in Markdown; each save keeps a version." />
      <ArticleEditor
        action={saveArticleAction.bind(null, ctx.tenant.slug)}
        draft={{ title, body: "", collectionId: null, tags: [], published: false }}
        collections={collections}
        cancelHref={base}
      />
    </>
  );
}
