"use client";
// The operator's tenant list: the shared DataTable in server mode. The URL is the state
// (q, tier, status, sort, dir, page, pageSize): every change pushes a new URL, the server
// component fetches that one page, and back/forward or a shared link restore the same view.
import * as React from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";

import { createDataTableColumnHelper, DataTable, type DataTableState } from "@/components/tables/data-table";
import type { TenantStatus } from "@/lib/db/generated/enums";
import { formatCount, formatDate, isoString } from "@/lib/format";
import type { AdminTenantRow } from "@/lib/lifecycle/tenants";
import { TIER_DEFINITIONS, TIERS, tierLabel } from "@/lib/tenancy/tiers";

import { TenantStatusBadge } from "./status-badge";
import { TENANT_LIST_DEFAULTS, tenantListSearch, type TenantListQuery } from "./tenant-list-query";

const PAGE_SIZES = [10, 25, 50, 100];

const STATUS_OPTIONS = [
  { value: "active", label: "Active (incl. trials)" },
  { value: "trialing", label: "Trialing" },
  { value: "suspended", label: "Suspended" },
  { value: "deleted", label: "Deleted" },
];
const TIER_OPTIONS = TIERS.map((tier) => ({ value: tier, label: TIER_DEFINITIONS[tier].label }));

function toTableState(query: TenantListQuery): DataTableState {
  return {
    sorting: [{ id: query.sort, desc: query.dir === "desc" }],
    globalFilter: query.q,
    columnFilters: [
      ...(query.tier ? [{ id: "tier", value: query.tier }] : []),
      ...(query.status ? [{ id: "status", value: query.status }] : []),
    ],
    pagination: { pageIndex: query.page - 1, pageSize: query.pageSize },
  };
}

function fromTableState(state: DataTableState): TenantListQuery {
  // Removing a sort (third click on a header) returns to the default order, newest first.
  const sort = state.sorting[0];
  const filter = (id: string) => {
    const value = state.columnFilters.find((f) => f.id === id)?.value;
    return typeof value === "string" ? value : "";
  };
  return {
    q: state.globalFilter.trim(),
    tier: filter("tier") as TenantListQuery["tier"],
    status: filter("status") as TenantListQuery["status"],
    sort: (sort?.id as TenantListQuery["sort"] | undefined) ?? TENANT_LIST_DEFAULTS.sort,
    dir: sort ? (sort.desc ? "desc" : "asc") : TENANT_LIST_DEFAULTS.dir,
    page: state.pagination.pageIndex + 1,
    pageSize: state.pagination.pageSize,
  };
}

const col = createDataTableColumnHelper<AdminTenantRow>();
// One sort at a time (the server orders by one column); text columns start ascending,
// counts and dates descending.
const sortable = (descFirst: boolean) => ({ enableMultiSort: false, sortDescFirst: descFirst });

const columns = col.columns([
  col.accessor("name", {
    header: "Name",
    ...sortable(false),
    meta: { rowHeader: true },
    cell: (cell) => (
      <Link
        href={`/admin/tenants/${cell.row.original.id}`}
        className="rounded-sm font-medium text-foreground underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        {cell.getValue()}
      </Link>
    ),
  }),
  col.accessor("slug", {
    header: "Slug",
    ...sortable(false),
    cell: (cell) => <span className="font-mono text-xs">{cell.getValue()}</span>,
  }),
  col.accessor("tier", {
    header: "Tier",
    ...sortable(false),
    cell: (cell) => {
      const row = cell.row.original;
      return (
        <span className="grid gap-0.5">
          <span>{tierLabel(row.tier)}</span>
          {row.trialing && row.effectiveTier !== row.tier && (
            <span className="text-xs text-muted-foreground">Trial: {tierLabel(row.effectiveTier)}</span>
          )}
        </span>
      );
    },
  }),
  col.accessor("status", {
    header: "Status",
    ...sortable(false),
    cell: (cell) => (
      <TenantStatusBadge status={cell.getValue() as TenantStatus} trialing={cell.row.original.trialing} />
    ),
  }),
  col.accessor("trialEndsAt", {
    header: "Trial ends",
    ...sortable(false),
    cell: (cell) => {
      const value = cell.getValue();
      if (!value)
        return (
          <span className="text-muted-foreground">
            —<span className="sr-only">No trial</span>
          </span>
        );
      return cell.row.original.trialing ? (
        <time dateTime={isoString(value)}>{formatDate(value)}</time>
      ) : (
        <span className="text-muted-foreground">
          Ended <time dateTime={isoString(value)}>{formatDate(value)}</time>
        </span>
      );
    },
  }),
  col.accessor("members", {
    header: "Members",
    ...sortable(true),
    meta: { align: "end", cellClassName: "tabular-nums" },
    cell: (cell) => formatCount(cell.getValue()),
  }),
  col.accessor("createdAt", {
    header: "Created",
    ...sortable(true),
    cell: (cell) => <time dateTime={isoString(cell.getValue())}>{formatDate(cell.getValue())}</time>,
  }),
]);

export function TenantsTable({
  rows,
  total,
  query,
}: {
  rows: AdminTenantRow[];
  total: number;
  query: TenantListQuery;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = React.useTransition();
  // Shows the requested state (sort arrow, filters, page) at once while its page loads.
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
      router.push(`${pathname}${tenantListSearch(nextQuery)}`, { scroll: false });
    });
  };

  return (
    <DataTable
      mode="server"
      label="Tenants"
      columns={columns}
      data={rows}
      rowCount={total}
      getRowId={(row) => row.id}
      loading={pending}
      state={state}
      onStateChange={onStateChange}
      searchLabel="Search tenants by name, slug or owner email"
      searchPlaceholder="Name, slug or owner email…"
      filters={[
        { columnId: "tier", label: "Tier", options: TIER_OPTIONS },
        { columnId: "status", label: "Status", options: STATUS_OPTIONS },
      ]}
      pageSize={query.pageSize}
      pageSizeOptions={pageSizes}
      emptyMessage="No tenants yet. Create the first one with “Create tenant”."
      // Keeps the wide table inside its scroll region on narrow screens (the root grid's
      // implicit column would otherwise grow to the table's width).
      className="grid-cols-[minmax(0,1fr)]"
    />
  );
}
