// A workspace's public help centre (/help/<slug>): its published articles by collection, and a
// search over them (a GET form: ?q=, ranked, highlighted). 404 unless the workspace's admins
// turned it on.
// Access: anyone, while the help centre is on (getPublicHelpCenter is the check, through the reads
// lib/knowledge/help-center-bridge.ts hands this page: pages/ may not import server-only modules);
// no session is read. A Pages Router page with no JavaScript in the browser (the App Router's
// runtime alone is over the public pages' 120 kB: docs/decisions.md, "Page weight").
import type { GetServerSideProps, PageConfig } from "next";

import { HelpCenterFrame, HelpCenterUnavailable } from "@/components/help-center/help-center-frame";
import { Highlighted } from "@/components/knowledge/markdown";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { type HelpCenterHomeView, helpCenterHomeProps } from "@/lib/knowledge/help-center-bridge";

// No <script> at all: not the framework, not the page (the HTML is all there is).
export const config: PageConfig = { unstable_runtimeJS: false };

type Props = HelpCenterHomeView | { unavailable: true };

export const getServerSideProps: GetServerSideProps<Props> = (ctx) => helpCenterHomeProps(ctx);

export default function HelpCenterPage(props: Props) {
  if ("unavailable" in props) return <HelpCenterUnavailable />;
  const { center, groups, q, hits } = props;
  const base = `/help/${center.slug}`;
  return (
    <HelpCenterFrame title={`${center.title} · Tessera`} description={`Help articles from ${center.name}.`}>
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
    </HelpCenterFrame>
  );
}
