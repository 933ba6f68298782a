"use client";

import * as React from "react";
import { Progress as ProgressPrimitive } from "radix-ui";
import { cn } from "./cn";

type Tone = "default" | "success" | "warning" | "destructive" | "auto";

export type ProgressProps = Omit<React.ComponentProps<typeof ProgressPrimitive.Root>, "value" | "max" | "children"> & {
  /** Accessible name, shown above the bar unless `hideLabel`. */
  label: string;
  /** Current value; `null` means indeterminate. Values above `max` are drawn full (and reported as such in `valueText`). */
  value: number | null;
  max?: number;
  /** Human text for the value, e.g. "7,200 of 10,000 calls". Defaults to a percentage. Read by screen readers. */
  valueText?: string;
  hideLabel?: boolean;
  /** Bar colour. `auto`: warning from 80 %, destructive from 100 % (usage meters). */
  tone?: Tone;
  indicatorClassName?: string;
};

const TONE_CLASS: Record<Exclude<Tone, "auto">, string> = {
  default: "bg-brand",
  success: "bg-success",
  warning: "bg-warning",
  destructive: "bg-destructive",
};

export function Progress({
  label,
  value,
  max = 100,
  valueText,
  hideLabel = false,
  tone = "default",
  className,
  indicatorClassName,
  ...props
}: ProgressProps) {
  const labelId = React.useId();
  const safeMax = max > 0 ? max : 100;
  const ratio = value === null ? null : Math.max(0, value) / safeMax;
  const clamped = value === null ? null : Math.min(Math.max(0, value), safeMax);
  const percent = ratio === null ? null : Math.round(ratio * 100);
  const text = valueText ?? (percent === null ? "Loading" : `${percent}%`);
  const resolvedTone: Exclude<Tone, "auto"> =
    tone === "auto"
      ? ratio !== null && ratio >= 1
        ? "destructive"
        : ratio !== null && ratio >= 0.8
          ? "warning"
          : "default"
      : tone;

  return (
    <div data-slot="progress" className={cn("grid gap-1.5", className)}>
      <div className={cn("flex items-baseline justify-between gap-2 text-sm", hideLabel && "sr-only")}>
        <span id={labelId} className="font-medium">
          {label}
        </span>
        <span className="text-muted-foreground tabular-nums" aria-hidden>
          {text}
        </span>
      </div>
      <ProgressPrimitive.Root
        aria-labelledby={labelId}
        value={clamped}
        max={safeMax}
        getValueLabel={() => text}
        className="relative h-2 w-full overflow-hidden rounded-full bg-muted"
        {...props}
      >
        <ProgressPrimitive.Indicator
          className={cn(
            "h-full w-full flex-1 transition-transform",
            TONE_CLASS[resolvedTone],
            clamped === null && "w-1/3 animate-pulse",
            indicatorClassName,
          )}
          style={clamped === null ? undefined : { transform: `translateX(-${100 - (clamped / safeMax) * 100}%)` }}
        />
      </ProgressPrimitive.Root>
    </div>
  );
}
