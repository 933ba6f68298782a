import * as React from "react";
import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

/** Decorative spinning icon. Pair it with visible text or an sr-only label. */
export function Spinner({ className, ...props }: React.ComponentProps<"svg">) {
  return <LoaderCircle aria-hidden className={cn("size-4 animate-spin", className)} {...props} />;
}
