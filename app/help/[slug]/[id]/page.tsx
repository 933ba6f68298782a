// One published article of a public help centre; drafts and other workspaces' articles are 404.
// Access: anyone, while the workspace publishes its help centre (getPublicHelpCenter answers 404
// otherwise); no session is read. The metadata and the page share one read per request.
import type { Metadata } from "next";
import { cache } from "react";

import { Markdown } from "@/components/knowledge/markdown";
import { Time } from "@/components/workspace/time";
import { notFoundOnMissing } from "@/lib/http/pages";
import { getPublicHelpCenter, getPublishedArticle } from "@/lib/knowledge/help-center";

const publishedArticle = cache(async (slug: string, id: string) => {
  const center = await notFoundOnMissing(getPublicHelpCenter(slug));
  return { center, article: await notFoundOnMissing(getPublishedArticle(center, id)) };
});

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string; id: string }>;
}): Promise<Metadata> {
  const { slug, id } = await params;
  const { center, article } = await publishedArticle(slug, id);
  return { title: `${article.title} · ${center.title}` };
}

export default async function HelpArticlePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { center, article } = await publishedArticle(slug, id);
  return (
    <article className="grid gap-6">
      <a href={`/help/${center.slug}`} className="text-sm text-muted-foreground underline-offset-4 hover:underline">
        ← {center.title}
      </a>
      <h1 className="text-3xl font-semibold tracking-tight">{article.title}</h1>
      <p className="text-xs text-muted-foreground">
        Updated <Time value={article.updatedAt} />
      </p>
      <Markdown text={article.body} />
    </article>
  );
}
