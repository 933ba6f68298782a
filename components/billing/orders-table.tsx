"use client";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/workspace/time";
import type { PortalOrder } from "@/lib/billing/portal";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { formatMoney } from "@/lib/format";

import { ORDER_STATUS_LABELS, ORDER_STATUS_VARIANT, PROVIDER_NAMES } from "./billing-format";

const col = createDataTableColumnHelper<PortalOrder>();

const columns = col.columns([
  col.accessor("description", {
    header: "Purchase",
    sortFn: "text",
    meta: { rowHeader: true },
  }),
  col.accessor("createdAt", {
    header: "Date",
    sortFn: "datetime",
    enableGlobalFilter: false,
    cell: ({ getValue }) => <Time value={getValue()} className="whitespace-nowrap tabular-nums" />,
  }),
  col.accessor((order) => PROVIDER_NAMES[order.provider], {
    id: "provider",
    header: "Paid with",
    sortFn: "text",
  }),
  col.accessor("amount", {
    header: "Amount",
    sortFn: "basic",
    enableGlobalFilter: false,
    meta: { align: "end" },
    cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.amount, row.original.currency)}</span>,
  }),
  col.accessor("status", {
    header: "Status",
    filterFn: "equalsString",
    enableGlobalFilter: false,
    cell: ({ getValue }) => <Badge variant={ORDER_STATUS_VARIANT[getValue()]}>{ORDER_STATUS_LABELS[getValue()]}</Badge>,
  }),
]);

const STATUS_OPTIONS = (Object.keys(ORDER_STATUS_LABELS) as OrderStatus[]).map((value) => ({
  value,
  label: ORDER_STATUS_LABELS[value],
}));

/** One-time purchases (PayPal orders and the like), newest first. */
export function OrdersTable({ orders }: { orders: PortalOrder[] }) {
  return (
    <DataTable
      label="One-time purchases"
      columns={columns}
      data={orders}
      getRowId={(order) => order.id}
      searchPlaceholder="Search purchases"
      filters={[{ columnId: "status", label: "Status", options: STATUS_OPTIONS }]}
      initialSorting={[{ id: "createdAt", desc: true }]}
      emptyMessage="No one-time purchases yet."
      className="min-w-0 [&>*]:min-w-0"
    />
  );
}
