// DataTable's column headers: sortable columns get a button that cycles the sort and shows its direction.
import type { RowData, SortingState } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";

import { cn } from "@/components/ui/cn";
import { TableHead, TableHeader, TableRow } from "@/components/ui/table";

import type { DataTableInstance } from "./data-table-features";

export function DataTableHeader<TData extends RowData>({
  table,
  sorting,
}: {
  table: DataTableInstance<TData>;
  sorting: SortingState;
}) {
  return (
    <TableHeader>
      {table.getHeaderGroups().map((group) => (
        <TableRow key={group.id} className="hover:bg-transparent">
          {group.headers.map((header) => {
            const column = header.column;
            const meta = column.columnDef.meta;
            const sorted = column.getIsSorted();
            const canSort = column.getCanSort();
            const sortIndex = sorting.length > 1 ? column.getSortIndex() : -1;
            return (
              <TableHead
                key={header.id}
                colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                aria-sort={
                  canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined
                }
                className={cn(meta?.align === "end" && "text-right", meta?.headerClassName)}
              >
                {header.isPlaceholder ? null : canSort ? (
                  <button
                    type="button"
                    onClick={column.getToggleSortingHandler()}
                    className={cn(
                      "-mx-2 inline-flex h-8 items-center gap-1.5 rounded-md px-2 font-medium",
                      "hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                      meta?.align === "end" && "flex-row-reverse",
                    )}
                  >
                    <table.FlexRender header={header} />
                    {sorted === "asc" ? (
                      <ArrowUp aria-hidden className="size-3.5" />
                    ) : sorted === "desc" ? (
                      <ArrowDown aria-hidden className="size-3.5" />
                    ) : (
                      <ChevronsUpDown aria-hidden className="size-3.5 opacity-50" />
                    )}
                    {sortIndex >= 0 && (
                      <span aria-hidden className="text-xs text-muted-foreground tabular-nums">
                        {sortIndex + 1}
                      </span>
                    )}
                  </button>
                ) : meta?.srOnlyHeader ? (
                  <span className="sr-only">
                    <table.FlexRender header={header} />
                  </span>
                ) : (
                  <table.FlexRender header={header} />
                )}
              </TableHead>
            );
          })}
        </TableRow>
      ))}
    </TableHeader>
  );
}
