"use client";

/**
 * DataTable — a reusable, accessible table on TanStack Table v9 (`useTable`, `tableFeatures`).
 *
 * Columns
 *   Define columns in a Client Component with the bound helper, keep them stable (module scope
 *   or `useMemo`):
 *
 *     const col = createDataTableColumnHelper<Member>();
 *     const columns = col.columns([
 *       col.accessor("name", { header: "Name", meta: { rowHeader: true } }),
 *       col.accessor("role", { header: "Role", filterFn: "equalsString", cell: (c) => ROLE_LABELS[c.getValue()] }),
 *       col.accessor("joinedAt", { header: "Joined", cell: (c) => <time …/> }),   // Dates sort by `datetime`
 *       col.display({ id: "actions", header: "Actions", meta: { srOnlyHeader: true, align: "end" }, cell: … }),
 *     ]);
 *
 *   Accessor columns sort (click or Enter/Space on the header button; Shift adds a secondary sort;
 *   ascending → descending → unsorted, unless the column sets `sortDescFirst: true`) unless
 *   `enableSorting: false`; display columns never sort. Columns whose values are strings or
 *   numbers take part in the text search unless `enableGlobalFilter: false`.
 *   `meta` (DataTableColumnMeta): label (plain-text column name, free for consumers), align,
 *   rowHeader (cells render as <th scope="row">), srOnlyHeader, headerClassName, cellClassName.
 *   Registered filter functions: includesString, equalsString, equals, arrIncludes;
 *   sort functions: alphanumeric, text, datetime, basic.
 *
 * Props
 *   columns, data          required; stable references
 *   label                  required accessible name of the table (rendered as a visually hidden caption)
 *   getRowId?              row identity (default: index)
 *   searchable? = true     show the global text filter; searchPlaceholder?, searchLabel?
 *   filters?               select filters: [{ columnId, label, options?: [{ value, label }] }]; the
 *                          control's accessible name is "Filter by <label>"
 *                          (client mode derives options from the data when omitted; the column
 *                          should use `filterFn: "equalsString"` or "equals")
 *   initialSorting?, pageSize? = 10, pageSizeOptions? = [10, 25, 50, 100]
 *   emptyMessage?          shown when there are no rows at all (default "Nothing here yet.")
 *   toolbar?               extra content on the right of the search/filter bar
 *   rowClassName?(row)     per-row classes
 *
 * Server-side mode (e.g. /admin lists)
 *   mode="server" turns off client sorting, filtering and pagination: pass the current page as
 *   `data`, the total as `rowCount`, and fetch when the state changes. State can be controlled
 *   slice by slice through `state` ({ sorting, globalFilter, columnFilters, pagination }); a slice
 *   not given in `state` is kept internally. Changes are reported with resolved values:
 *     onSortingChange(sorting), onGlobalFilterChange(text), onColumnFiltersChange(filters),
 *     onPaginationChange(pagination), and onStateChange(nextFullState, changedSlice).
 *   In server mode a sort/filter change also resets pageIndex to 0 (reported in the same
 *   onStateChange call and via onPaginationChange), and the search box reports after 300 ms of
 *   inactivity. `loading` marks the table busy. Filter `options` are required in server mode.
 *
 *     <DataTable mode="server" label="Tenants" columns={columns} data={page.rows} rowCount={page.total}
 *       state={state} onStateChange={(next) => router.replace(`?${toSearchParams(next)}`)} />
 */
import * as React from "react";
import {
  functionalUpdate,
  useTable,
  type ColumnFiltersState,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";

import { cn } from "@/components/ui/cn";
import { Table, TableCaption } from "@/components/ui/table";

import { DataTableBody } from "./data-table-body";
import { dataTableFeatures, type DataTableColumn, type DataTableFilter } from "./data-table-features";
import { DataTableHeader } from "./data-table-header";
import { DataTablePagination } from "./data-table-pagination";
import { useDataTableState, useSearchText, type DataTableStateProps } from "./data-table-state";
import { DataTableToolbar } from "./data-table-toolbar";

export {
  createDataTableColumnHelper,
  dataTableFeatures,
  type DataTableColumn,
  type DataTableColumnMeta,
  type DataTableFeatures,
  type DataTableFilter,
  type DataTableState,
} from "./data-table-features";
export type { DataTableStateProps } from "./data-table-state";

export interface DataTableProps<TData extends RowData> extends DataTableStateProps {
  columns: ReadonlyArray<DataTableColumn<TData>>;
  data: TData[];
  label: string;
  getRowId?: (row: TData, index: number) => string;
  mode?: "client" | "server";
  /** Server mode: total rows across all pages. */
  rowCount?: number;
  loading?: boolean;
  searchable?: boolean;
  searchPlaceholder?: string;
  searchLabel?: string;
  filters?: DataTableFilter[];
  pageSize?: number;
  pageSizeOptions?: number[];
  emptyMessage?: React.ReactNode;
  toolbar?: React.ReactNode;
  rowClassName?: (row: TData) => string | undefined;
  className?: string;
}

export function DataTable<TData extends RowData>({
  columns,
  data,
  label,
  getRowId,
  mode = "client",
  rowCount,
  loading = false,
  searchable = true,
  searchPlaceholder = "Search…",
  searchLabel,
  filters,
  pageSize = 10,
  pageSizeOptions = [10, 25, 50, 100],
  emptyMessage = "Nothing here yet.",
  toolbar,
  rowClassName,
  className,
  ...stateProps
}: DataTableProps<TData>) {
  const server = mode === "server";
  const { current, latest, apply } = useDataTableState(stateProps, server, pageSize);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    state: current,
    onSortingChange: (updater: Updater<SortingState>) =>
      apply({ sorting: functionalUpdate(updater, latest.current.sorting) }, "sorting"),
    onGlobalFilterChange: (updater: Updater<string>) =>
      apply({ globalFilter: String(functionalUpdate(updater, latest.current.globalFilter) ?? "") }, "globalFilter"),
    onColumnFiltersChange: (updater: Updater<ColumnFiltersState>) =>
      apply({ columnFilters: functionalUpdate(updater, latest.current.columnFilters) }, "columnFilters"),
    onPaginationChange: (updater: Updater<PaginationState>) =>
      apply({ pagination: functionalUpdate(updater, latest.current.pagination) }, "pagination"),
    globalFilterFn: "includesString",
    manualSorting: server,
    manualFiltering: server,
    manualPagination: server,
    rowCount: server ? rowCount : undefined,
    autoResetPageIndex: !server,
    enableSortingRemoval: true,
    // Ascending first everywhere (TanStack's default starts numbers descending); a column can
    // set `sortDescFirst: true`.
    sortDescFirst: false,
  });

  const search = useSearchText(current.globalFilter, server, (value) => table.setGlobalFilter(value));

  const rows = table.getRowModel().rows;
  const total = server ? (rowCount ?? data.length) : table.getFilteredRowModel().rows.length;
  const filtering = current.globalFilter !== "" || current.columnFilters.length > 0;

  const clearFilters = () => {
    search.clear();
    apply({ globalFilter: "", columnFilters: [] }, "columnFilters");
  };

  return (
    <div className={cn("grid gap-3", className)} data-slot="data-table">
      {(searchable || (filters && filters.length > 0) || toolbar) && (
        <DataTableToolbar
          table={table}
          label={label}
          searchable={searchable}
          searchPlaceholder={searchPlaceholder}
          searchLabel={searchLabel}
          searchText={search.text}
          onSearch={search.change}
          filters={filters}
          server={server}
          columnFilters={current.columnFilters}
          filtering={filtering}
          onClearFilters={clearFilters}
          toolbar={toolbar}
        />
      )}

      <div className="rounded-lg border bg-card">
        <Table
          aria-busy={loading || undefined}
          scrollLabel={label}
          className={cn(loading && "opacity-60 transition-opacity")}
        >
          <TableCaption className="sr-only">{label}</TableCaption>
          <DataTableHeader table={table} sorting={current.sorting} />
          <DataTableBody
            table={table}
            rows={rows}
            loading={loading}
            filtering={filtering}
            emptyMessage={emptyMessage}
            onClearFilters={clearFilters}
            rowClassName={rowClassName}
          />
        </Table>
      </div>

      <DataTablePagination
        table={table}
        label={label}
        total={total}
        shown={rows.length}
        pageIndex={current.pagination.pageIndex}
        pageSize={current.pagination.pageSize}
        pageSizeOptions={pageSizeOptions}
        filtering={filtering}
      />
    </div>
  );
}
