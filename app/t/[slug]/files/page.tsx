// Files: the workspace's stored files (files:read) with the storage meter of the plan, a banner
// near and at the limit, drag-and-drop upload with progress (files:write), and a sortable,
// filterable table to download and delete them.
import type { Metadata } from "next";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { ComparePlansLink } from "@/components/workspace/compare-plans-link";
import { FileUploader } from "@/components/workspace/files/file-uploader";
import { FilesTable, type FileRow } from "@/components/workspace/files/files-table";
import { getStorageUsage, listFiles } from "@/lib/files/files";
import { acceptedTypes, FILE_KINDS, formatBytes, INLINE_TYPES, TYPE_LABELS } from "@/lib/files/kinds";
import type { SniffedType } from "@/lib/files/sniff";
import { plural } from "@/lib/format";
import { requireTenantPage } from "@/lib/http/tenant";
import { can } from "@/lib/tenancy/permissions";

import { deleteFileAction } from "./actions";

export const metadata: Metadata = { title: "Files" };

const ACCEPT = ".png,.jpg,.jpeg,.gif,.webp,.pdf,.svg,.txt,.md,.csv,.json,text/plain,image/*,application/pdf";

export default async function FilesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireTenantPage(slug, "files:read");
  const [{ files }, storage] = await Promise.all([listFiles(ctx, { limit: 1000 }), getStorageUsage(ctx)]);
  const canWrite = can(ctx.role, "files:write") && ctx.tenant.status !== "SUSPENDED";
  const base = `/api/t/${ctx.tenant.slug}/files`;
  const rows: FileRow[] = files.map((file) => ({
    id: file.id,
    name: file.name,
    type: file.contentType,
    typeLabel: TYPE_LABELS[file.contentType as SniffedType] ?? file.contentType,
    sizeBytes: file.sizeBytes,
    uploadedBy: file.uploadedBy,
    createdAt: file.createdAt,
    downloadUrl: `${base}/${file.id}`,
    viewUrl: INLINE_TYPES.has(file.contentType) ? `${base}/${file.id}?inline=1` : null,
  }));
  const typeOptions = [...new Set(rows.map((row) => row.typeLabel))].sort().map((label) => ({ value: label, label }));
  const accepted = acceptedTypes("ATTACHMENT")
    .map((type) => `${TYPE_LABELS[type]} (${formatBytes(FILE_KINDS.ATTACHMENT.types[type] ?? 0)})`)
    .join(", ");
  const limitText = storage.limit === null ? "unlimited" : formatBytes(storage.limit);

  return (
    <>
      <PageHeader
        title="Files"
        description={`${plural(rows.length, "file")} in this workspace. Files count towards the plan's storage.`}
      />
      <div className="grid gap-6">
        {storage.level !== "ok" && (
          <Alert variant={storage.level === "exceeded" ? "destructive" : "warning"} data-testid="storage-banner">
            <AlertTitle>{storage.level === "exceeded" ? "Storage is full" : "Storage is almost full"}</AlertTitle>
            <AlertDescription>
              <p>
                {formatBytes(storage.used)} of {limitText} used.{" "}
                {storage.level === "exceeded"
                  ? "New uploads are refused until files are deleted or the plan is upgraded."
                  : "Uploads that don't fit are refused."}{" "}
                <ComparePlansLink />
              </p>
            </AlertDescription>
          </Alert>
        )}
        <Card>
          <CardContent className="grid gap-6 pt-6">
            <Progress
              label="Storage"
              value={storage.limit === null ? 0 : storage.used}
              max={storage.limit ?? 1}
              valueText={`${formatBytes(storage.used)} of ${limitText}`}
              tone="auto"
            />
            {canWrite ? (
              <FileUploader
                slug={ctx.tenant.slug}
                accept={ACCEPT}
                maxBytes={FILE_KINDS.ATTACHMENT.maxBytes}
                hint={`Accepted: ${accepted}. The type is read from the file's content.`}
              />
            ) : (
              <p className="text-sm text-muted-foreground">
                {ctx.tenant.status === "SUSPENDED"
                  ? "Files can't be uploaded while the workspace is suspended."
                  : "Your role can view and download files, not upload them."}
              </p>
            )}
          </CardContent>
        </Card>
        <FilesTable
          files={rows}
          typeOptions={typeOptions}
          remove={canWrite ? deleteFileAction.bind(null, ctx.tenant.slug) : undefined}
        />
      </div>
    </>
  );
}
