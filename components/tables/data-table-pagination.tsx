// DataTable's footer: the "Showing a–b of n" summary and, when there is more than one page's worth, the pager.
import * as React from "react";
import type { RowData } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";

import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

import type { DataTableInstance } from "./data-table-features";

export function DataTablePagination<TData extends RowData>({
  table,
  label,
  total,
  shown,
  pageIndex,
  pageSize,
  pageSizeOptions,
  filtering,
}: {
  table: DataTableInstance<TData>;
  label: string;
  /** Rows across all pages (after filtering). */
  total: number;
  /** Rows on this page. */
  shown: number;
  pageIndex: number;
  pageSize: number;
  pageSizeOptions: number[];
  filtering: boolean;
}) {
  const sizeId = React.useId();
  const first = total === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(total, pageIndex * pageSize + shown);
  const pageCount = Math.max(1, table.getPageCount());
  const showPager = total > Math.min(pageSize, ...pageSizeOptions);

  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
      <p aria-live="polite" aria-atomic="true" className="tabular-nums">
        {total === 0 ? (filtering ? "No results" : "") : `Showing ${first}–${last} of ${total.toLocaleString("en-US")}`}
      </p>
      {showPager && (
        <nav aria-label={`${label} pagination`} className="flex flex-wrap items-center gap-2">
          <div className="flex items-center gap-2">
            <span id={sizeId}>Rows per page</span>
            <NativeSelect
              size="sm"
              wrapperClassName="w-18"
              aria-labelledby={sizeId}
              value={String(pageSize)}
              onChange={(event) => table.setPageSize(Number(event.target.value))}
            >
              {pageSizeOptions.map((option) => (
                <option key={option} value={String(option)}>
                  {option}
                </option>
              ))}
            </NativeSelect>
          </div>
          <span className="tabular-nums">
            Page {pageIndex + 1} of {pageCount}
          </span>
          <div className="flex items-center gap-1">
            <PageButton label="First page" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
              <ChevronsLeft aria-hidden />
            </PageButton>
            <PageButton
              label="Previous page"
              onClick={() => table.previousPage()}
              disabled={!table.getCanPreviousPage()}
            >
              <ChevronLeft aria-hidden />
            </PageButton>
            <PageButton label="Next page" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
              <ChevronRight aria-hidden />
            </PageButton>
            <PageButton label="Last page" onClick={() => table.lastPage()} disabled={!table.getCanLastPage()}>
              <ChevronsRight aria-hidden />
            </PageButton>
          </div>
        </nav>
      )}
    </div>
  );
}

function PageButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled: boolean;
  children: React.ReactNode;
}) {
  return (
    <Button type="button" variant="outline" size="icon-sm" onClick={onClick} disabled={disabled} aria-label={label}>
      {children}
    </Button>
  );
}
