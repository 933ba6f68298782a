"use client";
// Every stored webhook event: the shared DataTable in server mode with the URL as its state
// (status, provider, type, sort, dir, page, pageSize), so the list stays fast however many events
// there are and a filtered view can be shared. Failed events come first by default.
import * as React from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";

import { createDataTableColumnHelper, DataTable, type DataTableState } from "@/components/tables/data-table";
import { Time } from "@/components/workspace/time";
import type { ReplayResult, WebhookEventRow, WebhookListQuery } from "@/lib/billing/admin";
import type { BillingProvider } from "@/lib/db/generated/enums";

import type { ServerFormAction } from "../use-action-form";
import { WebhookReplayButton } from "./webhook-actions";
import { WEBHOOK_STATUS_LABELS, WEBHOOK_STATUS_ORDER, WebhookStatusBadge } from "./webhook-status";

const DEFAULTS = { sort: "status", dir: "desc", page: 1, pageSize: 25 } as const;
const PAGE_SIZES = [10, 25, 50, 100];
const PROVIDER_LABELS: Record<BillingProvider, string> = { STRIPE: "Stripe", PAYPAL: "PayPal", LOCAL: "Local" };

function search(query: WebhookListQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.provider) params.set("provider", query.provider);
  if (query.type) params.set("type", query.type);
  if (query.sort !== DEFAULTS.sort || query.dir !== DEFAULTS.dir) {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== DEFAULTS.pageSize) params.set("pageSize", String(query.pageSize));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function toTableState(query: WebhookListQuery): DataTableState {
  return {
    sorting: [{ id: query.sort, desc: query.dir === "desc" }],
    globalFilter: query.type,
    columnFilters: [
      ...(query.status ? [{ id: "status", value: query.status }] : []),
      ...(query.provider ? [{ id: "provider", value: query.provider }] : []),
    ],
    pagination: { pageIndex: query.page - 1, pageSize: query.pageSize },
  };
}

function fromTableState(state: DataTableState): WebhookListQuery {
  const sort = state.sorting[0];
  const filter = (id: string) => {
    const value = state.columnFilters.find((f) => f.id === id)?.value;
    return typeof value === "string" ? value : "";
  };
  return {
    status: filter("status") as WebhookListQuery["status"],
    provider: filter("provider") as WebhookListQuery["provider"],
    type: state.globalFilter.trim(),
    sort: (sort?.id as WebhookListQuery["sort"] | undefined) ?? DEFAULTS.sort,
    dir: sort ? (sort.desc ? "desc" : "asc") : DEFAULTS.dir,
    page: state.pagination.pageIndex + 1,
    pageSize: state.pagination.pageSize,
  };
}

const ReplayContext = React.createContext<ServerFormAction<ReplayResult> | null>(null);

function Dash({ label }: { label: string }) {
  return (
    <span className="text-muted-foreground">
      —<span className="sr-only">{label}</span>
    </span>
  );
}

function ReplayCell({ row }: { row: WebhookEventRow }) {
  const replay = React.useContext(ReplayContext);
  if (!replay || (row.status !== "FAILED" && row.status !== "RECEIVED")) return null;
  return <WebhookReplayButton eventId={row.id} label={`${row.type} ${row.eventId}`} action={replay} />;
}

const col = createDataTableColumnHelper<WebhookEventRow>();
const sortable = (descFirst: boolean) => ({ enableMultiSort: false, sortDescFirst: descFirst });
const linkClass =
  "rounded-sm font-medium text-foreground underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";

const columns = col.columns([
  col.accessor("type", {
    header: "Event",
    ...sortable(false),
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <Link href={`/admin/billing/webhooks/${row.original.id}`} className={linkClass}>
          {row.original.type}
        </Link>
        <span className="font-mono text-xs font-normal text-muted-foreground">{row.original.eventId}</span>
      </span>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    ...sortable(true),
    cell: ({ getValue }) => <WebhookStatusBadge status={getValue()} />,
  }),
  col.accessor("provider", {
    header: "Provider",
    ...sortable(false),
    cell: ({ getValue }) => PROVIDER_LABELS[getValue()],
  }),
  col.accessor("receivedAt", {
    header: "Received",
    ...sortable(true),
    cell: ({ getValue }) => <Time value={getValue()} withTime className="whitespace-nowrap tabular-nums" />,
  }),
  col.accessor("attempts", {
    header: "Attempts",
    ...sortable(true),
    meta: { align: "end", cellClassName: "tabular-nums" },
  }),
  col.accessor("nextAttemptAt", {
    header: "Next attempt",
    ...sortable(false),
    cell: ({ getValue }) => {
      const value = getValue();
      return value ? <Time value={value} withTime className="whitespace-nowrap tabular-nums" /> : <Dash label="None" />;
    },
  }),
  col.accessor("tenantName", {
    header: "Tenant",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.tenantId ? (
        <Link href={`/admin/tenants/${row.original.tenantId}`} className={linkClass}>
          {row.original.tenantName ?? row.original.tenantId}
        </Link>
      ) : (
        <Dash label="Unknown" />
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

const STATUS_OPTIONS = WEBHOOK_STATUS_ORDER.map((status) => ({ value: status, label: WEBHOOK_STATUS_LABELS[status] }));
const PROVIDER_OPTIONS = (Object.keys(PROVIDER_LABELS) as BillingProvider[]).map((provider) => ({
  value: provider,
  label: PROVIDER_LABELS[provider],
}));

export function WebhookTable({
  rows,
  total,
  query,
  replay,
}: {
  rows: WebhookEventRow[];
  total: number;
  query: WebhookListQuery;
  replay: ServerFormAction<ReplayResult>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = React.useTransition();
  // Shows the requested state (sort, filters, page) at once while its page loads.
  const [shown, setShown] = React.useOptimistic(query);
  const state = React.useMemo(() => toTableState(shown), [shown]);
  const pageSizes = React.useMemo(
    () => [...new Set([...PAGE_SIZES, query.pageSize])].sort((a, b) => a - b),
    [query.pageSize],
  );

  const onStateChange = (next: DataTableState) => {
    const nextQuery = fromTableState(next);
    startTransition(() => {
      setShown(nextQuery);
      router.push(`${pathname}${search(nextQuery)}`, { scroll: false });
    });
  };

  return (
    <ReplayContext.Provider value={replay}>
      <DataTable
        mode="server"
        label="Webhook events"
        columns={columns}
        data={rows}
        rowCount={total}
        getRowId={(row) => row.id}
        loading={pending}
        state={state}
        onStateChange={onStateChange}
        searchLabel="Search events by type"
        searchPlaceholder="Event type, e.g. invoice.paid…"
        filters={[
          { columnId: "status", label: "Status", options: STATUS_OPTIONS },
          { columnId: "provider", label: "Provider", options: PROVIDER_OPTIONS },
        ]}
        pageSize={query.pageSize}
        pageSizeOptions={pageSizes}
        emptyMessage="No webhook events yet. Stripe, PayPal and the local provider deliver them here."
        rowClassName={(row) => (row.status === "FAILED" ? "bg-destructive/5" : undefined)}
        className="grid-cols-[minmax(0,1fr)]"
      />
    </ReplayContext.Provider>
  );
}
