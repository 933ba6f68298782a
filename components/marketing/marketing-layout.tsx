// The public pages' frame (landing, pricing): the site header and footer around the page, and its
// <title> and description. These pages are Pages Router pages that send no JavaScript at all
// (pages/index.tsx, pages/pricing.tsx: `unstable_runtimeJS: false`): everything on them works
// without React in the browser — links are plain links, the theme menu and the small-screen menu
// are <details> disclosures driven by the inline theme script (pages/_document.tsx). Keep it so:
// a client component here would render but never hydrate (docs/decisions.md, "Page weight, third pass").
import Head from "next/head";

import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";

export interface PageHead {
  /** The whole <title>. */
  title: string;
  description: string;
}

export function MarketingLayout({ head, children }: { head: PageHead; children: React.ReactNode }) {
  return (
    <>
      <Head>
        <title>{head.title}</title>
        <meta name="description" content={head.description} />
      </Head>
      <div className="flex min-h-dvh flex-col">
        <SiteHeader />
        <main id="main" tabIndex={-1} className="flex-1">
          {children}
        </main>
        <SiteFooter />
      </div>
    </>
  );
}
