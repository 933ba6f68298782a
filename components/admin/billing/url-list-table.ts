"use client";
// A server-mode DataTable whose state is the page's URL (search text, column filters, sort, dir,
// page, pageSize): each change pushes a new URL, the server component fetches that one page, and
// back/forward or a shared link restore the same view. The requested state shows at once while
// its page loads. Used by the operator's invoice and webhook lists; any list whose query has this
// shape can use it (the tenant list has).
import * as React from "react";
import { usePathname, useRouter } from "next/navigation";

import type { DataTableState } from "@/components/tables/data-table";

/** The part of a list query every such list has. */
export interface ListQuery {
  sort: string;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

/** How a list's query maps onto the table: which key the search box edits, which keys are filters. */
export interface ListShape<Q extends ListQuery> {
  defaults: { sort: Q["sort"]; dir: Q["dir"]; pageSize: number };
  /** The query key of the search box's text. */
  searchKey: keyof Q & string;
  /** Query keys filtered by a select: each is also the id of its column. */
  filterKeys: readonly (keyof Q & string)[];
}

const PAGE_SIZES = [10, 25, 50, 100];

/** The query string for a list state, leaving defaults out so URLs stay short. */
function listSearch<Q extends ListQuery>(query: Q, shape: ListShape<Q>): string {
  const params = new URLSearchParams();
  for (const key of [shape.searchKey, ...shape.filterKeys]) {
    const value = query[key];
    if (typeof value === "string" && value) params.set(key, value);
  }
  if (query.sort !== shape.defaults.sort || query.dir !== shape.defaults.dir) {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== shape.defaults.pageSize) params.set("pageSize", String(query.pageSize));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function toTableState<Q extends ListQuery>(query: Q, shape: ListShape<Q>): DataTableState {
  return {
    sorting: [{ id: query.sort, desc: query.dir === "desc" }],
    globalFilter: String(query[shape.searchKey] ?? ""),
    columnFilters: shape.filterKeys.flatMap((id) => (query[id] ? [{ id, value: query[id] }] : [])),
    pagination: { pageIndex: query.page - 1, pageSize: query.pageSize },
  };
}

function fromTableState<Q extends ListQuery>(state: DataTableState, shape: ListShape<Q>): Q {
  // Removing a sort (third click on a header) returns to the list's default order.
  const sort = state.sorting[0];
  const filter = (id: string) => {
    const value = state.columnFilters.find((f) => f.id === id)?.value;
    return typeof value === "string" ? value : "";
  };
  // The server parses the URL again: a value outside a filter's options is refused there.
  return {
    [shape.searchKey]: state.globalFilter.trim(),
    ...Object.fromEntries(shape.filterKeys.map((key) => [key, filter(key)])),
    sort: sort?.id ?? shape.defaults.sort,
    dir: sort ? (sort.desc ? "desc" : "asc") : shape.defaults.dir,
    page: state.pagination.pageIndex + 1,
    pageSize: state.pagination.pageSize,
  } as unknown as Q;
}

/**
 * The server-mode DataTable props for a list whose state is the URL: spread them onto the table
 * with `mode="server"`.
 */
export function useUrlListTable<Q extends ListQuery>(query: Q, shape: ListShape<Q>) {
  const router = useRouter();
  const pathname = usePathname();
  const [loading, startTransition] = React.useTransition();
  const [shown, setShown] = React.useOptimistic(query);
  const state = React.useMemo(() => toTableState(shown, shape), [shown, shape]);
  const pageSizeOptions = React.useMemo(
    () => [...new Set([...PAGE_SIZES, query.pageSize])].sort((a, b) => a - b),
    [query.pageSize],
  );
  const onStateChange = (next: DataTableState) => {
    const nextQuery = fromTableState(next, shape);
    startTransition(() => {
      setShown(nextQuery);
      router.push(`${pathname}${listSearch(nextQuery, shape)}`, { scroll: false });
    });
  };
  return { state, onStateChange, loading, pageSize: query.pageSize, pageSizeOptions };
}
