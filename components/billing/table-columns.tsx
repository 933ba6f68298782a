// Column builders for the billing tables (the workspace's invoices and orders, the operator's
// customers, invoices, payouts and webhook events), so an amount, a date or a status reads, sorts
// and filters the same in every table. Each takes the value from the row with an accessor function.
import type * as React from "react";
import type { RowData } from "@tanstack/react-table";

import { createDataTableColumnHelper } from "@/components/tables/data-table";
import { cn } from "@/components/ui/cn";
import { Time } from "@/components/workspace/time";
import { formatCount, formatMoney } from "@/lib/format";

/** An em dash for a missing value; `label` says what it means to screen readers. */
export function Dash({ label }: { label?: string }) {
  return <span className="text-muted-foreground">—{label && <span className="sr-only">{label}</span>}</span>;
}

type SortOptions = { enableSorting?: boolean; enableMultiSort?: boolean; sortDescFirst?: boolean };

/** Server-mode tables order by one column at a time, starting ascending or descending. */
export const serverSort = (descFirst: boolean) => ({ enableMultiSort: false, sortDescFirst: descFirst });

/** Numbers: right-aligned, largest first, not searched. */
const NUMERIC = { sortFn: "basic", sortDescFirst: true, enableGlobalFilter: false, meta: { align: "end" } } as const;

/** An amount in minor units of the row's currency: right-aligned, largest first, not searched. */
export function moneyColumn<T extends RowData>({
  id,
  header,
  amount,
  currency,
  signed = false,
  loss = false,
  sort,
}: {
  id: string;
  header: string;
  amount: (row: T) => number;
  currency: (row: T) => string;
  /** Red below zero. */
  signed?: boolean;
  /** A loss (e.g. churn): shown below zero, in red, and sorted by its size. */
  loss?: boolean;
  sort?: SortOptions;
}) {
  return createDataTableColumnHelper<T>().accessor(amount, {
    id,
    header,
    ...NUMERIC,
    ...sort,
    cell: ({ getValue, row }) => {
      const value = loss && getValue() > 0 ? -getValue() : getValue();
      return (
        <span className={cn("tabular-nums", (signed || loss) && value < 0 && "text-destructive")}>
          {formatMoney(value, currency(row.original))}
        </span>
      );
    },
  });
}

/** A count: right-aligned, largest first, not searched. */
export function countColumn<T extends RowData>({
  id,
  header,
  value,
}: {
  id: string;
  header: string;
  value: (row: T) => number;
}) {
  return createDataTableColumnHelper<T>().accessor(value, {
    id,
    header,
    ...NUMERIC,
    cell: ({ getValue }) => <span className="tabular-nums">{formatCount(getValue())}</span>,
  });
}

/** A date (or date and time), newest first, not searched; a missing one is a dash. */
export function dateColumn<T extends RowData>({
  id,
  header,
  value,
  withTime = false,
  missing = "None",
  sort,
}: {
  id: string;
  header: string;
  value: (row: T) => Date | string | null;
  withTime?: boolean;
  /** What a missing date means, for screen readers. */
  missing?: string;
  sort?: SortOptions;
}) {
  // ISO strings: they sort as text in time order, and "" (missing) sorts last when newest is first.
  return createDataTableColumnHelper<T>().accessor((row) => iso(value(row)), {
    id,
    header,
    sortFn: "text",
    sortDescFirst: true,
    enableGlobalFilter: false,
    ...sort,
    cell: ({ getValue }) =>
      getValue() ? (
        <Time value={getValue()} withTime={withTime} className="whitespace-nowrap tabular-nums" />
      ) : (
        <Dash label={missing} />
      ),
  });
}

function iso(value: Date | string | null): string {
  return value instanceof Date ? value.toISOString() : (value ?? "");
}

/** The row's status as its badge, filtered by an exact status (the table's "Status" filter). */
export function statusColumn<T extends RowData, S extends string>({
  status,
  Badge,
  sort,
}: {
  status: (row: T) => S;
  Badge: React.ComponentType<{ status: S }>;
  /** Sorting options, e.g. `serverSort(true)`. */
  sort?: SortOptions;
}) {
  return createDataTableColumnHelper<T>().accessor(status, {
    id: "status",
    header: "Status",
    filterFn: "equalsString",
    sortFn: "text",
    enableGlobalFilter: false,
    ...sort,
    cell: ({ getValue }) => <Badge status={getValue()} />,
  });
}
