// The API reference, served at /api/docs (next.config.ts rewrites it here: pages/api/ is the Pages
// Router's folder of API routes; lib/page-aliases.ts). Rendered at build time from the committed
// OpenAPI document (lib/api/openapi-document.json, scripts/openapi-document.ts: a Pages Router
// page cannot import lib/api/openapi.ts, whose route modules are server-only; the integration
// test fails while the copy is stale), with this deployment's APP_URL as its server. Public; a
// Pages Router page with no JavaScript in the browser (the App Router's runtime alone is over the
// public pages' 120 kB: docs/decisions.md, "Page weight: content pages leave the App Router").
// No external scripts or stylesheets: it works offline. The table of contents' arrow keys and
// current-section mark come from a small inline script (DOCS_NAV_SCRIPT).
import { readFileSync } from "node:fs";
import path from "node:path";

import type { GetStaticProps, PageConfig } from "next";

import { ApiReference } from "@/components/api-docs/api-reference";
import { DOCS_NAV_SCRIPT } from "@/components/api-docs/docs-nav-script";
import type { OpenApiDoc } from "@/components/api-docs/openapi-model";
import { MarketingLayout } from "@/components/marketing/marketing-layout";

// No <script src> at all: not the framework, not the page (the prerendered HTML is all there is).
export const config: PageConfig = { unstable_runtimeJS: false };

const HEAD = {
  title: "API reference · Tessera",
  description: "The Tessera REST API: workspaces, members, invitations, API keys, usage and the platform tenants API.",
};

export const getStaticProps: GetStaticProps<{ doc: OpenApiDoc }> = () => {
  const file = path.join(process.cwd(), "lib", "api", "openapi-document.json");
  const doc = JSON.parse(readFileSync(file, "utf8")) as OpenApiDoc;
  const appUrl = process.env.APP_URL?.replace(/\/+$/, "");
  if (appUrl && doc.servers?.[0]) doc.servers[0].url = appUrl;
  return { props: { doc } };
};

export default function ApiDocsPage({ doc }: { doc: OpenApiDoc }) {
  return (
    <MarketingLayout head={HEAD}>
      <ApiReference doc={doc} specUrl="/api/v1/openapi.json" />
      <script dangerouslySetInnerHTML={{ __html: DOCS_NAV_SCRIPT }} />
    </MarketingLayout>
  );
}
