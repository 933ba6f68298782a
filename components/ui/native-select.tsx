// The app's select: a native <select> styled like the text inputs, with the platform's own list,
// keyboard handling and dark mode (color-scheme), and no script of its own, so it also works in
// server components. It replaced the Radix Select, which brought ≈ 25 kB of gzip JavaScript (its
// popper, focus and dismiss layers) to every table and form page (docs/decisions.md, "Page
// weight, third pass"). Form fields use it through ./field-select.tsx.
import * as React from "react";
import { ChevronDown } from "lucide-react";

import { cn } from "./cn";

export function NativeSelect({
  className,
  size = "default",
  wrapperClassName,
  ...props
}: Omit<React.ComponentProps<"select">, "size"> & { size?: "sm" | "default"; wrapperClassName?: string }) {
  return (
    <span className={cn("relative inline-flex w-full", wrapperClassName)}>
      <select
        data-slot="native-select"
        data-size={size}
        className={cn(
          "w-full cursor-pointer appearance-none rounded-md border border-input bg-background py-2 pr-8 pl-3 text-sm shadow-xs",
          "disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive",
          "data-[size=default]:h-9 data-[size=sm]:h-8 data-[size=sm]:py-1",
          className,
        )}
        {...props}
      />
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 opacity-60"
      />
    </span>
  );
}
