import type * as React from "react";
import { cn } from "./cn";

export type DescriptionListItem = {
  /** The term (`<dt>`); also the item's key, so unique within the list. */
  term: string;
  detail: React.ReactNode;
  /** Classes for this item's `<dd>`, after the list's `detailClassName`. */
  detailClassName?: string;
};

const LAYOUTS = {
  /** Terms beside details, a narrow term column. */
  columns: { list: "grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2.5", item: "contents" },
  /** Terms above details on small screens, beside them (11rem) from `sm` up. */
  wide: { list: "gap-3 sm:grid-cols-[11rem_1fr]", item: "contents" },
  /** Each term above its detail. */
  stacked: { list: "gap-4", item: "grid gap-1.5" },
} as const;

export type DescriptionListProps = Omit<React.ComponentProps<"dl">, "children"> & {
  items: DescriptionListItem[];
  layout?: keyof typeof LAYOUTS;
  /** Classes for every `<dt>` (replaces the default muted style). */
  termClassName?: string;
  /** Classes for every `<dd>`. */
  detailClassName?: string;
};

/** Key/value facts as a `<dl>`: `<DescriptionList items={[{ term: "Status", detail: <Badge … /> }]} />`. */
export function DescriptionList({
  items,
  layout = "columns",
  termClassName = "text-muted-foreground",
  detailClassName,
  className,
  ...props
}: DescriptionListProps) {
  const { list, item } = LAYOUTS[layout];
  return (
    <dl data-slot="description-list" className={cn("grid text-sm", list, className)} {...props}>
      {items.map(({ term, detail, detailClassName: itemDetailClassName }) => (
        <div key={term} className={item}>
          <dt className={termClassName}>{term}</dt>
          <dd className={cn(detailClassName, itemDetailClassName) || undefined}>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
