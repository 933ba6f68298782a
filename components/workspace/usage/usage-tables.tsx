"use client";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { formatCount } from "@/lib/format";

import { formatPercent } from "./format-usage";

export interface KeyUsageRow {
  id: string;
  name: string;
  start: string | null;
  revoked: boolean;
  calls: number;
  share: number;
}

export interface RouteUsageRow {
  route: string;
  calls: number;
  share: number;
}

const keyCol = createDataTableColumnHelper<KeyUsageRow>();
const routeCol = createDataTableColumnHelper<RouteUsageRow>();

const callsColumn = {
  header: "Calls",
  sortFn: "basic",
  sortDescFirst: true,
  enableGlobalFilter: false,
  meta: { align: "end" },
  cell: ({ getValue }: { getValue: () => number }) => <span className="tabular-nums">{formatCount(getValue())}</span>,
} as const;

const shareColumn = {
  header: "Share",
  sortFn: "basic",
  sortDescFirst: true,
  enableGlobalFilter: false,
  meta: { align: "end" },
  cell: ({ getValue }: { getValue: () => number }) => (
    <span className="text-muted-foreground tabular-nums">{formatPercent(getValue())}</span>
  ),
} as const;

const keyColumns = keyCol.columns([
  keyCol.accessor("name", {
    header: "Caller",
    meta: { rowHeader: true },
    sortFn: "text",
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-2">
        {row.original.name}
        {row.original.revoked && <Badge variant="secondary">Revoked</Badge>}
      </span>
    ),
  }),
  keyCol.accessor((row) => row.start ?? "", {
    id: "start",
    header: "Key",
    enableSorting: false,
    cell: ({ getValue }) =>
      getValue() ? (
        <code className="font-mono text-xs whitespace-nowrap">{getValue()}…</code>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  }),
  keyCol.accessor("calls", callsColumn),
  keyCol.accessor("share", shareColumn),
]);

const routeColumns = routeCol.columns([
  routeCol.accessor("route", {
    header: "Route",
    meta: { rowHeader: true },
    sortFn: "text",
    cell: ({ getValue }) => <code className="font-mono text-xs break-all">{getValue()}</code>,
  }),
  routeCol.accessor("calls", callsColumn),
  routeCol.accessor("share", shareColumn),
]);

export function KeyUsageTable({ rows }: { rows: KeyUsageRow[] }) {
  return (
    <DataTable
      label="API calls by key"
      columns={keyColumns}
      data={rows}
      getRowId={(row) => row.id}
      searchable={rows.length > 5}
      searchPlaceholder="Search keys"
      initialSorting={[{ id: "calls", desc: true }]}
      pageSize={10}
      emptyMessage="No API calls this month yet."
      className="min-w-0 [&>*]:min-w-0"
    />
  );
}

export function RouteUsageTable({ rows }: { rows: RouteUsageRow[] }) {
  return (
    <DataTable
      label="API calls by route"
      columns={routeColumns}
      data={rows}
      getRowId={(row) => row.route}
      searchable={rows.length > 5}
      searchPlaceholder="Search routes"
      initialSorting={[{ id: "calls", desc: true }]}
      pageSize={10}
      emptyMessage="No API calls this month yet."
      className="min-w-0 [&>*]:min-w-0"
    />
  );
}
