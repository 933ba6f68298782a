"use client";

import { Download } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/workspace/time";
import type { PortalInvoice } from "@/lib/billing/portal";
import type { InvoiceStatus } from "@/lib/db/generated/enums";
import { formatMoney } from "@/lib/format";

import { INVOICE_STATUS_LABELS, INVOICE_STATUS_VARIANT } from "./billing-format";

const col = createDataTableColumnHelper<PortalInvoice>();

const columns = col.columns([
  col.accessor("number", {
    header: "Number",
    sortFn: "alphanumeric",
    meta: { rowHeader: true },
    cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{getValue()}</span>,
  }),
  col.accessor("issuedAt", {
    header: "Date",
    sortFn: "datetime",
    enableGlobalFilter: false,
    cell: ({ getValue }) => <Time value={getValue()} className="whitespace-nowrap tabular-nums" />,
  }),
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
        <span className="text-muted-foreground">—</span>
      ),
  }),
  col.accessor("total", {
    header: "Total",
    sortFn: "basic",
    enableGlobalFilter: false,
    meta: { align: "end" },
    cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.total, row.original.currency)}</span>,
  }),
  col.accessor("status", {
    header: "Status",
    filterFn: "equalsString",
    enableGlobalFilter: false,
    cell: ({ getValue }) => (
      <Badge variant={INVOICE_STATUS_VARIANT[getValue()]}>{INVOICE_STATUS_LABELS[getValue()]}</Badge>
    ),
  }),
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

const STATUS_OPTIONS = (Object.keys(INVOICE_STATUS_LABELS) as InvoiceStatus[]).map((value) => ({
  value,
  label: INVOICE_STATUS_LABELS[value],
}));

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
