// A workspace's public help centre (/help/<slug>): its published articles by collection, and a
// search over them (ranked, highlighted). 404 unless the workspace's admins turned it on.
// Access: anyone, while the help centre is on (getPublicHelpCenter is the check); no session is
// read. The metadata and the page share one read per request.
import type { Metadata } from "next";
import { cache } from "react";

import { Highlighted } from "@/components/knowledge/markdown";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { notFoundOnMissing } from "@/lib/http/pages";
import { getPublicHelpCenter, listPublishedArticles, searchHelpCenter } from "@/lib/knowledge/help-center";

const publicHelpCenter = cache((slug: string) => notFoundOnMissing(getPublicHelpCenter(slug)));

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const center = await publicHelpCenter(slug);
  return { title: center.title };
}

export default async function HelpCenterPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { slug } = await params;
  const center = await publicHelpCenter(slug);
  const q = [(await searchParams).q].flat()[0]?.trim().slice(0, 200) ?? "";
  const [{ articles, collections }, hits] = await Promise.all([
    listPublishedArticles(center),
    q ? searchHelpCenter(center, q) : null,
  ]);
  const base = `/help/${center.slug}`;
  const groups = [
    ...collections.map((c) => ({ name: c.name, items: articles.filter((a) => a.collectionId === c.id) })),
    {
      name: collections.length ? "More articles" : "Articles",
      items: articles.filter((a) => !a.collectionId || !collections.some((c) => c.id === a.collectionId)),
    },
  ].filter((g) => g.items.length > 0);

  return (
    <div className="grid gap-8">
      <h1 className="text-3xl font-semibold tracking-tight">{center.title}</h1>
      <form role="search" action={base} className="flex gap-2">
        <label htmlFor="help-q" className="sr-only">
          Search the help centre
        </label>
        <Input id="help-q" name="q" type="search" defaultValue={q} placeholder="How can we help?" maxLength={200} />
        <Button type="submit">Search</Button>
      </form>
      {hits && (
        <section aria-labelledby="results" className="grid gap-3">
          <h2 id="results" className="text-lg font-semibold">
            {hits.length ? `Results for “${q}”` : `Nothing found for “${q}”`}
          </h2>
          <ol className="grid gap-4">
            {hits.map((hit) => (
              <li key={hit.id} className="grid gap-1">
                <a href={`${base}/${hit.id}`} className="font-medium underline-offset-4 hover:underline">
                  {hit.title}
                </a>
                <p className="text-sm text-muted-foreground">
                  <Highlighted snippet={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {groups.length === 0 ? (
        <p className="text-muted-foreground">No articles are published yet.</p>
      ) : (
        groups.map((group) => (
          <section key={group.name} className="grid gap-2">
            <h2 className="text-lg font-semibold">{group.name}</h2>
            <ul className="grid gap-1">
              {group.items.map((a) => (
                <li key={a.id}>
                  <a href={`${base}/${a.id}`} className="underline-offset-4 hover:underline">
                    {a.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
