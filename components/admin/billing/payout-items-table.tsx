"use client";
// Every item of the listed payout batches: who was paid what, in which batch, and where the money is.
import * as React from "react";

import { dateColumn, moneyColumn, statusColumn } from "@/components/billing/table-columns";
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Time } from "@/components/workspace/time";
import type { PayoutBatchRow } from "@/lib/billing/admin-payouts";
import type { PayoutStatus } from "@/lib/db/generated/enums";
import { formatDate } from "@/lib/format";

import { PAYOUT_STATUS_LABELS, PayoutStatusBadge } from "./payout-batches";
import { TenantCell } from "./tenant-link";

interface ItemRow {
  id: string;
  batch: string;
  batchCreatedAt: string;
  receiver: string;
  amount: number;
  currency: string;
  status: PayoutStatus;
  tenantId: string | null;
  tenantName: string | null;
  note: string | null;
  updatedAt: string;
}

const col = createDataTableColumnHelper<ItemRow>();

const columns = col.columns([
  col.accessor("receiver", { header: "Payee", sortFn: "text", meta: { rowHeader: true } }),
  moneyColumn({
    id: "amount",
    header: "Amount",
    amount: (row: ItemRow) => row.amount,
    currency: (row) => row.currency,
  }),
  statusColumn({ status: (row: ItemRow) => row.status, Badge: PayoutStatusBadge }),
  col.accessor("batch", {
    header: "Batch",
    filterFn: "equalsString",
    sortFn: "text",
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <Time value={row.original.batchCreatedAt} className="whitespace-nowrap" />
        <span className="font-mono text-xs text-muted-foreground">{row.original.batch}</span>
      </span>
    ),
  }),
  col.accessor((row) => row.tenantName ?? "", {
    id: "tenant",
    header: "Tenant",
    sortFn: "text",
    cell: ({ row }) => <TenantCell tenantId={row.original.tenantId} tenantName={row.original.tenantName} />,
  }),
  col.accessor((row) => row.note ?? "", { id: "note", header: "Note", enableSorting: false }),
  dateColumn({ id: "updatedAt", header: "Updated", value: (row: ItemRow) => row.updatedAt, withTime: true }),
]);

export function PayoutItemsTable({ batches }: { batches: PayoutBatchRow[] }) {
  const rows = React.useMemo<ItemRow[]>(
    () =>
      batches.flatMap((batch) =>
        batch.items.map((item) => ({
          ...item,
          batch: batch.senderBatchId,
          batchCreatedAt: batch.createdAt,
        })),
      ),
    [batches],
  );
  const batchOptions = React.useMemo(
    () =>
      batches.map((b) => ({
        value: b.senderBatchId,
        label: `${formatDate(b.createdAt)} · ${b.senderBatchId.slice(0, 12)}`,
      })),
    [batches],
  );
  const statusOptions = React.useMemo(
    () =>
      [...new Set(rows.map((r) => r.status))]
        .sort()
        .map((status) => ({ value: status, label: PAYOUT_STATUS_LABELS[status] })),
    [rows],
  );
  return (
    <section aria-labelledby="payout-items-heading" className="grid min-w-0 gap-3">
      <h2 id="payout-items-heading" className="text-lg font-semibold">
        Payees
      </h2>
      <DataTable
        label="Payout items"
        columns={columns}
        data={rows}
        getRowId={(row) => row.id}
        searchLabel="Search payees"
        searchPlaceholder="Email, tenant or note…"
        filters={[
          { columnId: "status", label: "Status", options: statusOptions },
          { columnId: "batch", label: "Batch", options: batchOptions },
        ]}
        initialSorting={[{ id: "updatedAt", desc: true }]}
        emptyMessage="No payees yet."
        className="grid-cols-[minmax(0,1fr)]"
      />
    </section>
  );
}
