import * as React from "react";
import { cn } from "./cn";

/** Placeholder block while content loads. Decorative: mark the loading region with `aria-busy`. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div data-slot="skeleton" aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />
  );
}
