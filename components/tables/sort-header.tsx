// A column header of a small hand-rolled table that sorts by one key at a time (one direction per
// key): a button inside the <th>, with aria-sort telling screen readers which column sorts the rows.
import type * as React from "react";

import { cn } from "@/components/ui/cn";

export function SortHeader<K extends string>({
  column,
  sort,
  direction,
  onSort,
  className,
  children,
}: {
  column: K;
  sort: K;
  direction: "ascending" | "descending";
  onSort: (column: K) => void;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <th scope="col" aria-sort={sort === column ? direction : "none"} className={cn("py-2 font-medium", className)}>
      <button type="button" onClick={() => onSort(column)}>
        {children}
      </button>
    </th>
  );
}
