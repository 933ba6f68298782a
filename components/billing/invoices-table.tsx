"use client";

import { Download } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/workspace/time";
import type { PortalInvoice } from "@/lib/billing/portal";

import { INVOICE_STATUS_LABELS } from "./billing-format";
import { InvoiceStatusBadge, statusOptions } from "./status-badge";
import { Dash, dateColumn, moneyColumn, statusColumn } from "./table-columns";

const col = createDataTableColumnHelper<PortalInvoice>();

const columns = col.columns([
  col.accessor("number", {
    header: "Number",
    sortFn: "alphanumeric",
    meta: { rowHeader: true },
    cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{getValue()}</span>,
  }),
  dateColumn({ id: "issuedAt", header: "Date", value: (invoice: PortalInvoice) => invoice.issuedAt }),
  col.accessor((invoice) => invoice.periodStart?.getTime() ?? 0, {
    id: "period",
    header: "Period",
    sortFn: "basic",
    enableGlobalFilter: false,
    cell: ({ row }) =>
      row.original.periodStart && row.original.periodEnd ? (
        <span className="whitespace-nowrap">
          <Time value={row.original.periodStart} /> – <Time value={row.original.periodEnd} />
        </span>
      ) : (
        <Dash label="No period" />
      ),
  }),
  moneyColumn({
    id: "overage",
    header: "Usage overage",
    amount: (invoice: PortalInvoice) => invoice.overage,
    currency: (invoice) => invoice.currency,
  }),
  moneyColumn({
    id: "total",
    header: "Total",
    amount: (invoice: PortalInvoice) => invoice.total,
    currency: (invoice) => invoice.currency,
  }),
  statusColumn({ status: (invoice: PortalInvoice) => invoice.status, Badge: InvoiceStatusBadge }),
  col.display({
    id: "pdf",
    header: "Download",
    meta: { srOnlyHeader: true, align: "end" },
    cell: ({ row }) => (
      <Button asChild variant="ghost" size="sm">
        {/* A download: the route answers with an attachment (or redirects to the provider's PDF). */}
        <a href={row.original.pdfHref} download={`invoice-${row.original.number}.pdf`}>
          <Download aria-hidden />
          PDF<span className="sr-only"> for invoice {row.original.number}</span>
        </a>
      </Button>
    ),
  }),
]);

const STATUS_OPTIONS = statusOptions(INVOICE_STATUS_LABELS);

/** The workspace's invoices, newest first: sortable, searchable by number, filterable by status. */
export function InvoicesTable({ invoices }: { invoices: PortalInvoice[] }) {
  return (
    <DataTable
      label="Invoices"
      columns={columns}
      data={invoices}
      getRowId={(invoice) => invoice.id}
      searchPlaceholder="Search by number"
      searchLabel="Search invoices by number"
      filters={[{ columnId: "status", label: "Status", options: STATUS_OPTIONS }]}
      initialSorting={[{ id: "issuedAt", desc: true }]}
      emptyMessage="No invoices yet."
      className="min-w-0 [&>*]:min-w-0"
    />
  );
}
