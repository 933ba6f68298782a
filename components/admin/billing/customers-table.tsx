"use client";

import Link from "next/link";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { TIERS } from "@/lib/tenancy/tiers";
import { formatCount, formatMoney, tierLabel } from "@/lib/format";
import { Time } from "@/components/workspace/time";

import type { CustomerTableRow } from "./customer-rows";

const col = createDataTableColumnHelper<CustomerTableRow>();

const money = (key: "currentMrr" | "lifetimeValue" | "totalPaid" | "totalRefunded", header: string) =>
  col.accessor(key, {
    header,
    sortFn: "basic",
    sortDescFirst: true,
    enableGlobalFilter: false,
    meta: { align: "end" },
    cell: ({ getValue, row }) => <span className="tabular-nums">{formatMoney(getValue(), row.original.currency)}</span>,
  });

const date = (key: "firstPaymentAt" | "lastPaymentAt", header: string) =>
  col.accessor((r) => r[key] ?? "", {
    id: key,
    header,
    sortFn: "text",
    sortDescFirst: true,
    enableGlobalFilter: false,
    cell: ({ getValue }) => {
      const value = getValue();
      return value ? (
        <Time value={value} className="tabular-nums" />
      ) : (
        <span className="text-muted-foreground">
          —<span className="sr-only">none</span>
        </span>
      );
    },
  });

const columns = col.columns([
  // Name and slug in one value: the search finds either, the sort follows the name.
  col.accessor((r) => `${r.name} ${r.slug}`, {
    id: "tenant",
    header: "Tenant",
    sortFn: "text",
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <Link
          href={`/admin/tenants/${row.original.tenantId}`}
          className="rounded-sm font-medium text-foreground underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {row.original.name}
        </Link>
        <span className="font-mono text-xs text-muted-foreground">{row.original.slug}</span>
      </span>
    ),
  }),
  // The tier's rank as text ("0" = Free … "4" = White label): sorts by rank, filters by option.
  col.accessor((r) => String(TIERS.indexOf(r.tier)), {
    id: "tier",
    header: "Tier",
    filterFn: "equalsString",
    sortFn: "text",
    enableGlobalFilter: false,
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-1">
        {row.original.tierLabel}
        {row.original.status !== "ACTIVE" && (
          <Badge variant={row.original.status === "DELETED" ? "destructive" : "warning"}>
            {row.original.status === "DELETED" ? "Deleted" : "Suspended"}
          </Badge>
        )}
      </span>
    ),
  }),
  col.accessor("currency", {
    header: "Currency",
    filterFn: "equalsString",
    cell: ({ getValue }) => <span className="uppercase">{getValue()}</span>,
  }),
  money("currentMrr", "Current MRR"),
  money("lifetimeValue", "Lifetime value"),
  money("totalPaid", "Total paid"),
  money("totalRefunded", "Refunded"),
  col.accessor("payments", {
    header: "Payments",
    sortFn: "basic",
    sortDescFirst: true,
    enableGlobalFilter: false,
    meta: { align: "end" },
    cell: ({ getValue }) => <span className="tabular-nums">{formatCount(getValue())}</span>,
  }),
  date("firstPaymentAt", "First payment"),
  date("lastPaymentAt", "Last payment"),
]);

const TIER_OPTIONS = TIERS.map((tier, rank) => ({ value: String(rank), label: tierLabel(tier) }));

/** Every paying or subscribed tenant, one row per currency: sort any column, search by name, filter by tier and currency. */
export function CustomersTable({ rows }: { rows: CustomerTableRow[] }) {
  const currencies = [...new Set(rows.map((r) => r.currency))]
    .sort()
    .map((c) => ({ value: c, label: c.toUpperCase() }));
  return (
    <DataTable
      label="Customers"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      searchPlaceholder="Search tenant name or slug"
      searchLabel="Search customers"
      filters={[
        { columnId: "tier", label: "Tier", options: TIER_OPTIONS },
        { columnId: "currency", label: "Currency", options: currencies },
      ]}
      initialSorting={[{ id: "lifetimeValue", desc: true }]}
      pageSize={25}
      emptyMessage="No tenant has subscribed or paid yet."
    />
  );
}
