"use client";

import * as React from "react";
import { Download, Trash2 } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatBytes } from "@/lib/files/kinds";

import { IDLE, type BoundAction } from "../action-types";
import { notify } from "../notify";
import { Time } from "../time";

export interface FileRow {
  id: string;
  name: string;
  type: string;
  typeLabel: string;
  sizeBytes: number;
  uploadedBy: string | null;
  createdAt: Date;
  downloadUrl: string;
  viewUrl: string | null;
}

const ActionsContext = React.createContext<{ remove?: BoundAction } | null>(null);

const col = createDataTableColumnHelper<FileRow>();

const baseColumns = [
  col.accessor("name", {
    header: "Name",
    meta: { rowHeader: true },
    sortFn: "text",
    cell: ({ row }) => (
      <a
        href={row.original.viewUrl ?? row.original.downloadUrl}
        className="font-medium break-all underline-offset-4 hover:underline"
        {...(row.original.viewUrl ? { target: "_blank", rel: "noopener" } : {})}
      >
        {row.original.name}
      </a>
    ),
  }),
  col.accessor("typeLabel", {
    id: "type",
    header: "Type",
    filterFn: "equalsString",
    cell: ({ getValue }) => <Badge variant="outline">{getValue()}</Badge>,
  }),
  col.accessor("sizeBytes", {
    header: "Size",
    sortFn: "basic",
    enableGlobalFilter: false,
    meta: { align: "end" },
    cell: ({ getValue }) => <span className="whitespace-nowrap tabular-nums">{formatBytes(getValue())}</span>,
  }),
  col.accessor((file) => file.uploadedBy ?? "", {
    id: "uploadedBy",
    header: "Uploaded by",
    sortFn: "text",
    cell: ({ getValue }) => <span className="break-all">{getValue() || "—"}</span>,
  }),
  col.accessor("createdAt", {
    header: "Uploaded",
    sortFn: "datetime",
    enableGlobalFilter: false,
    cell: ({ getValue }) => <Time value={getValue()} className="whitespace-nowrap tabular-nums" />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { srOnlyHeader: true, align: "end" },
    cell: ({ row }) => <RowActions file={row.original} />,
  }),
];

const columns = col.columns(baseColumns);

/** The workspace's files: sortable, searchable, filterable by type; download and delete. */
export function FilesTable({
  files,
  typeOptions,
  remove,
}: {
  files: FileRow[];
  typeOptions: { value: string; label: string }[];
  remove?: BoundAction;
}) {
  const context = React.useMemo(() => ({ remove }), [remove]);
  return (
    <ActionsContext.Provider value={context}>
      <DataTable
        label="Files"
        columns={columns}
        data={files}
        getRowId={(file) => file.id}
        searchPlaceholder="Search name or uploader"
        filters={[{ columnId: "type", label: "Type", options: typeOptions }]}
        initialSorting={[{ id: "createdAt", desc: true }]}
        emptyMessage="No files yet. Drop one above."
        className="min-w-0 [&>*]:min-w-0"
      />
    </ActionsContext.Provider>
  );
}

function RowActions({ file }: { file: FileRow }) {
  const actions = React.useContext(ActionsContext);
  return (
    <div className="flex justify-end gap-1">
      <Button asChild variant="ghost" size="sm">
        <a href={file.downloadUrl} download aria-label={`Download ${file.name}`}>
          <Download aria-hidden />
          Download
        </a>
      </Button>
      {actions?.remove && (
        <ConfirmDialog
          trigger={
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              aria-label={`Delete ${file.name}`}
            >
              <Trash2 aria-hidden />
              Delete
            </Button>
          }
          title={`Delete “${file.name}”?`}
          description={
            <>
              The file is deleted for everyone and its {formatBytes(file.sizeBytes)} no longer count towards the
              plan&apos;s storage. This cannot be undone.
            </>
          }
          confirmLabel="Delete file"
          pendingLabel="Deleting…"
          variant="destructive"
          fields={{ fileId: file.id }}
          action={async (form) => {
            const remove = actions.remove;
            if (remove) notify(await remove(IDLE, form));
          }}
        />
      )}
    </div>
  );
}
