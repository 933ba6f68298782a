"use client";

import { MAX_FUNNEL_STEPS } from "@/lib/analytics/dashboard-constants";
import type { FunnelStep } from "@/lib/analytics/dashboard-spec";

import type { CatalogEntry } from "./types";

/**
 * A funnel's steps: a metric each (counts only), an event name for custom-events steps. Open or
 * closed is kept by the builder, so it survives the grid changing hands (static → drag grid).
 */
export function StepsEditor({
  widgetId,
  title,
  steps,
  metrics,
  open,
  onOpenChange,
  onChange,
}: {
  widgetId: string;
  title: string;
  steps: FunnelStep[];
  metrics: CatalogEntry[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChange: (steps: FunnelStep[]) => void;
}) {
  const set = (i: number, patch: Partial<FunnelStep>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <details
      className="mb-2 text-xs"
      open={open}
      onToggle={(e) => {
        if (e.currentTarget.open !== open) onOpenChange(e.currentTarget.open);
      }}
    >
      <summary id={`${widgetId}-steps`} className="cursor-pointer text-muted-foreground">
        Steps of {title}
      </summary>
      <ol className="mt-1 grid gap-1">
        {steps.map((step, i) => (
          <li key={i} className="flex flex-wrap items-center gap-1">
            <label className="sr-only" htmlFor={`${widgetId}-step-${i}`}>
              Step {i + 1} metric
            </label>
            <select
              id={`${widgetId}-step-${i}`}
              className="h-7 rounded border border-input bg-background px-1"
              value={step.metric}
              onChange={(e) => set(i, { metric: e.target.value as FunnelStep["metric"], event: undefined })}
            >
              {metrics.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.label}
                </option>
              ))}
            </select>
            {step.metric === "custom_events" && (
              <>
                <label className="sr-only" htmlFor={`${widgetId}-event-${i}`}>
                  Step {i + 1} event name
                </label>
                <input
                  id={`${widgetId}-event-${i}`}
                  key={`${i}-${step.event ?? ""}`}
                  className="h-7 w-32 rounded border border-input bg-background px-1"
                  placeholder="any event"
                  maxLength={64}
                  defaultValue={step.event ?? ""}
                  onBlur={(e) => {
                    const event = e.target.value.trim();
                    if (event !== (step.event ?? "")) set(i, { event: event || undefined });
                  }}
                />
              </>
            )}
            <button
              type="button"
              className="rounded px-1 text-muted-foreground hover:bg-muted disabled:opacity-50"
              disabled={steps.length <= 2}
              aria-label={`Remove step ${i + 1}`}
              onClick={() => onChange(steps.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="mt-1 rounded border px-2 py-0.5 hover:bg-muted disabled:opacity-50"
        disabled={steps.length >= MAX_FUNNEL_STEPS || metrics.length === 0}
        onClick={() =>
          onChange([...steps, { metric: steps.at(-1)?.metric ?? (metrics[0]!.name as FunnelStep["metric"]) }])
        }
      >
        Add step
      </button>
    </details>
  );
}
