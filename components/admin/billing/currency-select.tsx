"use client";

import * as React from "react";
import { useRouter } from "next/navigation";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

/** Switches the report's currency by navigating to the option's URL (the server renders the report). */
export function CurrencySelect({ value, options }: { value: string; options: { value: string; href: string }[] }) {
  const router = useRouter();
  const labelId = React.useId();
  const [pending, startTransition] = React.useTransition();
  return (
    <div className="flex items-center gap-2">
      <span id={labelId} className="text-sm text-muted-foreground">
        Currency
      </span>
      <Select
        value={value}
        onValueChange={(next) => {
          const option = options.find((o) => o.value === next);
          if (option) startTransition(() => router.push(option.href));
        }}
      >
        <SelectTrigger size="sm" className="w-28" aria-labelledby={labelId} aria-busy={pending || undefined}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.value.toUpperCase()}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
