// One published article of a public help centre; drafts and other workspaces' articles are 404.
import type { Metadata } from "next";

import { Markdown } from "@/components/knowledge/markdown";
import { Time } from "@/components/workspace/time";
import { notFoundOnMissing } from "@/lib/http/pages";
import { getPublicHelpCenter, getPublishedArticle } from "@/lib/knowledge/help-center";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string; id: string }>;
}): Promise<Metadata> {
  const { slug, id } = await params;
  const center = await notFoundOnMissing(getPublicHelpCenter(slug));
  const article = await notFoundOnMissing(getPublishedArticle(center, id));
  return { title: `${article.title} · ${center.title}` };
}

export default async function HelpArticlePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const center = await notFoundOnMissing(getPublicHelpCenter(slug));
  const article = await notFoundOnMissing(getPublishedArticle(center, id));
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
