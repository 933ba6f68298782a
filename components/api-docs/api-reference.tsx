import { FileJson } from "lucide-react";

import { Button } from "@/components/ui/button";

import { DocsNav, type NavGroup } from "./docs-nav";
import { MethodBadge } from "./method-badge";
import { groupByTag, type OpenApiDoc } from "./openapi-model";
import { OperationSection } from "./operation-section";
import { RichText } from "./rich-text";

/** The whole reference, rendered on the server from the OpenAPI document (no client-side fetching). */
export function ApiReference({ doc, specUrl }: { doc: OpenApiDoc; specUrl: string }) {
  const groups = groupByTag(doc);
  const nav: NavGroup[] = groups.map((group) => ({
    name: group.name,
    slug: group.slug,
    items: group.operations.map(({ method, op }) => ({ id: op.operationId, method, summary: op.summary })),
  }));
  return (
    <div className="mx-auto w-full max-w-7xl px-4 sm:px-6 lg:grid lg:grid-cols-[17rem_minmax(0,1fr)] lg:gap-10">
      <aside className="hidden lg:block">
        <div className="sticky top-16 max-h-[calc(100dvh-4rem)] overflow-y-auto py-8 pr-2">
          <DocsNav groups={nav} />
        </div>
      </aside>
      <div className="min-w-0 py-8">
        <header id="overview" className="scroll-mt-24">
          <p className="text-sm font-medium text-primary">API reference · v{doc.info.version}</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight">{doc.info.title}</h1>
          {doc.info.description && (
            <RichText
              text={doc.info.description}
              className="mt-4 max-w-3xl text-sm leading-relaxed text-muted-foreground"
            />
          )}
          <div className="mt-5 flex flex-wrap items-center gap-3">
            <Button asChild variant="outline" size="sm">
              <a href={specUrl}>
                <FileJson aria-hidden />
                OpenAPI 3.1 document
              </a>
            </Button>
            {doc.servers?.[0] && (
              <span className="text-sm text-muted-foreground">
                Base URL <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{doc.servers[0].url}</code>
              </span>
            )}
          </div>
        </header>

        <details className="mt-8 rounded-lg border lg:hidden">
          <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
            Contents
          </summary>
          <div className="px-2 pb-3">
            <DocsNav groups={nav} label="API reference (contents)" />
          </div>
        </details>

        {groups.map((group) => (
          <section key={group.slug} aria-labelledby={`tag-${group.slug}`} className="mt-12">
            <h2 id={`tag-${group.slug}`} className="scroll-mt-24 text-2xl font-semibold tracking-tight">
              {group.name}
            </h2>
            {group.description && <p className="mt-2 max-w-3xl text-sm text-muted-foreground">{group.description}</p>}
            <ul className="mt-4 grid gap-1.5">
              {group.operations.map(({ method, path, op }) => (
                <li key={op.operationId} className="flex min-w-0 items-center gap-2 text-sm">
                  <MethodBadge method={method} />
                  <a
                    href={`#${op.operationId}`}
                    className="min-w-0 truncate rounded-sm font-mono text-xs hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                  >
                    {path}
                  </a>
                  <span className="hidden truncate text-muted-foreground sm:inline">— {op.summary}</span>
                </li>
              ))}
            </ul>
            <div className="mt-6">
              {group.operations.map((operation) => (
                <OperationSection key={operation.op.operationId} doc={doc} operation={operation} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
