// DataTable's rows, or the loading / no-results / empty message when there are none.
import type * as React from "react";
import type { Row, RowData } from "@tanstack/react-table";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TableBody, TableCell, TableHead, TableRow } from "@/components/ui/table";

import type { DataTableFeatures, DataTableInstance } from "./data-table-features";

export function DataTableBody<TData extends RowData>({
  table,
  rows,
  loading,
  filtering,
  emptyMessage,
  onClearFilters,
  rowClassName,
}: {
  table: DataTableInstance<TData>;
  rows: Row<DataTableFeatures, TData>[];
  loading: boolean;
  filtering: boolean;
  emptyMessage: React.ReactNode;
  onClearFilters: () => void;
  rowClassName?: (row: TData) => string | undefined;
}) {
  return (
    <TableBody>
      {rows.length === 0 ? (
        <TableRow className="hover:bg-transparent">
          <TableCell colSpan={table.getAllLeafColumns().length} className="h-24 text-center text-muted-foreground">
            {loading ? (
              "Loading…"
            ) : filtering ? (
              <span className="inline-flex flex-wrap items-center justify-center gap-2">
                No results match your search.
                <Button type="button" variant="link" size="sm" className="h-auto p-0" onClick={onClearFilters}>
                  Clear filters
                </Button>
              </span>
            ) : (
              emptyMessage
            )}
          </TableCell>
        </TableRow>
      ) : (
        rows.map((row) => (
          <DataTableRow key={row.id} row={row} table={table} className={rowClassName?.(row.original)} />
        ))
      )}
    </TableBody>
  );
}

function DataTableRow<TData extends RowData>({
  row,
  table,
  className,
}: {
  row: Row<DataTableFeatures, TData>;
  table: DataTableInstance<TData>;
  className?: string;
}) {
  return (
    <TableRow className={className}>
      {row.getAllCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        const classes = cn(meta?.align === "end" && "text-right", meta?.cellClassName);
        return meta?.rowHeader ? (
          <TableHead key={cell.id} scope="row" className={cn("h-auto py-2.5 font-medium", classes)}>
            <table.FlexRender cell={cell} />
          </TableHead>
        ) : (
          <TableCell key={cell.id} className={classes}>
            <table.FlexRender cell={cell} />
          </TableCell>
        );
      })}
    </TableRow>
  );
}
