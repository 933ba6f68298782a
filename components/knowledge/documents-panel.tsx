"use client";
// Uploaded documents and their extraction: a status per file (queued, extracting with progress,
// ready, failed with the reason), retry and delete. While any document is queued or extracting,
// the page refreshes itself every 1.5 s (a server render: no client polling API to keep in sync).
import * as React from "react";
import { useRouter } from "next/navigation";
import { CircleAlert, CircleCheck, RotateCw, Trash2 } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/files/kinds";

import { IDLE, type BoundAction } from "../workspace/action-types";
import { notify } from "../workspace/notify";
import { Time } from "../workspace/time";

export interface DocumentRow {
  id: string;
  title: string;
  href: string;
  downloadUrl: string;
  format: string;
  status: "QUEUED" | "EXTRACTING" | "READY" | "FAILED";
  progress: number;
  error: string | null;
  pages: number | null;
  sizeBytes: number;
  textLength: number;
  createdAt: Date;
}

const STATUS_LABEL: Record<DocumentRow["status"], string> = {
  QUEUED: "Queued",
  EXTRACTING: "Extracting",
  READY: "Searchable",
  FAILED: "Failed",
};

export function AutoRefresh({ active, intervalMs = 1500 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  React.useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}

export function DocumentsPanel({
  documents,
  retry,
  remove,
}: {
  documents: DocumentRow[];
  retry?: BoundAction;
  remove?: BoundAction;
}) {
  const pending = documents.some((d) => d.status === "QUEUED" || d.status === "EXTRACTING");
  if (documents.length === 0) {
    return <p className="text-sm text-muted-foreground">No documents yet.</p>;
  }
  return (
    <>
      <AutoRefresh active={pending} />
      <ul className="grid gap-3" aria-label="Documents" aria-live="polite">
        {documents.map((doc) => (
          <li
            key={doc.id}
            className="grid gap-2 rounded-md border p-3 text-sm"
            data-testid="knowledge-document"
            data-status={doc.status}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="grid min-w-0 gap-0.5">
                <a href={doc.href} className="font-medium break-all underline-offset-4 hover:underline">
                  {doc.title}
                </a>
                <span className="text-xs text-muted-foreground">
                  {doc.format} · {formatBytes(doc.sizeBytes)}
                  {doc.pages ? ` · ${doc.pages} page${doc.pages === 1 ? "" : "s"}` : ""} · uploaded{" "}
                  <Time value={doc.createdAt} />
                </span>
              </div>
              <div className="flex items-center gap-1">
                <Badge
                  variant={doc.status === "FAILED" ? "destructive" : doc.status === "READY" ? "default" : "secondary"}
                  data-testid="document-status"
                >
                  {doc.status === "READY" && <CircleCheck aria-hidden className="size-3" />}
                  {doc.status === "FAILED" && <CircleAlert aria-hidden className="size-3" />}
                  {STATUS_LABEL[doc.status]}
                </Badge>
                {retry && doc.status === "FAILED" && (
                  <form
                    action={async (form) => {
                      notify(await retry(IDLE, form));
                    }}
                  >
                    <input type="hidden" name="id" value={doc.id} />
                    <Button type="submit" variant="ghost" size="sm" aria-label={`Retry ${doc.title}`}>
                      <RotateCw aria-hidden />
                      Retry
                    </Button>
                  </form>
                )}
                <Button asChild variant="ghost" size="sm">
                  <a href={doc.downloadUrl} download aria-label={`Download ${doc.title}`}>
                    Download
                  </a>
                </Button>
                {remove && (
                  <ConfirmDialog
                    trigger={
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-destructive hover:text-destructive"
                        aria-label={`Delete ${doc.title}`}
                      >
                        <Trash2 aria-hidden />
                      </Button>
                    }
                    title={`Delete “${doc.title}”?`}
                    description="The document and its file are deleted; its text is no longer searched."
                    confirmLabel="Delete document"
                    pendingLabel="Deleting…"
                    variant="destructive"
                    fields={{ id: doc.id }}
                    action={async (form) => {
                      notify(await remove(IDLE, form));
                    }}
                  />
                )}
              </div>
            </div>
            {(doc.status === "QUEUED" || doc.status === "EXTRACTING") && (
              <Progress
                label={doc.status === "QUEUED" ? "Waiting to extract" : "Extracting text"}
                value={doc.progress}
                max={100}
                valueText={`${doc.progress}%`}
              />
            )}
            {doc.status === "FAILED" && doc.error && (
              <p role="alert" className="text-destructive">
                {doc.error}
              </p>
            )}
            {doc.status === "READY" && (
              <p className="text-xs text-muted-foreground">
                {doc.textLength.toLocaleString("en-US")} characters of text indexed for search.
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
