"use client";
// Every tenant's invoices: the shared DataTable in server mode with the URL as its state (q, status,
// provider, tenant, sort, dir, page, pageSize), newest first by default.
import * as React from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";

import { createDataTableColumnHelper, DataTable, type DataTableState } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/workspace/time";
import type { AdminInvoiceRow, InvoiceListQuery, TenantOption } from "@/lib/billing/admin";
import type { BillingProvider, InvoiceStatus } from "@/lib/db/generated/enums";
import { formatMoney } from "@/lib/format";

const DEFAULTS = { sort: "createdAt", dir: "desc", page: 1, pageSize: 25 } as const;
const PAGE_SIZES = [10, 25, 50, 100];
const PROVIDER_LABELS: Record<BillingProvider, string> = { STRIPE: "Stripe", PAYPAL: "PayPal", LOCAL: "Local" };

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  DRAFT: "Draft",
  OPEN: "Open",
  PAID: "Paid",
  VOID: "Void",
  UNCOLLECTIBLE: "Uncollectible",
};
const STATUS_VARIANTS = {
  DRAFT: "secondary",
  OPEN: "warning",
  PAID: "success",
  VOID: "secondary",
  UNCOLLECTIBLE: "destructive",
} as const satisfies Record<InvoiceStatus, string>;

function search(query: InvoiceListQuery): string {
  const params = new URLSearchParams();
  for (const key of ["q", "status", "provider", "tenant"] as const) if (query[key]) params.set(key, query[key]);
  if (query.sort !== DEFAULTS.sort || query.dir !== DEFAULTS.dir) {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== DEFAULTS.pageSize) params.set("pageSize", String(query.pageSize));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function toTableState(query: InvoiceListQuery): DataTableState {
  return {
    sorting: [{ id: query.sort, desc: query.dir === "desc" }],
    globalFilter: query.q,
    columnFilters: (["status", "provider", "tenant"] as const).flatMap((id) =>
      query[id] ? [{ id, value: query[id] }] : [],
    ),
    pagination: { pageIndex: query.page - 1, pageSize: query.pageSize },
  };
}

function fromTableState(state: DataTableState): InvoiceListQuery {
  const sort = state.sorting[0];
  const filter = (id: string) => {
    const value = state.columnFilters.find((f) => f.id === id)?.value;
    return typeof value === "string" ? value : "";
  };
  return {
    q: state.globalFilter.trim(),
    status: filter("status") as InvoiceListQuery["status"],
    provider: filter("provider") as InvoiceListQuery["provider"],
    tenant: filter("tenant"),
    sort: (sort?.id as InvoiceListQuery["sort"] | undefined) ?? DEFAULTS.sort,
    dir: sort ? (sort.desc ? "desc" : "asc") : DEFAULTS.dir,
    page: state.pagination.pageIndex + 1,
    pageSize: state.pagination.pageSize,
  };
}

const col = createDataTableColumnHelper<AdminInvoiceRow>();
const sortable = (descFirst: boolean) => ({ enableMultiSort: false, sortDescFirst: descFirst });

const columns = col.columns([
  col.accessor("tenantName", {
    id: "tenant",
    header: "Tenant",
    ...sortable(false),
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <Link
        href={`/admin/tenants/${row.original.tenantId}`}
        className="rounded-sm font-medium text-foreground underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        {row.original.tenantName}
      </Link>
    ),
  }),
  col.accessor("number", {
    header: "Number",
    ...sortable(false),
    cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? "—"}</span>,
  }),
  col.accessor("provider", {
    header: "Provider",
    enableSorting: false,
    cell: ({ getValue }) => PROVIDER_LABELS[getValue()],
  }),
  col.accessor("status", {
    header: "Status",
    ...sortable(false),
    cell: ({ getValue }) => <Badge variant={STATUS_VARIANTS[getValue()]}>{INVOICE_STATUS_LABELS[getValue()]}</Badge>,
  }),
  col.accessor("total", {
    header: "Total",
    ...sortable(true),
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
  col.accessor("createdAt", {
    header: "Created",
    ...sortable(true),
    cell: ({ getValue }) => <Time value={getValue()} className="whitespace-nowrap tabular-nums" />,
  }),
  col.accessor("dueAt", {
    header: "Due",
    enableSorting: false,
    cell: ({ getValue }) => {
      const value = getValue();
      return value ? (
        <Time value={value} className="whitespace-nowrap tabular-nums" />
      ) : (
        <span className="text-muted-foreground">
          —<span className="sr-only">No due date</span>
        </span>
      );
    },
  }),
]);

const STATUS_OPTIONS = (Object.keys(INVOICE_STATUS_LABELS) as InvoiceStatus[]).map((status) => ({
  value: status,
  label: INVOICE_STATUS_LABELS[status],
}));
const PROVIDER_OPTIONS = (Object.keys(PROVIDER_LABELS) as BillingProvider[]).map((provider) => ({
  value: provider,
  label: PROVIDER_LABELS[provider],
}));

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
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = React.useTransition();
  const [shown, setShown] = React.useOptimistic(query);
  const state = React.useMemo(() => toTableState(shown), [shown]);
  const pageSizes = React.useMemo(
    () => [...new Set([...PAGE_SIZES, query.pageSize])].sort((a, b) => a - b),
    [query.pageSize],
  );
  const tenantOptions = React.useMemo(() => tenants.map((t) => ({ value: t.id, label: t.name })), [tenants]);

  const onStateChange = (next: DataTableState) => {
    const nextQuery = fromTableState(next);
    startTransition(() => {
      setShown(nextQuery);
      router.push(`${pathname}${search(nextQuery)}`, { scroll: false });
    });
  };

  return (
    <DataTable
      mode="server"
      label="Invoices"
      columns={columns}
      data={rows}
      rowCount={total}
      getRowId={(row) => `${row.tenantId}:${row.id}`}
      loading={pending}
      state={state}
      onStateChange={onStateChange}
      searchLabel="Search invoices by number or tenant"
      searchPlaceholder="Number or tenant…"
      filters={[
        { columnId: "status", label: "Status", options: STATUS_OPTIONS },
        { columnId: "provider", label: "Provider", options: PROVIDER_OPTIONS },
        { columnId: "tenant", label: "Tenant", options: tenantOptions },
      ]}
      pageSize={query.pageSize}
      pageSizeOptions={pageSizes}
      emptyMessage="No invoices yet. Subscriptions invoice every period; “New invoice” bills a one-off amount."
      className="grid-cols-[minmax(0,1fr)]"
    />
  );
}
