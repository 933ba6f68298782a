// DataTable's bar above the table: the text search, the select filters, "Clear filters" and extra content.
import * as React from "react";
import type { ColumnFiltersState, RowData } from "@tanstack/react-table";
import { Search, X } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

import type { DataTableFilter, DataTableInstance } from "./data-table-features";

const ALL = "__all__";

export function DataTableToolbar<TData extends RowData>({
  table,
  label,
  searchable,
  searchPlaceholder,
  searchLabel,
  searchText,
  onSearch,
  filters,
  server,
  columnFilters,
  filtering,
  onClearFilters,
  toolbar,
}: {
  table: DataTableInstance<TData>;
  label: string;
  searchable: boolean;
  searchPlaceholder: string;
  searchLabel?: string;
  searchText: string;
  onSearch: (value: string) => void;
  filters?: DataTableFilter[];
  server: boolean;
  columnFilters: ColumnFiltersState;
  filtering: boolean;
  onClearFilters: () => void;
  toolbar?: React.ReactNode;
}) {
  const searchId = React.useId();
  return (
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
        <ColumnSelectFilter key={filter.columnId} table={table} filter={filter} server={server} value={columnFilters} />
      ))}
      {filtering && (
        <Button type="button" variant="ghost" size="sm" onClick={onClearFilters}>
          <X aria-hidden />
          Clear filters
        </Button>
      )}
      {toolbar && <div className="ml-auto flex flex-wrap items-center gap-2">{toolbar}</div>}
    </div>
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
      <NativeSelect
        size="sm"
        wrapperClassName="w-40"
        aria-labelledby={id}
        value={selected === undefined || selected === "" ? ALL : String(selected)}
        onChange={(event) => column.setFilterValue(event.target.value === ALL ? undefined : event.target.value)}
      >
        <option value={ALL}>All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
