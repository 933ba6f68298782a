"use client";
// Per-namespace hit rates, sortable and filterable: which namespaces earn their keep.
import * as React from "react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import type { NamespaceStats } from "@/lib/cache-console/console";

const col = createDataTableColumnHelper<NamespaceStats>();
const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);

const columns = col.columns([
  col.accessor("name", {
    header: "Namespace",
    sortFn: "text",
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <span className="font-mono text-sm">{row.original.name}</span>
        <span className="text-xs text-muted-foreground">{row.original.description}</span>
      </span>
    ),
  }),
  col.accessor((row) => row.hitRate ?? -1, {
    id: "hitRate",
    header: "Hit rate",
    sortDescFirst: true,
    meta: { align: "end" },
    cell: ({ row }) => (
      <span className={row.original.hitRate !== null && row.original.hitRate < 0.85 ? "font-medium text-warning" : ""}>
        {percent(row.original.hitRate)}
      </span>
    ),
  }),
  col.accessor("hits", { header: "Hits", sortDescFirst: true, meta: { align: "end" } }),
  col.accessor("misses", { header: "Misses", sortDescFirst: true, meta: { align: "end" } }),
  col.accessor("stale", { header: "Stale served", sortDescFirst: true, meta: { align: "end" } }),
  col.accessor((row) => row.avgFillMs ?? -1, {
    id: "avgFillMs",
    header: "Avg fill",
    sortDescFirst: true,
    meta: { align: "end" },
    cell: ({ row }) => (row.original.avgFillMs === null ? "—" : `${row.original.avgFillMs} ms`),
  }),
  col.accessor("invalidations", { header: "Invalidations", sortDescFirst: true, meta: { align: "end" } }),
  col.accessor("errors", { header: "Errors", sortDescFirst: true, meta: { align: "end" } }),
  col.accessor("ttlSeconds", {
    header: "TTL",
    meta: { align: "end" },
    cell: ({ row }) =>
      `${row.original.ttlSeconds} s${row.original.staleSeconds ? ` + ${row.original.staleSeconds} s stale` : ""}`,
  }),
]);

export function NamespaceTable({ rows }: { rows: NamespaceStats[] }) {
  return (
    <DataTable
      label="Cache namespaces"
      columns={columns}
      data={rows}
      getRowId={(row) => row.name}
      searchPlaceholder="Filter namespaces…"
      initialSorting={[{ id: "hitRate", desc: false }]}
    />
  );
}
