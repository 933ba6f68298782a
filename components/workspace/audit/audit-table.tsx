"use client";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";

import type { AuditChange } from "../audit-format";
import { Time } from "../time";

export interface AuditTableRow {
  id: string;
  createdAt: Date;
  actor: string;
  action: string;
  actionLabel: string;
  target: string;
  changes: AuditChange[];
}

const col = createDataTableColumnHelper<AuditTableRow>();

const columns = col.columns([
  col.accessor("createdAt", {
    header: "When",
    sortFn: "datetime",
    meta: { cellClassName: "whitespace-nowrap tabular-nums" },
    cell: ({ getValue }) => <Time value={getValue()} withTime />,
  }),
  col.accessor("actor", {
    header: "Who",
    sortFn: "text",
    cell: ({ getValue }) => <span className="break-all">{getValue()}</span>,
  }),
  col.accessor("actionLabel", {
    header: "Action",
    sortFn: "text",
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <span className="font-medium">{row.original.actionLabel}</span>
        <code className="text-xs text-muted-foreground">{row.original.action}</code>
      </span>
    ),
  }),
  col.accessor("target", {
    header: "Target",
    sortFn: "text",
    cell: ({ getValue }) => <span className="break-all">{getValue()}</span>,
  }),
  col.display({
    id: "changes",
    header: "Changes",
    cell: ({ row }) => <Changes changes={row.original.changes} />,
  }),
]);

function Changes({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="grid gap-1 text-xs">
      {changes.map((change) => (
        <div key={change.field} className="flex flex-wrap items-baseline gap-x-1.5">
          <dt className="font-medium">{change.label}:</dt>
          <dd className="flex flex-wrap items-baseline gap-x-1.5">
            {change.kind === "changed" ? (
              <>
                <del className="text-muted-foreground decoration-destructive/60">
                  <span className="sr-only">from </span>
                  {change.before}
                </del>
                <span aria-hidden>→</span>
                <ins className="no-underline">
                  <span className="sr-only">to </span>
                  {change.after}
                </ins>
              </>
            ) : change.kind === "removed" ? (
              <>
                <del className="text-muted-foreground">{change.before}</del>
                <Badge variant="outline" className="px-1 py-0 text-[10px]">
                  removed
                </Badge>
              </>
            ) : (
              <span>{change.after ?? change.before}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditTable({ entries }: { entries: AuditTableRow[] }) {
  return (
    <DataTable
      label="Audit log entries"
      columns={columns}
      data={entries}
      getRowId={(e) => e.id}
      searchLabel="Filter this page"
      searchPlaceholder="Filter this page"
      pageSize={50}
      pageSizeOptions={[50]}
      emptyMessage="No audit entries match."
    />
  );
}
