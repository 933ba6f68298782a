"use client";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import type { PortalOrder } from "@/lib/billing/portal";

import { ORDER_STATUS_LABELS, PROVIDER_NAMES } from "./billing-format";
import { OrderStatusBadge, statusOptions } from "./status-badge";
import { dateColumn, moneyColumn, statusColumn } from "./table-columns";

const col = createDataTableColumnHelper<PortalOrder>();

const columns = col.columns([
  col.accessor("description", {
    header: "Purchase",
    sortFn: "text",
    meta: { rowHeader: true },
  }),
  dateColumn({ id: "createdAt", header: "Date", value: (order: PortalOrder) => order.createdAt }),
  col.accessor((order) => PROVIDER_NAMES[order.provider], {
    id: "provider",
    header: "Paid with",
    sortFn: "text",
  }),
  moneyColumn({
    id: "amount",
    header: "Amount",
    amount: (order: PortalOrder) => order.amount,
    currency: (o) => o.currency,
  }),
  statusColumn({ status: (order: PortalOrder) => order.status, Badge: OrderStatusBadge }),
]);

const STATUS_OPTIONS = statusOptions(ORDER_STATUS_LABELS);

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
