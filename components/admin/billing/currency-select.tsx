"use client";

import * as React from "react";
import { useRouter } from "next/navigation";

import { NativeSelect } from "@/components/ui/native-select";

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
      <NativeSelect
        size="sm"
        wrapperClassName="w-28"
        aria-labelledby={labelId}
        aria-busy={pending || undefined}
        value={value}
        onChange={(event) => {
          const option = options.find((o) => o.value === event.target.value);
          if (option) startTransition(() => router.push(option.href));
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.value.toUpperCase()}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
