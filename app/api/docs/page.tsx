// /api/docs: the API reference, rendered on the server from the OpenAPI document. Public, no
// external scripts or stylesheets (works offline), static: the document is built once.
import type { Metadata } from "next";

import { ApiReference } from "@/components/api-docs/api-reference";
import type { OpenApiDoc } from "@/components/api-docs/openapi-model";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { getOpenApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = {
  title: "API reference",
  description: "The Tessera REST API: workspaces, members, invitations, API keys, usage and the platform tenants API.",
};

export default function ApiDocsPage() {
  const doc = getOpenApiDocument() as unknown as OpenApiDoc;
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1">
        <ApiReference doc={doc} specUrl="/api/v1/openapi.json" />
      </main>
      <SiteFooter />
    </div>
  );
}
