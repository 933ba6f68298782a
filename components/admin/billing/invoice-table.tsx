"use client";
// Every tenant's invoices: the shared DataTable in server mode with the URL as its state (q, status,
// provider, tenant, sort, dir, page, pageSize), newest first by default.
import * as React from "react";

import { INVOICE_STATUS_LABELS, PROVIDER_SHORT_NAMES } from "@/components/billing/billing-format";
import { InvoiceStatusBadge, statusOptions } from "@/components/billing/status-badge";
import { dateColumn, serverSort, statusColumn } from "@/components/billing/table-columns";
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import type { AdminInvoiceRow, InvoiceListQuery, TenantOption } from "@/lib/billing/admin";
import { formatMoney } from "@/lib/format";

import { TenantLink } from "./tenant-link";
import { useUrlListTable, type ListShape } from "./url-list-table";

const SHAPE: ListShape<InvoiceListQuery> = {
  defaults: { sort: "createdAt", dir: "desc", pageSize: 25 },
  searchKey: "q",
  filterKeys: ["status", "provider", "tenant"],
};

const col = createDataTableColumnHelper<AdminInvoiceRow>();

const columns = col.columns([
  col.accessor("tenantName", {
    id: "tenant",
    header: "Tenant",
    ...serverSort(false),
    meta: { rowHeader: true },
    cell: ({ row }) => <TenantLink tenantId={row.original.tenantId}>{row.original.tenantName}</TenantLink>,
  }),
  col.accessor("number", {
    header: "Number",
    ...serverSort(false),
    cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? "—"}</span>,
  }),
  col.accessor("provider", {
    header: "Provider",
    enableSorting: false,
    cell: ({ getValue }) => PROVIDER_SHORT_NAMES[getValue()],
  }),
  statusColumn({ status: (row: AdminInvoiceRow) => row.status, Badge: InvoiceStatusBadge, sort: serverSort(false) }),
  col.accessor("total", {
    header: "Total",
    ...serverSort(true),
    meta: { align: "end" },
    cell: ({ row }) => (
      <span className="grid justify-items-end gap-0.5 tabular-nums">
        <span>{formatMoney(row.original.total, row.original.currency)}</span>
        {row.original.amountDue > 0 && row.original.status === "OPEN" && (
          <span className="text-xs text-muted-foreground">
            {formatMoney(row.original.amountDue, row.original.currency)} due
          </span>
        )}
      </span>
    ),
  }),
  dateColumn({
    id: "createdAt",
    header: "Created",
    value: (row: AdminInvoiceRow) => row.createdAt,
    sort: serverSort(true),
  }),
  dateColumn({
    id: "dueAt",
    header: "Due",
    value: (row: AdminInvoiceRow) => row.dueAt,
    missing: "No due date",
    sort: { enableSorting: false },
  }),
]);

const STATUS_OPTIONS = statusOptions(INVOICE_STATUS_LABELS);
const PROVIDER_OPTIONS = statusOptions(PROVIDER_SHORT_NAMES);

export function InvoiceTable({
  rows,
  total,
  query,
  tenants,
}: {
  rows: AdminInvoiceRow[];
  total: number;
  query: InvoiceListQuery;
  tenants: TenantOption[];
}) {
  const table = useUrlListTable(query, SHAPE);
  const tenantOptions = React.useMemo(() => tenants.map((t) => ({ value: t.id, label: t.name })), [tenants]);
  return (
    <DataTable
      mode="server"
      {...table}
      label="Invoices"
      columns={columns}
      data={rows}
      rowCount={total}
      getRowId={(row) => `${row.tenantId}:${row.id}`}
      searchLabel="Search invoices by number or tenant"
      searchPlaceholder="Number or tenant…"
      filters={[
        { columnId: "status", label: "Status", options: STATUS_OPTIONS },
        { columnId: "provider", label: "Provider", options: PROVIDER_OPTIONS },
        { columnId: "tenant", label: "Tenant", options: tenantOptions },
      ]}
      emptyMessage="No invoices yet. Subscriptions invoice every period; “New invoice” bills a one-off amount."
      className="grid-cols-[minmax(0,1fr)]"
    />
  );
}
