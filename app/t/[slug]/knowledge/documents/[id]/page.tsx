// One uploaded document (knowledge:read): its extraction status and the extracted text, rendered
// with the section anchors the assistants' citations link to (PDF pages are "Page N" sections).
import type { Metadata } from "next";

import { DocumentsPanel } from "@/components/knowledge/documents-panel";
import { Markdown } from "@/components/knowledge/markdown";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { notFoundOnMissing } from "@/lib/http/pages";
import { requireTenantPage } from "@/lib/http/tenant";
import { getDocument } from "@/lib/knowledge/documents";
import { FORMAT_LABELS, type DocumentFormat } from "@/lib/knowledge/extract";
import { can } from "@/lib/tenancy/permissions";

import { retryDocumentAction } from "../../actions";

export const metadata: Metadata = { title: "Document" };

export default async function DocumentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const ctx = await requireTenantPage(slug, "knowledge:read");
  const doc = await notFoundOnMissing(getDocument(ctx, id));
  const base = `/t/${ctx.tenant.slug}/knowledge`;
  const canWrite = can(ctx.role, "knowledge:write") && ctx.tenant.status !== "SUSPENDED";
  return (
    <>
      <PageHeader eyebrow={<a href={base}>Knowledge</a>} title={doc.title} description="An uploaded document." />
      <div className="grid gap-6">
        <DocumentsPanel
          documents={[
            {
              id: doc.id,
              title: doc.title,
              href: `${base}/documents/${doc.id}`,
              downloadUrl: `/api/t/${ctx.tenant.slug}/files/${doc.fileId}`,
              format: FORMAT_LABELS[doc.format as DocumentFormat] ?? doc.format,
              status: doc.status,
              progress: doc.progress,
              error: doc.error,
              pages: doc.pages,
              sizeBytes: doc.sizeBytes,
              textLength: doc.text.length,
              createdAt: doc.createdAt,
            },
          ]}
          retry={canWrite ? retryDocumentAction.bind(null, ctx.tenant.slug) : undefined}
        />
        {doc.status === "READY" && (
          <Card>
            <CardContent className="pt-6">
              {/* Plain text documents keep their line breaks; the others are Markdown-shaped already. */}
              {doc.format === "text" ? (
                <pre className="font-sans text-sm whitespace-pre-wrap">{doc.text}</pre>
              ) : (
                <Markdown text={doc.text} />
              )}
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
