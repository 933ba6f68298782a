"use client";

import * as React from "react";

import { monthLabel, signedPercent } from "@/components/charts/chart-format";
import { countColumn, moneyColumn } from "@/components/billing/table-columns";
import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import type { RevenueMonth } from "@/lib/billing/reports/revenue-math";

const col = createDataTableColumnHelper<RevenueMonth>();

function columnsFor(currency: string) {
  const amount = (key: "mrr" | "netNewMrr" | "cashCollected" | "refunds" | "netRevenue", header: string) =>
    moneyColumn({
      id: key,
      header,
      amount: (m: RevenueMonth) => m[key],
      currency: () => currency,
      signed: key === "netNewMrr" || key === "netRevenue",
    });
  const movement = (kind: keyof RevenueMonth["movements"], header: string, loss = false) =>
    moneyColumn({ id: kind, header, amount: (m: RevenueMonth) => m.movements[kind], currency: () => currency, loss });
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
    countColumn({ id: "customers", header: "Customers", value: (m: RevenueMonth) => m.customers }),
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
