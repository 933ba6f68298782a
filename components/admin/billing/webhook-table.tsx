"use client";
// Every stored webhook event: the shared DataTable in server mode with the URL as its state
// (status, provider, type, sort, dir, page, pageSize), so the list stays fast however many events
// there are and a filtered view can be shared. Failed events come first by default.
import * as React from "react";
import Link from "next/link";

import { PROVIDER_SHORT_NAMES } from "@/components/billing/billing-format";
import { statusOptions } from "@/components/billing/status-badge";
import { Dash, dateColumn, serverSort, statusColumn } from "@/components/billing/table-columns";
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import type { ReplayResult, WebhookEventRow, WebhookListQuery } from "@/lib/billing/admin";

import type { BoundAction } from "@/components/workspace/action-types";
import { CELL_LINK_CLASS, TenantCell } from "./tenant-link";
import { useUrlListTable, type ListShape } from "./url-list-table";
import { WebhookReplayButton } from "./webhook-actions";
import { WEBHOOK_STATUS_LABELS, WEBHOOK_STATUS_ORDER, WebhookStatusBadge } from "./webhook-status";

const SHAPE: ListShape<WebhookListQuery> = {
  defaults: { sort: "status", dir: "desc", pageSize: 25 },
  searchKey: "type",
  filterKeys: ["status", "provider"],
};

const ReplayContext = React.createContext<BoundAction<ReplayResult> | null>(null);

function ReplayCell({ row }: { row: WebhookEventRow }) {
  const replay = React.useContext(ReplayContext);
  if (!replay || (row.status !== "FAILED" && row.status !== "RECEIVED")) return null;
  return <WebhookReplayButton eventId={row.id} label={`${row.type} ${row.eventId}`} action={replay} />;
}

const col = createDataTableColumnHelper<WebhookEventRow>();

const columns = col.columns([
  col.accessor("type", {
    header: "Event",
    ...serverSort(false),
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <Link href={`/admin/billing/webhooks/${row.original.id}`} className={CELL_LINK_CLASS}>
          {row.original.type}
        </Link>
        <span className="font-mono text-xs font-normal text-muted-foreground">{row.original.eventId}</span>
      </span>
    ),
  }),
  statusColumn({ status: (row: WebhookEventRow) => row.status, Badge: WebhookStatusBadge, sort: serverSort(true) }),
  col.accessor("provider", {
    header: "Provider",
    ...serverSort(false),
    cell: ({ getValue }) => PROVIDER_SHORT_NAMES[getValue()],
  }),
  dateColumn({
    id: "receivedAt",
    header: "Received",
    value: (row: WebhookEventRow) => row.receivedAt,
    withTime: true,
    sort: serverSort(true),
  }),
  col.accessor("attempts", {
    header: "Attempts",
    ...serverSort(true),
    meta: { align: "end", cellClassName: "tabular-nums" },
  }),
  dateColumn({
    id: "nextAttemptAt",
    header: "Next attempt",
    value: (row: WebhookEventRow) => row.nextAttemptAt,
    withTime: true,
    sort: serverSort(false),
  }),
  col.accessor("tenantName", {
    header: "Tenant",
    enableSorting: false,
    cell: ({ row }) => (
      <TenantCell tenantId={row.original.tenantId} tenantName={row.original.tenantName} missing="Unknown" />
    ),
  }),
  col.accessor("lastError", {
    header: "Last error",
    enableSorting: false,
    cell: ({ getValue }) => {
      const value = getValue();
      return value ? (
        <span className="line-clamp-2 max-w-72 text-xs text-destructive" title={value}>
          {value}
        </span>
      ) : (
        <Dash label="None" />
      );
    },
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { srOnlyHeader: true, align: "end" },
    cell: ({ row }) => <ReplayCell row={row.original} />,
  }),
]);

const STATUS_OPTIONS = statusOptions(WEBHOOK_STATUS_LABELS, WEBHOOK_STATUS_ORDER);
const PROVIDER_OPTIONS = statusOptions(PROVIDER_SHORT_NAMES);

export function WebhookTable({
  rows,
  total,
  query,
  replay,
}: {
  rows: WebhookEventRow[];
  total: number;
  query: WebhookListQuery;
  replay: BoundAction<ReplayResult>;
}) {
  const table = useUrlListTable(query, SHAPE);
  return (
    <ReplayContext.Provider value={replay}>
      <DataTable
        mode="server"
        {...table}
        label="Webhook events"
        columns={columns}
        data={rows}
        rowCount={total}
        getRowId={(row) => row.id}
        searchLabel="Search events by type"
        searchPlaceholder="Event type, e.g. invoice.paid…"
        filters={[
          { columnId: "status", label: "Status", options: STATUS_OPTIONS },
          { columnId: "provider", label: "Provider", options: PROVIDER_OPTIONS },
        ]}
        emptyMessage="No webhook events yet. Stripe, PayPal and the local provider deliver them here."
        rowClassName={(row) => (row.status === "FAILED" ? "bg-destructive/5" : undefined)}
        className="grid-cols-[minmax(0,1fr)]"
      />
    </ReplayContext.Provider>
  );
}
