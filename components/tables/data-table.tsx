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
  columnFacetingFeature,
  columnFilteringFeature,
  createColumnHelper,
  createFacetedRowModel,
  createFacetedUniqueValues,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_arrIncludes,
  filterFn_equals,
  filterFn_equalsString,
  filterFn_includesString,
  functionalUpdate,
  globalFilteringFeature,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnFiltersState,
  type PaginationState,
  type Row,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import {
  ArrowDown,
  ArrowUp,
  ChevronLeft,
  ChevronRight,
  ChevronsLeft,
  ChevronsRight,
  ChevronsUpDown,
  Search,
  X,
} from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface DataTableColumnMeta {
  /** Plain-text column name (for consumers, e.g. column pickers or CSV headers). */
  label?: string;
  align?: "start" | "end";
  /** Render this column's cells as row headers (`<th scope="row">`), e.g. a name column. */
  rowHeader?: boolean;
  /** Keep the header for screen readers only (e.g. an "Actions" column). */
  srOnlyHeader?: boolean;
  headerClassName?: string;
  cellClassName?: string;
}

export const dataTableFeatures = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  columnFacetingFeature,
  rowSortingFeature,
  rowPaginationFeature,
  filteredRowModel: createFilteredRowModel(),
  facetedRowModel: createFacetedRowModel(),
  facetedUniqueValues: createFacetedUniqueValues(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  filterFns: {
    includesString: filterFn_includesString,
    equalsString: filterFn_equalsString,
    equals: filterFn_equals,
    arrIncludes: filterFn_arrIncludes,
  },
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, datetime: sortFn_datetime, basic: sortFn_basic },
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types vary per column (TanStack's own convention)
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

/** The column helper bound to DataTable's features (typed `meta`, filter and sort function names). */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export interface DataTableState {
  sorting: SortingState;
  globalFilter: string;
  columnFilters: ColumnFiltersState;
  pagination: PaginationState;
}

export interface DataTableFilter {
  columnId: string;
  label: string;
  options?: { value: string; label: string }[];
}

export interface DataTableProps<TData extends RowData> {
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
  initialSorting?: SortingState;
  pageSize?: number;
  pageSizeOptions?: number[];
  emptyMessage?: React.ReactNode;
  toolbar?: React.ReactNode;
  rowClassName?: (row: TData) => string | undefined;
  className?: string;
  state?: Partial<DataTableState>;
  onSortingChange?: (sorting: SortingState) => void;
  onGlobalFilterChange?: (globalFilter: string) => void;
  onColumnFiltersChange?: (columnFilters: ColumnFiltersState) => void;
  onPaginationChange?: (pagination: PaginationState) => void;
  onStateChange?: (state: DataTableState, changed: keyof DataTableState) => void;
}

const ALL = "__all__";
const EMPTY_SORTING: SortingState = [];
const EMPTY_FILTERS: ColumnFiltersState = [];
const SEARCH_DEBOUNCE_MS = 300;

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
  initialSorting,
  pageSize = 10,
  pageSizeOptions = [10, 25, 50, 100],
  emptyMessage = "Nothing here yet.",
  toolbar,
  rowClassName,
  className,
  state: controlled,
  onSortingChange,
  onGlobalFilterChange,
  onColumnFiltersChange,
  onPaginationChange,
  onStateChange,
}: DataTableProps<TData>) {
  const server = mode === "server";
  const searchId = React.useId();

  const [innerSorting, setInnerSorting] = React.useState<SortingState>(initialSorting ?? EMPTY_SORTING);
  const [innerGlobalFilter, setInnerGlobalFilter] = React.useState("");
  const [innerColumnFilters, setInnerColumnFilters] = React.useState<ColumnFiltersState>(EMPTY_FILTERS);
  const [innerPagination, setInnerPagination] = React.useState<PaginationState>({ pageIndex: 0, pageSize });

  const current: DataTableState = {
    sorting: controlled?.sorting ?? innerSorting,
    globalFilter: controlled?.globalFilter ?? innerGlobalFilter,
    columnFilters: controlled?.columnFilters ?? innerColumnFilters,
    pagination: controlled?.pagination ?? innerPagination,
  };
  // The latest state, for callbacks that run after several updates in one event.
  const latest = React.useRef(current);
  React.useLayoutEffect(() => {
    latest.current = current;
  });

  const apply = (patch: Partial<DataTableState>, changed: keyof DataTableState) => {
    const prev = latest.current;
    const next: DataTableState = { ...prev, ...patch };
    if (server && changed !== "pagination" && next.pagination.pageIndex !== 0) {
      next.pagination = { ...next.pagination, pageIndex: 0 };
    }
    latest.current = next;
    if (patch.sorting) {
      if (controlled?.sorting === undefined) setInnerSorting(next.sorting);
      onSortingChange?.(next.sorting);
    }
    if (patch.globalFilter !== undefined) {
      if (controlled?.globalFilter === undefined) setInnerGlobalFilter(next.globalFilter);
      onGlobalFilterChange?.(next.globalFilter);
    }
    if (patch.columnFilters) {
      if (controlled?.columnFilters === undefined) setInnerColumnFilters(next.columnFilters);
      onColumnFiltersChange?.(next.columnFilters);
    }
    if (next.pagination !== prev.pagination) {
      if (controlled?.pagination === undefined) setInnerPagination(next.pagination);
      onPaginationChange?.(next.pagination);
    }
    onStateChange?.(next, changed);
  };

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

  // The search box keeps its own text so typing stays instant; server mode reports it debounced.
  const [searchText, setSearchText] = React.useState(current.globalFilter);
  const [lastGlobalFilter, setLastGlobalFilter] = React.useState(current.globalFilter);
  if (lastGlobalFilter !== current.globalFilter) {
    setLastGlobalFilter(current.globalFilter);
    setSearchText(current.globalFilter);
  }
  const debounce = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  React.useEffect(() => () => clearTimeout(debounce.current), []);
  const onSearch = (value: string) => {
    setSearchText(value);
    clearTimeout(debounce.current);
    if (server) debounce.current = setTimeout(() => table.setGlobalFilter(value), SEARCH_DEBOUNCE_MS);
    else table.setGlobalFilter(value);
  };

  const rows = table.getRowModel().rows;
  const total = server ? (rowCount ?? data.length) : table.getFilteredRowModel().rows.length;
  const { pageIndex, pageSize: size } = current.pagination;
  const first = total === 0 ? 0 : pageIndex * size + 1;
  const last = Math.min(total, pageIndex * size + rows.length);
  const pageCount = Math.max(1, table.getPageCount());
  const filtering = current.globalFilter !== "" || current.columnFilters.length > 0;
  const showPager = total > Math.min(size, ...pageSizeOptions);

  const clearFilters = () => {
    clearTimeout(debounce.current);
    setSearchText("");
    apply({ globalFilter: "", columnFilters: [] }, "columnFilters");
  };

  return (
    <div className={cn("grid gap-3", className)} data-slot="data-table">
      {(searchable || (filters && filters.length > 0) || toolbar) && (
        <div className="flex flex-wrap items-end gap-2">
          {searchable && (
            <div className="relative w-full sm:w-64">
              <label htmlFor={searchId} className="sr-only">
                {searchLabel ?? `Search ${label.toLowerCase()}`}
              </label>
              <Search
                aria-hidden
                className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
              />
              <Input
                id={searchId}
                type="search"
                value={searchText}
                onChange={(event) => onSearch(event.target.value)}
                placeholder={searchPlaceholder}
                className="pl-8"
                autoComplete="off"
              />
            </div>
          )}
          {filters?.map((filter) => (
            <ColumnSelectFilter
              key={filter.columnId}
              table={table}
              filter={filter}
              server={server}
              value={current.columnFilters}
            />
          ))}
          {filtering && (
            <Button type="button" variant="ghost" size="sm" onClick={clearFilters}>
              <X aria-hidden />
              Clear filters
            </Button>
          )}
          {toolbar && <div className="ml-auto flex flex-wrap items-center gap-2">{toolbar}</div>}
        </div>
      )}

      <div className="rounded-lg border bg-card">
        <Table
          aria-busy={loading || undefined}
          scrollLabel={label}
          className={cn(loading && "opacity-60 transition-opacity")}
        >
          <TableCaption className="sr-only">{label}</TableCaption>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const column = header.column;
                  const meta = column.columnDef.meta;
                  const sorted = column.getIsSorted();
                  const canSort = column.getCanSort();
                  const sortIndex = current.sorting.length > 1 ? column.getSortIndex() : -1;
                  return (
                    <TableHead
                      key={header.id}
                      colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                      aria-sort={
                        canSort
                          ? sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : "none"
                          : undefined
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
          <TableBody>
            {rows.length === 0 ? (
              <TableRow className="hover:bg-transparent">
                <TableCell
                  colSpan={table.getAllLeafColumns().length}
                  className="h-24 text-center text-muted-foreground"
                >
                  {loading ? (
                    "Loading…"
                  ) : filtering ? (
                    <span className="inline-flex flex-wrap items-center justify-center gap-2">
                      No results match your search.
                      <Button type="button" variant="link" size="sm" className="h-auto p-0" onClick={clearFilters}>
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
        </Table>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
        <p aria-live="polite" aria-atomic="true" className="tabular-nums">
          {total === 0
            ? filtering
              ? "No results"
              : ""
            : `Showing ${first}–${last} of ${total.toLocaleString("en-US")}`}
        </p>
        {showPager && (
          <nav aria-label={`${label} pagination`} className="flex flex-wrap items-center gap-2">
            <div className="flex items-center gap-2">
              <span id={`${searchId}-size`}>Rows per page</span>
              <Select value={String(size)} onValueChange={(value) => table.setPageSize(Number(value))}>
                <SelectTrigger size="sm" className="w-18" aria-labelledby={`${searchId}-size`}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {pageSizeOptions.map((option) => (
                    <SelectItem key={option} value={String(option)}>
                      {option}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <span className="tabular-nums">
              Page {pageIndex + 1} of {pageCount}
            </span>
            <div className="flex items-center gap-1">
              <Button
                type="button"
                variant="outline"
                size="icon-sm"
                onClick={() => table.firstPage()}
                disabled={!table.getCanPreviousPage()}
                aria-label="First page"
              >
                <ChevronsLeft aria-hidden />
              </Button>
              <Button
                type="button"
                variant="outline"
                size="icon-sm"
                onClick={() => table.previousPage()}
                disabled={!table.getCanPreviousPage()}
                aria-label="Previous page"
              >
                <ChevronLeft aria-hidden />
              </Button>
              <Button
                type="button"
                variant="outline"
                size="icon-sm"
                onClick={() => table.nextPage()}
                disabled={!table.getCanNextPage()}
                aria-label="Next page"
              >
                <ChevronRight aria-hidden />
              </Button>
              <Button
                type="button"
                variant="outline"
                size="icon-sm"
                onClick={() => table.lastPage()}
                disabled={!table.getCanLastPage()}
                aria-label="Last page"
              >
                <ChevronsRight aria-hidden />
              </Button>
            </div>
          </nav>
        )}
      </div>
    </div>
  );
}

type DataTableInstance<TData extends RowData> = ReturnType<typeof useTable<DataTableFeatures, TData>>;

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

function ColumnSelectFilter<TData extends RowData>({
  table,
  filter,
  server,
  value,
}: {
  table: DataTableInstance<TData>;
  filter: DataTableFilter;
  server: boolean;
  value: ColumnFiltersState;
}) {
  const id = React.useId();
  const column = table.getColumn(filter.columnId);
  const selected = value.find((f) => f.id === filter.columnId)?.value;
  const facets = !server && !filter.options && column ? column.getFacetedUniqueValues() : null;
  const options =
    filter.options ??
    (facets
      ? [...facets.keys()]
          .filter((key) => key !== null && key !== undefined && key !== "")
          .map((key) => String(key))
          .sort((a, b) => a.localeCompare(b))
          .map((key) => ({ value: key, label: key }))
      : []);
  if (!column) return null;
  return (
    <div className="grid gap-1">
      <span id={id} className="text-xs font-medium text-muted-foreground">
        <span className="sr-only">Filter by </span>
        {filter.label}
      </span>
      <Select
        value={selected === undefined || selected === "" ? ALL : String(selected)}
        onValueChange={(next) => column.setFilterValue(next === ALL ? undefined : next)}
      >
        <SelectTrigger size="sm" className="w-40" aria-labelledby={id}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All</SelectItem>
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
