import * as React from "react";
import { cn } from "./cn";

export const inputClassName = cn(
  "flex h-9 w-full min-w-0 rounded-md border border-input bg-background px-3 py-1 text-base shadow-xs md:text-sm",
  "placeholder:text-muted-foreground",
  "file:mr-3 file:inline-flex file:h-7 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
  "disabled:cursor-not-allowed disabled:opacity-50",
  "aria-invalid:border-destructive",
);

export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return <input type={type} data-slot="input" className={cn(inputClassName, className)} {...props} />;
}
