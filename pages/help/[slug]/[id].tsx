// One published article of a public help centre; drafts and other workspaces' articles are 404.
// Access: anyone, while the workspace publishes its help centre (getPublicHelpCenter answers 404
// otherwise, through the reads lib/knowledge/help-center-bridge.ts hands this page); no session is
// read. A Pages Router page with no JavaScript in the browser, like /help/<slug>.
import type { GetServerSideProps, PageConfig } from "next";

import { HelpCenterFrame, HelpCenterUnavailable } from "@/components/help-center/help-center-frame";
import { Markdown } from "@/components/knowledge/markdown";
import { Time } from "@/components/workspace/time";
import { type HelpArticleView, helpArticleProps } from "@/lib/knowledge/help-center-bridge";

// No <script> at all: not the framework, not the page (the HTML is all there is).
export const config: PageConfig = { unstable_runtimeJS: false };

type Props = HelpArticleView | { unavailable: true };

export const getServerSideProps: GetServerSideProps<Props> = (ctx) => helpArticleProps(ctx);

export default function HelpArticlePage(props: Props) {
  if ("unavailable" in props) return <HelpCenterUnavailable />;
  const { center, article } = props;
  return (
    <HelpCenterFrame title={`${article.title} · ${center.title} · Tessera`}>
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
    </HelpCenterFrame>
  );
}
