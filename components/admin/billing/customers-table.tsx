"use client";

import { countColumn, dateColumn, moneyColumn } from "@/components/billing/table-columns";
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { TIERS, tierLabel } from "@/lib/tenancy/tiers";

import { TenantStatusBadge } from "../status-badge";
import type { CustomerTableRow } from "./customer-rows";
import { TenantLink } from "./tenant-link";

const col = createDataTableColumnHelper<CustomerTableRow>();

const money = (key: "currentMrr" | "lifetimeValue" | "totalPaid" | "totalRefunded", header: string) =>
  moneyColumn({ id: key, header, amount: (r: CustomerTableRow) => r[key], currency: (r) => r.currency });

const date = (key: "firstPaymentAt" | "lastPaymentAt", header: string) =>
  dateColumn({ id: key, header, value: (r: CustomerTableRow) => r[key] });

const columns = col.columns([
  // Name and slug in one value: the search finds either, the sort follows the name.
  col.accessor((r) => `${r.name} ${r.slug}`, {
    id: "tenant",
    header: "Tenant",
    sortFn: "text",
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <span className="grid gap-0.5">
        <TenantLink tenantId={row.original.tenantId}>{row.original.name}</TenantLink>
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
        {row.original.status !== "ACTIVE" && <TenantStatusBadge status={row.original.status} trialing={false} />}
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
  countColumn({ id: "payments", header: "Payments", value: (r: CustomerTableRow) => r.payments }),
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
