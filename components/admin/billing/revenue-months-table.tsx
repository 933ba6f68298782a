"use client";

import * as React from "react";

import { monthLabel, signedPercent } from "@/components/charts/chart-format";
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { cn } from "@/components/ui/cn";
import type { RevenueMonth } from "@/lib/billing/reports/revenue-math";
import { formatCount, formatMoney } from "@/lib/format";

const col = createDataTableColumnHelper<RevenueMonth>();

function columnsFor(currency: string) {
  const money = (value: number, signed = false) => (
    <span className={cn("tabular-nums", signed && value < 0 && "text-destructive")}>
      {formatMoney(value, currency)}
    </span>
  );
  const amount = (key: "mrr" | "netNewMrr" | "cashCollected" | "refunds" | "netRevenue", header: string) =>
    col.accessor(key, {
      header,
      sortFn: "basic",
      enableGlobalFilter: false,
      meta: { align: "end" },
      cell: ({ getValue }) => money(getValue(), key === "netNewMrr" || key === "netRevenue"),
    });
  const movement = (kind: keyof RevenueMonth["movements"], header: string, negative = false) =>
    col.accessor((m) => m.movements[kind], {
      id: kind,
      header,
      sortFn: "basic",
      enableGlobalFilter: false,
      meta: { align: "end" },
      cell: ({ getValue }) => {
        const value = getValue();
        return money(negative && value > 0 ? -value : value, negative);
      },
    });
  return col.columns([
    col.accessor("month", {
      header: "Month",
      sortFn: "text",
      meta: { rowHeader: true },
      cell: ({ getValue }) => <time dateTime={getValue()}>{monthLabel(getValue())}</time>,
    }),
    amount("mrr", "MRR"),
    amount("netNewMrr", "Net new MRR"),
    movement("new", "New"),
    movement("reactivation", "Reactivation"),
    movement("expansion", "Expansion"),
    movement("contraction", "Contraction", true),
    movement("churn", "Churn", true),
    col.accessor((m) => m.momPercent ?? Number.NEGATIVE_INFINITY, {
      id: "momPercent",
      header: "MoM",
      sortFn: "basic",
      enableGlobalFilter: false,
      meta: { align: "end" },
      cell: ({ row }) => <span className="tabular-nums">{signedPercent(row.original.momPercent)}</span>,
    }),
    col.accessor("customers", {
      header: "Customers",
      sortFn: "basic",
      enableGlobalFilter: false,
      meta: { align: "end" },
      cell: ({ getValue }) => <span className="tabular-nums">{formatCount(getValue())}</span>,
    }),
    amount("cashCollected", "Cash collected"),
    amount("refunds", "Refunds"),
    amount("netRevenue", "Net revenue"),
  ]);
}

/** Every month of the report in one currency: sortable, searchable by month ("2026-03"). */
export function RevenueMonthsTable({ months, currency }: { months: RevenueMonth[]; currency: string }) {
  const columns = React.useMemo(() => columnsFor(currency), [currency]);
  return (
    <DataTable
      label="Revenue by month"
      columns={columns}
      data={months}
      getRowId={(m) => m.month}
      searchPlaceholder="Month, e.g. 2026-03"
      searchLabel="Search months"
      initialSorting={[{ id: "month", desc: true }]}
      pageSize={12}
      pageSizeOptions={[12, 24, 60, 120]}
      emptyMessage="No months in this range."
    />
  );
}
