// DataTable's state: each slice controlled through `state` or kept internally, and the search box text.
import * as React from "react";
import type { ColumnFiltersState, PaginationState, SortingState } from "@tanstack/react-table";

import type { DataTableState } from "./data-table-features";

const EMPTY_SORTING: SortingState = [];
const EMPTY_FILTERS: ColumnFiltersState = [];
const SEARCH_DEBOUNCE_MS = 300;

/** DataTable's props for its state (see data-table.tsx). */
export interface DataTableStateProps {
  initialSorting?: SortingState;
  state?: Partial<DataTableState>;
  onSortingChange?: (sorting: SortingState) => void;
  onGlobalFilterChange?: (globalFilter: string) => void;
  onColumnFiltersChange?: (columnFilters: ColumnFiltersState) => void;
  onPaginationChange?: (pagination: PaginationState) => void;
  onStateChange?: (state: DataTableState, changed: keyof DataTableState) => void;
}

/**
 * The current state (controlled slices win over internal ones), the latest state for callbacks
 * that run after several updates in one event, and `apply` to change slices and report them.
 */
export function useDataTableState(
  {
    initialSorting,
    state: controlled,
    onSortingChange,
    onGlobalFilterChange,
    onColumnFiltersChange,
    onPaginationChange,
    onStateChange,
  }: DataTableStateProps,
  server: boolean,
  pageSize: number,
) {
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

  return { current, latest, apply };
}

/**
 * The search box keeps its own text so typing stays instant; server mode reports it debounced.
 * The text follows `globalFilter` when that changes from outside.
 */
export function useSearchText(globalFilter: string, server: boolean, setGlobalFilter: (value: string) => void) {
  const [text, setText] = React.useState(globalFilter);
  const [lastGlobalFilter, setLastGlobalFilter] = React.useState(globalFilter);
  if (lastGlobalFilter !== globalFilter) {
    setLastGlobalFilter(globalFilter);
    setText(globalFilter);
  }
  const debounce = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  React.useEffect(() => () => clearTimeout(debounce.current), []);
  const change = (value: string) => {
    setText(value);
    clearTimeout(debounce.current);
    if (server) debounce.current = setTimeout(() => setGlobalFilter(value), SEARCH_DEBOUNCE_MS);
    else setGlobalFilter(value);
  };
  const clear = () => {
    clearTimeout(debounce.current);
    setText("");
  };
  return { text, change, clear };
}
