import * as React from "react";
import { cn } from "./cn";

/** Placeholder block while content loads. Decorative: mark the loading region with `aria-busy`. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div data-slot="skeleton" aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />
  );
}

/**
 * A loading page: announces `label` to screen readers and shows a page-header placeholder (title
 * and description bars, widths set by their classes) above `children`.
 */
export function PageSkeleton({
  label,
  titleClassName,
  descriptionClassName,
  className,
  children,
}: {
  label: string;
  titleClassName?: string;
  descriptionClassName?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div aria-busy="true" aria-live="polite" className={cn("grid gap-6", className)}>
      <span className="sr-only">{label}</span>
      <div className="grid gap-2 pb-2">
        <Skeleton className={cn("h-8", titleClassName)} />
        <Skeleton className={cn("h-4 max-w-full", descriptionClassName)} />
      </div>
      {children}
    </div>
  );
}

/** A table loading: anything above it (`children`, e.g. a button bar), the search bar and `rows` rows. */
export function TableSkeleton({ rows = 5, children }: { rows?: number; children?: React.ReactNode }) {
  return (
    <div className="grid gap-3">
      {children}
      <Skeleton className="h-9 w-64" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-11" />
      ))}
    </div>
  );
}
